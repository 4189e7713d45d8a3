//! A progress bar for long imports, shown only when stderr is a terminal.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};
use newsgraph_pipeline::ImportEvent;

pub struct ImportProgress {
    bar: Option<ProgressBar>,
}

impl ImportProgress {
    pub fn new() -> Self {
        ImportProgress { bar: None }
    }

    pub fn on(&mut self, event: ImportEvent) {
        match event {
            ImportEvent::Listed { units } if std::io::stderr().is_terminal() => {
                let bar = ProgressBar::new(units as u64);
                let style = ProgressStyle::with_template("{bar:30} {pos}/{len} files {msg} [{elapsed}]")
                    .unwrap_or_else(|_| ProgressStyle::default_bar());
                bar.set_style(style);
                self.bar = Some(bar);
            }
            ImportEvent::Listed { .. } => {}
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
