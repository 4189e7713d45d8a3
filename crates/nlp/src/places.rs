//! GeoNames places: the embedded table (`models/places/places.tsv.gz`, format in its
//! README) and resolving the place names of one article to places.
//!
//! A name alone goes to a continent, else a country, else the most populous city (a US
//! state only where no city of that name lies in the US: "Washington" is the capital). The
//! article's other places then vote by country: a country or state named in the article
//! counts more than a city in it, and overriding a much bigger place needs more votes, so
//! "Paris" next to "Texas" is Paris, Texas, but "Moscow" next to "Washington" stays in Russia.

use std::io::Read;
use std::sync::OnceLock;

use flate2::read::GzDecoder;
use newsgraph_model::GeoPoint;
use rustc_hash::FxHashMap;

use crate::NlpError;
use crate::fold::push_folded;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PlaceKind {
    Continent,
    Country,
    /// A first-level division; the table has the US states and DC only.
    Admin1,
    /// A place of more than 15,000 people.
    City,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub geonameid: u32,
    pub kind: PlaceKind,
    /// The GeoNames name ("Kyiv").
    pub name: String,
    /// ISO 3166-1 alpha-2; `None` for continents.
    pub country_code: Option<String>,
    /// `None` for US states and countries without a capital in the table.
    pub location: Option<GeoPoint>,
    pub population: Option<u64>,
}

/// The place table with an index by normalised name (see [`normalize`]).
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    places: Vec<Place>,
    /// Normalised name -> places, best first without context (see [`default_order`]).
    by_name: FxHashMap<String, Vec<u32>>,
    by_id: FxHashMap<u32, u32>,
}

static PLACES_FILE: &[u8] =
    include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/places/places.tsv.gz"));
static EMBEDDED: OnceLock<Result<Gazetteer, String>> = OnceLock::new();

/// Names news uses that GeoNames does not list for the country (by ISO code).
const ALIASES: &[(&str, &str)] = &[
    ("us", "US"),
    ("america", "US"),
    ("uk", "GB"),
    ("britain", "GB"),
    ("great britain", "GB"),
    ("holland", "NL"),
    ("uae", "AE"),
    ("drc", "CD"),
];

impl Gazetteer {
    /// The table shipped with newsgraph, decoded on first use and shared afterwards.
    pub fn embedded() -> Result<&'static Gazetteer, NlpError> {
        EMBEDDED
            .get_or_init(|| Gazetteer::from_gzip(PLACES_FILE).map_err(|e| e.to_string()))
            .as_ref()
            .map_err(|e| NlpError::EmbeddedPlaces(e.clone()))
    }

    /// A gzipped table; damaged lines are skipped.
    pub fn from_gzip(bytes: &[u8]) -> Result<Gazetteer, NlpError> {
        let mut text = String::new();
        GzDecoder::new(bytes).read_to_string(&mut text)?;
        Ok(Gazetteer::from_tsv(&text))
    }

    /// A table as text; damaged lines are skipped.
    pub fn from_tsv(text: &str) -> Gazetteer {
        let mut gazetteer = Gazetteer::default();
        let mut keys = Vec::new();
        for line in text.lines() {
            let Some((place, alternates)) = parse_line(line) else { continue };
            let Ok(index) = u32::try_from(gazetteer.places.len()) else { break };
            keys.clear();
            keys.push(normalize(&place.name));
            keys.extend(alternates.split('|').map(normalize));
            keys.sort_unstable();
            keys.dedup();
            for key in keys.drain(..).filter(|k| !k.is_empty()) {
                gazetteer.by_name.entry(key).or_default().push(index);
            }
            gazetteer.by_id.entry(place.geonameid).or_insert(index);
            gazetteer.places.push(place);
        }
        for (alias, code) in ALIASES {
            let country = gazetteer
                .places
                .iter()
                .position(|p| p.kind == PlaceKind::Country && p.country_code.as_deref() == Some(code));
            if let Some(index) = country.and_then(|i| u32::try_from(i).ok()) {
                let entry = gazetteer.by_name.entry((*alias).to_string()).or_default();
                if !entry.contains(&index) {
                    entry.push(index);
                }
            }
        }
        let places = &gazetteer.places;
        for list in gazetteer.by_name.values_mut() {
            list.sort_by_key(|&i| default_order(&places[i as usize]));
        }
        gazetteer
    }

    pub fn len(&self) -> usize {
        self.places.len()
    }

    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    pub fn get(&self, geonameid: u32) -> Option<&Place> {
        self.by_id.get(&geonameid).map(|&i| &self.places[i as usize])
    }

    /// The places a name can mean: continents, then countries, states and cities, each by
    /// population.
    pub fn candidates(&self, name: &str) -> Vec<&Place> {
        self.candidate_indices(name).iter().map(|&i| &self.places[i as usize]).collect()
    }

    fn candidate_indices(&self, name: &str) -> &[u32] {
        self.by_name.get(&normalize(name)).map_or(&[], Vec::as_slice)
    }

    /// Resolves the place names of one article together (see the module comment); one
    /// answer per name, `None` for a name the table does not know.
    pub fn resolve(&self, names: &[&str]) -> Vec<Option<&Place>> {
        let keys: Vec<String> = names.iter().map(|n| normalize(n)).collect();
        let defaults: Vec<Option<&Place>> = keys
            .iter()
            .map(|k| self.choose_default(self.by_name.get(k).map_or(&[], Vec::as_slice)))
            .collect();

        // Votes by country, each distinct name once.
        let mut own: FxHashMap<&str, (&str, u32)> = FxHashMap::default();
        for (key, place) in keys.iter().zip(&defaults) {
            if let Some((code, weight)) = place.and_then(vote) {
                own.entry(key.as_str()).or_insert((code, weight));
            }
        }
        let mut votes: FxHashMap<&str, u32> = FxHashMap::default();
        for &(code, weight) in own.values() {
            *votes.entry(code).or_default() += weight;
        }

        keys.iter()
            .zip(&defaults)
            .map(|(key, &default)| {
                let default = default?;
                let mine = own.get(key.as_str()).copied();
                let score = |code: Option<&str>| -> f64 {
                    let Some(code) = code else { return 0.0 };
                    let total = votes.get(code).copied().unwrap_or(0);
                    let minus = mine.filter(|(c, _)| *c == code).map_or(0, |(_, w)| w);
                    f64::from(total - minus)
                };
                let base = score(default.country_code.as_deref());
                let mut best = default;
                let mut best_margin = 0.0;
                for &i in self.by_name.get(key.as_str()).map_or(&[][..], Vec::as_slice) {
                    let place = &self.places[i as usize];
                    let margin = score(place.country_code.as_deref()) - base;
                    let ratio = (weight_population(default) / weight_population(place)).max(1.0);
                    if margin > best_margin && margin >= 1.0 + ratio.log10() {
                        best = place;
                        best_margin = margin;
                    }
                }
                Some(best)
            })
            .collect()
    }

    /// The place a name means without context: the first in default order, except that a
    /// US state gives way to a city of its name in the US.
    fn choose_default(&self, candidates: &[u32]) -> Option<&Place> {
        let first = &self.places[*candidates.first()? as usize];
        if first.kind == PlaceKind::Admin1 {
            let city = candidates
                .iter()
                .map(|&i| &self.places[i as usize])
                .find(|p| p.kind == PlaceKind::City && p.country_code == first.country_code);
            return Some(city.unwrap_or(first));
        }
        Some(first)
    }
}

