//! Facets of a set of articles: their days, and the entities they name most, per kind.

use super::*;

pub(super) fn facets_count_days_and_entities_per_kind(store: &dyn Store) {
    let mut a =
        sample("Facet a", "Putin met Lukashenko in Minsk on Monday.", Some("2032-01-05T10:00:00+03:00"));
    tag(&mut a, canonical(EntityKind::Per, "PER:vladimir putin", "Vladimir Putin"), &["Putin"]);
    tag(
        &mut a,
        canonical(EntityKind::Per, "PER:alexander lukashenko", "Alexander Lukashenko"),
        &["Lukashenko"],
    );
    tag(&mut a, canonical(EntityKind::Loc, "geonames:625144", "Minsk"), &["Minsk"]);
    let mut b = sample("Facet b", "Putin spoke in Minsk, and Putin left.", Some("2032-01-05T23:30:00-05:00"));
    tag(&mut b, canonical(EntityKind::Per, "PER:vladimir putin", "Vladimir Putin"), &["Putin"]);
    tag(&mut b, canonical(EntityKind::Loc, "geonames:625144", "Minsk"), &["Minsk"]);
    let mut c = sample("Facet c", "Lukashenko stayed home.", Some("2032-01-07T08:00:00Z"));
    tag(
        &mut c,
        canonical(EntityKind::Per, "PER:alexander lukashenko", "Alexander Lukashenko"),
        &["Lukashenko"],
    );
    let ids = insert_all(store, &[a, b, c]);

    let facets = store.facets(&[ids[0], ids[1], ids[0], ArticleId(-1)], 1).expect("facets");
    let day = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").expect("day");
    assert_eq!(facets.days, [(day("2032-01-05"), 2)], "each article once, by its own date");
    let named: Vec<(&str, u64)> = facets.entities.iter().map(|(e, n)| (e.entity.name.as_str(), *n)).collect();
    assert_eq!(
        named,
        [("Vladimir Putin", 2), ("Minsk", 2)],
        "one per kind, people first; articles, not mentions"
    );

    let all = store.facets(&ids, 10).expect("facets");
    assert_eq!(all.days.len(), 2);
    let people: Vec<(&str, u64)> = all
        .entities
        .iter()
        .filter(|(e, _)| e.entity.kind == EntityKind::Per)
        .map(|(e, n)| (e.entity.name.as_str(), *n))
        .collect();
    assert_eq!(people.len(), 2);
    assert!(people.contains(&("Alexander Lukashenko", 2)) && people.contains(&("Vladimir Putin", 2)));
    assert_eq!(store.facets(&[], 10).expect("none"), crate::ArticleFacets::default());
}
