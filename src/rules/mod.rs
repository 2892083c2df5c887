//! The knowledge claimtrace reads news with, loaded from the data files in
//! `rules/`.
//!
//! What a reader of news knows (which words are abbreviations, which verbs
//! report speech, which phrases name an anonymous source, how figures are
//! written) is kept out of the code, in plain files an editor can read and
//! extend. Each file is compiled into the binary with `include_str!`, so
//! claimtrace works with no files around it; [`RuleSet::load`] with a
//! directory replaces any built-in file by the file of the same name in that
//! directory, and keeps the built-in version of the files it does not hold.
//!
//! Two formats, both with `#` comments:
//!
//! * word lists (`.txt`): one entry a line, blank lines ignored;
//! * structured rules (`.toml`), read with serde into typed structures that
//!   refuse unknown keys.
//!
//! A malformed file is an [`Error::Rule`] naming the file and the line, never
//! a silent skip. Everything is compiled once, at load: dictionaries into
//! Aho-Corasick automata ([`phrases::PhraseSet`]), lists into hash sets.

pub mod attribution;
pub mod checker;
pub mod figures;
pub mod lexicon;
pub mod overlay;
pub mod phrases;
pub mod segment;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use crate::error::{Error, Result};

pub use attribution::AttributionRules;
pub use checker::CheckRules;
pub use figures::FigureRules;
pub use lexicon::{Lexicon, WordClass};
pub use segment::{AbbreviationKind, SegmentRules};

/// A built-in rule file: its name in `rules/` and its compiled-in text.
struct RuleFile {
    name: &'static str,
    builtin: &'static str,
}

macro_rules! rule_file {
    ($name:literal) => {
        RuleFile {
            name: $name,
            // The English rules: the folder of `lang::en::RULES_FOLDER`.
            builtin: include_str!(concat!("../../rules/en/", $name)),
        }
    };
}

const ABBREVIATIONS: RuleFile = rule_file!("abbreviations.txt");
const SENTENCE_STARTERS: RuleFile = rule_file!("sentence-starters.txt");
const SEGMENTATION: RuleFile = rule_file!("segmentation.toml");
const ATTRIBUTION: RuleFile = rule_file!("attribution.toml");
const ROLES: RuleFile = rule_file!("roles.txt");
const SOURCES: RuleFile = rule_file!("sources.toml");
const PLACES: RuleFile = rule_file!("places.txt");
const PEOPLE: RuleFile = rule_file!("people.toml");
const FIRST_NAMES: RuleFile = rule_file!("first-names.toml");
const FIGURES: RuleFile = rule_file!("figures.toml");
const FUNCTION_WORDS: RuleFile = rule_file!("function-words.txt");
const PARAPHRASES: RuleFile = rule_file!("paraphrases.txt");
const NEGATION: RuleFile = rule_file!("negation.txt");
const OPPOSITES: RuleFile = rule_file!("opposites.txt");
const CERTAINTY: RuleFile = rule_file!("certainty.toml");
const WORD_CLASSES: RuleFile = rule_file!("word-classes.toml");

/// Every rule file claimtrace knows, so that a misspelt file in a rules
/// directory is reported instead of silently ignored.
const RULE_FILES: &[RuleFile] = &[
    ABBREVIATIONS,
    SENTENCE_STARTERS,
    SEGMENTATION,
    ATTRIBUTION,
    ROLES,
    SOURCES,
    PLACES,
    PEOPLE,
    FIRST_NAMES,
    FIGURES,
    FUNCTION_WORDS,
    PARAPHRASES,
    NEGATION,
    OPPOSITES,
    CERTAINTY,
    WORD_CLASSES,
];

/// All rules, compiled and ready to run.
#[derive(Debug, Clone)]
pub struct RuleSet {
    /// The word classes every stage asks (also held by the rules of each
    /// stage that needs them).
    pub lexicon: std::sync::Arc<Lexicon>,
    pub segment: SegmentRules,
    pub attribution: AttributionRules,
    pub figures: FigureRules,
    pub check: CheckRules,
    /// A digest of the text of every rule file as loaded (built in, or
    /// with a rules folder laid over it), in hexadecimal: what an archive
    /// index records, so that one built with other rules is refused.
    pub fingerprint: String,
}

impl RuleSet {
    /// The rules compiled into the binary.
    pub fn builtin() -> RuleSet {
        // The built-in files are tested to load, so this cannot fail on a
        // released binary; if it ever did, that is a bug worth a loud stop.
        RuleSet::load(None).expect("built-in rule files are valid")
    }

