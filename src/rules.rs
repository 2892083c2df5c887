//! The knowledge claimtrace reads news with, loaded from the data files in
//! `rules/`.
//!
//! What a reader of news knows (which words are abbreviations, which words
//! open a sentence, which verbs report speech) is kept out of the code, in
//! plain files an editor can read and extend. Each file is compiled into the
//! binary with `include_str!`, so claimtrace works with no files around it;
//! `RuleSet::load` with a directory replaces any built-in file by the file of
//! the same name in that directory, and keeps the built-in version of the
//! files it does not hold.
//!
//! Word lists are `.txt` files: one entry a line, `#` starting a comment,
//! blank lines ignored. A malformed line is an [`Error::Rule`] naming the
//! file and the line, never a silent skip.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// A built-in rule file: its name in `rules/` and its compiled-in text.
struct RuleFile {
    name: &'static str,
    builtin: &'static str,
}

const ABBREVIATIONS: RuleFile = RuleFile {
    name: "abbreviations.txt",
    builtin: include_str!("../rules/abbreviations.txt"),
};
const SENTENCE_STARTERS: RuleFile = RuleFile {
    name: "sentence-starters.txt",
    builtin: include_str!("../rules/sentence-starters.txt"),
};
const REPORTING_VERBS: RuleFile = RuleFile {
    name: "reporting-verbs.txt",
    builtin: include_str!("../rules/reporting-verbs.txt"),
};

/// Every rule file claimtrace knows, so that a misspelt file in a rules
/// directory is reported instead of silently ignored.
const RULE_FILES: &[RuleFile] = &[ABBREVIATIONS, SENTENCE_STARTERS, REPORTING_VERBS];

/// How an abbreviation behaves before the next word (see
/// `rules/abbreviations.txt`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AbbreviationKind {
    /// Precedes a name; never ends a sentence.
    Title,
    /// An abbreviation only before a number.
    Number,
    /// May end a sentence, when a sentence starter follows.
    Ordinary,
}

/// The rules the sentence segmenter uses.
#[derive(Debug, Clone)]
pub struct SegmentRules {
    /// Lower-cased abbreviations without their final stop.
    abbreviations: HashMap<String, AbbreviationKind>,
    /// Words that open sentences, as capitalised there.
    starters: HashSet<String>,
    /// Lower-cased reporting verb forms.
    reporting_verbs: HashSet<String>,
}

impl SegmentRules {
    /// How `word` (without its final stop) behaves as an abbreviation, if
    /// it is one. Case does not matter.
    pub fn abbreviation(&self, word: &str) -> Option<AbbreviationKind> {
        if word.bytes().any(|b| b.is_ascii_uppercase()) {
            self.abbreviations.get(&word.to_lowercase()).copied()
        } else {
            self.abbreviations.get(word).copied()
        }
    }

    /// Whether `word` usually opens a sentence.
    pub fn is_sentence_starter(&self, word: &str) -> bool {
        self.starters.contains(word)
    }

    /// Whether `word` is a form of a reporting verb ("said", "asked").
    pub fn is_reporting_verb(&self, word: &str) -> bool {
        self.reporting_verbs.contains(word)
    }
}

/// All rules, compiled and ready to run.
#[derive(Debug, Clone)]
pub struct RuleSet {
    pub segment: SegmentRules,
}

impl RuleSet {
    /// The rules compiled into the binary.
    pub fn builtin() -> RuleSet {
        // The built-in files are tested to parse, so this cannot fail on a
        // released binary; if it ever did, that is a bug worth a loud stop.
        RuleSet::load(None).expect("built-in rule files are valid")
    }

    /// Loads the rules, taking each file from `dir` where it holds one and
    /// from the built-in set otherwise.
    pub fn load(dir: Option<&Path>) -> Result<RuleSet> {
        let sources = RuleSources::new(dir)?;
        let abbreviations = parse_abbreviations(&sources.read(&ABBREVIATIONS)?)?;
        let starters = word_list(&sources.read(&SENTENCE_STARTERS)?)?
            .into_iter()
            .map(|entry| entry.text)
            .collect();
        let reporting_verbs = word_list(&sources.read(&REPORTING_VERBS)?)?
            .into_iter()
            .map(|entry| entry.text.to_lowercase())
            .collect();
        Ok(RuleSet {
            segment: SegmentRules {
                abbreviations,
                starters,
                reporting_verbs,
            },
        })
    }
}

/// Where rule files come from: an optional override directory, then the
/// built-in texts.
struct RuleSources<'a> {
    dir: Option<&'a Path>,
}

/// A rule file's text and the path it is reported under.
struct RuleText {
    path: PathBuf,
    text: String,
}

