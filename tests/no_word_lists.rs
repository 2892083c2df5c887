//! Word knowledge lives in `rules/`, not in Rust: no stage keeps a list of
//! words of its own. This test finds every list of six or more word
//! literals in `src/` (an array, a slice, or a `"a" | "b" | …` pattern),
//! outside test modules and outside `src/lang/` (the one place that may
//! spell a language, for what cannot be data: verb endings, say).
//!
//! The lists that remain are being moved into the lexicon; until they all
//! are, `tests/word-lists-allowed.txt` records how many each file still
//! holds, and the count may only go down: a file with more lists than
//! recorded fails (a list was added), and so does one with fewer (lower
//! the record, so the gain is kept).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use regex::Regex;

/// Six or more word literals in a row, separated by commas or `|`.
fn list_pattern() -> Regex {
    let literal = r#""[A-Za-z][A-Za-z'\-. ]*""#;
    // Comments may stand between the words, before or after a separator.
    let gap = r"\s*(?://[^\n]*\n\s*)*";
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
        if relative.starts_with("src/lang/") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("a source file");
        let found = pattern.find_iter(code(&text)).count();
        if found > 0 {
            counts.insert(relative, found);
        }
    }
    counts
}

fn allowed(root: &Path) -> BTreeMap<String, usize> {
    let text = std::fs::read_to_string(root.join("tests/word-lists-allowed.txt"))
        .expect("tests/word-lists-allowed.txt");
    text.lines()
        .map(|line| line.split('#').next().unwrap_or("").trim())
        .filter(|line| !line.is_empty())
        .map(|line| {
            let (path, count) = line.rsplit_once(' ').expect("`path count`");
            (path.trim().to_string(), count.parse().expect("a count"))
        })
        .collect()
}

#[test]
fn no_new_word_lists_in_the_code() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let found = word_lists(root);
    let allowed = allowed(root);
    let mut wrong = Vec::new();
    for (path, &count) in &found {
        let limit = allowed.get(path).copied().unwrap_or(0);
        if count > limit {
            wrong.push(format!(
                "{path}: {count} word lists, {limit} allowed: put the words in rules/ (the lexicon) and ask the tag"
            ));
        }
    }
    for (path, &limit) in &allowed {
        let count = found.get(path).copied().unwrap_or(0);
        if count < limit {
            wrong.push(format!(
                "{path}: {count} word lists now, {limit} recorded: lower the record in tests/word-lists-allowed.txt"
            ));
        }
    }
    assert!(wrong.is_empty(), "\n{}\n", wrong.join("\n"));
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
    // Five words, or a list of symbols, are not a word list.
    let small = r#"["said", "says", "told", "added", "noted"]"#;
    assert_eq!(pattern.find_iter(small).count(), 0);
    let symbols = r#"["%", "$", "€", "£", "¥", "₹"]"#;
    assert_eq!(pattern.find_iter(symbols).count(), 0);
}
