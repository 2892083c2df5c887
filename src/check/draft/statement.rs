//! What a claim states, clause by clause: a close retelling that says
//! otherwise in a slot is a `contradicted-claim`; content no source holds
//! is an `unsupported-claim`, or in reported speech an
//! `unsupported-attribution`; reported speech a source gives to someone
//! else is a `misattributed-statement`.

use super::{Checked, DraftChecker};
use crate::check::kinds::{
    contradicted_claim::ContradictedClaim, misattributed_statement::MisattributedStatement,
    unsupported_attribution::UnsupportedAttribution, unsupported_claim::UnsupportedClaim,
};
use crate::check::trace::{ClauseTrace, Place};
use crate::check::{Confidence, Finding};
use crate::check::{align, index, speakers};
use crate::claims::{self, Claim};
use crate::rules::WordClass;
use crate::rules::attribution::SpeakerKind;
use crate::span::Span;

impl DraftChecker<'_, '_> {
    /// One clause of a claim, against the source passage it is aligned
    /// to: a close retelling that says otherwise in a slot is a
    /// contradicted claim; content no source holds, in the draft's own
    /// voice (`is_own`), is an unsupported claim, unless a finding made
    /// `earlier` on the claim covers its words.
    pub(super) fn check_clause(
        &self,
        clause: &ClauseTrace,
        is_own: bool,
        earlier: &[Span],
    ) -> Option<Finding> {
        if !clause.contradictions.is_empty() {
            // Slots are compared against an aligned passage: the sentence
            // of it the clause retells, or the whole of it.
            let place = clause.best_sentence.or_else(|| {
                let passage = &clause.alignment.as_ref()?.passage;
                Some(Place::whole(passage.unit, passage.span))
            })?;
            let source = self.evidence_at(place, None);
            let violation = ContradictedClaim {
                slots: &clause.contradictions,
                source: &source.text,
            };
            return Some(self.finding(&violation, clause.span).with_evidence(source));
        }
        let covered = earlier
            .iter()
            .any(|f| f.start < clause.span.end && clause.span.start < f.end);
        if !clause.is_unsupported || !is_own || covered {
            return None;
        }
        let span = clause.unsupported_span.unwrap_or(clause.span);
        let violation = UnsupportedClaim {
            words: self.words(&clause.unsupported),
        };
        // A paraphrase uses words no source does; a name no source gives
        // is news, and so is a clause of which no source holds two thirds.
        let content = clause.tokens.iter().filter(|t| !t.function).count();
        let new_clause = clause.unsupported.len() >= MIN_NEW_WORDS
            && clause.unsupported.len() * 3 >= content * 2;
        let new_name = clause
            .unsupported
            .iter()
            .any(|&word| self.is_new_name(word));
        let confidence = if new_clause || new_name {
            Confidence::High
        } else {
            Confidence::Low
        };
        Some(self.finding(&violation, span).with_confidence(confidence))
    }

