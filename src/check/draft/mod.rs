//! Checking one draft: its claims one by one against the index of its
//! sources.
//!
//! [`check_draft`] extracts the draft's claims and runs, for each, the
//! checks of the files beside this one; each check returns what it found
//! ([`Checked`], or a finding), and [`DraftChecker::configured`] applies
//! the configured severities in one place as the findings are gathered.
//! A claim's verdict follows from its findings.
//!
//! * [`quotation`] finds `misquote`, `fabricated-quote` and
//!   `misattributed-quote`;
//! * [`figure`] finds `figure-mismatch` and `unsourced-figure`;
//! * [`conflict`] finds `conflicting-sources`;
//! * [`statement`] finds `contradicted-claim`, `unsupported-claim`,
//!   `unsupported-attribution` and `misattributed-statement`;
//! * [`citation`] finds `broken-citation`, `unverifiable-citation` and
//!   `citation-mismatch`.
//!
//! What a finding says (its message and fix) is written by its kind, in
//! [`super::kinds`].

mod apposition;
mod citation;
mod conflict;
mod figure;
mod quotation;
mod statement;

use super::index::{self, SourceIndex};
use super::kinds::Violation;
use super::kinds::unsourced_figure::UnsourcedFigure;
use super::normalize::Strictness;
use super::trace::{ClauseTrace, Place, Tracer};
use super::{
    ClaimAudit, Confidence, DocumentAudit, DraftCitations, Evidence, Finding, InputWarning, Kind,
    Options, Severity, UnsupportedWord, Verdict, excerpt, figures, normalize,
};
use crate::citations::Cited;
use crate::claims::{self, Claim};
use crate::document::Document;
use crate::rules::RuleSet;
use crate::span::Span;
use crate::suppress::Suppressions;

