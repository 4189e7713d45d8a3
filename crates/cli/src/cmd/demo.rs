//! `newsgraph demo`: the bundled demo corpus, imported once, then served.
//!
//! The corpus is compiled into the binary so the demo works from any directory: 850 English
//! Wikinews articles (CC BY 2.5, credit Wikinews) and the example page the project started from.

use std::path::Path;

use anyhow::Context;
use newsgraph_pipeline::{Engine, ImportInput, ImportOptions};

use super::import::import_with_progress;
use super::serve::serve;
use crate::cli::ServeArgs;

pub(crate) const DEMO_FILES: &[(&str, &[u8])] = &[
    ("wikinews-demo.jsonl.gz", include_bytes!("../../../../data/demo/wikinews-demo.jsonl.gz")),
    ("scraped-page-belarus.txt", include_bytes!("../../../../data/demo/scraped-page-belarus.txt")),
];

pub fn run(data: &Path, args: &ServeArgs) -> anyhow::Result<()> {
    let engine = Engine::open(data).with_context(|| format!("opening {}", data.display()))?;
    if engine.store.count()? == 0 {
        let dir = write_demo_files(data)?;
        eprintln!("importing the demo corpus into {}", data.display());
        import_with_progress(&engine, &[ImportInput::Path(dir)], &ImportOptions::default())?;
    } else {
        eprintln!("{} already holds articles; serving them", data.display());
    }
    serve(engine, args)
}

/// Writes the bundled files to `DATA/demo/`, where the import reads them and a user can see
/// what was imported.
fn write_demo_files(data: &Path) -> anyhow::Result<std::path::PathBuf> {
    let dir = data.join("demo");
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    for (name, bytes) in DEMO_FILES {
        let path = dir.join(name);
        std::fs::write(&path, bytes).with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(dir)
}
