//! The entity commands run as a user would: `tag`, `train-ner`, `bench ner` and
//! `extract --entities`, on small inputs written to a temporary directory.

use crate::common::{EXAMPLE_PAGE, Sandbox, json_lines};

/// Two documents in CoNLL-2003 columns (word, POS, chunk, gold tag), the first from the
/// opening of the CoNLL-2003 training file, so the built-in model has seen it.
const CONLL: &str = "\
-DOCSTART- -X- -X- O

EU NNP B-NP B-ORG
rejects VBZ B-VP O
German JJ B-NP B-MISC
call NN I-NP O
to TO B-VP O
boycott VB I-VP O
British JJ B-NP B-MISC
lamb NN I-NP O
. . O O

Peter NNP B-NP B-PER
Blackburn NNP I-NP I-PER

BRUSSELS NNP B-NP B-LOC
1996-08-22 CD I-NP O

-DOCSTART- -X- -X- O

The DT B-NP O
talks NNS I-NP O
in IN B-PP O
Paris NNP B-NP B-LOC
ended VBD B-VP O
on IN B-PP O
Friday NNP B-NP O
. . O O
";

/// Enough tagged sentences for `train-ner` to make a model of every kind of name.
const TINY_TRAIN: &str = "\
-DOCSTART- -X- -X- O

John NNP B-NP B-PER
Smith NNP I-NP I-PER
works VBZ B-VP O
for IN B-PP O
Acme NNP B-NP B-ORG
Corp NNP I-NP I-ORG
in IN B-PP O
London NNP B-NP B-LOC
. . O O

Mary NNP B-NP B-PER
Jones NNP I-NP I-PER
is VBZ B-VP O
Welsh JJ B-ADJP B-MISC
. . O O

-DOCSTART- -X- -X- O

Google NNP B-NP B-ORG
opened VBD B-VP O
an DT B-NP O
office NN I-NP O
in IN B-PP O
Paris NNP B-NP B-LOC
. . O O

Smith NNP B-NP B-PER
said VBD B-VP O
the DT B-NP O
French JJ I-NP B-MISC
market NN I-NP O
grew VBD B-VP O
. . O O
";

/// The tag of each output line, checking that the lines match the input one for one.
fn tags_by_line(input: &str, output: &str) -> Vec<String> {
    let inputs: Vec<&str> = input.lines().collect();
    let outputs: Vec<&str> = output.lines().collect();
    assert_eq!(outputs.len(), inputs.len(), "one output line per input line:\n{output}");
    let mut tags = Vec::new();
    for (input, output) in inputs.iter().zip(&outputs) {
        let Some(word) = input.split_whitespace().next() else {
            assert_eq!(*output, "", "blank where the input is blank");
            tags.push(String::new());
            continue;
        };
        let (out_word, tag) = output.split_once('\t').unwrap_or_else(|| panic!("no tab in {output:?}"));
        assert_eq!(out_word, word, "words unchanged");
        tags.push(tag.to_string());
    }
    tags
}

/// Tags are IOB2 over the four CoNLL types, and an `I-X` continues a name of type X.
fn assert_iob2(tags: &[String]) {
    let mut previous = "O".to_string();
    for tag in tags {
        if tag.is_empty() {
            previous = "O".into();
            continue;
        }
        let ok = tag == "O"
            || ["PER", "ORG", "LOC", "MISC"].iter().any(|kind| {
                *tag == format!("B-{kind}")
                    || (*tag == format!("I-{kind}")
                        && (previous == format!("B-{kind}") || previous == format!("I-{kind}")))
            });
        assert!(ok, "{tag} after {previous} in {tags:?}");
        previous = tag.clone();
    }
}

#[test]
fn tag_writes_one_line_per_input_line_with_the_obvious_names() {
    let sandbox = Sandbox::new();
    let conll = sandbox.write("sample.conll", CONLL);
    let output = sandbox.run_ok(&["tag", "--conll", conll.to_str().expect("utf-8 path")]);
    let tags = tags_by_line(CONLL, &output);
    assert_iob2(&tags);
    assert!(output.starts_with("-DOCSTART-\tO\n"), "{output}");
    assert_eq!(output.matches("-DOCSTART-\tO\n").count(), 2);

    let tag_of = |word: &str| {
        let line = CONLL.lines().position(|l| l.split_whitespace().next() == Some(word));
        tags[line.unwrap_or_else(|| panic!("{word} in the sample"))].as_str()
    };
    assert_eq!(
        ["EU", "rejects", "German", "British", "Peter", "Blackburn", "BRUSSELS"].map(tag_of),
        ["B-ORG", "O", "B-MISC", "B-MISC", "B-PER", "I-PER", "B-LOC"],
        "{output}"
    );
}

