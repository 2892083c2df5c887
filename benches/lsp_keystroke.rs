//! The language server after a keystroke: `cargo bench --bench
//! lsp_keystroke`.
//!
//! Measures what a writer waits for once the debounce has passed:
//!
//! 1. **in the library**, the server's own path after each keystroke in a
//!    5,000-word Markdown draft retelling the seed (some paragraphs with a
//!    word or figure changed, so there are findings): the incremental edit
//!    applied by UTF-16 position, the document parsed, checked against the
//!    workspace's kept index, and its diagnostics made. Against the seed,
//!    and against a workspace of 1,000 sources (built from the seed with
//!    names and figures varied), which is indexed once, before the
//!    keystrokes;
//! 2. **end to end**, the real `claimtrace lsp` as a child process, with no
//!    debounce: from writing a `didChange` to reading its
//!    `publishDiagnostics` (JSON both ways, the pipe, the check).
//!
//! Each prints the median, 95th percentile and worst of its keystrokes, in
//! milliseconds. Keystrokes alternate typing and deleting a letter at a
//! spot that moves through the draft.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use claimtrace::check::Evidence;
use claimtrace::document::{Document, Format};
use claimtrace::lsp::convert::{self, Sources, Text};
use claimtrace::lsp::options::Options;
use claimtrace::lsp::position::{self, Encoding, Lines};
use claimtrace::run::{Request, Settings, Workspace};
use lsp_types::{Position, Range, TextDocumentContentChangeEvent};
use serde_json::{Value, json};

const SEED: &str = include_str!("../seeds/india-eu-security-defence.txt");
const KEYSTROKES: usize = 200;
const WORDS: usize = 5_000;

fn main() {
    // `cargo test` runs benches once with --bench absent: keep that quick.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let work = tempfile::tempdir().expect("a temporary folder");
    let root = work.path().canonicalize().expect("it exists");
    std::fs::create_dir(root.join(".git")).expect("a repository root");
    std::fs::create_dir(root.join("seed")).expect("a folder");
    std::fs::write(root.join("seed/seed.txt"), SEED).expect("the seed");
    let many = root.join("many");
    std::fs::create_dir(&many).expect("a folder");
    for i in 0..1_000 {
        std::fs::write(many.join(format!("source-{i:04}.txt")), varied(i)).expect("a source");
    }
    let draft = draft();
    println!(
        "draft: {} words, {} bytes",
        draft.split_whitespace().count(),
        draft.len()
    );
    std::env::set_current_dir(&root).expect("into the workspace");

    let times = in_library(&root, "seed", &draft);
    report("keystroke re-check, library path, against the seed", &times);
    let times = in_library(&root, "many", &draft);
    report(
        "keystroke re-check, library path, against 1,000 sources",
        &times,
    );
    let times = end_to_end(&root, &draft);
    report(
        "keystroke to diagnostics, claimtrace lsp end to end, against the seed",
        &times,
    );
}

/// Keystroke times through the server's own path, in a workspace whose
/// sources are the folder `sources`.
fn in_library(root: &Path, sources: &str, text: &str) -> Vec<Duration> {
    let request = Request {
        sources: vec![PathBuf::from(sources)],
        ..Request::default()
    };
    let settings = Settings::new(request, root).expect("settings");
    let started = Instant::now();
    let (mut workspace, problems) = Workspace::new(settings);
    assert!(problems.errors.is_empty());
    println!(
        "{sources}: {} sources read and indexed once in {:.0} ms",
        workspace.library().documents().len(),
        started.elapsed().as_secs_f64() * 1e3
    );
    let path = root.join("draft.md");
    let options = Options::default();
    let mut text = text.to_string();
    let started = Instant::now();
    let first = recheck(&mut workspace, &path, &text, &options);
    println!(
        "{sources}: first check (builds the index of the draft's set of sources) {:.0} ms, {first} diagnostics",
        started.elapsed().as_secs_f64() * 1e3
    );
    let mut times = Vec::with_capacity(KEYSTROKES);
    for stroke in 0..KEYSTROKES {
        let change = keystroke(&text, stroke);
        let started = Instant::now();
        position::apply_change(&mut text, change, Encoding::Utf16);
        let diagnostics = recheck(&mut workspace, &path, &text, &options);
        times.push(started.elapsed());
        std::hint::black_box(diagnostics);
    }
    times
}

/// What the server does once a change is due: parse, check, convert.
fn recheck(workspace: &mut Workspace, path: &Path, text: &str, options: &Options) -> usize {
    let draft = Document::from_text(path.to_path_buf(), text.to_string(), Format::Markdown);
    let audit = workspace.check(&draft).expect("the draft checks");
    let lines = Lines::new(&draft.text, Encoding::Utf16);
    let mut sources = SourceTexts { workspace };
    let text = Text {
        text: &draft.text,
        lines: &lines,
    };
    convert::diagnostics(&audit, &text, &mut sources, options).len()
}

/// Evidence located as the server does: the source found by path, its
/// lines indexed (here every time, the server keeps them).
struct SourceTexts<'a> {
    workspace: &'a Workspace,
}

impl Sources for SourceTexts<'_> {
    fn locate(&mut self, evidence: &Evidence) -> Option<lsp_types::Location> {
        let library = self.workspace.library();
        let document = library
            .documents()
            .iter()
            .find(|d| d.display_path() == evidence.source)?;
        let lines = Lines::new(&document.text, Encoding::Utf16);
        let span = claimtrace::span::Span::new(evidence.span.start, evidence.span.end);
        Some(lsp_types::Location {
            uri: "file:///source.txt".parse().ok()?,
            range: lines.range(&document.text, span),
        })
    }
}

