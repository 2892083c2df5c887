//! The checker: a draft's claims verified against its sources.
//!
//! The sources are read with the same rule engine as the draft and indexed
//! once ([`index`]). Then every claim of every draft is checked:
//!
//! * each **quotation** is looked up ([`quotes`]): verbatim in a source
//!   quotation of the same speaker is supported; verbatim but given to
//!   another speaker, or taken from the source's own narration and put in
//!   someone's mouth, is a `misquote`-free `misattributed-quote`; a near copy
//!   is a `misquote` with its word diff; nothing alike is a
//!   `fabricated-quote`;
//! * each **figure** is looked up ([`figures`]) in the source sentence the
//!   draft sentence retells, then anywhere: the same figure or one derived
//!   by simple arithmetic is supported, a differing one of the same kind is
//!   a `figure-mismatch`, none is an `unsourced-figure`;
//! * **reported speech** ("X said …" without quotation marks) needs a
//!   source sentence that says much the same, whoever it is attributed to;
//!   otherwise it is an `unsupported-attribution`.
//!
//! The result is an [`Audit`]: for each draft, every claim with its verdict
//! and evidence, and every finding with its evidence and fix.

pub mod figures;
pub mod index;
pub mod kinds;
pub mod normalize;
pub mod quotes;
pub mod speakers;

use serde::Serialize;

use crate::citations::{Citation, Cited};
use crate::claims::{self, Claim};
use crate::document::Document;
use crate::rules::RuleSet;
use crate::segment;
use crate::span::{Location, Span};
use crate::suppress::Suppressions;

use figures::FigureMatch;
use index::{Source, SourceIndex, Unit};
pub use kinds::{Kind, Severity};
use normalize::Strictness;
use quotes::QuoteMatch;

/// How a check runs.
#[derive(Clone, Default)]
pub struct Options {
    /// Compare quotations strictly: spelling variants and hyphenation count
    /// as changes.
    pub strict_quotes: bool,
    /// Severities that replace a rule's default; `None` turns it off.
    pub severity: rustc_hash::FxHashMap<Kind, Option<Severity>>,
    /// Called once a draft is checked (from any thread): for progress.
    pub on_checked: Option<std::sync::Arc<dyn Fn() + Send + Sync>>,
}

impl Options {
    /// How quotations are compared under these options.
    pub fn strictness(&self) -> Strictness {
        if self.strict_quotes {
            Strictness::Strict
        } else {
            Strictness::Lenient
        }
    }
}

impl std::fmt::Debug for Options {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Options")
            .field("strict_quotes", &self.strict_quotes)
            .field("severity", &self.severity)
            .finish_non_exhaustive()
    }
}

/// The version of the JSON audit format.
pub const AUDIT_VERSION: u32 = 1;

/// The result of checking drafts against sources.
#[derive(Clone, Debug, Serialize)]
pub struct Audit {
    pub version: u32,
    pub documents: Vec<DocumentAudit>,
    pub summary: Summary,
    /// Files met in folders and not read (binary, too large, …); listed
    /// only when there are some.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<Problem>,
    /// Drafts and sources that could not be read or checked; listed only
    /// when there are some.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<Problem>,
}

/// A file a run could not read or check, and why.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Problem {
    /// The file, if the problem is about one.
    pub path: Option<String>,
    /// One line, naming the file.
    pub message: String,
}

/// Totals over all drafts.
#[derive(Clone, Debug, Default, Serialize, PartialEq, Eq)]
pub struct Summary {
    pub documents: usize,
    pub claims: usize,
    pub supported: usize,
    pub errors: usize,
    pub warnings: usize,
    /// Files skipped in folders; shown only when there are some.
    #[serde(skip_serializing_if = "is_zero")]
    pub skipped: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// One draft's audit.
#[derive(Clone, Debug, Serialize)]
pub struct DocumentAudit {
    pub path: String,
    pub sources: Vec<String>,
    pub claims: Vec<ClaimAudit>,
    pub findings: Vec<Finding>,
    /// Suspicious input that did not stop the check (a quotation mark
    /// never closed); listed only when there is some.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<InputWarning>,
}

/// Something suspicious in a draft or its sources, where the draft shows
/// it when it does.
#[derive(Clone, Debug, Serialize)]
pub struct InputWarning {
    pub message: String,
    pub span: Option<Location>,
    /// The byte span in the draft, for renderers.
    #[serde(skip)]
    pub range: Option<Span>,
}

/// What was decided about one claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// Every quotation, figure and attribution in it has evidence.
    Supported,
    /// Something in it is a finding.
    Finding,
    /// Nothing in it needed checking (the article's own voice, no figure,
    /// no quotation).
    Unchecked,
}

