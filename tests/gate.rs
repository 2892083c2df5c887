//! `claimtrace check` as a gate in front of publication: what it is named
//! it reads or refuses (never skips), folders are walked inside the
//! repository only, inputs never control the output, a draft never vouches
//! for itself, and one bad draft does not hide the others.
//!
//! Each test builds a small repository in a temporary folder, with a
//! secret file beside it that no output may ever show.
#![cfg(unix)]

#[path = "support/repo.rs"]
mod repo;
#[path = "support/schema.rs"]
mod schema;

use repo::*;
use std::process::{Command, Output};

mod refuse_what_was_named {
    use super::*;

    #[test]
    fn a_binary_draft() {
        let repo = Repo::new("binary-draft");
        repo.write_bytes("repo/drafts/scan.md", b"PK\x03\x04\x00\x00binary");
        let output = repo.run(&["check", "drafts/scan.md", "--source", "sources"]);
        assert_refused(&output, "drafts/scan.md", "binary file");
    }

    #[test]
    fn a_utf16_draft_with_or_without_a_byte_order_mark() {
        let repo = Repo::new("utf16");
        let utf16: Vec<u8> = DRAFT.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let mut marked = vec![0xFF, 0xFE];
        marked.extend(&utf16);
        repo.write_bytes("repo/drafts/marked.txt", &marked);
        repo.write_bytes("repo/drafts/bare.txt", &utf16);
        for draft in ["drafts/marked.txt", "drafts/bare.txt"] {
            let output = repo.run(&["check", draft, "--source", "sources"]);
            assert_refused(&output, draft, "UTF-16");
        }
    }

    #[test]
    fn a_binary_source() {
        let repo = Repo::new("binary-source");
        repo.write("repo/draft.md", DRAFT);
        repo.write_bytes("repo/scan.txt", b"\x00\x01\x02");
        let output = repo.run(&["check", "draft.md", "--source", "scan.txt"]);
        assert_refused(&output, "scan.txt", "binary file");
    }

    #[test]
    fn a_fifo_draft_or_source_without_waiting_for_a_writer() {
        let repo = Repo::new("fifo");
        repo.write("repo/draft.md", DRAFT);
        let made = Command::new("mkfifo")
            .arg(repo.root().join("pipe.md"))
            .status()
            .expect("mkfifo runs");
        assert!(made.success());
        let output = repo.run(&["check", "pipe.md", "--source", "sources"]);
        assert_refused(&output, "pipe.md", REFUSED);
        let output = repo.run(&["check", "draft.md", "--source", "pipe.md"]);
        assert_refused(&output, "pipe.md", REFUSED);
    }

    #[test]
    fn a_device() {
        let repo = Repo::new("device");
        let output = repo.run(&["check", "/dev/zero", "--source", "sources"]);
        assert_refused(&output, "/dev/zero", REFUSED);
    }

