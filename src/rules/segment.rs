//! The rules of the sentence tokenizer: abbreviations
//! (`rules/en/abbreviations.txt`), sentence starters
//! (`rules/en/sentence-starters.txt`), clock times and news layout
//! (`rules/en/segmentation.toml`) and the one-word reporting verbs of
//! `rules/en/attribution.toml`, which keep `“Why?” Singh asked.` in one
//! sentence.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::Deserialize;

use super::RuleText;
use crate::error::Result;

/// How an abbreviation behaves before the next word (see
/// `rules/en/abbreviations.txt`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AbbreviationKind {
    /// Precedes a name; never ends a sentence.
    Title,
    /// An abbreviation only before a number.
    Number,
    /// May end a sentence, when a sentence starter follows.
    Ordinary,
    /// Ends a clock time (`a.m.`, `p.m.`): a capitalised word after it
    /// opens a sentence unless it goes on naming the time.
    Clock,
}

/// The rules the sentence segmenter uses.
#[derive(Debug, Clone)]
pub struct SegmentRules {
    /// Lower-cased abbreviations without their final stop.
    abbreviations: HashMap<String, AbbreviationKind>,
    /// Words that open sentences, as capitalised there.
    starters: HashSet<String>,
    /// Lower-cased one-word reporting verb forms.
    reporting_verbs: HashSet<String>,
    /// Words that go on naming a clock time after `a.m.`/`p.m.`.
    clock_continues: HashSet<String>,
    /// Words that open an introductory time phrase (`At 5 a.m. …`).
    clock_introductions: HashSet<String>,
    /// Words that open a byline.
    bylines: HashSet<String>,
    /// Lower-cased openers of timestamp and credit lines, longest first.
    labels: Vec<String>,
    /// The word classes, shared with every stage.
    pub lexicon: std::sync::Arc<super::Lexicon>,
}

/// `rules/en/segmentation.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SegmentationFile {
    clock_time: ClockTimeSection,
    lines: LinesSection,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ClockTimeSection {
    continues: Vec<String>,
    introductions: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LinesSection {
    bylines: Vec<String>,
    labels: Vec<String>,
}

impl SegmentRules {
    pub(super) fn new(
        abbreviations: &RuleText,
        starters: &RuleText,
        segmentation: &RuleText,
        reporting_verbs: &[String],
        lexicon: std::sync::Arc<super::Lexicon>,
    ) -> Result<SegmentRules> {
        let layout: SegmentationFile = segmentation.toml()?;
        let mut labels: Vec<String> = layout
            .lines
            .labels
            .iter()
            .map(|label| label.to_lowercase())
            .collect();
        labels.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        labels.dedup();
        Ok(SegmentRules {
            abbreviations: parse_abbreviations(abbreviations)?,
            starters: starters.word_list()?.into_iter().map(|e| e.text).collect(),
            reporting_verbs: reporting_verbs
                .iter()
                .filter(|verb| !verb.contains(' '))
                .map(|verb| verb.to_lowercase())
                .collect(),
            clock_continues: layout.clock_time.continues.into_iter().collect(),
            clock_introductions: layout.clock_time.introductions.into_iter().collect(),
            bylines: layout.lines.bylines.into_iter().collect(),
            labels,
            lexicon,
        })
    }

    /// How `word` (without its final stop) behaves as an abbreviation, if
    /// it is one. Case does not matter.
    pub fn abbreviation(&self, word: &str) -> Option<AbbreviationKind> {
        if word.chars().any(char::is_uppercase) {
            self.abbreviations.get(&word.to_lowercase()).copied()
        } else {
            self.abbreviations.get(word).copied()
        }
    }

    /// Whether `word` usually opens a sentence.
    pub fn is_sentence_starter(&self, word: &str) -> bool {
        self.starters.contains(word)
    }

    /// Whether `word`, after a clock time (`7 p.m. ET`), goes on naming
    /// the time.
    pub fn continues_clock_time(&self, word: &str) -> bool {
        self.clock_continues.contains(word)
    }

    /// Whether `word` opens an introductory time phrase (`At 5 a.m.`).
    pub fn introduces_clock_time(&self, word: &str) -> bool {
        self.clock_introductions.contains(word)
    }

    /// Whether `word` opens a byline (`By Jane Doe`).
    pub fn is_byline_opener(&self, word: &str) -> bool {
        self.bylines.contains(word)
    }

    /// The length of the timestamp or credit label (`Published`, `Photo
    /// by`) that `line` opens with, if any: a whole word or words, matched
    /// whatever their case.
    pub fn label_at_start(&self, line: &str) -> Option<usize> {
        self.labels.iter().find_map(|label| {
            let head = line.get(..label.len())?;
            let boundary = line[label.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            (boundary && head.eq_ignore_ascii_case(label)).then_some(label.len())
        })
    }

    /// Whether `word` is a one-word form of a reporting verb ("said",
    /// "asked"), in lower case.
    pub fn is_reporting_verb(&self, word: &str) -> bool {
        self.reporting_verbs.contains(word)
    }
}

fn parse_abbreviations(file: &RuleText) -> Result<HashMap<String, AbbreviationKind>> {
    let mut abbreviations = HashMap::default();
    for entry in file.word_list()? {
        let mut words = entry.text.split_whitespace();
        let word = words.next().unwrap_or_default();
        let kind = match words.next() {
            None => AbbreviationKind::Ordinary,
            Some("title") => AbbreviationKind::Title,
            Some("number") => AbbreviationKind::Number,
            Some("clock") => AbbreviationKind::Clock,
            Some(other) => {
                return Err(file.error(
                    entry.line,
                    format!(
                        "unknown abbreviation kind `{other}` (expected `title`, `number` or `clock`)"
                    ),
                ));
            }
        };
        if words.next().is_some() {
            return Err(file.error(entry.line, "expected an abbreviation and at most one kind"));
        }
        if word.ends_with('.') {
            return Err(file.error(
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

#[cfg(test)]
mod tests {
    use super::*;

    fn text(body: &str) -> RuleText {
        RuleText::for_test(body)
    }

    #[test]
    fn abbreviation_kinds() {
        let map = parse_abbreviations(&text("mr title\nno number\nco\n")).unwrap();
        assert_eq!(map["mr"], AbbreviationKind::Title);
        assert_eq!(map["no"], AbbreviationKind::Number);
        assert_eq!(map["co"], AbbreviationKind::Ordinary);
    }

    #[test]
    fn malformed_lines_name_file_and_line() {
        let err = parse_abbreviations(&text("mr title\nco sometimes\n")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "rules/test.txt:2: unknown abbreviation kind `sometimes` (expected `title`, `number` or `clock`)"
        );
        let err = parse_abbreviations(&text("etc.\n")).unwrap_err();
        assert!(err.to_string().starts_with("rules/test.txt:1: write `etc`"));
    }
}
