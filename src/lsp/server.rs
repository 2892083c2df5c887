//! The server's state and its one loop.
//!
//! One thread reads messages and does everything in turn, so there is
//! nothing to lock and every answer is about the latest text: a hover or a
//! code action on a document with a check pending runs the check first.
//!
//! * **Debouncing**: a change marks its document due a short while later
//!   (150 ms unless `debounceMs` says otherwise); each further change
//!   pushes the time back. The loop waits for the next message or the
//!   earliest due time, whichever comes first, and checks what is due. An
//!   opened document is checked at once.
//! * **The index is kept**: the [`Workspace`] reads and indexes the shared
//!   sources once; each check after a keystroke checks only the draft. A
//!   draft naming a source not read yet has it read (and the index built
//!   again) on its first check.
//! * **Sources change**: a change to a source file (`didChangeWatchedFiles`,
//!   which the server registers for when the client can, or `didSave`),
//!   or a file created or deleted in a source folder, rebuilds the
//!   workspace and checks every open draft again; so does a change to
//!   `claimtrace.toml` or the rules, or new settings from the editor.
//! * **An archive index** (`index` in `claimtrace.toml`): each check has
//!   the draft's claims retrieve their archive files, as `check --index`
//!   does, through the same [`Workspace`]; a file no check retrieved
//!   before is read (and the index over the sources built again) on the
//!   first check that does. An index that cannot be used (missing,
//!   damaged, built by another version or with other rules) is shown to
//!   the writer as an error message and on each open draft, and nothing
//!   is checked until it is rebuilt (a change to its `meta.json` or
//!   `claimtrace-index.json`) or `claimtrace.toml` changes; an index
//!   rebuilt or updated while the server runs is opened again.
//! * **Starting and stopping, as the protocol says**: requests before
//!   `initialize` are answered with `ServerNotInitialized` and an
//!   `initialize` whose parameters cannot be read with `InvalidParams`
//!   (the server waits for a good one). After `shutdown`, every request is
//!   answered with `InvalidRequest`, notifications are dropped and nothing
//!   more is checked, until `exit`. The process's exit status is 0 on
//!   `exit` after `shutdown` and 1 on `exit` without it ([`Stop`]); the end
//!   of the input counts as `exit`.
//! * **Large documents are not checked**: a document over
//!   [`MAX_CHECKED`] (1 MiB) gets one diagnostic saying it is too large
//!   and is not read further; its edits are still applied, so it is
//!   checked once it is small enough again. A check runs on this loop:
//!   its time and memory grow with the text (about a second and 25 MB
//!   for 1 MiB in a release build; a 20 MB document took most of a minute
//!   and 1 GB), and a hover, an edit or `shutdown` waits for it. A
//!   limit keeps that wait short where a worker thread would not: it
//!   would keep hovers answered, but not the memory, and would make the
//!   one-thread state (nothing to lock, every answer about the latest
//!   text) a shared one. News drafts run to tens of kilobytes.
//! * **Which documents are drafts**: Markdown and plain text that is not
//!   one of the sources, that matches `drafts` in `claimtrace.toml` when
//!   that is set, and that has sources (shared ones, or its own in front
//!   matter or footnotes). Other documents get no diagnostics.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crossbeam_channel::RecvTimeoutError;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{self as note, Notification as _};
use lsp_types::request::{self as req, Request as _};
use lsp_types::{
    CodeActionOrCommand, CodeActionParams, Diagnostic, DidChangeConfigurationParams,
    DidChangeTextDocumentParams, DidChangeWatchedFilesParams, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, DidSaveTextDocumentParams, HoverParams, InitializeParams,
    PublishDiagnosticsParams, Uri,
};
use rustc_hash::FxHashMap;

use super::convert::{self, Sources, Text};
use super::options::Options;
use super::position::{self, Encoding, Lines};
use crate::check::{DocumentAudit, Evidence};
use crate::config;
use crate::document::{self, Document, Format};
use crate::run::{Request as RunRequest, Settings, Workspace};
use crate::span::Span;

