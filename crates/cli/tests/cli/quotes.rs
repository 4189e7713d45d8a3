//! `newsgraph quotes` run as a user would: who said what in the example page, with offsets in
//! characters into the file as read, and a clear error for an input it cannot read.

use crate::common::EXAMPLE_PAGE as BELARUS;
use crate::common::{Sandbox, json_lines};
use serde_json::Value;

/// `text[start..end]` counted in characters.
fn slice(text: &[char], range: &Value) -> String {
    let (start, end) = (range[0].as_u64().expect("start") as usize, range[1].as_u64().expect("end") as usize);
    text.get(start..end).expect("offsets inside the text").iter().collect()
}

#[test]
fn quotes_of_the_example_page_point_into_the_file_as_read() {
    let sandbox = Sandbox::new();
    let out = sandbox.run_ok(&["quotes", "--format", "json", "--published", "2022-12-20", BELARUS]);
    let objects = json_lines(&out);
    assert_eq!(objects.len(), 1, "{out}");
    let page = &objects[0];
    assert_eq!(page["source"], BELARUS);
    assert_eq!(page["published"], "2022-12-20");
    assert!(page.get("text").is_none(), "a text file's own text is not repeated");
    let file: Vec<char> = std::fs::read_to_string(BELARUS).expect("example page").chars().collect();

    let attributions = page["attributions"].as_array().expect("attributions");
    for a in attributions {
        if let Some(speaker) = a["speaker"].as_object() {
            assert_eq!(slice(&file, &a["source"]), speaker["text"].as_str().expect("speaker text"), "{a}");
        } else {
            assert!(a["source"].is_null(), "{a}");
        }
        let content = a["content"].as_array().expect("content");
        assert!(!content.is_empty(), "{a}");
        for piece in content.iter().chain(Some(&a["cue"]).filter(|c| !c.is_null())) {
            assert!(!slice(&file, piece).trim().is_empty(), "{a}");
        }
    }
    let peskov = attributions
        .iter()
        .find(|a| a["speaker"]["text"].as_str().is_some_and(|s| s.ends_with("Dmitry Peskov")))
        .unwrap_or_else(|| panic!("no Peskov in {attributions:?}"));
    assert_eq!(peskov["speaker"]["entity_id"], "PER:dmitry peskov");
    assert_eq!(slice(&file, &peskov["cue"]), "told");
    let said: String =
        peskov["content"].as_array().expect("content").iter().map(|c| slice(&file, c)).collect();
    assert!(said.contains("number one ally"), "{said}");

    // Amounts and times in the same offsets; "On Monday" resolved against --published.
    for item in
        page["amounts"].as_array().expect("amounts").iter().chain(page["times"].as_array().expect("times"))
    {
        assert_eq!(
            slice(&file, &serde_json::json!([item["start"], item["end"]])),
            item["text"].as_str().expect("text")
        );
    }
    let times = page["times"].as_array().expect("times");
    let monday = times.iter().find(|t| t["text"] == "Monday").unwrap_or_else(|| panic!("{times:?}"));
    assert_eq!(monday["start_date"], "2022-12-19");
    let amounts = page["amounts"].as_array().expect("amounts");
    assert!(amounts.iter().any(|a| a["value"].as_f64() == Some(200_000.0) && a["counted"] == "new troops"));
    assert!(amounts.iter().any(|a| a["text"] == "three fighter planes"), "{amounts:?}");
    // The teaser headlines around the article are not read: no "$1.8bn", no "Ukraine:" quote.
    assert!(!amounts.iter().any(|a| a["text"].as_str().is_some_and(|t| t.contains("1.8"))), "{amounts:?}");
    assert!(!attributions.iter().any(|a| a["speaker"]["text"] == "Ukraine"), "{attributions:?}");
    // All five speakers, each with a cue and what they said.
    for (speaker, said) in [
        ("Dmitry Peskov", "number one ally"),
        ("Serhiy Nayev", "further aggression"),
        ("Valery Zaluzhniy", "200,000 new troops"),
        ("Lukashenko", "will not join the war"),
        ("Diplomats from other countries", "very unpopular"),
    ] {
        let found = attributions.iter().any(|a| {
            let content: String =
                a["content"].as_array().expect("content").iter().map(|c| slice(&file, c)).collect();
            a["speaker"]["text"].as_str().is_some_and(|s| s.contains(speaker))
                && !a["cue"].is_null()
                && content.contains(said)
        });
        assert!(found, "no {speaker:?} saying {said:?} in {attributions:?}");
    }
}

