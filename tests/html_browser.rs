//! The HTML report in a real browser (headless Chromium, through the
//! DevTools protocol): the report of `examples/` lists every finding,
//! shows a misquote's source passage with the changed word highlighted,
//! filters by kind, lets the keyboard reach every claim, passes contrast
//! checks and logs no error; a hostile draft renders as text and runs
//! nothing. Skipped, with a message, where Chromium is not installed.

#[path = "support/browser.rs"]
mod browser;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use browser::Session;
use serde_json::Value;

/// Runs `claimtrace check ARGS --format html --output DIR/report.html` and
/// `--format json`; returns the report's path and the audit.
fn report(dir: &Path, args: &[&str]) -> (std::path::PathBuf, Value) {
    let page = dir.join("report.html");
    let run = |extra: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_claimtrace"))
            .arg("check")
            .args(args)
            .args(extra)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .expect("claimtrace runs")
    };
    let html = run(&[
        "--format",
        "html",
        "--output",
        page.to_str().expect("a UTF-8 path"),
    ]);
    assert!(
        matches!(html.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&html.stderr)
    );
    assert!(html.stdout.is_empty(), "--output leaves stdout empty");
    let json = run(&["--format", "json"]);
    let audit = serde_json::from_slice(&json.stdout).expect("the JSON audit");
    (page, audit)
}

fn findings(audit: &Value) -> Vec<(&Value, &Value)> {
    audit["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .flat_map(|d| {
            d["findings"]
                .as_array()
                .expect("findings")
                .iter()
                .map(move |f| (d, f))
        })
        .collect()
}

