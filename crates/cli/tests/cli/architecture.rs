//! The dependency rule of the workspace: the model and the pure stages know nothing of async
//! runtimes, databases, indexes or HTTP (see crates/README.md).

use std::process::Command;

const PURE_CRATES: &[&str] = &[
    "newsgraph-model",
    "newsgraph-extract",
    "newsgraph-nlp",
    "newsgraph-cluster",
    "newsgraph-feeds",
    "newsgraph-bench",
];
const EDGE_CRATES: &[&str] = &["tokio", "rusqlite", "tantivy", "axum", "hyper", "reqwest"];

#[test]
fn pure_crates_do_not_depend_on_io_crates() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    for krate in PURE_CRATES {
        let output = Command::new(&cargo)
            .args(["tree", "--offline", "--edges", "normal", "--prefix", "none", "--package", krate])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .expect("run cargo tree");
        assert!(output.status.success(), "cargo tree failed: {}", String::from_utf8_lossy(&output.stderr));
        let tree = String::from_utf8_lossy(&output.stdout);
        for line in tree.lines() {
            let name = line.split_whitespace().next().unwrap_or("");
            assert!(!EDGE_CRATES.contains(&name), "{krate} depends on {name}");
        }
        assert!(tree.lines().count() > 1, "cargo tree listed nothing for {krate}");
    }
}