/// The largest document checked as you type: 1 MiB, some 170,000 words,
/// far past any news draft (the longest features run to some 20,000
/// words). A check's time and memory grow with the text (a check of
/// 20 MB took the server to 1 GB and most of a minute); a larger document
/// is not checked, and gets one diagnostic saying so.
pub const MAX_CHECKED: usize = 1 << 20;

/// How long after a source change the workspace is rebuilt: editors often
/// report one save several ways (didSave and a watched-file change).
const REBUILD_DELAY: Duration = Duration::from_millis(50);

/// How the server stopped, which the process's exit status follows, as
/// the protocol asks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stop {
    /// `exit` after `shutdown`, or the input ended after it: status 0.
    Clean,
    /// `exit` without `shutdown`, or the input ended before it: status 1.
    Unexpected,
}

impl Stop {
    /// The process's exit status.
    pub fn code(self) -> u8 {
        match self {
            Stop::Clean => 0,
            Stop::Unexpected => 1,
        }
    }
}

/// A document the editor has open.
struct Open {
    uri: Uri,
    /// The editor's text: unsaved changes included.
    text: String,
    version: i32,
    format: Format,
    /// The file the document is, when it is one.
    path: Option<PathBuf>,
    /// When it is to be checked next, if it changed since.
    due: Option<Instant>,
    /// The last check of the current text, when it was a draft.
    checked: Option<Checked>,
}

/// A check of an open document's current text.
struct Checked {
    audit: DocumentAudit,
    lines: Lines,
}

/// What the workspace is: ready, or broken by settings that cannot be used
/// (a malformed `claimtrace.toml` or rule file), with the error.
enum State {
    Ready(Workspace),
    Broken(String),
}

/// A source file as the editor opens it.
struct SourceFile {
    uri: Uri,
    /// Its index in the library's documents.
    at: usize,
    lines: Lines,
}

/// The server.
pub struct Server {
    connection: Connection,
    encoding: Encoding,
    root: PathBuf,
    options: Options,
    state: State,
    open: BTreeMap<String, Open>,
    /// Source files by display path, found as evidence names them; emptied
    /// when the workspace is rebuilt.
    sources: FxHashMap<String, Option<SourceFile>>,
    /// When the workspace is to be rebuilt, and whether the settings are
    /// to be settled again too.
    rebuild: Option<(Instant, bool)>,
    /// The next id of a request to the client.
    next_request: i32,
    /// Whether the client asked for `shutdown`: from then on, requests are
    /// refused and nothing is checked.
    shut_down: bool,
    /// A message that came between `initialize` and `initialized`, to
    /// handle first.
    first: Option<Message>,
}

