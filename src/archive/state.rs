//! What `index update` compares before it reads a file: the file's size,
//! modification time and change time as the index last saw them, with the
//! digest of its text.
//!
//! Reading every file of a large archive to digest it is most of what an
//! update would cost (a gigabyte, for an update that changes a hundred
//! files). So the index keeps, per file, its [`Stat`] (size, modification
//! time `mtime` and inode change time `ctime`, to the nanosecond) beside
//! its digest, and an update reads only the files whose stat differs from
//! the one recorded (or that it does not know): a file whose size, mtime
//! and ctime are all as recorded is taken as unchanged without reading it.
//!
//! The ctime is what makes that safe: every write to a file sets it to the
//! current time, and no ordinary tool sets it back (`touch -d`, `cp -p`,
//! `rsync -t` and `tar` restore an mtime, never a ctime; a file replaced
//! by another is a new inode with a new ctime). Two cases remain:
//!
//! * a file written again within the same tick of the file system's clock
//!   as the moment the index looked at it: its times may not move. A stat
//!   taken less than [`RACY`] after the file's last mtime or ctime is
//!   therefore not recorded (the file is read again at the next update,
//!   until its times are old enough to trust), as git does for its index;
//! * a file system whose times cannot be trusted (the clock set back, a
//!   network or FUSE file system that reports fixed times), and a change
//!   that keeps the size then: `index update --verify` reads and digests
//!   every file, as if no stat were recorded.
//!
//! The states are kept in a fast field of the file records (`stat`,
//! bytes: the path, then [`TAIL`] bytes of size, times and digest), so an
//! update reads a few megabytes of columns instead of the index's stored
//! records. They are written with the file's records and removed with
//! them, in the same commit (see [`super::write`]).

use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rustc_hash::FxHashMap;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocSet, TERMINATED, Term};

use super::open::Archive;
use super::schema::{FILE, STAT};
use crate::error::Result;

/// How recent a file's last change may be for its stat to be recorded:
/// longer than the coarsest clock tick of a common file system (FAT's two
/// seconds).
pub const RACY: Duration = Duration::from_secs(2);

/// The bytes after the path in a file's state: size, mtime and ctime (8
/// bytes each, big-endian) and the SHA-256 digest (32).
pub const TAIL: usize = 8 * 3 + 32;

/// A file's size and times, as the file system reports them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stat {
    pub size: u64,
    /// Nanoseconds since the Unix epoch.
    pub modified: u64,
    /// Nanoseconds since the Unix epoch (the inode change time; 0 where
    /// the system has none).
    pub changed: u64,
}

/// What the index holds of one file: its stat when it was read (`None`
/// when too recent to trust, see [`RACY`]) and the digest of its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct State {
    pub stat: Option<Stat>,
    pub digest: [u8; 32],
}

/// The stat of the file at `real`, `None` when it cannot be taken or is
/// too recent to trust (within [`RACY`] of now).
pub fn stat(real: &Path) -> Option<Stat> {
    let metadata = std::fs::metadata(real).ok()?;
    let nanos = |time: SystemTime| {
        time.duration_since(UNIX_EPOCH)
            .ok()
            .and_then(|d| u64::try_from(d.as_nanos()).ok())
    };
    let modified = nanos(metadata.modified().ok()?)?;
    let changed = changed_nanos(&metadata);
    let now = nanos(SystemTime::now())?;
    let last = modified.max(changed);
    // A time in the future (clock skew) is never trusted either.
    if modified == 0 || now.saturating_sub(last) < RACY.as_nanos() as u64 || last > now {
        return None;
    }
    Some(Stat {
        size: metadata.len(),
        modified,
        changed,
    })
}

#[cfg(unix)]
fn changed_nanos(metadata: &std::fs::Metadata) -> u64 {
    use std::os::unix::fs::MetadataExt;
    u64::try_from(metadata.ctime())
        .ok()
        .and_then(|s| s.checked_mul(1_000_000_000))
        .and_then(|s| s.checked_add(u64::try_from(metadata.ctime_nsec()).ok()?))
        .unwrap_or(0)
}

#[cfg(not(unix))]
fn changed_nanos(_: &std::fs::Metadata) -> u64 {
    0
}

/// Whether a file on disk with the stat `now` must be read to know if it
/// changed since it was indexed as `indexed`: always under `verify`, when
/// the index does not hold it or holds no stat for it, and when its stat
/// differs.
pub fn must_read(indexed: Option<&State>, now: Option<Stat>, verify: bool) -> bool {
    match (indexed, now) {
        (
            Some(State {
                stat: Some(was), ..
            }),
            Some(now),
        ) => verify || *was != now,
        _ => true,
    }
}

/// The `stat` field's value for the file at `path` in state `state`.
pub fn encode(path: &str, state: &State) -> Vec<u8> {
    let stat = state.stat.unwrap_or(Stat {
        size: 0,
        modified: 0,
        changed: 0,
    });
    let mut bytes = Vec::with_capacity(path.len() + TAIL);
    bytes.extend_from_slice(path.as_bytes());
    bytes.extend_from_slice(&stat.size.to_be_bytes());
    bytes.extend_from_slice(&stat.modified.to_be_bytes());
    bytes.extend_from_slice(&stat.changed.to_be_bytes());
    bytes.extend_from_slice(&state.digest);
    bytes
}

