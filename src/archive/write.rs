//! Writing an archive index: `claimtrace index` builds one, `claimtrace
//! index update` brings one up to date with its archive.
//!
//! # Readers see a consistent snapshot
//!
//! tantivy never changes a committed segment file. A commit writes new
//! segment files, then replaces `meta.json` (the list of the segments
//! that make up the index, and of the documents deleted in them) in one
//! atomic rename. A reader opens `meta.json` and the segments it lists
//! while holding tantivy's meta lock (`.tantivy-meta.lock`), and the
//! writer removes segment files no commit lists any more only while
//! holding that same lock, so a reader in another process never finds a
//! listed file gone; once open, its files are memory-mapped and stay
//! readable even when removed. So a check opens one commit, before or
//! after an update, and reads that commit to its end.
//!
//! An update therefore makes every change of one run (files added,
//! changed, removed) in a single commit: a reader sees the archive as it
//! was, or as it is, never half of it. A file's passages and its file
//! record are deleted and added together, by path. Two updates at once
//! are refused by tantivy's writer lock.
//!
//! A build writes a new index into a fresh folder beside the target and
//! swaps it in by renames: a reader of the index being replaced keeps
//! reading the old one.
//!
//! # What an update reads
//!
//! An update compares each archive file's size and times with the state
//! the index recorded for it ([`super::state`], read from a fast field,
//! not from the stored records) and reads only the files whose state
//! moved: at a gigabyte of archive, a stat per file instead of a read and
//! a digest per file. A file read whose text is as indexed (touched, or
//! copied back) has only its file record written again, with its new
//! state; its passages stay.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use tantivy::columnar::Column;
use tantivy::{Index, IndexWriter, TantivyDocument, Term};

use super::manifest::{self, Manifest};
use super::open::{self, Archive};
use super::records::{FileRecords, Keying};
use super::schema::{COPY, Fields};
use super::state::{self, State};
use crate::access::Admitted;
use crate::document::walk::{self, Found};
use crate::document::{Document, Reading};
use crate::error::{Error, Result};
use crate::rules::RuleSet;

/// How much memory tantivy's writer may hold before it writes a segment,
/// over all its threads.
const WRITER_MEMORY: usize = 256 << 20;

/// How many files are read (in parallel) before their records are handed
/// to the writer: bounds what is held in memory at once.
const BATCH: usize = 256;

/// How many files an update looks at (in parallel) at once: most only have
/// their stat taken.
const UPDATE_BATCH: usize = 4096;

/// What building an index did.
#[derive(Debug, Default)]
pub struct Built {
    pub files: usize,
    pub passages: usize,
    /// Files of the archive left out, each with the reason.
    pub skipped: Vec<Error>,
}

/// What updating an index did.
#[derive(Debug, Default)]
pub struct Updated {
    pub added: usize,
    pub changed: usize,
    pub removed: usize,
    pub unchanged: usize,
    /// Files read (the others' stat was as recorded, see
    /// [`super::state`]).
    pub read: usize,
    /// Files of the archive left out, each with the reason.
    pub skipped: Vec<Error>,
}

/// Builds a new index of the folder `archive` in the folder `folder`,
/// replacing an index already there. `run_root` confines what is read, as
/// for `--source`. A folder that holds something other than an index is
/// refused, never overwritten.
pub fn build(
    folder: &Path,
    archive: &Path,
    rules: &RuleSet,
    reading: Reading,
    run_root: &Path,
) -> Result<Built> {
    refuse_non_index(folder)?;
    let archive_real = canonical_folder(archive)?;
    let parent = folder
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|source| Error::Io {
        path: parent.to_path_buf(),
        source,
    })?;
    let fresh = tempfile::Builder::new()
        .prefix(".claimtrace-index-")
        .tempdir_in(parent)
        .map_err(|source| Error::Io {
            path: parent.to_path_buf(),
            source,
        })?;
    let (schema, fields) = Fields::schema();
    let index = Index::create_in_dir(fresh.path(), schema).map_err(|e| tantivy_error(folder, e))?;
    let mut writer: IndexWriter<TantivyDocument> = index
        .writer_with_num_threads(writer_threads(), WRITER_MEMORY)
        .map_err(|e| tantivy_error(folder, e))?;
    let keying = Keying::new(rules, reading);
    let walked = walk::files(&[archive.to_path_buf()], run_root);
    if let Some(error) = walked.errors.into_iter().next() {
        return Err(error);
    }
    let mut built = Built {
        skipped: walked.skipped,
        ..Built::default()
    };
    // The groups written so far: a passage starts one the first time.
    let mut groups: FxHashSet<u64> = FxHashSet::default();
    for batch in walked.found.chunks(BATCH) {
        let read: Vec<Result<FileRecords>> = batch
            .par_iter()
            .map(|found| read_found(&keying, found, &archive_real))
            .collect();
        for records in read {
            match records {
                Ok(records) => {
                    built.files += 1;
                    built.passages += records.passages.len();
                    for document in records.documents(&fields, |hash| groups.insert(hash)) {
                        writer
                            .add_document(document)
                            .map_err(|e| tantivy_error(folder, e))?;
                    }
                }
                Err(error) => built.skipped.push(error),
            }
        }
    }
    writer.commit().map_err(|e| tantivy_error(folder, e))?;
    writer
        .wait_merging_threads()
        .map_err(|e| tantivy_error(folder, e))?;
    Manifest::current(archive_real, rules.fingerprint()).write(fresh.path())?;
    swap_in(fresh, folder)?;
    Ok(built)
}

