//! The README's tree of `src/` and `rules/` (between `<!-- tree:start -->`
//! and `<!-- tree:end -->`) names every file of those folders, and only
//! files that exist: a new module without its line, or a line for a file
//! gone, fails here.

use std::collections::BTreeSet;
use std::path::Path;

/// The files the tree names: each line is indented two spaces a level; a
/// name ending in `/` is a folder holding the lines indented under it.
fn named_in_readme(readme: &str) -> BTreeSet<String> {
    let start = readme
        .find("<!-- tree:start -->")
        .expect("the tree's start marker");
    let end = readme
        .find("<!-- tree:end -->")
        .expect("the tree's end marker");
    let mut folders: Vec<String> = Vec::new();
    let mut files = BTreeSet::new();
    for line in readme[start..end].lines() {
        if line.starts_with("```") || line.starts_with("<!--") || line.trim().is_empty() {
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        let name = line.split_whitespace().next().expect("a name");
        folders.truncate(indent / 2);
        if let Some(folder) = name.strip_suffix('/') {
            folders.push(folder.to_string());
        } else {
            let mut path = folders.join("/");
            path.push('/');
            path.push_str(name);
            files.insert(path);
        }
    }
    files
}

fn files_under(root: &Path, folder: &str, out: &mut BTreeSet<String>) {
    for entry in std::fs::read_dir(root.join(folder))
        .expect("a folder")
        .flatten()
    {
        let relative = format!("{folder}/{}", entry.file_name().to_string_lossy());
        if entry.path().is_dir() {
            files_under(root, &relative, out);
        } else {
            out.insert(relative);
        }
    }
}

#[test]
fn the_readme_tree_matches_the_folders() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).expect("the README");
    let named = named_in_readme(&readme);
    let mut present = BTreeSet::new();
    files_under(root, "src", &mut present);
    files_under(root, "rules", &mut present);
    let missing: Vec<_> = present.difference(&named).collect();
    let gone: Vec<_> = named.difference(&present).collect();
    assert!(
        missing.is_empty() && gone.is_empty(),
        "not in the README's tree: {missing:?}\nin the tree but not in the folders: {gone:?}"
    );
}
