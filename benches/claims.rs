//! Rule-engine throughput on a few MB of news prose built from the seed
//! article: `cargo bench --bench claims`. Criterion reports MB/s.
//!
//! `many-names` runs the same prose with the people renamed in every copy,
//! at 1 MB and 4 MB: equal throughput at both sizes shows that the work
//! does not grow with the number of people a document names.

use std::hint::black_box;

use claimtrace::claims;
use claimtrace::document::{Document, Format};
use claimtrace::rules::RuleSet;
use claimtrace::segment;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

mod common;

use common::{corpus, many_names};

fn bench_claims(c: &mut Criterion) {
    let rules = RuleSet::builtin();
    let text = corpus();
    let document = Document::from_text("bench.txt".into(), text.clone(), Format::Plain);
    let sentences = segment::sentences(&document, &rules);

    let mut group = c.benchmark_group("claims");
    group.throughput(Throughput::BytesDecimal(text.len() as u64));
    group.sample_size(10);
    group.bench_function("extract", |b| {
        b.iter(|| {
            claims::extract(black_box(&document), &sentences, &rules)
                .claims
                .len()
        })
    });
    group.bench_function("read+sentences+extract", |b| {
        b.iter(|| {
            let document =
                Document::from_text("bench.txt".into(), black_box(text.clone()), Format::Plain);
            let sentences = segment::sentences(&document, &rules);
            claims::extract(&document, &sentences, &rules).claims.len()
        })
    });
    group.finish();
}

fn bench_many_names(c: &mut Criterion) {
    let rules = RuleSet::builtin();
    let mut group = c.benchmark_group("many-names");
    group.sample_size(10);
    for megabytes in [1, 4] {
        let text = many_names(megabytes * 1_000_000);
        let document = Document::from_text("bench.txt".into(), text.clone(), Format::Plain);
        let sentences = segment::sentences(&document, &rules);
        group.throughput(Throughput::BytesDecimal(text.len() as u64));
        group.bench_function(format!("extract-{megabytes}MB"), |b| {
            b.iter(|| {
                claims::extract(black_box(&document), &sentences, &rules)
                    .claims
                    .len()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench_claims, bench_many_names);
criterion_main!(benches);
