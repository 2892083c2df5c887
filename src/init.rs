//! `claimtrace init`: a starting layout for a publication repository — a
//! commented `claimtrace.toml`, a `sources/` folder for the articles
//! drafts derive from and a `drafts/` folder for the drafts — written only
//! where nothing is there yet. Run twice, it changes nothing.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::config::FILE_NAME;
use crate::error::{Error, Result};

/// The configuration `init` writes: every key, commented out where the
/// default is right, so a newsroom sees what it can set.
const CONFIG: &str = r#"# claimtrace's settings for this repository (see "claimtrace.toml" in the
# README). Paths are relative to this file and stay inside the repository.

# Sources every draft is checked against: a folder read for .txt, .md and
# .markdown files (a draft may also declare its own in front matter).
sources = "sources"

# The drafts `claimtrace check` checks when none are named.
drafts = "drafts/**/*.md"

# The least severity that fails a check: error, warning or never.
# fail-on = "error"

# A folder of rule files that add to the built-in ones, file by file.
# rules = "claimtrace-rules"

# Files larger than this are refused.
# max-file-size = "128M"

# An archive index (built with `claimtrace index INDEX --archive FOLDER`):
# each claim is also checked against the archive files that hold it.
# index = "archive-index"

# Per finding kind: error, warning, info or off (`claimtrace explain`
# lists the kinds).
# [severity]
# unsupported-claim = "warning"
"#;

/// What `init` did with one path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// Made now.
    Created(PathBuf),
    /// There already; left as it was.
    Kept(PathBuf),
}

/// Writes the starting layout in `folder`, making only what is missing.
pub fn scaffold(folder: &Path) -> Result<Vec<Step>> {
    let io_error = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Io { path, source }
    };
    let mut steps = Vec::new();
    let config = folder.join(FILE_NAME);
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&config)
    {
        Ok(mut file) => {
            file.write_all(CONFIG.as_bytes())
                .map_err(io_error(&config))?;
            steps.push(Step::Created(config));
        }
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
            steps.push(Step::Kept(config));
        }
        Err(error) => return Err(io_error(&config)(error)),
    }
    for name in ["sources", "drafts"] {
        let path = folder.join(name);
        match std::fs::create_dir(&path) {
            Ok(()) => steps.push(Step::Created(path)),
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
                steps.push(Step::Kept(path));
            }
            Err(error) => return Err(io_error(&path)(error)),
        }
    }
    Ok(steps)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_is_a_valid_configuration() {
        let parsed: toml::Table = toml::from_str(CONFIG).expect("valid TOML");
        assert_eq!(parsed["sources"].as_str(), Some("sources"));
        assert_eq!(parsed["drafts"].as_str(), Some("drafts/**/*.md"));
    }

    #[test]
    fn a_second_run_changes_nothing() {
        let folder = tempfile::tempdir().unwrap();
        let first = scaffold(folder.path()).unwrap();
        assert!(first.iter().all(|step| matches!(step, Step::Created(_))));
        std::fs::write(folder.path().join(FILE_NAME), "sources = \"mine\"\n").unwrap();
        let second = scaffold(folder.path()).unwrap();
        assert!(second.iter().all(|step| matches!(step, Step::Kept(_))));
        assert_eq!(
            std::fs::read_to_string(folder.path().join(FILE_NAME)).unwrap(),
            "sources = \"mine\"\n"
        );
    }
}