impl<'a> RuleSources<'a> {
    /// Checks that `dir` exists and holds no rule-like file claimtrace does
    /// not know.
    fn new(dir: Option<&'a Path>) -> Result<RuleSources<'a>> {
        if let Some(dir) = dir {
            let entries = std::fs::read_dir(dir).map_err(|source| Error::Io {
                path: dir.to_path_buf(),
                source,
            })?;
            for entry in entries {
                let entry = entry.map_err(|source| Error::Io {
                    path: dir.to_path_buf(),
                    source,
                })?;
                let name = entry.file_name().to_string_lossy().into_owned();
                let looks_like_rules = name.ends_with(".txt") || name.ends_with(".toml");
                if looks_like_rules && !RULE_FILES.iter().any(|f| f.name == name) {
                    let known: Vec<_> = RULE_FILES.iter().map(|f| f.name).collect();
                    return Err(Error::Rule {
                        path: entry.path(),
                        line: 1,
                        message: format!(
                            "not a rule file claimtrace knows (known: {})",
                            known.join(", ")
                        ),
                    });
                }
            }
        }
        Ok(RuleSources { dir })
    }

    fn read(&self, file: &RuleFile) -> Result<RuleText> {
        if let Some(dir) = self.dir {
            let path = dir.join(file.name);
            if path.is_file() {
                let bytes = std::fs::read(&path).map_err(|source| Error::Io {
                    path: path.clone(),
                    source,
                })?;
                let text = String::from_utf8(bytes).map_err(|e| Error::InvalidUtf8 {
                    path: path.clone(),
                    offset: e.utf8_error().valid_up_to(),
                })?;
                return Ok(RuleText { path, text });
            }
        }
        Ok(RuleText {
            path: Path::new("rules").join(file.name),
            text: file.builtin.to_string(),
        })
    }
}

/// One entry of a word list: its text (comment and outer whitespace
/// removed) and its 1-based line.
struct Entry {
    text: String,
    line: usize,
}

/// Parses a word list: one entry a line, `#` to the end of the line is a
/// comment. Duplicate entries are errors, since a second line for the same
/// word is always a mistake in one of them.
fn word_list(file: &RuleText) -> Result<Vec<Entry>> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut entries = Vec::new();
    for (index, raw) in file.text.lines().enumerate() {
        let line = index + 1;
        let text = raw.split('#').next().unwrap_or("").trim();
        if text.is_empty() {
            continue;
        }
        if let Some(first) = seen.insert(text.to_lowercase(), line) {
            return Err(rule_error(
                file,
                line,
                format!("duplicate entry `{text}` (first on line {first})"),
            ));
        }
        entries.push(Entry {
            text: text.to_string(),
            line,
        });
    }
    Ok(entries)
}

fn parse_abbreviations(file: &RuleText) -> Result<HashMap<String, AbbreviationKind>> {
    let mut abbreviations = HashMap::new();
    for entry in word_list(file)? {
        let mut words = entry.text.split_whitespace();
        let word = words.next().unwrap_or_default();
        let kind = match words.next() {
            None => AbbreviationKind::Ordinary,
            Some("title") => AbbreviationKind::Title,
            Some("number") => AbbreviationKind::Number,
            Some(other) => {
                return Err(rule_error(
                    file,
                    entry.line,
                    format!("unknown abbreviation kind `{other}` (expected `title` or `number`)"),
                ));
            }
        };
        if words.next().is_some() {
            return Err(rule_error(
                file,
                entry.line,
                "expected an abbreviation and at most one kind".to_string(),
            ));
        }
        if word.ends_with('.') {
            return Err(rule_error(
                file,
                entry.line,
                format!(
                    "write `{}` without its final full stop",
                    word.trim_end_matches('.')
                ),
            ));
        }
        abbreviations.insert(word.to_lowercase(), kind);
    }
    Ok(abbreviations)
}

fn rule_error(file: &RuleText, line: usize, message: String) -> Error {
    Error::Rule {
        path: file.path.clone(),
        line,
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(body: &str) -> RuleText {
        RuleText {
            path: PathBuf::from("rules/test.txt"),
            text: body.to_string(),
        }
    }

    #[test]
    fn builtin_rules_load() {
        let rules = RuleSet::builtin();
        assert_eq!(
            rules.segment.abbreviation("Mr"),
            Some(AbbreviationKind::Title)
        );
        assert_eq!(
            rules.segment.abbreviation("no"),
            Some(AbbreviationKind::Number)
        );
        assert_eq!(
            rules.segment.abbreviation("Inc"),
            Some(AbbreviationKind::Ordinary)
        );
        assert_eq!(rules.segment.abbreviation("house"), None);
        assert!(rules.segment.is_sentence_starter("The"));
        assert!(rules.segment.is_reporting_verb("said"));
    }

    #[test]
    fn comments_and_blank_lines_are_skipped() {
        let entries = word_list(&text("# head\n\nmr title # trailing\n  co  \n")).unwrap();
        let words: Vec<_> = entries.iter().map(|e| (e.text.as_str(), e.line)).collect();
        assert_eq!(words, [("mr title", 3), ("co", 4)]);
    }

    #[test]
    fn malformed_lines_name_file_and_line() {
        let err = parse_abbreviations(&text("mr title\nco sometimes\n")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "rules/test.txt:2: unknown abbreviation kind `sometimes` (expected `title` or `number`)"
        );
        let err = parse_abbreviations(&text("mr\nMr\n")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "rules/test.txt:2: duplicate entry `Mr` (first on line 1)"
        );
        let err = parse_abbreviations(&text("etc.\n")).unwrap_err();
        assert!(err.to_string().starts_with("rules/test.txt:1: write `etc`"));
    }
}
