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
//! a silent skip. Each part of the rules is compiled once, the first time a
//! run asks for it (a rules folder is compiled whole at load, to report its
//! errors at once): lists into hash sets, dictionaries into phrase sets
//! whose Aho-Corasick automata ([`phrases::PhraseSet`]) are built on their
//! first search.

pub mod attribution;
pub mod checker;
pub mod figures;
pub mod lexicon;
pub mod overlay;
pub mod phrases;
pub mod segment;

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::{Arc, OnceLock};

use rustc_hash::FxHashMap;
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

/// All rules, each part compiled the first time it is asked for.
///
/// A run pays only for the rules it uses: `sentences` never compiles the
/// checker's lexicon, and a run on an empty file compiles nothing (the
/// built-in rules are most of a short run's time otherwise). Clones share
/// the compiled parts. A rules folder is read and compiled whole at
/// [`RuleSet::load`], so that a mistake in any of its files is reported at
/// once, not when (or whether) a run happens to need that file; the
/// built-in files are tested to compile.
#[derive(Debug, Clone, Default)]
pub struct RuleSet {
    parts: std::sync::Arc<Parts>,
}

#[derive(Debug, Default)]
struct Parts {
    lexicon: OnceLock<Arc<Lexicon>>,
    figures: OnceLock<FigureRules>,
    attribution: OnceLock<AttributionRules>,
    segment: OnceLock<SegmentRules>,
    check: OnceLock<CheckRules>,
    fingerprint: OnceLock<String>,
}

impl RuleSet {
    /// The rules compiled into the binary, each compiled on first use.
    pub fn builtin() -> RuleSet {
        RuleSet::default()
    }

    /// Loads the rules, taking each file from `dir` where it holds one and
    /// from the built-in set otherwise. With a folder, every file is read
    /// and compiled now, so that an error in any of them is reported here.
    pub fn load(dir: Option<&Path>) -> Result<RuleSet> {
        let Some(dir) = dir else {
            return Ok(RuleSet::builtin());
        };
        let sources = RuleSources::new(Some(dir))?;
        let figures = build_figures(&sources)?;
        let lexicon = Arc::new(build_lexicon(&sources, &figures)?);
        let attribution = build_attribution(&sources, lexicon.clone())?;
        let segment = build_segment(&sources, &attribution, lexicon.clone())?;
        let check = build_check(&sources)?;
        let fingerprint = sources.fingerprint()?;
        let parts = Parts {
            lexicon: lexicon.into(),
            figures: figures.into(),
            attribution: attribution.into(),
            segment: segment.into(),
            check: check.into(),
            fingerprint: fingerprint.into(),
        };
        Ok(RuleSet {
            parts: Arc::new(parts),
        })
    }

    /// The word classes every stage asks (also held by the rules of each
    /// stage that needs them).
    pub fn lexicon(&self) -> &Arc<Lexicon> {
        self.parts
            .lexicon
            .get_or_init(|| Arc::new(builtin(|s| build_lexicon(s, self.figures()))))
    }

    /// How figures are written: units, scales, number words, dates.
    pub fn figures(&self) -> &FigureRules {
        self.parts.figures.get_or_init(|| builtin(build_figures))
    }

    /// Who may speak, and the words that report speech.
    pub fn attribution(&self) -> &AttributionRules {
        self.parts
            .attribution
            .get_or_init(|| builtin(|s| build_attribution(s, self.lexicon().clone())))
    }

    /// Where sentences end.
    pub fn segment(&self) -> &SegmentRules {
        self.parts.segment.get_or_init(|| {
            builtin(|s| build_segment(s, self.attribution(), self.lexicon().clone()))
        })
    }

    /// What the checker knows of words: function words, paraphrases,
    /// negation, opposites, certainty.
    pub fn check(&self) -> &CheckRules {
        self.parts.check.get_or_init(|| builtin(build_check))
    }

    /// A digest of the text of every rule file as loaded (built in, or
    /// with a rules folder laid over it), in hexadecimal: what an archive
    /// index records, so that one built with other rules is refused.
    pub fn fingerprint(&self) -> &str {
        self.parts
            .fingerprint
            .get_or_init(|| builtin(|s| s.fingerprint()))
    }

    /// How many parts are compiled so far.
    #[cfg(test)]
    fn compiled_parts(&self) -> usize {
        let p = &*self.parts;
        [
            p.lexicon.get().is_some(),
            p.figures.get().is_some(),
            p.attribution.get().is_some(),
            p.segment.get().is_some(),
            p.check.get().is_some(),
        ]
        .into_iter()
        .filter(|&compiled| compiled)
        .count()
    }
}