impl Server {
    /// Answers `initialize` (requests before it are answered with
    /// `ServerNotInitialized`, an `initialize` whose parameters cannot be
    /// read with `InvalidParams`, and the server waits for a good one); the
    /// server is then ready to [`Server::run`]. It stops before that if
    /// the client says `exit` or goes away.
    pub fn start(connection: Connection) -> Result<Server, Stop> {
        let (id, params) = loop {
            let Ok(message) = connection.receiver.recv() else {
                return Err(Stop::Unexpected);
            };
            match message {
                Message::Request(request) if request.method == req::Initialize::METHOD => {
                    match serde_json::from_value::<InitializeParams>(request.params) {
                        Ok(params) => break (request.id, params),
                        Err(error) => {
                            let _ = connection.sender.send(Message::Response(Response::new_err(
                                request.id,
                                ErrorCode::InvalidParams as i32,
                                format!("invalid parameters: {error}"),
                            )));
                        }
                    }
                }
                Message::Request(request) => {
                    let _ = connection.sender.send(Message::Response(Response::new_err(
                        request.id,
                        ErrorCode::ServerNotInitialized as i32,
                        format!("{} before initialize", request.method),
                    )));
                }
                Message::Notification(notification)
                    if notification.method == note::Exit::METHOD =>
                {
                    return Err(Stop::Unexpected);
                }
                // Notifications before `initialize` are dropped, as the
                // protocol says.
                Message::Notification(_) | Message::Response(_) => {}
            }
        };
        let encoding = Encoding::negotiate(
            params
                .capabilities
                .general
                .as_ref()
                .and_then(|g| g.position_encodings.as_deref()),
        );
        let root = workspace_root(&params);
        // Paths in messages and evidence are shown relative to the root,
        // as the command line shows them relative to where it runs.
        if let Err(error) = std::env::set_current_dir(&root) {
            eprintln!("claimtrace lsp: {}: {error}", root.display());
        }
        let (options, options_error) =
            match Options::from_value(params.initialization_options.as_ref()) {
                Ok(options) => (options, None),
                Err(error) => (Options::default(), Some(error)),
            };
        let capabilities = serde_json::json!({
            "positionEncoding": encoding.kind(),
            "textDocumentSync": {
                "openClose": true,
                "change": lsp_types::TextDocumentSyncKind::INCREMENTAL,
                "save": { "includeText": false },
            },
            "hoverProvider": true,
            "codeActionProvider": { "codeActionKinds": [lsp_types::CodeActionKind::QUICKFIX] },
        });
        let result = serde_json::json!({
            "capabilities": capabilities,
            "serverInfo": { "name": "claimtrace", "version": env!("CARGO_PKG_VERSION") },
        });
        let _ = connection
            .sender
            .send(Message::Response(Response::new_ok(id, result)));
        // The client says `initialized` next; anything else it says first
        // is kept and handled once the server is ready.
        let first = match connection.receiver.recv() {
            Err(_) => return Err(Stop::Unexpected),
            Ok(Message::Notification(n)) if n.method == note::Exit::METHOD => {
                return Err(Stop::Unexpected);
            }
            Ok(Message::Notification(n)) if n.method == note::Initialized::METHOD => None,
            Ok(message) => Some(message),
        };
        let watch = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files)
            .and_then(|w| w.dynamic_registration)
            .unwrap_or(false);
        let mut server = Server {
            connection,
            encoding,
            root,
            options,
            state: State::Broken(String::new()),
            open: BTreeMap::new(),
            sources: FxHashMap::default(),
            rebuild: None,
            next_request: 1,
            shut_down: false,
            first,
        };
        if let Some(error) = options_error {
            server.show(lsp_types::MessageType::ERROR, &error);
        }
        if watch {
            server.watch_files();
        }
        server.state = server.load(true);
        Ok(server)
    }

    /// Serves until the client says `exit` or goes away; how it stopped
    /// gives the exit status.
    pub fn run(mut self) -> Stop {
        let receiver = self.connection.receiver.clone();
        loop {
            let message = match self.first.take() {
                Some(message) => Some(message),
                None => match self.next_due() {
                    Some(at) => match receiver.recv_deadline(at) {
                        Ok(message) => Some(message),
                        Err(RecvTimeoutError::Timeout) => None,
                        Err(RecvTimeoutError::Disconnected) => return self.stop(),
                    },
                    None => match receiver.recv() {
                        Ok(message) => Some(message),
                        Err(_) => return self.stop(),
                    },
                },
            };
            if let Some(message) = message {
                if let Message::Notification(n) = &message
                    && n.method == note::Exit::METHOD
                {
                    return self.stop();
                }
                self.guarded(|server| server.handle(message));
            }
            if !self.shut_down {
                self.guarded(Server::run_due);
            }
        }
    }

    /// How the server stops now: cleanly if it was shut down.
    fn stop(&self) -> Stop {
        if self.shut_down {
            Stop::Clean
        } else {
            Stop::Unexpected
        }
    }

    /// Runs `work`; should it panic (no input should make it), the panic
    /// is reported on standard error by the panic hook and the server goes
    /// on with the next message instead of dying with the editor's work.
    fn guarded(&mut self, work: impl FnOnce(&mut Server)) {
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(self)));
        if outcome.is_err() {
            eprintln!("claimtrace lsp: an internal error; going on with the next message");
        }
    }

    /// Handles one message from the client.
    fn handle(&mut self, message: Message) {
        match message {
            Message::Request(request) if self.shut_down => {
                let response = Response::new_err(
                    request.id,
                    ErrorCode::InvalidRequest as i32,
                    format!("{} after shutdown", request.method),
                );
                self.send(Message::Response(response));
            }
            Message::Request(request) if request.method == req::Shutdown::METHOD => {
                self.shut_down = true;
                self.send(Message::Response(Response::new_ok(request.id, ())));
            }
            Message::Request(request) => self.request(request),
            // After shutdown, nothing but `exit` is acted on.
            Message::Notification(_) if self.shut_down => {}
            Message::Notification(notification) => self.notification(notification),
            // Answers to our requests (registering file watchers).
            Message::Response(_) => {}
        }
    }

    /// The earliest time something is due.
    fn next_due(&self) -> Option<Instant> {
        self.open
            .values()
            .filter_map(|open| open.due)
            .chain(self.rebuild.map(|(at, _)| at))
            .min()
    }

    /// Rebuilds the workspace and checks the documents, where due.
    fn run_due(&mut self) {
        let now = Instant::now();
        if let Some((at, settle)) = self.rebuild
            && at <= now
        {
            self.rebuild = None;
            self.state = self.load(settle);
        }
        let due: Vec<String> = self
            .open
            .iter()
            .filter(|(_, open)| open.due.is_some_and(|at| at <= now))
            .map(|(key, _)| key.clone())
            .collect();
        for key in due {
            self.check(&key);
        }
    }

    fn notification(&mut self, notification: Notification) {
        let method = notification.method.clone();
        match method.as_str() {
            note::DidOpenTextDocument::METHOD => {
                if let Ok(params) = notification.extract::<DidOpenTextDocumentParams>(&method) {
                    self.did_open(params);
                }
            }
            note::DidChangeTextDocument::METHOD => {
                if let Ok(params) = notification.extract::<DidChangeTextDocumentParams>(&method) {
                    self.did_change(params);
                }
            }
            note::DidCloseTextDocument::METHOD => {
                if let Ok(params) = notification.extract::<DidCloseTextDocumentParams>(&method) {
                    let key = params.text_document.uri.as_str().to_string();
                    if self.open.remove(&key).is_some() {
                        self.publish(&params.text_document.uri, None, Vec::new());
                    }
                }
            }
            note::DidSaveTextDocument::METHOD => {
                if let Ok(params) = notification.extract::<DidSaveTextDocumentParams>(&method)
                    && let Some(path) = file_path(&params.text_document.uri)
                {
                    self.file_changed(&path);
                }
            }
            note::DidChangeWatchedFiles::METHOD => {
                if let Ok(params) = notification.extract::<DidChangeWatchedFilesParams>(&method) {
                    for change in params.changes {
                        if let Some(path) = file_path(&change.uri) {
                            self.file_changed(&path);
                        }
                    }
                }
            }
            note::DidChangeConfiguration::METHOD => {
                if let Ok(params) = notification.extract::<DidChangeConfigurationParams>(&method) {
                    match Options::from_value(Some(&params.settings)) {
                        Ok(options) if options == self.options => {}
                        Ok(options) => {
                            self.options = options;
                            self.rebuild = Some((Instant::now(), true));
                        }
                        Err(error) => self.show(lsp_types::MessageType::ERROR, &error),
                    }
                }
            }
            _ => {}
        }
    }

    fn request(&mut self, request: Request) {
        let id = request.id.clone();
        let method = request.method.clone();
        let response = match method.as_str() {
            req::HoverRequest::METHOD => match request.extract::<HoverParams>(&method) {
                Ok((_, params)) => {
                    let at = params.text_document_position_params;
                    Response::new_ok(id, self.hover(&at.text_document.uri, at.position))
                }
                Err(error) => invalid(id, &error),
            },
            req::CodeActionRequest::METHOD => match request.extract::<CodeActionParams>(&method) {
                Ok((_, params)) => Response::new_ok(id, self.code_actions(params)),
                Err(error) => invalid(id, &error),
            },
            req::Initialize::METHOD => Response::new_err(
                id,
                ErrorCode::InvalidRequest as i32,
                "the server is initialized already".to_string(),
            ),
            _ => Response::new_err(
                id,
                ErrorCode::MethodNotFound as i32,
                format!("claimtrace does not handle {method}"),
            ),
        };
        self.send(Message::Response(response));
    }

    fn did_open(&mut self, params: DidOpenTextDocumentParams) {
        let document = params.text_document;
        let path = file_path(&document.uri);
        let format = match (document.language_id.as_str(), &path) {
            ("markdown", _) => Format::Markdown,
            ("plaintext" | "text", _) => Format::Plain,
            (_, Some(path)) if is_prose(path) => Format::from_path(path),
            // Not prose: not claimtrace's to check.
            _ => return,
        };
        let key = document.uri.as_str().to_string();
        self.open.insert(
            key,
            Open {
                uri: document.uri,
                text: document.text,
                version: document.version,
                format,
                path,
                due: Some(Instant::now()),
                checked: None,
            },
        );
    }

    fn did_change(&mut self, params: DidChangeTextDocumentParams) {
        let key = params.text_document.uri.as_str().to_string();
        let debounce = self.options.debounce();
        let encoding = self.encoding;
        let Some(open) = self.open.get_mut(&key) else {
            return;
        };
        for change in params.content_changes {
            position::apply_change(&mut open.text, change, encoding);
        }
        open.version = params.text_document.version;
        open.checked = None;
        open.due = Some(Instant::now() + debounce);
    }

    /// A file changed on disk (or was created or deleted): if it is a
    /// source, the settings, the rules or the archive index (rebuilt or
    /// updated), the workspace is rebuilt.
    fn file_changed(&mut self, path: &Path) {
        let settle =
            path.file_name().is_some_and(|n| n == config::FILE_NAME) || self.is_rules_file(path);
        let source =
            match &self.state {
                State::Ready(workspace) => {
                    workspace.library().holds(path)
                        || in_folders(path, &workspace.settings().sources)
                        || workspace.settings().index.as_ref().is_some_and(|index| {
                            in_folders(path, std::slice::from_ref(&index.folder))
                        })
                }
                // An index that was refused may have been rebuilt.
                State::Broken(_) => path
                    .file_name()
                    .is_some_and(|n| n == "meta.json" || n == crate::archive::manifest::FILE_NAME),
            };
        if settle || source {
            let settle = settle || self.rebuild.is_some_and(|(_, s)| s);
            self.rebuild = Some((Instant::now() + REBUILD_DELAY, settle));
        }
    }

    fn is_rules_file(&self, path: &Path) -> bool {
        let folder = match &self.state {
            State::Ready(workspace) => workspace
                .settings()
                .config
                .rules
                .clone()
                .or_else(|| self.options.rules.clone()),
            State::Broken(_) => self.options.rules.clone(),
        };
        folder.is_some_and(|folder| in_folders(path, &[folder]))
    }

    /// Settles the settings (when `settle`, or when they were broken) and
    /// reads and indexes the sources; every open document is checked again.
    fn load(&mut self, settle: bool) -> State {
        self.sources.clear();
        for open in self.open.values_mut() {
            open.due = Some(Instant::now());
            open.checked = None;
        }
        let previous = std::mem::replace(&mut self.state, State::Broken(String::new()));
        let settings = match previous {
            State::Ready(workspace) if !settle => Ok(workspace.into_settings()),
            _ => self.settle(),
        };
        let settings = match settings {
            Ok(settings) => settings,
            Err(error) => {
                let message = crate::report::text::one_line(&error.to_string()).into_owned();
                self.show(lsp_types::MessageType::ERROR, &message);
                return State::Broken(message);
            }
        };
        let started = Instant::now();
        let (workspace, problems) = match Workspace::open(settings) {
            Ok(opened) => opened,
            // An archive index that cannot be used: nothing is checked
            // until it is fixed, as `check --index` checks nothing.
            Err(error) => {
                let message = crate::report::text::one_line(&error.to_string()).into_owned();
                self.show(lsp_types::MessageType::ERROR, &message);
                return State::Broken(message);
            }
        };
        for problem in problems.errors.iter().chain(&problems.skipped) {
            let message = crate::report::text::one_line(&problem.to_string()).into_owned();
            self.show(lsp_types::MessageType::WARNING, &message);
        }
        let archive = workspace.archive().map_or(String::new(), |archive| {
            format!(", with the archive index {}", archive.folder.display())
        });
        self.log(&format!(
            "indexed {} sources in {} ms{archive}",
            workspace.library().documents().len(),
            started.elapsed().as_millis()
        ));
        State::Ready(workspace)
    }

    /// The settings of the workspace: `claimtrace.toml` at the root, and
    /// the editor's options on top.
    fn settle(&self) -> crate::Result<Settings> {
        let request = RunRequest {
            sources: self.options.sources.clone(),
            rules: self.options.rules.clone(),
            strict_quotes: self.options.strict_quotes,
            ..RunRequest::default()
        };
        let mut settings = Settings::new(request, &self.root)?;
        // The editor's sources come on top of the configuration's.
        if !self.options.sources.is_empty()
            && let Some(folder) = &settings.config.sources
        {
            settings.sources.push(document::relative_to_current(folder));
        }
        Ok(settings)
    }

    /// Checks the open document `key` and publishes its diagnostics.
    fn check(&mut self, key: &str) {
        let Some(open) = self.open.get_mut(key) else {
            return;
        };
        open.due = None;
        open.checked = None;
        let workspace = match &mut self.state {
            State::Ready(workspace) => workspace,
            // Nothing can be checked: say why where the writer looks.
            State::Broken(error) => {
                let diagnostics = (!error.is_empty())
                    .then(|| Diagnostic {
                        severity: Some(lsp_types::DiagnosticSeverity::ERROR),
                        source: Some(convert::SOURCE.to_string()),
                        message: format!("claimtrace cannot check this workspace: {error}"),
                        ..Diagnostic::default()
                    })
                    .into_iter()
                    .collect();
                let (uri, version) = (open.uri.clone(), open.version);
                self.publish(&uri, Some(version), diagnostics);
                return;
            }
        };
        let path = open
            .path
            .clone()
            .unwrap_or_else(|| PathBuf::from(open.uri.as_str()));
        if open.text.len() > MAX_CHECKED {
            // Not read at all: a check's time and memory grow with the
            // text (some forty times its size in memory).
            let (uri, version) = (open.uri.clone(), open.version);
            let diagnostics = if workspace.is_draft(&path) {
                vec![Diagnostic {
                    severity: Some(lsp_types::DiagnosticSeverity::INFORMATION),
                    source: Some(convert::SOURCE.to_string()),
                    message: too_large(open.text.len()),
                    ..Diagnostic::default()
                }]
            } else {
                Vec::new()
            };
            self.publish(&uri, Some(version), diagnostics);
            return;
        }
        let draft = Document::from_text(path.clone(), open.text.clone(), open.format);
        let is_draft = workspace.is_draft(&path)
            && (!workspace.settings().sources.is_empty()
                || workspace.archive().is_some()
                || draft.front_matter.is_some()
                || !draft.footnote_refs.is_empty());
        let (uri, version) = (open.uri.clone(), open.version);
        if !is_draft {
            self.publish(&uri, Some(version), Vec::new());
            return;
        }
        let lines = Lines::new(&draft.text, self.encoding);
        let diagnostics = match workspace.check(&draft) {
            Ok(audit) => {
                let mut sources = SourceFiles {
                    workspace,
                    cache: &mut self.sources,
                    encoding: self.encoding,
                };
                let text = Text {
                    text: &draft.text,
                    lines: &lines,
                };
                let diagnostics = convert::diagnostics(&audit, &text, &mut sources, &self.options);
                if let Some(open) = self.open.get_mut(key) {
                    open.checked = Some(Checked { audit, lines });
                }
                diagnostics
            }
            Err(error) => vec![convert::error_diagnostic(&error)],
        };
        self.publish(&uri, Some(version), diagnostics);
    }

    /// Checks `uri` now if a check is pending, so that an answer about it
    /// is about its current text.
    fn current(&mut self, uri: &Uri) -> Option<&Open> {
        let key = uri.as_str();
        if self.open.get(key)?.due.is_some() {
            self.check(key);
        }
        self.open.get(key)
    }

    fn hover(&mut self, uri: &Uri, at: lsp_types::Position) -> Option<lsp_types::Hover> {
        let options = self.options.clone();
        let open = self.current(uri)?;
        let checked = open.checked.as_ref()?;
        let offset = checked.lines.offset(&open.text, at);
        let text = Text {
            text: &open.text,
            lines: &checked.lines,
        };
        convert::hover(&checked.audit, &text, offset, &options)
    }

    fn code_actions(&mut self, params: CodeActionParams) -> Vec<CodeActionOrCommand> {
        let uri = params.text_document.uri;
        self.current(&uri);
        let (Some(open), State::Ready(workspace)) = (self.open.get(uri.as_str()), &self.state)
        else {
            return Vec::new();
        };
        let Some(checked) = &open.checked else {
            return Vec::new();
        };
        let span: Span = checked.lines.span(&open.text, params.range);
        let text = Text {
            text: &open.text,
            lines: &checked.lines,
        };
        let mut sources = SourceFiles {
            workspace,
            cache: &mut self.sources,
            encoding: self.encoding,
        };
        convert::code_actions(
            &uri,
            &checked.audit,
            &text,
            open.format,
            span,
            &mut sources,
            &self.options,
        )
        .into_iter()
        .map(CodeActionOrCommand::CodeAction)
        .collect()
    }

    fn publish(&self, uri: &Uri, version: Option<i32>, diagnostics: Vec<Diagnostic>) {
        let params = PublishDiagnosticsParams {
            uri: uri.clone(),
            diagnostics,
            version,
        };
        self.send(Message::Notification(Notification::new(
            note::PublishDiagnostics::METHOD.to_string(),
            params,
        )));
    }

    /// Asks the client to tell of changes to prose files and settings.
    fn watch_files(&mut self) {
        let options = lsp_types::DidChangeWatchedFilesRegistrationOptions {
            watchers: vec![
                lsp_types::FileSystemWatcher {
                    glob_pattern: lsp_types::GlobPattern::String(
                        "**/*.{txt,md,markdown,toml}".to_string(),
                    ),
                    kind: None,
                },
                // An archive index's records: rebuilt or updated, it is
                // opened again.
                lsp_types::FileSystemWatcher {
                    glob_pattern: lsp_types::GlobPattern::String(
                        "**/{meta,claimtrace-index}.json".to_string(),
                    ),
                    kind: None,
                },
            ],
        };
        let params = lsp_types::RegistrationParams {
            registrations: vec![lsp_types::Registration {
                id: "claimtrace-watched-files".to_string(),
                method: note::DidChangeWatchedFiles::METHOD.to_string(),
                register_options: serde_json::to_value(options).ok(),
            }],
        };
        let id = RequestId::from(self.next_request);
        self.next_request += 1;
        self.send(Message::Request(Request::new(
            id,
            req::RegisterCapability::METHOD.to_string(),
            params,
        )));
    }

    fn show(&self, kind: lsp_types::MessageType, message: &str) {
        self.send(Message::Notification(Notification::new(
            note::ShowMessage::METHOD.to_string(),
            lsp_types::ShowMessageParams {
                typ: kind,
                message: format!("claimtrace: {message}"),
            },
        )));
    }

    fn log(&self, message: &str) {
        self.send(Message::Notification(Notification::new(
            note::LogMessage::METHOD.to_string(),
            lsp_types::LogMessageParams {
                typ: lsp_types::MessageType::LOG,
                message: format!("claimtrace: {message}"),
            },
        )));
    }

    fn send(&self, message: Message) {
        // A client that went away is noticed by the loop.
        let _ = self.connection.sender.send(message);
    }
}

