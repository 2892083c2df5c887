//! `claimtrace lsp` end to end: the test starts the server as a child
//! process and speaks the protocol to it over its standard input and
//! output as an editor does (framed JSON-RPC messages), then checks what
//! it says back.
//!
//! The draft of `tests/fixtures/lsp/` has `€`, `’`, emoji and Devanagari
//! before its quotation, so protocol positions (UTF-16 code units) differ
//! from bytes and from characters; every expected range is computed here
//! from the text, in UTF-16, independently of the server.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// How long the test waits for an answer before it fails: a guard
/// against a hang, not a measure of speed.
const PATIENCE: Duration = Duration::from_secs(60);

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/lsp");

/// An editor's end of the conversation.
struct Client {
    child: Child,
    /// `None` once closed, as an editor that goes away closes it.
    stdin: Option<ChildStdin>,
    messages: mpsc::Receiver<Value>,
    next_id: i64,
    /// Notifications received while waiting for something else.
    backlog: Vec<Value>,
    /// What the server wrote on its standard error, line by line (also
    /// passed on to the test's own).
    stderr: Arc<Mutex<Vec<String>>>,
}

impl Client {
    /// Starts `claimtrace lsp` in `root`.
    fn start(root: &Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_claimtrace"))
            .arg("lsp")
            .current_dir(root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("claimtrace lsp starts");
        let stdin = child.stdin.take().expect("stdin is piped");
        let stdout = child.stdout.take().expect("stdout is piped");
        let errors = child.stderr.take().expect("stderr is piped");
        let stderr = Arc::new(Mutex::new(Vec::new()));
        let lines = Arc::clone(&stderr);
        std::thread::spawn(move || {
            for line in BufReader::new(errors).lines() {
                let Ok(line) = line else { break };
                eprintln!("server: {line}");
                lines.lock().unwrap().push(line);
            }
        });
        let (send, messages) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if send.send(message).is_err() {
                    break;
                }
            }
        });
        Client {
            child,
            stdin: Some(stdin),
            messages,
            next_id: 1,
            backlog: Vec::new(),
            stderr,
        }
    }

    fn send(&mut self, message: &Value) {
        let body = serde_json::to_string(message).unwrap();
        self.send_raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    }

    /// Writes `bytes` as they are: framing and all, or its lack.
    fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("standard input is open");
        stdin.write_all(bytes).expect("the server reads its input");
        stdin.flush().expect("the server reads its input");
    }

    /// The framed bytes of `message` with the header `header` in place of
    /// the right one (`{}` in it stands for the body's true length).
    fn framed_with(header: &str, message: &Value) -> Vec<u8> {
        let body = serde_json::to_string(message).unwrap();
        let header = header.replace("{}", &body.len().to_string());
        [header.as_bytes(), body.as_bytes()].concat()
    }

    /// The next response to `id` (`null` included), error or not, whole.
    fn response(&mut self, id: &Value) -> Value {
        let answers = |m: &Value| m.get("id") == Some(id) && m.get("method").is_none();
        if let Some(at) = self.backlog.iter().position(answers) {
            return self.backlog.remove(at);
        }
        loop {
            let message = self.receive();
            if message.get("id") == Some(id) && message.get("method").is_none() {
                return message;
            }
            self.keep(message);
        }
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Sends a request and returns its result, answering requests from
    /// the server on the way (it registers file watchers).
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        loop {
            let message = self.receive();
            if message.get("id") == Some(&json!(id)) && message.get("method").is_none() {
                assert!(message.get("error").is_none(), "{method} failed: {message}");
                return message["result"].clone();
            }
            self.keep(message);
        }
    }

    fn receive(&mut self) -> Value {
        self.messages
            .recv_timeout(PATIENCE)
            .expect("the server answers")
    }

    /// Keeps a notification for later; answers a request from the server.
    fn keep(&mut self, message: Value) {
        if let (Some(id), Some(_)) = (message.get("id"), message.get("method")) {
            let id = id.clone();
            self.send(&json!({ "jsonrpc": "2.0", "id": id, "result": null }));
        } else {
            self.backlog.push(message);
        }
    }

    /// The next notification `method` that `accept` takes.
    fn wait_for(&mut self, method: &str, accept: impl Fn(&Value) -> bool) -> Value {
        if let Some(at) = self
            .backlog
            .iter()
            .position(|m| m["method"] == method && accept(&m["params"]))
        {
            return self.backlog.remove(at)["params"].clone();
        }
        loop {
            let message = self.receive();
            if message["method"] == method && accept(&message["params"]) {
                return message["params"].clone();
            }
            self.keep(message);
        }
    }

    /// The diagnostics published for `uri` at `version`.
    fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let params = self.wait_for("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri && p["version"] == version
        });
        params["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    fn initialize(&mut self, root: &Path, options: Value) {
        let capabilities = json!({
            "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } },
            "textDocument": { "publishDiagnostics": { "relatedInformation": true } }
        });
        let result = self.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": uri_of(root),
                "workspaceFolders": [{ "uri": uri_of(root), "name": "news" }],
                "capabilities": capabilities,
                "initializationOptions": options,
            }),
        );
        // No encoding offered: the protocol's UTF-16.
        assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
        assert_eq!(result["capabilities"]["hoverProvider"], true);
        self.notify("initialized", json!({}));
    }

    /// Shuts the server down as an editor does, and checks it exits
    /// cleanly.
    fn shutdown(mut self) {
        let result = self.request("shutdown", Value::Null);
        assert_eq!(result, Value::Null);
        self.notify("exit", Value::Null);
        let status = self.wait();
        assert!(status.success(), "exit status {status}");
    }

    /// Closes the server's standard input, as an editor that goes away.
    fn close(&mut self) {
        self.stdin = None;
    }

    /// Waits for the server to exit; kills it and fails if it does not
    /// within [`PATIENCE`] (a guard against a hang).
    fn wait(&mut self) -> ExitStatus {
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("the server's status") {
                return status;
            }
            if started.elapsed() > PATIENCE {
                let _ = self.child.kill();
                panic!("the server did not exit");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The lines the server wrote on its standard error so far.
    fn stderr(&self) -> Vec<String> {
        self.stderr.lock().unwrap().clone()
    }

    /// Whether the server writes a line holding `needle` on its standard
    /// error (waiting for it up to [`PATIENCE`]: it may still be on its
    /// way).
    fn said(&self, needle: &str) -> bool {
        let started = Instant::now();
        while started.elapsed() < PATIENCE {
            if self.stderr().iter().any(|line| line.contains(needle)) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        false
    }
}

impl Drop for Client {
    /// A test that fails leaves no server behind.
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Reads one framed message, or `None` at the end of the stream.
fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length: ") {
            length = value.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

/// The `file:` URI of `path` (which the editor may not have saved yet).
fn uri_of(path: &Path) -> String {
    let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    format!("file://{}", path.display())
}

/// The zero-based line and UTF-16 column of byte `offset` of `text`,
/// counted here the slow, obvious way.
fn utf16_position(text: &str, offset: usize) -> Value {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].encode_utf16().count();
    json!({ "line": line, "character": column })
}

fn utf16_range(text: &str, needle: &str) -> Value {
    let start = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} in text"));
    json!({
        "start": utf16_position(text, start),
        "end": utf16_position(text, start + needle.len()),
    })
}

/// The byte offset of a UTF-16 position, the slow way.
fn offset_of(text: &str, position: &Value) -> usize {
    let line = position["line"].as_u64().unwrap() as usize;
    let character = position["character"].as_u64().unwrap() as usize;
    let line_start: usize = text.split('\n').take(line).map(|l| l.len() + 1).sum();
    let mut units = 0;
    for (at, c) in text[line_start..].char_indices() {
        if units >= character || c == '\n' {
            return line_start + at;
        }
        units += c.len_utf16();
    }
    text.len()
}

/// Applies the edits a code action makes to `uri`, as an editor does.
fn apply(text: &str, action: &Value, uri: &str) -> String {
    let mut edits: Vec<Value> = action["edit"]["changes"][uri]
        .as_array()
        .expect("the action edits the draft")
        .clone();
    // From the end, so earlier offsets hold.
    edits.sort_by_key(|e| std::cmp::Reverse(offset_of(text, &e["range"]["start"])));
    let mut text = text.to_string();
    for edit in edits {
        let start = offset_of(&text, &edit["range"]["start"]);
        let end = offset_of(&text, &edit["range"]["end"]);
        text.replace_range(start..end, edit["newText"].as_str().unwrap());
    }
    text
}

/// A workspace: the fixtures' sources, `claimtrace.toml` naming them, and
/// the draft on disk as `on_disk` (the editor's buffer may differ).
fn workspace(on_disk: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join("sources")).unwrap();
    std::fs::copy(
        Path::new(FIXTURES).join("sources/harbour.txt"),
        root.join("sources/harbour.txt"),
    )
    .unwrap();
    std::fs::write(root.join("claimtrace.toml"), "sources = \"sources\"\n").unwrap();
    std::fs::write(root.join("draft.md"), on_disk).unwrap();
    let root = root.canonicalize().unwrap();
    (dir, root)
}

