//! Tracing what a claim states, word by word, to the sources.
//!
//! A claim's text (outside its quotations and figures, which are checked on
//! their own, and outside its attribution) is split into clauses: at `;`,
//! dashes, and a comma before "and", "but", "while", "which" and their kin.
//! Each clause is aligned to its passage ([`align`]) and read against it:
//!
//! * **unsupported**: content words no source uses at all. A clause is an
//!   unsupported claim when it has a name no source uses (a word with a
//!   capital where no sentence starts), or when at least
//!   [`MIN_UNSUPPORTED`] of its content words, and [`UNSUPPORTED_SHARE`] of
//!   them, are unsupported (or two, if they are half the clause): a
//!   faithful rewrite uses a word of its own here and there, an invented
//!   clause says several things nobody said. A draft with no capital
//!   letters at all (lower-cased copy) gives no way to tell a name from a
//!   word, so there one unsupported word is enough;
//! * **contradicted**: the clause retells its passage closely (most of its
//!   content is there) but differs in one slot: a name that the passage
//!   does not hold where the passage names someone or something else; a
//!   negation on one side only; or a hedge ("proposed", "plans to") in the
//!   passage that the clause states as done ("signed", "will").
//!
//! Names are the words the sources write with a capital letter where no
//! sentence starts, matched in the draft whatever its case, and the words
//! the draft itself capitalises mid-sentence.

use super::align::{self, Alignment, Passage, carries_content, in_order};
use super::index::{SourceIndex, word_hash};
use super::lexicon::{KeyedWord, Stems};
use crate::rules::RuleSet;
use crate::rules::{Lexicon, WordClass};
use crate::span::Span;

/// The fewest unsupported content words that make a clause unsupported
/// (unless one is a name).
pub const MIN_UNSUPPORTED: usize = 3;

/// The least share of a clause's content words that must be unsupported.
pub const UNSUPPORTED_SHARE: f64 = 0.25;

/// The least share of a clause's content a passage must hold for the
/// clause to be read against it for negation and certainty.
const CLOSE_RETELLING: f64 = 0.6;

/// What the checker needs to trace a claim.
pub struct Tracer<'a, 'd> {
    pub index: &'a SourceIndex<'d>,
    pub lexicon: &'a Stems,
    pub rules: &'a RuleSet,
    /// Whether the draft writes capital letters at all. In a draft that
    /// does not (lower-cased copy), any word may be a name, so a single
    /// word no source uses is enough to make a clause unsupported.
    pub cased: bool,
}

/// A slot in which a clause says otherwise than its passage.
#[derive(Clone, Debug, PartialEq)]
pub enum Slot {
    /// The draft names `draft` where the passage names `source`.
    Name {
        draft: Vec<String>,
        source: Vec<String>,
    },
    /// The draft negates what the passage states (`draft_negates`), or
    /// the other way round; `words` are the negating words.
    Negation { draft_negates: bool, words: String },
    /// The draft has a word (`draft`) of opposite meaning to the
    /// passage's (`source`) in the same slot.
    Opposite { draft: String, source: String },
    /// The passage hedges (`hedge`) what the draft states as done.
    Certainty { hedge: String, draft: String },
}

/// The result of tracing one clause.
#[derive(Clone, Debug)]
pub struct ClauseTrace {
    pub span: Span,
    pub alignment: Option<Alignment>,
    /// Content words no source uses.
    pub unsupported: Vec<Span>,
    /// Whether the unsupported words make the clause an unsupported claim.
    pub is_unsupported: bool,
    /// The span covering the unsupported words.
    pub unsupported_span: Option<Span>,
    /// Slots in which the clause contradicts its passage.
    pub contradictions: Vec<Slot>,
    /// The clause's words, as traced (skipped words marked as function
    /// words).
    pub tokens: Vec<KeyedWord>,
    /// The sentence of the passage that holds most of the clause.
    pub best_sentence: Option<Place>,
}

/// A sentence (or window of a long one) of a source that a clause is read
/// against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Place {
    /// Its sentence unit.
    pub unit: usize,
    pub span: Span,
    /// The words of it the clause holds, from the first to the last: where
    /// an excerpt of it centres.
    pub focus: Span,
}

impl Place {
    /// All of `span` of sentence unit `unit`, with no narrower focus.
    pub fn whole(unit: usize, span: Span) -> Place {
        Place {
            unit,
            span,
            focus: span,
        }
    }
}

