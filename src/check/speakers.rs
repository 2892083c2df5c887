//! Whether two speakers are one person (or organisation) across documents.
//!
//! Each document resolves its own aliases to a canonical name, so a draft
//! may know a speaker as "Singh" where the source knows "Rajnath Singh",
//! or only by role ("the defence minister"). Two speakers are the same
//! when their names are equal ignoring case and a leading "the", when one
//! name is the last words of the other ("Singh", "Rajnath Singh"), or when
//! one is known only by a role the other holds, or when one is the
//! other's initials ("WHO", "World Health Organization").

use super::index::Voice;

/// Whether the draft's speaker (`name`, `role`) is the source's `voice`.
pub fn same(name: &str, role: Option<&str>, voice: &Voice) -> bool {
    let Some(source_name) = voice.name.as_deref() else {
        return false;
    };
    let a = words(name);
    let b = words(source_name);
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if a == b || a.ends_with(&b) || b.ends_with(&a) {
        return true;
    }
    if abbreviates(name, source_name) || abbreviates(source_name, name) {
        return true;
    }
    // Known by role on one side: "defence minister" and a source speaker
    // whose role is the defence minister.
    let source_role = voice.role.as_deref().map(words).unwrap_or_default();
    let draft_role = role.map(words).unwrap_or_default();
    let role_matches =
        |known: &[String], role: &[String]| !role.is_empty() && known.ends_with(role);
    role_matches(&source_role, &a) || role_matches(&draft_role, &b)
}

/// Whether two speakers' names are clearly two people (or bodies): both
/// are proper names — every word capitalised, none a possessive — and
/// neither holds the other's words ("Trump" may be "Eric Trump"; a name
/// run into a headline's words may be the name). A description ("the
/// network", "a former governor") or a name that may be another's is not
/// clearly anyone else: the same person may go by both.
pub fn clearly_different(a: &str, b: &str) -> bool {
    if !is_proper_name(a) || !is_proper_name(b) {
        return false;
    }
    if abbreviates(a, b) || abbreviates(b, a) {
        return false;
    }
    let (a, b) = (words(a), words(b));
    let holds = |long: &[String], short: &[String]| {
        !short.is_empty() && long.windows(short.len()).any(|w| w == short)
    };
    !holds(&a, &b) && !holds(&b, &a)
}

/// Whether `name` reads as a proper name: its first and last words
/// capitalised, any between capitalised or a short particle ("Pieter de
/// Vries", "Ibn al Hassan"), none possessive.
pub fn is_proper_name(name: &str) -> bool {
    let words: Vec<&str> = name
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect();
    let capitalised = |word: &str| {
        word.chars()
            .find(|c| c.is_alphanumeric())
            .is_some_and(char::is_uppercase)
    };
    let possessive = |word: &str| ["'s", "’s", "s'", "s’"].iter().any(|p| word.ends_with(p));
    let (Some(first), Some(last)) = (words.first(), words.last()) else {
        return false;
    };
    capitalised(first)
        && capitalised(last)
        && words
            .iter()
            .all(|w| !possessive(w) && (capitalised(w) || w.chars().count() <= 3))
}

/// Whether `short` is the initials of `long`: one word of capitals
/// (full stops between them allowed) spelling the first letters of the
/// capitalised words of `long` ("WHO", "U.N." for "World Health
/// Organization", "United Nations"; the "of" of "Federal Bureau of
/// Investigation" has none). A source that defines an abbreviation in
/// parentheses and a draft that uses only it name one body.
fn abbreviates(short: &str, long: &str) -> bool {
    let short = short.trim().trim_start_matches("the ");
    if short.split_whitespace().count() != 1 {
        return false;
    }
    let letters: String = short.chars().filter(|c| *c != '.').collect();
    if letters.chars().count() < 2 || !letters.chars().all(|c| c.is_uppercase()) {
        return false;
    }
    let initials: String = long
        .split_whitespace()
        .filter_map(|w| w.chars().find(|c| c.is_alphanumeric()))
        .filter(|c| c.is_uppercase())
        .collect();
    long.split_whitespace().count() >= 2 && initials == letters
}

/// Lower-cased words without a leading article.
fn words(name: &str) -> Vec<String> {
    let mut words: Vec<String> = name
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    if words.first().is_some_and(|w| w == "the") {
        words.remove(0);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn voice(name: &str, role: Option<&str>) -> Voice {
        Voice {
            name: Some(name.into()),
            role: role.map(Into::into),
            is_person: true,
        }
    }

    #[test]
    fn aliases_are_one_speaker() {
        let singh = voice("Rajnath Singh", Some("defence minister"));
        assert!(same("Singh", None, &singh));
        assert!(same("Rajnath Singh", None, &singh));
        assert!(same("defence minister", Some("defence minister"), &singh));
        assert!(!same("Kaja Kallas", None, &singh));
        assert!(!same("Misri", None, &singh));
        assert!(clearly_different("Kaja Kallas", "Rajnath Singh"));
        assert!(!clearly_different("Singh", "Rajnath Singh"));
        assert!(!clearly_different("defence minister", "Rajnath Singh"));
        assert!(!clearly_different("Singh's", "Kaja Kallas"));
        assert!(clearly_different("Eric Okonjo", "Dana Okonjo"));
        assert!(clearly_different("Pieter de Vries", "Amina Odhiambo"));
        assert!(!clearly_different("the former governor", "Amina Odhiambo"));
        assert!(!clearly_different("campaign spokeswoman", "Amina Odhiambo"));
        let who = voice("World Health Organization", None);
        assert!(same("WHO", None, &who));
        assert!(same("the U.N.", None, &voice("the United Nations", None)));
        assert!(same(
            "FBI",
            None,
            &voice("Federal Bureau of Investigation", None)
        ));
        assert!(!same("WTO", None, &who));
        assert!(!clearly_different("WHO", "World Health Organization"));
        assert!(clearly_different("WTO", "World Health Organization"));
        assert!(same(
            "the defence ministry",
            None,
            &voice("defence ministry", None)
        ));
    }
}