/// Checks one draft against `index`, the index of its sources (whose
/// display paths are `source_paths`).
pub fn check_draft(
    draft: &Document,
    tracer: Tracer<'_, '_>,
    source_paths: &[String],
    cited: DraftCitations<'_>,
    rules: &RuleSet,
    options: &Options,
) -> DocumentAudit {
    let strictness = options.strictness();
    let extracted = claims::read(draft, rules);
    let claims = extracted.claims;
    let warnings = extracted
        .warnings
        .into_iter()
        .map(|w| InputWarning {
            span: Some(draft.locate(w.span)),
            message: w.message,
            range: Some(w.span),
        })
        .collect();
    let checker = DraftChecker {
        draft,
        index: tracer.index,
        tracer,
        strictness,
        severity: &options.severity,
        voices: std::sync::OnceLock::new(),
    };
    // Findings about the footnotes come first, then each claim's.
    let mut findings: Vec<Finding> = Vec::new();
    // Which sources each claim cites: a marker belongs to the last claim
    // starting before it ("… Singh said.[^1]").
    let mut cited_by_claim: Vec<Vec<(Span, &str)>> = vec![Vec::new(); claims.len()];
    for citation in cited.citations {
        if let Cited::Source(source) = citation.cited {
            let claim = claims.partition_point(|c| c.span.start <= citation.span.start);
            if let Some(claim) = claim.checked_sub(1) {
                cited_by_claim[claim].push((citation.span, cited.paths[source].as_str()));
            }
        } else {
            let finding = checker.check_unusable_citation(citation);
            findings.extend(finding.and_then(|f| checker.configured(f)));
        }
    }
    // Each claim is judged on its own against the read-only index, so
    // claims are judged in parallel.
    let judge = |at: usize| {
        let claim = &claims[at];
        let cites = &cited_by_claim[at];
        let not_a_claim = is_not_a_claim(draft, claim);
        let ClaimCheck {
            mut evidence,
            unsupported,
            findings: mut found,
        } = if not_a_claim {
            ClaimCheck::default()
        } else {
            let previous = at.checked_sub(1).map(|before| &claims[before]);
            checker.check_claim(claim, previous)
        };
        if !cites.is_empty() {
            match checker.check_citation(claim, cites, &evidence) {
                Checked::Held(held) => evidence.push(held),
                Checked::Found(finding) => found.extend(checker.configured(finding)),
                Checked::Nothing => {}
            }
        }
        // The gravest finding decides: a contradiction over a gap. A lead
        // (a finding of low confidence) shows at most a gap: what it
        // points at is not shown to be wrong, only not shown to be so.
        let verdict = found
            .iter()
            .filter_map(|f| match (f.confidence, f.rule.verdict()) {
                (Confidence::Low, Some(_)) => Some(Verdict::Unsupported),
                (_, verdict) => verdict,
            })
            .min_by_key(|v| match v {
                Verdict::Contradicted => 0,
                _ => 1,
            })
            .unwrap_or(if not_a_claim {
                Verdict::NotAClaim
            } else {
                Verdict::Supported
            });
        let audit = ClaimAudit {
            id: claim.id().to_string(),
            text: claim.text.to_string(),
            span: draft.locate(claim.span),
            speaker: claim.speaker.as_ref().map(|s| s.name.to_string()),
            verdict,
            evidence,
            unsupported: unsupported
                .into_iter()
                .map(|span| UnsupportedWord {
                    text: draft.slice(span).to_string(),
                    span: draft.locate(span),
                })
                .collect(),
        };
        (audit, found)
    };
    // The bytes of the draft each claim's check moves progress by (see
    // `Options::progress`): from the furthest end of the claims before it
    // to its own, so that the shares add up to the draft whatever order
    // the claims are judged in.
    let mut reported = 0;
    let shares: Vec<(usize, usize)> = claims
        .iter()
        .enumerate()
        .map(|(at, claim)| {
            let share = claim.span.end.saturating_sub(reported);
            reported = reported.max(claim.span.end);
            (at, share)
        })
        .collect();
    // Block by block, so that what is gathered is copied a block at a time
    // (judging a 3.9 MB draft at once peaked at 152 MB, block by block at
    // 123 MB).
    let mut audits: Vec<ClaimAudit> = Vec::with_capacity(claims.len());
    for block in shares.chunks(CLAIMS_PER_BLOCK) {
        let (block_audits, found): (Vec<ClaimAudit>, Vec<Vec<Finding>>) =
            crate::parallel::map_unzip_in_order(block, |&(at, share)| {
                let judged = judge(at);
                options.progress(share);
                judged
            });
        audits.extend(block_audits);
        findings.extend(found.into_iter().flatten());
    }
    options.progress(draft.text.len().saturating_sub(reported));
    // Inline directives silence findings where the draft asks.
    let suppressions = Suppressions::of(draft);
    findings.retain(|f| !suppressions.silences(f.rule.name(), f.range, f.span.line));
    findings.sort_by_key(|f| (f.range.start, f.range.end, f.rule));
    // One mistake, one finding: a footnote cited twice is broken once.
    findings.dedup_by(|a, b| a.rule == b.rule && a.range == b.range && a.message == b.message);
    DocumentAudit {
        path: draft.display_path(),
        sources: source_paths.to_vec(),
        claims: audits,
        findings,
        warnings,
    }
}

/// How many claims of a draft are judged (in parallel) before their
/// results are gathered: enough to keep every thread busy.
const CLAIMS_PER_BLOCK: usize = 4096;

/// How far back (in bytes) the checker looks for what precedes a claim.
const LOOK_BACK: usize = 512;

