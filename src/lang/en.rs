//! English: what the engine needs of the language beyond its rule files
//! (`rules/en/`).
//!
//! * [`regular_forms`]: the past, third-person and -ing forms of a regular
//!   verb, so `rules/en/attribution.toml` can list a reporting verb once
//!   in its base form ("add" gives added, adds, adding);
//! * [`stemmer`]: the Snowball English stemmer the checker aligns words
//!   with ("finalised" and "finalise" meet);
//! * [`american_spelling`], [`contraction_len`], [`contracted_host`]: how
//!   English is spelt, from `rules/en/spelling.toml` (British endings
//!   folded to American ones, "organised" to "organized"; the endings of
//!   contractions, "n't" and "'s").

use rust_stemmers::{Algorithm, Stemmer};

/// The folder of `rules/` that holds this language's rule files.
pub const RULES_FOLDER: &str = "en";

/// The past, third person and -ing forms of a regular English verb.
pub fn regular_forms(verb: &str) -> (String, String, String) {
    forms_with(verb, &Spelling::get().third_person_es)
}

/// [`regular_forms`], given the endings after which the third person
/// takes "-es".
fn forms_with(verb: &str, third_person_es: &[String]) -> (String, String, String) {
    let vowel = |c: char| "aeiou".contains(c);
    let stem_y = verb
        .strip_suffix('y')
        .filter(|stem| stem.chars().last().is_some_and(|c| !vowel(c)));
    let past = if verb.ends_with('e') {
        format!("{verb}d")
    } else if let Some(stem) = stem_y {
        format!("{stem}ied")
    } else {
        format!("{verb}ed")
    };
    let third = if let Some(stem) = stem_y {
        format!("{stem}ies")
    } else if third_person_es.iter().any(|e| verb.ends_with(e.as_str())) {
        format!("{verb}es")
    } else {
        format!("{verb}s")
    };
    let ing = if let Some(stem) = verb.strip_suffix("ie") {
        format!("{stem}ying")
    } else if verb.ends_with('e') && !["ee", "ye", "oe"].iter().any(|e| verb.ends_with(e)) {
        format!("{}ing", &verb[..verb.len() - 1])
    } else {
        format!("{verb}ing")
    };
    (past, third, ing)
}

/// The stemmer words are compared with.
pub fn stemmer() -> Stemmer {
    Stemmer::create(Algorithm::English)
}

/// How English is spelt, from `rules/en/spelling.toml`: read once, when a
/// word is first folded, since the comparison of words runs where no rules
/// folder is to hand.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Spelling {
    /// British endings and their American forms, as (British, American).
    endings: Vec<(String, String)>,
    /// Words the endings would wrongly change, and their inflections.
    exceptions: rustc_hash::FxHashSet<String>,
    /// Verb endings after which the third person takes "-es".
    third_person_es: Vec<String>,
    /// Endings of contractions, apostrophe included.
    contractions: Vec<String>,
    /// The contractions of a verb onto a pronoun.
    pronoun_contractions: Vec<String>,
    /// The first bytes of `contractions`.
    #[serde(skip)]
    contraction_starts: Vec<u8>,
}

impl Spelling {
    /// The built-in spelling rules, with every ending written with a
    /// straight apostrophe also written with a typographic one.
    fn get() -> &'static Spelling {
        static SPELLING: std::sync::OnceLock<Spelling> = std::sync::OnceLock::new();
        SPELLING.get_or_init(|| {
            let mut spelling: Spelling =
                toml::from_str(include_str!("../../rules/en/spelling.toml"))
                    .expect("the built-in spelling rules are valid");
            spelling.contractions = with_typographic_apostrophes(&spelling.contractions);
            spelling.pronoun_contractions =
                with_typographic_apostrophes(&spelling.pronoun_contractions);
            spelling.contraction_starts = spelling
                .contractions
                .iter()
                .filter_map(|c| c.as_bytes().first().copied())
                .collect();
            spelling.contraction_starts.sort_unstable();
            spelling.contraction_starts.dedup();
            // An exception's inflections are spelt as it is, on both sides:
            // "raises", "raised" and "raising" as "raise" (and "hours" as
            // "hour").
            let inflections: Vec<String> = spelling
                .exceptions
                .iter()
                .flat_map(|word| {
                    let (past, third, ing) = forms_with(word, &spelling.third_person_es);
                    [past, third, ing]
                })
                .collect();
            spelling.exceptions.extend(inflections);
            spelling
        })
    }
}

