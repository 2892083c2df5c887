//! The kinds of finding the checker reports, one file each, and the
//! registry that lists them.
//!
//! A kind is a unit, as a rule is in ruff: its file (`misquote.rs` for
//! `misquote`) holds everything about it that does not depend on a draft:
//!
//! * `NAME`, the name used on the command line, in configuration and in
//!   every output;
//! * `SEVERITY`, its default severity;
//! * `VERDICT`, the verdict a finding of it gives its claim (or none);
//! * `DOC`, its documentation in three parts — what it finds, why that is
//!   bad, an example — which `claimtrace explain NAME` prints;
//! * a **violation**: a struct (or enum) holding the facts a finding of the
//!   kind states (the words changed, the speaker the source names), and
//!   its [`Violation`] impl, the one place where the finding's message and
//!   fix are written from those facts.
//!
//! The checks (`src/check/draft/`) establish the facts, build the
//! violation and return it as a finding, with
//! [`Finding::new`](super::Finding::new).
//!
//! The `registry!` below is the one ordered list of kinds. From it come
//! [`Kind`] and [`Kind::ALL`], and from those every list of kinds: the
//! names ([`Kind::name`], [`Kind::from_name`]), the severities, the verdicts,
//! `claimtrace explain` ([`Kind::listing`], [`Kind::explanation`]), the
//! rules of the SARIF log and the legend of the HTML report.
//!
//! # Adding a kind
//!
//! 1. Write `src/check/kinds/<name>.rs` (the name in snake case), with the
//!    constants and the violation above; copy a kind of the same shape.
//! 2. Add one line, `Variant => module,`, at the end of the registry.
//!
//! Then a check returns `Finding::new(&violation, …)` where it finds one,
//! and the kind needs a fixture, `tests/fixtures/<name>/draft.md`, and its
//! test in `tests/check.rs`.
//!
//! The order of the registry is the order of every list of kinds, and it
//! breaks ties when findings at the same words are sorted: a new kind goes
//! last, so that no output of the kinds before it changes. The tests of
//! this module fail for a kind file the registry does not name, a name
//! that is not its module's, or documentation that lacks a part;
//! `tests/check.rs` fails for a kind without a fixture under
//! `tests/fixtures/<name>/`.

use serde::Serialize;

use super::Verdict;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// How firmly a finding's evidence shows what it says: the verdict policy
/// (README, "Verdict policy").
///
/// A finding is `high` when a source passage aligned with the draft says
/// otherwise in a named slot (another speaker at the quotation's marks, a
/// different figure of the same thing, changed words of a quotation), or
/// when quoted words have no counterpart in any source. It is `low` when
/// the judgement rests on a reading the checker cannot be sure of: a
/// speaker guessed from context on either side, a name that may be the
/// same person's. A low finding is a lead for the editor, reported at
/// `info`, and does not change its claim's verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    Low,
    High,
}

/// A kind's documentation, in the three parts ruff gives a rule.
#[derive(Clone, Copy, Debug)]
pub struct Doc {
    /// What it finds: the first sentence is the kind's summary.
    pub what: &'static str,
    /// Why that is bad: what the reader would be misled about.
    pub why: &'static str,
    /// A source, a draft, and the finding the draft gets.
    pub example: &'static str,
}

impl Doc {
    /// The first sentence of what the kind finds, with its full stop: the
    /// kind's line in `claimtrace explain` and the HTML legend.
    pub fn summary(&self) -> &'static str {
        let what = self.what;
        what.find(". ").map_or(what, |end| &what[..=end])
    }
}

/// The facts of one finding, typed by its kind, from which its message
/// and fix are written.
pub trait Violation {
    /// The kind of finding this is.
    const KIND: Kind;

    /// What is wrong, in one sentence without a full stop, naming the
    /// words and people concerned.
    fn message(&self) -> String;

    /// What to do about it, when the checker knows.
    fn fix(&self) -> Option<String> {
        None
    }

    /// The text that replaces the finding's words when the fix is applied,
    /// when the fix is that plain (editors offer it as a code action).
    fn replacement(&self) -> Option<String> {
        None
    }
}

/// Text on one line: runs of whitespace (paragraph breaks included) become
/// one space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Words of the draft, each in quotation marks, joined by commas; a word
/// given twice is listed once.
fn quoted_list(words: &[&str]) -> String {
    let mut listed: Vec<String> = Vec::new();
    for word in words {
        let quoted = format!("“{word}”");
        if !listed.contains(&quoted) {
            listed.push(quoted);
        }
    }
    listed.join(", ")
}

/// Declares the kinds, one line each (`Variant => module,`), in the order
/// of every list of them; each module is the kind's file.
macro_rules! registry {
    ($($variant:ident => $module:ident,)+) => {
        $(pub mod $module;)+

        /// A kind of finding. The documentation of each is in its module
        /// (`claimtrace explain NAME` prints it).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Kind {
            $(
                #[doc = concat!("A finding documented in [`", stringify!($module), "`](", stringify!($module), ").")]
                $variant,
            )+
        }

        impl Kind {
            /// Every kind, in the registry's order.
            pub const ALL: [Kind; [$(stringify!($variant)),+].len()] = [$(Kind::$variant),+];

            /// The name used on the command line and in every output.
            pub fn name(self) -> &'static str {
                match self {
                    $(Kind::$variant => $module::NAME,)+
                }
            }

            /// The severity of its findings unless a configuration says
            /// otherwise.
            pub fn default_severity(self) -> Severity {
                match self {
                    $(Kind::$variant => $module::SEVERITY,)+
                }
            }

            /// What, why and an example.
            pub fn doc(self) -> Doc {
                match self {
                    $(Kind::$variant => $module::DOC,)+
                }
            }

            /// The verdict a finding of this kind gives its claim; none
            /// for a finding about a citation rather than the claim.
            pub fn verdict(self) -> Option<Verdict> {
                match self {
                    $(Kind::$variant => $module::VERDICT,)+
                }
            }
        }
    };
}

