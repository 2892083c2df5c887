//! How a large HTML report behaves in a browser: opens the report named by
//! `CLAIMTRACE_HTML_REPORT` in headless Chromium and measures, in the
//! page's own clock (`performance.now()`):
//!
//! * **open**: until the HTML is parsed (`domInteractive`), the script has
//!   run (`load`), the first text is painted, and the first frame after
//!   parsing is painted (the page can be used from then on);
//! * the **longest task** on the main thread while opening (the page is
//!   frozen for that long) and the number of tasks over 50 ms;
//! * **filter**: from unchecking (or checking) a kind until the next frame
//!   is painted, each kind in turn, both ways;
//! * **jump**: from clicking the last entry of the findings list until the
//!   frame showing its claim selected is painted.
//!
//! `bench/html-report.sh` makes a report of 1,000 drafts and runs this.
//! Without `CLAIMTRACE_HTML_REPORT` it says so and does nothing (so that
//! `cargo bench` runs the other benchmarks).

#[path = "../tests/support/browser.rs"]
mod browser;

use std::path::PathBuf;

use headless_chrome::protocol::cdp::Page;

/// Installed before the report's own script: records main-thread tasks
/// over 50 ms, and when the first frame after the HTML is parsed is painted.
const OBSERVE: &str = "window.__long = []; \
    new PerformanceObserver(l => { for (const e of l.getEntries()) { window.__long.push(e.duration); } }) \
      .observe({ entryTypes: ['longtask'] }); \
    document.addEventListener('DOMContentLoaded', () => requestAnimationFrame(() => \
      requestAnimationFrame(() => { window.__firstFrame = performance.now(); })));";

/// Waits for the page to paint the next frame (two animation frames).
const NEXT_FRAME: &str = "new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))";

fn main() {
    let Some(report) = std::env::var_os("CLAIMTRACE_HTML_REPORT").map(PathBuf::from) else {
        eprintln!(
            "html_report: set CLAIMTRACE_HTML_REPORT to a report (bench/html-report.sh does)"
        );
        return;
    };
    let Some(chromium) = browser::find() else {
        return;
    };
    let bytes = std::fs::metadata(&report).map(|m| m.len()).unwrap_or(0);
    // Watch for long tasks from the first script on: a script added over
    // the DevTools protocol is not subject to the page's policy.
    let session = browser::Session::start(&chromium, (1400, 900));
    session
        .tab
        .call_method(Page::AddScriptToEvaluateOnNewDocument {
            source: OBSERVE.to_string(),
            world_name: None,
            include_command_line_api: None,
            run_immediately: None,
        })
        .expect("a script on new documents");
    session.go_to(&report);
    session.wait_for("window.__firstFrame !== undefined");
    let open = session.eval(
        "(() => { const n = performance.getEntriesByType('navigation')[0]; \
         const paint = performance.getEntriesByName('first-contentful-paint')[0]; \
         return [n.domInteractive, n.loadEventEnd, paint ? paint.startTime : null, window.__firstFrame]; })()",
    );
    let long: Vec<f64> = serde_json::from_value(session.eval("window.__long")).unwrap_or_default();
    let longest = long.iter().copied().fold(0.0, f64::max);
    let counts = session.eval(
        "[document.querySelectorAll('section.draft').length, document.querySelectorAll('.claim').length, \
          document.querySelectorAll('#findings li').length, document.querySelectorAll('*').length]",
    );
    println!(
        "report: {:.1} MB, {} drafts, {} claims, {} findings, {} elements",
        bytes as f64 / 1e6,
        counts[0],
        counts[1],
        counts[2],
        counts[3]
    );
    println!(
        "open: parsed {:.0} ms, script run (load) {:.0} ms, first contentful paint {:.0} ms, \
         first frame after parsing {:.0} ms",
        open[0].as_f64().unwrap_or(f64::NAN),
        open[1].as_f64().unwrap_or(f64::NAN),
        open[2].as_f64().unwrap_or(f64::NAN),
        open[3].as_f64().unwrap_or(f64::NAN)
    );
    println!(
        "main thread while opening: longest task {longest:.0} ms, {} tasks over 50 ms",
        long.len()
    );

    let kinds: Vec<String> = serde_json::from_value(
        session
            .eval("[...document.querySelectorAll('#filters input[name=kind]')].map(i => i.value)"),
    )
    .unwrap_or_default();
    let mut filter_times = Vec::new();
    for kind in kinds.iter().chain(kinds.iter()) {
        let took = session.eval(&format!(
            "(() => {{ const t = performance.now(); \
             document.querySelector('#filters input[name=kind][value=\"{kind}\"]').click(); \
             return {NEXT_FRAME}.then(() => performance.now() - t); }})()"
        ));
        filter_times.push(took.as_f64().unwrap_or(f64::NAN));
    }
    filter_times.sort_by(f64::total_cmp);
    if let (Some(first), Some(last)) = (filter_times.first(), filter_times.last()) {
        println!(
            "filter by kind, until painted: median {:.0} ms, min {first:.0} ms, max {last:.0} ms ({} toggles)",
            filter_times[filter_times.len() / 2],
            filter_times.len()
        );
    }
    let only = session.eval(&format!(
        "(() => {{ const t = performance.now(); \
         document.querySelector('#filters input[name=only-flagged]').click(); \
         return {NEXT_FRAME}.then(() => performance.now() - t); }})()"
    ));
    println!(
        "only drafts with shown findings, until painted: {:.0} ms",
        only.as_f64().unwrap_or(f64::NAN)
    );
    let jump = session.eval(&format!(
        "(() => {{ const links = document.querySelectorAll('#findings a'); \
         if (links.length === 0) {{ return null; }} const t = performance.now(); \
         links[links.length - 1].click(); \
         return {NEXT_FRAME}.then(() => performance.now() - t); }})()"
    ));
    println!(
        "jump to the last finding and show it, until painted: {:.0} ms",
        jump.as_f64().unwrap_or(f64::NAN)
    );
    let errors = session.errors();
    if !errors.is_empty() {
        println!("errors logged by the page: {errors:?}");
    }
}