/// Source files found for evidence, by display path.
struct SourceFiles<'a> {
    workspace: &'a Workspace,
    cache: &'a mut FxHashMap<String, Option<SourceFile>>,
    encoding: Encoding,
}

impl Sources for SourceFiles<'_> {
    fn locate(&mut self, evidence: &Evidence) -> Option<lsp_types::Location> {
        let library = self.workspace.library();
        let found = self
            .cache
            .entry(evidence.source.clone())
            .or_insert_with(|| {
                let at = library
                    .documents()
                    .iter()
                    .position(|d| d.display_path() == evidence.source)?;
                let path = library.canonical_paths().get(at)?;
                Some(SourceFile {
                    uri: file_uri(path)?,
                    at,
                    lines: Lines::new(&library.documents()[at].text, self.encoding),
                })
            })
            .as_ref()?;
        let text = &library.documents().get(found.at)?.text;
        let span = Span::new(
            evidence.span.start,
            evidence.span.end.max(evidence.span.start),
        );
        Some(lsp_types::Location {
            uri: found.uri.clone(),
            range: found.lines.range(text, span),
        })
    }
}

/// The folder the editor opened: the first workspace folder, else the
/// root it names, else the current folder.
fn workspace_root(params: &InitializeParams) -> PathBuf {
    #[allow(deprecated)] // rootUri: older clients send only this
    let root_uri = params.root_uri.as_ref();
    params
        .workspace_folders
        .as_ref()
        .and_then(|folders| folders.first())
        .and_then(|folder| file_path(&folder.uri))
        .or_else(|| root_uri.and_then(file_path))
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_else(|| PathBuf::from("."))
}

