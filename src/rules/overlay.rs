//! Laying a user's rule file over the built-in one, as a Vale style adds
//! to the styles it builds on.
//!
//! A file in a rules folder (`--rules DIR`, `rules = …` in
//! `claimtrace.toml`) named like a built-in file adds to it, entry by
//! entry, so a newsroom that wants one more reporting verb writes one line,
//! not a copy of the whole file:
//!
//! * a word list (`.txt`): each line is one more entry; a line `-entry`
//!   removes the built-in entry whose text, or first field (before a space
//!   or `|`), is `entry`;
//! * a TOML file: each list of strings adds its items to the built-in list
//!   of the same key (`verbs = ["harrumph"]`), an item `"-x"` removes `x`;
//!   a table adds to the table of the same name, key by key; any other
//!   value replaces the built-in one. A key the built-in file does not
//!   have is an error naming the line.
//!
//! A file whose first line is `# replace` replaces the built-in file whole
//! instead.
//!
//! Errors name the file and line they are about: the overlay's own lines
//! for what the overlay wrote.

use std::path::PathBuf;

use crate::error::{Error, Result};

/// The first line that makes a rules folder's file replace the built-in
/// file instead of adding to it.
pub const REPLACE: &str = "# replace";

/// Whether `text` asks to replace the built-in file whole.
pub fn replaces(text: &str) -> bool {
    text.lines()
        .next()
        .is_some_and(|line| line.trim() == REPLACE)
}

/// A user's file laid over a built-in one.
#[derive(Clone, Debug)]
pub struct Overlay {
    pub path: PathBuf,
    pub text: String,
}

impl Overlay {
    /// An error at the 1-based `line` of the overlay.
    pub fn error(&self, line: usize, message: impl Into<String>) -> Error {
        Error::Rule {
            path: self.path.clone(),
            line,
            message: message.into(),
        }
    }

    /// The 1-based line of the overlay where `needle` is first written,
    /// or 1.
    pub fn line_of_text(&self, needle: &str) -> usize {
        self.text
            .lines()
            .position(|line| !needle.is_empty() && line.contains(needle))
            .map_or(1, |index| index + 1)
    }

    /// The built-in TOML text `base` with this overlay laid over it, as
    /// TOML text.
    pub fn merge_toml(&self, base: &str) -> Result<String> {
        let mut merged: toml::Table = toml::from_str(base).map_err(|e| Error::Rule {
            path: PathBuf::from("rules"),
            line: 1,
            message: format!("built-in file: {}", e.message().trim()),
        })?;
        let overlay: toml::Table = toml::from_str(&self.text).map_err(|e| {
            let line = e.span().map_or(1, |span| line_at(&self.text, span.start));
            self.error(line, e.message().trim().to_string())
        })?;
        self.merge_table(&mut merged, overlay, "")?;
        toml::to_string(&merged).map_err(|e| self.error(1, e.to_string()))
    }

    fn merge_table(&self, base: &mut toml::Table, overlay: toml::Table, at: &str) -> Result<()> {
        for (key, value) in overlay {
            let name = if at.is_empty() {
                key.clone()
            } else {
                format!("{at}.{key}")
            };
            let Some(existing) = base.get_mut(&key) else {
                return Err(self.error(
                    self.line_of_text(&key),
                    format!("unknown key `{name}`: the built-in file has no such key"),
                ));
            };
            match (existing, value) {
                (toml::Value::Table(base), toml::Value::Table(overlay)) => {
                    self.merge_table(base, overlay, &name)?;
                }
                (toml::Value::Array(base), toml::Value::Array(overlay)) => {
                    self.merge_array(base, overlay, &name)?;
                }
                (existing, value) => *existing = value,
            }
        }
        Ok(())
    }

    fn merge_array(
        &self,
        base: &mut Vec<toml::Value>,
        overlay: Vec<toml::Value>,
        name: &str,
    ) -> Result<()> {
        for item in overlay {
            match item.as_str().and_then(|text| text.strip_prefix('-')) {
                Some(removed) => {
                    let before = base.len();
                    base.retain(|entry| {
                        entry
                            .as_str()
                            .is_none_or(|entry| !same_entry(entry, removed))
                    });
                    if base.len() == before {
                        return Err(self.error(
                            self.line_of_text(&format!("-{removed}")),
                            format!("`-{removed}` removes nothing: `{name}` has no `{removed}`"),
                        ));
                    }
                }
                None => base.push(item),
            }
        }
        Ok(())
    }
}

/// Whether a list entry `entry` is the one `key` names: the whole entry,
/// or its first field (before a space or `|`), ignoring case.
pub fn same_entry(entry: &str, key: &str) -> bool {
    let key = key.trim();
    let entry = entry.trim();
    if entry.eq_ignore_ascii_case(key) {
        return true;
    }
    let first = entry.split(['|', ' ', '\t']).next().unwrap_or(entry).trim();
    first.eq_ignore_ascii_case(key)
}

/// The 1-based line of `text` holding byte `offset`.
fn line_at(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn overlay(text: &str) -> Overlay {
        Overlay {
            path: PathBuf::from("house/attribution.toml"),
            text: text.to_string(),
        }
    }

    #[test]
    fn lists_grow_and_shrink_tables_merge_values_replace() {
        let base =
            "verbs = [\"say\", \"add\"]\nlimit = 3\n[groups]\nnames = [\"a\"]\nother = [\"x\"]\n";
        let merged =
            overlay("verbs = [\"harrumph\", \"-add\"]\nlimit = 4\n[groups]\nnames = [\"b\"]\n")
                .merge_toml(base)
                .unwrap();
        let merged: toml::Table = toml::from_str(&merged).unwrap();
        let strings = |value: &toml::Value| -> Vec<String> {
            value
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap().to_string())
                .collect()
        };
        assert_eq!(strings(&merged["verbs"]), ["say", "harrumph"]);
        assert_eq!(merged["limit"].as_integer(), Some(4));
        assert_eq!(strings(&merged["groups"]["names"]), ["a", "b"]);
        assert_eq!(strings(&merged["groups"]["other"]), ["x"]);
    }

    #[test]
    fn unknown_keys_and_removals_of_nothing_name_their_line() {
        let base = "verbs = [\"say\"]\n";
        let error = overlay("# house verbs\nverbz = [\"x\"]\n")
            .merge_toml(base)
            .unwrap_err();
        assert_eq!(
            error.to_string(),
            "house/attribution.toml:2: unknown key `verbz`: the built-in file has no such key"
        );
        let error = overlay("\nverbs = [\"-shout\"]\n")
            .merge_toml(base)
            .unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("house/attribution.toml:2: `-shout` removes nothing")
        );
        let error = overlay("verbs = [\n").merge_toml(base).unwrap_err();
        assert!(
            error.to_string().starts_with("house/attribution.toml:"),
            "{error}"
        );
    }

    #[test]
    fn entries_are_named_by_their_first_field() {
        assert!(same_entry("write | wrote | writes", "write"));
        assert!(same_entry("Mr title", "mr"));
        assert!(same_entry("point out", "point out"));
        assert!(!same_entry("writer", "write"));
    }

    #[test]
    fn a_replace_line_replaces() {
        assert!(replaces("# replace\nverbs = []\n"));
        assert!(!replaces("# house verbs\n# replace\n"));
    }
}