impl Tracer<'_, '_> {
    /// Traces the text of `draft` in `span`, leaving out the words in
    /// `skip` (quotations, figures) and the words of `exempt` (the
    /// speaker's name, the cue).
    pub fn trace(
        &self,
        draft: &str,
        span: Span,
        skip: &[Span],
        exempt: &[u64],
    ) -> Vec<ClauseTrace> {
        let Some(text) = draft.get(span.start..span.end) else {
            return Vec::new();
        };
        let tokens = self.lexicon.tokens(text, span.start);
        let supported = self.known_names(text, span.start, &tokens);
        // Words with which the draft reports what its sources say or how
        // they disagree ("accounts differ") are the draft's own, not claims.
        let mut reporting = vec![false; tokens.len()];
        let disagreements = self.lexicon.disagreement(&tokens);
        for &(at, len) in &disagreements {
            for flag in &mut reporting[at..at + len] {
                *flag = true;
            }
        }
        // And in a sentence that says so, the words that tell it ("one
        // account gives 5-2, another 6-1").
        if !disagreements.is_empty() {
            for (flag, token) in reporting.iter_mut().zip(&tokens) {
                let word = &draft[token.span.start..token.span.end];
                *flag |= self
                    .rules
                    .lexicon()
                    .is(&word.to_lowercase(), WordClass::DisagreementReporting);
            }
        }
        let clause_start: Vec<bool> = (0..tokens.len())
            .map(|i| {
                i == 0
                    || draft[tokens[i - 1].span.end..tokens[i].span.start]
                        .contains(['“', '"', ':', '‘', '(', '—', '\n'])
            })
            .collect();
        // Which words lie in a skipped span, decided once for the sentence:
        // spans sorted by start, with the furthest end reached so far, so
        // each word is one binary search whatever the number of spans.
        let mut sorted: Vec<Span> = skip.to_vec();
        sorted.sort_by_key(|s| s.start);
        let furthest: Vec<usize> = sorted
            .iter()
            .scan(0, |end, s| {
                *end = (*end).max(s.end);
                Some(*end)
            })
            .collect();
        let in_skipped_span: Vec<bool> = tokens
            .iter()
            .map(|t| {
                let before = sorted.partition_point(|s| s.start <= t.span.start);
                before > 0 && furthest[before - 1] >= t.span.end
            })
            .collect();
        let mut traces = Vec::new();
        for range in clauses(draft, &tokens, self.rules.lexicon()) {
            // Skipped words (quotations, figures, the speaker) stay in the
            // clause as function words, so that it still lines up with its
            // passage word for word.
            let checked: Vec<usize> = range.clone().collect();
            let skipped = |i: usize| in_skipped_span[i] || exempt.contains(&tokens[i].stem);
            let clause_tokens: Vec<KeyedWord> = checked
                .iter()
                .map(|&i| {
                    let mut t = tokens[i].clone();
                    t.function |= skipped(i);
                    t
                })
                .collect();
            let content: Vec<usize> = checked
                .iter()
                .copied()
                .filter(|&i| !skipped(i) && carries_content(&tokens[i]) && !tokens[i].numeric)
                .collect();
            if content.is_empty() {
                continue;
            }
            let clause_span = Span::new(
                tokens[*range.start()].span.start,
                tokens[*range.end()].span.end,
            );
            let unsupported: Vec<usize> = content
                .iter()
                .copied()
                .filter(|&i| !supported[i] && !reporting[i] && !self.knows(draft, &tokens[i]))
                .collect();
            let unknown_name = unsupported
                .iter()
                .any(|&i| tokens[i].capitalized && !clause_start[i]);
            let is_unsupported = unknown_name
                || (!self.cased && !unsupported.is_empty())
                || (unsupported.len() >= MIN_UNSUPPORTED
                    && unsupported.len() as f64 >= UNSUPPORTED_SHARE * content.len() as f64)
                || (unsupported.len() >= 2 && unsupported.len() * 2 >= content.len());
            let unsupported_span = match (unsupported.first(), unsupported.last()) {
                (Some(&a), Some(&b)) => Some(Span::new(tokens[a].span.start, tokens[b].span.end)),
                _ => None,
            };
            // Which of the clause's words no source uses.
            let unknown: Vec<bool> = checked.iter().map(|i| unsupported.contains(i)).collect();
            let alignment = align::align(self.index, &clause_tokens);
            // A clause whose only content is a name no source gives ("on
            // Facebook" beside a verbatim quotation, a date and the
            // speaker) aligns nowhere by that name; its skipped words (the
            // quotation, the date, the speaker) still say which passage the
            // sentence retells, and the name is read in its slot there.
            let located = match &alignment {
                None if unknown_name => {
                    let whole: Vec<KeyedWord> =
                        checked.iter().map(|&i| tokens[i].clone()).collect();
                    align::align(self.index, &whole)
                }
                _ => None,
            };
            let mut contradictions = Vec::new();
            let mut best_sentence = None;
            if let Some(retold) = alignment.as_ref().or(located.as_ref()) {
                best_sentence = self.best_sentence(retold);
                let mut names: Vec<bool> = checked
                    .iter()
                    .zip(&clause_tokens)
                    .map(|(&i, t)| {
                        carries_content(t)
                            && !t.numeric
                            && (self.index.is_name(t.stem) || (t.capitalized && !clause_start[i]))
                    })
                    .collect();
                // Particles inside a name ("von der") are part of it.
                for run in runs(&clause_tokens, &names) {
                    for i in run {
                        names[i] = true;
                    }
                }
                // Where the clause comes from, whoever it names: the
                // passage its other words retell.
                let unnamed: Vec<KeyedWord> = clause_tokens
                    .iter()
                    .zip(&names)
                    .map(|(t, &name)| {
                        let mut t = t.clone();
                        t.function |= name;
                        t
                    })
                    .collect();
                let held = |a: &Alignment| {
                    let content: Vec<usize> = (0..clause_tokens.len())
                        .filter(|&i| {
                            carries_content(&clause_tokens[i])
                                && !clause_tokens[i].numeric
                                && !names[i]
                        })
                        .collect();
                    let matched = content.iter().filter(|&&i| a.matched[i].is_some()).count();
                    matched as f64 / content.len().max(1) as f64
                };
                let retelling = if names.iter().any(|&n| n) && held(retold) < CLOSE_RETELLING {
                    align::align(self.index, &unnamed)
                } else {
                    None
                };
                let retelling = retelling.as_ref().unwrap_or(retold);
                contradictions =
                    self.contradictions(draft, &clause_tokens, &names, &unknown, retelling, exempt);
                if !contradictions.is_empty() {
                    best_sentence = self.best_sentence(retelling);
                } else if alignment.is_none() {
                    // Located by its skipped words only: the passage is
                    // evidence of a slot, not of the clause's content.
                    best_sentence = None;
                }
            }
            traces.push(ClauseTrace {
                span: clause_span,
                alignment,
                unsupported: unsupported.iter().map(|&i| tokens[i].span).collect(),
                is_unsupported,
                unsupported_span,
                contradictions,
                best_sentence,
                tokens: clause_tokens,
            });
        }
        traces
    }

    /// Whether token `i` of `tokens` (words of `text`) negates its clause:
    /// a negation word, but not one that opens a pair ("not only … but")
    /// nor one that carries on an earlier negation ("no record of the class
    /// nor of the article"); see `negation_focusers` and
    /// `continuing_negations` in `rules/en/word-classes.toml`.
    fn negates(&self, tokens: &[KeyedWord], text: &str, i: usize) -> bool {
        if !self.lexicon.is_negation(&tokens[i]) {
            return false;
        }
        let word = |t: &KeyedWord| text[t.span.start..t.span.end].to_lowercase();
        let words = self.rules.lexicon();
        if tokens
            .get(i + 1)
            .is_some_and(|next| words.is_lower(&word(next), WordClass::NegationFocuser))
        {
            return false;
        }
        if words.is_lower(&word(&tokens[i]), WordClass::ContinuingNegation) {
            let from = i.saturating_sub(CONTINUED_NEGATION_REACH);
            return !tokens[from..i].iter().any(|t| self.lexicon.is_negation(t));
        }
        true
    }

