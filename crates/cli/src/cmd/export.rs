//! `newsgraph export`: the export crate's rows to a file or standard output. A file is written
//! beside its final name and moved there once complete, so a failed export leaves what was
//! there before.

use std::fs::File;
use std::io::{BufWriter, IsTerminal};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use newsgraph_export::{Filter, Format, Request, Summary, What};
use newsgraph_index::{DateBound, parse_date_bound};
use newsgraph_model::EntityId;
use newsgraph_pipeline::Engine;

use crate::cli::{ExportArgs, ExportFormat, ExportWhat};

pub fn run(data: &Path, args: &ExportArgs) -> anyhow::Result<()> {
    let request = request(args)?;
    let engine = Engine::open(data).with_context(|| format!("opening {}", data.display()))?;
    if let Some(id) = request.filter.entity
        && engine.store.entity(id)?.is_none()
    {
        bail!("there is no entity {}", id.0);
    }
    let plan = newsgraph_export::plan(&engine.index, &request)?;
    let out = args.out.as_deref().filter(|p| *p != Path::new("-"));
    let summary = match out {
        Some(path) => to_file(path, |file| plan.write(engine.store.as_ref(), file))?,
        None => {
            let stdout = std::io::stdout();
            if request.format == Format::Parquet && stdout.is_terminal() {
                bail!("Parquet is binary: give --out FILE or redirect standard output");
            }
            plan.write(engine.store.as_ref(), BufWriter::new(stdout))?
        }
    };
    let what = request.what.as_str();
    let place = out.map_or_else(|| "standard output".to_owned(), |p| p.display().to_string());
    eprintln!("exported {} {what} rows as {} to {place}", summary.rows, request.format.as_str());
    Ok(())
}

fn request(args: &ExportArgs) -> anyhow::Result<Request> {
    let since = args.since.as_deref().map(|d| parse_date_bound(d, DateBound::Start)).transpose()?;
    let until = args.until.as_deref().map(|d| parse_date_bound(d, DateBound::End)).transpose()?;
    if let (Some(s), Some(u)) = (since, until)
        && s > u
    {
        bail!("--since must not be later than --until");
    }
    let filter = Filter { text: args.query.clone(), entity: args.entity.map(EntityId), since, until };
    Ok(Request { what: what(args.what), format: format(args.format), filter, max_rows: None })
}

/// Writes through `write` into a file beside `path`, then moves it to `path`; removes it on
/// failure.
fn to_file(
    path: &Path,
    write: impl FnOnce(BufWriter<&File>) -> newsgraph_export::Result<Summary>,
) -> anyhow::Result<Summary> {
    let partial = partial_path(path);
    let file = File::create(&partial).with_context(|| format!("cannot create {}", partial.display()))?;
    let written = write(BufWriter::new(&file))
        .map_err(anyhow::Error::from)
        .and_then(|summary| Ok(file.sync_all().map(|()| summary)?))
        .and_then(|summary| Ok(std::fs::rename(&partial, path).map(|()| summary)?));
    if written.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    written.with_context(|| format!("cannot write {}", path.display()))
}

/// `dir/.name.partial`: hidden, and in the same directory so that the move is a rename.
fn partial_path(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!(".{name}.partial"))
}

fn what(what: ExportWhat) -> What {
    match what {
        ExportWhat::Articles => What::Articles,
        ExportWhat::Entities => What::Entities,
        ExportWhat::Quotes => What::Quotes,
        ExportWhat::Amounts => What::Amounts,
        ExportWhat::Times => What::Times,
        ExportWhat::Stories => What::Stories,
    }
}

fn format(format: ExportFormat) -> Format {
    match format {
        ExportFormat::Csv => Format::Csv,
        ExportFormat::Jsonl => Format::Jsonl,
        ExportFormat::Parquet => Format::Parquet,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_files_sit_beside_their_final_name() {
        assert_eq!(partial_path(Path::new("out/a.csv")), PathBuf::from("out/.a.csv.partial"));
        assert_eq!(partial_path(Path::new("a.parquet")), PathBuf::from(".a.parquet.partial"));
    }
}
