//! Quotations: a quotation must be in a source word for word, in the same
//! mouth. Finds `misquote` (a near copy), `fabricated-quote` (nothing
//! alike) and `misattributed-quote` (the words in another mouth, or in
//! nobody's).

use super::{Checked, DraftChecker, LOOK_BACK, floor_char_boundary};
use crate::check::kinds::{
    fabricated_quote::FabricatedQuote, misattributed_quote::MisattributedQuote, misquote::Misquote,
};
use crate::check::quotes::{self, QuoteMatch};
use crate::check::trace::Place;
use crate::check::{Confidence, index, speakers};
use crate::claims::{self, Claim};
use crate::rules::WordClass;

impl DraftChecker<'_, '_> {
    /// A quotation must be in a source, word for word, in the same mouth.
    pub(super) fn check_quote(&self, claim: &Claim<'_>, quote: &claims::Quote) -> Checked {
        let role = claim
            .speaker
            .as_ref()
            .filter(|s| Some(s.name.as_str()) == quote.speaker.as_deref())
            .and_then(|s| s.role.as_deref());
        let speaker = quote.speaker.as_deref().map(|name| (name, role));
        let Some(found) = quotes::find(
            self.index,
            &self.draft.text,
            quote.span,
            self.strictness,
            speaker,
        ) else {
            return Checked::Nothing;
        };
        match found {
            QuoteMatch::Verbatim { unit, span } => {
                let source = &self.index.units[unit];
                let evidence = self.evidence(unit, span, None);
                let Some(draft_speaker) = quote.speaker.as_deref() else {
                    return Checked::Held(evidence); // a scare quote in the draft's own voice
                };
                let role = claim
                    .speaker
                    .as_ref()
                    .filter(|s| s.name == draft_speaker)
                    .and_then(|s| s.role.as_deref());
                if speakers::same(draft_speaker, role, &source.voice) && source.is_quote() {
                    return Checked::Held(evidence);
                }
                if self.pronoun_may_mean(claim, &source.voice) {
                    return Checked::Held(evidence);
                }
                let violation = match (&source.voice.name, source.is_quote()) {
                    (Some(name), true) => MisattributedQuote::Quoted {
                        speaker: draft_speaker,
                        source_speaker: name,
                    },
                    (None, _) => MisattributedQuote::Narration {
                        speaker: draft_speaker,
                    },
                    (Some(name), false) => {
                        if speakers::same(draft_speaker, role, &source.voice) {
                            return Checked::Held(evidence); // the speaker's reported words, quoted
                        }
                        MisattributedQuote::Reported {
                            speaker: draft_speaker,
                            source_speaker: name,
                        }
                    }
                };
                let confidence = self.misattribution_confidence(claim, quote, unit);
                Checked::Found(
                    self.finding(&violation, quote.span)
                        .with_evidence(evidence)
                        .with_confidence(confidence),
                )
            }
            QuoteMatch::Near {
                unit,
                span,
                diff,
                added,
                removed,
            } => {
                let evidence = self.evidence(unit, span, None);
                let violation = Misquote {
                    added: &added,
                    removed: &removed,
                    diff: &diff,
                    source: self.source_text(Place::whole(unit, span)),
                    quoted: self.draft.slice(quote.span),
                };
                Checked::Found(self.finding(&violation, quote.span).with_evidence(evidence))
            }
            QuoteMatch::Missing => Checked::Found(self.finding(&FabricatedQuote, quote.span)),
        }
    }