/// Keystroke `n`: even ones type a letter at a spot that moves through the
/// draft, odd ones delete it again.
fn keystroke(text: &str, n: usize) -> TextDocumentContentChangeEvent {
    let lines = text.lines().count().max(1);
    let line = ((n / 2) * 7 % lines) as u32;
    let at = Position::new(line, 0);
    if n.is_multiple_of(2) {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(at, at)),
            range_length: None,
            text: "x".to_string(),
        }
    } else {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(at, Position::new(line, 1))),
            range_length: None,
            text: String::new(),
        }
    }
}

/// Keystroke times as an editor sees them: `claimtrace lsp` running, no
/// debounce, from the change sent to the diagnostics read.
fn end_to_end(root: &Path, draft: &str) -> Vec<Duration> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimtrace"))
        .arg("lsp")
        .current_dir(root)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("claimtrace lsp starts");
    let mut stdin = child.stdin.take().expect("piped");
    let mut stdout = BufReader::new(child.stdout.take().expect("piped"));
    let mut send = |message: Value| {
        let body = message.to_string();
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("written");
        stdin.flush().expect("flushed");
    };
    let uri = format!("file://{}/draft.md", root.display());
    let root_uri = format!("file://{}", root.display());
    send(
        json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "processId": null, "rootUri": root_uri, "capabilities": {},
        "initializationOptions": { "sources": ["seed"], "debounceMs": 0 } } }),
    );
    wait(&mut stdout, |m| m["id"] == 1);
    send(json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} }));
    send(
        json!({ "jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": { "uri": uri, "languageId": "markdown", "version": 1, "text": draft } } }),
    );
    wait(&mut stdout, |m| {
        m["method"] == "textDocument/publishDiagnostics"
    });
    let mut text = draft.to_string();
    let mut times = Vec::with_capacity(KEYSTROKES);
    for stroke in 0..KEYSTROKES {
        let change = keystroke(&text, stroke);
        position::apply_change(&mut text, change.clone(), Encoding::Utf16);
        let version = stroke + 2;
        let started = Instant::now();
        send(
            json!({ "jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": { "uri": uri, "version": version },
            "contentChanges": [change] } }),
        );
        wait(&mut stdout, |m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"] == version
        });
        times.push(started.elapsed());
    }
    send(json!({ "jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": null }));
    wait(&mut stdout, |m| m["id"] == 2);
    send(json!({ "jsonrpc": "2.0", "method": "exit", "params": null }));
    let _ = child.wait();
    times
}

/// Reads messages until one that `done` takes.
fn wait(reader: &mut impl BufRead, done: impl Fn(&Value) -> bool) {
    loop {
        let mut length = 0;
        loop {
            let mut line = String::new();
            assert!(
                reader.read_line(&mut line).expect("read") > 0,
                "the server ended"
            );
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(n) = line.strip_prefix("Content-Length: ") {
                length = n.parse().expect("a length");
            }
        }
        let mut body = vec![0; length];
        reader.read_exact(&mut body).expect("a body");
        let message: Value = serde_json::from_slice(&body).expect("JSON");
        if done(&message) {
            return;
        }
    }
}

fn report(what: &str, times: &[Duration]) {
    let mut ms: Vec<f64> = times.iter().map(|t| t.as_secs_f64() * 1e3).collect();
    ms.sort_by(f64::total_cmp);
    let at = |q: f64| ms[((ms.len() - 1) as f64 * q).round() as usize];
    println!(
        "{what}: {} keystrokes, median {:.1} ms, p95 {:.1} ms, worst {:.1} ms",
        ms.len(),
        at(0.5),
        at(0.95),
        at(1.0)
    );
}

/// A 5,000-word Markdown draft retelling the seed's paragraphs, every
/// seventh with a word changed and every eleventh with a figure changed.
fn draft() -> String {
    let paragraphs: Vec<&str> = SEED
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .collect();
    let mut out = String::from("# A long retelling\n\n");
    let mut words = 0;
    let mut i = 0;
    while words < WORDS {
        let mut paragraph = paragraphs[i % paragraphs.len()].to_string();
        if i % 7 == 3 {
            paragraph = paragraph.replacen(" the ", " a ", 1);
        }
        if i % 11 == 5 {
            paragraph = paragraph.replacen('1', "7", 1);
        }
        words += paragraph.split_whitespace().count();
        out.push_str(&paragraph);
        out.push_str("\n\n");
        i += 1;
    }
    out
}

/// Source `i` of the 1,000: the seed's paragraphs rotated, with its
/// figures and capitalised names varied so that no two are alike.
fn varied(i: usize) -> String {
    let mut state = (i as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let paragraphs: Vec<&str> = SEED
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .collect();
    let names = [
        "Verma", "Berg", "Holt", "Reyes", "Nair", "Haddad", "Sato", "Aziz",
    ];
    let mut out = String::new();
    for k in 0..8 {
        let paragraph = paragraphs[(i + k * 5) % paragraphs.len()];
        let mut varied = String::with_capacity(paragraph.len());
        for word in paragraph.split(' ') {
            if !varied.is_empty() {
                varied.push(' ');
            }
            let first = word.chars().next().unwrap_or(' ');
            if first.is_ascii_digit() {
                varied.push_str(&format!("{}", next() % 900 + 2));
                varied.push_str(word.trim_start_matches(|c: char| c.is_ascii_digit()));
            } else if (word == "Singh" || word == "Kallas") && next() % 2 == 0 {
                let name = names[(next() % names.len() as u64) as usize];
                varied.push_str(&format!("{name}{}", i % 97));
            } else {
                varied.push_str(word);
            }
        }
        out.push_str(&varied);
        out.push_str("\n\n");
    }
    out
}