#[test]
fn tag_reports_a_missing_file() {
    let sandbox = Sandbox::new();
    let output = sandbox.run(&["tag", "--conll", "no-such-file.conll"]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no-such-file.conll"), "{stderr}");
}

#[test]
fn train_ner_writes_a_model_that_tag_loads() {
    let sandbox = Sandbox::new();
    let train = sandbox.write("tiny.conll", TINY_TRAIN);
    let model = sandbox.path("tiny-model.bin.gz");
    let (train, model) = (train.to_str().expect("utf-8"), model.to_str().expect("utf-8"));
    sandbox.run_ok(&["train-ner", "--train", train, "--epochs", "2", "--out", model]);
    assert!(std::fs::metadata(model).expect("model written").len() > 0);

    let output = sandbox.run_ok(&["tag", "--conll", train, "--model", model]);
    assert_iob2(&tags_by_line(TINY_TRAIN, &output));
}

#[test]
fn a_model_file_that_is_not_a_model_is_refused() {
    let sandbox = Sandbox::new();
    let conll = sandbox.write("sample.conll", CONLL);
    let garbage = sandbox.write("garbage.bin.gz", b"this is not a model file");
    let output = sandbox.run(&[
        "tag",
        "--conll",
        conll.to_str().expect("utf-8"),
        "--model",
        garbage.to_str().expect("utf-8"),
    ]);
    assert!(!output.status.success());
    assert!(output.stdout.is_empty(), "nothing tagged");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("cannot load the model") && stderr.contains("garbage.bin.gz"), "{stderr}");
}

#[test]
fn bench_ner_prints_scores_and_speed_as_a_table_and_as_json() {
    let sandbox = Sandbox::new();
    let conll = sandbox.write("sample.conll", CONLL);
    let conll = conll.to_str().expect("utf-8");

    let table = sandbox.run_ok(&["bench", "ner", "--peer", "none", "--conll", conll]);
    let header = table.lines().next().expect("a header");
    for column in ["precision", "recall", "F1", "tokens/s"] {
        assert!(header.contains(column), "{column} in {header:?}");
    }
    assert!(table.lines().any(|l| l.starts_with("newsgraph ")), "{table}");

    let rows = json_lines(&sandbox.run_ok(&["bench", "ner", "--peer", "none", "--conll", conll, "--json"]));
    assert_eq!(rows.len(), 1, "no peer row: {rows:?}");
    let row = &rows[0];
    assert_eq!(row["tagger"], "newsgraph");
    assert_eq!(row["tokens"], 21);
    for field in ["precision", "recall", "f1", "tokens_per_second"] {
        let value = row[field].as_f64().unwrap_or_else(|| panic!("{field} in {row}"));
        assert!(value.is_finite() && value >= 0.0, "{field} = {value}");
    }
    // Sentences the model was trained on, and one more with one obvious name.
    assert!(row["f1"].as_f64().is_some_and(|f1| f1 > 0.8), "{row}");
}

#[test]
fn extract_lists_entities_with_character_offsets_into_the_text() {
    let sandbox = Sandbox::new();
    let output = sandbox.run_ok(&["extract", "--format", "json", "--entities", EXAMPLE_PAGE]);
    let objects = json_lines(&output);
    assert_eq!(objects.len(), 1);
    let text: Vec<char> = objects[0]["text"].as_str().expect("text").chars().collect();
    let entities = objects[0]["entities"].as_array().expect("entities");

    for entity in entities {
        let (start, end) = (entity["start"].as_u64(), entity["end"].as_u64());
        let (Some(start), Some(end)) = (start, end) else { panic!("offsets in {entity}") };
        let (start, end) = (start as usize, end as usize);
        assert!(start < end && end <= text.len(), "{entity}");
        let slice: String = text[start..end].iter().collect();
        assert_eq!(entity["text"].as_str(), Some(slice.as_str()), "{entity}");
        assert!(["PER", "ORG", "LOC", "MISC"].contains(&entity["type"].as_str().unwrap_or("")), "{entity}");
        assert!(entity["id"].as_str().is_some_and(|id| !id.is_empty()) && entity["name"].is_string());
    }
    let putin = entities.iter().find(|e| e["name"] == "Vladimir Putin").expect("Putin");
    assert_eq!(putin["type"], "PER");
    assert_eq!(putin["id"], "PER:vladimir putin");
    let kyiv = entities.iter().find(|e| e["id"] == "geonames:703448").expect("Kyiv");
    assert_eq!([&kyiv["type"], &kyiv["name"], &kyiv["country"]], ["LOC", "Kyiv", "UA"], "{kyiv}");
    assert!(kyiv["lat"].as_f64().is_some_and(|lat| (lat - 50.45).abs() < 0.1), "{kyiv}");
    assert!(kyiv["lon"].as_f64().is_some_and(|lon| (lon - 30.52).abs() < 0.1), "{kyiv}");
    assert!(entities.iter().any(|e| e["role"].is_string()), "some role given: {entities:?}");
}

#[test]
fn extract_without_entities_has_no_entities_field() {
    let sandbox = Sandbox::new();
    let objects = json_lines(&sandbox.run_ok(&["extract", "--format", "json", EXAMPLE_PAGE]));
    assert!(objects[0].get("entities").is_none());
}

#[test]
fn entities_need_the_json_format() {
    let sandbox = Sandbox::new();
    for format in [&["--format", "text"][..], &["--format", "markdown"], &[]] {
        let mut args = vec!["extract", "--entities", EXAMPLE_PAGE];
        args.extend_from_slice(format);
        let output = sandbox.run(&args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(output.stdout.is_empty());
        assert!(String::from_utf8_lossy(&output.stderr).contains("--format json"));
    }
}
