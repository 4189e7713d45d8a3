//! Properties of the organizer over generated coverage: articles built from the sentences of
//! a few events, so that some belong together and some do not.

use newsgraph_cluster::{ArticleInput, Filing, Organizer, OrganizerOptions};
use proptest::prelude::*;

/// Sentences of four events; an article takes a few from one event, with a day.
const EVENTS: [[&str; 4]; 4] = [
    [
        "Russian President Vladimir Putin arrived in Minsk for talks with Alexander Lukashenko.",
        "The Kremlin said the leaders would discuss economic ties and security in Belarus.",
        "Ukraine warned that Belarus could be drawn into a new offensive from the north.",
        "Lukashenko welcomed Putin at the airport before the talks began in the capital.",
    ],
    [
        "Monsoon floods displaced thousands of families across Sindh province in Pakistan.",
        "Rescue teams struggled to reach villages cut off by the rising water near Sukkur.",
        "Officials said the death toll from the floods had risen to more than a hundred.",
        "The government appealed for international aid as crops were destroyed.",
    ],
    [
        "Voters in Chile chose a new president in a run-off election on Sunday.",
        "The winner promised to rewrite the constitution and raise taxes on mining.",
        "Turnout in Santiago was higher than in the first round of the election.",
        "Markets in Chile fell as investors weighed the result of the vote.",
    ],
    [
        "Scientists reported a new species of frog found in the rainforest of Borneo.",
        "The tiny frog lives in pitcher plants and was described in a zoology journal.",
        "Researchers said deforestation threatened the habitat of the newly found frog.",
        "The team spent three months surveying the mountain forests of Sabah.",
    ],
];

#[derive(Debug, Clone)]
struct Generated {
    title: String,
    text: String,
    day: Option<i64>,
}

fn article() -> impl Strategy<Value = Generated> {
    (
        0..EVENTS.len(),
        proptest::collection::vec(0..4usize, 1..4),
        proptest::option::of(0..30i64),
        any::<bool>(),
    )
        .prop_map(|(event, picks, day, titled)| {
            let sentences: Vec<&str> = picks.iter().map(|&i| EVENTS[event][i]).collect();
            let title = if titled {
                sentences[0].split(' ').take(6).collect::<Vec<_>>().join(" ")
            } else {
                String::new()
            };
            Generated { title, text: sentences.join(" "), day }
        })
}

fn input(a: &Generated) -> ArticleInput<'_> {
    ArticleInput { title: &a.title, text: &a.text, published: a.day.map(|d| d * 86_400), entities: &[] }
}

fn file_all(organizer: &mut Organizer, articles: &[Generated], first_key: u64) -> Vec<Filing> {
    articles.iter().enumerate().map(|(i, a)| organizer.file(first_key + i as u64, &input(a))).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Feeding the same articles again, under their own keys or as new ones, files each
    /// again where it went, opens no story and changes nothing for what comes next.
    #[test]
    fn feeding_articles_twice_changes_nothing(
        first in proptest::collection::vec(article(), 1..24),
        next in proptest::collection::vec(article(), 0..8),
    ) {
        let mut once = Organizer::new(OrganizerOptions::default());
        let filed = file_all(&mut once, &first, 0);
        let stories = once.story_count();

        let mut twice = Organizer::new(OrganizerOptions::default());
        prop_assert_eq!(&file_all(&mut twice, &first, 0), &filed);
        prop_assert_eq!(&file_all(&mut twice, &first, 0), &filed);
        let copies = file_all(&mut twice, &first, 1_000);
        prop_assert_eq!(twice.story_count(), stories);
        for (copy, original) in copies.iter().zip(&filed) {
            prop_assert_eq!(copy.story, original.story);
            prop_assert!(copy.duplicate_of.is_some());
        }
        prop_assert_eq!(file_all(&mut twice, &next, 2_000), file_all(&mut once, &next, 2_000));
    }

    /// A copy goes to its canonical article's story and never opens one of its own.
    #[test]
    fn copies_never_form_their_own_story(articles in proptest::collection::vec(article(), 1..32)) {
        let mut organizer = Organizer::new(OrganizerOptions::default());
        let filed = file_all(&mut organizer, &articles, 0);
        for (key, filing) in filed.iter().enumerate() {
            if let Some(canonical) = filing.duplicate_of {
                prop_assert_ne!(filing.story, key as u64);
                prop_assert_eq!(filing.story, filed[canonical as usize].story);
                prop_assert_eq!(filed[canonical as usize].duplicate_of, None);
            }
        }
    }

    /// An organizer restored from the filings of an earlier run files what comes next as the
    /// one that ran all along.
    #[test]
    fn a_restored_organizer_files_like_the_original(
        first in proptest::collection::vec(article(), 1..24),
        next in proptest::collection::vec(article(), 0..8),
    ) {
        let mut running = Organizer::new(OrganizerOptions::default());
        let filed = file_all(&mut running, &first, 0);
        let mut restored = Organizer::new(OrganizerOptions::default());
        for (key, (a, filing)) in first.iter().zip(&filed).enumerate() {
            restored.restore(key as u64, &input(a), filing);
        }
        prop_assert_eq!(restored.story_count(), running.story_count());
        prop_assert_eq!(file_all(&mut restored, &next, 100), file_all(&mut running, &next, 100));
    }
}
