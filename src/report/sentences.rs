//! Output of `claimtrace sentences`.
//!
//! JSON: `{"path": "...", "sentences": [{"index": 0, "text": "...", "span":
//! {...}}]}` with every span a [`Location`]. Human: one sentence a line,
//! `path:line:column: text`, with line breaks inside a sentence shown as
//! spaces, so the output can be read like compiler or grep output.

use std::io::{self, Write};

use serde::Serialize;

use crate::document::Document;
use crate::report::text::one_line;
use crate::segment::Sentence;
use crate::span::Location;

#[derive(Serialize)]
struct SentencesJson<'a> {
    path: String,
    sentences: Vec<SentenceJson<'a>>,
}

#[derive(Serialize)]
struct SentenceJson<'a> {
    index: usize,
    text: &'a str,
    span: Location,
}

/// Writes the sentences of `document` as one JSON object and a newline.
pub fn write_json(
    out: &mut impl Write,
    document: &Document,
    sentences: &[Sentence<'_>],
) -> io::Result<()> {
    let mut locator = document.locator();
    let json = SentencesJson {
        path: document.display_path(),
        sentences: sentences
            .iter()
            .map(|sentence| SentenceJson {
                index: sentence.index,
                text: sentence.text,
                span: locator.locate(sentence.span),
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &json)?;
    writeln!(out)
}

/// Writes the sentences of `document` one a line.
pub fn write_human(
    out: &mut impl Write,
    document: &Document,
    sentences: &[Sentence<'_>],
) -> io::Result<()> {
    // Inputs are data: the path and the words are escaped, so neither a
    // file name nor a sentence can start a line or steer a terminal.
    let path = one_line(&document.display_path()).into_owned();
    let mut locator = document.locator();
    for sentence in sentences {
        let at = locator.position(sentence.span.start);
        write!(out, "{path}:{}:{}: ", at.line, at.column)?;
        let mut words = sentence.text.split_whitespace();
        if let Some(first) = words.next() {
            out.write_all(one_line(first).as_bytes())?;
        }
        for word in words {
            write!(out, " {}", one_line(word))?;
        }
        writeln!(out)?;
    }
    Ok(())
}