    /// Whether the draft's word at `word` is a name of its own: written
    /// with a capital letter where a sentence does not start, and not a
    /// first name before a surname ("Hillary Clinton" in a draft of a
    /// source that only says "Clinton"), nor any word before a name the
    /// sources give.
    fn is_new_name(&self, word: Span) -> bool {
        let text = &self.draft.text;
        let written = &text[word.start..word.end];
        if !written.chars().next().is_some_and(char::is_uppercase) {
            return false;
        }
        // What stands before the word, past spaces, opening marks and
        // Markdown emphasis: a sentence's end or a paragraph break means
        // the capital is the sentence's.
        let before = text[..word.start].trim_end_matches(|c: char| {
            c.is_whitespace()
                || matches!(
                    c,
                    '"' | '“' | '‘' | '\'' | '(' | '*' | '_' | '#' | '-' | '—'
                )
        });
        let skipped = &text[before.len()..word.start];
        let opens_sentence =
            before.is_empty() || skipped.contains('\n') || before.ends_with(['.', '!', '?', ':']);
        if opens_sentence {
            return false;
        }
        let next = text[word.end..]
            .trim_start()
            .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\'' || c == '’'))
            .next()
            .unwrap_or("");
        let next_is_name = next.chars().next().is_some_and(char::is_uppercase);
        let first_name = self
            .tracer
            .rules
            .attribution()
            .name_gender(written)
            .is_some();
        // A word before a name the sources give ("Marco" of "Marco Rubio"
        // where the sources say "Rubio") is more of that name, not a new
        // one.
        let before_known_name = next_is_name
            && self
                .tracer
                .lexicon
                .tokens(next, 0)
                .first()
                .is_some_and(|t| self.index.is_name(t.stem));
        !((first_name && next_is_name) || before_known_name || self.stands_for_government(word))
    }

    /// Whether the draft's word at `word` is part of a seat of government
    /// or office (a place of `places.txt`, an organisation word of
    /// `sources.toml`) used as a possessive or before a common noun
    /// ("Washington’s failure", "a White House bid"): it stands for the
    /// government or the office, background every reader has, not news.
    fn stands_for_government(&self, word: Span) -> bool {
        let text = &self.draft.text;
        let rules = self.tracer.rules.attribution();
        let is_word = |c: char| c.is_alphanumeric() || c == '-' || c == '\'' || c == '’';
        // The word, and the words right before and after it.
        let start = text[..word.start]
            .trim_end()
            .char_indices()
            .rfind(|&(_, c)| !is_word(c))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let previous = text[start..word.start].trim();
        let after = text[word.end..].trim_start();
        let next_len = after.find(|c: char| !is_word(c)).unwrap_or(after.len());
        let next = &after[..next_len];
        let written = &text[word.start..word.end];
        let spaced = |a: &str, b: &str| format!("{a} {b}");
        // Each candidate name, with the word that follows it.
        let following = |after_name: &str| {
            let rest = after_name.trim_start();
            let noun = &rest[..rest.find(|c: char| !is_word(c)).unwrap_or(rest.len())];
            noun.chars().next().is_some_and(char::is_lowercase)
                && self
                    .tracer
                    .lexicon
                    .tokens(noun, 0)
                    .first()
                    .is_some_and(|t| !t.function)
        };
        let candidates = [
            (written.to_string(), following(after)),
            (spaced(previous, written), following(after)),
            (spaced(written, next), following(&after[next_len..])),
        ];
        candidates.iter().any(|(name, common_noun_follows)| {
            let bare = name.trim_end_matches("’s").trim_end_matches("'s");
            let possessive = bare.len() < name.len();
            let seat = rules.places.contains(bare) || rules.organisations.contains(bare);
            seat && bare
                .split(' ')
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
                && (possessive || *common_noun_follows)
        })
    }

    /// Reported speech ("X said that …", no quotation marks): its content
    /// must be in a source, and not in someone else's mouth there.
    pub(super) fn check_reported_speech(
        &self,
        claim: &Claim<'_>,
        previous: Option<&Claim<'_>>,
        speaker: &claims::Speaker,
        traces: &[ClauseTrace],
    ) -> Checked {
        let unsupported = traces.iter().any(|t| t.is_unsupported);
        let best = traces
            .iter()
            .filter_map(|t| t.alignment.as_ref().map(|a| (t, a)))
            .max_by(|a, b| a.1.coverage.total_cmp(&b.1.coverage));
        let aligned = best.filter(|(_, a)| a.coverage >= 0.5);
        let Some((clause, alignment)) = aligned.filter(|_| !unsupported) else {
            if traces.is_empty() {
                return Checked::Nothing;
            }
            let words: Vec<Span> = traces.iter().flat_map(|t| t.unsupported.clone()).collect();
            // Words of someone named whom the sources never give a word
            // to ("the Medical Association issued a statement praising
            // …", "Republicans in the General Assembly vowed to sue"):
            // the sources hold no such statement at all, which is news the
            // draft adds, not a retelling of what they said.
            if words.len() >= MIN_NEW_WORDS_UNHEARD
                && self.is_named_speaker(speaker)
                && !self.speaks_in_sources(&speaker.name, speaker.role.as_deref())
            {
                let violation = UnsupportedClaim {
                    words: self.words(&words),
                };
                return Checked::Found(
                    self.finding(&violation, claim.span)
                        .with_confidence(Confidence::High),
                );
            }
            let violation = UnsupportedAttribution {
                speaker: &speaker.name,
                words: self.words(&words),
            };
            // A retelling in other words leaves a word or two no source
            // uses; a statement nobody made leaves most of its content.
            let content: usize = traces
                .iter()
                .map(|t| t.tokens.iter().filter(|t| !t.function).count())
                .sum();
            // A passage in the speaker's own mouth that holds a good part
            // of the content is a retelling of it in other words ("most of
            // the job losses will come in sales" for "most of the cuts
            // would fall in sales"): a lead, not a statement nobody made.
            let retells_their_words = best.is_some_and(|(clause, alignment)| {
                let unit = clause
                    .best_sentence
                    .map_or(alignment.passage.unit, |p| p.unit);
                alignment.coverage >= SAME_MOUTH_COVERAGE
                    && speakers::same(
                        &speaker.name,
                        speaker.role.as_deref(),
                        &self.index.units[unit].voice,
                    )
            });
            let confidence = if words.len() >= MIN_NEW_WORDS
                && words.len() * 3 > content
                && !retells_their_words
            {
                Confidence::High
            } else {
                Confidence::Low
            };
            return Checked::Found(
                self.finding(&violation, claim.span)
                    .with_confidence(confidence),
            );
        };
        let place = clause
            .best_sentence
            .unwrap_or(Place::whole(alignment.passage.unit, alignment.passage.span));
        let unit = place.unit;
        let voice = &self.index.units[unit].voice;
        let draft_role = speaker.role.as_deref();
        let named_in_passage = self.named_in_passage(&speaker.name, voice, &alignment.passage);
        // Only one person or body named can be mistaken for another:
        // "officials said" may be anyone the source quotes, and an
        // organisation speaks through its people; but one company named
        // is not another ("GunBroker.com said" for United Gun Group's
        // words). The name must not go on into a noun it modifies: "the
        // Premier League champions have apologised" is a club described,
        // not the league.
        let both_bodies_named = !voice.is_person
            && matches!(
                speaker.kind,
                SpeakerKind::Organisation | SpeakerKind::Person
            )
            && speakers::is_proper_name(&speaker.name)
            && !self.name_modifies_a_noun(claim, speaker)
            && voice.name.as_deref().is_some_and(speakers::is_proper_name);
        let named = (speaker.kind == SpeakerKind::Person && voice.is_person) || both_bodies_named;
        // Another sentence that holds the content as well, in the right
        // mouth, settles it.
        let said_by_them = || {
            align::candidates(self.index, &clause.tokens, ALTERNATIVES)
                .into_iter()
                .any(|u| {
                    speakers::same(&speaker.name, draft_role, &self.index.units[u].voice)
                        && align::held_by(self.index, &clause.tokens, u) >= 0.6
                })
        };
        if let Some(source_name) = &voice.name
            && named
            && alignment.coverage >= 0.6
            && !speakers::same(&speaker.name, draft_role, voice)
            && !named_in_passage
            && !said_by_them()
        {
            let found = self.evidence_at(place, None);
            let violation = MisattributedStatement {
                speaker: &speaker.name,
                source_speaker: source_name,
            };
            // Firmly someone else's only when the source names its speaker
            // and the two are clearly two people.
            let source = &self.index.units[unit];
            let source_claims = &self.index.sources[source.source()].claims.claims;
            let confidence = if self.names_firmly(source_claims, source.claim())
                && self.reports_by_name(claim, previous, speaker)
                && speakers::clearly_different(&speaker.name, source_name)
            {
                Confidence::High
            } else {
                Confidence::Low
            };
            return Checked::Found(
                self.finding(&violation, claim.span)
                    .with_evidence(found)
                    .with_confidence(confidence),
            );
        }
        Checked::Held(self.evidence_at(place, None))
    }
}

