//! Words as the checker traces them: each word of a claim or a source
//! sentence becomes a [`KeyedWord`] with a *key* under which equal meanings
//! meet.
//!
//! A key is the word folded as quotations are compared (case, typography,
//! British and American spelling, in-word hyphens), then stemmed with the
//! Snowball English stemmer (`rust-stemmers`), so that "signs", "signed"
//! and "signing" meet. Then the paraphrase groups of
//! `rules/en/paraphrases.txt` map every member of a group, one word or several
//! ("per cent", "three months"), to the key of the group: "finalised" and
//! "sealed" meet as well.
//!
//! [`Stems`], the checker's rules keyed so, also knows which words are
//! function words (never content, never unsupported), which negate a
//! clause, which hedge it ("proposed", "plans to") and which state it as
//! done ("signed", "will"). (The word classes every stage asks are the
//! rules' [`crate::rules::Lexicon`]; this is not it.)

use rust_stemmers::Stemmer;
use rustc_hash::{FxHashMap, FxHashSet};

use super::index::word_hash;
use super::normalize::{self, Strictness};
use crate::rules::CheckRules;
use crate::rules::checker::Phrase;
use crate::span::Span;

/// The most stems a thread keeps.
const STEM_CACHE: usize = 200_000;

/// One word of a text, keyed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyedWord {
    /// The hash of the word's key (see the module doc).
    pub key: u64,
    /// The hash of the word's stem, before paraphrases are applied.
    pub stem: u64,
    /// The word (or paraphrase phrase) in the text.
    pub span: Span,
    /// A function word: no content of its own.
    pub function: bool,
    /// Written with a capital letter.
    pub capitalized: bool,
    /// Written with a digit.
    pub numeric: bool,
}

/// Rule phrases, keyed, ready to be found in token lists.
#[derive(Debug, Default)]
struct PhraseTable {
    /// By the key of their first word: the phrases' keys, longest first.
    by_first: FxHashMap<u64, Vec<Vec<u64>>>,
}

impl PhraseTable {
    fn add(&mut self, keys: Vec<u64>) {
        if let Some(&first) = keys.first() {
            let list = self.by_first.entry(first).or_default();
            list.push(keys);
            list.sort_by_key(|k| std::cmp::Reverse(k.len()));
        }
    }

    /// The length (in tokens) of the longest phrase starting at `at`.
    fn match_at(&self, tokens: &[KeyedWord], at: usize, by_stem: bool) -> Option<usize> {
        let key_of = |t: &KeyedWord| if by_stem { t.stem } else { t.key };
        let candidates = self.by_first.get(&key_of(tokens.get(at)?))?;
        candidates
            .iter()
            .find(|phrase| {
                tokens.len() >= at + phrase.len()
                    && phrase
                        .iter()
                        .zip(&tokens[at..])
                        .all(|(k, t)| *k == key_of(t))
            })
            .map(Vec::len)
    }

    /// Positions of the tokens that start a phrase, with its length.
    fn find(&self, tokens: &[KeyedWord]) -> Vec<(usize, usize)> {
        let mut found = Vec::new();
        let mut at = 0;
        while at < tokens.len() {
            match self.match_at(tokens, at, true) {
                Some(len) => {
                    found.push((at, len));
                    at += len;
                }
                None => at += 1,
            }
        }
        found
    }
}

/// The checker rules, keyed: the stemmer, and the function words,
/// paraphrases, negations, hedges and affirmations by their stems.
pub struct Stems {
    stemmer: Stemmer,
    function_words: FxHashSet<String>,
    /// Paraphrase phrases by their stems, and the key of their group.
    paraphrases: PhraseTable,
    paraphrase_keys: FxHashMap<Vec<u64>, u64>,
    negations: FxHashSet<u64>,
    /// Pairs of keys of opposite meaning, both ways round.
    opposites: FxHashSet<(u64, u64)>,
    tentative: PhraseTable,
    definite: PhraseTable,
    undecided: PhraseTable,
    disagreement: PhraseTable,
    affirmation: PhraseTable,
}

impl std::fmt::Debug for Stems {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Stems").finish_non_exhaustive()
    }
}