fn fixture_draft() -> String {
    std::fs::read_to_string(Path::new(FIXTURES).join("draft.md")).unwrap()
}

fn codes(diagnostics: &[Value]) -> Vec<&str> {
    diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap_or(""))
        .collect()
}

#[test]
fn an_editor_session_finds_a_misquote_and_fixes_it() {
    let draft = fixture_draft();
    // On disk, the draft holds a fabricated quotation; the editor's buffer
    // does not. What is checked is the buffer.
    let (_dir, root) = workspace("“Nobody said this at all,” Okafor said.\n");
    let uri = uri_of(&root.join("draft.md"));
    let source_uri = uri_of(&root.join("sources/harbour.txt"));
    let mut client = Client::start(&root);
    client.initialize(&root, json!({ "debounceMs": 20 }));

    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "markdown", "version": 1, "text": draft } }),
    );
    assert_eq!(client.diagnostics(&uri, 1), Vec::<Value>::new());

    // Typing a word into the quotation, as an incremental change placed by
    // UTF-16 position after the emoji and the curly apostrophe.
    let insert_at = draft.find("double the capacity").unwrap();
    let at = utf16_position(&draft, insert_at);
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri, "version": 2 },
            "contentChanges": [{ "range": { "start": at, "end": at }, "text": "massively " }]
        }),
    );
    let text = draft.replacen("double the capacity", "massively double the capacity", 1);
    let diagnostics = client.diagnostics(&uri, 2);
    assert_eq!(codes(&diagnostics), ["misquote"], "{diagnostics:#?}");
    let misquote = &diagnostics[0];
    let quoted =
        "We will massively double the capacity of the container terminal within six years.";
    assert_eq!(misquote["range"], utf16_range(&text, quoted));
    assert_eq!(misquote["severity"], 1);
    assert_eq!(misquote["source"], "claimtrace");
    assert!(
        misquote["message"]
            .as_str()
            .unwrap()
            .starts_with("the quotation adds “massively”"),
        "{misquote}"
    );
    assert!(
        misquote["codeDescription"]["href"]
            .as_str()
            .unwrap()
            .contains("Misquote")
    );
    // The related information leads to the quotation in the source.
    let source = std::fs::read_to_string(root.join("sources/harbour.txt")).unwrap();
    let related = &misquote["relatedInformation"][0];
    assert_eq!(related["location"]["uri"], source_uri);
    assert_eq!(
        related["location"]["range"],
        utf16_range(
            &source,
            "We will double the capacity of the container terminal within six years"
        )
    );

    // Hovering on the quotation shows its verdict and the source's words.
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": misquote["range"]["start"] }),
    );
    let shown = hover["contents"]["value"].as_str().unwrap();
    assert!(shown.starts_with("**contradicted**"), "{shown}");
    assert!(shown.contains("error[misquote]"), "{shown}");
    assert!(
        shown.contains("sources/harbour.txt:3:2")
            && shown.contains("> We will double the capacity"),
        "{shown}"
    );

    // The code action puts the source's words back; the diagnostic goes.
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri },
            "range": misquote["range"],
            "context": { "diagnostics": [misquote] }
        }),
    );
    let titles: Vec<&str> = actions
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "Use the source's words: “We will double the capacity of the container terminal within six years.”",
            "Silence misquote on this line"
        ]
    );
    let fixed = apply(&text, &actions[0], &uri);
    assert_eq!(fixed, draft);
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 3 }, "contentChanges": [{ "text": fixed }] }),
    );
    assert_eq!(client.diagnostics(&uri, 3), Vec::<Value>::new());
    client.shutdown();
}