    #[test]
    fn a_file_over_the_size_limit_from_the_flag_or_the_configuration() {
        let repo = Repo::new("too-large");
        repo.write("repo/draft.md", &DRAFT.repeat(100));
        let output = repo.run(&[
            "check",
            "draft.md",
            "--source",
            "sources",
            "--max-file-size",
            "1K",
        ]);
        assert_refused(&output, "draft.md", "larger than the limit of 1024 bytes");
        repo.write("repo/claimtrace.toml", "max-file-size = \"2K\"\n");
        let output = repo.run(&["check", "draft.md", "--source", "sources"]);
        assert_refused(&output, "draft.md", "larger than the limit of 2048 bytes");
        let output = repo.run(&[
            "check",
            "draft.md",
            "--source",
            "sources",
            "--max-file-size",
            "1M",
        ]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    }

    #[test]
    fn standard_input_over_the_limit() {
        let repo = Repo::new("stdin-too-large");
        let output = repo.run_with(
            &["sentences", "-", "--max-file-size", "100"],
            DRAFT.repeat(10).as_bytes(),
        );
        assert_refused(&output, "<stdin>", "larger than the limit of 100 bytes");
    }

    #[test]
    fn in_a_folder_such_files_are_skipped_counted_and_said() {
        let repo = Repo::new("skipped");
        repo.write("repo/drafts/good.md", DRAFT);
        repo.write_bytes("repo/drafts/scan.md", b"\x00\x00binary");
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(DRAFT.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        repo.write_bytes("repo/drafts/wide.txt", &utf16);
        repo.write_bytes("repo/sources/scan.txt", b"\x00binary");
        let output = repo.run(&["check", "drafts", "--source", "sources", "--format", "json"]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let warnings = said(&output, "warning:");
        assert_eq!(warnings.len(), 3, "{warnings:?}");
        assert_each_named(
            &warnings,
            &["drafts/scan.md", "drafts/wide.txt", "sources/scan.txt"],
        );
        let audit = json(&output);
        assert_eq!(audited(&audit), ["drafts/good.md"]);
        assert_eq!(audit["summary"]["skipped"], 3);
        assert_eq!(audit["skipped"].as_array().map(Vec::len), Some(3));
        let human = repo.run(&["check", "drafts", "--source", "sources"]);
        assert!(
            stdout(&human).trim_end().ends_with("; 3 files skipped"),
            "{}",
            stdout(&human)
        );
    }
}

mod confinement {
    use super::*;

    #[track_caller]
    fn assert_secret_kept(output: &Output) {
        let everything = format!("{}{}", stdout(output), stderr(output));
        assert!(
            !everything.contains("TOP-SECRET"),
            "the outside file was read"
        );
    }

    #[test]
    fn a_link_out_of_a_source_folder_is_not_followed() {
        let repo = Repo::new("link-source");
        repo.write(
            "repo/draft.md",
            "“TOP-SECRET-BYTES never to be shown,” Ruiz said.\n",
        );
        repo.link("../../outside/secret.txt", "repo/sources/leak.txt");
        repo.link("../../outside", "repo/sources/leak-folder");
        for format in ["human", "json", "sarif", "github"] {
            let output = repo.run(&[
                "check", "draft.md", "--source", "sources", "--format", format,
            ]);
            let evidence = stdout(&output);
            assert!(!evidence.contains("secret.txt"), "{format}: {evidence}");
            if format == "json" {
                let audit = json(&output);
                assert_eq!(audit["summary"]["supported"], 0, "{evidence}");
                assert_eq!(
                    audit["documents"][0]["findings"][0]["rule"],
                    "fabricated-quote"
                );
            }
        }
        let output = repo.run(&[
            "check", "draft.md", "--source", "sources", "--format", "json",
        ]);
        let warnings = said(&output, "warning:");
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert_each_named(&warnings, &["sources/leak.txt", "sources/leak-folder"]);
        assert!(warnings.iter().all(|w| w.contains(REFUSED)), "{warnings:?}");
        assert_eq!(json(&output)["summary"]["skipped"], 2);
    }

    #[test]
    fn configured_sources_or_rules_outside_the_root_are_refused() {
        let repo = Repo::new("config-outside");
        repo.write("repo/draft.md", DRAFT);
        repo.write(
            "repo/claimtrace.toml",
            "# settings\nsources = \"../outside\"\n",
        );
        let output = repo.run(&["check", "draft.md"]);
        assert_refused(
            &output,
            "",
            "claimtrace.toml:2: sources `../outside` is outside",
        );
        assert_secret_kept(&output);
        repo.link("../outside", "repo/elsewhere");
        repo.write("repo/claimtrace.toml", "sources = \"elsewhere\"\n");
        let output = repo.run(&["check", "draft.md"]);
        assert_refused(&output, "", REFUSED);
        assert_secret_kept(&output);
        repo.write("repo/claimtrace.toml", "rules = \"/etc\"\n");
        let output = repo.run(&["check", "draft.md", "--source", "sources"]);
        assert_refused(&output, "", "rules `/etc` is an absolute path");
    }

    #[test]
    fn the_drafts_glob_does_not_follow_links_out() {
        let repo = Repo::new("glob");
        repo.write(
            "repo/claimtrace.toml",
            "sources = \"sources\"\ndrafts = \"drafts/**/*.txt\"\n",
        );
        repo.write("repo/drafts/ok.txt", DRAFT);
        repo.link("../../outside/secret.txt", "repo/drafts/leak.txt");
        let output = repo.run(&["check", "--format", "json"]);
        assert_eq!(audited(&json(&output)), ["drafts/ok.txt"]);
        assert!(
            stderr(&output).contains("drafts/leak.txt"),
            "{}",
            stderr(&output)
        );
        assert_secret_kept(&output);
    }

    #[test]
    fn links_back_up_the_tree_visit_each_file_once_and_end() {
        let repo = Repo::new("loops");
        repo.write("repo/drafts/one.md", DRAFT);
        repo.link(".", "repo/drafts/again");
        repo.link("..", "repo/drafts/nested/back");
        repo.link("../nested", "repo/drafts/nested/loop/up");
        repo.link("../drafts", "repo/sources/drafts-too");
        let output = repo.run(&["check", "drafts", "--source", "sources", "--format", "json"]);
        let audit = json(&output);
        assert_eq!(audited(&audit), ["drafts/one.md"], "{}", stderr(&output));
    }

    #[test]
    fn hidden_folders_are_never_read() {
        let repo = Repo::new("hidden");
        repo.write(
            "repo/draft.md",
            "“We expect eighty ships a week,” said Ana Ruiz.\n",
        );
        repo.write(
            "repo/sources/.git/notes.txt",
            "“We expect eighty ships a week,” said Ana Ruiz.\n",
        );
        repo.write(
            "repo/sources/.cache/copy.md",
            "“We expect eighty ships a week,” said Ana Ruiz.\n",
        );
        let output = repo.run(&[
            "check", "draft.md", "--source", "sources", "--format", "json",
        ]);
        let audit = json(&output);
        assert_eq!(
            audit["documents"][0]["sources"],
            serde_json::json!(["sources/port.txt"])
        );
        assert_eq!(audit["documents"][0]["findings"][0]["rule"], "misquote");
        // Nor are hidden files and folders read when a draft names them.
        repo.write(
            "repo/.env",
            "“We expect eighty ships a week,” said Ana Ruiz.\n",
        );
        for declared in ["../.git/config", "../.env", "../sources/.cache/copy.md"] {
            repo.write(
                "repo/drafts/d.md",
                &format!("---\nsources: [{declared}]\n---\n\nText.\n"),
            );
            let output = repo.run(&["check", "drafts/d.md"]);
            assert_refused(&output, "drafts/d.md:2", "hidden");
        }
        repo.write("repo/drafts/d.md", "Ruiz spoke.[^1]\n\n[^1]: ../.env\n");
        let output = repo.run(&["check", "drafts/d.md", "--source", "sources"]);
        assert_refused(&output, "drafts/d.md:3", "hidden");
    }
}

mod keep_going {
    use super::*;

    #[test]
    fn a_bad_draft_does_not_hide_the_others() {
        let repo = Repo::new("keep-going");
        repo.write("repo/drafts/a-good.md", DRAFT);
        repo.write(
            "repo/drafts/b-directive.md",
            "<!-- claimtrace-disable-next-line no-such-rule -->\nThe port opened.\n",
        );
        repo.write(
            "repo/drafts/c-front.md",
            "---\nsources: [../nowhere.txt]\n---\n\nText.\n",
        );
        std::fs::write(repo.root().join("drafts/d-invalid.txt"), b"caf\xe9 ok").unwrap();
        repo.write(
            "repo/drafts/e-good.md",
            "“We expect forty ships a week,” said Ruiz.\n",
        );
        let output = repo.run(&["check", "drafts", "--source", "sources", "--format", "json"]);
        assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
        let audit = json(&output);
        assert_eq!(audited(&audit), ["drafts/a-good.md", "drafts/e-good.md"]);
        let errors = said(&output, "error:");
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert_each_named(&errors, &["b-directive.md", "c-front.md", "d-invalid.txt"]);
        assert_eq!(audit["errors"].as_array().map(Vec::len), Some(3));
    }

    #[test]
    fn check_reads_standard_input() {
        let repo = Repo::new("stdin");
        let output = repo.run_with(
            &["check", "-", "--source", "sources", "--format", "json"],
            "“We expect fifty ships a week,” said Ana Ruiz.\n".as_bytes(),
        );
        assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
        let audit = json(&output);
        assert_eq!(audited(&audit), ["<stdin>"]);
        assert_eq!(audit["documents"][0]["findings"][0]["rule"], "misquote");
    }

    #[test]
    fn check_reports_unclosed_quotation_marks() {
        let repo = Repo::new("unclosed");
        repo.write(
            "repo/draft.md",
            "“The port opened on Monday, officials said.\n",
        );
        for format in ["human", "json", "sarif", "github"] {
            let output = repo.run(&[
                "check", "draft.md", "--source", "sources", "--format", format,
            ]);
            let text = stdout(&output);
            assert!(
                text.contains("quotation mark is never closed"),
                "{format}: {text}"
            );
        }
        let output = repo.run(&[
            "check", "draft.md", "--source", "sources", "--format", "json",
        ]);
        let warning = &json(&output)["documents"][0]["warnings"][0];
        assert_eq!(warning["span"]["line"], 1);
        assert_eq!(warning["span"]["column"], 1);
    }
}

mod inputs_are_data {
    use super::*;

    #[test]
    fn a_declared_path_cannot_write_to_the_log() {
        let repo = Repo::new("forged-path");
        repo.write(
            "repo/draft.md",
            "---\nsources: [\"a\\n::error file=x::forged \\e[31mred\\0\"]\n---\n\nText.\n",
        );
        let output = repo.run(&["check", "draft.md"]);
        assert_eq!(output.status.code(), Some(2));
        let stderr = stderr(&output);
        assert_eq!(stderr.lines().count(), 1, "{stderr:?}");
        assert_inert(&stderr, "stderr");
        assert!(
            stderr.contains("a\\n::error file=x::forged \\u{1b}[31mred"),
            "{stderr}"
        );
    }

    #[test]
    fn file_names_and_quoted_words_reach_no_output_raw() {
        let repo = Repo::new("forged-names");
        let evil = "drafts/e\u{1b}[2J\n::error file=x::forged\u{202e}.md";
        repo.write(
            &format!("repo/{evil}"),
            "\u{1b}[31m“We expect fifty ships a week,” said Ana Ruiz.\u{7}\n",
        );
        repo.write_bytes("repo/drafts/b\n::error file=x::skip.md", b"\x00binary");
        for format in ["human", "json", "sarif", "github"] {
            let output = repo.run(&["check", "drafts", "--source", "sources", "--format", format]);
            assert_eq!(
                output.status.code(),
                Some(1),
                "{format}: {}",
                stderr(&output)
            );
            assert_inert(&stdout(&output), format);
            assert_inert(&stderr(&output), format);
            assert_eq!(stderr(&output).lines().count(), 1, "{format}: one warning");
        }
        // JSON keeps the path itself as data.
        let output = repo.run(&["check", "drafts", "--source", "sources", "--format", "json"]);
        assert_eq!(audited(&json(&output)), [evil]);
        let human = stdout(&repo.run(&["check", "drafts", "--source", "sources"]));
        assert!(human.contains("\u{241b}[31m“We expect fifty"), "{human}");
        assert!(human.contains("Ana Ruiz.\u{2407}"), "{human}");
    }
}

mod no_self_support {
    use super::*;

    const INVENTED: &str = "“Ships will pay no fees at all,” said Ana Ruiz.\n";

    fn rules(audit: &serde_json::Value, draft: usize) -> Vec<String> {
        audit["documents"][draft]["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .map(|f| f["rule"].as_str().expect("rule").to_string())
            .collect()
    }

    fn warnings(audit: &serde_json::Value, draft: usize) -> Vec<String> {
        audit["documents"][draft]["warnings"]
            .as_array()
            .map(|w| {
                w.iter()
                    .map(|w| w["message"].as_str().expect("message").to_string())
                    .collect()
            })
            .unwrap_or_default()
    }

    #[test]
    fn a_draft_naming_itself_is_not_its_own_evidence() {
        let repo = Repo::new("self-declared");
        repo.write(
            "repo/drafts/a.md",
            &format!("---\nsources: [a.md, ../sources/port.txt]\n---\n\n{INVENTED}"),
        );
        let output = repo.run(&["check", "drafts/a.md", "--format", "json"]);
        let audit = json(&output);
        assert_eq!(rules(&audit, 0), ["fabricated-quote"]);
        assert_eq!(
            audit["documents"][0]["sources"],
            serde_json::json!(["sources/port.txt"])
        );
        let said = warnings(&audit, 0);
        assert!(said[0].contains("names itself as a source"), "{said:?}");
        assert_eq!(audit["documents"][0]["warnings"][0]["span"]["line"], 2);
        let output = repo.run(&[
            "check",
            "drafts/a.md",
            "--source",
            "drafts/a.md",
            "--source",
            "sources",
            "--format",
            "json",
        ]);
        assert_eq!(rules(&json(&output), 0), ["fabricated-quote"]);
    }

    #[test]
    fn drafts_found_in_a_source_folder_are_not_sources() {
        let repo = Repo::new("drafts-as-sources");
        repo.write("repo/drafts/a.md", INVENTED);
        repo.write("repo/drafts/b.md", INVENTED);
        let output = repo.run(&[
            "check", "drafts", "--source", "sources", "--source", "drafts", "--format", "json",
        ]);
        let audit = json(&output);
        assert_eq!(rules(&audit, 0), ["fabricated-quote"]);
        assert_eq!(rules(&audit, 1), ["fabricated-quote"]);
        assert_eq!(
            audit["documents"][0]["sources"],
            serde_json::json!(["sources/port.txt"])
        );
    }

    #[test]
    fn a_draft_named_as_a_source_of_another_is_used_and_said() {
        let repo = Repo::new("draft-named");
        repo.write(
            "repo/drafts/a.md",
            &format!("---\nsources: [b.md, ../sources/port.txt]\n---\n\n{INVENTED}"),
        );
        repo.write(
            "repo/drafts/b.md",
            &format!("---\nsources: [../sources/port.txt]\n---\n\n{INVENTED}"),
        );
        let output = repo.run(&["check", "drafts", "--format", "json"]);
        let audit = json(&output);
        assert_eq!(rules(&audit, 0), Vec::<String>::new(), "named, so used");
        assert!(
            warnings(&audit, 0)[0].contains("drafts/b.md is itself a draft of this run"),
            "{:?}",
            warnings(&audit, 0)
        );
        assert_eq!(rules(&audit, 1), ["fabricated-quote"]);
    }
}

/// Every bad input the project knows of, named as a draft, named as a
/// source, and met in a folder: handled with exit 0, 1 or 2, never a panic
/// or a hang, and every line on stderr one `error:` or `warning:` line.
#[test]
fn every_bad_input_is_refused_or_handled() {
    let repo = Repo::new("bad-inputs");
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty.md", Vec::new()),
        ("bom-only.txt", b"\xEF\xBB\xBF".to_vec()),
        ("spaces.md", b" \n\t\r\n \r".to_vec()),
        ("binary.md", b"PK\x03\x04\x00\x00\x08".to_vec()),
        ("late-nul.txt", [b"text ".repeat(3000), b"\x00".to_vec()].concat()),
        ("invalid-utf8.md", b"Caf\xe9 \xff\xfe said.".to_vec()),
        ("utf16be.txt", [vec![0xFE, 0xFF], "Hi.".encode_utf16().flat_map(u16::to_be_bytes).collect()].concat()),
        ("utf32.txt", vec![0xFF, 0xFE, 0, 0, b'H', 0, 0, 0]),
        ("unterminated.md", "“The talks went well, Singh said.\n".repeat(50).into_bytes()),
        ("stray-marks.txt", "” ’ “ ‘ \" ' «".repeat(500).into_bytes()),
        ("front-unclosed.md", b"---\nsources: [a.txt\n".to_vec()),
        ("front-not-yaml.md", b"---\n: : :\n\t- [\n---\nText.\n".to_vec()),
        ("front-wrong-type.md", b"---\nsources: 7\n---\nText.\n".to_vec()),
        ("footnotes.md", b"Said.[^a] Said.[^a][^b]\n\n[^a]: [^a]\n[^b]: <>\n[^a]: x\n".to_vec()),
        ("directive.md", b"<!-- claimtrace-disable-next-line -->\n<!-- claimtrace off -->\n<!-- claimtrace on --><!-- claimtrace".to_vec()),
        ("line-endings.txt", b"One.\r\rTwo.\r\n\n\rThree \xe2\x80\xa6\r".to_vec()),
        ("controls.md", "\u{1b}[2J“\u{7}quote\u{202e}” \u{0085}said X.\n".as_bytes().to_vec()),
        ("long-line.txt", "€1 billion, ".repeat(20_000).into_bytes()),
    ];
    for (name, bytes) in &cases {
        repo.write_bytes(&format!("repo/bad/{name}"), bytes);
    }
    repo.write("repo/draft.md", DRAFT);
    let made = Command::new("mkfifo")
        .arg(repo.root().join("bad/fifo.md"))
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let mut runs: Vec<Vec<String>> = Vec::new();
    for (name, _) in &cases {
        let path = format!("bad/{name}");
        runs.push(vec![
            "check".into(),
            path.clone(),
            "--source".into(),
            "sources".into(),
        ]);
        runs.push(vec![
            "check".into(),
            "draft.md".into(),
            "--source".into(),
            path.clone(),
        ]);
        runs.push(vec!["claims".into(), path]);
    }
    runs.push(vec![
        "check".into(),
        "bad/fifo.md".into(),
        "--source".into(),
        "sources".into(),
    ]);
    runs.push(vec![
        "check".into(),
        "bad".into(),
        "--source".into(),
        "sources".into(),
    ]);
    runs.push(vec![
        "check".into(),
        "draft.md".into(),
        "--source".into(),
        "bad".into(),
    ]);
    runs.push(vec![
        "check".into(),
        "bad".into(),
        "--source".into(),
        "bad".into(),
    ]);
    for args in &runs {
        for format in ["human", "json", "sarif", "github"] {
            let mut args: Vec<&str> = args.iter().map(String::as_str).collect();
            if args[0] == "claims" && matches!(format, "sarif" | "github") {
                continue;
            }
            args.extend(["--format", format]);
            let output = repo.run(&args);
            let stderr = stderr(&output);
            assert!(
                matches!(output.status.code(), Some(0..=2)),
                "{args:?}: {:?}\n{stderr}",
                output.status
            );
            assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
            for line in stderr.lines() {
                assert!(
                    line.starts_with("error: ") || line.starts_with("warning: "),
                    "{args:?}: {stderr}"
                );
            }
        }
    }
}