#[test]
fn offsets_count_characters_and_line_breaks_as_written() {
    let sandbox = Sandbox::new();
    // Cyrillic first and CRLF line breaks: bytes, characters and normalised lines all differ.
    let text = "Київ, Україна.\r\n\r\nKremlin spokesman Dmitry Peskov told reporters that Belarus was Russia's \u{201c}number one ally\u{201d}.\r\n";
    let path = sandbox.write("page.txt", text);
    let out = sandbox.run_ok(&["quotes", "--format", "json", path.to_str().expect("utf-8 path")]);
    let page = &json_lines(&out)[0];
    assert_eq!(page["published"], Value::Null);
    let chars: Vec<char> = text.chars().collect();
    let attributions = page["attributions"].as_array().expect("attributions");
    let a = attributions
        .iter()
        .find(|a| a["speaker"]["text"].as_str().is_some_and(|s| s.contains("Peskov")))
        .unwrap_or_else(|| panic!("{attributions:?}"));
    assert_eq!(slice(&chars, &a["source"]), a["speaker"]["text"].as_str().expect("text"));
    assert_eq!(slice(&chars, &a["cue"]), "told");
}

#[test]
fn an_html_page_is_extracted_and_its_body_given_with_the_offsets() {
    let sandbox = Sandbox::new();
    let html = "<!DOCTYPE html><html><head><title>Talks</title></head><body><article><h1>Talks</h1>\
        <p>Kremlin spokesman Dmitry Peskov told reporters on Monday that Belarus was Russia's \u{201c}number one ally\u{201d} and that the talks would go on.</p>\
        <p>Diplomats from other countries say that sending troops to war would be very unpopular at home, and that the government knows it.</p>\
        </article></body></html>";
    let path = sandbox.write("page.html", html);
    let out = sandbox.run_ok(&["quotes", "--format", "json", path.to_str().expect("utf-8 path")]);
    let page = &json_lines(&out)[0];
    let text: Vec<char> = page["text"].as_str().expect("an HTML page carries its body").chars().collect();
    let attributions = page["attributions"].as_array().expect("attributions");
    assert!(!attributions.is_empty(), "{page}");
    for a in attributions.iter().filter(|a| !a["source"].is_null()) {
        assert_eq!(slice(&text, &a["source"]), a["speaker"]["text"].as_str().expect("text"));
    }
}

#[test]
fn unreadable_inputs_fail_alone() {
    let sandbox = Sandbox::new();
    let binary = sandbox.write("image.bin", [0u8, 159, 146, 150, 0, 1, 2, 3, 255, 0, 0, 7]);
    let huge = sandbox.write("huge.txt", "Peskov said so. ".repeat(10_000));
    let missing = sandbox.path("missing.txt");
    let args = [
        "quotes",
        "--format",
        "json",
        "--max-bytes",
        "100000",
        binary.to_str().expect("path"),
        BELARUS,
        missing.to_str().expect("path"),
        huge.to_str().expect("path"),
    ];
    let output = sandbox.run(&args);
    assert_eq!(output.status.code(), Some(3), "some inputs failed");
    let objects = json_lines(&String::from_utf8(output.stdout).expect("utf-8"));
    assert_eq!(objects.len(), 4, "one object per input, in order");
    let stderr = String::from_utf8_lossy(&output.stderr);
    for (object, why) in [(&objects[0], "binary"), (&objects[2], "cannot open"), (&objects[3], "size limit")]
    {
        assert!(object["error"].as_str().is_some_and(|e| e.contains(why)), "{object}");
        assert!(stderr.contains(object["source"].as_str().expect("source")), "{stderr}");
    }
    assert!(objects[1]["attributions"].is_array() && objects[1].get("error").is_none());

    let output = sandbox.run(&["quotes", binary.to_str().expect("path")]);
    assert_eq!(output.status.code(), Some(1), "every input failed");
}

#[test]
fn a_bad_date_is_refused_before_reading() {
    let sandbox = Sandbox::new();
    let output = sandbox.run(&["quotes", "--published", "20.12.2022", BELARUS]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("YYYY-MM-DD"));
}

#[test]
fn text_format_lists_speaker_cue_and_content() {
    let sandbox = Sandbox::new();
    let out = sandbox.run_ok(&["quotes", BELARUS]);
    assert!(out.starts_with(&format!("== {BELARUS}\n")), "{out}");
    assert!(out.lines().any(|l| l.starts_with("Kremlin spokesman Dmitry Peskov [told]: ")), "{out}");
}

#[test]
fn a_pronoun_speaker_is_the_person_named_before_it() {
    let sandbox = Sandbox::new();
    let file = sandbox.write(
        "pronoun.txt",
        "Kremlin spokesman Dmitry Peskov told reporters on Monday that the talks had gone well.\n\n\
         He said that Belarus would not send troops to Ukraine.\n",
    );
    let out = sandbox.run_ok(&["quotes", "--format", "json", file.to_str().expect("path")]);
    let objects = json_lines(&out);
    let attributions = objects[0]["attributions"].as_array().expect("attributions");
    let he = attributions
        .iter()
        .find(|a| a["speaker"]["text"] == "He")
        .unwrap_or_else(|| panic!("no attribution to \"He\" in {attributions:?}"));
    assert_eq!(he["speaker"]["entity_id"], "PER:dmitry peskov", "{he}");
}
