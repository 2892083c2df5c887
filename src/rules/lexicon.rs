//! The lexicon: every class of words the engine asks about, loaded from
//! `rules/en/word-classes.toml` (and from the files that already hold a
//! class: the weekdays and number words of `rules/en/figures.toml`), each
//! word tagged once with a set of [`WordClass`]es.
//!
//! A stage asks `lexicon.is(word, WordClass::Article)` instead of keeping
//! a list of its own, so a word has one home, a rules folder can add to
//! a class, and two stages cannot drift apart on what an article is. The
//! attribution rules read a sentence as tokens tagged once, when it is cut
//! ([`crate::claims`]), and ask the tag; a word that is not a whole token
//! is asked as written ([`Lexicon::tag`]).
//!
//! Each class is one line of the `word_classes!` table below: its name in
//! Rust and its key in `word-classes.toml`, where its comment says what it
//! is, with an example. Adding a class is a line there and a list in the
//! file.

use rustc_hash::FxHashMap;
use serde::Deserialize;

use super::RuleText;
use crate::error::Result;

/// Declares the word classes: the [`WordClass`] enum, and the file that
/// lists the words of each class kept in `word-classes.toml` (the classes
/// after `elsewhere` are read from other rule files).
macro_rules! word_classes {
    (
        file { $( $class:ident => $key:ident, )* }
        elsewhere { $( $other:ident, )* }
    ) => {
        /// A class of words. See `rules/en/word-classes.toml` for what
        /// each holds.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum WordClass {
            $( $class, )*
            $( $other, )*
        }

        /// `rules/en/word-classes.toml`: one list of words a class. A
        /// class the file leaves out is empty.
        #[derive(Debug, Default, Deserialize)]
        #[serde(deny_unknown_fields, default)]
        struct WordClassesFile {
            $( $key: Vec<String>, )*
        }

        impl WordClassesFile {
            /// Each class of the file with its words.
            fn lists(&self) -> Vec<(WordClass, &[String])> {
                vec![ $( (WordClass::$class, self.$key.as_slice()), )* ]
            }
        }

        /// How many classes there are.
        const CLASS_COUNT: usize = [ $( stringify!($class), )* $( stringify!($other), )* ].len();
    };
}

word_classes! {
    file {
        Article => articles,
        PossessiveDeterminer => possessive_determiners,
        SubjectPronoun => subject_pronouns,
        Coordinator => coordinators,
        SentenceAdverb => sentence_adverbs,
        AdverbialOpener => adverbial_openers,
        VerbWithAHearer => verbs_with_a_hearer,
        VerbOfWriting => verbs_of_writing,
        Determiner => determiners,
        ClauseWord => clause_words,
        JoiningPreposition => joining_prepositions,
        BetweenSubjectAndVerb => between_subject_and_verb,
        LyNoun => ly_nouns,
        PluralWithoutS => plurals_without_s,
        ContractionHost => contraction_hosts,
        ObjectPreposition => object_prepositions,
        NameParticle => name_particles,
        PeopleQuantifier => people_quantifiers,
        QuantifierComplement => quantifier_complements,
        QuantifierSubject => quantifier_subjects,
        ObjectDeterminer => object_determiners,
        TimeModifier => time_modifiers,
        ClauseJoiner => clause_joiners,
        SubjectTrailer => subject_trailers,
        ShareWord => share_words,
        GroupComplement => group_complements,
        PronounContraction => pronoun_contractions,
        RankQualifier => rank_qualifiers,
        BeforeARole => before_a_role,
        WorkWord => work_words,
        Subordinator => subordinators,
        ObjectStart => object_starts,
        ClauseAuxiliary => clause_auxiliaries,
        PassiveMarker => passive_markers,
        Denial => denials,
        Modal => modals,
        ParticipleOpener => participle_openers,
        OpeningPhraseWord => opening_phrase_words,
        OpeningPreposition => opening_prepositions,
        ParentheticalAdverb => parenthetical_adverbs,
        ParentheticalPhrase => parenthetical_phrases,
        SetOffAdverb => set_off_adverbs,
        PlacePreposition => place_prepositions,
        VerbAdverb => verb_adverbs,
        ClauseLink => clause_links,
        NamingVerb => naming_verbs,
        InnerClauseOpener => inner_clause_openers,
        QuantifierPronoun => quantifier_pronouns,
        QuantifierDeterminer => quantifier_determiners,
        DescriptionDeterminer => description_determiners,
        ClauseAdverb => clause_adverbs,
        InnerSubordinator => inner_subordinators,
        TimeUnit => time_units,
        SentenceCloser => sentence_closers,
        TimeWord => time_words,
        TimePhrasePreposition => time_phrase_prepositions,
        TimePhraseOpener => time_phrase_openers,
        AspectVerb => aspect_verbs,
        CommaClauseOpener => comma_clause_openers,
        ClauseOpener => clause_openers,
        InfinitiveGovernor => infinitive_governors,
        CausativeVerb => causative_verbs,
        ParticipleSubordinator => participle_subordinators,
        PronounSubordinator => pronoun_subordinators,
        AfterASpeechNoun => after_a_speech_noun,
        SpeechNounPreposition => speech_noun_prepositions,
        ClauseStart => clause_starts,
        StopWord => stop_words,
        NegationFocuser => negation_focusers,
        ContinuingNegation => continuing_negations,
        IndefiniteDeterminer => indefinite_determiners,
        RelativePronoun => relative_pronouns,
        DisagreementReporting => disagreement_reporting,
        ContinuationCue => continuation_cues,
    }
    elsewhere {
        Weekday,
        NumberWord,
    }
}

