//! Output of `claimtrace claims`.
//!
//! JSON (stable, documented in the README): `{"path", "claims": [...],
//! "warnings": [...]}`, every span a [`Location`]. Human: a table, one claim
//! a line (position, speaker, cue, figures, the sentence cut to fit the
//! width), then the warnings.
//!
//! Explained (`claims --explain`), each speaker also names the pass that
//! decided it: a `decided_by` field beside every `speaker` of a claim or
//! quotation in JSON, and in the table a line under each claim for its
//! speaker and for each quotation it opens.

use std::io::{self, Write};

use serde::Serialize;

use crate::claims::figures::{FigureKind, FigureValue};
use crate::claims::{Claim, Claims, Speaker};
use crate::document::Document;
use crate::report::json;
use crate::report::text::one_line;
use crate::span::{Location, Locator};

#[derive(Serialize)]
struct ClaimJson<'a> {
    id: compact_str::CompactString,
    sentence: usize,
    text: &'a str,
    span: Location,
    speaker: Option<&'a Speaker>,
    /// Only when explained: the pass that decided `speaker`, or `null`.
    #[serde(skip_serializing_if = "Option::is_none")]
    decided_by: Option<Option<&'static str>>,
    reported_by: Option<&'a Speaker>,
    cue: Option<&'a str>,
    content: Option<Location>,
    quotes: Vec<QuoteJson<'a>>,
    figures: Vec<FigureJson<'a>>,
}

#[derive(Serialize)]
struct QuoteJson<'a> {
    text: &'a str,
    span: Location,
    speaker: Option<&'a str>,
    /// Only when explained: the pass that decided `speaker`, or `null`.
    #[serde(skip_serializing_if = "Option::is_none")]
    decided_by: Option<Option<&'static str>>,
}

#[derive(Serialize)]
struct FigureJson<'a> {
    text: &'a str,
    kind: FigureKind,
    value: &'a FigureValue,
    unit: Option<&'a str>,
    qualifier: Option<&'a str>,
    speaker: Option<&'a str>,
    span: Location,
}

#[derive(Serialize)]
struct WarningJson<'a> {
    message: &'a str,
    span: Location,
}

/// Writes the claims of `document` as one JSON object and a newline.
pub fn write_json(
    out: &mut impl Write,
    document: &Document,
    claims: &Claims<'_>,
) -> io::Result<()> {
    write_json_with(out, document, claims, false)
}

/// [`write_json`], with the pass that decided each speaker when `explain`.
pub fn write_json_with(
    out: &mut impl Write,
    document: &Document,
    claims: &Claims<'_>,
    explain: bool,
) -> io::Result<()> {
    // `{"path", "claims", "warnings"}`, the long list of claims serialized
    // in parallel (a locator only reads, so each element has its own).
    out.write_all(b"{\n  \"path\": ")?;
    serde_json::to_writer(&mut *out, &document.display_path())?;
    out.write_all(b",\n  \"claims\": ")?;
    json::write_array(out, &claims.claims, 1, |claim, out| {
        json::pretty(out, &claim_json(claim, &mut document.locator(), explain))
    })?;
    out.write_all(b",\n  \"warnings\": ")?;
    json::write_array(out, &claims.warnings, 1, |w, out| {
        let warning = WarningJson {
            message: &w.message,
            span: document.locate(w.span),
        };
        json::pretty(out, &warning)
    })?;
    out.write_all(b"\n}\n")
}

fn claim_json<'a>(claim: &'a Claim<'_>, locator: &mut Locator<'_>, explain: bool) -> ClaimJson<'a> {
    // Spans inside a claim can go back before the claim's own (a quotation
    // that started earlier), so the locator is asked in order per claim.
    let span = locator.locate(claim.span);
    ClaimJson {
        id: claim.id(),
        sentence: claim.sentence,
        text: claim.text,
        span,
        speaker: claim.speaker.as_deref(),
        decided_by: explain.then_some(claim.decided_by),
        reported_by: claim.reported_by.as_deref(),
        cue: claim.cue.as_deref(),
        content: claim.content.map(|span| locator.locate(span)),
        quotes: claim
            .quotes
            .iter()
            .map(|q| QuoteJson {
                text: &q.text,
                span: locator.locate(q.span),
                speaker: q.speaker.as_deref(),
                decided_by: explain.then_some(q.decided_by),
            })
            .collect(),
        figures: claim
            .figures
            .iter()
            .map(|f| FigureJson {
                text: &f.text,
                kind: f.kind,
                value: &f.value,
                unit: f.unit.as_deref(),
                qualifier: f.qualifier.as_deref(),
                speaker: f.speaker.as_deref(),
                span: locator.locate(f.span),
            })
            .collect(),
    }
}