    /// Loads the rules, taking each file from `dir` where it holds one and
    /// from the built-in set otherwise.
    pub fn load(dir: Option<&Path>) -> Result<RuleSet> {
        let sources = RuleSources::new(dir)?;
        let attribution_file = sources.read(&ATTRIBUTION)?;
        let attribution_spec: attribution::AttributionFile = attribution_file.toml()?;
        let cue_forms = attribution_spec.cue_forms(&attribution_file)?;
        // The sentence tokenizer knows the one-word finite forms of the
        // verbs that attribute a quotation (`“Why?” Hannity pressed.`).
        let finite: Vec<String> = cue_forms
            .iter()
            .filter(|(form, cue)| {
                !form.contains(' ')
                    && cue.kind == attribution::CueKind::Verb
                    && cue.is(attribution::Forms::PAST | attribution::Forms::THIRD)
            })
            .map(|(form, _)| form.clone())
            .collect();
        let figures = FigureRules::new(&sources.read(&FIGURES)?)?;
        // Two classes live with the figures: the weekdays and the number
        // words.
        let mut weekdays: Vec<String> = figures.weekdays.iter().cloned().collect();
        weekdays.sort();
        let mut numbers: Vec<String> = figures.numbers.keys().cloned().collect();
        numbers.sort();
        let lexicon = std::sync::Arc::new(Lexicon::new(
            &sources.read(&WORD_CLASSES)?,
            &[
                (WordClass::Weekday, weekdays.as_slice()),
                (WordClass::NumberWord, numbers.as_slice()),
            ],
        )?);
        let segment = SegmentRules::new(
            &sources.read(&ABBREVIATIONS)?,
            &sources.read(&SENTENCE_STARTERS)?,
            &sources.read(&SEGMENTATION)?,
            &finite,
            lexicon.clone(),
        )?;
        let attribution = AttributionRules::new(
            attribution_spec,
            cue_forms,
            attribution::SpeakerFiles {
                roles: &sources.read(&ROLES)?,
                sources: &sources.read(&SOURCES)?,
                places: &sources.read(&PLACES)?,
                people: &sources.read(&PEOPLE)?,
                first_names: &sources.read(&FIRST_NAMES)?,
            },
            lexicon.clone(),
        )?;
        let check = CheckRules::new(
            &sources.read(&FUNCTION_WORDS)?,
            &sources.read(&PARAPHRASES)?,
            &sources.read(&NEGATION)?,
            &sources.read(&OPPOSITES)?,
            &sources.read(&CERTAINTY)?,
        )?;
        Ok(RuleSet {
            lexicon,
            segment,
            attribution,
            figures,
            check,
            fingerprint: sources.fingerprint(),
        })
    }
}

/// Where rule files come from: an optional override directory (admitted
/// by the rule of [`crate::access`], as every file it holds is), then the
/// built-in texts.
struct RuleSources<'a> {
    dir: Option<(&'a Path, crate::access::Admitted)>,
    /// Every file's name and text as read, in the order read.
    digest: std::cell::RefCell<sha2::Sha256>,
}

/// A rule file's text and the path it is reported under, with the user's
/// file laid over it when a rules folder holds one ([`overlay`]).
///
/// Lines are numbered through the built-in text and then on through the
/// overlay's (a word list's entry from the overlay's line 2 is line
/// `built-in lines + 2`); [`RuleText::error`] names the file and line each
/// number is really on. For a TOML file with an overlay, `text` is the
/// merged text, and an error in it is traced to the overlay line that
/// wrote the same words.
pub struct RuleText {
    pub path: PathBuf,
    pub text: String,
    overlay: Option<overlay::Overlay>,
}

