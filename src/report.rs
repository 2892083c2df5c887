//! Rendering results for people (`human`, `html`) and for programs (`json`).
//!
//! Every renderer writes to a `std::io::Write` and returns its I/O errors, so
//! the binary decides what a closed pipe means. JSON output is the stable,
//! documented interface (see the README); the human output may change to
//! read better.

pub mod check;
pub mod claims;
pub mod github;
pub mod html;
pub mod json;
pub mod output;
pub mod sarif;
pub mod sentences;
pub mod text;
pub mod trace;

/// The JSON Schema (2020-12) of the JSON output: the audit of `check
/// --format json` and the output of `claims` and `sentences`. The audit's
/// `version` rises with any change that removes or renames a field or
/// changes its meaning; a new optional field leaves it.
pub const AUDIT_SCHEMA: &str = include_str!("../schemas/audit.schema.json");

/// The output formats every command offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    Human,
    Json,
}
