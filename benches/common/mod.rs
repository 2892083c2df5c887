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

/// About `bytes` of news prose in which every copy of the seed names its
/// people with surnames of its own ("Singhab", "Kallasab", then "Singhac"
/// …): a document that names thousands of people, where work that grows
/// with the people named so far shows as falling throughput.
// Each bench is its own crate; only the claims bench asks for this.
#[allow(dead_code)]
pub fn many_names(bytes: usize) -> String {
    const SURNAMES: [&str; 5] = ["Singh", "Kallas", "Misri", "Modi", "Jaishankar"];
    let mut text = String::with_capacity(bytes + SEED.len() * 2);
    let mut copy = 0usize;
    while text.len() < bytes {
        let suffix: String = [copy / 26 % 26, copy % 26]
            .iter()
            .map(|&i| char::from(b'a' + i as u8))
            .collect();
        let mut varied = SEED.to_string();
        for surname in SURNAMES {
            varied = varied.replace(surname, &format!("{surname}{suffix}"));
        }
        text.push_str(&varied);
        text.push_str("\n\n");
        copy += 1;
    }
    text
}
