//! The digest of an archive file: what `index update` compares to tell a
//! changed file from an unchanged one once it reads the file (see
//! [`super::state`] for when it does).

use sha2::{Digest, Sha256};

/// The SHA-256 of `text`.
pub fn raw(text: &str) -> [u8; 32] {
    Sha256::digest(text.as_bytes()).into()
}

/// A digest in hexadecimal.
pub fn hex(digest: &[u8; 32]) -> String {
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The SHA-256 of `text`, in hexadecimal.
pub fn of(text: &str) -> String {
    hex(&raw(text))
}