    /// The negation of the passage's stretch `source` where the clause's
    /// stretch `draft`, between the same anchors, insists on the same
    /// thing: an affirming word ("still", "did") and no negation in the
    /// draft, a negation in the passage, and on each side a content word
    /// or two (the verb retold in other words: "still holds" against "no
    /// longer owns"), names (`names` of the clause, `source_names` of the
    /// passage) and pronouns aside. A draft stretch that only
    /// affirms ("still works" against "never stopped working") says the
    /// same as two negations and is left alone.
    fn affirmed_against_negation(
        &self,
        draft: (&[KeyedWord], &str, std::ops::Range<usize>),
        source: (&[KeyedWord], &str, std::ops::Range<usize>),
        (names, source_names): (&[bool], &[bool]),
    ) -> Option<Span> {
        let (clause, draft_text, draft_range) = draft;
        let (passage, source_text, source_range) = source;
        if draft_range.is_empty() || source_range.is_empty() {
            return None;
        }
        let affirming: Vec<usize> = self
            .lexicon
            .affirmation(&clause[draft_range.clone()])
            .into_iter()
            .flat_map(|(at, len)| draft_range.start + at..draft_range.start + at + len)
            .collect();
        if affirming.is_empty()
            || draft_range
                .clone()
                .any(|i| self.negates(clause, draft_text, i))
        {
            return None;
        }
        let negation = source_range
            .clone()
            .find(|&i| self.negates(passage, source_text, i))?;
        // The content words of a stretch, leaving out what `skipped` says.
        let content = |tokens: &[KeyedWord],
                       text: &str,
                       range: std::ops::Range<usize>,
                       skipped: &dyn Fn(usize) -> bool| {
            range
                .filter(|&i| {
                    let word = &text[tokens[i].span.start..tokens[i].span.end];
                    carries_content(&tokens[i])
                        && !self.lexicon.is_negation(&tokens[i])
                        && !skipped(i)
                        && !self
                            .rules
                            .lexicon()
                            .is_lower(&word.to_lowercase(), WordClass::SubjectPronoun)
                })
                .count()
        };
        let draft_content = content(clause, draft_text, draft_range, &|i| {
            names[i] || affirming.contains(&i)
        });
        let source_content = content(passage, source_text, source_range, &|i| source_names[i]);
        let retold = |n: usize| (1..=MAX_RETOLD_WORDS).contains(&n);
        (retold(draft_content) && retold(source_content)).then(|| passage[negation].span)
    }

    /// Whether token `i` of `tokens` (words of `text`) is a modal or an
    /// auxiliary ("will", "could", "did").
    fn is_modal(&self, tokens: &[KeyedWord], text: &str, i: usize) -> bool {
        let word = &text[tokens[i].span.start..tokens[i].span.end];
        self.rules
            .lexicon()
            .is_lower(&word.to_lowercase(), WordClass::Modal)
    }

    /// Whether the word at `at` of `tokens` (words of `text`) is what
    /// someone is reported to intend: a modal ("will", "would") with a
    /// reporting verb within [`INTENTION_REACH`] words before it ("say
    /// they will", "said it would").
    fn reported_intention(&self, tokens: &[KeyedWord], text: &str, at: usize) -> bool {
        if !self.is_modal(tokens, text, at) {
            // "said it approved" reports a thing done.
            return false;
        }
        let cues = &self.rules.attribution().cues;
        let is_cue = |word: &str| cues.contains(&word.to_lowercase());
        if tokens[at.saturating_sub(INTENTION_REACH)..at]
            .iter()
            .any(|t| is_cue(&text[t.span.start..t.span.end]))
        {
            return true;
        }
        // The clause may be what is reported, and its reporting verb
        // stand just before it: "said it will approve".
        let words_inside = at.min(INTENTION_REACH);
        let Some(first) = tokens.first() else {
            return false;
        };
        text[..first.span.start]
            .split_whitespace()
            .rev()
            .take(INTENTION_REACH - words_inside)
            .any(|word| is_cue(word.trim_matches(|c: char| !c.is_alphanumeric())))
    }

    /// Whether the sources use a word: its key, its stem, or, for a
    /// hyphenated word, each of its parts.
    fn knows(&self, draft: &str, token: &KeyedWord) -> bool {
        if self.index.knows(token.key) || self.index.knows(token.stem) {
            return true;
        }
        let raw = &draft[token.span.start..token.span.end];
        if token.capitalized && self.index.is_initials(word_hash(&raw.to_lowercase())) {
            return true;
        }
        raw.contains(['-', '‐', '‑'])
            && self
                .lexicon
                .tokens(&raw.replace(['-', '‐', '‑'], " "), 0)
                .iter()
                .all(|t| t.function || self.index.knows(t.key) || self.index.knows(t.stem))
    }

    /// Which tokens belong to a role ("prime minister"), an honorific, or
    /// the full name of a public figure of `rules/en/people.toml` whose
    /// surname the sources use: supported as words when the sources name
    /// the person some other way.
    fn known_names(&self, text: &str, offset: usize, tokens: &[KeyedWord]) -> Vec<bool> {
        let attribution = self.rules.attribution();
        let mut spans: Vec<Span> = attribution
            .role_names
            .find_iter(text)
            .map(|m| Span::new(offset + m.start, offset + m.end))
            .collect();
        for m in attribution.people_names.find_iter(text) {
            let name = &text[m.start..m.end];
            let surname = name.split_whitespace().last().unwrap_or(name);
            if self
                .lexicon
                .tokens(surname, 0)
                .iter()
                .all(|t| self.index.knows(t.stem))
            {
                spans.push(Span::new(offset + m.start, offset + m.end));
            }
        }
        // A name the sources give only by its initials: "European Union"
        // for "EU".
        for (first, last, initials) in super::index::initialisms(tokens, text, offset) {
            // Initials are their own stem.
            let known = self.index.knows(word_hash(&initials));
            if known {
                spans.push(Span::new(tokens[first].span.start, tokens[last].span.end));
            }
        }
        // A token is in a name when a name starting at or before it ends at
        // or after it: the furthest end of the names starting by each
        // point, searched, so a long clause full of names stays linear.
        spans.sort_unstable_by_key(|s| s.start);
        let furthest: Vec<usize> = spans
            .iter()
            .scan(0, |end, s| {
                *end = s.end.max(*end);
                Some(*end)
            })
            .collect();
        tokens
            .iter()
            .map(|t| {
                let raw = &text[t.span.start - offset..t.span.end - offset];
                let started = spans.partition_point(|s| s.start <= t.span.start);
                attribution.is_honorific(raw)
                    || started
                        .checked_sub(1)
                        .is_some_and(|last| furthest[last] >= t.span.end)
            })
            .collect()
    }

    /// The sentence (or window of a long one) of the passage holding most
    /// of the clause's words.
    fn best_sentence(&self, alignment: &Alignment) -> Option<Place> {
        let passage = &alignment.passage;
        let first = self.index.units[passage.unit].stretch? as usize;
        let mut best: Option<(usize, Place)> = None;
        for stretch in &self.index.stretches(passage.source)[first..] {
            let stretch_span = self.index.stretch_span(stretch);
            if stretch_span.start >= passage.span.end {
                break;
            }
            let held: Vec<Span> = alignment
                .matched
                .iter()
                .flatten()
                .map(|&p| passage.tokens[p].span)
                .filter(|&span| stretch_span.contains(span))
                .collect();
            if best.as_ref().is_none_or(|(h, _)| held.len() > *h) {
                // The words it holds, from the first to the last.
                let focus = match (
                    held.iter().map(|s| s.start).min(),
                    held.iter().map(|s| s.end).max(),
                ) {
                    (Some(start), Some(end)) => Span::new(start, end),
                    _ => stretch_span,
                };
                let place = Place {
                    unit: stretch.unit(),
                    span: stretch_span,
                    focus,
                };
                best = Some((held.len(), place));
            }
        }
        best.map(|(_, place)| place)
    }

