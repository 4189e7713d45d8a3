//! The rows of each kind: which columns, and how stored things become them.

mod articles;
mod entities;
mod figures;
mod quotes;
mod stories;

use newsgraph_store::Store;

use crate::select::Selection;
use crate::table::{Column, Rows};
use crate::{Result, What};

pub(crate) fn columns(what: What) -> &'static [Column] {
    match what {
        What::Articles => articles::COLUMNS,
        What::Entities => entities::COLUMNS,
        What::Quotes => quotes::COLUMNS,
        What::Amounts => figures::AMOUNT_COLUMNS,
        What::Times => figures::TIME_COLUMNS,
        What::Stories => stories::COLUMNS,
    }
}

pub(crate) fn write(what: What, store: &dyn Store, selection: &Selection, rows: &mut Rows<'_>) -> Result<()> {
    match what {
        What::Articles => articles::write(store, selection, rows),
        What::Entities => entities::write(store, selection, rows),
        What::Quotes => quotes::write(store, selection, rows),
        What::Amounts => figures::write_amounts(store, selection, rows),
        What::Times => figures::write_times(store, selection, rows),
        What::Stories => stories::write(store, selection, rows),
    }
}