/// Brings the index in `folder` up to date with its archive: files added,
/// changed and removed since it was built or last updated, in one commit
/// (see the module doc). A file is read only when its stat differs from
/// the one the index recorded, or under `verify` ([`super::state`]); one
/// read whose text is as indexed has only its state written again.
pub fn update(
    folder: &Path,
    rules: &RuleSet,
    reading: Reading,
    run_root: &Path,
    verify: bool,
) -> Result<Updated> {
    let archive = open::open(folder, rules)?;
    let indexed = state::indexed(&archive)?;
    let keying = Keying::new(rules, reading);
    let root = archive.manifest.archive.clone();
    let walked = walk::files(std::slice::from_ref(&root), run_root);
    if let Some(error) = walked.errors.into_iter().next() {
        return Err(error);
    }
    let mut updated = Updated {
        skipped: walked.skipped,
        ..Updated::default()
    };
    let mut writer: IndexWriter<TantivyDocument> = archive
        .index
        .writer_with_num_threads(writer_threads(), WRITER_MEMORY)
        .map_err(|e| match e {
            tantivy::TantivyError::LockFailure(..) => manifest::refused(
                folder,
                "another `claimtrace index` or `index update` is writing this index; wait for it"
                    .to_string(),
            ),
            other => tantivy_error(folder, other),
        })?;
    let fields = archive.fields;
    let mut seen: FxHashSet<String> = FxHashSet::default();
    let mut written = false;
    let mut groups = Groups::default();
    for batch in walked.found.chunks(UPDATE_BATCH) {
        // Each file's stat is compared with the index's; only a file whose
        // stat moved is read, and only a new or changed one has its claims
        // found.
        let looked: Vec<Result<(String, Status)>> = batch
            .par_iter()
            .map(|found| look(&keying, found, &root, &indexed, verify))
            .collect();
        for outcome in looked {
            let (path, status) = match outcome {
                Ok(looked) => looked,
                Err(error) => {
                    updated.skipped.push(error);
                    continue;
                }
            };
            let records = match status {
                Status::Unchanged { read } => {
                    updated.unchanged += 1;
                    updated.read += usize::from(read);
                    seen.insert(path);
                    continue;
                }
                Status::Restated(records) => {
                    // Same text, new stat: its file record replaced, its
                    // passages kept.
                    updated.unchanged += 1;
                    updated.read += 1;
                    writer.delete_term(Term::from_field_text(fields.file, &path));
                    writer
                        .add_document(records.file_document(&fields))
                        .map_err(|e| tantivy_error(folder, e))?;
                    written = true;
                    seen.insert(path);
                    continue;
                }
                Status::Changed(records) => {
                    updated.changed += 1;
                    groups.leave(&archive, &path)?;
                    writer.delete_term(Term::from_field_text(fields.path, &path));
                    records
                }
                Status::Added(records) => {
                    updated.added += 1;
                    records
                }
            };
            updated.read += 1;
            let mut starts = groups.join(&archive, &records)?;
            for document in records.documents(&fields, |hash| starts.remove(&hash)) {
                writer
                    .add_document(document)
                    .map_err(|e| tantivy_error(folder, e))?;
            }
            written = true;
            seen.insert(path);
        }
    }
    for path in indexed.keys() {
        if !seen.contains(path) {
            updated.removed += 1;
            groups.leave(&archive, path)?;
            writer.delete_term(Term::from_field_text(fields.path, path));
            written = true;
        }
    }
    for hash in groups.ended(&archive)? {
        writer.delete_term(Term::from_field_u64(fields.group, hash));
    }
    if written {
        writer.commit().map_err(|e| tantivy_error(folder, e))?;
    }
    writer
        .wait_merging_threads()
        .map_err(|e| tantivy_error(folder, e))?;
    Ok(updated)
}