    /// Where each sentence of `passage` after its first starts (bytes of
    /// its source), in order.
    fn sentence_starts(&self, passage: &Passage) -> Vec<usize> {
        let Some(first) = self.index.units[passage.unit].stretch else {
            return Vec::new();
        };
        self.index.stretches(passage.source)[first as usize..]
            .iter()
            .map(|stretch| self.index.stretch_span(stretch).start)
            .skip(1)
            .take_while(|&start| start < passage.span.end)
            .collect()
    }

    /// Which words of a passage are names the sources write: capitalised
    /// content words the index knows as names.
    fn names_in(&self, passage: &[KeyedWord]) -> Vec<bool> {
        passage
            .iter()
            .map(|t| {
                carries_content(t) && !t.numeric && t.capitalized && self.index.is_name(t.stem)
            })
            .collect()
    }

    /// The function word that opens the slot of the name starting at
    /// token `first` ("in" of "in Richmond", "to" of "to the American
    /// Cancer Society", "by" of "by foreign minister Jaishankar"): the
    /// word before it, past articles and a few lower-case words of a
    /// title, if that is a function word.
    fn frame(&self, tokens: &[KeyedWord], text: &str, first: usize) -> Option<u64> {
        self.frame_at(tokens, text, first).map(|at| tokens[at].key)
    }

    /// Where [`Self::frame`]'s word stands.
    fn frame_at(&self, tokens: &[KeyedWord], text: &str, first: usize) -> Option<usize> {
        let lexicon = self.rules.lexicon();
        let mut title = 0;
        for i in (0..first).rev() {
            let token = &tokens[i];
            let word = text
                .get(token.span.start..token.span.end)
                .unwrap_or_default();
            let capital = word.chars().next().is_some_and(char::is_uppercase);
            // An initial ("S Jaishankar") is more of the name.
            if lexicon.is(word, WordClass::Article) || (capital && word.chars().count() == 1) {
                continue;
            }
            // "and" joins a name to another; it opens no slot of its own.
            if lexicon.is(word, WordClass::Coordinator) {
                return None;
            }
            if !carries_content(token) && !capital {
                return Some(i);
            }
            title += 1;
            if token.capitalized || token.numeric || title > TITLE_WORDS {
                return None;
            }
        }
        None
    }

    /// The word that stands before the frame of the name starting at
    /// token `first` ("Friday" of "Friday in Philadelphia"), if it has
    /// content or is a figure: the two words together place the name.
    fn framed_by(&self, tokens: &[KeyedWord], text: &str, first: usize) -> Option<u64> {
        let at = self.frame_at(tokens, text, first)?.checked_sub(1)?;
        // Read afresh: a clause's figures are marked function words.
        let span = tokens[at].span;
        let word = self
            .lexicon
            .tokens(text.get(span.start..span.end)?, span.start);
        let word = word.first()?;
        (carries_content(word) || word.numeric).then_some(word.stem)
    }

    /// A name no source gives (its words among `unknown`), read in the
    /// slot the words right around it open, in a clause that may retell
    /// its passage only in part: "an interview with Fox Business" against
    /// the passage's "an interview with CNBC". The name must follow the
    /// same function word as the passage's name, and a word the two share
    /// (one of `anchors`) must stand right before or right after both.
    fn new_name_slot(
        &self,
        words: &ClauseWords<'_>,
        alignment: &Alignment,
        anchors: &[(usize, usize)],
        exempt: &[u64],
    ) -> Option<Slot> {
        let ClauseWords {
            text: draft,
            tokens: clause,
            names,
            unknown,
        } = *words;
        let passage = &alignment.passage.tokens;
        let source_text = &self.index.sources[alignment.passage.source].document.text;
        let passage_runs = runs_parted(Some(source_text), passage, &self.names_in(passage));
        let clause_keys = keys_of(clause, exempt);
        for run in runs_parted(Some(draft), clause, names) {
            // New: no source uses a capitalised word of it ("BoE" is
            // known where a source spells out "Bank of England").
            let new = run.iter().all(|&i| alignment.matched[i].is_none())
                && run.iter().any(|&i| unknown[i] && clause[i].capitalized);
            let (first, last) = (run[0], run[run.len() - 1]);
            let Some(frame) = self.frame(clause, draft, first).filter(|_| new) else {
                continue;
            };
            // Where the passage's name must start (after a shared word
            // before) or end (before a shared word after).
            let before = anchors
                .iter()
                .rev()
                .find(|&&(c, _)| c < first && first - c <= FRAME_REACH);
            let after = anchors
                .iter()
                .find(|&&(c, _)| c > last && c - last <= FRAME_REACH);
            // Or the same word before the frame on both sides, which a
            // figure ("Friday in") may be and an anchor never is.
            let framed_by = self.framed_by(clause, draft, first);
            let fits = |r: &Vec<usize>| {
                let (start, end) = (r[0], r[r.len() - 1]);
                before.is_some_and(|&(_, p)| start > p && start - p <= FRAME_REACH)
                    || after.is_some_and(|&(_, p)| end < p && p - end <= FRAME_REACH)
                    || (framed_by.is_some()
                        && self.framed_by(passage, source_text, start) == framed_by)
            };
            let found = passage_runs.iter().find(|r| {
                fits(r)
                    && self.frame(passage, source_text, r[0]) == Some(frame)
                    && r.iter().all(|&i| {
                        !clause_keys.contains(&passage[i].key)
                            && !clause_keys.contains(&passage[i].stem)
                    })
            });
            if let Some(found) = found {
                return Some(Slot::Name {
                    draft: vec![written(draft, clause, &run)],
                    source: vec![written(source_text, passage, found)],
                });
            }
        }
        None
    }

