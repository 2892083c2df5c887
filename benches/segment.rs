//! Tokenizer throughput on a few MB of news prose built from the seed
//! article: `cargo bench --bench segment`. Criterion reports MB/s.

use std::hint::black_box;

use claimtrace::document::{Document, Format};
use claimtrace::rules::RuleSet;
use claimtrace::segment;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

mod common;

use common::corpus;

fn bench_segment(c: &mut Criterion) {
    let rules = RuleSet::builtin();
    let text = corpus();
    let mut group = c.benchmark_group("segment");
    group.throughput(Throughput::BytesDecimal(text.len() as u64));
    group.sample_size(20);

    let plain = Document::from_text("bench.txt".into(), text.clone(), Format::Plain);
    group.bench_function("sentences/plain", |b| {
        b.iter(|| segment::sentences(black_box(&plain), &rules).len())
    });

    let markdown = Document::from_text("bench.md".into(), text.clone(), Format::Markdown);
    group.bench_function("sentences/markdown", |b| {
        b.iter(|| segment::sentences(black_box(&markdown), &rules).len())
    });

    group.bench_function("read+sentences/plain", |b| {
        b.iter(|| {
            let document =
                Document::from_text("bench.txt".into(), black_box(text.clone()), Format::Plain);
            segment::sentences(&document, &rules).len()
        })
    });

    group.bench_function("read+sentences/markdown", |b| {
        b.iter(|| {
            let document =
                Document::from_text("bench.md".into(), black_box(text.clone()), Format::Markdown);
            segment::sentences(&document, &rules).len()
        })
    });
    group.finish();
}

criterion_group!(benches, bench_segment);
criterion_main!(benches);