/// The passage groups an update starts and ends ([`super::schema`]): a
/// group is written with the first passage of its keys and removed with
/// the last, in the update's one commit.
#[derive(Default)]
struct Groups {
    /// The groups of every passage this update writes.
    joined: FxHashSet<u64>,
    /// The groups of the passages of files this update changes or
    /// removes, and those files.
    left: FxHashSet<u64>,
    gone: FxHashSet<String>,
}

impl Groups {
    /// The groups that the passages of `records`, about to be written,
    /// start: those neither in the index nor written earlier in this
    /// update.
    fn join(&mut self, archive: &Archive, records: &FileRecords) -> Result<FxHashSet<u64>> {
        let mut starts = FxHashSet::default();
        for hash in records.groups() {
            if self.joined.insert(hash)
                && archive
                    .holding(&Term::from_field_u64(archive.fields.group, hash), 1)?
                    .is_empty()
            {
                starts.insert(hash);
            }
        }
        Ok(starts)
    }

    /// Notes that the passages of the indexed file `path` are about to be
    /// deleted, with the groups they are in.
    fn leave(&mut self, archive: &Archive, path: &str) -> Result<()> {
        let searcher = archive.searcher();
        let records = archive.holding(
            &Term::from_field_text(archive.fields.path, path),
            usize::MAX,
        )?;
        // A file's records are in one segment or few: each segment's column
        // is opened once.
        let mut column: Option<(u32, Column<u64>)> = None;
        for address in records {
            let open = match &column {
                Some((segment, open)) if *segment == address.segment_ord => open,
                _ => {
                    let open = archive.guarded(|| {
                        searcher
                            .segment_reader(address.segment_ord)
                            .fast_fields()
                            .u64(COPY)
                    })?;
                    &column.insert((address.segment_ord, open)).1
                }
            };
            // The file record has no group.
            self.left.extend(open.first(address.doc_id));
        }
        self.gone.insert(path.to_string());
        Ok(())
    }

    /// The groups left by this update's deleted passages that no passage
    /// is in any more: none written by this update, none of a file it
    /// keeps.
    fn ended(&self, archive: &Archive) -> Result<Vec<u64>> {
        let mut ended = Vec::new();
        for &hash in self.left.difference(&self.joined) {
            let passages =
                archive.holding(&Term::from_field_u64(archive.fields.copy, hash), usize::MAX)?;
            let mut kept = false;
            for address in passages {
                if !self.gone.contains(&archive.passage(address)?.0) {
                    kept = true;
                    break;
                }
            }
            if !kept {
                ended.push(hash);
            }
        }
        Ok(ended)
    }
}

/// How a file on disk stands against the index.
enum Status {
    /// As indexed; `read` when it had to be read to know.
    Unchanged {
        read: bool,
    },
    /// Its text as indexed, its stat not: its file record, with the new
    /// stat.
    Restated(FileRecords),
    Changed(FileRecords),
    Added(FileRecords),
}

/// The file `found` of the archive at `root` against the index's `indexed`
/// states: its path relative to the archive, and how it stands.
fn look(
    keying: &Keying,
    found: &Found,
    root: &Path,
    indexed: &FxHashMap<String, State>,
    verify: bool,
) -> Result<(String, Status)> {
    let (path, admitted) = archive_path(found, root)?;
    let known = indexed.get(&path);
    let stat = state::stat(&admitted.real);
    // A file now over the size limit is read, to be refused as a check
    // would refuse it.
    let too_large = stat.is_some_and(|s| s.size > keying.reading.max_bytes);
    if !too_large && !state::must_read(known, stat, verify) {
        return Ok((path, Status::Unchanged { read: false }));
    }
    let document = Document::read_admitted(&found.path, admitted, keying.reading)?;
    let digest = super::digest::raw(&document.text);
    let status = match known {
        Some(known) if known.digest == digest && known.stat == stat => {
            Status::Unchanged { read: true }
        }
        Some(known) if known.digest == digest => Status::Restated(FileRecords {
            path: path.clone(),
            state: State { stat, digest },
            passages: Vec::new(),
        }),
        Some(_) => Status::Changed(keying.records(&document, path.clone(), stat)),
        None => Status::Added(keying.records(&document, path.clone(), stat)),
    };
    Ok((path, status))
}