/// One claim of a draft, as audited.
#[derive(Clone, Debug, Serialize)]
pub struct ClaimAudit {
    pub id: String,
    pub text: String,
    pub span: Location,
    pub speaker: Option<String>,
    pub verdict: Verdict,
    pub evidence: Vec<Evidence>,
}

/// A place in a source that a judgement rests on.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Evidence {
    pub source: String,
    /// The id of the source claim (`c7`).
    pub claim: String,
    pub span: Location,
    pub text: String,
    /// How a derived figure follows from the source, when it does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub derivation: Option<String>,
}

/// Something the sources do not support.
#[derive(Clone, Debug, Serialize)]
pub struct Finding {
    pub rule: Kind,
    pub severity: Severity,
    pub message: String,
    pub span: Location,
    pub evidence: Option<Evidence>,
    pub fix: Option<String>,
    /// The byte span in the draft, for renderers.
    #[serde(skip)]
    pub range: Span,
}

/// Reads `sources` and checks every draft against all of them. (A run
/// with a source set per draft goes through [`crate::run`].)
pub fn check(
    drafts: &[Document],
    sources: &[Document],
    rules: &RuleSet,
    options: &Options,
) -> Audit {
    let strictness = options.strictness();
    let read: Vec<Source<'_>> = sources.iter().map(|d| read_source(d, rules)).collect();
    let index = SourceIndex::new(read, strictness);
    let paths: Vec<String> = sources.iter().map(Document::display_path).collect();
    let documents = drafts
        .iter()
        .map(|draft| {
            let cited = DraftCitations {
                citations: &[],
                paths: &paths,
            };
            check_draft(draft, &index, &paths, cited, rules, options)
        })
        .collect();
    Audit::of(documents)
}

/// A source read with the rule engine, ready to be indexed.
pub fn read_source<'d>(document: &'d Document, rules: &RuleSet) -> Source<'d> {
    let sentences = segment::sentences(document, &rules.segment);
    let claims = claims::extract(document, &sentences, rules);
    Source { document, claims }
}

impl Audit {
    /// The audit of `documents`, with their totals.
    pub fn of(documents: Vec<DocumentAudit>) -> Audit {
        let mut summary = Summary {
            documents: documents.len(),
            ..Summary::default()
        };
        for document in &documents {
            summary.claims += document.claims.len();
            summary.supported += document
                .claims
                .iter()
                .filter(|c| c.verdict == Verdict::Supported)
                .count();
            summary.errors += document
                .findings
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .count();
            summary.warnings += document
                .findings
                .iter()
                .filter(|f| f.severity == Severity::Warning)
                .count();
        }
        Audit {
            version: AUDIT_VERSION,
            documents,
            summary,
            skipped: Vec::new(),
            errors: Vec::new(),
        }
    }
}

/// A draft's citations, and the display path of every source by index.
pub struct DraftCitations<'a> {
    pub citations: &'a [Citation],
    pub paths: &'a [String],
}

/// Checks one draft against `index`, the index of its sources (whose
/// display paths are `source_paths`).
pub fn check_draft(
    draft: &Document,
    index: &SourceIndex<'_>,
    source_paths: &[String],
    cited: DraftCitations<'_>,
    rules: &RuleSet,
    options: &Options,
) -> DocumentAudit {
    let strictness = options.strictness();
    let sentences = segment::sentences(draft, &rules.segment);
    let extracted = claims::extract(draft, &sentences, rules);
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
    let mut checker = DraftChecker {
        draft,
        index,
        strictness,
        severity: &options.severity,
        findings: Vec::new(),
    };
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
            checker.check_unusable_citation(citation);
        }
    }
    let mut audits = Vec::with_capacity(claims.len());
    for (claim, cites) in claims.iter().zip(&cited_by_claim) {
        let before = checker.findings.len();
        let mut evidence = checker.check_claim(claim);
        if !cites.is_empty() {
            checker.check_citation(claim, cites, &mut evidence);
        }
        let verdict = if checker.findings.len() > before {
            Verdict::Finding
        } else if evidence.is_empty() {
            Verdict::Unchecked
        } else {
            Verdict::Supported
        };
        audits.push(ClaimAudit {
            id: claim.id.clone(),
            text: claim.text.to_string(),
            span: draft.locate(claim.span),
            speaker: claim.speaker.as_ref().map(|s| s.name.clone()),
            verdict,
            evidence,
        });
    }
    // Inline directives silence findings where the draft asks.
    let suppressions = Suppressions::of(draft);
    let mut findings: Vec<Finding> = checker
        .findings
        .into_iter()
        .filter(|f| !suppressions.silences(f.rule.name(), f.range, f.span.line))
        .collect();
    findings.sort_by_key(|f| (f.range.start, f.range.end, f.rule));
    DocumentAudit {
        path: draft.display_path(),
        sources: source_paths.to_vec(),
        claims: audits,
        findings,
        warnings,
    }
}

