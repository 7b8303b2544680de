//! The HTML error index in a real browser: headless Chromium driven through
//! chromedriver (WebDriver over HTTP on localhost) opens the page from a
//! `file://` URL, switches the language, searches and follows an anchor.
//!
//! Needs Debian's `chromium` and `chromium-driver`. Without them the test
//! fails, naming what is missing, so that a run without a browser never
//! looks like a run with one. `ERRCAT_SKIP_BROWSER=1` is the explicit
//! opt-out for a machine that cannot have them: the test then says on
//! stderr that it skipped, and passes. `ERRCAT_REQUIRE_BROWSER=1` (set by
//! CI) overrides the opt-out.
//!
//! The WebDriver client is the handful of HTTP/1.1 calls below, over
//! `std::net::TcpStream`: no HTTP dependency for one local test.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::fixtures::TempDir;
use errcat::Catalog;
use serde_json::{Value, json};

/// Whether the browser test may skip when Chromium or its driver is
/// missing: only on the explicit opt-out `ERRCAT_SKIP_BROWSER=1`, and never
/// under `ERRCAT_REQUIRE_BROWSER=1`. `var` reads the environment.
fn may_skip_browser(var: impl Fn(&str) -> Option<String>) -> bool {
    let set = |name: &str| var(name).as_deref() == Some("1");
    set("ERRCAT_SKIP_BROWSER") && !set("ERRCAT_REQUIRE_BROWSER")
}

#[test]
fn a_missing_browser_fails_the_test_unless_skipping_is_asked_for() {
    let env = |vars: &'static [(&'static str, &'static str)]| {
        move |name: &str| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v).to_owned())
        }
    };
    assert!(!may_skip_browser(env(&[])));
    assert!(!may_skip_browser(env(&[("ERRCAT_SKIP_BROWSER", "0")])));
    assert!(!may_skip_browser(env(&[("ERRCAT_SKIP_BROWSER", "")])));
    assert!(may_skip_browser(env(&[("ERRCAT_SKIP_BROWSER", "1")])));
    assert!(!may_skip_browser(env(&[
        ("ERRCAT_SKIP_BROWSER", "1"),
        ("ERRCAT_REQUIRE_BROWSER", "1"),
    ])));
    assert!(!may_skip_browser(env(&[("ERRCAT_REQUIRE_BROWSER", "1")])));
}

/// The key of an element reference in WebDriver responses.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// How long any one condition may take to become true.
const WAIT: Duration = Duration::from_secs(5);