/// Reads the file `found` of the archive at `root` into its records.
fn read_found(keying: &Keying, found: &Found, root: &Path) -> Result<FileRecords> {
    let (path, admitted) = archive_path(found, root)?;
    keying.read(&found.path, admitted, path)
}

/// The path of the file `found` relative to the archive at `root`, and
/// where it really is.
fn archive_path<'f>(found: &'f Found, root: &Path) -> Result<(String, &'f Admitted)> {
    let refused = |reason: &str| Error::Refused {
        path: found.path.clone(),
        reason: reason.to_string(),
    };
    let Some(admitted) = &found.admitted else {
        return Err(refused("standard input cannot be archived"));
    };
    let relative = admitted
        .real
        .strip_prefix(root)
        .map_err(|_| refused("outside the archive folder (a link leading out of it)"))?;
    let Some(path) = relative.to_str() else {
        return Err(refused("a file name that is not UTF-8 cannot be indexed"));
    };
    Ok((path.to_string(), admitted))
}

/// Refuses `folder` if it exists and holds files but no index: a rebuild
/// must never delete what is not an index.
fn refuse_non_index(folder: &Path) -> Result<()> {
    let Ok(mut entries) = std::fs::read_dir(folder) else {
        return Ok(());
    };
    let holds_something = entries.next().is_some();
    if holds_something && !folder.join(manifest::FILE_NAME).is_file() {
        return Err(manifest::refused(
            folder,
            "the folder holds files but no claimtrace index; name an empty or new folder for the index".to_string(),
        ));
    }
    Ok(())
}

/// `archive`, canonical, if it is a folder.
fn canonical_folder(archive: &Path) -> Result<PathBuf> {
    let real = archive.canonicalize().map_err(|source| Error::Io {
        path: archive.to_path_buf(),
        source,
    })?;
    if !real.is_dir() {
        return Err(Error::Refused {
            path: archive.to_path_buf(),
            reason: "not a folder: an archive is a folder of sources".to_string(),
        });
    }
    Ok(real)
}

/// Puts the index built in `fresh` where `folder` is, replacing the index
/// there: old out of the way, new in, old removed.
fn swap_in(fresh: tempfile::TempDir, folder: &Path) -> Result<()> {
    let io = |source| Error::Io {
        path: folder.to_path_buf(),
        source,
    };
    let fresh = fresh.keep();
    let old = folder.exists().then(|| {
        let mut name = folder.as_os_str().to_owned();
        name.push(format!(".old-{}", std::process::id()));
        PathBuf::from(name)
    });
    if let Some(old) = &old {
        std::fs::rename(folder, old).map_err(io)?;
    }
    std::fs::rename(&fresh, folder).map_err(io)?;
    if let Some(old) = &old {
        std::fs::remove_dir_all(old).map_err(io)?;
    }
    Ok(())
}

/// The threads tantivy's writer indexes with: as many as rayon reads files
/// with, at most 4 (more buys little and costs a memory budget each).
fn writer_threads() -> usize {
    rayon::current_num_threads().clamp(1, 4)
}

