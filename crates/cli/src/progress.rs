//! Progress bars for long imports and enrich runs, shown only when stderr is a terminal.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};
use newsgraph_pipeline::{EnrichEvent, ImportEvent};

/// A bar of `len` steps with `template`, or none when stderr is not a terminal.
fn bar(len: u64, template: &str) -> Option<ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::new(len);
    bar.set_style(ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar()));
    Some(bar)
}

pub struct ImportProgress {
    bar: Option<ProgressBar>,
}

impl ImportProgress {
    pub fn new() -> Self {
        ImportProgress { bar: None }
    }

    pub fn on(&mut self, event: ImportEvent) {
        match event {
            ImportEvent::Listed { units } => {
                self.bar = bar(units as u64, "{bar:30} {pos}/{len} files {msg} [{elapsed}]");
            }
            ImportEvent::UnitDone => {
                if let Some(bar) = &self.bar {
                    bar.inc(1);
                }
            }
            ImportEvent::Counts { imported, already_present, failed } => {
                if let Some(bar) = &self.bar {
                    bar.set_message(format!(
                        "· {imported} imported, {already_present} present, {failed} failed"
                    ));
                }
            }
        }
    }

    pub fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}

pub struct EnrichProgress {
    bar: Option<ProgressBar>,
}

impl EnrichProgress {
    pub fn new() -> Self {
        EnrichProgress { bar: None }
    }

    pub fn on(&mut self, event: EnrichEvent) {
        match event {
            EnrichEvent::Started { articles } => {
                self.bar = bar(articles, "{bar:30} {pos}/{len} articles {msg} [{elapsed}]");
            }
            EnrichEvent::Counts { articles, mentions } => {
                if let Some(bar) = &self.bar {
                    bar.set_position(articles);
                    bar.set_message(format!("· {mentions} mentions"));
                }
            }
        }
    }

    pub fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}