/// Words, lowercased, without punctuation: for comparing texts.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_examples_report_works_in_a_browser() {
    let Some(chromium) = browser::find() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (page, audit) = report(dir.path(), &["examples/", "--source", "seeds/"]);
    let session = Session::open(&chromium, &page, (1400, 900));

    // Every finding is listed, with its kind, severity, place and message.
    let listed = session.eval(
        "[...document.querySelectorAll('#findings li')].map(li => [li.dataset.kind, \
         li.dataset.severity, li.querySelector('.where').textContent, \
         li.querySelector('.message').textContent])",
    );
    let mut listed: Vec<Vec<String>> = serde_json::from_value(listed).unwrap();
    let mut expected: Vec<Vec<String>> = findings(&audit)
        .iter()
        .map(|(d, f)| {
            vec![
                f["rule"].as_str().unwrap().to_string(),
                f["severity"].as_str().unwrap().to_string(),
                format!(
                    "{}:{}:{}",
                    d["path"].as_str().unwrap(),
                    f["span"]["line"],
                    f["span"]["column"]
                ),
                f["message"].as_str().unwrap().to_string(),
            ]
        })
        .collect();
    listed.sort();
    expected.sort();
    assert!(!expected.is_empty());
    assert_eq!(listed, expected);

    // Selecting the misquoted claim shows its source passage, the file and
    // line, and the changed word highlighted.
    let (_, misquote) = *findings(&audit)
        .iter()
        .find(|(_, f)| f["rule"] == "misquote")
        .expect("examples/ has a misquote");
    let claim = session
        .eval("document.querySelector('.badge[data-kind=\"misquote\"]').closest('.claim').id");
    let claim = claim.as_str().unwrap();
    session.click(&format!("#{claim}"));
    assert_eq!(
        session.eval(&format!(
            "document.getElementById('{claim}').getAttribute('aria-pressed')"
        )),
        "true"
    );
    let shown = session.eval(
        "(() => { const f = document.querySelector('#detail-body .finding[data-kind=\"misquote\"]'); \
         const source = f.querySelector('.sources-compared .passage'); \
         return { passage: source.querySelector('blockquote').textContent, \
                  caption: source.querySelector('figcaption').textContent, \
                  draft: f.querySelector('.draft-side blockquote').textContent, \
                  marked: [...f.querySelectorAll('.draft-side mark.diff')].map(m => m.textContent), \
                  sourceMarks: source.querySelectorAll('blockquote mark.diff, blockquote ins.gap').length, \
                  message: f.querySelector('.message').textContent }; })()",
    );
    let evidence = &misquote["evidence"];
    assert_eq!(
        squeeze(shown["passage"].as_str().unwrap()),
        squeeze(evidence["text"].as_str().unwrap())
    );
    let caption = shown["caption"].as_str().unwrap();
    assert!(
        caption.contains(evidence["source"].as_str().unwrap()),
        "{caption}"
    );
    assert!(
        caption.contains(&format!(
            ":{}:{}",
            evidence["span"]["line"], evidence["span"]["column"]
        )),
        "{caption}"
    );
    assert_eq!(shown["message"], misquote["message"]);
    // The highlighted words are the draft's words the source lacks.
    let source_words: BTreeSet<String> = words(evidence["text"].as_str().unwrap())
        .into_iter()
        .collect();
    let changed: BTreeSet<String> = words(shown["draft"].as_str().unwrap())
        .into_iter()
        .filter(|w| !source_words.contains(w))
        .collect();
    let marked: BTreeSet<String> = shown["marked"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|m| words(m.as_str().unwrap()))
        .collect();
    assert!(!changed.is_empty());
    assert_eq!(marked, changed);
    // The source passage shows the difference too: its changed words, or
    // where the draft's added words would go.
    assert!(shown["sourceMarks"].as_u64().unwrap() > 0, "{shown}");

    // The kind filter: only misquote left checked hides every other kind,
    // in the list and on the claims.
    let others: Vec<String> = serde_json::from_value(session.eval(
        "[...document.querySelectorAll('#filters input[name=kind]')].map(i => i.value).filter(v => v !== 'misquote')",
    ))
    .unwrap();
    assert!(!others.is_empty());
    for kind in &others {
        session.click(&format!("#filters input[name=kind][value=\"{kind}\"]"));
    }
    let visible = session.eval(
        "[...document.querySelectorAll('#findings li, .badge')].filter(e => e.offsetParent !== null).map(e => e.dataset.kind)",
    );
    let visible: Vec<String> = serde_json::from_value(visible).unwrap();
    let misquotes = findings(&audit)
        .iter()
        .filter(|(_, f)| f["rule"] == "misquote")
        .count();
    assert_eq!(visible.len(), 2 * misquotes, "{visible:?}");
    assert!(visible.iter().all(|k| k == "misquote"), "{visible:?}");
    let hidden = session.eval(
        "[...document.querySelectorAll('#findings li')].filter(e => e.offsetParent === null).length",
    );
    assert_eq!(hidden, findings(&audit).len() - misquotes);
    for kind in &others {
        session.click(&format!("#filters input[name=kind][value=\"{kind}\"]"));
    }
    assert_eq!(
        session.eval("[...document.querySelectorAll('#findings li')].filter(e => e.offsetParent === null).length"),
        0
    );

    // The list of findings jumps to each: the claim is selected and focused.
    let last = session.eval("[...document.querySelectorAll('#findings a')].pop().dataset.target");
    let last = last.as_str().unwrap();
    session.click("#findings li:last-child a");
    assert_eq!(session.eval("document.activeElement.id"), last);
    assert_eq!(
        session.eval(&format!(
            "document.getElementById('{last}').getAttribute('aria-pressed')"
        )),
        "true"
    );

    // The keyboard reaches every claim, shows where focus is, and Enter
    // selects the focused claim.
    let claims: usize = audit["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["claims"].as_array().unwrap().len())
        .sum();
    let focusable = session
        .eval("document.querySelectorAll('a[href], input, summary, [tabindex=\"0\"]').length");
    let presses = focusable.as_u64().unwrap() as usize + 5;
    session.eval("(document.activeElement.blur(), window.scrollTo(0, 0), true)");
    let mut reached = BTreeSet::new();
    for _ in 0..presses {
        session.press("Tab");
        let id = session.eval(
            "document.activeElement.classList.contains('claim') ? document.activeElement.id : null",
        );
        if let Some(id) = id.as_str() {
            reached.insert(id.to_string());
        }
    }
    assert_eq!(reached.len(), claims, "claims reached by Tab: {reached:?}");
    assert_eq!(
        session.eval("document.querySelectorAll('.claim').length"),
        claims
    );
    session.eval("(document.getElementById('d1-c2').focus(), true)");
    let outline = session.eval(
        "(() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, parseFloat(s.outlineWidth)]; })()",
    );
    assert_ne!(outline[0], "none", "a focused claim shows an outline");
    assert!(outline[1].as_f64().unwrap() >= 2.0, "{outline:?}");
    session.press("Enter");
    assert_eq!(
        session.eval("document.getElementById('d1-c2').getAttribute('aria-pressed')"),
        "true"
    );
    assert!(session.eval("document.querySelector('#detail-body article') !== null") == true);

    // Text contrast passes WCAG AA wherever the report colours text.
    let failures = session.eval(CONTRAST);
    assert_eq!(failures, serde_json::json!([]), "contrast below 4.5:1");

    assert_eq!(session.errors(), Vec::<String>::new());
}

