//! Word knowledge lives in `rules/`, not in Rust: no stage keeps a list of
//! words of its own. This test finds every list of six or more word
//! literals anywhere in `src/` outside test modules: an array, a slice, a
//! `"a" | "b" | …` pattern, or pairs and tuples (`[("isation", "ization"),
//! ("our", "or"), …]`). There is no allowance: one such list fails the
//! test, in the language module too (how English is spelt is data in
//! `rules/en/spelling.toml`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use regex::Regex;

/// Six or more word literals in a row, separated by commas or `|`.
fn list_pattern() -> Regex {
    let literal = r#""[A-Za-z'’][A-Za-z'’\-. ]*""#;
    // Comments may stand between the words, before or after a separator,
    // and brackets too, where the words are pairs or tuples.
    let gap = r"[\s()\[\]]*(?://[^\n]*\n[\s()\[\]]*)*";
    Regex::new(&format!(r"(?:{literal}{gap}(?:,|\|){gap}){{5,}}{literal}"))
        .expect("a valid pattern")
}

/// The code of a Rust file without its test module (from the first
/// `#[cfg(test)]` on).
fn code(text: &str) -> &str {
    text.find("#[cfg(test)]").map_or(text, |at| &text[..at])
}

fn rust_files(folder: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(folder)
        .expect("src/ is listed")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// How many word lists each file of `src/` holds (files with none left
/// out), by path relative to the crate.
fn word_lists(root: &Path) -> BTreeMap<String, usize> {
    let pattern = list_pattern();
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    let mut counts = BTreeMap::new();
    for path in files {
        let relative = path
            .strip_prefix(root)
            .expect("inside the crate")
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read_to_string(&path).expect("a source file");
        let found = pattern.find_iter(code(&text)).count();
        if found > 0 {
            counts.insert(relative, found);
        }
    }
    counts
}

#[test]
fn no_word_lists_in_the_code() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let wrong: Vec<String> = word_lists(root)
        .iter()
        .map(|(path, count)| {
            format!(
                "{path}: {count} word lists: put the words in rules/ (the lexicon) and ask the tag"
            )
        })
        .collect();
    assert!(wrong.is_empty(), "\n{}\n", wrong.join("\n"));
}

/// A crate folder of one source file, `src/check/planted.rs`, holding
/// `code`; removed when dropped.
struct PlantedCrate(PathBuf);

impl PlantedCrate {
    fn new(name: &str, code: &str) -> PlantedCrate {
        let root = std::env::temp_dir().join(format!("claimtrace-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("src/check")).expect("a temporary folder");
        std::fs::write(root.join("src/check/planted.rs"), code).expect("a planted file");
        PlantedCrate(root)
    }
}

impl Drop for PlantedCrate {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn a_planted_file_fails() {
    let planted = PlantedCrate::new(
        "planted-list",
        "const STOPWORDS: &[&str] = &[\"the\", \"a\", \"an\", \"of\", \"to\", \"in\"];\n\
         #[cfg(test)]\nmod tests {\n    const OK: &[&str] = &[\"a\", \"b\", \"c\", \"d\", \"e\", \"f\"];\n}\n",
    );
    let found = word_lists(&planted.0);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found.get("src/check/planted.rs"), Some(&1));
}

#[test]
fn a_planted_list_is_found() {
    let pattern = list_pattern();
    let planted = r#"const TITLES: &[&str] = &["mr", "mrs", "ms", "dr", "prof", "sir"];"#;
    assert_eq!(pattern.find_iter(planted).count(), 1);
    let planted = r#"matches!(word, "said" | "says" | "told" | "added" | "noted" | "wrote")"#;
    assert_eq!(pattern.find_iter(planted).count(), 1);
    let planted = "matches!(word,\n  \"a\" | \"an\" | \"the\" // articles\n  | \"this\" | \"that\" | \"these\")";
    assert_eq!(pattern.find_iter(planted).count(), 1);
    let planted = "const ENDINGS: &[(&str, &str)] = &[\n    (\"isation\", \"ization\"),\n    (\"ise\", \"ize\"),\n    (\"our\", \"or\"),\n];";
    assert_eq!(pattern.find_iter(planted).count(), 1);
    let planted = r#"["'s", "’s", "'re", "’re", "'ll", "’ll"]"#;
    assert_eq!(pattern.find_iter(planted).count(), 1);
    // Five words, or a list of symbols, are not a word list.
    let small = r#"["said", "says", "told", "added", "noted"]"#;
    assert_eq!(pattern.find_iter(small).count(), 0);
    let symbols = r#"["%", "$", "€", "£", "¥", "₹"]"#;
    assert_eq!(pattern.find_iter(symbols).count(), 0);
}
