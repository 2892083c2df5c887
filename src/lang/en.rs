//! English: what the engine needs of the language beyond its rule files
//! (`rules/en/`).
//!
//! * [`regular_forms`]: the past, third-person and -ing forms of a regular
//!   verb, so `rules/en/attribution.toml` can list a reporting verb once
//!   in its base form ("add" gives added, adds, adding);
//! * [`stemmer`]: the Snowball English stemmer the checker aligns words
//!   with ("finalised" and "finalise" meet).

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

#[cfg(test)]
mod tests {
    use super::*;

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