    /// A word of the clause whose opposite ([`Stems::opposite`]) the
    /// passage has in the same slot: between the anchors on either side
    /// of it, or as far from the one anchor there is.
    fn opposite_slot(
        &self,
        words: &ClauseWords<'_>,
        alignment: &Alignment,
        anchors: &[(usize, usize)],
    ) -> Option<Slot> {
        let (clause, passage) = (words.tokens, &alignment.passage.tokens);
        let source_text = &self.index.sources[alignment.passage.source].document.text;
        for i in 0..clause.len() {
            let word = &clause[i];
            if !carries_content(word)
                || word.numeric
                || words.names[i]
                || alignment.matched[i].is_some()
            {
                continue;
            }
            let before = anchors.iter().rev().find(|&&(c, _)| c < i);
            let after = anchors.iter().find(|&&(c, _)| c > i);
            // Right before the anchor after the word, as far back as the
            // word stands from it and a word more ("weakened slightly as
            // it crossed" against "strengthened as it crossed").
            let leading_up_to = |c1: usize, p1: usize| p1.saturating_sub(c1 - i + 1)..p1;
            let window = match (before, after) {
                (Some(&(c0, p0)), Some(&(c1, p1))) if p0 < p1 => {
                    // Only stretches of about the same length are one slot;
                    // else (the anchor before matched in another sentence)
                    // only what leads up to the anchor after.
                    if (p1 - p0).abs_diff(c1 - c0) > NEGATION_REACH {
                        leading_up_to(c1, p1)
                    } else {
                        p0 + 1..p1
                    }
                }
                (Some(&(c0, p0)), None) => p0 + 1..(p0 + 1 + (i - c0)).min(passage.len()),
                (None, Some(&(c1, p1))) => leading_up_to(c1, p1),
                _ => continue,
            };
            // A side that has both words ("win or lose") names both.
            let has = |tokens: &[KeyedWord], key: u64| tokens.iter().any(|t| t.key == key);
            let opposite = window.into_iter().find(|&q| {
                self.lexicon.opposite(word, &passage[q])
                    && !has(clause, passage[q].key)
                    && !has(passage, word.key)
            });
            if let Some(q) = opposite {
                let written =
                    |text: &str, t: &KeyedWord| text[t.span.start..t.span.end].to_string();
                return Some(Slot::Opposite {
                    draft: written(words.text, word),
                    source: written(source_text, &passage[q]),
                });
            }
        }
        None
    }

    /// Whether `name` reads as a person's name, by the attribution rules'
    /// reading of a mention, with no word of a body or a place in it
    /// ("Senate Benghazi" is no one).
    fn is_person(&self, name: &str) -> bool {
        let attribution = self.rules.attribution();
        let person = matches!(
            crate::claims::mention::parse(name, attribution),
            Some(crate::claims::mention::Mention::Person { role: None, .. })
        );
        person
            && name.split_whitespace().all(|word| {
                let word = word.trim_matches(|c: char| !c.is_alphanumeric());
                !attribution.organisations.contains(word) && !attribution.places.contains(word)
            })
    }

    /// `run` of `tokens` (words of `text`) with the word right before it,
    /// when that is a first name (`rules/en/first-names.toml`) or a name
    /// of the sources, capitalised, with only a space between: a name's
    /// first word opening a sentence ("Louis Brandt, 37, took …") is read
    /// as a name nowhere else. A capitalised word of any other kind there
    /// opens the sentence ("Certainly Brandt knew").
    fn opened_by_first_name(&self, tokens: &[KeyedWord], text: &str, run: &[usize]) -> Vec<usize> {
        let mut opened = run.to_vec();
        if let Some(&first) = run.first()
            && let Some(before) = first.checked_sub(1)
        {
            let word = &tokens[before];
            let spaced = text
                .get(word.span.end..tokens[first].span.start)
                .is_some_and(|gap| gap == " ");
            let written = &text[word.span.start..word.span.end];
            let name = self.index.is_name(word.stem)
                || self.rules.attribution().name_gender(written).is_some();
            if spaced && word.capitalized && !word.function && !word.numeric && name {
                opened.insert(0, before);
            }
        }
        opened
    }

