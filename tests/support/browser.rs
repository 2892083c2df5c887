//! Headless Chromium, driven through the DevTools protocol, for the tests,
//! the benchmark and the screenshot of the HTML report.
//!
//! The browser is Chromium from the system's packages (`.ci/run` installs
//! it): `CLAIMTRACE_CHROMIUM` names the binary, else `chromium`,
//! `chromium-browser`, `google-chrome` or `google-chrome-stable` on `PATH`.
//! Where none is found, [`find`] says why and the caller skips — unless
//! `CLAIMTRACE_REQUIRE_BROWSER=1` (set by `.ci/run` once Chromium is
//! installed), where a missing browser is a failure, not a skip.
//!
//! Each [`Session`] starts its own browser with a fresh profile and the
//! flags that keep it from reaching for the network (the machine may have
//! none, and a report must not need one), and records every console error,
//! uncaught exception and browser-reported error (a Content-Security-Policy
//! violation among them) in [`Session::errors`].

#![allow(dead_code)] // each user of this module uses part of it

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use headless_chrome::protocol::cdp::types::Event;
use headless_chrome::{Browser, LaunchOptions, Tab};

/// Chromium, or why there is none. Panics when a browser is required.
pub fn find() -> Option<PathBuf> {
    let named = std::env::var_os("CLAIMTRACE_CHROMIUM").map(PathBuf::from);
    let found = named.or_else(|| {
        let path = std::env::var_os("PATH")?;
        [
            "chromium",
            "chromium-browser",
            "google-chrome",
            "google-chrome-stable",
        ]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|candidate| candidate.is_file())
    });
    if found.is_none() {
        let why = "no Chromium found (install Debian's `chromium` package, as .ci/run does, \
                   or set CLAIMTRACE_CHROMIUM)";
        if std::env::var("CLAIMTRACE_REQUIRE_BROWSER").as_deref() == Ok("1") {
            panic!("the browser tests are required, but {why}");
        }
        eprintln!("skipping the browser test: {why}");
    }
    found
}

/// A browser with one tab open on a page.
pub struct Session {
    pub tab: Arc<Tab>,
    /// Console errors, exceptions and browser errors, as text.
    pub errors: Arc<Mutex<Vec<String>>>,
    // Dropped after the browser, which is dropped first (field order).
    _browser: Browser,
    _profile: tempfile::TempDir,
}

impl Session {
    /// Opens `page` (a file) in a browser `window` pixels wide and high,
    /// and waits until its script has run.
    pub fn open(chromium: &Path, page: &Path, window: (u32, u32)) -> Session {
        let session = Session::start(chromium, window);
        session.go_to(page);
        session
    }

    /// Starts a browser `window` pixels wide and high, on a blank tab.
    pub fn start(chromium: &Path, window: (u32, u32)) -> Session {
        let profile = tempfile::tempdir().expect("a temporary profile folder");
        let args: Vec<&OsStr> = [
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ]
        .iter()
        .map(OsStr::new)
        .collect();
        let options = LaunchOptions::default_builder()
            .path(Some(chromium.to_path_buf()))
            .headless(true)
            .sandbox(false)
            .enable_gpu(false)
            .window_size(Some(window))
            .user_data_dir(Some(profile.path().to_path_buf()))
            .args(args)
            .idle_browser_timeout(Duration::from_secs(120))
            .build()
            .expect("launch options");
        let browser = Browser::new(options).expect("Chromium starts");
        let tab = browser.new_tab().expect("a tab");
        tab.set_default_timeout(Duration::from_secs(60));
        let errors = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&errors);
        tab.add_event_listener(Arc::new(move |event: &Event| {
            let error = match event {
                Event::LogEntryAdded(e) if format!("{:?}", e.params.entry.level) == "Error" => {
                    Some(format!("log: {}", e.params.entry.text))
                }
                Event::RuntimeConsoleAPICalled(e)
                    if matches!(format!("{:?}", e.params.Type).as_str(), "Error" | "Assert") =>
                {
                    Some(format!("console.{:?}: {:?}", e.params.Type, e.params.args))
                }
                Event::RuntimeExceptionThrown(e) => {
                    Some(format!("exception: {}", e.params.exception_details.text))
                }
                _ => None,
            };
            if let Some(error) = error {
                sink.lock().expect("error list").push(error);
            }
        }))
        .expect("an event listener");
        tab.enable_log().expect("the Log domain");
        tab.enable_runtime().expect("the Runtime domain");
        Session {
            tab,
            errors,
            _browser: browser,
            _profile: profile,
        }
    }

    /// Opens `page` (a report file) and waits until its script has run.
    pub fn go_to(&self, page: &Path) {
        let page = page.canonicalize().expect("the page exists");
        self.tab
            .navigate_to(&format!("file://{}", page.display()))
            .expect("navigation starts")
            .wait_until_navigated()
            .expect("the page loads");
        self.wait_for("document.documentElement.dataset.ready === 'true'");
    }

    /// The JSON value of a JavaScript expression (a promise is awaited).
    pub fn eval(&self, expression: &str) -> serde_json::Value {
        let wrapped = format!(
            "Promise.resolve({expression}).then(v => JSON.stringify(v === undefined ? null : v))"
        );
        let result = self
            .tab
            .evaluate(&wrapped, true)
            .unwrap_or_else(|e| panic!("evaluating {expression}: {e}"));
        let text = result
            .value
            .as_ref()
            .and_then(|v| v.as_str())
            .unwrap_or_else(|| panic!("{expression} gave no value: {result:?}"));
        serde_json::from_str(text).expect("JSON from the page")
    }

    /// Waits (up to 30 s) until a JavaScript condition holds.
    pub fn wait_for(&self, condition: &str) {
        let start = Instant::now();
        while self.eval(condition) != serde_json::Value::Bool(true) {
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "timed out waiting for {condition}; errors: {:?}",
                self.errors()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Clicks the element `selector` finds, as a user would (a mouse event
    /// at its middle, after scrolling it into view).
    pub fn click(&self, selector: &str) {
        self.tab
            .find_element(selector)
            .unwrap_or_else(|e| panic!("no element {selector}: {e}"))
            .click()
            .unwrap_or_else(|e| panic!("clicking {selector}: {e}"));
    }

    /// Presses a key (`"Tab"`, `"Enter"`, …).
    pub fn press(&self, key: &str) {
        self.tab
            .press_key(key)
            .unwrap_or_else(|e| panic!("pressing {key}: {e}"));
    }

    /// The errors seen so far.
    pub fn errors(&self) -> Vec<String> {
        self.errors.lock().expect("error list").clone()
    }
}