#[test]
fn browser_switches_language_searches_and_follows_anchors() {
    let (Some(chromium), Some(chromedriver)) = (program("chromium"), program("chromedriver"))
    else {
        let missing = [
            ("chromium", program("chromium")),
            ("chromedriver", program("chromedriver")),
        ]
        .iter()
        .filter(|(_, found)| found.is_none())
        .map(|(name, _)| *name)
        .collect::<Vec<_>>()
        .join(" and ");
        if !may_skip_browser(|name| std::env::var(name).ok()) {
            panic!(
                "{missing} not installed; apt-get install chromium chromium-driver, \
                 or set ERRCAT_SKIP_BROWSER=1 to skip this test knowingly"
            );
        }
        // Straight to stderr, past the test harness's capture, so the skip
        // shows in a plain `cargo test` run.
        let _ = writeln!(
            std::io::stderr(),
            "skipped (ERRCAT_SKIP_BROWSER=1): {missing} not installed; apt-get install chromium chromium-driver"
        );
        return;
    };
    let started = Instant::now();

    let tmp = TempDir::new();
    let index =
        errcat::tooling::docs::write_index(Catalog::embedded(), &tmp.path().join("site")).unwrap();
    let url = file_url(&index);

    let browser = Browser::start(&chromedriver, &chromium, tmp.path());
    browser.navigate(&url);
    browser.wait_for("the page's script to run", || {
        browser.script("return document.readyState === 'complete' && !document.documentElement.classList.contains('no-js')")
            == json!(true)
    });

    // Language: pick Kazakh in the switcher, as a user would.
    let expected = Catalog::embedded().explain("planfix:1000", "kk").unwrap();
    assert_eq!(expected.locale().to_string(), "kk");
    browser.click(&browser.find("#lang option[value='kk']"));
    let title =
        || browser.script("return document.querySelector('#planfix-1000 .title').textContent");
    browser.wait_for(
        "<html lang=\"kk\"> and the kk title of planfix:1000",
        || {
            browser.script("return document.documentElement.lang") == json!("kk")
                && title() == json!(expected.title())
        },
    );
    assert_eq!(
        browser.script("return document.documentElement.lang"),
        json!("kk")
    );
    assert_eq!(title(), json!(expected.title()));
    // The page's own words follow: kk/errcat.ftl's, through the catalog.
    let catalog = Catalog::embedded();
    let kk = catalog.chain("kk").unwrap();
    let heading = catalog.phrase(errcat::tooling::Phrase::IndexHeading, &kk);
    assert_eq!(heading, "Қате кодтарының анықтамалығы");
    assert_eq!(
        browser.script("return document.querySelector('h1').textContent"),
        json!(heading)
    );
    assert_eq!(
        browser.script("return document.title"),
        json!(format!("{heading} · errcat"))
    );
    assert_eq!(
        browser.script("return document.getElementById('search').placeholder"),
        json!(catalog.phrase(errcat::tooling::Phrase::IndexSearchPlaceholder, &kk))
    );
    assert_eq!(
        browser.script("return document.getElementById('lang').value"),
        json!("kk")
    );

    // Search: typed into the box, matched in Kazakh.
    let search = browser.find("#search");
    browser.type_into(&search, "токен");
    let invalid_token = browser.find("#planfix-1");
    let rate_limit = browser.find("#mobizon-30");
    browser.wait_for(
        "planfix:1 shown and mobizon:30 hidden after searching «токен»",
        || browser.displayed(&invalid_token) && !browser.displayed(&rate_limit),
    );
    assert!(
        browser.displayed(&invalid_token),
        "planfix-1 should match «токен»"
    );
    assert!(
        !browser.displayed(&rate_limit),
        "mobizon-30 should not match «токен»"
    );

    // Anchor: following #mobizon-30 shows it even though the search hid it.
    browser.navigate(&format!("{url}#mobizon-30"));
    let target = || browser.script("return (document.querySelector(':target') || {}).id || null");
    browser.wait_for(":target to be a visible #mobizon-30", || {
        target() == json!("mobizon-30") && browser.displayed(&rate_limit)
    });
    assert_eq!(target(), json!("mobizon-30"));
    assert!(
        browser.displayed(&rate_limit),
        "#mobizon-30 is the target but hidden"
    );

    // The page's first language: the browser's languages (no saved
    // choice), read as the library reads an Accept-Language header of them,
    // by the npm core's negotiation that the page inlines. `kaz` and
    // `ru_RU` are names only the library's rules know.
    let cases: [&[&str]; 7] = [
        &["kk-KZ", "en"],
        &["de-AT", "uk"],
        &["fr", "de"],
        &["ru_RU", "kk"],
        &["en-GB", "ru"],
        &["kaz"],
        &["be", "uk-UA;q=0", "ru-BY"],
    ];
    for (case, languages) in cases.iter().enumerate() {
        let expected = catalog
            .chain_for_accept_language(&languages.join(", "))
            .locales()[0]
            .to_string();
        // Before the page's own script: the browser's languages, and no
        // choice saved by an earlier case.
        let source = format!(
            "try {{ localStorage.removeItem('errcat-lang'); }} catch (e) {{}}\n\
             Object.defineProperty(navigator, 'languages', {{ get: () => {} }});",
            json!(languages)
        );
        let added = browser.command(
            "POST",
            "/goog/cdp/execute",
            Some(&json!({
                "cmd": "Page.addScriptToEvaluateOnNewDocument",
                "params": { "source": source },
            })),
        );
        browser.navigate(&format!("{url}?case={case}"));
        browser.wait_for("the page's script to run", || {
            browser.script("return !document.documentElement.classList.contains('no-js')")
                == json!(true)
        });
        assert_eq!(
            browser.script("return navigator.languages"),
            json!(languages),
            "case {case}"
        );
        assert_eq!(
            browser.script("return document.documentElement.lang"),
            json!(expected),
            "navigator.languages = {languages:?}"
        );
        browser.command(
            "POST",
            "/goog/cdp/execute",
            Some(&json!({
                "cmd": "Page.removeScriptToEvaluateOnNewDocument",
                "params": { "identifier": added["identifier"] },
            })),
        );
    }

    drop(browser);
    eprintln!("browser test took {:.1?}", started.elapsed());
}