#[test]
fn figures_are_fixed_and_findings_silenced() {
    let draft = fixture_draft();
    let (_dir, root) = workspace(&draft);
    let uri = uri_of(&root.join("draft.md"));
    let mut client = Client::start(&root);
    client.initialize(&root, json!({ "debounceMs": 20 }));
    let text = draft.replace("€240 million", "€250 million");
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "markdown", "version": 1, "text": text } }),
    );
    let diagnostics = client.diagnostics(&uri, 1);
    assert_eq!(codes(&diagnostics), ["figure-mismatch"], "{diagnostics:#?}");
    assert_eq!(diagnostics[0]["range"], utf16_range(&text, "€250 million"));
    let request = |client: &mut Client, range: &Value| {
        client.request(
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": uri }, "range": range, "context": { "diagnostics": [] } }),
        )
    };
    let actions = request(&mut client, &diagnostics[0]["range"]);
    assert_eq!(apply(&text, &actions[0], &uri), draft);

    // Silencing instead: a directive on the line before.
    let silenced = apply(&text, &actions[1], &uri);
    assert!(
        silenced.contains(
            "<!-- claimtrace-disable-next-line figure-mismatch -->\nThe expansion will cost €250 million"
        ),
        "{silenced}"
    );
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "text": silenced }] }),
    );
    assert_eq!(client.diagnostics(&uri, 2), Vec::<Value>::new());
    client.shutdown();
}

