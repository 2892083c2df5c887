//! The fields of an archive index, as tantivy holds them.
//!
//! Three kinds of record share one index, told apart by `record`:
//!
//! * a **file** record per archive file: its path (relative to the
//!   archive, also as `file`, a term only file records have) and the
//!   digest of its text, and its state (`stat`, a fast field: size,
//!   times and digest, [`super::state`]). `index update` compares these
//!   states with the files on disk; a check compares the digest with the
//!   file it loads, so a file changed since the index was built is said.
//! * a **passage** record per sentence of a file: its path, the claim's
//!   number and byte span in the file, and the hash of its keys (`copy`,
//!   indexed and a fast field, [`super::keys::copy_hash`]) naming its
//!   group.
//! * a **group** record per distinct passage: the retrieval terms
//!   (indexed, not stored) and the content and figure keys (stored, to
//!   count exactly how much of a claim a file holds) that every passage of
//!   the group shares, and the group's hash (`group`). An archive holds
//!   the same sentence many times (a story filed again, a wire story in
//!   several papers); ranked once as a group, its copies neither crowd
//!   the best few places nor make the ranking walk postings a thousand
//!   times longer. A group is written with its first passage and removed
//!   with its last ([`super::write`]).
//!
//! Everything of one file is written, replaced and removed together, by
//! its path, in one commit, so a reader never sees a file's passages
//! without its record or the other way round; the groups its passages
//! start or end change in the same commit.

use tantivy::schema::{
    BytesOptions, FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema,
    TextFieldIndexing, TextOptions,
};

/// `record` of a file record.
pub const FILE: &str = "file";

/// `record` of a passage record.
pub const PASSAGE: &str = "passage";

/// `record` of a group record.
pub const GROUP: &str = "group";

/// The name of the field holding each passage's group hash.
pub const COPY: &str = "copy";

/// The name of the field holding each group record's hash.
pub const GROUP_HASH: &str = "group";

/// The name of the fast field holding each file record's state.
pub const STAT: &str = "stat";

/// The fields, by name.
#[derive(Clone, Copy, Debug)]
pub struct Fields {
    /// [`FILE`], [`PASSAGE`] or [`GROUP`].
    pub record: Field,
    /// The file's path relative to the archive, `/`-separated.
    pub path: Field,
    /// The SHA-256 of the file's text (file records).
    pub digest: Field,
    /// The file's path again, indexed on its file record only: what
    /// replaces a file record without its passages.
    pub file: Field,
    /// The file's state ([`super::state`]): a fast field of file records.
    pub stat: Field,
    /// The passage's claim number in its file (`c1` is 0).
    pub claim: Field,
    /// The passage's byte span in its file.
    pub start: Field,
    pub end: Field,
    /// The group's retrieval terms ([`super::keys::Keys::terms`]).
    pub terms: Field,
    /// The group's content and figure keys, stored as bytes.
    pub keys: Field,
    /// The passage's group ([`super::keys::copy_hash`]): indexed, to find
    /// a group's passages, and a fast field, to find the groups of a
    /// file's passages.
    pub copy: Field,
    /// The group record's hash, indexed (to find a group by its hash) and
    /// stored (to find a ranked group's passages).
    pub group: Field,
}

impl Fields {
    /// The schema of a new index, and its fields.
    pub fn schema() -> (Schema, Fields) {
        let mut builder = Schema::builder();
        let terms = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("whitespace")
                .set_index_option(IndexRecordOption::WithFreqs),
        );
        let fields = Fields {
            record: builder.add_text_field("record", STRING),
            path: builder.add_text_field("path", STRING | STORED),
            digest: builder.add_text_field("digest", STORED),
            file: builder.add_text_field("file", STRING),
            stat: builder.add_bytes_field(STAT, BytesOptions::default().set_fast()),
            claim: builder.add_u64_field("claim", STORED),
            start: builder.add_u64_field("start", STORED),
            end: builder.add_u64_field("end", STORED),
            terms: builder.add_text_field("terms", terms),
            keys: builder.add_bytes_field("keys", BytesOptions::default().set_stored()),
            copy: builder.add_u64_field(COPY, INDEXED | FAST),
            group: builder.add_u64_field(GROUP_HASH, INDEXED | STORED),
        };
        (builder.build(), fields)
    }

    /// The fields of an opened index's `schema`; `None` when it lacks one
    /// (not an index of this format).
    pub fn of(schema: &Schema) -> Option<Fields> {
        let field = |name: &str| schema.get_field(name).ok();
        Some(Fields {
            record: field("record")?,
            path: field("path")?,
            digest: field("digest")?,
            file: field("file")?,
            stat: field(STAT)?,
            claim: field("claim")?,
            start: field("start")?,
            end: field("end")?,
            terms: field("terms")?,
            keys: field("keys")?,
            copy: field(COPY)?,
            group: field(GROUP_HASH)?,
        })
    }
}