/// A program on `PATH`, or in `/usr/bin` (Debian's place for both).
fn program(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain([PathBuf::from("/usr/bin")])
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// `file:///…` for an absolute path, percent-encoding what a URL path
/// cannot hold.
fn file_url(path: &Path) -> String {
    let path = path.canonicalize().unwrap();
    let mut url = String::from("file://");
    for b in path.to_str().unwrap().bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            url.push(char::from(b));
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    url
}

/// A chromedriver process and one browser session in it. Dropping it ends
/// the session (which quits Chromium) and kills chromedriver, also when an
/// assertion failed.
struct Browser {
    driver: Child,
    port: u16,
    session: String,
    log: PathBuf,
}

impl Browser {
    fn start(chromedriver: &Path, chromium: &Path, tmp: &Path) -> Browser {
        let port = free_port();
        let log = tmp.join("chromedriver.log");
        let driver = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .arg(format!("--log-path={}", log.display()))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", chromedriver.display()));
        let mut browser = Browser {
            driver,
            port,
            session: String::new(),
            log,
        };

        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            match http(port, "GET", "/status", None) {
                Ok(status) if status["value"]["ready"] == json!(true) => break,
                _ if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(25)),
                other => panic!(
                    "chromedriver did not become ready on port {port}: {other:?}\n{}",
                    browser.log_tail()
                ),
            }
        }

        let profile = tmp.join("profile");
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium.to_str().unwrap(),
                "args": [
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    format!("--user-data-dir={}", profile.display()),
                ],
            },
        }}});
        let created = http(port, "POST", "/session", Some(&capabilities))
            .unwrap_or_else(|e| panic!("cannot create a session: {e}\n{}", browser.log_tail()));
        browser.session = created["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no sessionId in {created}"))
            .to_owned();
        browser
    }

    /// Sends a command of this session and returns its `value`.
    fn command(&self, method: &str, path: &str, body: Option<&Value>) -> Value {
        let path = format!("/session/{}{path}", self.session);
        match http(self.port, method, &path, body) {
            Ok(mut response) => response["value"].take(),
            Err(e) => panic!("WebDriver {method} {path}: {e}"),
        }
    }

    fn navigate(&self, url: &str) {
        self.command("POST", "/url", Some(&json!({ "url": url })));
    }

    fn script(&self, script: &str) -> Value {
        self.command(
            "POST",
            "/execute/sync",
            Some(&json!({ "script": script, "args": [] })),
        )
    }

    fn find(&self, css: &str) -> String {
        let found = self.command(
            "POST",
            "/element",
            Some(&json!({ "using": "css selector", "value": css })),
        );
        found[ELEMENT]
            .as_str()
            .unwrap_or_else(|| panic!("no element {css}: {found}"))
            .to_owned()
    }

    fn click(&self, element: &str) {
        self.command(
            "POST",
            &format!("/element/{element}/click"),
            Some(&json!({})),
        );
    }

    fn type_into(&self, element: &str, text: &str) {
        self.command(
            "POST",
            &format!("/element/{element}/value"),
            Some(&json!({ "text": text })),
        );
    }

    /// Whether the user can see the element (WebDriver's "displayed").
    fn displayed(&self, element: &str) -> bool {
        self.command("GET", &format!("/element/{element}/displayed"), None) == json!(true)
    }

    /// Polls `condition` every few milliseconds until it holds, failing after
    /// [`WAIT`].
    fn wait_for(&self, what: &str, mut condition: impl FnMut() -> bool) {
        let deadline = Instant::now() + WAIT;
        while !condition() {
            assert!(
                Instant::now() < deadline,
                "timed out after {WAIT:?} waiting for {what}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn log_tail(&self) -> String {
        let log = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = log.lines().collect();
        let start = lines.len().saturating_sub(20);
        format!(
            "chromedriver log (last lines):\n{}",
            lines[start..].join("\n")
        )
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = http(
                self.port,
                "DELETE",
                &format!("/session/{}", self.session),
                None,
            );
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// A localhost port nobody listens on right now.
fn free_port() -> u16 {
    let listener = TcpListener::bind(("127.0.0.1", 0)).unwrap();
    listener.local_addr().unwrap().port()
}

/// One HTTP/1.1 request to chromedriver on localhost; the JSON body of a 2xx
/// answer, or the status and body of any other.
///
/// chromedriver keeps the connection open whatever the request says, so the
/// body is read by its `Content-Length` (or its chunks), not to the end.
fn http(port: u16, method: &str, path: &str, body: Option<&Value>) -> Result<Value, String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    let timeout = Some(Duration::from_secs(30));
    stream
        .set_read_timeout(timeout)
        .map_err(|e| e.to_string())?;
    stream
        .set_write_timeout(timeout)
        .map_err(|e| e.to_string())?;
    let body = body.map(Value::to_string).unwrap_or_default();
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\
         Content-Type: application/json; charset=utf-8\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream
        .write_all(request.as_bytes())
        .map_err(|e| e.to_string())?;

    let mut received = Vec::new();
    let mut chunk = [0u8; 16 * 1024];
    let read_more = |stream: &mut TcpStream, received: &mut Vec<u8>, chunk: &mut [u8]| match stream
        .read(chunk)
    {
        Ok(0) => Err("connection closed early".to_owned()),
        Ok(n) => {
            received.extend_from_slice(&chunk[..n]);
            Ok(())
        }
        Err(e) => Err(e.to_string()),
    };
    let split = loop {
        if let Some(at) = received.windows(4).position(|w| w == b"\r\n\r\n") {
            break at;
        }
        read_more(&mut stream, &mut received, &mut chunk)?;
    };
    let head = String::from_utf8_lossy(&received[..split]).into_owned();
    let status: u16 = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("no status in {head:?}"))?;
    let header = |name: &str| {
        head.lines().skip(1).find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.trim()
                .eq_ignore_ascii_case(name)
                .then(|| value.trim().to_ascii_lowercase())
        })
    };
    let start = split + 4;
    let payload = if let Some(length) = header("content-length") {
        let length: usize = length
            .parse()
            .map_err(|_| format!("bad length in {head:?}"))?;
        while received.len() < start + length {
            read_more(&mut stream, &mut received, &mut chunk)?;
        }
        received[start..start + length].to_vec()
    } else if header("transfer-encoding").is_some_and(|v| v.contains("chunked")) {
        loop {
            if let Some(body) = dechunk(&received[start..]) {
                break body;
            }
            read_more(&mut stream, &mut received, &mut chunk)?;
        }
    } else {
        // Neither: the body ends with the connection.
        let _ = stream.read_to_end(&mut received);
        received[start..].to_vec()
    };

    let json: Value = if payload.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&payload)
            .map_err(|e| format!("{e} in {}", String::from_utf8_lossy(&payload)))?
    };
    if (200..300).contains(&status) {
        Ok(json)
    } else {
        Err(format!("HTTP {status}: {json}"))
    }
}

