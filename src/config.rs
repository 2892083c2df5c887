//! `claimtrace.toml`: a repository's settings for `claimtrace check`.
//!
//! The file sits at the repository root (the nearest folder at or above the
//! current one holding it or `.git`). Every key is optional; a flag on the
//! command line wins over the file:
//!
//! ```toml
//! sources = "sources"          # sources every draft is checked against
//! drafts = "drafts/**/*.md"    # drafts to check when none are named
//! fail-on = "warning"          # error | warning | never
//! rules = "claimtrace-rules"   # a rules folder (see `--rules`)
//!
//! [severity]                   # per rule: error | warning | info | off
//! misquote = "warning"
//! unsupported-attribution = "off"
//! ```
//!
//! Paths are relative to the root. An unknown key, rule or value is an
//! error naming the file and line.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap;
use serde::Deserialize;

use crate::check::{Kind, Severity};
use crate::error::{Error, Result};
use crate::rules::RuleText;

/// The file's name.
pub const FILE_NAME: &str = "claimtrace.toml";

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ConfigFile {
    sources: Option<String>,
    drafts: Option<String>,
    fail_on: Option<toml::Spanned<String>>,
    rules: Option<String>,
    #[serde(default)]
    severity: BTreeMap<String, toml::Spanned<String>>,
}

/// When a check fails.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailOn {
    /// At or above this severity.
    Severity(Severity),
    Never,
}

/// A repository's settings, resolved.
#[derive(Debug, Default)]
pub struct Config {
    /// The file read, if any.
    pub path: Option<PathBuf>,
    pub sources: Option<PathBuf>,
    /// The drafts glob, as written, relative to the root.
    pub drafts: Option<String>,
    pub root: PathBuf,
    pub fail_on: Option<FailOn>,
    pub rules: Option<PathBuf>,
    /// Per rule: its severity, or `None` when turned off.
    pub severity: FxHashMap<Kind, Option<Severity>>,
}

/// Finds and reads the configuration for a check run from `start`.
pub fn load(start: &Path) -> Result<Config> {
    let start = start.canonicalize().map_err(|source| Error::Io {
        path: start.to_path_buf(),
        source,
    })?;
    let root = start
        .ancestors()
        .find(|folder| folder.join(FILE_NAME).is_file() || folder.join(".git").exists())
        .unwrap_or(&start)
        .to_path_buf();
    let path = root.join(FILE_NAME);
    if !path.is_file() {
        return Ok(Config {
            root,
            ..Config::default()
        });
    }
    let text = std::fs::read_to_string(&path).map_err(|source| Error::Io {
        path: path.clone(),
        source,
    })?;
    let file = RuleText {
        path: path.clone(),
        text,
    };
    let spec: ConfigFile = file.toml()?;
    let line = |span: std::ops::Range<usize>| file.line_of(span.start);
    let fail_on = spec
        .fail_on
        .map(|value| match value.get_ref().as_str() {
            "error" => Ok(FailOn::Severity(Severity::Error)),
            "warning" => Ok(FailOn::Severity(Severity::Warning)),
            "never" => Ok(FailOn::Never),
            other => Err(file.error(
                line(value.span()),
                format!("fail-on must be error, warning or never, not `{other}`"),
            )),
        })
        .transpose()?;
    let mut severity = FxHashMap::default();
    for (rule, value) in &spec.severity {
        let Some(kind) = Kind::from_name(rule) else {
            return Err(file.error(line(value.span()), format!("unknown rule `{rule}`")));
        };
        let level = match value.get_ref().as_str() {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "info" => Some(Severity::Info),
            "off" => None,
            other => {
                return Err(file.error(
                    line(value.span()),
                    format!("severity must be error, warning, info or off, not `{other}`"),
                ));
            }
        };
        severity.insert(kind, level);
    }
    Ok(Config {
        path: Some(path),
        sources: spec.sources.map(|s| root.join(s)),
        drafts: spec.drafts,
        fail_on,
        rules: spec.rules.map(|r| root.join(r)),
        severity,
        root,
    })
}

/// The files under `root` that the drafts glob `pattern` matches, sorted.
pub fn drafts_matching(root: &Path, pattern: &str, config: &Path) -> Result<Vec<PathBuf>> {
    let matcher = globset::Glob::new(pattern)
        .map_err(|e| Error::Rule {
            path: config.to_path_buf(),
            line: 1,
            message: format!("drafts: {e}"),
        })?
        .compile_matcher();
    let mut found = Vec::new();
    for path in crate::document::expand_paths(&[root.to_path_buf()])? {
        let relative = path.strip_prefix(root).unwrap_or(&path);
        if matcher.is_match(relative) {
            found.push(crate::document::relative_to_current(&path));
        }
    }
    Ok(found)
}
