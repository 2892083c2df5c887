//! Descriptions of a person set off by commas after their name ("Murphy,
//! a former accountant, said …", "Johnson, who chaired the committee,
//! clashed …"): a description whose words the sources never use is
//! knowledge the draft brings from outside, an `unsupported-claim`,
//! however well the rest of its sentence is sourced. The clause around it
//! may be a faithful retelling, so the clause alone would not show it.

use super::DraftChecker;
use crate::check::kinds::unsupported_claim::UnsupportedClaim;
use crate::check::{Confidence, Finding};
use crate::claims::Claim;
use crate::rules::WordClass;
use crate::span::Span;

/// How many words a description set off by commas may have: past that,
/// the commas set off a clause of its own.
const MAX_DESCRIPTION_WORDS: usize = 12;

/// How many content words of a description no source may use, at least,
/// for it to be outside knowledge (and half of its content words).
const MIN_NEW_DESCRIPTION_WORDS: usize = 2;

impl DraftChecker<'_, '_> {
    /// Descriptions after a name in `claim`, outside `skip` (quotations,
    /// reported words), of which no source uses most content words
    /// (`unsupported`: the claim's words no source uses).
    pub(super) fn check_descriptions(
        &self,
        claim: &Claim<'_>,
        skip: &[Span],
        unsupported: &[Span],
    ) -> Vec<Finding> {
        let mut found = Vec::new();
        for description in self.descriptions(claim) {
            if skip
                .iter()
                .any(|s| s.start < description.end && description.start < s.end)
            {
                continue;
            }
            let text = self.draft.slice(description);
            let tokens = self.tracer.lexicon.tokens(text, description.start);
            let content: Vec<Span> = tokens
                .iter()
                .filter(|t| !t.function && !t.numeric)
                .map(|t| t.span)
                .collect();
            let new: Vec<Span> = content
                .iter()
                .copied()
                .filter(|word| {
                    unsupported
                        .iter()
                        .any(|u| u.start <= word.start && word.end <= u.end)
                })
                .collect();
            if new.len() >= MIN_NEW_DESCRIPTION_WORDS && new.len() * 2 >= content.len() {
                let violation = UnsupportedClaim {
                    words: self.words(&new),
                };
                found.push(
                    self.finding(&violation, description)
                        .with_confidence(Confidence::High),
                );
            }
        }
        found
    }

    /// The descriptions set off by commas right after a capitalised word
    /// in `claim`: ", a former accountant,", ", the party's chair,", ",
    /// who chaired the committee," — up to the next comma, or the
    /// sentence's end. After the claim's first word, only one opened by
    /// "who".
    fn descriptions(&self, claim: &Claim<'_>) -> Vec<Span> {
        let text = claim.text;
        let words = self.tracer.rules.lexicon();
        let mut found = Vec::new();
        for (comma, _) in text.match_indices(", ") {
            let before = text[..comma].trim_end();
            let name = before
                .rsplit(|c: char| c.is_whitespace())
                .next()
                .unwrap_or_default();
            if !name.chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            let start = comma + 2;
            let rest = &text[start..];
            let opener = rest.split_whitespace().next().unwrap_or_default();
            let relative = words.is_lower(opener, WordClass::RelativePronoun);
            if !relative && !words.is_lower(opener, WordClass::Article) {
                continue;
            }
            // A sentence's first word is capitalised whatever it is
            // ("Meanwhile, a …"): there only a "who" marks a person.
            if before.len() == name.len() && !relative {
                continue;
            }
            let end = rest.find([',', ';', '(', ')']).unwrap_or_else(|| {
                rest.trim_end()
                    .trim_end_matches(['.', '!', '?', '"', '”'])
                    .len()
            });
            let described = &rest[..end];
            if described.split_whitespace().count() > MAX_DESCRIPTION_WORDS {
                continue;
            }
            let at = claim.span.start + start;
            found.push(Span::new(at, at + described.trim_end().len()));
        }
        found
    }
}