/// A tantivy error while writing the index in `folder`.
fn tantivy_error(folder: &Path, error: tantivy::TantivyError) -> Error {
    manifest::refused(folder, format!("writing the index failed: {error}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::keys::copy_hash;
    use crate::archive::retrieve::LIMIT;
    use crate::check::lexicon::Stems;
    use crate::document::{DEFAULT_MAX_FILE_SIZE, Format};

    const FERRY: &str = "The harbour board approved a new ferry to the islands for June.";
    const MARKET: &str = "The covered market reopens on Saturday after two years of repairs.";

    /// A scratch archive of `stories` and its index, in a folder the
    /// returned guard removes.
    struct Scratch {
        top: tempfile::TempDir,
        root: PathBuf,
        rules: RuleSet,
        reading: Reading,
    }

    impl Scratch {
        fn new(stories: &[(&str, &str)]) -> Scratch {
            let top = tempfile::tempdir().expect("a folder");
            let root = top.path().canonicalize().expect("canonical");
            std::fs::create_dir(root.join("stories")).expect("stories");
            let scratch = Scratch {
                top,
                root,
                rules: RuleSet::builtin(),
                reading: Reading {
                    format: None,
                    max_bytes: DEFAULT_MAX_FILE_SIZE,
                },
            };
            for (name, text) in stories {
                scratch.write(name, text);
            }
            build(
                &scratch.root.join("idx"),
                &scratch.root.join("stories"),
                &scratch.rules,
                scratch.reading,
                &scratch.root,
            )
            .expect("built");
            scratch
        }

        fn write(&self, name: &str, text: &str) {
            std::fs::write(self.root.join("stories").join(name), text).expect("a story");
        }

        fn remove(&self, name: &str) {
            std::fs::remove_file(self.root.join("stories").join(name)).expect("removed");
        }

        fn update(&self) -> Updated {
            let updated = update(
                &self.root.join("idx"),
                &self.rules,
                self.reading,
                &self.root,
                false,
            )
            .expect("updated");
            assert!(self.top.path().exists());
            updated
        }

        fn keys(&self, sentence: &str) -> crate::archive::keys::Keys {
            let draft = Document::from_text("d.txt".into(), sentence.to_string(), Format::Plain);
            let claims = crate::claims::read(&draft, &self.rules);
            crate::archive::keys::Keys::of(
                &draft,
                &claims.claims[0],
                &Stems::new(self.rules.check()),
                self.rules.lexicon(),
            )
        }

        /// How many group records the index holds for `sentence`'s keys,
        /// and the files of the passages retrieved for it.
        fn groups_and_files(&self, sentence: &str) -> (usize, Vec<String>) {
            let archive = open::open(&self.root.join("idx"), &self.rules).expect("opened");
            let keys = self.keys(sentence);
            let group = Term::from_field_u64(archive.fields.group, copy_hash(&keys));
            let groups = archive.holding(&group, usize::MAX).expect("read").len();
            let mut files: Vec<String> = archive
                .retrieve(&keys, LIMIT)
                .expect("retrieved")
                .into_iter()
                .filter(|c| c.keys.len() == keys.covered().len())
                .map(|c| c.path)
                .collect();
            files.sort();
            (groups, files)
        }
    }

    #[test]
    fn a_passage_filed_twice_is_one_group_with_both_files() {
        let scratch = Scratch::new(&[("a.txt", FERRY), ("b.txt", FERRY), ("c.txt", MARKET)]);
        assert_eq!(
            scratch.groups_and_files(FERRY),
            (1, vec!["a.txt".to_string(), "b.txt".to_string()])
        );
    }

    #[test]
    fn a_group_outlives_all_but_its_last_passage() {
        let scratch = Scratch::new(&[("a.txt", FERRY), ("b.txt", FERRY), ("c.txt", MARKET)]);
        // The file that started the group goes: the group stays, with the
        // other copy.
        scratch.remove("a.txt");
        assert_eq!(scratch.update().removed, 1);
        assert_eq!(
            scratch.groups_and_files(FERRY),
            (1, vec!["b.txt".to_string()])
        );
        // The last copy is changed to say something else: the group goes,
        // and the new sentence has one.
        scratch.write("b.txt", MARKET);
        assert_eq!(scratch.update().changed, 1);
        assert_eq!(scratch.groups_and_files(FERRY), (0, vec![]));
        assert_eq!(
            scratch.groups_and_files(MARKET),
            (1, vec!["b.txt".to_string(), "c.txt".to_string()])
        );
    }

    #[test]
    fn a_group_ended_and_started_again_in_one_update_stays() {
        let scratch = Scratch::new(&[("a.txt", FERRY), ("c.txt", MARKET)]);
        // The only file holding the passage goes, another comes with it.
        scratch.remove("a.txt");
        scratch.write("z.txt", FERRY);
        let updated = scratch.update();
        assert_eq!((updated.added, updated.removed), (1, 1));
        assert_eq!(
            scratch.groups_and_files(FERRY),
            (1, vec!["z.txt".to_string()])
        );
    }
}