/// The largest char boundary of `text` at or before `at`.
fn floor_char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Whether a claim states nothing to trace: a heading (a Markdown `#`
/// line, or a first line of plain text without a full stop, followed by
/// more), a question, or a byline ("By Jane Doe").
fn is_not_a_claim(draft: &Document, claim: &Claim<'_>) -> bool {
    let text = claim.text.trim_end();
    // What stands before the claim on its line (a heading's `#`): looked
    // for a short way back only, so a long line costs no more per claim.
    let from = floor_char_boundary(&draft.text, claim.span.start.saturating_sub(LOOK_BACK));
    let before = &draft.text[from..claim.span.start];
    let line = before.rfind('\n').map_or(before, |i| &before[i + 1..]);
    let heading = (line.trim_start().starts_with('#') && (from == 0 || before.contains('\n')))
        || (claim.sentence == 0
            && !text.contains('\n')
            && !text.ends_with(['.', '!', '?', '…', '"', '”', '’', '\'', ')', ':'])
            && !draft.text[claim.span.end..].trim().is_empty()
            && draft.text[claim.span.end..]
                .trim_start_matches([' ', '\t', '\r'])
                .starts_with('\n'));
    let question = text.ends_with('?') && claim.quotes.is_empty();
    let words: Vec<&str> = text.split_whitespace().collect();
    let byline = words.len() <= 6
        && ["by", "reporting by", "written by", "edited by"]
            .iter()
            .any(|opener| {
                text.to_lowercase().starts_with(&format!("{opener} "))
                    && words
                        .iter()
                        .skip(opener.split(' ').count())
                        .all(|w| w.chars().next().is_some_and(char::is_uppercase))
            });
    heading || question || byline
}

/// Checks the claims of one draft against its sources. Each check returns
/// what it found; [`DraftChecker::configured`] then gives a finding the
/// severity the configuration sets for its kind, or drops it.
struct DraftChecker<'a, 'd> {
    draft: &'a Document,
    index: &'a SourceIndex<'d>,
    tracer: Tracer<'a, 'd>,
    strictness: Strictness,
    severity: &'a rustc_hash::FxHashMap<Kind, Option<Severity>>,
    /// The sources' speakers, each once (made when first asked for).
    voices: std::sync::OnceLock<Vec<&'a index::Voice>>,
}

/// What checking one quotation, figure, statement or citation gives.
enum Checked {
    /// A source holds it: where.
    Held(Evidence),
    /// Something is wrong with it.
    Found(Finding),
    /// Nothing to report and no evidence to give (nothing to look up, or
    /// a difference too weak to call).
    Nothing,
}

/// What checking one claim gives.
#[derive(Default)]
struct ClaimCheck {
    /// The source passages that hold it.
    evidence: Vec<Evidence>,
    /// Its content words no source uses.
    unsupported: Vec<Span>,
    /// What is wrong with it, at the configured severities, in the order
    /// found.
    findings: Vec<Finding>,
}

impl DraftChecker<'_, '_> {
    /// Checks one claim: its quotations, its figures, whether the sources
    /// disagree on them, and what it states.
    /// `previous` is the draft's claim before it, for a speaker it points
    /// back to ("He also said …").
    fn check_claim(&self, claim: &Claim<'_>, previous: Option<&Claim<'_>>) -> ClaimCheck {
        let mut evidence = Vec::new();
        // This claim's findings so far: later checks defer to them.
        let mut found: Vec<Finding> = Vec::new();
        for quote in &claim.quotes {
            self.take(self.check_quote(claim, quote), &mut evidence, &mut found);
        }
        let words = normalize::words(claim.text, claim.span.start, self.strictness);
        let retold = figures::retold(self.index, &words);
        let tokens = std::cell::OnceCell::new();
        let mut checked: Vec<Checked> = claim
            .figures
            .iter()
            .map(|figure| self.check_figure(figure, claim, &tokens, &retold))
            .collect();
        self.merge_unsourced_ranges(&claim.figures, &mut checked);
        for result in checked {
            self.take(result, &mut evidence, &mut found);
        }
        // A quotation or a figure found wrong is the claim's finding; that
        // the sources disagree would only add to it. A lead (a finding of
        // low confidence) is no such finding.
        if found.iter().all(|f| f.confidence == Confidence::Low) {
            let conflict = self
                .check_conflicts(claim, &retold)
                .or_else(|| self.check_named_conflicts(claim, &words, &retold));
            found.extend(conflict.and_then(|f| self.configured(f)));
        }
        // Quotations (with their marks) and figures are checked above; the
        // speaker's name and the attributing words are not content.
        let skip: Vec<Span> = claim
            .quotes
            .iter()
            .map(|q| Span::new(q.span.start.saturating_sub(3), q.span.end + 3))
            .chain(claim.figures.iter().map(|f| f.span))
            .collect();
        let reported_speech =
            claim.cue.is_some() && claim.speaker.is_some() && claim.quotes.is_empty();
        // Reported speech: what is reported is traced on its own; the rest
        // of the sentence (who said it, a description of them) is the
        // draft's own voice.
        let content = claim.content.filter(|_| reported_speech);
        // Who speaks in the claim: its speaker and whoever reports them.
        let voices = || {
            claim
                .speaker
                .as_deref()
                .into_iter()
                .chain(claim.reported_by.as_deref())
        };
        let stems = |texts: &mut dyn Iterator<Item = &str>| -> Vec<u64> {
            texts
                .flat_map(|text| self.tracer.lexicon.tokens(text, 0))
                .map(|t| t.stem)
                .collect()
        };
        let role_stems = stems(&mut voices().filter_map(|s| s.role.as_deref()));
        let exempt = stems(
            &mut voices()
                .flat_map(|s| {
                    [
                        Some(s.name.as_str()),
                        Some(s.mention.as_str()),
                        s.role.as_deref(),
                    ]
                })
                .flatten()
                .chain(claim.cue.as_deref()),
        );
        // What the speaker is reported to say may name what their title
        // does ("the party" of a party chairman): there only their name
        // is theirs.
        let named: Vec<u64> =
            stems(&mut voices().flat_map(|s| [s.name.as_str(), s.mention.as_str()]))
                .into_iter()
                .filter(|stem| !role_stems.contains(stem))
                .collect();
        let reported: Vec<ClauseTrace> = match content {
            Some(content) => self.tracer.trace(&self.draft.text, content, &skip, &named),
            None => Vec::new(),
        };
        let mut own_skip = skip.clone();
        own_skip.extend(content);
        let own = self
            .tracer
            .trace(&self.draft.text, claim.span, &own_skip, &exempt);
        let mut unsupported: Vec<Span> = own
            .iter()
            .chain(&reported)
            .flat_map(|t| t.unsupported.clone())
            .collect();
        unsupported.sort_by_key(|s| s.start);
        // A description of a person the sources never give, in the
        // draft's own words: the clause around it is not flagged again.
        let quoted: Vec<Span> = skip.iter().copied().chain(content).collect();
        for finding in self.check_descriptions(claim, &quoted, &unsupported) {
            found.extend(self.configured(finding));
        }
        // Findings already made on this claim (a quotation, a figure, a
        // description).
        let earlier: Vec<Span> = found.iter().map(|f| f.range).collect();
        let mut flagged = false;
        if let Some(speaker) = claim.speaker.as_ref().filter(|_| reported_speech) {
            let traces = if content.is_some() { &reported } else { &own };
            let checked = self.check_reported_speech(claim, previous, speaker, traces);
            flagged |= matches!(checked, Checked::Found(_));
            self.take(checked, &mut evidence, &mut found);
        }
        let own_voice = content.is_some() || !reported_speech;
        for (clause, is_own) in own
            .iter()
            .map(|c| (c, own_voice))
            .chain(reported.iter().map(|c| (c, false)))
        {
            if let Some(finding) = self.check_clause(clause, is_own, &earlier) {
                found.extend(self.configured(finding));
                flagged = true;
            }
        }
        if !flagged {
            // Clauses read against the same sentence give it once, its
            // excerpt around the words of all of them.
            let mut places: Vec<Place> = Vec::new();
            for place in own.iter().chain(&reported).filter_map(|c| c.best_sentence) {
                match places.last_mut() {
                    Some(last) if last.unit == place.unit && last.span == place.span => {
                        last.focus = Span::new(
                            last.focus.start.min(place.focus.start),
                            last.focus.end.max(place.focus.end),
                        );
                    }
                    _ => places.push(place),
                }
            }
            for place in places {
                evidence.push(self.evidence_at(place, None));
            }
        }
        // The same place twice is given once (its text may be two excerpts
        // of it).
        evidence.dedup_by(|a, b| {
            a.source == b.source && a.span == b.span && a.derivation == b.derivation
        });
        ClaimCheck {
            evidence,
            unsupported,
            findings: found,
        }
    }

    /// Adds what a check gave to a claim's evidence or findings.
    /// Two figures of one range ("from 2005 to 2009", "between 40 and
    /// 50") that no source gives are one error: one `unsourced-figure`
    /// over the range, not one for each end.
    fn merge_unsourced_ranges(&self, figures: &[claims::Figure], checked: &mut [Checked]) {
        let unsourced =
            |c: &Checked| matches!(c, Checked::Found(f) if f.rule == Kind::UnsourcedFigure);
        for at in 1..figures.len().min(checked.len()) {
            let (first, second) = (&figures[at - 1], &figures[at]);
            let between = self
                .draft
                .text
                .get(first.span.end..second.span.start)
                .unwrap_or_default()
                .trim();
            let joins = matches!(between, "to" | "-" | "–" | "and" | "through" | "until");
            if !(joins
                && first.kind == second.kind
                && unsourced(&checked[at - 1])
                && unsourced(&checked[at]))
            {
                continue;
            }
            let span = Span::new(first.span.start, second.span.end);
            let violation = UnsourcedFigure {
                figure: self.draft.slice(span),
            };
            checked[at - 1] = Checked::Found(self.finding(&violation, span));
            checked[at] = Checked::Nothing;
        }
    }

    fn take(&self, checked: Checked, evidence: &mut Vec<Evidence>, findings: &mut Vec<Finding>) {
        match checked {
            Checked::Held(held) => evidence.push(held),
            Checked::Found(finding) => findings.extend(self.configured(finding)),
            Checked::Nothing => {}
        }
    }

    /// The words of the draft at `spans`.
    fn words(&self, spans: &[Span]) -> Vec<&str> {
        spans.iter().map(|span| self.draft.slice(*span)).collect()
    }

    /// The display path of the source holding `unit`.
    fn source_path(&self, unit: usize) -> String {
        self.index.sources[self.index.units[unit].source()]
            .document
            .display_path()
    }

    /// Evidence at `span` of the source holding `unit`.
    fn evidence(&self, unit: usize, span: Span, derivation: Option<String>) -> Evidence {
        self.evidence_at(Place::whole(unit, span), derivation)
    }

    /// Evidence at `place`: its whole span, and as text an excerpt of it
    /// around its focus (see [`excerpt`]).
    fn evidence_at(&self, place: Place, derivation: Option<String>) -> Evidence {
        let unit = &self.index.units[place.unit];
        let (source, claim) = (&self.index.sources[unit.source()], unit.claim());
        Evidence {
            source: source.document.display_path(),
            claim: source.claims.claims[claim].id().to_string(),
            span: source.document.locate(place.span),
            text: excerpt::around(&source.document.text, place.span, place.focus),
            derivation,
        }
    }

    /// The whole text of a place in a source.
    fn source_text(&self, place: Place) -> &str {
        let source = self.index.units[place.unit].source();
        self.index.sources[source].document.slice(place.span)
    }

    /// The finding `violation` states about the words at `range`.
    /// Whether a mention is a personal pronoun ("he", "they").
    fn is_pronoun(&self, mention: &str) -> bool {
        self.tracer.rules.attribution().pronoun(mention).is_some()
    }

    /// Whether claim `at` of `claims` (a source's) names its speaker, or
    /// points back with a pronoun ("he said") to the speaker of the
    /// sentence right before it. A pronoun that reaches further back is
    /// a reading of context, not a name.
    fn names_firmly(&self, claims: &[Claim<'_>], at: usize) -> bool {
        let Some(speaker) = &claims[at].speaker else {
            return false;
        };
        !self.is_pronoun(&speaker.mention)
            || at
                .checked_sub(1)
                .and_then(|before| claims[before].speaker.as_ref())
                .is_some_and(|before| before.name == speaker.name)
    }

    fn finding<V: Violation>(&self, violation: &V, range: Span) -> Finding {
        Finding::new(violation, self.draft, range)
    }

    /// `finding` at the severity the configuration gives its kind; none
    /// when the configuration turns the kind off.
    fn configured(&self, finding: Finding) -> Option<Finding> {
        let severity = match self.severity.get(&finding.rule) {
            Some(None) => return None, // turned off
            Some(Some(severity)) => *severity,
            None => finding.severity,
        };
        // A lead, not a verdict: whatever the kind's severity.
        let severity = match finding.confidence {
            Confidence::High => severity,
            Confidence::Low => Severity::Info,
        };
        Some(Finding {
            severity,
            ..finding
        })
    }
}