/// Checks the claims of one draft, gathering findings.
struct DraftChecker<'a, 'd> {
    draft: &'a Document,
    index: &'a SourceIndex<'d>,
    strictness: Strictness,
    severity: &'a rustc_hash::FxHashMap<Kind, Option<Severity>>,
    findings: Vec<Finding>,
}

impl DraftChecker<'_, '_> {
    /// Checks one claim; returns the evidence that supports it.
    fn check_claim(&mut self, claim: &Claim<'_>) -> Vec<Evidence> {
        let mut evidence = Vec::new();
        for quote in &claim.quotes {
            evidence.extend(self.check_quote(claim, quote));
        }
        let words = normalize::words(claim.text, claim.span.start, self.strictness);
        let retold = figures::retold(self.index, &words);
        for figure in &claim.figures {
            evidence.extend(self.check_figure(figure, &retold));
        }
        let reported_speech =
            claim.cue.is_some() && claim.speaker.is_some() && claim.quotes.is_empty();
        if let Some(speaker) = claim.speaker.as_ref().filter(|_| reported_speech) {
            // What is reported, without who reports it: the speaker's name
            // and role would match any sentence about them.
            let naming: Vec<String> = [
                Some(speaker.name.as_str()),
                Some(speaker.mention.as_str()),
                speaker.role.as_deref(),
            ]
            .into_iter()
            .flatten()
            .flat_map(|text| normalize::words(text, 0, self.strictness))
            .map(|w| w.text)
            .collect();
            let content: Vec<normalize::Word> = words
                .iter()
                .filter(|w| !naming.contains(&w.text))
                .cloned()
                .collect();
            match figures::retold(self.index, &content).first() {
                Some(&unit) => {
                    evidence.push(self.evidence(unit, self.index.units[unit].span, None))
                }
                None => {
                    self.report(
                        Kind::UnsupportedAttribution,
                        claim.span,
                        format!(
                            "no source supports what {} is reported to have said here",
                            speaker.name
                        ),
                        None,
                        None,
                    );
                }
            }
        }
        evidence.dedup();
        evidence
    }

    fn check_quote(&mut self, claim: &Claim<'_>, quote: &claims::Quote) -> Option<Evidence> {
        let found = quotes::find(self.index, &self.draft.text, quote.span, self.strictness)?;
        match found {
            QuoteMatch::Verbatim { unit, span } => {
                let source = &self.index.units[unit];
                let evidence = self.evidence(unit, span, None);
                let Some(draft_speaker) = quote.speaker.as_deref() else {
                    return Some(evidence); // a scare quote in the draft's own voice
                };
                let role = claim
                    .speaker
                    .as_ref()
                    .filter(|s| s.name == draft_speaker)
                    .and_then(|s| s.role.as_deref());
                if speakers::same(draft_speaker, role, &source.voice) && source.is_quote {
                    return Some(evidence);
                }
                let message = match (&source.voice.name, source.is_quote) {
                    (Some(name), true) => {
                        format!("the source gives these words to {name}, not {draft_speaker}")
                    }
                    (None, _) => format!(
                        "these are the source article's own words, not a quotation of {draft_speaker}"
                    ),
                    (Some(name), false) => {
                        if speakers::same(draft_speaker, role, &source.voice) {
                            return Some(evidence); // the speaker's reported words, quoted
                        }
                        format!("the source reports these words from {name}, not {draft_speaker}")
                    }
                };
                let fix = match (&source.voice.name, source.is_quote) {
                    (Some(name), _) => Some(format!("attribute the quotation to {name}")),
                    (None, _) => Some("remove the quotation marks or the attribution".to_string()),
                };
                self.report(
                    Kind::MisattributedQuote,
                    quote.span,
                    message,
                    Some(evidence),
                    fix,
                );
                None
            }
            QuoteMatch::Near {
                unit,
                span,
                diff,
                added,
                removed,
            } => {
                let evidence = self.evidence(unit, span, None);
                let source_wording = evidence.text.clone();
                let change = match (added.is_empty(), removed.is_empty()) {
                    (false, true) => format!("adds “{}”", added.join(" ")),
                    (true, false) => format!("drops “{}”", removed.join(" ")),
                    _ => format!("changes “{}” to “{}”", removed.join(" "), added.join(" ")),
                };
                self.report(
                    Kind::Misquote,
                    quote.span,
                    format!("the quotation {change} (source to draft: {diff})"),
                    Some(evidence),
                    Some(format!("quote the source: “{source_wording}”")),
                );
                None
            }
            QuoteMatch::Missing => {
                self.report(
                    Kind::FabricatedQuote,
                    quote.span,
                    "no source has these words".to_string(),
                    None,
                    None,
                );
                None
            }
        }
    }

