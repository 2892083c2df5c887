//! claimtrace traces every claim in a draft back to its source.
//!
//! A source article says who said what and which figures they gave; a
//! derived document (a news draft, a rewrite, a summary) repeats some of it.
//! claimtrace reads both and checks that the derived document only says
//! what its sources support.
//!
//! The library is a one-way pipeline; each stage is a module with one entry
//! point and plain data out:
//!
//! ```text
//! bytes ──► Document ──► Sentences ──► Claims ──► SourceIndex ──► Audit ──► text
//!         (document)    (segment)     (claims)     (check)       (check)   (report)
//!                                        ▲
//!                                   RuleSet (rules)
//! ```
//!
//! * [`document`] reads a file (plain text or Markdown) into a
//!   [`document::Document`]: its exact text and its prose blocks.
//! * [`segment`] splits the blocks into [`segment::Sentence`]s.
//! * [`claims`] tags each sentence with its speaker, quotations and
//!   figures.
//! * [`check`] indexes the sources and verifies each draft's claims against
//!   them, giving an [`check::Audit`].
//! * [`rules`] loads the knowledge the stages use from the data files in
//!   `rules/`.
//! * [`span`] turns byte offsets into lines and columns; [`report`] renders
//!   results for people and programs.
//! * [`bounds`] says what a check bounds on hostile input (warnings of a
//!   kind, sentences without content) and keeps to it.
//! * [`run`] is a whole check run — settings, inputs, index, audit,
//!   rendering — the one API every front end (the command line, an editor's
//!   language server, a report) calls.
//!
//! ```
//! use claimtrace::{document::{Document, Format}, rules::RuleSet, segment};
//!
//! let text = "Singh met Dr. Kallas in the U.S. The talks went well.".to_string();
//! let document = Document::from_text("note.txt".into(), text, Format::Plain);
//! let rules = RuleSet::builtin();
//! let sentences = segment::sentences(&document, &rules);
//! let texts: Vec<_> = sentences.iter().map(|s| s.text).collect();
//! assert_eq!(texts, ["Singh met Dr. Kallas in the U.S.", "The talks went well."]);
//! ```

pub mod access;
pub mod archive;
pub mod bounds;
pub mod check;
pub mod citations;
pub mod claims;
pub mod config;
pub mod declared;
pub mod diff;
pub mod document;
pub mod error;
pub mod init;
pub mod inputs;
pub mod lang;
pub mod lsp;
pub mod parallel;
pub mod report;
pub mod rules;
pub mod run;
pub mod segment;
pub mod span;
pub mod suppress;

pub use error::{Error, Result};
