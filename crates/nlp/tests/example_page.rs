//! The founding example: a scraped news page about Putin's visit to Belarus, extracted and
//! read for entities. The page is `data/demo/scraped-page-belarus.txt`.

use newsgraph_extract::{ExtractOptions, extract};
use newsgraph_model::{ArticleEntities, EntityKind};
use newsgraph_nlp::EntityRecognizer;

const PAGE: &[u8] =
    include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/demo/scraped-page-belarus.txt"));

struct Read {
    text: String,
    entities: ArticleEntities,
}

fn read() -> Read {
    let article = extract(PAGE, &ExtractOptions::default()).expect("an article");
    let recognizer = EntityRecognizer::embedded().expect("the embedded models load");
    let entities = recognizer.recognize(&article);
    let text = article.text();
    for m in &entities.mentions {
        let e = &entities.entities[m.entity];
        println!(
            "{:>5}..{:<5} {:<4?} {:<28} -> {} [{}]{}",
            m.span.start,
            m.span.end,
            m.kind,
            format!("{:?}", m.span.slice(&text).unwrap_or("?")),
            e.name,
            e.key,
            m.role.as_ref().map(|r| format!(" role {r:?}")).unwrap_or_default()
        );
    }
    Read { text, entities }
}

impl Read {
    /// The entity mentioned with exactly this text, if any.
    fn entity_of(&self, surface: &str) -> Option<usize> {
        self.entities.mentions.iter().find(|m| m.span.slice(&self.text) == Some(surface)).map(|m| m.entity)
    }

    fn named(&self, name: &str) -> Option<&newsgraph_model::CanonicalEntity> {
        self.entities.entities.iter().find(|e| e.name == name)
    }

    fn check_kind(&self, name: &str, kind: EntityKind) -> Result<(), String> {
        match self.named(name) {
            Some(e) if e.kind == kind => Ok(()),
            Some(e) => Err(format!("{name}: {:?}, not {kind:?}", e.kind)),
            None => Err(format!("{name}: not found")),
        }
    }
}

#[test]
fn mentions_are_ordered_spans_of_the_article_text() {
    let read = read();
    let mut last = 0;
    for m in &read.entities.mentions {
        assert!(m.span.start >= last);
        assert!(m.span.slice(&read.text).is_some());
        assert!(m.entity < read.entities.entities.len());
        last = m.span.start;
    }
}

#[test]
fn finds_the_people() {
    let read = read();
    let errors: Vec<String> =
        ["Vladimir Putin", "Alexander Lukashenko", "Dmitry Peskov", "Serhiy Nayev", "Valery Zaluzhniy"]
            .iter()
            .filter_map(|name| read.check_kind(name, EntityKind::Per).err())
            .collect();
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn finds_the_places() {
    let read = read();
    let errors: Vec<String> = ["Ukraine", "Russia", "Belarus", "Moscow", "Minsk"]
        .iter()
        .filter_map(|name| read.check_kind(name, EntityKind::Loc).err())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    for (name, id) in [("Ukraine", 690791), ("Russia", 2017370), ("Belarus", 630336), ("Minsk", 625144)] {
        assert_eq!(read.named(name).map(|e| e.key.as_str()), Some(format!("geonames:{id}").as_str()));
    }
}

#[test]
fn finds_the_kremlin() {
    // CoNLL-2003 tags "Kremlin" as a place (I-LOC, 11 times in training), so the tagger does.
    let read = read();
    let entity = read.named("Kremlin");
    println!("Kremlin: {:?}", entity.map(|e| e.kind));
    assert!(entity.is_some(), "Kremlin not found");
    // Known miss, reported rather than asserted: "told the Economist" stays untagged, because
    // every "Economist" in CoNLL-2003 is a job title ("Economist Joel Naroff") tagged O.
    println!("Economist: {:?}", read.named("Economist").map(|e| e.kind));
}

#[test]
fn kiev_and_kyiv_are_one_place() {
    let read = read();
    assert!(read.text.contains("Kiev") && read.text.contains("Kyiv"));
    let kiev = read.entity_of("Kiev").expect("Kiev found");
    assert_eq!(read.entity_of("Kyiv"), Some(kiev));
    let entity = &read.entities.entities[kiev];
    assert_eq!((entity.name.as_str(), entity.key.as_str()), ("Kyiv", "geonames:703448"));
    assert_eq!(entity.aliases, ["Kiev"]);
}

#[test]
fn putin_is_one_person() {
    let read = read();
    let putin = read.entity_of("Vladimir Putin").expect("Vladimir Putin found");
    let surnames: Vec<usize> = read
        .entities
        .mentions
        .iter()
        .filter(|m| m.span.slice(&read.text) == Some("Putin"))
        .map(|m| m.entity)
        .collect();
    assert!(surnames.len() >= 3, "{surnames:?}");
    assert!(surnames.iter().all(|&e| e == putin), "{surnames:?}");
    assert_eq!(read.entities.entities[putin].key, "PER:vladimir putin");
    assert_eq!(read.entity_of("Lukashenko"), read.entity_of("Alexander Lukashenko"));
}

#[test]
fn finds_the_roles() {
    let read = read();
    let role = |name: &str| {
        read.entities
            .mentions
            .iter()
            .find(|m| m.span.slice(&read.text) == Some(name))
            .and_then(|m| m.role.clone())
    };
    assert_eq!(role("Vladimir Putin").as_deref(), Some("Russian President"));
    assert_eq!(role("Alexander Lukashenko").as_deref(), Some("Belarusian President"));
    assert_eq!(role("Dmitry Peskov").as_deref(), Some("Kremlin spokesman"));
    assert_eq!(role("Serhiy Nayev").as_deref(), Some("Ukrainian joint forces commander"));
    assert_eq!(role("Valery Zaluzhniy").as_deref(), Some("Ukraine’s top general"));
}

#[test]
fn nothing_comes_from_the_boilerplate_or_the_teasers() {
    let read = read();
    assert!(!read.text.contains("BOL News") && !read.text.contains("Google News"));
    let names: Vec<&str> = read.entities.entities.iter().map(|e| e.name.as_str()).collect();
    for junk in ["BOL News", "BOL", "Google News", "Google", "BOL News App"] {
        assert!(!names.contains(&junk), "{junk} in {names:?}");
    }
}

#[test]
fn finds_all_five_speakers_with_their_cues_and_contents() {
    let article = extract(PAGE, &ExtractOptions::default()).expect("an article");
    let text = article.text();
    let model = newsgraph_nlp::quotes::AttributionModel::embedded().expect("the attribution model");
    let found = model.attributions(&text);
    let piece = |r: &[std::ops::Range<usize>]| {
        r.iter().filter_map(|r| text.get(r.clone())).collect::<Vec<_>>().join(" … ")
    };
    for a in &found {
        println!("[{}] [{}] [{}]", piece(&a.source), piece(&a.cue), piece(&a.content));
    }
    // (speaker, a word of the cue, words of the content)
    let expected = [
        ("Dmitry Peskov", "told", "number one ally"),
        ("Serhiy Nayev", "said", "further aggression"),
        ("Valery Zaluzhniy", "told", "200,000 new troops"),
        ("Lukashenko", "said", "will not join the war"),
        ("Diplomats from other countries", "say", "very unpopular"),
    ];
    for (speaker, cue, content) in expected {
        let hit = found.iter().any(|a| {
            piece(&a.source).contains(speaker)
                && piece(&a.cue).contains(cue)
                && piece(&a.content).contains(content)
        });
        assert!(hit, "no attribution of {content:?} to {speaker:?} ({cue:?})");
    }
}
