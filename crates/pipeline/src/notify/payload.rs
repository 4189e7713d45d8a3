//! What a delivery carries: `{section: {slug, name}, stories: [{id, headline, summary,
//! first_seen, last_seen, articles, outlets, link}]}`, the stories as they were when
//! announced, each linked to its page in the app.

use chrono::{DateTime, Utc};
use newsgraph_model::StoryId;
use newsgraph_store::{Section, StoryDigest};
use serde::Serialize;

#[derive(Serialize)]
struct Payload<'a> {
    section: SectionRef<'a>,
    stories: Vec<Story<'a>>,
}

#[derive(Serialize)]
struct SectionRef<'a> {
    slug: &'a str,
    name: &'a str,
}

#[derive(Serialize)]
struct Story<'a> {
    id: StoryId,
    headline: &'a str,
    summary: &'a [String],
    first_seen: DateTime<Utc>,
    last_seen: DateTime<Utc>,
    articles: u64,
    outlets: u64,
    /// Absolute when the app's public URL is known, else a path on it.
    link: String,
}

/// The JSON body announcing `stories` of `section`.
pub(super) fn body(section: &Section, stories: &[StoryDigest], public_url: Option<&str>) -> String {
    let base = public_url.map(|url| url.trim_end_matches('/')).unwrap_or("");
    let payload = Payload {
        section: SectionRef { slug: &section.slug, name: &section.name },
        stories: stories
            .iter()
            .map(|d| Story {
                id: d.id,
                headline: &d.headline,
                summary: &d.summary,
                first_seen: d.first_seen,
                last_seen: d.last_seen,
                articles: d.articles,
                outlets: d.outlets,
                link: format!("{base}/stories/{}", d.id.0),
            })
            .collect(),
    };
    // Strings, numbers and times only: serialising cannot fail.
    serde_json::to_string(&payload).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsgraph_store::SectionRule;

    #[test]
    fn stories_are_linked_absolutely_when_the_public_url_is_known() {
        let section =
            Section { slug: "world".into(), name: "World".into(), position: 2, rule: SectionRule::Latest };
        let at = DateTime::from_timestamp(1_671_444_000, 0).expect("time");
        let story = StoryDigest {
            id: StoryId(7),
            headline: "Putin in Minsk".into(),
            headline_article: None,
            summary: vec!["Talks were held.".into()],
            first_seen: at,
            last_seen: at,
            articles: 3,
            outlets: 2,
        };
        let json: serde_json::Value = serde_json::from_str(&body(
            &section,
            std::slice::from_ref(&story),
            Some("https://news.example/app/"),
        ))
        .expect("json");
        assert_eq!(json["section"], serde_json::json!({"slug": "world", "name": "World"}));
        let first = &json["stories"][0];
        assert_eq!(first["link"], "https://news.example/app/stories/7");
        assert_eq!(
            (first["id"].as_i64(), first["articles"].as_u64(), first["outlets"].as_u64()),
            (Some(7), Some(3), Some(2))
        );
        assert_eq!(first["first_seen"], "2022-12-19T10:00:00Z");
        assert_eq!(first["summary"][0], "Talks were held.");
        let relative: serde_json::Value =
            serde_json::from_str(&body(&section, &[story], None)).expect("json");
        assert_eq!(relative["stories"][0]["link"], "/stories/7");
    }
}
