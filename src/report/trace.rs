//! Output of `claimtrace trace`.
//!
//! JSON: the [`Trace`] as it is (`claims[]`, each with its `passages[]`:
//! `source`, `verdict`, `share`, `evidence[]`, `findings[]`). Human: each
//! claim on a line, then each passage that supports or contradicts it,
//! best first: the verdict, the file and place, how much of the claim the
//! file holds, and the passage's words.

use std::io::{self, Write};

use crate::archive::Trace;
use crate::check::Verdict;
use crate::report::text::one_line;

/// Writes `trace` as one JSON object and a newline.
pub fn write_json(out: &mut impl Write, trace: &Trace) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, trace)?;
    writeln!(out)
}

/// Writes `trace` for people.
pub fn write_human(out: &mut impl Write, trace: &Trace) -> io::Result<()> {
    for claim in &trace.claims {
        writeln!(out, "{} “{}”", claim.id, one_line(&claim.text))?;
        if claim.passages.is_empty() {
            writeln!(out, "  no archive passage supports or contradicts it")?;
        }
        for passage in &claim.passages {
            let verdict = match passage.verdict {
                Verdict::Supported => "supported",
                Verdict::Contradicted => "contradicted",
                Verdict::Unsupported => "unsupported",
                Verdict::NotAClaim => "not-a-claim",
            };
            let place = passage.evidence.first().map_or_else(
                || one_line(&passage.source).into_owned(),
                |e| format!("{}:{}:{}", one_line(&e.source), e.span.line, e.span.column),
            );
            writeln!(
                out,
                "  {verdict:<13} {place} (holds {:.0}% of the claim)",
                passage.share * 100.0
            )?;
            if let Some(evidence) = passage.evidence.first() {
                writeln!(out, "                “{}”", one_line(&evidence.text))?;
            }
            for finding in &passage.findings {
                writeln!(out, "                {}", one_line(finding))?;
            }
        }
    }
    Ok(())
}