    /// The slots in which `clause` says otherwise than its passage, if it
    /// retells the passage closely. Each slot is read locally, between the
    /// words clause and passage share (the *anchors*): a name in the
    /// clause between two anchors is compared with the names the passage
    /// has between the same anchors; a negation or a hedge counts only
    /// right before an anchor.
    fn contradictions(
        &self,
        draft: &str,
        clause: &[KeyedWord],
        names: &[bool],
        unknown: &[bool],
        alignment: &Alignment,
        exempt: &[u64],
    ) -> Vec<Slot> {
        let words = ClauseWords {
            text: draft,
            tokens: clause,
            names,
            unknown,
        };
        // A clause the passage holds word for word says nothing otherwise.
        if alignment.verbatim {
            return Vec::new();
        }
        let content: Vec<usize> = (0..clause.len())
            .filter(|&i| carries_content(&clause[i]) && !clause[i].numeric && !names[i])
            .collect();
        // Anchors: shared content words, as (clause, passage) positions,
        // the longest run of them in the same order on both sides.
        let anchors = in_order(
            content
                .iter()
                .filter_map(|&i| alignment.matched[i].map(|p| (i, p)))
                .collect(),
        );
        let needed = if content.len() <= 3 { 2 } else { 3 };
        let names_compared = anchors.len() >= needed
            && (anchors.len() as f64) >= CLOSE_RETELLING_SLOTS * content.len() as f64;
        // For negation and certainty, names the clause shares with the
        // passage are anchors too.
        let all_content: Vec<usize> = (0..clause.len())
            .filter(|&i| carries_content(&clause[i]) && !clause[i].numeric)
            .collect();
        let all_anchors = in_order(
            all_content
                .iter()
                .filter_map(|&i| alignment.matched[i].map(|p| (i, p)))
                .collect(),
        );
        let slots_compared = all_anchors.len() >= 2
            && (all_anchors.len() as f64) >= CLOSE_RETELLING * all_content.len() as f64;
        if !names_compared && !slots_compared {
            return self
                .new_name_slot(&words, alignment, &all_anchors, exempt)
                .into_iter()
                .collect();
        }
        let loose_anchors = all_anchors.clone();
        let passage = &alignment.passage.tokens;
        let source_text = &self.index.sources[alignment.passage.source].document.text;
        let mut slots = Vec::new();
        // Only anchors that stay close to their neighbours in the
        // passage: a word matched somewhere else in the passage says
        // nothing of what stands around it.
        let local = |anchors: Vec<(usize, usize)>| -> Vec<(usize, usize)> {
            anchors
                .iter()
                .enumerate()
                .filter(|&(n, &(_, p))| {
                    let near = |other: Option<&(usize, usize)>| {
                        other.is_some_and(|&(_, q)| q.abs_diff(p) <= LOCAL)
                    };
                    near(n.checked_sub(1).and_then(|m| anchors.get(m))) || near(anchors.get(n + 1))
                })
                .map(|(_, &a)| a)
                .collect()
        };
        let all_anchors = local(all_anchors);
        let anchors = if names_compared {
            local(anchors)
        } else {
            Vec::new()
        };

        // Names between the same anchors.
        // The clause's words, and its speaker's: a passage naming who
        // says it names no one else.
        let clause_keys = keys_of(clause, exempt);
        let passage_names = self.names_in(passage);
        // A title both sides give ("Dr.", "President") opens a name; the
        // name is what follows it ("Dr. Ana Costa" against "Dr. Liam
        // O'Neill").
        let attribution = self.rules.attribution();
        let is_title = |text: &str, t: &KeyedWord| {
            let word = &text[t.span.start..t.span.end];
            attribution.is_honorific(word) || attribution.role_names.contains(word)
        };
        let shared = |t: &KeyedWord| clause_keys.contains(&t.key) || clause_keys.contains(&t.stem);
        let passage_runs: Vec<Vec<usize>> = runs(passage, &passage_names)
            .into_iter()
            .map(|r| {
                r.into_iter()
                    .skip_while(|&i| shared(&passage[i]) && is_title(source_text, &passage[i]))
                    .collect::<Vec<_>>()
            })
            .filter(|r| !r.is_empty())
            .collect();
        // Which sentence of the passage each of its words is in.
        let sentence_starts = self.sentence_starts(&alignment.passage);
        let sentence_of =
            |p: usize| sentence_starts.partition_point(|&at| at <= passage[p].span.start);
        let mut draft_named = Vec::new();
        let mut source_named = Vec::new();
        for run in runs(clause, names) {
            let run: Vec<usize> = run
                .into_iter()
                .skip_while(|&i| alignment.matched[i].is_some() && is_title(draft, &clause[i]))
                .collect();
            let (Some(&first), Some(&last)) = (run.first(), run.last()) else {
                continue;
            };
            let before = anchors.iter().rev().find(|(c, _)| *c < first).map(|a| a.1);
            let after = anchors.iter().find(|(c, _)| *c > last).map(|a| a.1);
            // A name matched only in another sentence of the passage than
            // the one whose words stand on both sides of it is that
            // sentence's name, not this slot's ("led by Reyes" against
            // "led by Duarte. … Reyes praised the work").
            // With an anchor on one side only, that anchor's sentence is
            // the slot's.
            let here = match (before, after) {
                (Some(b), Some(a)) => Some(sentence_of(b)).filter(|&s| s == sentence_of(a)),
                (Some(x), None) | (None, Some(x)) => Some(sentence_of(x)),
                (None, None) => None,
            };
            let matched_elsewhere = before.is_some()
                && after.is_some()
                && here.is_some_and(|here| {
                    run.iter()
                        .all(|&i| alignment.matched[i].is_some_and(|p| sentence_of(p) != here))
                });
            // A name that shares a word with the passage's name in its
            // slot but differs in another ("Frank Brandt" against "Louis
            // Brandt", "Hillary Clinton" against "Bill Clinton"): the
            // words neither title nor shared are compared.
            let opened_run = self.opened_by_first_name(clause, draft, &run);
            if let Some(here) = here
                && let Some((source_run, own)) = partly_shared(&opened_run, &passage_runs, |i| {
                    alignment.matched[i].filter(|&p| sentence_of(p) == here)
                })
            {
                let source_run = &self.opened_by_first_name(passage, source_text, source_run);
                let differs = |tokens: &[KeyedWord], text: &str, words: &[usize]| {
                    words.iter().any(|&i| {
                        !is_title(text, &tokens[i])
                            && tokens[i].span.len() >= 2
                            && !tokens[i].numeric
                    })
                };
                let theirs: Vec<usize> = source_run
                    .iter()
                    .copied()
                    .filter(|&p| !shared(&passage[p]))
                    .collect();
                // A word of the draft's name that the passage's name holds
                // too, matched elsewhere, is no difference.
                let own: Vec<usize> = own
                    .into_iter()
                    .filter(|&i| {
                        !source_run.iter().any(|&p| {
                            passage[p].key == clause[i].key || passage[p].stem == clause[i].stem
                        })
                    })
                    .collect();
                if differs(clause, draft, &own) && differs(passage, source_text, &theirs) {
                    draft_named.push(written(draft, clause, &opened_run));
                    let name = written(source_text, passage, source_run);
                    if !source_named.contains(&name) {
                        source_named.push(name);
                    }
                    continue;
                }
            }
            // A person the slot's sentence names past the stretch the
            // clause retells, put in the place of the person the slot
            // names ("a header from captain Jonas Brenner" against "a
            // header from captain Tom Akers, and goalkeeper Jonas Brenner
            // kept them ahead"): compared only between two people's full
            // names, since a place, a body or a word of the sentence
            // matched afar is as often a retelling in another order.
            let moved_person = !matched_elsewhere
                && run.len() >= 2
                && anchors.len() >= 3
                && here.is_some_and(|here| {
                    let (first_p, last_p) = (anchors[0].1, anchors[anchors.len() - 1].1);
                    run.iter().all(|&i| {
                        alignment.matched[i].is_some_and(|p| {
                            sentence_of(p) == here && (p > last_p + 1 || p + NAME_REACH < first_p)
                        })
                    })
                })
                && self.is_person(&written(draft, clause, &run));
            let matched_elsewhere = matched_elsewhere || moved_person;
            if run.iter().any(|&i| {
                (alignment.matched[i].is_some() && !matched_elsewhere)
                    || clause[i].span.len() < 2
                    || self.lexicon.is_negation(&clause[i])
            }) {
                continue;
            }
            let slot = match (before, after) {
                (Some(b), Some(a)) if b < a => b + 1..a,
                (Some(b), None) => b + 1..b + 1 + NAME_REACH,
                (None, Some(a)) => a.saturating_sub(NAME_REACH)..a,
                _ => continue,
            };
            // A name after a function word ("in Richmond", "with CNBC")
            // stands in the slot that word opens: only a name after the
            // same word fills it on the other side ("in Alexandria", not
            // "Judge Cacheris").
            let draft_frame = self.frame(clause, draft, first);
            let found: Vec<String> = passage_runs
                .iter()
                .filter(|r| r.iter().all(|i| slot.contains(i)))
                .filter(|r| self.frame(passage, source_text, r[0]) == draft_frame)
                .filter(|r| {
                    r.iter().all(|&i| {
                        !clause_keys.contains(&passage[i].key)
                            && !clause_keys.contains(&passage[i].stem)
                    })
                })
                .map(|r| written(source_text, passage, r))
                .filter(|name| !moved_person || (name.contains(' ') && self.is_person(name)))
                .collect();
            if !found.is_empty() {
                draft_named.push(written(draft, clause, &run));
                for name in found {
                    if !source_named.contains(&name) {
                        source_named.push(name);
                    }
                }
            }
        }
        if !draft_named.is_empty() {
            slots.push(Slot::Name {
                draft: draft_named,
                source: source_named,
            });
        } else if let Some(slot) = self.new_name_slot(&words, alignment, &loose_anchors, exempt) {
            slots.push(slot);
        }

        // A word of opposite meaning in the same slot, between the same
        // anchors on both sides ("rejected the plan" against "approved
        // the plan", "his right hand" against "his left hand").
        if slots_compared && let Some(slot) = self.opposite_slot(&words, alignment, &all_anchors) {
            slots.push(slot);
        }

        // A negation between two anchors (or right before the first) on
        // one side only.
        let negation_in = |tokens: &[KeyedWord], text: &str, range: std::ops::Range<usize>| {
            range
                .into_iter()
                .find(|&i| self.negates(tokens, text, i))
                .map(|i| tokens[i].span)
        };
        let mut previous: Option<(usize, usize)> = None;
        for &(c, p) in all_anchors.iter().filter(|_| slots_compared) {
            // An anchor far past the one before it in the passage (the
            // clause's first words matched in another sentence of it)
            // starts a stretch afresh, as the first anchor does; what
            // stands before it is then read only for an affirmation
            // against a negation, the firmer sign.
            let jumped = previous.is_some_and(|(pc, pp)| p > pp + (c - pc) + LOCAL);
            let (from_c, from_p) = match previous.filter(|_| !jumped) {
                Some((pc, pp)) => (pc + 1, pp + 1),
                None => {
                    // Before the first anchor, as far on both sides.
                    let reach = NEGATION_REACH.min(c).min(p);
                    (c - reach, p - reach)
                }
            };
            previous = Some((c, p));
            // Only stretches of about the same length are the same slot;
            // but where the draft's two anchors stand side by side, what
            // leads up to the passage's anchor is the slot ("the study
            // proved" against "the study was observational and could not
            // prove").
            let (draft_gap, source_gap) = (c - from_c.min(c), p - from_p.min(p));
            let side_by_side = draft_gap == 0 && !jumped;
            if !side_by_side
                && (source_gap > draft_gap + NEGATION_REACH
                    || draft_gap > source_gap + NEGATION_REACH)
            {
                continue;
            }
            // A negation governs the anchor it stands right before; the
            // words before the anchor on each side must be function words
            // but for it, so that the two stretches say the same but for
            // the negation ("did not approve" against "approved", "must
            // not start" against "which she said must start").
            let draft_window = from_c.min(c).max(c.saturating_sub(NEGATION_REACH))..c;
            let source_window = from_p.min(p).max(p.saturating_sub(NEGATION_REACH))..p;
            let bare =
                |tokens: &[KeyedWord], range: std::ops::Range<usize>, negation_allowed: bool| {
                    tokens[range].iter().all(|t| {
                        let negation = self.lexicon.is_negation(t);
                        (negation && negation_allowed) || (!negation && !carries_content(t))
                    })
                };
            let in_draft = negation_in(clause, draft, draft_window.clone()).filter(|_| {
                !jumped
                    && bare(clause, draft_window.clone(), true)
                    && bare(passage, source_window.clone(), false)
            });
            let in_source = negation_in(passage, source_text, source_window.clone()).filter(|_| {
                !jumped
                    && bare(passage, source_window.clone(), true)
                    && bare(clause, draft_window.clone(), false)
            });
            // The draft insists ("still owns", "did gain") where the
            // passage negates the same stretch in other words ("no longer
            // owns", "never obtained").
            let in_source = in_source.or_else(|| {
                self.affirmed_against_negation(
                    (clause, draft, from_c.min(c)..c),
                    (passage, source_text, from_p.min(p)..p),
                    (names, &passage_names),
                )
            });
            match (in_draft, in_source) {
                (Some(span), None) => {
                    slots.push(Slot::Negation {
                        draft_negates: true,
                        words: draft[span.start..span.end].to_string(),
                    });
                    break;
                }
                (None, Some(span)) => {
                    slots.push(Slot::Negation {
                        draft_negates: false,
                        words: source_text[span.start..span.end].to_string(),
                    });
                    break;
                }
                _ => {}
            }
        }

        // A hedge on an anchor or right before it, stated as done. What
        // someone says they will do is their plan ("say they will
        // release" against "plan to release"): only a hedge that leaves
        // the plan itself undecided ("is considering", "may") is raised.
        let unhedged =
            self.lexicon.tentative(clause).is_empty() && self.lexicon.undecided(clause).is_empty();
        if slots_compared
            && unhedged
            && let Some(&(d_at, d_len)) = self.lexicon.definite(clause).first()
        {
            let hedges = if self.reported_intention(clause, draft, d_at) {
                self.lexicon.undecided(passage)
            } else {
                self.lexicon.tentative(passage)
            };
            let hedge = hedges.iter().find(|&&(at, len)| {
                all_anchors
                    .iter()
                    .any(|&(_, p)| at <= p && p <= at + len + HEDGE_REACH)
            });
            if let Some(&(at, len)) = hedge {
                let hedge = Span::new(passage[at].span.start, passage[at + len - 1].span.end);
                let stated = Span::new(clause[d_at].span.start, clause[d_at + d_len - 1].span.end);
                slots.push(Slot::Certainty {
                    hedge: source_text[hedge.start..hedge.end].to_string(),
                    draft: draft[stated.start..stated.end].to_string(),
                });
            }
        }
        if slots_compared
            && unhedged
            && !slots.iter().any(|s| matches!(s, Slot::Certainty { .. }))
            && let Some(slot) =
                self.dropped_hedge(clause, draft, passage, source_text, &all_anchors)
        {
            slots.push(slot);
        }
        slots
    }

