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
//! max-file-size = "16M"        # larger files are refused (see `--max-file-size`)
//! index = "archive-index"      # an archive index (see `claimtrace index`)
//!
//! [severity]                   # per rule: error | warning | info | off
//! misquote = "warning"
//! unsupported-attribution = "off"
//! ```
//!
//! Paths are relative to the root and must stay inside it (the file comes
//! with the repository, from whoever can open a pull request): an absolute
//! path, a `..` climbing out, or a symbolic link leading out is an error
//! naming the file and line, as is an unknown key, rule or value.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use rustc_hash::FxHashMap;
use serde::Deserialize;

use crate::access;
use crate::check::{Kind, Severity};
use crate::document::walk::{self, Walk};
use crate::error::{Error, Result};
use crate::rules::RuleText;

/// The file's name.
pub const FILE_NAME: &str = access::CONFIG_FILE_NAME;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ConfigFile {
    sources: Option<toml::Spanned<String>>,
    drafts: Option<toml::Spanned<String>>,
    fail_on: Option<toml::Spanned<String>>,
    rules: Option<toml::Spanned<String>>,
    max_file_size: Option<toml::Spanned<toml::Value>>,
    index: Option<toml::Spanned<String>>,
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
    /// Files larger than this many bytes are refused.
    pub max_file_size: Option<u64>,
    /// An archive index every draft is checked against too (`check
    /// --index`).
    pub index: Option<PathBuf>,
    /// Per rule: its severity, or `None` when turned off.
    pub severity: FxHashMap<Kind, Option<Severity>>,
}

/// Finds and reads the configuration for a check run from `start`.
pub fn load(start: &Path) -> Result<Config> {
    let start = start.canonicalize().map_err(|source| Error::Io {
        path: start.to_path_buf(),
        source,
    })?;
    let root = access::repository_root(&start);
    let path = root.join(FILE_NAME);
    if std::fs::symlink_metadata(&path).is_err() {
        return Ok(Config {
            root,
            ..Config::default()
        });
    }
    // The file comes with the repository: read by the same rule as any
    // other (a link to `.git/config` is refused, never parsed and quoted).
    let text = read_confined(&root, &path)?;
    let file = RuleText::new(path.clone(), text);
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
    let max_file_size = spec
        .max_file_size
        .map(|value| {
            let size = match value.get_ref() {
                toml::Value::Integer(n) => u64::try_from(*n).ok(),
                toml::Value::String(text) => crate::document::parse_size(text),
                _ => None,
            };
            size.ok_or_else(|| {
                file.error(
                    line(value.span()),
                    "max-file-size must be a number of bytes or a size such as \"16M\"",
                )
            })
        })
        .transpose()?;
    let confined = |value: toml::Spanned<String>, key: &str| {
        confine(&root, value.get_ref()).map_err(|why| {
            file.error(
                line(value.span()),
                format!("{key} `{}` {why}", value.get_ref()),
            )
        })
    };
    if let Some(drafts) = &spec.drafts {
        check_drafts_glob(drafts.get_ref()).map_err(|why| {
            file.error(
                line(drafts.span()),
                format!("drafts `{}` {why}", drafts.get_ref()),
            )
        })?;
    }
    let sources = spec.sources.map(|s| confined(s, "sources")).transpose()?;
    let rules = spec.rules.map(|r| confined(r, "rules")).transpose()?;
    let index = spec.index.map(|i| confined(i, "index")).transpose()?;
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
        sources,
        drafts: spec.drafts.map(toml::Spanned::into_inner),
        fail_on,
        rules,
        max_file_size,
        index,
        severity,
        root,
    })
}

/// `written` (relative to `root`) resolved inside `root`, or why not: an
/// absolute path, a hidden one or a `..` climbing out, as written; then, by
/// the rule of [`crate::access`], anything leading out or to a hidden or
/// special file. A path that does not exist yet is left for its reader to
/// report.
fn confine(root: &Path, written: &str) -> std::result::Result<PathBuf, &'static str> {
    let path = Path::new(written);
    if path.has_root() || path.is_absolute() {
        return Err("is an absolute path; write it relative to the repository root");
    }
    let mut lexical = root.to_path_buf();
    for component in path.components() {
        match component {
            Component::Normal(part) if part.as_encoded_bytes().starts_with(b".") => {
                return Err("is hidden or in a hidden folder (such as .git)");
            }
            Component::Normal(part) => lexical.push(part),
            Component::ParentDir => {
                lexical.pop();
            }
            Component::CurDir => {}
            Component::RootDir | Component::Prefix(_) => {
                return Err("is an absolute path; write it relative to the repository root");
            }
        }
    }
    if !lexical.starts_with(root) {
        return Err("is outside the repository root");
    }
    match access::beneath(root, Path::new(written)) {
        Ok(_) => Ok(lexical),
        // Not there yet: its reader says so.
        Err(denied) if denied.is_not_found() => Ok(lexical),
        Err(_) => Err(access::REFUSED),
    }
}

/// Why a drafts glob cannot match inside the repository root, if it
/// cannot: it is matched against paths relative to the root, so an
/// absolute one or one climbing out with `..` would silently match
/// nothing.
fn check_drafts_glob(pattern: &str) -> std::result::Result<(), &'static str> {
    if pattern.starts_with('/') || pattern.starts_with('\\') || Path::new(pattern).has_root() {
        return Err("is an absolute path; write a glob relative to the repository root");
    }
    if pattern.split(['/', '\\']).any(|part| part == "..") {
        return Err("climbs out with `..`; write a glob relative to the repository root");
    }
    Ok(())
}

/// Reads the file at `path` inside `root` by the rule of
/// [`crate::access`].
fn read_confined(root: &Path, path: &Path) -> Result<String> {
    let inside = path.strip_prefix(root).unwrap_or(path);
    let admitted = access::beneath(root, inside).map_err(|d| d.into_error(path))?;
    let (mut file, _) = access::open(&admitted).map_err(|d| d.into_error(path))?;
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut file, &mut bytes).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    String::from_utf8(bytes).map_err(|e| Error::InvalidUtf8 {
        path: path.to_path_buf(),
        offset: e.utf8_error().valid_up_to(),
    })
}

/// The files under the root of `config` that its drafts glob `pattern`
/// matches, in sorted order, found by a confined walk
/// ([`crate::document::walk`]); files skipped in the walk are kept only if
/// the glob matches them.
pub fn drafts_matching(config: &Config, pattern: &str) -> Result<Walk> {
    let file = config.path.as_deref().unwrap_or(Path::new(FILE_NAME));
    let matcher = globset::Glob::new(pattern)
        .map_err(|e| Error::Rule {
            path: file.to_path_buf(),
            line: 1,
            message: format!("drafts: {e}"),
        })?
        .compile_matcher();
    let root = &config.root;
    let matches = |path: &Path| matcher.is_match(path.strip_prefix(root).unwrap_or(path));
    let mut walk = walk::files(&[root.to_path_buf()], root);
    walk.found.retain(|found| matches(&found.path));
    for found in &mut walk.found {
        found.path = crate::document::relative_to_current(&found.path);
    }
    walk.skipped
        .retain(|skipped| skipped.path().is_some_and(&matches));
    Ok(walk)
}