impl Stems {
    pub fn new(rules: &CheckRules) -> Stems {
        let mut lexicon = Stems {
            stemmer: crate::lang::en::stemmer(),
            function_words: FxHashSet::default(),
            paraphrases: PhraseTable::default(),
            paraphrase_keys: FxHashMap::default(),
            negations: FxHashSet::default(),
            opposites: FxHashSet::default(),
            tentative: PhraseTable::default(),
            definite: PhraseTable::default(),
            undecided: PhraseTable::default(),
            disagreement: PhraseTable::default(),
            affirmation: PhraseTable::default(),
        };
        for phrase in &rules.function_words {
            for word in &phrase.words {
                lexicon
                    .function_words
                    .insert(normalize::fold(word, Strictness::Lenient));
            }
        }
        for group in &rules.paraphrases {
            let stems: Vec<Vec<u64>> = group.iter().map(|p| lexicon.stems(p)).collect();
            // The group's key: its first entry's stems, marked so that it
            // never equals a plain word's key.
            let group_key = word_hash(&format!("~{:?}", stems[0]));
            for keys in stems {
                // Two entries that stem alike ("finalised", "final") are
                // one entry: the first group that has it keeps it.
                if let std::collections::hash_map::Entry::Vacant(entry) =
                    lexicon.paraphrase_keys.entry(keys.clone())
                {
                    entry.insert(group_key);
                    lexicon.paraphrases.add(keys);
                }
            }
        }
        // Opposites are keyed as tokens are, paraphrase groups applied, so
        // a pair stands for both groups.
        for (a, b) in &rules.opposites {
            let key = |phrase: &Phrase| {
                lexicon
                    .tokens(&phrase.words.join(" "), 0)
                    .first()
                    .map(|t| t.key)
            };
            if let (Some(a), Some(b)) = (key(a), key(b))
                && a != b
            {
                lexicon.opposites.insert((a, b));
                lexicon.opposites.insert((b, a));
            }
        }
        for phrase in &rules.negations {
            for stem in lexicon.stems(phrase) {
                lexicon.negations.insert(stem);
            }
        }
        for (table, phrases) in [
            (&mut lexicon.tentative, &rules.tentative),
            (&mut lexicon.definite, &rules.definite),
            (&mut lexicon.undecided, &rules.undecided),
            (&mut lexicon.disagreement, &rules.disagreement),
            (&mut lexicon.affirmation, &rules.affirmation),
        ] {
            for phrase in phrases {
                let stemmer = crate::lang::en::stemmer();
                table.add(stems_with(&stemmer, phrase));
            }
        }
        lexicon
    }

    fn stems(&self, phrase: &Phrase) -> Vec<u64> {
        stems_with(&self.stemmer, phrase)
    }

    /// The stem hash of one folded word. Words repeat: each thread keeps
    /// the stems it has computed.
    fn stem(&self, folded: &str) -> u64 {
        thread_local! {
            static STEMS: std::cell::RefCell<FxHashMap<String, u64>> =
                std::cell::RefCell::new(FxHashMap::default());
        }
        STEMS.with(|stems| {
            let mut stems = stems.borrow_mut();
            if let Some(&stem) = stems.get(folded) {
                return stem;
            }
            let stem = word_hash(&stem_word(&self.stemmer, folded));
            if stems.len() < STEM_CACHE {
                stems.insert(folded.to_string(), stem);
            }
            stem
        })
    }

    /// The tokens of `text`, which starts at byte `offset` of its document.
    /// Paraphrase phrases of several words become one token.
    pub fn tokens(&self, text: &str, offset: usize) -> Vec<KeyedWord> {
        self.key_words(text, offset, &normalize::prose_words(text, offset))
    }

    /// The tokens of `text` (at `offset`), whose prose words (see
    /// [`normalize::prose_words`]) are `words`.
    pub fn key_words(
        &self,
        text: &str,
        offset: usize,
        words: &[normalize::Word],
    ) -> Vec<KeyedWord> {
        let mut tokens: Vec<KeyedWord> = words
            .iter()
            .map(|w| {
                let raw = &text[w.span.start - offset..w.span.end - offset];
                let stem = self.stem(&w.text);
                KeyedWord {
                    key: stem,
                    stem,
                    span: w.span,
                    function: self.function_words.contains(w.text.as_str()),
                    capitalized: raw.chars().next().is_some_and(char::is_uppercase),
                    numeric: raw.chars().any(|c| c.is_ascii_digit()),
                }
            })
            .collect();
        // Paraphrases: a phrase's tokens merge into one with the group key.
        let found = self.paraphrases.find(&tokens);
        if found.is_empty() {
            return tokens;
        }
        let mut merged = Vec::with_capacity(tokens.len());
        let mut next = 0;
        for (at, len) in found {
            merged.extend(tokens[next..at].iter().cloned());
            let stems: Vec<u64> = tokens[at..at + len].iter().map(|t| t.stem).collect();
            let key = self
                .paraphrase_keys
                .get(&stems)
                .copied()
                .unwrap_or(stems[0]);
            let first = &tokens[at];
            let last = &tokens[at + len - 1];
            merged.push(KeyedWord {
                key,
                stem: if len == 1 { first.stem } else { key },
                span: Span::new(first.span.start, last.span.end),
                function: len == 1 && first.function,
                capitalized: first.capitalized,
                numeric: tokens[at..at + len].iter().any(|t| t.numeric),
            });
            next = at + len;
        }
        merged.extend(tokens.drain(next..));
        merged
    }