/// Decodes a chunked HTTP body, or `None` while it is incomplete.
fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let line_end = body.windows(2).position(|w| w == b"\r\n")?;
        let size_field = String::from_utf8_lossy(&body[..line_end]);
        let size = usize::from_str_radix(size_field.split(';').next()?.trim(), 16).ok()?;
        body = &body[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(body.get(..size)?);
        body = body.get(size + 2..)?;
    }
}

/// Measured before: the policy allowed any inline script
/// (`script-src 'unsafe-inline'`). It now names the page's one script by
/// the SHA-256 of its exact text, so an injected script would not run (the
/// test above proves a browser still runs the page's own).
#[test]
fn the_policy_allows_the_page_script_by_its_hash_only() {
    use base64::Engine as _;
    use sha2::Digest as _;
    let html = errcat::tooling::docs::render_index(Catalog::embedded());
    let policy_start = html.find("Content-Security-Policy\" content=\"").unwrap();
    let policy = html[policy_start..].split('"').nth(2).unwrap();
    let script_src = policy
        .split(';')
        .map(str::trim)
        .find(|d| d.starts_with("script-src "))
        .unwrap();
    assert!(!script_src.contains("unsafe-inline"), "{script_src}");
    // The one script that runs: the last <script> without a type.
    let body = html.rsplit("<script>").next().unwrap();
    let script = &body[..body.find("</script>").unwrap()];
    assert!(script.len() > 100);
    let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(script));
    assert_eq!(script_src, format!("script-src 'sha256-{hash}'"));
    assert_eq!(html.matches("<script>").count(), 1, "one executable script");
}