/// Order without context: continents, countries, states, cities; bigger first.
fn default_order(place: &Place) -> (PlaceKind, std::cmp::Reverse<u64>, u32) {
    (place.kind, std::cmp::Reverse(place.population.unwrap_or(0)), place.geonameid)
}

/// What a resolved name says about the article's countries: naming a country or a state
/// is stronger evidence than naming one of its cities.
fn vote(place: &Place) -> Option<(&str, u32)> {
    let weight = match place.kind {
        PlaceKind::Continent => return None,
        PlaceKind::Country => 2,
        PlaceKind::Admin1 => 4,
        PlaceKind::City => 1,
    };
    Some((place.country_code.as_deref()?, weight))
}

/// Population for comparing sizes; states have none in the table and count as a big city.
fn weight_population(place: &Place) -> f64 {
    match place.population {
        Some(p) if p > 0 => p as f64,
        _ => 1_000_000.0,
    }
}

fn parse_line(line: &str) -> Option<(Place, &str)> {
    let mut fields = line.split('\t');
    let geonameid = fields.next()?.parse().ok()?;
    let kind = match fields.next()? {
        "continent" => PlaceKind::Continent,
        "country" => PlaceKind::Country,
        "admin1" => PlaceKind::Admin1,
        "city" => PlaceKind::City,
        _ => return None,
    };
    let name = fields.next()?.trim();
    let code = fields.next()?.trim();
    let lat = fields.next()?.trim();
    let lon = fields.next()?.trim();
    let population = fields.next()?.trim();
    let alternates = fields.next().unwrap_or("");
    if name.is_empty() {
        return None;
    }
    let location = match (lat.parse::<f64>(), lon.parse::<f64>()) {
        (Ok(lat), Ok(lon)) if (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon) => {
            Some(GeoPoint { lat, lon })
        }
        _ if lat.is_empty() && lon.is_empty() => None,
        _ => return None,
    };
    let population = match population {
        "" => None,
        p => Some(p.parse().ok()?),
    };
    let country_code = (!code.is_empty()).then(|| code.to_string());
    Some((Place { geonameid, kind, name: name.to_string(), country_code, location, population }, alternates))
}

