//! What a set of articles (a search's best matches) holds, for narrowing it down: when they
//! were published, and the people, organisations and places they name most.

use chrono::NaiveDate;

use crate::EntityStats;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArticleFacets {
    /// Articles per day, oldest first, days without any left out (the day as
    /// [`crate::Store::entity_timeline`] reads it).
    pub days: Vec<(NaiveDate, u64)>,
    /// The entities they name, each with how many of the articles name it: by kind (PER, ORG,
    /// LOC, MISC), then the most articles first, then the most mentioned overall, then the
    /// lowest id; at most the number asked for of each kind.
    pub entities: Vec<(EntityStats, u64)>,
}