#[test]
fn a_changed_source_rechecks_the_draft() {
    let draft = fixture_draft().replace("double the capacity", "triple the capacity");
    let (_dir, root) = workspace(&draft);
    let uri = uri_of(&root.join("draft.md"));
    let mut client = Client::start(&root);
    client.initialize(&root, json!({ "debounceMs": 20 }));
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "markdown", "version": 1, "text": draft } }),
    );
    assert_eq!(codes(&client.diagnostics(&uri, 1)), ["misquote"]);

    // The source is corrected on disk: the draft is checked again.
    let source = root.join("sources/harbour.txt");
    let corrected = std::fs::read_to_string(&source)
        .unwrap()
        .replace("double", "triple");
    std::fs::write(&source, corrected).unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": uri_of(&source), "type": 2 }] }),
    );
    assert_eq!(client.diagnostics(&uri, 1), Vec::<Value>::new());
    client.shutdown();
}

#[test]
fn sources_from_initialization_options_and_front_matter() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::create_dir(root.join("notes")).unwrap();
    std::fs::create_dir(root.join(".git")).unwrap();
    std::fs::copy(
        Path::new(FIXTURES).join("sources/harbour.txt"),
        root.join("notes/harbour.txt"),
    )
    .unwrap();
    let mut client = Client::start(&root);
    client.initialize(
        &root,
        json!({ "claimtrace": { "sources": ["notes"] }, "debounceMs": 20 }),
    );
    let uri = uri_of(&root.join("story.md"));
    let text = "Okafor said: “We will double the capacity of the terminal within six years.”\n";
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "markdown", "version": 1, "text": text } }),
    );
    assert_eq!(codes(&client.diagnostics(&uri, 1)), ["misquote"]);

    // A draft declaring a source the workspace has not read has it read.
    std::fs::create_dir(root.join("more")).unwrap();
    std::fs::write(
        root.join("more/terminal.txt"),
        "“We will double the capacity of the terminal within six years,” Okafor told reporters.\n",
    )
    .unwrap();
    let declared = format!("---\nsources:\n  - more/terminal.txt\n---\n{text}");
    let uri = uri_of(&root.join("declared.md"));
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "markdown", "version": 1, "text": declared } }),
    );
    assert_eq!(client.diagnostics(&uri, 1), Vec::<Value>::new());

    // A bad front matter is a diagnostic on its line, not a crash.
    let uri = uri_of(&root.join("broken.md"));
    let broken = format!("---\nsources:\n  - ../../outside.txt\n---\n{text}");
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "markdown", "version": 1, "text": broken } }),
    );
    let diagnostics = client.diagnostics(&uri, 1);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!(diagnostics[0]["range"]["start"]["line"], 2);
    assert!(
        diagnostics[0]["message"]
            .as_str()
            .unwrap()
            .contains("outside the repository"),
        "{diagnostics:#?}"
    );
    client.shutdown();
}

