//! Output of `claimtrace claims`.
//!
//! JSON (stable, documented in the README): `{"path", "claims": [...],
//! "warnings": [...]}`, every span a [`Location`]. Human: a table, one claim
//! a line (position, speaker, cue, figures, the sentence cut to fit the
//! width), then the warnings.

use std::io::{self, Write};

use serde::Serialize;

use crate::claims::figures::{FigureKind, FigureValue};
use crate::claims::{Claim, Claims, Speaker};
use crate::document::Document;
use crate::report::text::one_line;
use crate::span::{Location, Locator};

#[derive(Serialize)]
struct ClaimsJson<'a> {
    path: String,
    claims: Vec<ClaimJson<'a>>,
    warnings: Vec<WarningJson<'a>>,
}

#[derive(Serialize)]
struct ClaimJson<'a> {
    id: &'a str,
    sentence: usize,
    text: &'a str,
    span: Location,
    speaker: Option<&'a Speaker>,
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
    let mut locator = document.locator();
    let json = ClaimsJson {
        path: document.display_path(),
        claims: claims
            .claims
            .iter()
            .map(|claim| claim_json(claim, &mut locator))
            .collect(),
        warnings: {
            let mut locator = document.locator();
            claims
                .warnings
                .iter()
                .map(|w| WarningJson {
                    message: &w.message,
                    span: locator.locate(w.span),
                })
                .collect()
        },
    };
    serde_json::to_writer_pretty(&mut *out, &json)?;
    writeln!(out)
}

fn claim_json<'a>(claim: &'a Claim<'_>, locator: &mut Locator<'_>) -> ClaimJson<'a> {
    // Spans inside a claim can go back before the claim's own (a quotation
    // that started earlier), so the locator is asked in order per claim.
    let span = locator.locate(claim.span);
    ClaimJson {
        id: &claim.id,
        sentence: claim.sentence,
        text: claim.text,
        span,
        speaker: claim.speaker.as_ref(),
        reported_by: claim.reported_by.as_ref(),
        cue: claim.cue.as_deref(),
        content: claim.content.map(|span| locator.locate(span)),
        quotes: claim
            .quotes
            .iter()
            .map(|q| QuoteJson {
                text: &q.text,
                span: locator.locate(q.span),
                speaker: q.speaker.as_deref(),
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
