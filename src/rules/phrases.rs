//! Dictionaries of phrases, compiled once into an Aho-Corasick automaton and
//! run over many texts.
//!
//! A [`PhraseSet`] finds its phrases as whole words (never "us" inside
//! "discuss"), ignoring ASCII case, preferring the longest phrase at each
//! position ("defence minister" over "minister"). Each phrase carries a
//! value: the role it names, the kind of cue it is.
//!
//! Case is ignored by lower-casing (ASCII) both the phrases and the text
//! searched, and running a case-sensitive DFA: measured on the seed prose,
//! that is more than twice as fast as the automaton's own ASCII
//! case-insensitive mode, copy included. Lower-casing ASCII keeps every
//! byte offset, so matches point into the original text.
//!
//! The automaton is built the first time a set is searched, not when the
//! rules load, and first as a contiguous NFA, which builds in a fraction of
//! a DFA's time: building every dictionary's DFA was most of what a run on
//! a one-sentence file spent (5 of 12 ms). Once a set has searched
//! [`DFA_AFTER_BYTES`] of text, the DFA pays for itself (it searches news
//! about a tenth faster in all) and takes over.

use std::borrow::Cow;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use rustc_hash::FxHashMap as HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

/// How many bytes of text a set searches with its quick-to-build NFA
/// before it builds the DFA: about where the DFA's faster search has paid
/// for its build, measured on news (all sets: 5 ms to build every DFA, and
/// the NFAs about 18 µs slower per KB of text).
pub const DFA_AFTER_BYTES: usize = 256 * 1024;

/// A compiled dictionary of phrases with a value each.
#[derive(Debug, Clone)]
pub struct PhraseSet<V> {
    /// The phrases, ASCII-lowercased, in the order of `values`.
    lowered: Vec<String>,
    /// Their NFA, built on first search.
    nfa: OnceLock<AhoCorasick>,
    /// Their DFA, built once [`DFA_AFTER_BYTES`] have been searched.
    dfa: OnceLock<AhoCorasick>,
    /// Bytes searched so far, until the DFA is built.
    searched: Searched,
    values: Vec<V>,
    /// Lower-cased phrase to its index, for whole-text lookups.
    exact: HashMap<String, usize>,
}

/// One whole-word occurrence of a phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhraseMatch<'s, V> {
    pub start: usize,
    pub end: usize,
    pub value: &'s V,
}

impl<V> PhraseSet<V> {
    /// Compiles `entries`; a later duplicate of a phrase is ignored.
    pub fn new(entries: impl IntoIterator<Item = (String, V)>) -> PhraseSet<V> {
        let mut phrases = Vec::new();
        let mut values = Vec::new();
        let mut exact = HashMap::default();
        for (phrase, value) in entries {
            let key = phrase.to_lowercase();
            if phrase.is_empty() || exact.contains_key(&key) {
                continue;
            }
            exact.insert(key, phrases.len());
            phrases.push(phrase);
            values.push(value);
        }
        let lowered: Vec<String> = phrases
            .iter()
            .map(|p: &String| p.to_ascii_lowercase())
            .collect();
        PhraseSet {
            lowered,
            nfa: OnceLock::new(),
            dfa: OnceLock::new(),
            searched: Searched::default(),
            values,
            exact,
        }
    }

    /// The automaton to search `len` more bytes with: the NFA until the
    /// set has searched [`DFA_AFTER_BYTES`], then the DFA.
    fn automaton(&self, len: usize) -> &AhoCorasick {
        if let Some(dfa) = self.dfa.get() {
            return dfa;
        }
        let searched = self.searched.0.fetch_add(len, Ordering::Relaxed) + len;
        let (cell, kind) = if searched >= DFA_AFTER_BYTES {
            (&self.dfa, AhoCorasickKind::DFA)
        } else {
            (&self.nfa, AhoCorasickKind::ContiguousNFA)
        };
        cell.get_or_init(|| {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .kind(Some(kind))
                .build(&self.lowered)
                .expect("phrase dictionaries are small enough to compile")
        })
    }

    /// Every phrase (ASCII-lowercased) with its value, in the order given.
    pub fn entries(&self) -> impl Iterator<Item = (&str, &V)> {
        self.lowered.iter().map(String::as_str).zip(&self.values)
    }

    /// Every whole-word occurrence in `text`, left to right.
    pub fn find_iter<'s>(
        &'s self,
        text: &str,
    ) -> impl Iterator<Item = PhraseMatch<'s, V>> + use<'s, V> {
        self.find_iter_lowered(text, &text.to_ascii_lowercase())
    }

    /// As [`PhraseSet::find_iter`], for a caller that already holds the
    /// ASCII-lowercased copy `lowered` of `text`.
    pub fn find_iter_lowered<'s>(
        &'s self,
        text: &str,
        lowered: &str,
    ) -> impl Iterator<Item = PhraseMatch<'s, V>> + use<'s, V> {
        let found: Vec<PhraseMatch<'s, V>> = self
            .automaton(lowered.len())
            .find_iter(lowered)
            .filter(|m| is_word_boundary(text, m.start()) && is_word_boundary(text, m.end()))
            .map(|m| PhraseMatch {
                start: m.start(),
                end: m.end(),
                value: &self.values[m.pattern().as_usize()],
            })
            .collect();
        found.into_iter()
    }

    /// The value of `text` if the whole of it is one of the phrases.
    pub fn get(&self, text: &str) -> Option<&V> {
        let key = if text.chars().any(char::is_uppercase) {
            Cow::Owned(text.to_lowercase())
        } else {
            Cow::Borrowed(text)
        };
        self.exact.get(&*key).map(|&i| &self.values[i])
    }

    /// Whether the whole of `text` is one of the phrases.
    pub fn contains(&self, text: &str) -> bool {
        self.get(text).is_some()
    }

    /// The longest phrase that `text` ends with, as a whole word.
    pub fn suffix_of<'s>(&'s self, text: &str) -> Option<PhraseMatch<'s, V>> {
        self.find_iter(text).filter(|m| m.end == text.len()).last()
    }
}

/// A count of bytes searched, shared by the threads that search a set; a
/// clone starts from the count so far.
#[derive(Debug, Default)]
struct Searched(AtomicUsize);

impl Clone for Searched {
    fn clone(&self) -> Searched {
        Searched(AtomicUsize::new(self.0.load(Ordering::Relaxed)))
    }
}

/// Whether a word may start or end at byte `at` of `text`: the characters
/// on either side are not both alphanumeric.
pub fn is_word_boundary(text: &str, at: usize) -> bool {
    let before = text[..at].chars().next_back();
    let after = text[at..].chars().next();
    !(before.is_some_and(char::is_alphanumeric) && after.is_some_and(char::is_alphanumeric))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_longest_first_any_case() {
        let set = PhraseSet::new([
            ("minister".to_string(), 1),
            ("defence minister".to_string(), 2),
            ("us".to_string(), 3),
        ]);
        let found: Vec<_> = set
            .find_iter("The Defence Minister met us to discuss it")
            .map(|m| (m.start, m.end, *m.value))
            .collect();
        assert_eq!(found, [(4, 20, 2), (25, 27, 3)]);
        assert_eq!(set.get("MINISTER"), Some(&1));
        assert_eq!(
            set.suffix_of("the defence minister").map(|m| *m.value),
            Some(2)
        );
    }
}
