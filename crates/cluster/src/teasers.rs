//! Teaser headlines (the "related stories" links a page carries) matched to the articles they
//! name: a teaser names an article when it is that article's title, give or take a few words
//! (sites shorten and reword their own headlines in teasers: "Putin visits Minsk" for "Putin
//! visits Minsk for talks with Lukashenko").

use crate::terms::{distinct_terms, share_of_shorter};

/// Fewest terms (stop words aside) a teaser needs before it is matched at all: "Live updates"
/// or "Watch" name nothing in particular.
const FEWEST_TERMS: usize = 3;
/// Least share of the shorter headline's terms that the other must have.
const LEAST_SHARED: f32 = 0.8;

/// Whether `teaser` names the article titled `title`.
pub fn names(teaser: &str, title: &str) -> bool {
    let (a, b) = (distinct_terms(teaser), distinct_terms(title));
    let (short, long) = (a.len().min(b.len()), a.len().max(b.len()));
    // The longer may add a few words, not a whole other headline.
    short >= FEWEST_TERMS && long <= 2 * short + 2 && share_of_shorter(&a, &b) >= LEAST_SHARED
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_teaser_names_its_article_when_the_words_agree() {
        let title = "Putin visits Minsk for talks with Lukashenko";
        assert!(names("Putin visits Minsk for talks with Lukashenko", title));
        assert!(names("PUTIN VISITS MINSK, TALKS WITH LUKASHENKO", title));
        assert!(names("Putin visits Minsk", title));
        assert!(!names("Putin visits Beijing for talks with Xi", title));
        assert!(!names("Live updates", "Live updates: Putin visits Minsk"));
        assert!(!names(
            "Putin visits Minsk",
            "Putin visits Minsk, and what that means for the war in Ukraine, \
            the economy of Belarus and the region's elections next year"
        ));
        assert!(!names("", title));
    }
}
