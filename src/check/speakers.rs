//! Whether two speakers are one person (or organisation) across documents.
//!
//! Each document resolves its own aliases to a canonical name, so a draft
//! may know a speaker as "Singh" where the source knows "Rajnath Singh",
//! or only by role ("the defence minister"). Two speakers are the same
//! when their names are equal ignoring case and a leading "the", when one
//! name is the last words of the other ("Singh", "Rajnath Singh"), or when
//! one is known only by a role the other holds.

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
    // Known by role on one side: "defence minister" and a source speaker
    // whose role is the defence minister.
    let source_role = voice.role.as_deref().map(words).unwrap_or_default();
    let draft_role = role.map(words).unwrap_or_default();
    let role_matches =
        |known: &[String], role: &[String]| !role.is_empty() && known.ends_with(role);
    role_matches(&source_role, &a) || role_matches(&draft_role, &b)
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
            role: role.map(str::to_string),
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
        assert!(same(
            "the defence ministry",
            None,
            &voice("defence ministry", None)
        ));
    }
}