    /// Whether a token negates its clause.
    pub fn is_negation(&self, token: &KeyedWord) -> bool {
        self.negations.contains(&token.stem)
    }

    /// Whether two words say opposite things ("approved", "rejected").
    pub fn opposite(&self, a: &KeyedWord, b: &KeyedWord) -> bool {
        self.opposites.contains(&(a.key, b.key))
    }

    /// Positions of tokens that start a hedge ("proposed", "plans to").
    pub fn tentative(&self, tokens: &[KeyedWord]) -> Vec<(usize, usize)> {
        hedges(self.tentative.find(tokens), tokens)
    }

    /// Positions of tokens that state a clause as done ("signed", "will").
    pub fn definite(&self, tokens: &[KeyedWord]) -> Vec<(usize, usize)> {
        self.definite.find(tokens)
    }

    /// Positions of hedges that leave a thing undecided even as an
    /// intention ("is considering", "may").
    pub fn undecided(&self, tokens: &[KeyedWord]) -> Vec<(usize, usize)> {
        hedges(self.undecided.find(tokens), tokens)
    }

    /// Positions of words that report a disagreement ("disputed").
    pub fn disagreement(&self, tokens: &[KeyedWord]) -> Vec<(usize, usize)> {
        self.disagreement.find(tokens)
    }

    /// Positions of words that insist something holds ("still", "did").
    pub fn affirmation(&self, tokens: &[KeyedWord]) -> Vec<(usize, usize)> {
        self.affirmation.find(tokens)
    }
}

/// Hedge phrases found in `tokens`, but those written with a capital
/// letter after the first word: a name ("in May", the month), not a
/// hedge ("may").
fn hedges(found: Vec<(usize, usize)>, tokens: &[KeyedWord]) -> Vec<(usize, usize)> {
    found
        .into_iter()
        .filter(|&(at, _)| at == 0 || !tokens[at].capitalized)
        .collect()
}

/// The stem of a folded word: the Snowball English stem, and a word that
/// ends in "n't" stems to "n't" (every contracted negation is one).
fn stem_word(stemmer: &Stemmer, folded: &str) -> String {
    if folded.ends_with("n't") {
        return "n't".to_string();
    }
    stemmer.stem(folded).into_owned()
}

fn stems_with(stemmer: &Stemmer, phrase: &Phrase) -> Vec<u64> {
    phrase
        .words
        .iter()
        .map(|w| {
            word_hash(&stem_word(
                stemmer,
                &normalize::fold(w, Strictness::Lenient),
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    fn keys(lexicon: &Stems, text: &str) -> Vec<u64> {
        lexicon.tokens(text, 0).iter().map(|t| t.key).collect()
    }

    #[test]
    fn inflections_and_paraphrases_meet() {
        let lexicon = Stems::new(RuleSet::builtin().check());
        assert_eq!(keys(&lexicon, "signs"), keys(&lexicon, "signing"));
        assert_eq!(keys(&lexicon, "finalised"), keys(&lexicon, "sealed"));
        assert_eq!(keys(&lexicon, "40 per cent"), keys(&lexicon, "40 percent"));
        assert_eq!(
            keys(&lexicon, "the quarter"),
            keys(&lexicon, "the three months")
        );
        assert_ne!(keys(&lexicon, "signed"), keys(&lexicon, "rejected"));
        let tokens = lexicon.tokens("It didn't pass", 0);
        assert!(lexicon.is_negation(&tokens[1]));
        assert!(tokens[0].function && tokens[0].capitalized);
    }

    /// Two groups sharing an entry's stem would silently lose it from the
    /// second group: the built-in groups keep their stems apart.
    #[test]
    fn builtin_paraphrase_groups_do_not_share_stems() {
        let rules = RuleSet::builtin().check().clone();
        let stemmer = crate::lang::en::stemmer();
        let mut seen: FxHashMap<Vec<u64>, usize> = FxHashMap::default();
        for group in &rules.paraphrases {
            for phrase in group {
                let stems = stems_with(&stemmer, phrase);
                if let Some(line) = seen.insert(stems, phrase.line)
                    && line != phrase.line
                {
                    panic!(
                        "rules/en/paraphrases.txt: {:?} on line {} stems like an entry on line {line}",
                        phrase.words, phrase.line
                    );
                }
            }
        }
    }

    #[test]
    fn hedges_are_found() {
        let lexicon = Stems::new(RuleSet::builtin().check());
        let tokens = lexicon.tokens("The council plans to vote on it", 0);
        assert_eq!(lexicon.tentative(&tokens), [(2, 2)]);
        let tokens = lexicon.tokens("The council voted on it", 0);
        assert!(lexicon.tentative(&tokens).is_empty());
    }
}