impl DraftChecker<'_, '_> {
    /// Whether a speaker is someone named: a person by name, or an
    /// organisation or a group with a name in it ("the Medical
    /// Association", "Republicans in the General Assembly"; not
    /// "delegates", and nothing in text written all in lower case, where
    /// a name cannot be told). A description ("a pollster"), a document
    /// ("a poll") or an anonymous source may be one the sources speak of
    /// in other words.
    fn is_named_speaker(&self, speaker: &claims::Speaker) -> bool {
        // A capital past the mention's first word, which a sentence's
        // start may have capitalised.
        let has_name = || {
            speaker
                .mention
                .split_whitespace()
                .skip(1)
                .any(|w| w.chars().next().is_some_and(char::is_uppercase))
        };
        match speaker.kind {
            SpeakerKind::Person => speakers::is_proper_name(&speaker.name),
            SpeakerKind::Organisation | SpeakerKind::Group => has_name(),
            SpeakerKind::Anonymous | SpeakerKind::Description | SpeakerKind::Document => false,
        }
    }

    /// Whether the speaker's mention in the claim runs on into a lower-case
    /// word that is neither the cue nor a word between a subject and its
    /// verb ("the Premier League champions have apologised"): then the
    /// name modifies a noun, and the speaker is that noun's.
    fn name_modifies_a_noun(&self, claim: &Claim<'_>, speaker: &claims::Speaker) -> bool {
        let Some(at) = claim.text.find(speaker.mention.as_str()) else {
            return false;
        };
        let after = &claim.text[at + speaker.mention.len()..];
        let Some(next) = after.split_whitespace().next() else {
            return false;
        };
        let word = next.trim_matches(|c: char| !c.is_alphanumeric());
        let cue_first = claim
            .cue
            .as_deref()
            .and_then(|cue| cue.split_whitespace().next())
            .unwrap_or_default();
        after.starts_with(' ')
            && word.chars().next().is_some_and(char::is_lowercase)
            && word != cue_first
            && !self
                .tracer
                .rules
                .lexicon()
                .is(word, WordClass::BetweenSubjectAndVerb)
    }