/// The lookup form of a place name: lower case without accents, apostrophes and periods
/// dropped ("U.S." -> "us"), other punctuation as spaces, a leading "the" dropped and "St"
/// written "saint" ("St. Petersburg" -> "saint petersburg").
pub fn normalize(name: &str) -> String {
    let mut folded = String::with_capacity(name.len());
    for c in name.chars() {
        match c {
            c if c.is_alphanumeric() => push_folded(c, &mut folded),
            '\'' | '\u{2018}' | '\u{2019}' | '`' | '.' => {}
            _ if !folded.ends_with(' ') => folded.push(' '),
            _ => {}
        }
    }
    let trimmed = folded.trim();
    let trimmed = trimmed.strip_prefix("the ").unwrap_or(trimmed);
    match trimmed.strip_prefix("st ") {
        Some(rest) => format!("saint {rest}"),
        None => trimmed.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn embedded() -> &'static Gazetteer {
        Gazetteer::embedded().expect("the embedded place table loads")
    }

    fn resolve_ids(names: &[&str]) -> Vec<Option<u32>> {
        embedded().resolve(names).into_iter().map(|p| p.map(|p| p.geonameid)).collect()
    }

    #[test]
    fn normalises_case_accents_and_punctuation() {
        assert_eq!(normalize("Kraków"), "krakow");
        assert_eq!(normalize("U.S."), "us");
        assert_eq!(normalize("St. Petersburg"), "saint petersburg");
        assert_eq!(normalize("the  Netherlands"), "netherlands");
        assert_eq!(normalize("Côte d’Ivoire"), "cote divoire");
        assert_eq!(normalize("Stuttgart"), "stuttgart");
    }

    #[test]
    fn loads_the_embedded_table() {
        let g = embedded();
        assert!(g.len() > 30_000, "{}", g.len());
        let kyiv = g.get(703448).expect("Kyiv");
        assert_eq!(
            (kyiv.name.as_str(), kyiv.kind, kyiv.country_code.as_deref()),
            ("Kyiv", PlaceKind::City, Some("UA"))
        );
        assert!(kyiv.location.is_some() && kyiv.population.is_some());
    }

    #[test]
    fn finds_places_by_any_spelling() {
        let g = embedded();
        for name in ["Kiev", "Kyiv", "KYIV", "Kijów"] {
            assert_eq!(g.candidates(name).first().map(|p| p.geonameid), Some(703448), "{name}");
        }
        assert_eq!(g.candidates("Moscow")[0].country_code.as_deref(), Some("RU"));
        assert_eq!(g.candidates("Minsk")[0].geonameid, 625144);
        assert_eq!(g.candidates("U.S.")[0].geonameid, 6252001);
        assert_eq!(g.candidates("St Petersburg")[0].geonameid, 498817);
        assert!(g.candidates("Nowhereville").is_empty());
    }

    #[test]
    fn resolves_names_alone_to_countries_then_the_biggest_city() {
        assert_eq!(resolve_ids(&["Kiev", "Kyiv"]), [Some(703448), Some(703448)]);
        assert_eq!(resolve_ids(&["Paris"]), [Some(2988507)]);
        assert_eq!(resolve_ids(&["Georgia"]), [Some(614540)]);
        // The capital, not the state.
        assert_eq!(resolve_ids(&["Washington"]), [Some(4140963)]);
        assert_eq!(resolve_ids(&["Texas", "Nowhereville"]), [Some(4736286), None]);
    }

    #[test]
    fn resolves_names_in_the_context_of_the_article() {
        assert_eq!(resolve_ids(&["Paris", "Texas"]), [Some(4717560), Some(4736286)]);
        assert_eq!(resolve_ids(&["Paris", "France", "Texas"])[0], Some(2988507));
        assert_eq!(resolve_ids(&["Georgia", "Tbilisi"]), [Some(614540), Some(611717)]);
        // A big city is not overridden by weak evidence.
        assert_eq!(resolve_ids(&["Moscow", "Washington", "United States"])[0], Some(524901));
        assert_eq!(resolve_ids(&["Moscow", "Idaho"])[0], Some(5601538));
    }

    #[test]
    fn skips_damaged_lines() {
        let text = "1\tcity\tAlpha\tXX\t1.0\t2.0\t100\tAlfa|Alpha Town\n\
                    x\tcity\tBad id\tXX\t1\t2\t3\t\n\
                    2\tplanet\tBad kind\tXX\t1\t2\t3\t\n\
                    3\tcity\tBad lat\tXX\tnorth\t2\t3\t\n\
                    4\tcity\tShort\n\
                    5\tcountry\tBeta\tXX\t\t\t\t\n";
        let g = Gazetteer::from_tsv(text);
        assert_eq!(g.len(), 2);
        assert_eq!(g.candidates("alfa")[0].name, "Alpha");
        assert_eq!(g.candidates("Beta")[0].location, None);
        assert!(Gazetteer::from_gzip(b"not gzip").is_err());
    }
}
