//! What an editor may tell the server beyond `claimtrace.toml`: in
//! `initializationOptions` when it starts the server, and again in
//! `workspace/didChangeConfiguration`.
//!
//! ```json
//! { "sources": ["sources/"], "strictQuotes": false, "rules": "my-rules",
//!   "debounceMs": 200, "documentationUrl": "https://example.org/kinds#{kind}" }
//! ```
//!
//! Every key is optional; the object may also stand under a `claimtrace`
//! key (as editors nest the settings of each server). Sources and rules are
//! relative to the workspace root; sources named here come on top of the
//! ones `claimtrace.toml` names, as `--source` does on the command line.
//! Keys the server does not know are ignored, since editors send their own
//! settings alongside; a known key with a value of the wrong type is an
//! error the server shows.

use std::path::PathBuf;
use std::time::Duration;

use serde::Deserialize;

/// How long the server waits after a change before checking, unless told.
pub const DEFAULT_DEBOUNCE: Duration = Duration::from_millis(150);

/// Where a finding kind's documentation is, unless told: `{kind}` stands
/// for the kind's name (`misquote`), `{Kind}` for its name in the library's
/// documentation (`Misquote`).
pub const DEFAULT_DOCUMENTATION: &str =
    "https://docs.rs/claimtrace/latest/claimtrace/check/kinds/enum.Kind.html#variant.{Kind}";

/// The server's settings from the editor.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Options {
    /// Sources of every draft, besides those of `claimtrace.toml`.
    pub sources: Vec<PathBuf>,
    /// Compare quotations strictly, as `--strict-quotes`.
    pub strict_quotes: bool,
    /// A rules folder, as `--rules`.
    pub rules: Option<PathBuf>,
    /// Milliseconds to wait after a change before checking.
    pub debounce_ms: Option<u64>,
    /// Where each finding kind's documentation is (see
    /// [`DEFAULT_DOCUMENTATION`]).
    pub documentation_url: Option<String>,
}

impl Options {
    /// Reads options from what a client sent: `null`, the options, or the
    /// options under `claimtrace`.
    pub fn from_value(value: Option<&serde_json::Value>) -> Result<Options, String> {
        let Some(value) = value.filter(|v| !v.is_null()) else {
            return Ok(Options::default());
        };
        let value = value.get("claimtrace").unwrap_or(value);
        Options::deserialize(value).map_err(|e| format!("claimtrace settings: {e}"))
    }

    /// How long to wait after a change before checking.
    pub fn debounce(&self) -> Duration {
        self.debounce_ms
            .map_or(DEFAULT_DEBOUNCE, Duration::from_millis)
    }

    /// The address of `kind`'s documentation.
    pub fn documentation(&self, kind: crate::check::Kind) -> String {
        let template = self
            .documentation_url
            .as_deref()
            .unwrap_or(DEFAULT_DOCUMENTATION);
        let pascal: String = kind
            .name()
            .split('-')
            .flat_map(|word| {
                let mut chars = word.chars();
                chars
                    .next()
                    .map(|c| c.to_ascii_uppercase())
                    .into_iter()
                    .chain(chars)
            })
            .collect();
        template
            .replace("{kind}", kind.name())
            .replace("{Kind}", &pascal)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn nested_plain_or_absent() {
        let plain = json!({ "sources": ["sources"], "strictQuotes": true, "other": 1 });
        let nested = json!({ "claimtrace": plain.clone() });
        let want = Options {
            sources: vec!["sources".into()],
            strict_quotes: true,
            ..Options::default()
        };
        assert_eq!(Options::from_value(Some(&plain)), Ok(want.clone()));
        assert_eq!(Options::from_value(Some(&nested)), Ok(want));
        assert_eq!(Options::from_value(None), Ok(Options::default()));
        assert_eq!(
            Options::from_value(Some(&serde_json::Value::Null)),
            Ok(Options::default())
        );
        let wrong = json!({ "sources": "not a list" });
        assert!(
            Options::from_value(Some(&wrong))
                .unwrap_err()
                .starts_with("claimtrace settings:")
        );
    }

    #[test]
    fn documentation_addresses() {
        use crate::check::Kind;
        let options = Options::default();
        assert!(
            options
                .documentation(Kind::FigureMismatch)
                .ends_with("#variant.FigureMismatch")
        );
        let own = Options {
            documentation_url: Some("https://example.org/rules/{kind}".into()),
            ..Options::default()
        };
        assert_eq!(
            own.documentation(Kind::Misquote),
            "https://example.org/rules/misquote"
        );
    }
}