    /// Whether the draft's speaker `name` is named in the source passage
    /// it retells (then the passage may tell of them, and is no one
    /// else's words in their mouth): a word of the name is there, and not
    /// as the surname of someone with another first name ("Tracy Martin"
    /// is not named in "Trayvon Martin's killer should be in prison"),
    /// unless the passage's speaker has that surname too (a son and his
    /// father, whom "his son said" is easily read as).
    fn named_in_passage(&self, name: &str, voice: &index::Voice, passage: &align::Passage) -> bool {
        let name_tokens = self.tracer.lexicon.tokens(name, 0);
        let name_stems: Vec<u64> = name_tokens.iter().map(|t| t.stem).collect();
        let surname = name_tokens
            .iter()
            .rev()
            .find(|t| !t.function)
            .map(|t| t.stem);
        let family = voice.name.as_deref().is_some_and(|voiced| {
            let last = |n: &str| n.split_whitespace().last().map(str::to_lowercase);
            last(voiced) == last(name)
        });
        let text = &self.index.sources[passage.source].document.text;
        // A capitalised word right before the surname that is no word of
        // the draft's name, no title ("Rep.") and no role ("Senator"), and
        // does not open the passage.
        let attribution = self.tracer.rules.attribution();
        let another_first_name = |at: usize| {
            at.checked_sub(1)
                .filter(|&before| before > 0)
                .and_then(|before| passage.tokens.get(before))
                .is_some_and(|before| {
                    let word = text
                        .get(before.span.start..before.span.end)
                        .unwrap_or_default();
                    before.capitalized
                        && !name_stems.contains(&before.stem)
                        && !attribution.is_honorific(word)
                        && !attribution.is_speaker_noun(&word.to_lowercase())
                })
        };
        name_tokens.iter().filter(|t| !t.function).any(|t| {
            passage.tokens.iter().enumerate().any(|(at, p)| {
                p.stem == t.stem && (family || Some(t.stem) != surname || !another_first_name(at))
            })
        })
    }

