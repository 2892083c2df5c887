//! `check --format html` without a browser: the report's structure (an
//! insta snapshot of its elements, not of its styling), escaping of
//! hostile text, determinism, and `--output`.

use std::path::Path;
use std::process::{Command, Output};

use regex::Regex;

fn claimtrace(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimtrace"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("claimtrace runs")
}

fn html(args: &[&str]) -> String {
    let mut all = vec!["check"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "html"]);
    let output = claimtrace(&all);
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

/// Elements that have no end tag.
const VOID: [&str; 6] = ["meta", "input", "br", "img", "link", "hr"];

/// The page as an outline: one element a line, indented by depth, with its
/// attributes, and its text; the content of `<style>` and `<script>` and
/// the policy's hashes are left out, so only the structure is compared.
fn outline(page: &str) -> String {
    let tag = Regex::new(
        r#"<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z-]+(?:="[^"]*")?)*)\s*>|<!DOCTYPE html>"#,
    )
    .unwrap();
    let attribute = Regex::new(r#"([a-zA-Z-]+)(?:="([^"]*)")?"#).unwrap();
    let hash = Regex::new(r"sha256-[A-Za-z0-9+/=]+").unwrap();
    let mut out = String::new();
    let mut depth = 0usize;
    let mut at = 0;
    let mut raw_until: Option<String> = None;
    for found in tag.captures_iter(page) {
        let whole = found.get(0).unwrap();
        let name = found.get(2).map_or("", |m| m.as_str()).to_ascii_lowercase();
        let closing = found.get(1).is_some_and(|m| !m.as_str().is_empty());
        if let Some(raw) = &raw_until {
            if !(closing && *raw == name) {
                continue;
            }
            raw_until = None;
        } else {
            let text = page[at..whole.start()]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            if !text.is_empty() {
                out.push_str(&format!("{}\"{text}\"\n", "  ".repeat(depth)));
            }
        }
        at = whole.end();
        if name.is_empty() {
            out.push_str("<!DOCTYPE html>\n");
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
            continue;
        }
        let mut line = format!("{}{name}", "  ".repeat(depth));
        for a in attribute.captures_iter(found.get(3).map_or("", |m| m.as_str())) {
            // A title is prose (a kind's documentation), not structure.
            let value = match &a[1] {
                "title" => "…",
                _ => a.get(2).map_or("", |m| m.as_str()),
            };
            line.push_str(&format!(
                " {}={:?}",
                &a[1],
                hash.replace_all(value, "sha256-…")
            ));
        }
        out.push_str(&line);
        out.push('\n');
        if name == "style" || name == "script" {
            raw_until = Some(name.clone());
        }
        if !VOID.contains(&name.as_str()) {
            depth += 1;
        }
    }
    out
}

#[test]
fn report_structure() {
    let page = html(&[
        "examples/misquote.md",
        "examples/figure-mismatch.md",
        "examples/unsupported-attribution.md",
        "--source",
        "seeds/",
    ]);
    insta::assert_snapshot!("report_structure", outline(&page));
}

const HOSTILE: &str = "tests/fixtures/html/hostile-draft.txt";
const HOSTILE_SOURCE: &str = "tests/fixtures/html/hostile-source.txt";

#[test]
fn hostile_text_is_escaped() {
    let page = html(&[HOSTILE, "--source", HOSTILE_SOURCE]);
    // Markup comes from the template only: one script, no element the
    // hostile text names, every template closed by its own end tag.
    let lower = page.to_lowercase();
    assert_eq!(lower.matches("<script").count(), 1);
    for element in ["<img", "<textarea", "</textarea", "onerror=\""] {
        assert!(!lower.contains(element), "{element} in the page");
    }
    let links = Regex::new(r#"<a [^>]*href="([^"]*)""#).unwrap();
    for link in links.captures_iter(&page) {
        assert!(link[1].starts_with('#'), "a link to {}", &link[1]);
    }
    assert_eq!(page.matches("<template id=").count(), 5, "one a claim");
    assert_eq!(page.matches("</template>").count(), 5);
    // The text itself is there, escaped: in the draft and in the passages.
    assert!(page.contains("&#60;script&#62;window.__pwned = 1&#60;/script&#62;"));
    assert!(page.contains("&#60;/template&#62;"));
    assert!(page.contains("&#34;&#62;&#60;img src=x onerror=&#34;window.__pwned = 2&#34;&#62;"));
}

#[test]
fn the_same_audit_gives_the_same_bytes() {
    let args = ["examples/", "--source", "seeds/"];
    assert_eq!(html(&args), html(&args));
}

#[test]
fn output_writes_the_file_and_nothing_to_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("report.html");
    let output = claimtrace(&[
        "check",
        "examples/misquote.md",
        "--source",
        "seeds/",
        "--format",
        "html",
        "--output",
        target.to_str().unwrap(),
    ]);
    assert_eq!(
        output.status.code(),
        Some(1),
        "findings still set the exit status"
    );
    assert!(output.stdout.is_empty());
    let written = std::fs::read_to_string(&target).unwrap();
    assert_eq!(
        written,
        html(&["examples/misquote.md", "--source", "seeds/"])
    );
    // Nothing else is left in the folder (no temporary file).
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn an_unwritable_output_is_one_line_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    for target in [
        dir.path().join("missing-folder/report.html"),
        dir.path().to_path_buf(), // a folder
    ] {
        let output = claimtrace(&[
            "check",
            "examples/clean.md",
            "--source",
            "seeds/",
            "--format",
            "html",
            "--output",
            target.to_str().unwrap(),
        ]);
        assert_eq!(output.status.code(), Some(2));
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.starts_with("error: "), "{stderr}");
        assert!(stderr.contains(target.to_str().unwrap()), "{stderr}");
    }
    assert!(!dir.path().join("missing-folder").exists());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn bad_input_leaves_an_earlier_report_alone() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("report.html");
    std::fs::write(&target, "earlier").unwrap();
    let output = claimtrace(&[
        "check",
        "no-such-draft.md",
        "--source",
        "seeds/",
        "--format",
        "html",
        "--output",
        target.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "earlier");
    assert!(Path::new(&target).exists());
}