/// The file a `file:` URI names.
fn file_path(uri: &Uri) -> Option<PathBuf> {
    url::Url::parse(uri.as_str()).ok()?.to_file_path().ok()
}

/// The `file:` URI of a file.
fn file_uri(path: &Path) -> Option<Uri> {
    url::Url::from_file_path(path).ok()?.as_str().parse().ok()
}

/// Whether a file is one claimtrace reads as prose.
fn is_prose(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("md" | "markdown" | "txt")
    )
}

/// Whether `path` is in one of `folders` (or is one of them).
fn in_folders(path: &Path, folders: &[PathBuf]) -> bool {
    let real = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let path = real(path);
    folders.iter().any(|folder| path.starts_with(real(folder)))
}

/// What a document too large to check as you type is told.
fn too_large(bytes: usize) -> String {
    let mib = |bytes: usize| bytes as f64 / f64::from(1 << 20);
    format!(
        "this document is too large to check as you type ({:.1} MiB; the limit is {:.0} MiB): check it with `claimtrace check`",
        mib(bytes),
        mib(MAX_CHECKED)
    )
}

fn invalid<E: std::fmt::Debug>(id: RequestId, error: &E) -> Response {
    Response::new_err(
        id,
        ErrorCode::InvalidParams as i32,
        format!("invalid parameters: {error:?}"),
    )
}