// Every class is one bit of a `Classes`.
const _: () = assert!(CLASS_COUNT <= 128, "a Classes set holds 128 classes");

impl WordClass {
    /// The class's bit in a [`Classes`] set.
    const fn bit(self) -> u128 {
        1 << self as u128
    }
}

/// The classes one word belongs to: a set of [`WordClass`]es, one bit
/// each.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Classes(u128);

impl Classes {
    /// Whether the set holds `class`.
    pub fn has(self, class: WordClass) -> bool {
        self.0 & class.bit() != 0
    }

    /// Whether the set holds any class of `classes`.
    pub fn has_any(self, classes: Classes) -> bool {
        self.0 & classes.0 != 0
    }

    fn add(&mut self, class: WordClass) {
        self.0 |= class.bit();
    }
}

impl From<WordClass> for Classes {
    fn from(class: WordClass) -> Classes {
        Classes(class.bit())
    }
}

/// Two classes make a set of both: `WordClass::Weekday |
/// WordClass::TimeWord`.
impl std::ops::BitOr for WordClass {
    type Output = Classes;

    fn bitor(self, other: WordClass) -> Classes {
        Classes(self.bit() | other.bit())
    }
}

impl std::ops::BitOr<WordClass> for Classes {
    type Output = Classes;

    fn bitor(self, other: WordClass) -> Classes {
        Classes(self.0 | other.bit())
    }
}

/// Every word the rules put in a class, with its classes.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    words: FxHashMap<String, Classes>,
}

impl Lexicon {
    /// The lexicon of `file` (`word-classes.toml`), with the classes that
    /// other rule files hold (`elsewhere`: the weekdays and number words
    /// of `figures.toml`).
    pub(super) fn new(file: &RuleText, elsewhere: &[(WordClass, &[String])]) -> Result<Lexicon> {
        let spec: WordClassesFile = file.toml()?;
        let mut lexicon = Lexicon::default();
        for (class, words) in spec.lists().into_iter().chain(elsewhere.iter().copied()) {
            for word in words {
                lexicon.add(word, class);
            }
        }
        Ok(lexicon)
    }

    fn add(&mut self, word: &str, class: WordClass) {
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

    /// Whether the first word of `text` (any case) is of `class`: "a"
    /// of "a top aide" is an indefinite determiner.
    pub fn opens_with(&self, text: &str, class: WordClass) -> bool {
        text.split_whitespace()
            .next()
            .is_some_and(|first| self.is(first, class))
    }

    /// The classes of `lower`, a word the caller has put in lower case,
    /// matched as written: a word with a capital in it is in no class.
    pub fn tag(&self, lower: &str) -> Classes {
        self.words.get(lower).copied().unwrap_or_default()
    }

    /// Whether `lower`, a word the caller has put in lower case, is of
    /// `class` as written (see [`Lexicon::tag`]).
    pub fn is_lower(&self, lower: &str, class: WordClass) -> bool {
        self.tag(lower).has(class)
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
        let monday = ["monday".to_string()];
        let lexicon = Lexicon::new(&file, &[(WordClass::Weekday, &monday[..])]).unwrap();
        assert!(lexicon.is("The", WordClass::Article));
        assert!(lexicon.is("then", WordClass::SentenceAdverb));
        assert!(lexicon.is("Then", WordClass::AdverbialOpener));
        assert!(!lexicon.is("then", WordClass::Article));
        assert!(lexicon.is("Monday", WordClass::Weekday));
        assert_eq!(lexicon.classes("harbour"), Classes::default());
    }

    #[test]
    fn a_lower_case_word_is_matched_as_written() {
        let file = RuleText::for_test("articles = [\"the\"]\n");
        let lexicon = Lexicon::new(&file, &[]).unwrap();
        assert!(lexicon.is_lower("the", WordClass::Article));
        assert!(!lexicon.is_lower("The", WordClass::Article));
        assert!(
            lexicon
                .tag("the")
                .has_any(WordClass::Weekday | WordClass::Article)
        );
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