/// The README's editor set-ups: each starts `claimtrace lsp`, and the
/// settings they pass (the same in each) are ones the server takes: the
/// test starts the server with the VS Code snippet's options and checks a
/// draft against the sources they name.
#[test]
fn the_readme_editor_setups_work() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let section = readme
        .split("### `claimtrace lsp`")
        .nth(1)
        .and_then(|rest| rest.split("\n### ").next())
        .expect("the README documents claimtrace lsp");
    let blocks = |language: &str| -> Vec<String> {
        section
            .split(&format!("```{language}\n"))
            .skip(1)
            .filter_map(|rest| rest.split("\n```").next())
            .map(str::to_string)
            .collect()
    };
    let json_blocks: Vec<Value> = blocks("json")
        .iter()
        .map(|b| serde_json::from_str(b).expect("the README's JSON parses"))
        .collect();
    let vscode = &json_blocks[0];
    assert_eq!(vscode["glspc.server.command"], "claimtrace");
    assert_eq!(vscode["glspc.server.commandArguments"], json!(["lsp"]));
    let options = vscode["glspc.server.initializationOptions"].clone();
    let zed = &json_blocks[1];
    assert_eq!(
        zed["lsp"]["claimtrace"]["initialization_options"], options,
        "every editor passes the same settings"
    );
    let helix: toml::Table = blocks("toml")[0].parse().expect("the Helix TOML parses");
    let server = &helix["language-server"]["claimtrace"];
    assert_eq!(server["command"].as_str(), Some("claimtrace"));
    assert_eq!(server["args"].as_array().unwrap()[0].as_str(), Some("lsp"));
    assert_eq!(
        serde_json::to_value(&server["config"]).unwrap(),
        options,
        "Helix passes the same settings"
    );
    let zed_extension: toml::Table = blocks("toml")[1]
        .parse()
        .expect("Zed's extension.toml parses");
    assert!(zed_extension["language_servers"]["claimtrace"].is_table());
    let lua = &blocks("lua")[0];
    assert!(lua.contains("cmd = { 'claimtrace', 'lsp' }"), "{lua}");
    assert!(
        lua.contains("init_options = { sources = { 'sources' } }"),
        "{lua}"
    );

    // The settings at work: sources named only by them.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::create_dir(root.join("sources")).unwrap();
    std::fs::copy(
        Path::new(FIXTURES).join("sources/harbour.txt"),
        root.join("sources/harbour.txt"),
    )
    .unwrap();
    let mut client = Client::start(&root);
    client.initialize(&root, options);
    let uri = uri_of(&root.join("draft.md"));
    let text = fixture_draft().replace("€240 million", "€250 million");
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "markdown", "version": 1, "text": text } }),
    );
    assert_eq!(codes(&client.diagnostics(&uri, 1)), ["figure-mismatch"]);
    client.shutdown();
}

// Input that is not the protocol. Whatever the server reads, it goes on:
// a malformed message is answered with an error where it can be (a parse
// error, an invalid request) or skipped with a line on standard error, and
// a hover on the fixture's draft afterwards is still answered. The
// server's exit status follows the protocol: 0 after `shutdown`, 1
// without.

/// A server in a workspace of the fixtures, with the fixture draft open
/// and checked: the client, the draft's URI and its text.
fn session() -> (tempfile::TempDir, Client, String, String) {
    let draft = fixture_draft();
    let (dir, root) = workspace(&draft);
    let uri = uri_of(&root.join("draft.md"));
    let mut client = Client::start(&root);
    client.initialize(&root, json!({ "debounceMs": 20 }));
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "markdown", "version": 1, "text": draft } }),
    );
    assert_eq!(client.diagnostics(&uri, 1), Vec::<Value>::new());
    (dir, client, uri, draft)
}

/// The liveness probe: a hover on the draft's quotation is answered, and
/// with the source it traces to.
fn hover_answers(client: &mut Client, uri: &str, draft: &str) {
    let at = utf16_position(draft, draft.find("We will double").unwrap());
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": at }),
    );
    let shown = hover["contents"]["value"].as_str().unwrap_or_default();
    assert!(
        shown.starts_with("**supported**") && shown.contains("sources/harbour.txt"),
        "{hover}"
    );
}

/// A hover request with `id` on the draft, as JSON.
fn hover_request(id: i64, uri: &str) -> Value {
    json!({
        "jsonrpc": "2.0", "id": id, "method": "textDocument/hover",
        "params": { "textDocument": { "uri": uri }, "position": { "line": 2, "character": 60 } }
    })
}

fn error_code(response: &Value) -> i64 {
    response["error"]["code"]
        .as_i64()
        .unwrap_or_else(|| panic!("an error response: {response}"))
}