    /// Whether any source gives words to the speaker `name` (with the
    /// draft's `role` for them).
    fn speaks_in_sources(&self, name: &str, role: Option<&str>) -> bool {
        let voices = self.voices.get_or_init(|| {
            let mut seen = rustc_hash::FxHashSet::default();
            self.index
                .units
                .iter()
                .map(|u| &*u.voice)
                .filter(|v| v.name.is_some() && seen.insert((v.name.as_deref(), v.role.as_deref())))
                .collect()
        });
        voices.iter().any(|v| speakers::same(name, role, v))
    }

    /// Whether a draft's reported speech names its speaker next to the
    /// attributing words: "Okonjo said", "said Okonjo", "Okonjo, a
    /// Republican voter, said" (one apposition), with no other name
    /// between them otherwise. A pronoun
    /// ("he argued") or a subject far from the verb, past other names
    /// ("Okonjo uses the firm whose head, Ines Duarte, said …"), is the
    /// reader's guess at who is speaking, which a careful reader may make
    /// otherwise. A pronoun is firm where it goes on from the speaker of
    /// the sentence before (`previous`): "Reyes said … . He also said …".
    fn reports_by_name(
        &self,
        claim: &Claim<'_>,
        previous: Option<&Claim<'_>>,
        speaker: &claims::Speaker,
    ) -> bool {
        if self.is_pronoun(&speaker.mention) {
            return previous
                .and_then(|before| before.speaker.as_ref())
                .is_some_and(|before| {
                    before.name == speaker.name && !self.is_pronoun(&before.mention)
                });
        }
        let (Some(cue), text) = (claim.cue.as_deref(), claim.text) else {
            return false;
        };
        let Some(cue_at) = text.find(cue) else {
            return false;
        };
        let after_cue = &text[cue_at + cue.len()..];
        if after_cue.trim_start().starts_with(speaker.mention.as_str()) {
            return true;
        }
        let Some(mention_at) = text[..cue_at].rfind(speaker.mention.as_str()) else {
            return false;
        };
        let between = text[mention_at + speaker.mention.len()..cue_at].trim();
        // One apposition describes the speaker ("Okonjo, a Republican
        // voter, said"); past it, a capitalised word may be the subject.
        let apposition =
            between.starts_with(',') && between.ends_with(',') && between.matches(',').count() == 2;
        apposition
            || !between
                .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
                .any(|word| word.chars().next().is_some_and(char::is_uppercase))
    }
}

/// How many content words no source uses a statement must have (beyond a
/// third of its content words in reported speech, two thirds in the
/// draft's own voice) to be called unsupported rather than retold in
/// other words.
const MIN_NEW_WORDS: usize = 3;

/// How many words no source uses the reported words of a named speaker
/// the sources never quote must have to be news the draft adds: one may
/// be a paraphrase of what the sources say of them.
const MIN_NEW_WORDS_UNHEARD: usize = 2;

/// The least share of reported content (weighted as alignment weighs it,
/// rare words more) a passage in the speaker's own mouth must hold for
/// the rest to be read as their words retold.
const SAME_MOUTH_COVERAGE: f64 = 0.4;

/// How many other sentences sharing its content a reported statement is
/// looked for in, in its speaker's mouth.
const ALTERNATIVES: usize = 12;