    /// How firmly a quotation found word for word in source `unit` is shown
    /// to be in the wrong mouth: firmly only when the draft and the source
    /// each name a speaker at the quotation's marks and the two are clearly
    /// different people. Words the source gives nobody, a speaker guessed
    /// from context on either side, or two names that may be one person's
    /// make it a lead for the editor, not an error.
    fn misattribution_confidence(
        &self,
        claim: &Claim<'_>,
        quote: &claims::Quote,
        unit: usize,
    ) -> Confidence {
        let source_unit = &self.index.units[unit];
        let source_claim =
            &self.index.sources[source_unit.source()].claims.claims[source_unit.claim()];
        // A transcript or statement declares whose words it holds: that is
        // as firm as a name at the marks.
        let declared = self.index.sources[source_unit.source()]
            .declared_speaker
            .as_deref();
        if let (Some(declared), Some(draft_speaker)) = (declared, quote.speaker.as_deref())
            && source_unit.voice.name.as_deref() == Some(declared)
        {
            let firm = claims::passes::names_speaker_at_marks(quote, claim, |m| self.is_pronoun(m));
            return if firm && speakers::clearly_different(draft_speaker, declared) {
                Confidence::High
            } else {
                Confidence::Low
            };
        }
        let source_quote = source_claim
            .quotes
            .iter()
            .find(|q| q.span.start <= source_unit.span.start && source_unit.span.end <= q.span.end);
        let (Some(draft_speaker), Some(source_speaker), Some(source_quote)) = (
            quote.speaker.as_deref(),
            source_unit.voice.name.as_deref(),
            source_quote.filter(|_| source_unit.is_quote()),
        ) else {
            return Confidence::Low;
        };
        // A source's "he said" is taken as firmly as a name when it goes on
        // from the sentence before, whose speaker it names.
        let source_claims = &self.index.sources[source_unit.source()].claims.claims;
        let source_firm = self.names_firmly(source_claims, source_unit.claim());
        let firm = claims::passes::names_speaker_at_marks(quote, claim, |m| self.is_pronoun(m))
            && claims::passes::names_speaker_of_quotation(
                source_quote,
                source_claims,
                source_unit.claim(),
                |_| !source_firm,
            );
        let source_mention = source_claim
            .speaker
            .as_deref()
            .filter(|s| s.name == source_speaker);
        if firm
            && (speakers::clearly_different(draft_speaker, source_speaker)
                || self.someone_new_against_a_name(
                    claim,
                    draft_speaker,
                    source_unit,
                    source_mention,
                ))
        {
            Confidence::High
        } else {
            Confidence::Low
        }
    }

    /// Whether one side brings in someone new ("a spokesman for the
    /// committee", "a campaign spokeswoman") where the other names a
    /// person: two people, firmly, when
    /// - the source's speaker is so described and the draft names a
    ///   person the source also names (the source would have named them);
    /// - or the draft's speaker is so described and the source names its
    ///   speaker without that description: the draft's noun ("spokeswoman")
    ///   is neither the source speaker's role nor in the source's sentence.
    fn someone_new_against_a_name(
        &self,
        claim: &Claim<'_>,
        draft_speaker: &str,
        source_unit: &index::Unit,
        source_mention: Option<&claims::Speaker>,
    ) -> bool {
        let words = self.tracer.rules.lexicon();
        let brings_in_someone =
            |mention: &str| words.opens_with(mention, WordClass::IndefiniteDeterminer);
        let Some(source_name) = source_unit.voice.name.as_deref() else {
            return false;
        };
        let source = &self.index.sources[source_unit.source()];
        let draft_mention = claim.speaker.as_ref().filter(|s| s.name == draft_speaker);
        if source_mention.is_some_and(|s| brings_in_someone(&s.mention))
            && speakers::is_proper_name(draft_speaker)
        {
            let surname = draft_speaker
                .split_whitespace()
                .last()
                .unwrap_or(draft_speaker);
            return source
                .document
                .text
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w == surname);
        }
        if let Some(described) = draft_mention.filter(|s| brings_in_someone(&s.mention))
            && speakers::is_proper_name(source_name)
        {
            // The noun the description ends on, before any "for …".
            let noun = described
                .role
                .as_deref()
                .unwrap_or(&described.mention)
                .split_whitespace()
                .last()
                .unwrap_or_default()
                .to_lowercase();
            let sentence = source.claims.claims[source_unit.claim()]
                .text
                .to_lowercase();
            let role = source_unit
                .voice
                .role
                .as_deref()
                .unwrap_or_default()
                .to_lowercase();
            return !noun.is_empty() && !sentence.contains(&noun) && !role.contains(&noun);
        }
        false
    }

    /// Whether the claim's speaker is a pronoun ("he said") that could
    /// as well refer to `voice`: a person the draft names in the claim or
    /// just before it. Which of them a pronoun means is a
    /// reader's guess; the checker does not call a guess a misattribution.
    fn pronoun_may_mean(&self, claim: &Claim<'_>, voice: &index::Voice) -> bool {
        let Some(speaker) = &claim.speaker else {
            return false;
        };
        let Some(name) = &voice.name else {
            return false;
        };
        if !self.is_pronoun(&speaker.mention) {
            return false;
        }
        let surname = name.split_whitespace().last().unwrap_or(name);
        // The text of the claim and a little (a paragraph or so) before
        // it.
        let from =
            floor_char_boundary(&self.draft.text, claim.span.start.saturating_sub(LOOK_BACK));
        let before = &self.draft.text[from..claim.span.end];
        before
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w.eq_ignore_ascii_case(surname))
    }
}
