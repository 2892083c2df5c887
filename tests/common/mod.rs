//! What the end-to-end tests share: running the built `claimtrace` from the
//! crate root, without colour.

use std::process::{Command, Output};

/// Runs `claimtrace` with `args` from the crate root, colour off.
pub fn claimtrace(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimtrace"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .expect("claimtrace runs")
}
