//! Findings never depend on how much else the sources hold: a draft
//! checked against its source once, against 2,500 copies of it, and
//! against one file holding it 2,500 times over gets the same findings,
//! the same verdicts and the same evidence.

use std::path::Path;
use std::process::Command;

fn check(draft: &Path, sources: &Path) -> serde_json::Value {
    let output = Command::new(env!("CARGO_BIN_EXE_claimtrace"))
        .args(["check", draft.to_str().unwrap(), "--source"])
        .arg(sources)
        .args(["--format", "json", "--fail-on", "never"])
        .output()
        .expect("claimtrace runs");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("the audit is JSON")
}

/// The findings and claims of the first document, with each evidence
/// path cut to its file name (the copies live in other folders).
fn judged(audit: &serde_json::Value) -> String {
    let mut document = audit["documents"][0].clone();
    document["sources"] = serde_json::Value::Null;
    let mut text = serde_json::to_string_pretty(&document).unwrap();
    for folder in ["one/", "many/", "repeated/"] {
        text = text.replace(folder, "");
    }
    text
}

#[test]
fn findings_do_not_depend_on_copies_of_the_source() {
    let root = std::env::temp_dir().join(format!("claimtrace-copies-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    for folder in ["one", "many", "repeated"] {
        std::fs::create_dir_all(root.join(folder)).unwrap();
    }
    let source = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/sources/port-deal.txt"
    ))
    .unwrap();
    std::fs::write(root.join("one/source.txt"), &source).unwrap();
    std::fs::write(root.join("many/source.txt"), &source).unwrap();
    for i in 1..2500 {
        std::fs::write(root.join(format!("many/zz-copy-{i:04}.txt")), &source).unwrap();
    }
    let mut repeated = source.clone();
    for _ in 1..2500 {
        repeated.push_str("\n\n");
        repeated.push_str(&source);
    }
    std::fs::write(root.join("repeated/source.txt"), &repeated).unwrap();
    // A misquote, a figure mismatch, a fabricated quotation, raised
    // certainty, an invented clause and an unsourced figure.
    let draft = root.join("draft.md");
    std::fs::write(
        &draft,
        "# Port deal\n\n\
         The Netherlands and Kenya signed a €1.2 million port agreement on Wednesday.\n\
         “This is the biggest investment in our harbours in a decade,” Odhiambo said.\n\
         “Kenya will be the gateway of Africa,” Odhiambo said.\n\
         The first ships will dock under the new terms in 2027, port officials said.\n\
         The deal also opens Dutch universities to Kenyan engineering students.\n\
         About 600 Dutch engineers will move to Mombasa.\n",
    )
    .unwrap();
    let once = check(&draft, &root.join("one"));
    let copies = check(&draft, &root.join("many"));
    let over = check(&draft, &root.join("repeated"));
    std::fs::remove_dir_all(&root).unwrap();
    let rules: Vec<&str> = once["documents"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(
        rules,
        [
            "figure-mismatch",
            "misquote",
            "fabricated-quote",
            "contradicted-claim",
            "unsupported-claim",
            "unsourced-figure"
        ]
    );
    assert_eq!(judged(&once), judged(&copies));
    assert_eq!(judged(&once), judged(&over));
}