/// Builds a part of the built-in rules. The built-in files are tested to
/// compile, so this cannot fail on a released binary; if it ever did, that
/// is a bug worth a loud stop.
fn builtin<T>(build: impl FnOnce(&RuleSources<'_>) -> Result<T>) -> T {
    let sources = RuleSources::new(None).expect("the built-in rules need no folder");
    build(&sources).expect("built-in rule files are valid")
}

fn build_figures(sources: &RuleSources<'_>) -> Result<FigureRules> {
    FigureRules::new(&*sources.read(&FIGURES)?)
}

/// The word classes of `word-classes.toml`, with two that live with the
/// figures: the weekdays and the number words.
fn build_lexicon(sources: &RuleSources<'_>, figures: &FigureRules) -> Result<Lexicon> {
    let mut weekdays: Vec<String> = figures.weekdays.iter().cloned().collect();
    weekdays.sort();
    let mut numbers: Vec<String> = figures.numbers.keys().cloned().collect();
    numbers.sort();
    Lexicon::new(
        &*sources.read(&WORD_CLASSES)?,
        &[
            (WordClass::Weekday, weekdays.as_slice()),
            (WordClass::NumberWord, numbers.as_slice()),
        ],
    )
}

fn build_attribution(sources: &RuleSources<'_>, lexicon: Arc<Lexicon>) -> Result<AttributionRules> {
    let attribution_file = sources.read(&ATTRIBUTION)?;
    let spec: attribution::AttributionFile = attribution_file.toml()?;
    let cue_forms = spec.cue_forms(&attribution_file)?;
    AttributionRules::new(
        spec,
        cue_forms,
        attribution::SpeakerFiles {
            roles: &*sources.read(&ROLES)?,
            sources: &*sources.read(&SOURCES)?,
            places: &*sources.read(&PLACES)?,
            people: &*sources.read(&PEOPLE)?,
            first_names: &*sources.read(&FIRST_NAMES)?,
        },
        lexicon,
    )
}

fn build_segment(
    sources: &RuleSources<'_>,
    attribution: &AttributionRules,
    lexicon: Arc<Lexicon>,
) -> Result<SegmentRules> {
    // The sentence tokenizer knows the one-word finite forms of the verbs
    // that attribute a quotation (`“Why?” Hannity pressed.`).
    let finite: Vec<String> = attribution
        .cues
        .entries()
        .filter(|(form, cue)| {
            !form.contains(' ')
                && cue.kind == attribution::CueKind::Verb
                && cue.is(attribution::Forms::PAST | attribution::Forms::THIRD)
        })
        .map(|(form, _)| form.to_string())
        .collect();
    SegmentRules::new(
        &*sources.read(&ABBREVIATIONS)?,
        &*sources.read(&SENTENCE_STARTERS)?,
        &*sources.read(&SEGMENTATION)?,
        &finite,
        lexicon,
    )
}

fn build_check(sources: &RuleSources<'_>) -> Result<CheckRules> {
    CheckRules::new(
        &*sources.read(&FUNCTION_WORDS)?,
        &*sources.read(&PARAPHRASES)?,
        &*sources.read(&NEGATION)?,
        &*sources.read(&OPPOSITES)?,
        &*sources.read(&CERTAINTY)?,
    )
}

/// Where rule files come from: an optional override directory (admitted
/// by the rule of [`crate::access`], as every file it holds is), then the
/// built-in texts.
struct RuleSources<'a> {
    dir: Option<(&'a Path, crate::access::Admitted)>,
    /// Each file of the folder as read the first time, by name: the
    /// fingerprint is taken of the very texts the rules were compiled
    /// from, and no file is read twice.
    read: RefCell<FxHashMap<&'static str, Rc<RuleText>>>,
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
                read: RefCell::default(),
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
            read: RefCell::default(),
        })
    }

    /// The fingerprint of every rule file, in the order of [`RULE_FILES`]:
    /// the first 16 bytes of the SHA-256 of each one's name and text (and
    /// the user's file laid over it, as written), in hexadecimal.
    fn fingerprint(&self) -> Result<String> {
        use sha2::Digest;
        let mut digest = sha2::Sha256::new();
        for file in RULE_FILES {
            let text = self.read(file)?;
            digest.update(file.name.as_bytes());
            digest.update([0]);
            digest.update(text.text.as_bytes());
            digest.update([0]);
            if let Some(overlay) = &text.overlay {
                digest.update(b"overlay\0");
                digest.update(overlay.text.as_bytes());
                digest.update([0]);
            }
        }
        let digest = digest.finalize();
        Ok(digest.iter().take(16).map(|b| format!("{b:02x}")).collect())
    }

    fn read(&self, file: &RuleFile) -> Result<Rc<RuleText>> {
        if let Some(text) = self.read.borrow().get(file.name) {
            return Ok(text.clone());
        }
        let text = Rc::new(self.read_anew(file)?);
        self.read.borrow_mut().insert(file.name, text.clone());
        Ok(text)
    }

    fn read_anew(&self, file: &RuleFile) -> Result<RuleText> {
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
            rules.segment().abbreviation("Mr"),
            Some(AbbreviationKind::Title)
        );
        assert!(rules.segment().is_sentence_starter("The"));
        assert!(rules.segment().is_reporting_verb("said"));
    }

    #[test]
    fn every_builtin_part_compiles_once_and_clones_share_it() {
        let rules = RuleSet::builtin();
        let clone = rules.clone();
        assert_eq!(rules.compiled_parts(), 0);
        rules.check();
        rules.segment();
        // The segmenter's reporting verbs come from the attribution rules:
        // one-word finite forms only.
        assert!(rules.segment().is_reporting_verb("pressed"));
        assert!(!rules.segment().is_reporting_verb("according to"));
        assert_eq!(clone.compiled_parts(), 5);
        assert_eq!(rules.fingerprint().len(), 32);
        assert_eq!(rules.fingerprint(), RuleSet::builtin().fingerprint());
    }

    #[test]
    fn a_document_without_text_compiles_no_rules() {
        use crate::document::{Document, Format};
        let rules = RuleSet::builtin();
        let empty = Document::from_text("empty.txt".into(), String::new(), Format::Plain);
        let sentences = crate::segment::sentences(&empty, &rules);
        let claims = crate::claims::extract(&empty, &sentences, &rules);
        assert!(sentences.is_empty() && claims.claims.is_empty());
        assert_eq!(rules.compiled_parts(), 0);
        let one = Document::from_text("one.txt".into(), "Singh spoke.".into(), Format::Plain);
        assert_eq!(crate::segment::sentences(&one, &rules).len(), 1);
        assert!(rules.compiled_parts() > 0);
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