/// Elements whose text colour or background the report sets, with a
/// contrast ratio below WCAG AA's 4.5:1 (the background is the first
/// opaque one up the tree).
const CONTRAST: &str = r#"(() => {
  const rgb = c => (c.match(/[\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = e => {
    for (; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0)) { return c.slice(0, 3); }
    }
    return [255, 255, 255];
  };
  const detail = document.getElementById('detail-body');
  for (const t of document.querySelectorAll('template')) { detail.appendChild(t.content.cloneNode(true)); }
  const failures = [];
  const selector = '.claim, .vicon, .badge, .sev, .count, mark, ins, .n, .where, .draft-summary, .sources, figcaption, .note, .label, tr.zero, #findings a, legend, footer, .run-line, blockquote';
  for (const e of document.querySelectorAll(selector)) {
    if (!e.textContent.trim()) { continue; }
    const ratio = (a, b) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const r = ratio(lum(rgb(getComputedStyle(e).color).slice(0, 3)), lum(background(e)));
    if (r < 4.5) { failures.push(e.className + ': ' + r.toFixed(2)); }
  }
  return failures;
})()"#;

#[test]
fn a_hostile_draft_renders_as_text_and_runs_nothing() {
    let Some(chromium) = browser::find() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    // The draft's name is hostile too.
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html");
    let draft = dir
        .path()
        .join("\"><img src=x onerror=window.__pwned=4>.txt");
    std::fs::copy(fixtures.join("hostile-draft.txt"), &draft).unwrap();
    let source = fixtures.join("hostile-source.txt");
    let (page, audit) = report(
        dir.path(),
        &[
            draft.to_str().unwrap(),
            "--source",
            source.to_str().unwrap(),
        ],
    );
    assert!(!findings(&audit).is_empty());
    let session = Session::open(&chromium, &page, (1400, 900));

    // Select every claim, so every detail is put in the page.
    let ids: Vec<String> = serde_json::from_value(
        session.eval("[...document.querySelectorAll('.claim')].map(c => c.id)"),
    )
    .unwrap();
    assert!(ids.len() >= 5, "{ids:?}");
    for id in &ids {
        session.click(&format!("#{id}"));
        session.wait_for(&format!(
            "document.querySelector('#detail-body article') !== null && document.getElementById('{id}').getAttribute('aria-pressed') === 'true'"
        ));
    }
    assert_eq!(session.eval("typeof window.__pwned"), "undefined");
    assert_eq!(
        session.eval(
            "document.querySelectorAll('img, iframe, object, embed, textarea, [onerror]').length"
        ),
        0
    );
    assert_eq!(session.eval("document.scripts.length"), 1);
    assert_eq!(
        session.eval("[...document.querySelectorAll('a[href]')].filter(a => !a.getAttribute('href').startsWith('#')).length"),
        0
    );
    // The text is all there, as text: in the draft and in the selected
    // claim's source passage.
    let text = session
        .eval("document.body.textContent")
        .as_str()
        .unwrap()
        .to_string();
    for hostile in [
        "<script>window.__pwned = 1</script>",
        "</textarea>",
        "\"><img src=x onerror=\"window.__pwned = 2\">",
        "[a link](javascript:window.__pwned=3)",
        "</template><script>window.__pwned = 5</script>",
        "\"><img src=x onerror=window.__pwned=4>.txt",
    ] {
        assert!(text.contains(hostile), "{hostile} is not shown as text");
    }
    session.click(&format!("#{}", ids[1]));
    let passage = session
        .eval("document.querySelector('#detail-body .sources-compared blockquote').textContent");
    assert!(passage.as_str().unwrap().contains("<script>"), "{passage}");
    assert_eq!(session.errors(), Vec::<String>::new());
}