#[test]
fn malformed_json_is_a_parse_error() {
    let (_dir, mut client, uri, draft) = session();
    let body = r#"{"jsonrpc": "2.0", "id": 41, "method": "textDocument/hover", "params": {"#;
    client.send_raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    let response = client.response(&Value::Null);
    assert_eq!(error_code(&response), -32700, "{response}");
    hover_answers(&mut client, &uri, &draft);
    client.shutdown();
}

#[test]
fn a_message_that_is_not_an_object_is_an_invalid_request() {
    let (_dir, mut client, uri, draft) = session();
    for body in ["[1, 2, 3]", "42", "\"hover\"", "null"] {
        client.send_raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
        let response = client.response(&Value::Null);
        assert_eq!(error_code(&response), -32600, "{body}: {response}");
    }
    // An object that is no message: the request's id is known, and
    // answered.
    let body = r#"{"jsonrpc": "2.0", "id": 42, "method": 7}"#;
    client.send_raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    let response = client.response(&json!(42));
    assert_eq!(error_code(&response), -32600, "{response}");
    hover_answers(&mut client, &uri, &draft);
    client.shutdown();
}

#[test]
fn a_message_without_content_length_is_skipped() {
    let (_dir, mut client, uri, draft) = session();
    // Headers without the length, then a body with no header at all.
    let other = "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n";
    client.send_raw(&Client::framed_with(other, &hover_request(43, &uri)));
    client.send_raw(
        serde_json::to_string(&hover_request(44, &uri))
            .unwrap()
            .as_bytes(),
    );
    hover_answers(&mut client, &uri, &draft);
    assert!(
        client.said("without Content-Length"),
        "{:?}",
        client.stderr()
    );
    client.shutdown();
}

#[test]
fn a_content_length_that_is_not_a_number_is_skipped() {
    let (_dir, mut client, uri, draft) = session();
    for header in [
        "Content-Length: forty\r\n\r\n",
        "Content-Length: -5\r\n\r\n",
        "Content-Length: \r\n\r\n",
    ] {
        client.send_raw(&Client::framed_with(header, &hover_request(45, &uri)));
    }
    hover_answers(&mut client, &uri, &draft);
    client.shutdown();
}

#[test]
fn a_content_length_past_the_end_of_the_input_ends_cleanly() {
    let (_dir, mut client, uri, draft) = session();
    hover_answers(&mut client, &uri, &draft);
    assert_eq!(client.request("shutdown", Value::Null), Value::Null);
    // The `exit` that follows says it is longer than it is, and the input
    // ends: the server stops as after `exit`.
    client.send_raw(&Client::framed_with(
        "Content-Length: 500\r\n\r\n",
        &json!({ "jsonrpc": "2.0", "method": "exit" }),
    ));
    client.close();
    let status = client.wait();
    assert_eq!(status.code(), Some(0), "{:?}", client.stderr());
    assert!(client.said("the input ended 33 bytes into a message of 500 bytes"));
    assert!(
        !client.stderr().iter().any(|l| l.contains("panicked")),
        "{:?}",
        client.stderr()
    );
}

#[test]
fn a_content_length_past_the_body_reads_up_to_the_next_message() {
    let (_dir, mut client, uri, draft) = session();
    // The length counts far past the body; the next message follows and
    // the input stays open. The body is read up to the next message's
    // header, and both are answered.
    client.send_raw(&Client::framed_with(
        "Content-Length: 100000\r\n\r\n",
        &hover_request(46, &uri),
    ));
    // And one that ends inside the next message's header.
    let next = Client::framed_with("Content-Length: {}\r\n\r\n", &hover_request(48, &uri));
    let short = serde_json::to_string(&hover_request(47, &uri)).unwrap();
    let header = format!("Content-Length: {}\r\n\r\n", short.len() + 10);
    client.send_raw(&[header.as_bytes(), short.as_bytes(), &next].concat());
    hover_answers(&mut client, &uri, &draft);
    for id in [46, 47, 48] {
        let response = client.response(&json!(id));
        assert!(response.get("error").is_none(), "{response}");
    }
    client.shutdown();
}

