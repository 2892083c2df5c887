//! What a Markdown draft declares about its sources, on any draft: its
//! front matter (`sources: [...]`) and footnote citations (`[^1]: path`).
//! No panic; every declared source is on a line of the draft; every
//! footnote span lies in the draft; and no declared or cited path,
//! confined to a scratch repository, resolves to anything but a regular
//! file inside it (the scratch repository holds a hidden file, a folder
//! and a symbolic link leading out of it, for paths to stumble on).
#![no_main]

#[path = "common.rs"]
#[allow(dead_code)] // the rules and documents are not used here
mod common;

use std::path::PathBuf;
use std::sync::LazyLock;

use claimtrace::citations::{self, Target};
use claimtrace::declared::{self, Declared};
use claimtrace::document::{Document, Format};
use libfuzzer_sys::fuzz_target;

/// The scratch repository: its root and a draft's path in it.
struct Scratch {
    _folder: tempfile::TempDir,
    root: PathBuf,
    draft: PathBuf,
}

static SCRATCH: LazyLock<Scratch> = LazyLock::new(|| {
    let folder = tempfile::tempdir().expect("a scratch folder");
    let base = folder.path().canonicalize().expect("a real path");
    let root = base.join("repo");
    for dir in ["drafts", "sources/nested", ".hidden", "folder.txt"] {
        std::fs::create_dir_all(root.join(dir)).expect("a folder");
    }
    std::fs::write(root.join("claimtrace.toml"), "").expect("a file");
    std::fs::write(root.join("sources/a.txt"), "A source.\n").expect("a file");
    std::fs::write(root.join(".hidden/b.txt"), "Hidden.\n").expect("a file");
    std::fs::write(base.join("outside.txt"), "Outside.\n").expect("a file");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(base.join("outside.txt"), root.join("sources/out.txt"))
            .expect("a link");
        std::os::unix::fs::symlink(&base, root.join("up")).expect("a link");
    }
    let draft = root.join("drafts/draft.md");
    let root = declared::repository_root(&draft).expect("the root");
    Scratch {
        _folder: folder,
        root,
        draft,
    }
});

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let draft = Document::from_text(SCRATCH.draft.clone(), text.to_string(), Format::Markdown);
    let last_line = draft
        .locate(claimtrace::span::Span::new(text.len(), text.len()))
        .line;
    let mut paths = Vec::new();
    if let Ok(sources) = declared::sources(&draft) {
        for source in sources {
            assert!(
                (1..=last_line).contains(&source.line),
                "{source:?} is not on a line of the draft ({last_line} lines)"
            );
            paths.push(source);
        }
    }
    for reference in citations::references(&draft) {
        common::assert_span(&draft.text, reference.span);
        if let Some((span, target)) = reference.definition {
            common::assert_span(&draft.text, span);
            if let Target::Path(written) = target {
                let line = draft.locate(span).line;
                paths.push(Declared { written, line });
            }
        }
    }
    for declared in paths.iter().take(16) {
        if let Ok(path) = declared::confine(&SCRATCH.draft, &SCRATCH.root, declared) {
            assert!(
                path.starts_with(&SCRATCH.root),
                "{declared:?} leads out: {path:?}"
            );
            assert!(path.is_file(), "{declared:?} is not a file: {path:?}");
        }
        if let Ok(Some(path)) =
            declared::confine_if_present(&SCRATCH.draft, &SCRATCH.root, declared)
        {
            assert!(
                path.starts_with(&SCRATCH.root),
                "{declared:?} leads out: {path:?}"
            );
        }
    }
});
