//! Long JSON lists written pretty, their elements serialized in parallel.
//!
//! A document's claims are one JSON object holding a list of thousands of
//! elements; serde_json writes it on one thread, and on news that was an
//! eighth of `claims`' whole time, all of it after the
//! parallel work was done. [`write_array`] serializes the elements in
//! windows on rayon's pool, each element pretty at depth zero and then
//! indented to the depth its list stands at, and writes them in order:
//! byte for byte what `serde_json::to_writer_pretty` writes for the same
//! list at that depth. A raw newline in serde_json's output is always
//! structure (a newline inside a string is written `\n`), so indenting
//! after each newline is exact.
//!
//! Only a window of elements is held at a time, so the output is never
//! buffered whole.

use std::io::{self, Write};

use rayon::prelude::*;
use serde::Serialize;

/// The indentation of one nesting level, as serde_json's pretty printer
/// writes it.
const INDENT: &[u8] = b"  ";

/// Elements serialized by one task: enough that a task's overhead does not
/// count, few enough that both cores get work on a short list.
const CHUNK: usize = 256;

/// Chunks serialized before they are written: bounds what is held.
const CHUNKS_PER_WINDOW: usize = 16;

/// Writes `items` as a pretty JSON array whose opening bracket stands at
/// nesting `depth` (the `"claims": [` of an object at the top is at depth
/// 1); `element` writes one item with [`pretty`], as it would alone.
pub fn write_array<T, F>(
    out: &mut impl Write,
    items: &[T],
    depth: usize,
    element: F,
) -> io::Result<()>
where
    T: Sync,
    F: Fn(&T, &mut Vec<u8>) -> io::Result<()> + Sync + Send,
{
    if items.is_empty() {
        return out.write_all(b"[]");
    }
    out.write_all(b"[")?;
    let inner = INDENT.repeat(depth + 1);
    let serialize_chunk = |chunk: &[T]| -> io::Result<Vec<u8>> {
        let mut buffer = Vec::new();
        let mut pretty = Vec::new();
        for item in chunk {
            pretty.clear();
            element(item, &mut pretty)?;
            buffer.extend_from_slice(b",\n");
            indented(&mut buffer, &pretty, &inner);
        }
        Ok(buffer)
    };
    let mut first = true;
    for window in items.chunks(CHUNK * CHUNKS_PER_WINDOW) {
        let parts: Vec<io::Result<Vec<u8>>> = if window.len() <= CHUNK {
            vec![serialize_chunk(window)]
        } else {
            window.par_chunks(CHUNK).map(serialize_chunk).collect()
        };
        for part in parts {
            let part = part?;
            // Every element is written after a ",\n"; the list's first
            // element after a "\n" alone.
            let skip = if first { 1 } else { 0 };
            first = false;
            out.write_all(&part[skip..])?;
        }
    }
    out.write_all(b"\n")?;
    out.write_all(&INDENT.repeat(depth))?;
    out.write_all(b"]")
}

/// Writes `value` as pretty JSON at depth zero: what an `element` of
/// [`write_array`] calls.
pub fn pretty(out: &mut Vec<u8>, value: &impl Serialize) -> io::Result<()> {
    Ok(serde_json::to_writer_pretty(out, value)?)
}

/// Appends `pretty` (pretty JSON at depth zero) to `out` with every line
/// opened by `prefix` (the indentation of the list's elements).
fn indented(out: &mut Vec<u8>, pretty: &[u8], prefix: &[u8]) {
    out.extend_from_slice(prefix);
    let mut from = 0;
    for newline in memchr::memchr_iter(b'\n', pretty) {
        out.extend_from_slice(&pretty[from..=newline]);
        out.extend_from_slice(prefix);
        from = newline + 1;
    }
    out.extend_from_slice(&pretty[from..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Outer<'a> {
        name: &'a str,
        items: Vec<Item<'a>>,
        tail: Vec<u8>,
    }

    #[derive(Serialize, Clone)]
    struct Item<'a> {
        text: &'a str,
        values: Vec<u32>,
        nested: Option<Vec<&'a str>>,
    }

    /// The object written by hand around [`write_array`], as a report does.
    fn by_parts(name: &str, items: &[Item<'_>]) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(b"{\n  \"name\": ");
        serde_json::to_writer(&mut out, name).unwrap();
        out.extend_from_slice(b",\n  \"items\": ");
        write_array(&mut out, items, 1, |item, out| pretty(out, item)).unwrap();
        out.extend_from_slice(b",\n  \"tail\": []\n}");
        out
    }

    fn items(n: usize) -> Vec<Item<'static>> {
        (0..n)
            .map(|i| Item {
                text: if i % 3 == 0 {
                    "line\nbreak \"quoted\""
                } else {
                    "plain"
                },
                values: (0..(i % 4) as u32).collect(),
                nested: (i % 2 == 0).then(|| vec!["a", "b"]),
            })
            .collect()
    }

    #[test]
    fn same_bytes_as_serde_pretty_for_any_length() {
        // Around the chunk and window sizes, and empty.
        for n in [
            0,
            1,
            2,
            CHUNK - 1,
            CHUNK,
            CHUNK + 1,
            CHUNK * CHUNKS_PER_WINDOW + 3,
        ] {
            let items = items(n);
            let whole = Outer {
                name: "doc.md",
                items: items.clone(),
                tail: Vec::new(),
            };
            let expected = serde_json::to_vec_pretty(&whole).unwrap();
            assert_eq!(
                String::from_utf8(by_parts("doc.md", &items)).unwrap(),
                String::from_utf8(expected).unwrap(),
                "{n} items"
            );
        }
    }
}
