//! `claimtrace lsp`: a Language Server Protocol server, so an editor shows
//! findings as the writer types.
//!
//! The server is a thin front end over [`crate::run::Workspace`], like the
//! command line over [`crate::run`]: it translates the editor's requests
//! into checks of a draft's current text (the editor's buffer, never the
//! file on disk) and the [`crate::check::DocumentAudit`] back into
//! diagnostics, code actions and hovers. It holds no checking logic.
//!
//! Built on the message types of `lsp-server` and `lsp-types` (those of
//! rust-analyzer): a synchronous loop over a channel of messages, which
//! suits a server whose work is a short CPU-bound check, needs no async
//! runtime, and makes debouncing a matter of waiting on the channel with a
//! deadline. The channel is fed by a transport of its own ([`transport`],
//! [`framing`]) rather than `lsp-server`'s, which stops at the first
//! malformed message: no input stops this server. A malformed message is
//! answered with an error or skipped, with a line on standard error, and
//! the server reads on; it stops only on `exit` or at the end of its
//! input, with the exit status the protocol gives ([`Stop`]).
//!
//! * [`server`]: the state and the loop (debouncing, rebuilding the
//!   workspace when sources or settings change);
//! * [`convert`]: audits as diagnostics, code actions and hovers;
//! * [`position`]: byte offsets and the protocol's line/UTF-16 positions,
//!   and applying an editor's edits;
//! * [`options`]: the editor's settings;
//! * [`transport`]: the threads reading and writing messages, and the
//!   answers to malformed ones;
//! * [`framing`]: the protocol's framing, read from any input.

pub mod convert;
pub mod framing;
pub mod options;
pub mod position;
pub mod server;
pub mod transport;

pub use server::{Server, Stop};

/// Serves the protocol on standard input and output until the client
/// exits or goes away: how it stopped (the process's exit status follows
/// it), or an error if the thread writing messages failed.
pub fn serve_stdio() -> Result<Stop, String> {
    let (connection, threads) = transport::stdio();
    let stop = match Server::start(connection) {
        Ok(server) => server.run(),
        Err(stop) => stop,
    };
    // The writer ends once the server's sender is dropped (with the
    // server), having written what the server sent.
    threads.join()?;
    Ok(stop)
}
