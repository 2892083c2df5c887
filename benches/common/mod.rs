//! What the benchmarks share: the corpus they measure on.

const SEED: &str = include_str!("../../seeds/india-eu-security-defence.txt");

/// About 4 MB of news prose: the seed's paragraphs over and over.
pub fn corpus() -> String {
    let mut text = String::with_capacity(4_100_000);
    while text.len() < 4_000_000 {
        text.push_str(SEED);
        text.push_str("\n\n");
    }
    text
}
