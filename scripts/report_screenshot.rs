//! Takes the README's screenshot of the HTML report: opens a report in
//! headless Chromium, selects the first misquoted claim (else the first
//! claim with a finding) and saves the window as a PNG.
//!
//!     cargo run --example report-screenshot -- REPORT.html OUT.png
//!
//! `scripts/report-screenshot.sh` makes the report of `examples/` and
//! calls this.

#[path = "../tests/support/browser.rs"]
mod browser;

use std::path::PathBuf;
use std::process::ExitCode;

use headless_chrome::protocol::cdp::Page::CaptureScreenshotFormatOption;

fn main() -> ExitCode {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [report, png] = &args[..] else {
        eprintln!("usage: report-screenshot REPORT.html OUT.png");
        return ExitCode::from(2);
    };
    let Some(chromium) = browser::find() else {
        return ExitCode::from(2);
    };
    let session = browser::Session::open(&chromium, report, (1500, 950));
    let claim = session.eval(
        "(document.querySelector('.badge[data-kind=\"misquote\"]') || document.querySelector('.badge'))?.closest('.claim')?.id ?? null",
    );
    if let Some(claim) = claim.as_str() {
        session.click(&format!("#{claim}"));
        // Scroll the claim to the middle and let the page settle.
        session.eval(&format!(
            "(document.getElementById('{claim}').scrollIntoView({{block: 'center'}}), \
             new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true)))))"
        ));
    }
    let image = session
        .tab
        .capture_screenshot(CaptureScreenshotFormatOption::Png, None, None, true)
        .expect("a screenshot");
    if let Err(error) = std::fs::write(png, image) {
        eprintln!("error: {}: {error}", png.display());
        return ExitCode::from(2);
    }
    if !session.errors().is_empty() {
        eprintln!("error: the page logged errors: {:?}", session.errors());
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}