impl<'a> RuleSources<'a> {
    /// Checks that `dir` exists and holds no rule-like file claimtrace does
    /// not know.
    fn new(dir: Option<&'a Path>) -> Result<RuleSources<'a>> {
        let Some(dir) = dir else {
            return Ok(RuleSources {
                dir: None,
                digest: Default::default(),
            });
        };
        let io_error = |source| Error::Io {
            path: dir.to_path_buf(),
            source,
        };
        let root = crate::access::run_root(Path::new(".")).map_err(io_error)?;
        let admitted = crate::access::named(dir, &root).map_err(|d| d.into_error(dir))?;
        if !admitted.is_dir {
            return Err(Error::Io {
                path: dir.to_path_buf(),
                source: std::io::Error::new(std::io::ErrorKind::NotADirectory, "not a folder"),
            });
        }
        {
            for entry in std::fs::read_dir(&admitted.real).map_err(io_error)? {
                let entry = entry.map_err(io_error)?;
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
        Ok(RuleSources {
            dir: Some((dir, admitted)),
            digest: Default::default(),
        })
    }

    /// Reads `file` (see [`RuleSources::read_text`]) and adds its text to
    /// the fingerprint.
    fn read(&self, file: &RuleFile) -> Result<RuleText> {
        use sha2::Digest;
        let text = self.read_text(file)?;
        let mut digest = self.digest.borrow_mut();
        digest.update(file.name.as_bytes());
        digest.update([0]);
        digest.update(text.text.as_bytes());
        digest.update([0]);
        Ok(text)
    }

    /// The fingerprint of the files read so far: the first 16 bytes of
    /// their SHA-256, in hexadecimal.
    fn fingerprint(&self) -> String {
        use sha2::Digest;
        let digest = self.digest.borrow().clone().finalize();
        digest.iter().take(16).map(|b| format!("{b:02x}")).collect()
    }

    fn read_text(&self, file: &RuleFile) -> Result<RuleText> {
        if let Some((dir, admitted)) = &self.dir {
            let path = dir.join(file.name);
            let inside = admitted
                .real
                .strip_prefix(&admitted.root)
                .unwrap_or(Path::new(""));
            match crate::access::beneath(&admitted.root, &inside.join(file.name)) {
                Err(denied) if denied.is_not_found() => {}
                Err(denied) => return Err(denied.into_error(&path)),
                Ok(found) => {
                    let (mut opened, _) =
                        crate::access::open(&found).map_err(|d| d.into_error(&path))?;
                    let mut bytes = Vec::new();
                    std::io::Read::read_to_end(&mut opened, &mut bytes).map_err(|source| {
                        Error::Io {
                            path: path.clone(),
                            source,
                        }
                    })?;
                    let text = String::from_utf8(bytes).map_err(|e| Error::InvalidUtf8 {
                        path: path.clone(),
                        offset: e.utf8_error().valid_up_to(),
                    })?;
                    // The user's file counts in the fingerprint as written,
                    // whatever it lays over.
                    {
                        use sha2::Digest;
                        let mut digest = self.digest.borrow_mut();
                        digest.update(b"overlay\0");
                        digest.update(text.as_bytes());
                        digest.update([0]);
                    }
                    return RuleText::laid_over(file, path, text);
                }
            }
        }
        Ok(RuleText::new(builtin_path(file), file.builtin.to_string()))
    }
}

/// Where a built-in rule file is shown to be: `rules/en/NAME`.
fn builtin_path(file: &RuleFile) -> PathBuf {
    Path::new("rules")
        .join(crate::lang::en::RULES_FOLDER)
        .join(file.name)
}

impl RuleText {
    /// The file at `path` holding `text`, with nothing laid over it.
    pub fn new(path: PathBuf, text: String) -> RuleText {
        RuleText {
            path,
            text,
            overlay: None,
        }
    }

    /// The built-in `file` with the user's file (at `path`, holding `text`)
    /// laid over it, or replaced by it when it says so.
    fn laid_over(file: &RuleFile, path: PathBuf, text: String) -> Result<RuleText> {
        if overlay::replaces(&text) {
            return Ok(RuleText::new(path, text));
        }
        let builtin = builtin_path(file);
        let overlay = overlay::Overlay { path, text };
        let text = if file.name.ends_with(".toml") {
            overlay.merge_toml(file.builtin)?
        } else {
            file.builtin.to_string()
        };
        Ok(RuleText {
            path: builtin,
            text,
            overlay: Some(overlay),
        })
    }

    /// A rule file for tests, reported as `rules/test.txt`.
    #[cfg(test)]
    pub(crate) fn for_test(body: &str) -> RuleText {
        RuleText::new(PathBuf::from("rules/test.txt"), body.to_string())
    }

    /// An error at the 1-based `line` of this file (numbered as the type
    /// says: on through the overlay).
    pub fn error(&self, line: usize, message: impl Into<String>) -> Error {
        let Some(overlay) = &self.overlay else {
            return Error::Rule {
                path: self.path.clone(),
                line,
                message: message.into(),
            };
        };
        if self.path.extension().is_some_and(|e| e == "toml") {
            // The merged text is the overlay's doing where it is wrong: the
            // overlay line with the same words.
            let words = self.text.lines().nth(line.saturating_sub(1)).unwrap_or("");
            let words = words.trim().trim_end_matches(',').trim();
            return overlay.error(overlay.line_of_text(words), message);
        }
        let builtin_lines = self.text.lines().count();
        if line > builtin_lines {
            overlay.error(line - builtin_lines, message)
        } else {
            Error::Rule {
                path: self.path.clone(),
                line,
                message: message.into(),
            }
        }
    }

    /// The 1-based line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        memchr::memchr_iter(b'\n', &self.text.as_bytes()[..offset]).count() + 1
    }

    /// Parses the file as TOML into `T`; a syntax error or an unknown key
    /// names the line.
    pub fn toml<T: DeserializeOwned>(&self) -> Result<T> {
        toml::from_str(&self.text).map_err(|e| {
            let line = e.span().map_or(1, |span| self.line_of(span.start));
            self.error(line, e.message().trim().to_string())
        })
    }

    /// Parses the file as a word list: one entry a line, `#` to the end of
    /// the line is a comment. Duplicate entries are errors, since a second
    /// line for the same word is always a mistake in one of them.
    ///
    /// With an overlay, its lines follow: each adds an entry (one the
    /// built-in file has already is left as it is), and `-entry` removes
    /// the entries it names ([`overlay::same_entry`]).
    pub fn word_list(&self) -> Result<Vec<Entry>> {
        let mut entries = word_list_of(&self.text, |line, message| self.error(line, message))?;
        if let Some(overlay) = &self.overlay {
            let offset = self.text.lines().count();
            let added = word_list_of(&overlay.text, |line, message| overlay.error(line, message))?;
            for entry in added {
                match entry.text.strip_prefix('-') {
                    Some(removed) => {
                        let before = entries.len();
                        entries.retain(|e| !overlay::same_entry(&e.text, removed));
                        if entries.len() == before {
                            return Err(overlay.error(
                                entry.line,
                                format!(
                                    "`{}` removes nothing: no entry is `{removed}`",
                                    entry.text
                                ),
                            ));
                        }
                    }
                    None if entries
                        .iter()
                        .any(|e| e.text.eq_ignore_ascii_case(&entry.text)) => {}
                    None => entries.push(Entry {
                        text: entry.text,
                        line: offset + entry.line,
                    }),
                }
            }
        }
        Ok(entries)
    }
}

/// The entries of the word list `text`; a duplicate is an error made by
/// `error`.
fn word_list_of(text: &str, error: impl Fn(usize, String) -> Error) -> Result<Vec<Entry>> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut entries = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        let text = raw.split('#').next().unwrap_or("").trim();
        if text.is_empty() {
            continue;
        }
        if let Some(first) = seen.insert(text.to_lowercase(), line) {
            return Err(error(
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

impl RuleText {}

/// One entry of a word list: its text (comment and outer whitespace
/// removed) and its 1-based line.
pub struct Entry {
    pub text: String,
    pub line: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(body: &str) -> RuleText {
        RuleText::for_test(body)
    }

    #[test]
    fn builtin_rules_load() {
        let rules = RuleSet::builtin();
        assert_eq!(
            rules.segment.abbreviation("Mr"),
            Some(AbbreviationKind::Title)
        );
        assert!(rules.segment.is_sentence_starter("The"));
        assert!(rules.segment.is_reporting_verb("said"));
    }

    #[test]
    fn comments_and_blank_lines_are_skipped() {
        let entries = text("# head\n\nmr title # trailing\n  co  \n")
            .word_list()
            .unwrap();
        let words: Vec<_> = entries.iter().map(|e| (e.text.as_str(), e.line)).collect();
        assert_eq!(words, [("mr title", 3), ("co", 4)]);
    }

    #[test]
    fn duplicates_name_both_lines() {
        let err = text("mr\nMr\n").word_list().err().unwrap();
        assert_eq!(
            err.to_string(),
            "rules/test.txt:2: duplicate entry `Mr` (first on line 1)"
        );
    }

    #[test]
    fn toml_errors_name_the_line() {
        #[derive(serde::Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct File {
            verbs: Vec<String>,
        }
        let err = text("# c\nverbs = [\"said\"]\nnouns = []\n")
            .toml::<File>()
            .unwrap_err();
        assert!(
            err.to_string()
                .starts_with("rules/test.txt:3: unknown field `nouns`"),
            "{err}"
        );
        let err = text("verbs = [\n\"said\",\n\"x\" \"y\"]\n")
            .toml::<File>()
            .unwrap_err();
        assert!(err.to_string().starts_with("rules/test.txt:3:"), "{err}");
    }
}