registry! {
    Misquote => misquote,
    FabricatedQuote => fabricated_quote,
    MisattributedQuote => misattributed_quote,
    FigureMismatch => figure_mismatch,
    UnsourcedFigure => unsourced_figure,
    UnsupportedAttribution => unsupported_attribution,
    CitationMismatch => citation_mismatch,
    BrokenCitation => broken_citation,
    UnverifiableCitation => unverifiable_citation,
    UnsupportedClaim => unsupported_claim,
    ContradictedClaim => contradicted_claim,
    MisattributedStatement => misattributed_statement,
    ConflictingSources => conflicting_sources,
    UncitedSource => uncited_source,
}

impl Kind {
    /// Whether only a check with an archive index reports this kind (see
    /// [`crate::archive`]): lists of every kind (the SARIF rules, the HTML
    /// legend) name it only when a run reports it, so that a run without an
    /// index writes what it always wrote.
    pub fn needs_archive(self) -> bool {
        self == Kind::UncitedSource
    }

    /// The kind called `name`, if there is one.
    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The kind's line in `claimtrace explain`: its name, default
    /// severity and summary, in columns.
    pub fn listing(self) -> String {
        format!(
            "{:<24} {:<8} {}",
            self.name(),
            self.default_severity().as_str(),
            self.doc().summary()
        )
    }

    /// What `claimtrace explain NAME` prints: the name and default
    /// severity, then the documentation under ruff's three headings.
    pub fn explanation(self) -> String {
        let Doc { what, why, example } = self.doc();
        format!(
            "{} ({} by default)\n\nWhat it does\n{what}\n\nWhy is this bad?\n{why}\n\nExample\n{example}\n",
            self.name(),
            self.default_severity().as_str(),
        )
    }
}

/// A kind is written as its name, in the JSON audit as everywhere.
impl Serialize for Kind {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_is_its_module_in_kebab_case_and_unique() {
        let mut names = Vec::new();
        for kind in Kind::ALL {
            let name = kind.name();
            // The variant in kebab case is the name: the variant names the
            // module (`FigureMismatch`, `figure_mismatch.rs`).
            let mut kebab = String::new();
            for (i, c) in format!("{kind:?}").char_indices() {
                if c.is_uppercase() && i > 0 {
                    kebab.push('-');
                }
                kebab.extend(c.to_lowercase());
            }
            assert_eq!(name, kebab, "{kind:?} is named after its variant");
            assert!(!names.contains(&name), "{name} is registered once");
            names.push(name);
            assert_eq!(Kind::from_name(name), Some(kind));
            assert_eq!(
                serde_json::to_value(kind).ok(),
                Some(serde_json::Value::String(name.to_string())),
                "{name} is written as its name"
            );
        }
        assert_eq!(Kind::from_name("nonesuch"), None);
    }

    #[test]
    fn every_kind_has_its_doc_in_three_parts() {
        for kind in Kind::ALL {
            let doc = kind.doc();
            let name = kind.name();
            for (part, text) in [
                ("what", doc.what),
                ("why", doc.why),
                ("example", doc.example),
            ] {
                assert!(!text.trim().is_empty(), "{name}: `{part}` is empty");
            }
            assert!(
                doc.summary().ends_with('.'),
                "{name}: the first sentence of `what` is a sentence"
            );
            // The example ends on the finding the draft gets, at the
            // kind's default severity.
            let shown = format!("{}[{name}]", kind.default_severity().as_str());
            assert!(
                doc.example.contains(&shown),
                "{name}: the example shows `{shown}`"
            );
        }
    }

    #[test]
    fn every_kind_file_is_registered() {
        // A kind's file that the registry does not name is never compiled:
        // it would be lost without a word.
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/check/kinds");
        let mut files: Vec<String> = std::fs::read_dir(&folder)
            .expect("the kinds folder is readable")
            .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
            .filter_map(|file| Some(file.strip_suffix(".rs")?.to_string()))
            .filter(|module| module != "mod")
            .collect();
        files.sort();
        let mut registered: Vec<String> = Kind::ALL
            .iter()
            .map(|kind| kind.name().replace('-', "_"))
            .collect();
        registered.sort();
        assert_eq!(
            files, registered,
            "one file per kind, and one registry line per file"
        );
    }

    #[test]
    fn explain_shows_the_three_parts() {
        for kind in Kind::ALL {
            let text = kind.explanation();
            let doc = kind.doc();
            assert!(text.starts_with(&format!("{} (", kind.name())), "{text}");
            for part in [
                format!("What it does\n{}\n", doc.what),
                format!("Why is this bad?\n{}\n", doc.why),
                format!("Example\n{}\n", doc.example),
            ] {
                assert!(text.contains(&part), "{text}");
            }
            assert!(kind.listing().starts_with(kind.name()));
        }
    }

    #[test]
    fn the_registry_order_is_the_order_of_kinds() {
        // Findings at the same words are sorted by kind: the order of
        // `ALL` and of `Ord` must agree.
        assert!(Kind::ALL.windows(2).all(|pair| pair[0] < pair[1]));
    }
}
