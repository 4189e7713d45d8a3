//! Prints the entities found in a plain-text file: `... --example recognize -- FILE`.

use newsgraph_nlp::recognize::EntityRecognizer;

fn main() {
    let path = std::env::args().nth(1).expect("a file");
    let text = std::fs::read_to_string(path).expect("read");
    let recognizer = EntityRecognizer::embedded().expect("model");
    let found = recognizer.recognize_text(&text);
    for m in &found.mentions {
        let e = &found.entities[m.entity];
        println!(
            "{:5} {:?} {:?} -> {} [{}] role={:?}",
            m.span.start,
            m.kind,
            &text[m.span.range()],
            e.name,
            e.key,
            m.role
        );
    }
}