#[test]
fn a_huge_content_length_is_refused_without_allocating() {
    let (_dir, mut client, uri, draft) = session();
    client.send_raw(&Client::framed_with(
        "Content-Length: 1000000000000\r\n\r\n",
        &hover_request(49, &uri),
    ));
    hover_answers(&mut client, &uri, &draft);
    // The writer is told in the editor.
    let shown = client.wait_for("window/showMessage", |p| {
        p["message"]
            .as_str()
            .unwrap_or_default()
            .contains("1000000000000")
    });
    assert_eq!(shown["type"], 2, "a warning: {shown}");
    client.shutdown();
}

#[test]
fn requests_before_initialize_and_a_bad_initialize_are_answered() {
    let draft = fixture_draft();
    let (_dir, root) = workspace(&draft);
    let uri = uri_of(&root.join("draft.md"));
    let mut client = Client::start(&root);
    client.send(&hover_request(100, &uri));
    assert_eq!(error_code(&client.response(&json!(100))), -32002);
    client.send(&json!({ "jsonrpc": "2.0", "id": 101, "method": "initialize", "params": 5 }));
    assert_eq!(error_code(&client.response(&json!(101))), -32602);
    // A good one then starts the server.
    client.initialize(&root, json!({ "debounceMs": 20 }));
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "markdown", "version": 1, "text": draft } }),
    );
    assert_eq!(client.diagnostics(&uri, 1), Vec::<Value>::new());
    hover_answers(&mut client, &uri, &draft);
    client.shutdown();
}

#[test]
fn a_request_after_shutdown_is_an_invalid_request() {
    let (_dir, mut client, uri, draft) = session();
    hover_answers(&mut client, &uri, &draft);
    assert_eq!(client.request("shutdown", Value::Null), Value::Null);
    client.send(&hover_request(50, &uri));
    let response = client.response(&json!(50));
    assert_eq!(error_code(&response), -32600, "{response}");
    client.send(&json!({ "jsonrpc": "2.0", "id": 51, "method": "shutdown" }));
    let response = client.response(&json!(51));
    assert_eq!(error_code(&response), -32600, "{response}");
    client.notify("exit", Value::Null);
    assert_eq!(client.wait().code(), Some(0));
}

#[test]
fn exit_without_shutdown_exits_with_status_1() {
    let (_dir, mut client, uri, draft) = session();
    hover_answers(&mut client, &uri, &draft);
    client.notify("exit", Value::Null);
    assert_eq!(client.wait().code(), Some(1));
}

#[test]
fn exit_after_shutdown_exits_with_status_0() {
    let (_dir, mut client, uri, draft) = session();
    hover_answers(&mut client, &uri, &draft);
    assert_eq!(client.request("shutdown", Value::Null), Value::Null);
    client.notify("exit", Value::Null);
    assert_eq!(client.wait().code(), Some(0));
}

/// A 20 MB document (far past what the server checks as you type) is not
/// checked: it gets one diagnostic saying so, and a hover asked meanwhile
/// is answered. The server's memory stays far from the 1 GB a check of it
/// took.
#[test]
fn a_large_document_does_not_hold_up_a_hover() {
    let (dir, mut client, uri, draft) = session();
    let paragraph = format!("{}\n\n", draft.trim_end());
    let large = paragraph.repeat(20_000_000 / paragraph.len() + 1);
    let large_uri = uri_of(&dir.path().canonicalize().unwrap().join("large.md"));
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": large_uri, "languageId": "markdown", "version": 1, "text": large } }),
    );
    drop(large);
    hover_answers(&mut client, &uri, &draft);
    let diagnostics = client.diagnostics(&large_uri, 1);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    let message = diagnostics[0]["message"].as_str().unwrap();
    assert!(message.contains("too large"), "{message}");
    // An edit to it is taken, and the hover still answered.
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": large_uri, "version": 2 },
            "contentChanges": [{ "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } }, "text": "x" }]
        }),
    );
    assert_eq!(client.diagnostics(&large_uri, 2).len(), 1);
    hover_answers(&mut client, &uri, &draft);
    if let Some(peak) = peak_memory(client.child.id()) {
        assert!(peak < 512 << 20, "the server's peak memory: {peak} bytes");
    }
    client.shutdown();
}