/// `endings` as written, then each with ’ for ', in that order.
fn with_typographic_apostrophes(endings: &[String]) -> Vec<String> {
    let typographic = endings
        .iter()
        .filter(|e| e.contains('\''))
        .map(|e| e.replace('\'', "’"));
    endings.iter().cloned().chain(typographic).collect()
}

/// The American form of a British spelling (other words unchanged): the
/// checker compares "organised" and "organized" as one word.
pub fn american_spelling(word: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    if word.len() <= 4 {
        return Cow::Borrowed(word);
    }
    let spelling = Spelling::get();
    // The exceptions are looked up only for a word with a British ending:
    // most words have none.
    let ending = spelling.endings.iter().find_map(|(british, us)| {
        ends_with(word, british)
            .then(|| &word[..word.len() - british.len()])
            .filter(|stem| stem.len() >= 2)
            .map(|stem| (stem, us))
    });
    let Some((stem, us)) = ending else {
        return Cow::Borrowed(word);
    };
    if spelling.exceptions.contains(word) {
        return Cow::Borrowed(word);
    }
    Cow::Owned(format!("{stem}{us}"))
}

/// Whether `word` ends with `ending`, compared from the last byte: every
/// word is tried against every ending, and nearly all differ there.
fn ends_with(word: &str, ending: &str) -> bool {
    word.len() >= ending.len()
        && word
            .bytes()
            .rev()
            .zip(ending.bytes().rev())
            .all(|(a, b)| a == b)
}

/// The length in bytes of the contraction ending (`n't`, `'s`, `’re`)
/// that `rest` starts with when no letter or digit follows it, else 0.
pub fn contraction_len(rest: &str) -> usize {
    let spelling = Spelling::get();
    // Called after nearly every word: most text starts with no byte a
    // contraction starts with, and is turned away without a comparison.
    if !rest
        .as_bytes()
        .first()
        .is_some_and(|b| spelling.contraction_starts.contains(b))
    {
        return 0;
    }
    spelling
        .contractions
        .iter()
        .find(|c| {
            rest.starts_with(c.as_str())
                && !rest[c.len()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric)
        })
        .map_or(0, String::len)
}

/// The word a verb is contracted onto, if `word` (lower case) ends with
/// such a contraction: "they" of "they're", "it" of "it’s" (and "senator"
/// of "senator's", which the caller tells from a pronoun).
pub fn contracted_host(word: &str) -> Option<&str> {
    Spelling::get()
        .pronoun_contractions
        .iter()
        .find_map(|ending| word.strip_suffix(ending.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spelling_variants_fold() {
        for (british, us) in [
            ("realisation", "realization"),
            ("colour", "color"),
            ("centre", "center"),
            ("organised", "organized"),
        ] {
            assert_eq!(american_spelling(british), us);
        }
        for word in ["four", "evidence", "since", "called", "promise"] {
            assert_eq!(american_spelling(word), word);
        }
        // An exception's inflections are exceptions too; other words of
        // the same ending still fold.
        for word in [
            "raises", "raised", "raising", "promised", "advising", "hours",
        ] {
            assert_eq!(american_spelling(word), word);
        }
        assert_eq!(american_spelling("organising"), "organizing");
        assert_eq!(american_spelling("apologised"), "apologized");
    }

    #[test]
    fn regular_verbs_inflect_by_the_spelling_rules() {
        let forms = |verb| regular_forms(verb);
        assert_eq!(
            forms("add"),
            ("added".into(), "adds".into(), "adding".into())
        );
        assert_eq!(
            forms("note"),
            ("noted".into(), "notes".into(), "noting".into())
        );
        assert_eq!(
            forms("deny"),
            ("denied".into(), "denies".into(), "denying".into())
        );
        assert_eq!(
            forms("convey"),
            ("conveyed".into(), "conveys".into(), "conveying".into())
        );
        assert_eq!(
            forms("vouch"),
            ("vouched".into(), "vouches".into(), "vouching".into())
        );
        assert_eq!(forms("lie"), ("lied".into(), "lies".into(), "lying".into()));
        assert_eq!(
            forms("agree"),
            ("agreed".into(), "agrees".into(), "agreeing".into())
        );
    }
}
