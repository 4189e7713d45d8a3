//! Folding names for lookup: lower case, Latin accents stripped ("Kraków" -> "krakow").
//!
//! A table of the Latin-1 and Latin Extended letters rather than Unicode decomposition: place
//! names in the table and in news text are Latin script, and the crate needs no
//! normalisation dependency for it.

/// Lower-case letters with accents, and (at the same position in [`TO`]) their bases.
const FROM: &str = "àáâãäåçèéêëìíîïðñòóôõöøùúûüýÿāăąćĉċčďđēĕėęěĝğġģĥħĩīĭįıĵķĸĺļľŀłńņňŋōŏőŕŗřśŝşšţťŧũūŭůűųŵŷźżžſƒƚơưǎǐǒǔǖǘǚǜǟǡǧǩǫǭǰǵǹǻȁȃȅȇȉȋȍȏȑȓȕȗșțȟȧȩȫȭȯȱȳ";
const TO: &str = "aaaaaaceeeeiiiidnoooooouuuuyyaaaccccddeeeeegggghhiiiiijkklllllnnnnooorrrsssstttuuuuuuwyzzzsflouaiouuuuuaagkoojgnaaaeeiioorruusthaeooooy";

/// Appends `c` lower-cased and without its accent.
pub fn push_folded(c: char, out: &mut String) {
    for lower in c.to_lowercase() {
        if lower.is_ascii() {
            out.push(lower);
            continue;
        }
        match lower {
            'ß' => out.push_str("ss"),
            'æ' => out.push_str("ae"),
            'œ' => out.push_str("oe"),
            'þ' => out.push_str("th"),
            'ĳ' => out.push_str("ij"),
            _ => match FROM.chars().position(|f| f == lower).and_then(|i| TO.chars().nth(i)) {
                Some(base) => out.push(base),
                // Combining marks (decomposed accents) fold away; other letters stay.
                None if ('\u{300}'..='\u{36f}').contains(&lower) => {}
                None => out.push(lower),
            },
        }
    }
}

/// `s` lower-cased and without accents.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        push_folded(c, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_and_latin_accents() {
        assert_eq!(FROM.chars().count(), TO.chars().count());
        assert_eq!(fold("Kraków Łódź Straße Ærø Zelensky"), "krakow lodz strasse aero zelensky");
        assert_eq!(fold("Cafe\u{301}"), "cafe");
        assert_eq!(fold("Київ"), "київ");
    }
}
