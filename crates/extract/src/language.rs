//! Language identification: whatlang's ISO 639-3 guess mapped to ISO 639-1, only when the
//! guess is reliable.

use whatlang::Lang;

/// How much text is enough for a guess (whatlang is unreliable on a few words).
const MIN_CHARS: usize = 40;

/// The ISO 639-1 code of the text's language, when whatlang is confident.
pub fn detect(text: &str) -> Option<String> {
    if text.chars().filter(|c| c.is_alphabetic()).count() < MIN_CHARS {
        return None;
    }
    let sample: String = text.chars().take(5000).collect();
    let info = whatlang::detect(&sample)?;
    if !info.is_reliable() {
        return None;
    }
    iso_639_1(info.lang()).map(str::to_string)
}

/// The primary subtag of a BCP 47 tag (`"en-GB"` -> `"en"`), when it is a two-letter code.
pub fn primary_subtag(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    (primary.len() == 2 && primary.chars().all(|c| c.is_ascii_lowercase())).then_some(primary)
}

#[rustfmt::skip]
fn iso_639_1(lang: Lang) -> Option<&'static str> {
    use Lang::*;
    Some(match lang {
        Epo => "eo", Eng => "en", Rus => "ru", Cmn => "zh", Spa => "es", Por => "pt",
        Ita => "it", Ben => "bn", Fra => "fr", Deu => "de", Ukr => "uk", Kat => "ka",
        Ara => "ar", Hin => "hi", Jpn => "ja", Heb => "he", Yid => "yi", Pol => "pl",
        Amh => "am", Jav => "jv", Kor => "ko", Nob => "nb", Dan => "da", Swe => "sv",
        Fin => "fi", Tur => "tr", Nld => "nl", Hun => "hu", Ces => "cs", Ell => "el",
        Bul => "bg", Bel => "be", Mar => "mr", Kan => "kn", Ron => "ro", Slv => "sl",
        Hrv => "hr", Srp => "sr", Mkd => "mk", Lit => "lt", Lav => "lv", Est => "et",
        Tam => "ta", Vie => "vi", Urd => "ur", Tha => "th", Guj => "gu", Uzb => "uz",
        Pan => "pa", Aze => "az", Ind => "id", Tel => "te", Pes => "fa", Mal => "ml",
        Ori => "or", Mya => "my", Nep => "ne", Sin => "si", Khm => "km", Tuk => "tk",
        Aka => "ak", Zul => "zu", Sna => "sn", Afr => "af", Lat => "la", Slk => "sk",
        Cat => "ca", Tgl => "tl", Hye => "hy",
        #[allow(unreachable_patterns)]
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_confident_languages_only() {
        let en = "The president met his ministers on Monday to discuss the budget and the war.";
        assert_eq!(detect(en).as_deref(), Some("en"));
        let de = "Die Regierung hat am Montag beschlossen, die Steuern im nächsten Jahr zu senken.";
        assert_eq!(detect(de).as_deref(), Some("de"));
        assert_eq!(detect("OK"), None);
    }

    #[test]
    fn reads_primary_subtags() {
        assert_eq!(primary_subtag("en-GB").as_deref(), Some("en"));
        assert_eq!(primary_subtag("de_AT").as_deref(), Some("de"));
        assert_eq!(primary_subtag("").as_deref(), None);
    }
}
