//! The rules the checker traces claims with: function words
//! (`rules/en/function-words.txt`), paraphrases (`rules/en/paraphrases.txt`),
//! negation (`rules/en/negation.txt`), opposites (`rules/en/opposites.txt`)
//! and certainty (`rules/en/certainty.toml`).
//!
//! Entries are kept as written, split into lower-case words; the checker
//! stems and keys them once per run (see `check::lexicon`), so that the
//! lists stay plain words an editor can read.

use serde::Deserialize;

use super::RuleText;
use crate::error::Result;

/// A phrase of a rule list: its words, lower-cased, and the line it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    pub words: Vec<String>,
    pub line: usize,
}

/// The compiled checker rules.
#[derive(Debug, Clone)]
pub struct CheckRules {
    /// Words that carry no content of their own.
    pub function_words: Vec<Phrase>,
    /// Groups of words and phrases that say the same thing.
    pub paraphrases: Vec<Vec<Phrase>>,
    /// Words that negate a clause.
    pub negations: Vec<Phrase>,
    /// Pairs of words of opposite meaning.
    pub opposites: Vec<(Phrase, Phrase)>,
    /// Phrases that hedge a clause ("proposed", "plans to").
    pub tentative: Vec<Phrase>,
    /// Words that state a clause as done or decided ("signed", "will").
    pub definite: Vec<Phrase>,
    /// Hedges that leave a thing undecided even as an intention
    /// ("considering", "may").
    pub undecided: Vec<Phrase>,
    /// Words with which a draft reports that its sources disagree.
    pub disagreement: Vec<Phrase>,
    /// Words with which a draft insists something holds ("still", "did").
    pub affirmation: Vec<Phrase>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CertaintyFile {
    tentative: Vec<toml::Spanned<String>>,
    definite: Vec<toml::Spanned<String>>,
    #[serde(default)]
    undecided: Vec<toml::Spanned<String>>,
    disagreement: Vec<toml::Spanned<String>>,
    #[serde(default)]
    affirmation: Vec<toml::Spanned<String>>,
}

/// The lower-cased words of a rule entry: letters, digits, apostrophes and
/// `%` are kept, and full stops inside a word ("U.S." is the one word
/// "u.s", as the checker reads it); anything else separates words.
pub fn entry_words(text: &str) -> Vec<String> {
    let lowered = text.to_lowercase().replace('’', "'");
    lowered
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '%' || c == '.'))
        .map(|w| w.trim_matches('.'))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

impl CheckRules {
    pub fn new(
        function_words: &RuleText,
        paraphrases: &RuleText,
        negation: &RuleText,
        opposites: &RuleText,
        certainty: &RuleText,
    ) -> Result<CheckRules> {
        let list = |file: &RuleText| -> Result<Vec<Phrase>> {
            file.word_list()?
                .into_iter()
                .map(|entry| {
                    let words = entry_words(&entry.text);
                    if words.is_empty() {
                        return Err(file.error(entry.line, "an entry needs a word"));
                    }
                    Ok(Phrase {
                        words,
                        line: entry.line,
                    })
                })
                .collect()
        };
        let mut groups = Vec::new();
        let mut seen: rustc_hash::FxHashMap<Vec<String>, usize> = Default::default();
        for entry in paraphrases.word_list()? {
            let mut group = Vec::new();
            for part in entry.text.split('|') {
                let words = entry_words(part);
                if words.is_empty() {
                    return Err(paraphrases.error(entry.line, "an empty entry between `|`"));
                }
                if let Some(first) = seen.insert(words.clone(), entry.line) {
                    return Err(paraphrases.error(
                        entry.line,
                        format!("`{}` is already in the group on line {first}", part.trim()),
                    ));
                }
                group.push(Phrase {
                    words,
                    line: entry.line,
                });
            }
            if group.len() < 2 {
                return Err(paraphrases.error(entry.line, "a group needs two entries or more"));
            }
            groups.push(group);
        }
        let mut pairs = Vec::new();
        for entry in opposites.word_list()? {
            let sides: Vec<Vec<String>> = entry.text.split('|').map(entry_words).collect();
            match sides.as_slice() {
                [a, b] if a.len() == 1 && b.len() == 1 => pairs.push((
                    Phrase {
                        words: a.clone(),
                        line: entry.line,
                    },
                    Phrase {
                        words: b.clone(),
                        line: entry.line,
                    },
                )),
                _ => return Err(opposites.error(entry.line, "a pair is two words: `word | word`")),
            }
        }
        let spec: CertaintyFile = certainty.toml()?;
        let phrases = |entries: Vec<toml::Spanned<String>>| -> Result<Vec<Phrase>> {
            entries
                .into_iter()
                .map(|entry| {
                    let line = certainty.line_of(entry.span().start);
                    let words = entry_words(entry.get_ref());
                    if words.is_empty() {
                        return Err(certainty.error(line, "an entry needs a word"));
                    }
                    Ok(Phrase { words, line })
                })
                .collect()
        };
        Ok(CheckRules {
            function_words: list(function_words)?,
            paraphrases: groups,
            negations: list(negation)?,
            opposites: pairs,
            tentative: phrases(spec.tentative)?,
            definite: phrases(spec.definite)?,
            undecided: phrases(spec.undecided)?,
            disagreement: phrases(spec.disagreement)?,
            affirmation: phrases(spec.affirmation)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(body: &str) -> RuleText {
        RuleText::for_test(body)
    }

    const CERTAINTY: &str =
        "tentative = [\"plans to\"]\ndefinite = [\"will\"]\ndisagreement = [\"disputed\"]\n";

    #[test]
    fn groups_and_phrases_load() {
        let rules = CheckRules::new(
            &text("the\nof\n"),
            &text("# c\nsigned | sealed | put pen to paper\n"),
            &text("not\nn't\n"),
            &text("approve | reject\n"),
            &text(CERTAINTY),
        )
        .unwrap();
        assert_eq!(rules.paraphrases.len(), 1);
        assert_eq!(rules.paraphrases[0][2].words, ["put", "pen", "to", "paper"]);
        assert_eq!(rules.negations[1].words, ["n't"]);
        assert_eq!(rules.tentative[0].words, ["plans", "to"]);
        assert_eq!(rules.opposites[0].1.words, ["reject"]);
    }

    #[test]
    fn an_opposite_is_a_pair_of_words() {
        let err = CheckRules::new(
            &text("the\n"),
            &text(""),
            &text("not\n"),
            &text("rise | fall | drop\n"),
            &text(CERTAINTY),
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "rules/test.txt:1: a pair is two words: `word | word`"
        );
    }

    #[test]
    fn an_entry_in_two_groups_is_refused() {
        let err = CheckRules::new(
            &text("the\n"),
            &text("deal | pact\naccord | Pact\n"),
            &text("not\n"),
            &text(""),
            &text(CERTAINTY),
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "rules/test.txt:2: `Pact` is already in the group on line 1"
        );
    }
}
