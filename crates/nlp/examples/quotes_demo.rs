//! Prints the attributions found in a plain-text file: `... --example quotes_demo -- FILE`.

use newsgraph_nlp::quotes::AttributionModel;

fn main() {
    let path = std::env::args().nth(1).expect("a file");
    let text = std::fs::read_to_string(path).expect("read");
    let model = AttributionModel::embedded().expect("model");
    for a in model.attributions(&text) {
        let show =
            |r: &[std::ops::Range<usize>]| r.iter().map(|r| &text[r.clone()]).collect::<Vec<_>>().join(" … ");
        println!("SOURCE {:?} | CUE {:?} | CONTENT {:?}", show(&a.source), show(&a.cue), show(&a.content));
    }
}
