//! Sections: named, ordered views of the stories ("Latest", "Breaking", "Sport", or a user's
//! "Russia-Ukraine"), each a rule for which stories it holds. The store keeps them; the web
//! app lists a section's stories by its rule.

use newsgraph_model::EntityId;
use serde::{Deserialize, Serialize};

/// A section as the user sees it: listed by `position`, then `slug`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Its name in URLs (`russia-ukraine`): lower-case ASCII letters, digits and hyphens.
    pub slug: String,
    pub name: String,
    pub position: i64,
    pub rule: SectionRule,
}

/// Which stories a section holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SectionRule {
    /// Every story, in the front page's order.
    Latest,
    /// The stories that gained the most articles in the last `hours` hours (of the newest
    /// article stored, so that an archive that stopped growing still has its breaking news).
    Breaking { hours: u32 },
    /// A saved search: the stories with articles matching `text` (the search syntax; `OR`
    /// between words widens it) and naming every one of `entities`. Either may be empty, not
    /// both.
    Query {
        #[serde(default)]
        text: String,
        #[serde(default)]
        entities: Vec<EntityId>,
    },
}

/// Whether `slug` is fit for a URL: 1 to 64 lower-case ASCII letters, digits and inner hyphens.
pub fn valid_slug(slug: &str) -> bool {
    (1..=64).contains(&slug.len())
        && slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
}

/// A slug made of a name: "Russia-Ukraine" gives `russia-ukraine`, "Science & Tech"
/// `science-tech`; `None` when nothing of it is left.
pub fn slug_of(name: &str) -> Option<String> {
    let mut slug = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug: String = slug.trim_end_matches('-').chars().take(64).collect();
    let slug = slug.trim_end_matches('-').to_owned();
    valid_slug(&slug).then_some(slug)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_made_of_names_and_checked() {
        assert_eq!(slug_of("Russia-Ukraine").as_deref(), Some("russia-ukraine"));
        assert_eq!(slug_of("  Science & Tech!  ").as_deref(), Some("science-tech"));
        assert_eq!(slug_of("Ελλάδα"), None);
        assert_eq!(slug_of("---"), None);
        assert!(valid_slug("world") && valid_slug("top-10"));
        assert!(!valid_slug("World") && !valid_slug("-x") && !valid_slug("") && !valid_slug("a b"));
    }

    #[test]
    fn rules_read_back_from_their_json() {
        let rule = SectionRule::Query { text: "election OR vote".into(), entities: vec![EntityId(7)] };
        let json = serde_json::to_string(&rule).expect("json");
        assert_eq!(json, r#"{"kind":"query","text":"election OR vote","entities":[7]}"#);
        assert_eq!(serde_json::from_str::<SectionRule>(&json).expect("back"), rule);
        let breaking: SectionRule = serde_json::from_str(r#"{"kind":"breaking","hours":6}"#).expect("read");
        assert_eq!(breaking, SectionRule::Breaking { hours: 6 });
    }
}
