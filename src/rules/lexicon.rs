//! The lexicon: every closed class of words the engine asks about, loaded
//! from `rules/en/word-classes.toml` (and from the files that already hold
//! a class, such as the weekdays of `rules/en/figures.toml`), each word
//! tagged once with a set of [`WordClass`]es.
//!
//! A stage asks `lexicon.is(word, WordClass::Article)` instead of keeping
//! a list of its own, so a word has one home, a rules folder can add to
//! a class, and two stages cannot drift apart on what an article is.

use rustc_hash::FxHashMap;
use serde::Deserialize;

use super::RuleText;
use crate::error::Result;

/// A class of words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum WordClass {
    Article,
    PossessiveDeterminer,
    SubjectPronoun,
    Coordinator,
    SentenceAdverb,
    AdverbialOpener,
    VerbWithAHearer,
    VerbOfWriting,
    Weekday,
}

impl WordClass {
    /// The class's bit in a [`Classes`] set.
    const fn bit(self) -> u64 {
        1 << self as u64
    }
}

/// The classes one word belongs to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Classes(u64);

impl Classes {
    /// Whether the set holds `class`.
    pub fn has(self, class: WordClass) -> bool {
        self.0 & class.bit() != 0
    }

    fn add(&mut self, class: WordClass) {
        self.0 |= class.bit();
    }
}

/// `rules/en/word-classes.toml`: one list of words a class.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WordClassesFile {
    articles: Vec<String>,
    possessive_determiners: Vec<String>,
    subject_pronouns: Vec<String>,
    coordinators: Vec<String>,
    sentence_adverbs: Vec<String>,
    adverbial_openers: Vec<String>,
    verbs_with_a_hearer: Vec<String>,
    verbs_of_writing: Vec<String>,
}

/// Every word the rules put in a class, with its classes.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    words: FxHashMap<String, Classes>,
}

impl Lexicon {
    /// The lexicon of `file` (`word-classes.toml`), with the `weekdays`
    /// that another rule file holds.
    pub(super) fn new(file: &RuleText, weekdays: &[String]) -> Result<Lexicon> {
        let spec: WordClassesFile = file.toml()?;
        let mut lexicon = Lexicon::default();
        let lists = [
            (WordClass::Article, &spec.articles),
            (
                WordClass::PossessiveDeterminer,
                &spec.possessive_determiners,
            ),
            (WordClass::SubjectPronoun, &spec.subject_pronouns),
            (WordClass::Coordinator, &spec.coordinators),
            (WordClass::SentenceAdverb, &spec.sentence_adverbs),
            (WordClass::AdverbialOpener, &spec.adverbial_openers),
            (WordClass::VerbWithAHearer, &spec.verbs_with_a_hearer),
            (WordClass::VerbOfWriting, &spec.verbs_of_writing),
            (WordClass::Weekday, &weekdays.to_vec()),
        ];
        for (class, words) in lists {
            for word in words {
                lexicon.tag(word, class);
            }
        }
        Ok(lexicon)
    }

    fn tag(&mut self, word: &str, class: WordClass) {
        self.words
            .entry(word.trim().to_lowercase())
            .or_default()
            .add(class);
    }

    /// The classes of `word` (any case).
    pub fn classes(&self, word: &str) -> Classes {
        match self.words.get(word) {
            Some(classes) => *classes,
            None if word.chars().any(char::is_uppercase) => self
                .words
                .get(&word.to_lowercase())
                .copied()
                .unwrap_or_default(),
            None => Classes::default(),
        }
    }

    /// Whether `word` (any case) is of `class`.
    pub fn is(&self, word: &str, class: WordClass) -> bool {
        self.classes(word).has(class)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_has_every_class_it_is_listed_in() {
        let file = RuleText::for_test(
            "articles = [\"the\"]\npossessive_determiners = []\nsubject_pronouns = []\n\
             coordinators = [\"and\"]\nsentence_adverbs = [\"then\"]\n\
             adverbial_openers = [\"then\", \"on\"]\nverbs_with_a_hearer = []\nverbs_of_writing = []\n",
        );
        let lexicon = Lexicon::new(&file, &["monday".to_string()]).unwrap();
        assert!(lexicon.is("The", WordClass::Article));
        assert!(lexicon.is("then", WordClass::SentenceAdverb));
        assert!(lexicon.is("Then", WordClass::AdverbialOpener));
        assert!(!lexicon.is("then", WordClass::Article));
        assert!(lexicon.is("Monday", WordClass::Weekday));
        assert_eq!(lexicon.classes("harbour"), Classes::default());
    }

    #[test]
    fn an_unknown_class_names_its_line() {
        let file = RuleText::for_test("articles = []\nadjectives = [\"big\"]\n");
        let error = Lexicon::new(&file, &[]).unwrap_err();
        assert!(
            error.to_string().starts_with("rules/test.txt:2:"),
            "{error}"
        );
    }
}
