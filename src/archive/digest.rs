//! The digest of an archive file: what `index update` compares to tell a
//! changed file from an unchanged one, whatever its time stamps say.

use sha2::{Digest, Sha256};

/// The SHA-256 of `text`, in hexadecimal.
pub fn of(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
