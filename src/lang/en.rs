//! English: what the engine needs of the language beyond its rule files
//! (`rules/en/`).
//!
//! * [`regular_forms`]: the past, third-person and -ing forms of a regular
//!   verb, so `rules/en/attribution.toml` can list a reporting verb once
//!   in its base form ("add" gives added, adds, adding);
//! * [`stemmer`]: the Snowball English stemmer the checker aligns words
//!   with ("finalised" and "finalise" meet);
//! * [`american_spelling`]: British spellings folded to American ones
//!   ("organised" to "organized"), by their endings, with the words whose
//!   endings only look British ("promise", "evidence"). Like the verb
//!   endings, this is how English is spelt, not a class of words.

use rust_stemmers::{Algorithm, Stemmer};

/// The folder of `rules/` that holds this language's rule files.
pub const RULES_FOLDER: &str = "en";

/// The past, third person and -ing forms of a regular English verb.
pub fn regular_forms(verb: &str) -> (String, String, String) {
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
    } else if ["s", "sh", "ch", "x", "z", "o"]
        .iter()
        .any(|e| verb.ends_with(e))
    {
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

/// Endings that British and American spelling write differently, as
/// (British, American).
const SPELLING_ENDINGS: &[(&str, &str)] = &[
    ("isation", "ization"),
    ("isations", "izations"),
    ("ise", "ize"),
    ("ised", "ized"),
    ("ises", "izes"),
    ("ising", "izing"),
    ("yse", "yze"),
    ("ysed", "yzed"),
    ("ysing", "yzing"),
    ("our", "or"),
    ("ours", "ors"),
    ("ence", "ense"),
    ("ences", "enses"),
    ("tre", "ter"),
    ("tres", "ters"),
    ("lled", "led"),
    ("lling", "ling"),
];

/// Words the endings above would wrongly change.
const SPELLING_EXCEPTIONS: &[&str] = &[
    "four",
    "your",
    "hour",
    "tour",
    "pour",
    "sour",
    "flour",
    "our",
    "ours",
    "hours",
    "tours",
    "yours",
    "fours",
    "rise",
    "wise",
    "precise",
    "concise",
    "promise",
    "premise",
    "otherwise",
    "expertise",
    "enterprise",
    "exercise",
    "surprise",
    "compromise",
    "franchise",
    "advise",
    "devise",
    "revise",
    "supervise",
    "televise",
    "comprise",
    "despise",
    "disguise",
    "merchandise",
    "noise",
    "poise",
    "raise",
    "praise",
    "cruise",
    "arise",
    "since",
    "fence",
    "hence",
    "pence",
    "science",
    "silence",
    "since",
    "evidence",
    "presence",
    "absence",
    "influence",
    "sentence",
    "experience",
    "audience",
    "confidence",
    "conference",
    "difference",
    "reference",
    "preference",
    "independence",
    "violence",
    "intelligence",
    "sequence",
    "consequence",
    "existence",
    "residence",
    "dependence",
    "occurrence",
    "emergence",
    "convergence",
    "once",
    "entre",
    "theatre",
    "genre",
    "filled",
    "killed",
    "called",
    "spelled",
    "willed",
    "rolled",
    "polled",
    "controlled",
    "installed",
    "compelled",
    "expelled",
    "propelled",
    "excelled",
    "enrolled",
    "fulfilled",
    "stalled",
    "walled",
    "pulled",
    "drilled",
    "skilled",
    "thrilled",
    "calling",
    "filling",
    "killing",
    "polling",
    "rolling",
    "selling",
    "telling",
    "willing",
    "falling",
    "controlling",
    "pulling",
    "spilling",
    "billing",
    "drilling",
    "yelling",
    "dwelling",
    "travelling",
];

/// The American form of a British spelling (other words unchanged): the
/// checker compares "organised" and "organized" as one word.
pub fn american_spelling(word: &str) -> String {
    if word.len() <= 4 {
        return word.to_string();
    }
    // The exceptions are looked up only for a word with a British ending:
    // most words have none.
    let ending = SPELLING_ENDINGS.iter().find_map(|(british, us)| {
        word.strip_suffix(british)
            .filter(|stem| stem.len() >= 2)
            .map(|stem| (stem, us))
    });
    let Some((stem, us)) = ending else {
        return word.to_string();
    };
    if SPELLING_EXCEPTIONS.contains(&word) {
        return word.to_string();
    }
    if word == "travelling" {
        return "traveling".to_string();
    }
    format!("{stem}{us}")
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