    fn check_figure(&mut self, figure: &claims::Figure, retold: &[usize]) -> Option<Evidence> {
        match figures::find(self.index, figure, retold) {
            FigureMatch::Same {
                unit,
                figure: source,
            } => Some(self.evidence(unit, source.span, None)),
            FigureMatch::Derived { unit, how } => {
                Some(self.evidence(unit, self.index.units[unit].span, Some(how)))
            }
            FigureMatch::Mismatch {
                unit,
                figure: source,
            } => {
                let evidence = self.evidence(unit, source.span, None);
                let source_text = match &source.qualifier {
                    Some(q) if !source.text.to_lowercase().starts_with(q.as_str()) => {
                        format!("{q} {}", source.text)
                    }
                    _ => source.text.clone(),
                };
                let draft_text = match &figure.qualifier {
                    Some(q) => format!("{q} {}", figure.text),
                    None => figure.text.clone(),
                };
                self.report(
                    Kind::FigureMismatch,
                    figure.span,
                    format!("{draft_text} does not match {source_text} in the source"),
                    Some(evidence),
                    Some(format!("write {source_text}")),
                );
                None
            }
            FigureMatch::Missing => {
                self.report(
                    Kind::UnsourcedFigure,
                    figure.span,
                    format!("no source gives {}", figure.text),
                    None,
                    None,
                );
                None
            }
        }
    }

    /// A citation that cites no readable source: no definition, a missing
    /// file, nothing at all, or a web address.
    fn check_unusable_citation(&mut self, citation: &Citation) {
        let label = &citation.label;
        match &citation.cited {
            Cited::Undefined => self.report(
                Kind::BrokenCitation,
                citation.span,
                format!("footnote [^{label}] has no definition"),
                None,
                Some(format!("add a definition: [^{label}]: path/to/source.txt")),
            ),
            Cited::Missing { written, definition } => self.report(
                Kind::BrokenCitation,
                *definition,
                format!("footnote [^{label}] cites `{written}`, which does not exist"),
                None,
                None,
            ),
            Cited::Empty { definition } => self.report(
                Kind::BrokenCitation,
                *definition,
                format!("footnote [^{label}] names no source"),
                None,
                None,
            ),
            Cited::Url(url) => self.report(
                Kind::UnverifiableCitation,
                citation.span,
                format!("footnote [^{label}] cites a web address, which claimtrace does not fetch: {url}"),
                None,
                None,
            ),
            Cited::Source(_) => {}
        }
    }

    /// A claim that cites `cites` (marker span, source path) must be held
    /// by one of them: its evidence must come from a cited source, or, if
    /// it needed none, a cited source must retell it.
    fn check_citation(
        &mut self,
        claim: &Claim<'_>,
        cites: &[(Span, &str)],
        evidence: &mut Vec<Evidence>,
    ) {
        let is_cited = |path: &str| cites.iter().any(|(_, cited)| *cited == path);
        if evidence.iter().any(|e| is_cited(&e.source)) {
            return;
        }
        let holder = if let Some(first) = evidence.first() {
            Some(first.source.clone())
        } else {
            let words = normalize::words(claim.text, claim.span.start, self.strictness);
            let retold = figures::retold(self.index, &words);
            if let Some(&unit) = retold.iter().find(|&&u| is_cited(&self.source_path(u))) {
                evidence.push(self.evidence(unit, self.index.units[unit].span, None));
                return;
            }
            retold.first().map(|&u| self.source_path(u))
        };
        let (marker, cited) = cites[0];
        let message = match &holder {
            Some(holder) => format!("{cited} does not hold this claim; {holder} does"),
            None => format!("{cited} does not hold this claim, nor does any other source"),
        };
        let fix = holder.map(|h| format!("cite {h}"));
        self.report(Kind::CitationMismatch, marker, message, None, fix);
    }

    /// The display path of the source holding `unit`.
    fn source_path(&self, unit: usize) -> String {
        self.index.sources[self.index.units[unit].source]
            .document
            .display_path()
    }

    /// Evidence at `span` of the source holding `unit`.
    fn evidence(&self, unit: usize, span: Span, derivation: Option<String>) -> Evidence {
        let Unit { source, claim, .. } = self.index.units[unit];
        let source = &self.index.sources[source];
        Evidence {
            source: source.document.display_path(),
            claim: source.claims.claims[claim].id.clone(),
            span: source.document.locate(span),
            text: source.document.slice(span).to_string(),
            derivation,
        }
    }

    fn report(
        &mut self,
        rule: Kind,
        range: Span,
        message: String,
        evidence: Option<Evidence>,
        fix: Option<String>,
    ) {
        let severity = match self.severity.get(&rule) {
            Some(None) => return, // turned off
            Some(Some(severity)) => *severity,
            None => rule.default_severity(),
        };
        self.findings.push(Finding {
            rule,
            severity,
            message,
            span: self.draft.locate(range),
            evidence,
            fix,
            range,
        });
    }
}
