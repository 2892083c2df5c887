//! What is particular to one language, behind one module each.
//!
//! The engine reads a language through data and a few functions: the
//! rule files of `rules/<language>/` (word classes, reporting verbs,
//! titles, number words, paraphrases), and what cannot be data — how a
//! verb is inflected, how a word is stemmed — in the language's module
//! here. Adding a language is a new folder of rules and a new module, not
//! edits across the engine. English is the one language today.

pub mod en;
