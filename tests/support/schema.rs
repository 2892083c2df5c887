//! The shipped JSON Schema (`schemas/audit.schema.json`), compiled once:
//! every JSON output a test reads from `claimtrace check`, `claims` or
//! `sentences` is parsed through [`validated`], so an output that drifts
//! from the schema fails the test that produced it.

#![allow(dead_code)] // each user of this module uses part of it

use std::sync::LazyLock;

static VALIDATOR: LazyLock<jsonschema::Validator> = LazyLock::new(|| {
    let schema: serde_json::Value = serde_json::from_str(include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/schemas/audit.schema.json"
    )))
    .expect("the schema is JSON");
    jsonschema::validator_for(&schema).expect("the schema compiles")
});

/// The JSON output `text`, parsed, after checking it against the schema.
#[track_caller]
pub fn validated(text: impl AsRef<[u8]>) -> serde_json::Value {
    let text = text.as_ref();
    let value: serde_json::Value = serde_json::from_slice(text)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(text)));
    assert_valid(&value);
    value
}

/// Fails with every way `value` breaks the schema.
#[track_caller]
pub fn assert_valid(value: &serde_json::Value) {
    let errors: Vec<String> = VALIDATOR
        .iter_errors(value)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "the output breaks schemas/audit.schema.json: {errors:#?}"
    );
}

/// Whether `value` keeps to the schema.
pub fn is_valid(value: &serde_json::Value) -> bool {
    VALIDATOR.is_valid(value)
}