    /// A modal hedge of the passage dropped in the clause: the passage
    /// puts an undecided modal ("might", "could") right before a verb the
    /// clause states plainly, with no modal of its own ("might raise fares"
    /// against "raises fares"). Anchors are (clause, passage) positions;
    /// the clause has no hedge of its own.
    fn dropped_hedge(
        &self,
        clause: &[KeyedWord],
        draft: &str,
        passage: &[KeyedWord],
        source_text: &str,
        anchors: &[(usize, usize)],
    ) -> Option<Slot> {
        let hedges = self.lexicon.undecided(passage);
        anchors.iter().find_map(|&(c, p)| {
            // Right before the anchor, or before words both sides give
            // alike that say nothing of their own ("may have a 47% lower
            // risk" against "have a 47% lower risk").
            let &(at, len) = hedges.iter().find(|&&(at, len)| {
                let gap = p.saturating_sub(at + len);
                at + len <= p
                    && gap <= HEDGE_GAP
                    && c >= gap
                    && (0..gap).all(|k| {
                        let (source, drafted) = (&passage[at + len + k], &clause[c - gap + k]);
                        (!carries_content(source) || source.numeric) && source.key == drafted.key
                    })
            })?;
            let verb = c - p.saturating_sub(at + len);
            // The hedge is a modal ("could", not "considering"), and no
            // modal or auxiliary stands before the clause's verb.
            if !(at..at + len).any(|i| self.is_modal(passage, source_text, i))
                || (verb.saturating_sub(2)..verb).any(|i| self.is_modal(clause, draft, i))
            {
                return None;
            }
            let hedge = Span::new(passage[at].span.start, passage[at + len - 1].span.end);
            let stated = Span::new(clause[verb].span.start, clause[c].span.end);
            Some(Slot::Certainty {
                hedge: source_text[hedge.start..hedge.end].to_string(),
                draft: draft[stated.start..stated.end].to_string(),
            })
        })
    }
}

/// A clause's words as its slots are read: its tokens in the draft's
/// text, which of them are names, and which no source uses.
#[derive(Clone, Copy)]
struct ClauseWords<'c> {
    text: &'c str,
    tokens: &'c [KeyedWord],
    names: &'c [bool],
    unknown: &'c [bool],
}