/// The path and state a `stat` value holds, `None` when it holds none.
pub fn decode(bytes: &[u8]) -> Option<(String, State)> {
    let split = bytes.len().checked_sub(TAIL)?;
    let (path, tail) = bytes.split_at(split);
    let path = std::str::from_utf8(path).ok()?.to_string();
    let number = |at: usize| {
        let mut b = [0u8; 8];
        b.copy_from_slice(&tail[at..at + 8]);
        u64::from_be_bytes(b)
    };
    let stat = Stat {
        size: number(0),
        modified: number(8),
        changed: number(16),
    };
    let mut digest = [0u8; 32];
    digest.copy_from_slice(&tail[24..]);
    Some((
        path,
        State {
            stat: (stat.modified != 0).then_some(stat),
            digest,
        },
    ))
}

/// The state of every file the index holds, by path: read from the
/// `stat` column of each segment's live file records, never from the
/// stored records.
pub fn indexed(archive: &Archive) -> Result<FxHashMap<String, State>> {
    let fields = archive.fields;
    let term = Term::from_field_text(fields.record, FILE);
    let mut states = FxHashMap::default();
    for segment in archive.searcher().segment_readers() {
        let inverted = segment
            .inverted_index(fields.record)
            .map_err(|e| archive.damaged(e))?;
        let Some(mut postings) = inverted
            .read_postings(&term, IndexRecordOption::Basic)
            .map_err(|e| archive.damaged(e))?
        else {
            continue; // no file records in this segment
        };
        let column = segment
            .fast_fields()
            .bytes(STAT)
            .map_err(|e| archive.damaged(e))?
            .ok_or_else(|| archive.damaged("file records without their state"))?;
        let alive = segment.alive_bitset();
        let mut ords = Vec::new();
        let mut doc = postings.doc();
        while doc != TERMINATED {
            if alive.is_none_or(|alive| alive.is_alive(doc)) {
                let ord = column
                    .ords()
                    .first(doc)
                    .ok_or_else(|| archive.damaged("a file record without its state"))?;
                ords.push(ord);
            }
            doc = postings.advance();
        }
        ords.sort_unstable();
        ords.dedup();
        let mut bad = false;
        let found = column
            .dictionary()
            .sorted_ords_to_term_cb(&ords, |bytes| match decode(bytes) {
                Some((path, state)) => {
                    states.insert(path, state);
                }
                None => bad = true,
            })
            .map_err(|e| archive.damaged(e))?;
        if bad || !found {
            return Err(archive.damaged("a file state that cannot be read"));
        }
    }
    Ok(states)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DIGEST: [u8; 32] = [7; 32];

    fn at(size: u64, modified: u64, changed: u64) -> Stat {
        Stat {
            size,
            modified,
            changed,
        }
    }

    #[test]
    fn a_state_reads_back_as_written() {
        let state = State {
            stat: Some(at(
                4_321,
                1_700_000_000_123_456_789,
                1_700_000_001_000_000_001,
            )),
            digest: DIGEST,
        };
        let bytes = encode("2024/städte/pier.txt", &state);
        assert_eq!(
            decode(&bytes),
            Some(("2024/städte/pier.txt".to_string(), state))
        );
        let unknown = State {
            stat: None,
            digest: DIGEST,
        };
        assert_eq!(
            decode(&encode("a.md", &unknown)),
            Some(("a.md".to_string(), unknown))
        );
        assert_eq!(decode(&bytes[..TAIL - 1]), None);
    }

    #[test]
    fn only_a_file_whose_stat_moved_or_is_unknown_is_read() {
        let was = at(100, 5_000, 6_000);
        let indexed = State {
            stat: Some(was),
            digest: DIGEST,
        };
        // Size, mtime and ctime as recorded: not read (a change that kept
        // all three is what --verify is for).
        assert!(!must_read(Some(&indexed), Some(was), false));
        assert!(must_read(Some(&indexed), Some(was), true));
        // Same size, new mtime; same size and mtime, new ctime (an mtime
        // set back after a write); new size.
        assert!(must_read(
            Some(&indexed),
            Some(at(100, 5_001, 6_000)),
            false
        ));
        assert!(must_read(
            Some(&indexed),
            Some(at(100, 5_000, 6_001)),
            false
        ));
        assert!(must_read(
            Some(&indexed),
            Some(at(101, 5_000, 6_000)),
            false
        ));
        // Not indexed, indexed without a stat, or no stat now.
        assert!(must_read(None, Some(was), false));
        let unknown = State {
            stat: None,
            digest: DIGEST,
        };
        assert!(must_read(Some(&unknown), Some(was), false));
        assert!(must_read(Some(&indexed), None, false));
    }

    #[test]
    fn a_file_changed_just_now_has_no_stat_recorded() {
        let folder = tempfile::tempdir().expect("a folder");
        let path = folder.path().join("story.txt");
        std::fs::write(&path, "The pier reopens in May.\n").expect("written");
        assert_eq!(stat(&path), None);
        let old = SystemTime::now() - Duration::from_secs(3600);
        std::fs::File::options()
            .write(true)
            .open(&path)
            .and_then(|f| f.set_modified(old))
            .expect("mtime set");
        // Setting the mtime changed the ctime just now: still too recent.
        assert_eq!(stat(&path), None);
    }
}
