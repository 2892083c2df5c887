//! `claimtrace lsp`: a Language Server Protocol server, so an editor shows
//! findings as the writer types.
//!
//! The server is a thin front end over [`crate::run::Workspace`], like the
//! command line over [`crate::run`]: it translates the editor's requests
//! into checks of a draft's current text (the editor's buffer, never the
//! file on disk) and the [`crate::check::DocumentAudit`] back into
//! diagnostics, code actions and hovers. It holds no checking logic.
//!
//! Built on `lsp-server` and `lsp-types` (the transport and types of
//! rust-analyzer): a synchronous loop over a channel of messages, which
//! suits a server whose work is a short CPU-bound check, needs no async
//! runtime, and makes debouncing a matter of waiting on the channel with a
//! deadline.
//!
//! * [`server`]: the state and the loop (debouncing, rebuilding the
//!   workspace when sources or settings change);
//! * [`convert`]: audits as diagnostics, code actions and hovers;
//! * [`position`]: byte offsets and the protocol's line/UTF-16 positions,
//!   and applying an editor's edits;
//! * [`options`]: the editor's settings;
//! * [`framing`]: the protocol's framing, read from any input.

pub mod convert;
pub mod framing;
pub mod options;
pub mod position;
pub mod server;

pub use server::Server;

/// Serves the protocol on standard input and output until the client
/// exits; an error says why it stopped early.
pub fn serve_stdio() -> Result<(), String> {
    let (connection, io_threads) = lsp_server::Connection::stdio();
    let outcome = Server::start(connection).and_then(Server::run);
    // The writer thread ends once the server's sender is dropped.
    io_threads
        .join()
        .map_err(|e| format!("reading or writing messages: {e}"))?;
    outcome
}