/// The least share of a clause's content words (names aside) its passage
/// must hold for the clause to be read against it slot by slot.
const CLOSE_RETELLING_SLOTS: f64 = 0.75;

/// How far apart (in passage words) two anchors may stand and still be
/// read as one stretch.
const LOCAL: usize = 6;

/// How many lower-case words of a title ("external affairs minister") may
/// stand between a name and the function word that opens its slot.
const TITLE_WORDS: usize = 3;

/// How far (in words) a shared word may stand from a name no source
/// gives, and from the passage's name in its place, for the two to be
/// read as one slot: "interview with the" is three.
const FRAME_REACH: usize = 3;

/// How far after its last anchor (or before its first) a name slot
/// reaches, in words.
const NAME_REACH: usize = 8;

/// How many words before a word stating a thing as done a reporting verb
/// makes it a reported intention ("say they will").
const INTENTION_REACH: usize = 3;

/// How many words back a continuing negation ("nor") looks for the
/// negation it carries on.
const CONTINUED_NEGATION_REACH: usize = 30;

/// How many content words a stretch may hold and still be one verb retold
/// ("holds" for "no longer owns"), for an affirmation against a negation.
const MAX_RETOLD_WORDS: usize = 2;

/// How many words alike on both sides (function words, figures) may stand
/// between a dropped modal hedge and the anchor it governs.
const HEDGE_GAP: usize = 3;

/// How many words before an anchor a negation governs it.
const NEGATION_REACH: usize = 3;

/// How many words after a hedge it governs an anchor ("proposal for
/// posting a liaison officer").
const HEDGE_REACH: usize = 4;

/// The clauses of a token list, as inclusive ranges of token positions: a
/// new clause starts after `;`, a dash, or a comma before a word that
/// starts one (`clause_starts` in `rules/en/word-classes.toml`). A clause
/// of fewer than two content words joins the one before it.
fn clauses(
    text: &str,
    tokens: &[KeyedWord],
    lexicon: &Lexicon,
) -> Vec<std::ops::RangeInclusive<usize>> {
    if tokens.is_empty() {
        return Vec::new();
    }
    let mut starts = vec![0];
    for i in 1..tokens.len() {
        let gap = &text[tokens[i - 1].span.end..tokens[i].span.start];
        let word = text[tokens[i].span.start..tokens[i].span.end].to_lowercase();
        let breaks = gap.contains([';', '—', '–'])
            || (gap.contains(',') && lexicon.is_lower(&word, WordClass::ClauseStart));
        if breaks {
            starts.push(i);
        }
    }
    let mut ranges: Vec<std::ops::RangeInclusive<usize>> = Vec::new();
    for (n, &start) in starts.iter().enumerate() {
        let end = starts.get(n + 1).map_or(tokens.len(), |&s| s) - 1;
        let content = tokens[start..=end]
            .iter()
            .filter(|t| carries_content(t))
            .count();
        match ranges.last_mut() {
            Some(last) if content < 2 => *last = *last.start()..=end,
            _ => ranges.push(start..=end),
        }
    }
    // A first clause too short to stand joins the next.
    if ranges.len() > 1 {
        let first = &ranges[0];
        if tokens[first.clone()]
            .iter()
            .filter(|t| carries_content(t))
            .count()
            < 2
        {
            let end = *ranges[1].end();
            ranges[1] = 0..=end;
            ranges.remove(0);
        }
    }
    ranges
}

/// The keys and stems of a clause's words and of `exempt` (its
/// speaker's): a passage name among them is one the clause gives too.
fn keys_of(clause: &[KeyedWord], exempt: &[u64]) -> rustc_hash::FxHashSet<u64> {
    clause
        .iter()
        .flat_map(|t| [t.key, t.stem])
        .chain(exempt.iter().copied())
        .collect()
}

/// Runs of consecutive name tokens; up to two short lower-case particles
/// ("von der", "de") may stand inside a run.
fn runs(tokens: &[KeyedWord], names: &[bool]) -> Vec<Vec<usize>> {
    runs_parted(None, tokens, names)
}

/// [`runs`], parted where punctuation other than a full stop stands
/// between two names of `text`: "the Coast Courier, Duarte" is two names
/// ("James C. Cacheris" one). A slot read between anchors takes a name
/// with its apposition ("Richmond, Va."), so only a name read on its own
/// is parted from its neighbour.
fn runs_parted(text: Option<&str>, tokens: &[KeyedWord], names: &[bool]) -> Vec<Vec<usize>> {
    let mut runs: Vec<Vec<usize>> = Vec::new();
    let mut current: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let parted = |i: usize| {
            i > 0
                && text
                    .and_then(|text| text.get(tokens[i - 1].span.end..tokens[i].span.start))
                    .is_some_and(|gap| gap.chars().any(|c| !c.is_whitespace() && c != '.'))
        };
        if names[i] && parted(i) && !current.is_empty() {
            runs.push(std::mem::take(&mut current));
        }
        if names[i] {
            current.push(i);
            i += 1;
            continue;
        }
        // A particle bridges two name words.
        let bridge = (1..=2).find(|&n| {
            !current.is_empty()
                && i + n < tokens.len()
                && names[i + n]
                && (i..i + n).all(|j| {
                    !tokens[j].capitalized && !tokens[j].function && tokens[j].span.len() <= 3
                })
        });
        match bridge {
            Some(n) => {
                current.extend(i..i + n);
                i += n;
            }
            None => {
                if !current.is_empty() {
                    runs.push(std::mem::take(&mut current));
                }
                i += 1;
            }
        }
    }
    if !current.is_empty() {
        runs.push(current);
    }
    runs
}

/// For a run of the clause's name words, the passage's name run (of
/// `passage_runs`) that some of them are matched in (`matched_here`: where
/// a word is matched in the slot's sentence), and the run's words that
/// sentence does not hold; `None` when no word is matched in such a run or
/// the sentence holds every word.
fn partly_shared<'r>(
    run: &[usize],
    passage_runs: &'r [Vec<usize>],
    matched_here: impl Fn(usize) -> Option<usize>,
) -> Option<(&'r Vec<usize>, Vec<usize>)> {
    let source_run = run.iter().find_map(|&i| {
        matched_here(i).and_then(|p| passage_runs.iter().find(|r| r.contains(&p)))
    })?;
    let own: Vec<usize> = run
        .iter()
        .copied()
        .filter(|&i| matched_here(i).is_none())
        .collect();
    (!own.is_empty()).then_some((source_run, own))
}

/// The text of a run of tokens, as written.
fn written(text: &str, tokens: &[KeyedWord], run: &[usize]) -> String {
    match (run.first(), run.last()) {
        (Some(&a), Some(&b)) => text[tokens[a].span.start..tokens[b].span.end].to_string(),
        _ => String::new(),
    }
}
