//! Sources at scale: a persistent index of a source archive, and checking
//! against it.
//!
//! A newsroom's archive (wire copy, published stories, statements) is too
//! large to read for every check. `claimtrace index` reads it once into an
//! on-disk index ([`write`]), built with the embedded search library
//! tantivy; `claimtrace check --index` then has each draft claim retrieve
//! its best few passages from it ([`retrieve`]), chooses the files that
//! hold enough of the claim ([`select`]), and checks the draft against
//! those files **in memory, exactly as with `--source`** ([`attach`]): the
//! index only decides which files are read, never what they are judged to
//! say. So a check costs what its draft and a handful of files cost,
//! whatever the archive holds, and gives the verdicts that naming those
//! files would give.
//!
//! * [`schema`], [`keys`], [`records`]: what the index holds per file and
//!   per passage, and how a passage is keyed (content words, names,
//!   figures);
//! * [`manifest`], [`digest`], [`state`]: the versions an index was built
//!   with, and the file states and digests `index update` compares;
//! * [`write`]: `index` and `index update`, and why a reader always sees
//!   one consistent commit;
//! * [`open`]: opening an index, or refusing a damaged or incompatible one;
//! * [`retrieve`], [`select`], [`attach`]: from a draft's claims to the
//!   sources of its plan;
//! * [`uncited`]: `uncited-source`, a claim only an uncited archive file
//!   holds;
//! * [`trace`]: `claimtrace trace`, the archive's verdicts on one sentence.

pub mod attach;
pub mod digest;
pub mod keys;
pub mod manifest;
pub mod open;
pub mod records;
pub mod retrieve;
pub mod schema;
pub mod select;
pub mod state;
pub mod trace;
pub mod uncited;
pub mod write;

pub use attach::attach;
pub use open::{Archive, open};
pub use trace::{Trace, trace};
pub use write::{Built, Updated, build, update};
