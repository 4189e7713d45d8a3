//! `extract --enrich` run as a user would: amounts, time expressions and attributions of a real
//! scraped page beside its entities.

/// A news page with its site's chrome (teasers for other stories among it) and no date.
use crate::common::EXAMPLE_PAGE as BELARUS;
use crate::common::{Sandbox, json_lines};

#[test]
fn extract_enrich_lists_the_body_amounts_and_times_with_character_offsets() {
    let sandbox = Sandbox::new();
    let objects = json_lines(&sandbox.run_ok(&["extract", "--format", "json", "--enrich", BELARUS]));
    assert_eq!(objects.len(), 1);
    let page = &objects[0];
    assert!(page["entities"].as_array().is_some_and(|e| !e.is_empty()), "--enrich implies --entities");
    let text: Vec<char> = page["text"].as_str().expect("text").chars().collect();
    let amounts = page["amounts"].as_array().expect("amounts");
    let times = page["times"].as_array().expect("times");
    for item in amounts.iter().chain(times) {
        let (start, end) = (item["start"].as_u64().expect("start"), item["end"].as_u64().expect("end"));
        let slice: String = text[start as usize..end as usize].iter().collect();
        assert_eq!(item["text"].as_str(), Some(slice.as_str()), "{item}");
    }

    let counted = |value: f64| {
        let found = amounts.iter().find(|a| a["value"].as_f64() == Some(value));
        found.unwrap_or_else(|| panic!("no {value} in {amounts:?}"))["counted"].clone()
    };
    assert_eq!(counted(200_000.0), "new troops");
    assert_eq!(counted(3.0), "fighter planes");
    assert!(
        amounts.iter().all(|a| a["value"].as_f64() != Some(1.8e9)),
        "the $1.8bn is in a teaser headline, not the body: {amounts:?}"
    );

    // The page gives no date, so "Monday" is a day that cannot be named.
    assert_eq!(page["published"], serde_json::Value::Null);
    let monday = times.iter().find(|t| t["text"].as_str().is_some_and(|t| t.contains("Monday")));
    let monday = monday.unwrap_or_else(|| panic!("no Monday in {times:?}"));
    assert_eq!(monday["start_date"], serde_json::Value::Null, "{monday}");
    assert_eq!(monday["end_date"], serde_json::Value::Null, "{monday}");
    assert_eq!(monday["granularity"], "day", "{monday}");
}

#[test]
fn without_enrich_there_are_no_amounts_or_times() {
    let sandbox = Sandbox::new();
    let objects = json_lines(&sandbox.run_ok(&["extract", "--format", "json", "--entities", BELARUS]));
    assert!(objects[0]["entities"].is_array());
    assert!(objects[0].get("amounts").is_none() && objects[0].get("times").is_none());
    assert!(objects[0].get("attributions").is_none());
}

#[test]
fn enrich_needs_the_json_format() {
    let sandbox = Sandbox::new();
    let output = sandbox.run(&["extract", "--enrich", BELARUS]);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    assert!(String::from_utf8_lossy(&output.stderr).contains("--format json"));
    let help = sandbox.run_ok(&["extract", "--help"]);
    assert!(help.contains("--enrich") && help.contains("attributions"), "{help}");
    assert!(!help.contains("not produced yet"), "{help}");
}

#[test]
fn extract_enrich_lists_who_said_what_with_character_offsets() {
    let sandbox = Sandbox::new();
    let objects = json_lines(&sandbox.run_ok(&["extract", "--format", "json", "--enrich", BELARUS]));
    let page = &objects[0];
    let text: Vec<char> = page["text"].as_str().expect("text").chars().collect();
    let slice = |range: &serde_json::Value| -> String {
        let (start, end) = (range[0].as_u64().expect("start"), range[1].as_u64().expect("end"));
        text[start as usize..end as usize].iter().collect()
    };
    let attributions = page["attributions"].as_array().expect("attributions");
    for a in attributions {
        assert!(a["content"].as_array().is_some_and(|c| !c.is_empty()), "{a}");
        if !a["speaker"].is_null() {
            assert_eq!(a["speaker"]["text"].as_str(), Some(slice(&a["source"]).as_str()), "{a}");
        }
    }
    let peskov = attributions
        .iter()
        .find(|a| a["speaker"]["text"].as_str().is_some_and(|s| s.contains("Peskov")))
        .unwrap_or_else(|| panic!("no Peskov in {attributions:?}"));
    assert_eq!(slice(&peskov["cue"]), "told", "{peskov}");
    assert_eq!(peskov["speaker"]["entity_id"], "PER:dmitry peskov", "{peskov}");
    assert!(!slice(&peskov["content"][0]).is_empty());
}