/// Column widths of the human table.
const SPEAKER_WIDTH: usize = 22;
const CUE_WIDTH: usize = 12;
const FIGURES_WIDTH: usize = 24;

/// Writes the claims of `document` as a table `width` characters wide;
/// warnings follow it.
pub fn write_human(
    out: &mut impl Write,
    document: &Document,
    claims: &Claims<'_>,
    width: usize,
) -> io::Result<()> {
    write_human_with(out, document, claims, width, false)
}

/// [`write_human`], with a line under each claim naming the pass that
/// decided its speaker, and one for each quotation it opens, when
/// `explain`.
pub fn write_human_with(
    out: &mut impl Write,
    document: &Document,
    claims: &Claims<'_>,
    width: usize,
    explain: bool,
) -> io::Result<()> {
    // Inputs are data: every text from the document (its path, speakers,
    // cues, figures, sentences, warnings) is escaped before it is printed.
    let path = one_line(&document.display_path()).into_owned();
    let mut locator = document.locator();
    let rows: Vec<(String, &Claim<'_>)> = claims
        .claims
        .iter()
        .map(|claim| {
            let at = locator.position(claim.span.start);
            (format!("{}:{}", at.line, at.column), claim)
        })
        .collect();
    let position_width = rows.iter().map(|(p, _)| p.len()).max().unwrap_or(3).max(3);
    writeln!(
        out,
        "{:<position_width$}  {:<SPEAKER_WIDTH$}  {:<CUE_WIDTH$}  {:<FIGURES_WIDTH$}  SENTENCE",
        "AT", "SPEAKER", "CUE", "FIGURES"
    )?;
    let fixed = position_width + SPEAKER_WIDTH + CUE_WIDTH + FIGURES_WIDTH + 8;
    let sentence_width = width.saturating_sub(fixed).max(20);
    for (position, claim) in rows {
        let speaker = claim.speaker.as_ref().map_or("—", |s| s.name.as_str());
        let cue = claim.cue.as_deref().unwrap_or("");
        let figures: Vec<&str> = claim.figures.iter().map(|f| f.text.as_str()).collect();
        writeln!(
            out,
            "{:<position_width$}  {}  {}  {}  {}",
            position,
            fit(speaker, SPEAKER_WIDTH),
            fit(cue, CUE_WIDTH),
            fit(&figures.join(", "), FIGURES_WIDTH),
            cut(claim.text, sentence_width),
        )?;
        if explain {
            write_decisions(out, claim, position_width + 2, width)?;
        }
    }
    let mut locator = document.locator();
    for warning in &claims.warnings {
        let at = locator.locate(warning.span);
        writeln!(
            out,
            "warning: {path}:{}:{}: {}",
            at.line,
            at.column,
            one_line(&warning.message)
        )?;
    }
    Ok(())
}

/// The lines `claims --explain` adds under a claim: the pass that decided
/// its speaker, and each quotation's speaker with its pass, indented by
/// `indent` and cut to `width`.
fn write_decisions(
    out: &mut impl Write,
    claim: &Claim<'_>,
    indent: usize,
    width: usize,
) -> io::Result<()> {
    let pad = " ".repeat(indent);
    let room = width.saturating_sub(indent).max(20);
    if let (Some(speaker), Some(pass)) = (&claim.speaker, claim.decided_by) {
        let line = format!("speaker {}, decided by {pass}", speaker.name);
        writeln!(out, "{pad}{}", cut(&line, room))?;
    }
    for quote in &claim.quotes {
        if let (Some(speaker), Some(pass)) = (&quote.speaker, quote.decided_by) {
            let line = format!(
                "quote “{}”: {speaker}, decided by {pass}",
                cut(&quote.text, 40)
            );
            writeln!(out, "{pad}{}", cut(&line, room))?;
        }
    }
    Ok(())
}

/// `text` cut or padded to exactly `width` characters.
fn fit(text: &str, width: usize) -> String {
    let cut = cut(text, width);
    let len = cut.chars().count();
    format!("{cut}{}", " ".repeat(width.saturating_sub(len)))
}

/// `text` on one line, its controls escaped, cut to `width` characters
/// with an ellipsis.
fn cut(text: &str, width: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let flat = one_line(&flat).into_owned();
    if flat.chars().count() <= width {
        return flat;
    }
    let kept: String = flat.chars().take(width.saturating_sub(1)).collect();
    format!("{kept}…")
}