/// The most memory process `pid` has held, where the system tells
/// (Linux).
fn peak_memory(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Copies the folder `from` into `to`, recursively.
fn copy_folder(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_folder(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The URIs of the related information of `diagnostic` (the source
/// passages it was judged against).
fn related_uris(diagnostic: &Value) -> Vec<String> {
    diagnostic["relatedInformation"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|r| r["location"]["uri"].as_str().unwrap_or("").to_string())
        .collect()
}

/// With `index = "idx"` in `claimtrace.toml`, the server checks a draft
/// that names no source against the archive files its claims retrieve,
/// as `check --index` does: the figure is judged against
/// `stories/2024/budget.txt`, which nothing names, and the claim only that
/// file holds is an `uncited-source` note. An index that cannot be used is
/// an error message in the editor and on the draft, not a crash, and the
/// draft is checked again once the index is whole.
#[test]
fn an_archive_index_in_the_configuration_answers_for_a_draft() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/archive");
    copy_folder(&fixtures, &root);
    std::fs::write(root.join("claimtrace.toml"), "").unwrap();
    let built = Command::new(env!("CARGO_BIN_EXE_claimtrace"))
        .args(["index", "idx", "--archive", "stories"])
        .current_dir(&root)
        .output()
        .unwrap();
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    std::fs::write(root.join("claimtrace.toml"), "index = \"idx\"\n").unwrap();

    let path = root.join("drafts/budget-wrong.md");
    let draft = std::fs::read_to_string(&path).unwrap();
    let uri = uri_of(&path);
    let budget = uri_of(&root.join("stories/2024/budget.txt"));
    let mut client = Client::start(&root);
    client.initialize(&root, json!({ "debounceMs": 20 }));
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "markdown", "version": 1, "text": draft } }),
    );
    let diagnostics = client.diagnostics(&uri, 1);
    assert_eq!(
        codes(&diagnostics),
        ["figure-mismatch", "uncited-source"],
        "{diagnostics:?}"
    );
    let mismatch = &diagnostics[0];
    assert_eq!(mismatch["range"], utf16_range(&draft, "$350 million"));
    assert_eq!(related_uris(mismatch), [budget.as_str()]);
    let uncited = &diagnostics[1];
    assert_eq!(uncited["severity"], 3, "information: {uncited}");
    assert!(
        uncited["message"]
            .as_str()
            .unwrap()
            .contains("stories/2024/budget.txt"),
        "{uncited}"
    );
    assert_eq!(related_uris(uncited), [budget.as_str()]);

    // Fixed as the writer types: the archive file still holds the claims.
    let fixed = draft.replace("$350 million", "$310 million");
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri, "version": 2 },
            "contentChanges": [{ "text": fixed }],
        }),
    );
    let diagnostics = client.diagnostics(&uri, 2);
    assert_eq!(
        codes(&diagnostics),
        ["uncited-source", "uncited-source"],
        "{diagnostics:?}"
    );

    // An index built by another version: refused with the reason, shown in
    // the editor and on the draft.
    let manifest_path = root.join("idx/claimtrace-index.json");
    let manifest = std::fs::read_to_string(&manifest_path).unwrap();
    let version = format!("\"claimtrace\": \"{}\"", env!("CARGO_PKG_VERSION"));
    assert!(manifest.contains(&version), "{manifest}");
    std::fs::write(
        &manifest_path,
        manifest.replace(&version, "\"claimtrace\": \"0.0.1\""),
    )
    .unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": uri_of(&manifest_path), "type": 2 }] }),
    );
    let shown = client.wait_for("window/showMessage", |p| {
        p["message"]
            .as_str()
            .unwrap_or_default()
            .contains("claimtrace 0.0.1")
    });
    assert_eq!(shown["type"], 1, "an error: {shown}");
    let message = shown["message"].as_str().unwrap();
    assert!(
        message.contains("idx") && message.contains("rebuild it with `claimtrace index`"),
        "{message}"
    );
    let refused = client.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == uri.as_str()
            && p["diagnostics"][0]["message"]
                .as_str()
                .is_some_and(|m| m.contains("claimtrace 0.0.1"))
    });
    assert_eq!(refused["diagnostics"][0]["severity"], 1, "{refused}");

    // Whole again: the draft is checked against the archive again.
    std::fs::write(&manifest_path, &manifest).unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": uri_of(&manifest_path), "type": 2 }] }),
    );
    let rechecked = client.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == uri.as_str()
            && p["diagnostics"]
                .as_array()
                .is_some_and(|d| !d.is_empty() && d.iter().all(|d| d["code"] == "uncited-source"))
    });
    assert_eq!(rechecked["version"], 2);
    client.shutdown();
}
