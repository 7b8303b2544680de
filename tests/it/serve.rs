//! `errcat serve`: the HTTP service, started in-process on an ephemeral
//! port (and as the real binary for signals and logs), spoken to over
//! plain TCP so that hostile requests go out exactly as written.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use errcat::server::{App, Limits, Options, ServeError};
use errcat::{Catalog, CatalogId};
use serde_json::Value;

use crate::fixtures::{BE_IN_PROGRESS, TempDir, errcat_command};

/// How long any one read may block before the test fails instead of
/// hanging: a guard, not a measurement.
const GUARD: Duration = Duration::from_secs(20);

/// A server running in this process until dropped.
struct Server {
    addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
    runtime: tokio::runtime::Runtime,
}

impl Server {
    fn start(options: Options) -> Server {
        Server::with_app(App::new(&options).unwrap())
    }

    fn with_app(app: App) -> Server {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let listener = runtime
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .unwrap();
        let addr = listener.local_addr().unwrap();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let task = runtime.spawn(errcat::server::serve(listener, app, async {
            let _ = stopped.await;
        }));
        Server {
            addr,
            stop: Some(stop),
            task: Some(task),
            runtime,
        }
    }

    fn embedded() -> Server {
        Server::start(Options::new())
    }

    fn get(&self, path: &str, headers: &[(&str, &str)]) -> Reply {
        get(self.addr, path, headers)
    }

    /// Stops accepting, waits for requests in flight, and says how it ended.
    fn shut_down(&mut self) -> std::io::Result<()> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        match self.task.take() {
            Some(task) => self.runtime.block_on(task).unwrap(),
            None => Ok(()),
        }
    }

    fn in_flight(&self) -> u64 {
        let metrics = self.get("/metrics", &[]).text();
        metric(&metrics, "errcat_http_requests_in_flight")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.shut_down();
    }
}

fn metric(text: &str, name: &str) -> u64 {
    text.lines()
        .find_map(|l| l.strip_prefix(name)?.strip_prefix(' ')?.parse().ok())
        .unwrap_or_else(|| panic!("no {name} in:\n{text}"))
}

/// Polls `done` until it holds, failing after [`GUARD`].
fn eventually(what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < GUARD, "gave up waiting: {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// An HTTP answer.
#[derive(Debug)]
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("{e}: {:?}", String::from_utf8_lossy(&self.body)))
    }

    fn text(&self) -> String {
        String::from_utf8(self.body.clone()).unwrap()
    }

    /// The `kind` of a JSON error, after checking the error's shape.
    fn error_kind(&self) -> String {
        let v = self.json();
        assert!(v["error"]["message"].is_string(), "{v}");
        assert_eq!(
            self.header("content-type"),
            Some("application/problem+json")
        );
        assert_eq!(v["detail"], v["error"]["message"], "{v}");
        assert_eq!(v["status"], self.status, "{v}");
        v["error"]["kind"].as_str().unwrap().to_owned()
    }
}

fn connect(addr: SocketAddr) -> TcpStream {
    let stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(GUARD)).unwrap();
    stream
}

/// Sends `raw` as it is and reads the answer to the end of the connection.
fn exchange(addr: SocketAddr, raw: &[u8]) -> Reply {
    let mut stream = connect(addr);
    // The server may answer and close before reading everything (a 431):
    // a failed write is then no failure of the test.
    let _ = stream.write_all(raw);
    read_reply(&mut stream)
}

fn read_reply(stream: &mut TcpStream) -> Reply {
    let mut bytes = Vec::new();
    let mut chunk = [0u8; 8192];
    loop {
        match stream.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => bytes.extend_from_slice(&chunk[..n]),
            // A signal delivered to this process (a child's exit, with a
            // handler installed) interrupts a blocking read: read again.
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            // A reset after the full answer (the server closed with unread
            // input) still leaves the answer in `bytes`.
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset && !bytes.is_empty() => break,
            Err(e) => panic!(
                "reading the answer: {e} (read so far: {:?})",
                String::from_utf8_lossy(&bytes)
            ),
        }
    }
    let split = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no complete answer: {:?}", String::from_utf8_lossy(&bytes)));
    let head = String::from_utf8(bytes[..split].to_vec()).unwrap();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .map(|l| {
            let (n, v) = l.split_once(':').unwrap();
            (n.trim().to_owned(), v.trim().to_owned())
        })
        .collect();
    let body = bytes[split + 4..].to_vec();
    let reply = Reply {
        status,
        headers,
        body,
    };
    assert_ne!(reply.header("transfer-encoding"), Some("chunked"));
    reply
}

fn get(addr: SocketAddr, path: &str, headers: &[(&str, &str)]) -> Reply {
    let mut raw = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (name, value) in headers {
        raw.push_str(&format!("{name}: {value}\r\n"));
    }
    raw.push_str("\r\n");
    exchange(addr, raw.as_bytes())
}

fn post(addr: SocketAddr, path: &str, content_type: &str, body: &[u8]) -> Reply {
    let mut raw = format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    raw.extend_from_slice(body);
    exchange(addr, &raw)
}

/// A POST whose body is half sent: the request stays in flight until
/// [`finish`] sends the rest.
fn start_slow_post(addr: SocketAddr, body: &[u8]) -> TcpStream {
    let mut stream = connect(addr);
    let head = format!(
        "POST /v1/explain-response HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(&body[..body.len() / 2]).unwrap();
    stream.flush().unwrap();
    stream
}

fn finish(mut stream: TcpStream, body: &[u8]) -> Reply {
    stream.write_all(&body[body.len() / 2..]).unwrap();
    read_reply(&mut stream)
}

const PLANFIX_FAILURE: &[u8] = br#"{"Result":"fail","Code":1000,"Error":"Task not exists"}"#;

#[test]
fn one_code_in_the_language_asked_for() {
    let server = Server::embedded();
    let catalog = Catalog::embedded();
    let r = server.get("/v1/codes/planfix/1000", &[("Accept-Language", "kk")]);
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-language"), Some("kk"));
    assert_eq!(r.header("vary"), Some("Accept-Language"));
    assert!(r.header("cache-control").unwrap().contains("max-age="));
    assert!(r.header("etag").unwrap().starts_with('"'));
    let expected = catalog.explain("planfix:1000", "kk").unwrap();
    assert_eq!(r.json(), serde_json::to_value(&expected).unwrap());

    // ?lang= wins over Accept-Language; names work as numbers do.
    let r = server.get(
        "/v1/codes/planfix/task-not-found?lang=uk_UA.UTF-8",
        &[("Accept-Language", "kk")],
    );
    assert_eq!((r.status, r.header("content-language")), (200, Some("uk")));
    assert_eq!(r.json()["requested"], "uk-UA");

    // q-values decide; a language no locale ships falls back, and says so.
    let r = server.get(
        "/v1/codes/mobizon/30",
        &[("Accept-Language", "fr-CH, ru;q=0.5, uk;q=0.9")],
    );
    assert_eq!(r.header("content-language"), Some("uk"));
    let r = server.get("/v1/codes/mobizon/30", &[("Accept-Language", "de")]);
    assert_eq!(r.header("content-language"), Some("en"));
    assert_eq!(r.json()["fallback"], true);
    // An empty ?lang= (a form's empty field) counts as absent.
    let r = server.get("/v1/codes/mobizon/30?lang=", &[("Accept-Language", "kk")]);
    assert_eq!((r.status, r.header("content-language")), (200, Some("kk")));
    // No header at all: English.
    assert_eq!(
        server
            .get("/v1/codes/mobizon/30", &[])
            .header("content-language"),
        Some("en")
    );
}

#[test]
fn conditional_requests_answer_304_while_the_etag_is_current() {
    let server = Server::embedded();
    let kk = [("Accept-Language", "kk")];
    let first = server.get("/v1/codes/planfix/1000", &kk);
    let etag = first.header("etag").unwrap().to_owned();
    let again = server.get("/v1/codes/planfix/1000", &[kk[0], ("If-None-Match", &etag)]);
    assert_eq!(again.status, 304);
    assert!(again.body.is_empty());
    assert_eq!(again.header("etag"), Some(etag.as_str()));
    assert_eq!(again.header("content-language"), Some("kk"));
    let listed = format!("\"other\", W/{etag}");
    let r = server.get(
        "/v1/codes/planfix/1000",
        &[kk[0], ("If-None-Match", &listed)],
    );
    assert_eq!(r.status, 304, "weak comparison, in a list");
    // Another language is another representation.
    let ru = server.get(
        "/v1/codes/planfix/1000",
        &[("Accept-Language", "ru"), ("If-None-Match", &etag)],
    );
    assert_eq!(ru.status, 200);
    assert_ne!(ru.header("etag"), Some(etag.as_str()));
    let stale = server.get(
        "/v1/codes/planfix/1000",
        &[kk[0], ("If-None-Match", "\"stale\"")],
    );
    assert_eq!(stale.status, 200);
    // The list has ETags too.
    let list = server.get("/v1/codes?catalog=mobizon", &kk);
    let etag = list.header("etag").unwrap().to_owned();
    let list = server.get(
        "/v1/codes?catalog=mobizon",
        &[kk[0], ("If-None-Match", &etag)],
    );
    assert_eq!(list.status, 304);
}

/// The whole answer to `raw`, as bytes, without the `date` header (the
/// only part that changes from one second to the next).
fn raw_answer(addr: SocketAddr, raw: &str) -> Vec<u8> {
    let mut stream = connect(addr);
    stream.write_all(raw.as_bytes()).unwrap();
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    let kept: Vec<&str> = text
        .split("\r\n")
        .filter(|line| !line.starts_with("date: "))
        .collect();
    kept.join("\r\n").into_bytes()
}

#[test]
fn kept_answers_are_the_routers_byte_for_byte_for_every_code_and_locale() {
    // The first request of each is answered by the router (and its answer
    // kept); the same request again, and its revalidation, are answered
    // from what was kept. Both must be the same bytes, and the library's.
    let server = Server::embedded();
    let catalog = Catalog::embedded();
    let locales: Vec<String> = catalog.locales().map(ToString::to_string).collect();
    assert!(locales.len() >= 4, "{locales:?}");
    let mut served = 0;
    for id in CatalogId::ALL {
        for code in id.codes() {
            for (path, locale) in [
                (format!("/v1/codes/{id}/{}", code.number()), &locales[0]),
                (format!("/v1/codes/{id}/{}", code.name()), &locales[1]),
            ]
            .into_iter()
            .chain(
                locales
                    .iter()
                    .map(|l| (format!("/v1/codes/{id}/{}", code.number()), l)),
            ) {
                let ask = |extra: &str| {
                    raw_answer(
                        server.addr,
                        &format!(
                            "GET {path} HTTP/1.1\r\nHost: x\r\nAccept-Language: {locale}\r\n{extra}Connection: close\r\n\r\n"
                        ),
                    )
                };
                let routed = ask("");
                let kept = ask("");
                assert_eq!(
                    String::from_utf8_lossy(&kept),
                    String::from_utf8_lossy(&routed),
                    "{path} {locale}"
                );
                let text = String::from_utf8(routed).unwrap();
                let (head, body) = text.split_once("\r\n\r\n").unwrap();
                let expected = catalog
                    .explain(&format!("{id}:{}", code.number()), locale)
                    .unwrap();
                assert_eq!(
                    serde_json::from_str::<Value>(body).unwrap(),
                    serde_json::to_value(&expected).unwrap(),
                    "{path} {locale}"
                );
                assert!(head.starts_with("HTTP/1.1 200 OK\r\n"), "{head}");
                assert!(head.contains(&format!("\r\ncontent-language: {}\r\n", expected.locale())));
                let etag = head
                    .split("\r\n")
                    .find_map(|l| l.strip_prefix("etag: "))
                    .unwrap()
                    .to_owned();
                let revalidated = ask(&format!("If-None-Match: {etag}\r\n"));
                let revalidated = String::from_utf8(revalidated).unwrap();
                assert!(
                    revalidated.starts_with("HTTP/1.1 304 Not Modified\r\n"),
                    "{revalidated}"
                );
                served += 1;
            }
        }
    }
    assert_eq!(
        served,
        (CatalogId::ALL
            .iter()
            .map(|id| id.codes().len())
            .sum::<usize>())
            * (locales.len() + 2)
    );

    // A 304 from the router (nothing kept yet on a new server) and one
    // from what was kept: the same bytes.
    let server = Server::embedded();
    let first = get(
        server.addr,
        "/v1/codes/planfix/1000",
        &[("Accept-Language", "kk")],
    );
    let etag = first.header("etag").unwrap().to_owned();
    let fresh = Server::embedded();
    let revalidate = format!(
        "GET /v1/codes/planfix/1000 HTTP/1.1\r\nHost: x\r\nAccept-Language: kk\r\nIf-None-Match: W/{etag}\r\nConnection: close\r\n\r\n"
    );
    let routed = raw_answer(fresh.addr, &revalidate);
    let kept = raw_answer(server.addr, &revalidate);
    assert_eq!(
        String::from_utf8_lossy(&kept),
        String::from_utf8_lossy(&routed)
    );
    assert!(routed.starts_with(b"HTTP/1.1 304 Not Modified\r\n"));

    // Kept answers are counted and timed as the router's are.
    let metrics = server.get("/metrics", &[]).text();
    assert_eq!(
        metric(
            &metrics,
            "errcat_http_requests_total{route=\"/v1/codes/{catalog}/{code}\",status=\"200\"}"
        ),
        1
    );
    assert_eq!(
        metric(
            &metrics,
            "errcat_http_requests_total{route=\"/v1/codes/{catalog}/{code}\",status=\"304\"}"
        ),
        1
    );
    assert_eq!(
        metric(
            &metrics,
            "errcat_http_request_duration_seconds_count{route=\"/v1/codes/{catalog}/{code}\"}"
        ),
        2
    );
    assert_eq!(metric(&metrics, "errcat_http_requests_in_flight"), 1);
}

#[test]
fn unknown_codes_and_bad_input_get_json_errors_with_their_status() {
    let server = Server::embedded();
    let cases: &[(&str, u16, &str)] = &[
        ("/v1/codes/planfix/4242", 404, "unknown-code"),
        ("/v1/codes/planfix/no-such-name", 404, "unknown-code"),
        ("/v1/codes/jira/1", 404, "unknown-catalog"),
        ("/v1/codes/..%2f..%2fetc/passwd", 404, "unknown-catalog"),
        ("/v1/codes/../../etc/passwd", 404, "not-found"),
        (
            "/v1/codes/planfix/..%2F..%2Fetc%2Fpasswd",
            400,
            "invalid-code",
        ),
        ("/v1/codes/%ff%fe/1", 400, "invalid-path"),
        ("/v1/codes/planfix/1000?lang=../..", 400, "invalid-locale"),
        ("/v1/codes/planfix/1000?lang=%ff", 400, "invalid-locale"),
        (
            "/v1/codes/planfix/1000?lang=kk&lang=ru",
            400,
            "invalid-query",
        ),
        ("/v1/codes?catalog=jira", 400, "unknown-catalog"),
        ("/v1/search", 400, "invalid-query"),
        ("/v1/search?q=x&lang=..", 400, "invalid-locale"),
        ("/nowhere", 404, "not-found"),
        // One path segment: the code as the CLI takes it.
        ("/v1/codes/planfix", 400, "invalid-code"),
        ("/v1/codes/4242", 404, "unknown-code"),
        ("/v1/codes/1", 400, "ambiguous-code"),
        ("/v1/codes/planfix:4242", 404, "unknown-code"),
        ("/v1/codes/jira:1", 404, "unknown-catalog"),
        ("/v1/codes/..%2F..", 400, "invalid-code"),
    ];
    for (path, status, kind) in cases {
        let r = server.get(path, &[]);
        assert_eq!(
            (r.status, r.error_kind().as_str()),
            (*status, *kind),
            "{path}"
        );
    }
    // An unknown number: the catalog's own unknown-code text, localized.
    let chain = Catalog::embedded().chain("uk").unwrap();
    let expected = Catalog::embedded().explain_number(CatalogId::Planfix, 4242, &chain);
    let unknown = server.get("/v1/codes/planfix/4242", &[("Accept-Language", "uk")]);
    assert_eq!(unknown.status, 404);
    assert_eq!(unknown.header("content-language"), Some("uk"));
    assert_eq!(
        unknown.json()["error"]["message"],
        format!(
            "{}: {}",
            expected.plain_title(),
            expected.plain_explanation()
        )
    );
    assert!(
        unknown.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("4242")
    );
    // A NUL in `?lang=` is a bad locale, also after the answer to the
    // request it could pass for (`Accept-Language: kk`) was kept.
    for _ in 0..2 {
        let kept = server.get("/v1/codes/planfix/1000", &[("Accept-Language", "kk")]);
        assert_eq!(kept.status, 200);
        let nul = server.get("/v1/codes/planfix/1000?lang=%00kk", &[]);
        assert_eq!(
            (nul.status, nul.error_kind()),
            (400, "invalid-locale".into())
        );
    }
    // The same in one segment.
    let one = server.get("/v1/codes/planfix:4242", &[("Accept-Language", "uk")]);
    assert_eq!(one.json()["error"], unknown.json()["error"]);
    let bare = server.get("/v1/codes/4242", &[]);
    assert_eq!(
        bare.json()["error"]["message"],
        "unknown code \"4242\": no catalog has such a number"
    );
    // An unknown name has no number: the library's error.
    let unknown = server.get("/v1/codes/planfix/no-such-code", &[]);
    assert_eq!(unknown.error_kind(), "unknown-code");
    // Errors in the input are said in the request's language too.
    let r = server.get(
        "/v1/codes/planfix/no-such-code",
        &[("Accept-Language", "ru")],
    );
    assert_eq!(
        r.json()["error"]["message"],
        "неизвестный код \"planfix:no-such-code\": в каталоге planfix такого кода нет"
    );
    let r = server.get("/v1/codes/jira/1?lang=kk", &[]);
    assert_eq!(r.error_kind(), "unknown-catalog");
    assert_eq!(
        r.json()["error"]["message"],
        "\"jira:1\" кодындағы \"jira\" — белгісіз каталог: белгілі каталогтар — mobizon, planfix, mobizon-recipient"
    );

    let many = format!("/v1/codes/planfix/1000?{}", "a=1&".repeat(100));
    let r = server.get(&many, &[]);
    assert_eq!((r.status, r.error_kind().as_str()), (400, "invalid-query"));
    // 10,000 parameters are more than the header limit: hyper's 431.
    let huge = format!("/v1/codes/planfix/1000?{}", "a=1&".repeat(10_000));
    assert_eq!(server.get(&huge, &[]).status, 431);
    let long_language = "a".repeat(64 * 1024);
    let r = server.get(
        "/v1/codes/planfix/1000",
        &[("Accept-Language", &long_language)],
    );
    assert_eq!(r.status, 431);
    let mut headers = Vec::new();
    let names: Vec<String> = (0..100).map(|i| format!("X-Filler-{i}")).collect();
    for name in &names {
        headers.push((name.as_str(), "1"));
    }
    assert_eq!(server.get("/healthz", &headers).status, 431);
    // A header value that is not ASCII has no language in it: English.
    let r = exchange(
        server.addr,
        b"GET /v1/codes/planfix/1000 HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAccept-Language: \xff\xfe kk\r\n\r\n",
    );
    assert_eq!((r.status, r.header("content-language")), (200, Some("en")));
    // Not HTTP at all.
    let r = exchange(
        server.addr,
        b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03garbage\r\n\r\n",
    );
    assert_eq!(r.status, 400);
}

#[test]
fn wrong_methods_get_405_with_allow() {
    let server = Server::embedded();
    for (method, path) in [
        ("DELETE", "/v1/codes/planfix/1000"),
        ("GET", "/v1/explain-response"),
        ("POST", "/healthz"),
        ("PUT", "/v1/codes"),
    ] {
        let raw = format!(
            "{method} {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"
        );
        let r = exchange(server.addr, raw.as_bytes());
        assert_eq!(
            (r.status, r.error_kind().as_str()),
            (405, "method-not-allowed"),
            "{method} {path}"
        );
        assert!(r.header("allow").is_some(), "{method} {path}");
    }
}

#[test]
fn every_code_and_reverse_search() {
    let server = Server::embedded();
    let r = server.get("/v1/codes?catalog=mobizon&lang=kk", &[]);
    assert_eq!((r.status, r.header("content-language")), (200, Some("kk")));
    let codes = r.json()["codes"].as_array().unwrap().clone();
    assert_eq!(codes.len(), 20);
    assert!(codes.iter().all(|c| c["catalog"] == "mobizon"));
    let all = server.get("/v1/codes", &[("Accept-Language", "uk")]).json();
    let all = all["codes"].as_array().unwrap();
    assert_eq!(all.len(), 94);
    let empty = server.get("/v1/codes?catalog=&lang=", &[]).json();
    assert_eq!(empty["codes"].as_array().unwrap().len(), 94);
    assert!(
        all.iter()
            .all(|c| c["locale"] == "uk" || c["locale"] == "en")
    );

    let r = server.get("/v1/search?q=%D0%BD%D0%B5%D0%B2%D0%B5%D1%80%D0%BD%D1%8B%D0%B9+%D1%82%D0%BE%D0%BA%D0%B5%D0%BD", &[]);
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["hits"][0]["code"], "planfix:1");
    assert_eq!(r.json()["hits"][0]["locale"], "ru");
    let r = server.get("/v1/search?q=rate+limit&lang=en", &[]);
    let hits = r.json()["hits"].as_array().unwrap().clone();
    assert!(hits.iter().all(|h| h["locale"] == "en"));
    assert!(hits.iter().any(|h| h["code"] == "mobizon:30"));
    let none = server.get("/v1/search?q=zzzzqqq", &[]);
    assert_eq!(
        (none.status, none.json()["hits"].as_array().unwrap().len()),
        (200, 0)
    );
}

#[test]
fn raw_api_responses_are_explained_with_what_the_server_said() {
    let server = Server::embedded();
    let r = post(
        server.addr,
        "/v1/explain-response?lang=ru",
        "application/json",
        PLANFIX_FAILURE,
    );
    assert_eq!((r.status, r.header("content-language")), (200, Some("ru")));
    let v = r.json();
    assert_eq!(v["code"], "planfix:1000");
    assert_eq!(
        v["title"],
        Catalog::embedded()
            .explain("planfix:1000", "ru")
            .unwrap()
            .title()
    );
    assert_eq!(v["response"]["message"], "Task not exists");
    assert_eq!(v["response"]["result"], "fail");
    let mobizon = br#"{"code": 30, "data": {"wait": 5}, "message": "Too many requests"}"#;
    let r = post(
        server.addr,
        "/v1/explain-response",
        "application/json; charset=utf-8",
        mobizon,
    );
    assert_eq!(r.json()["response"]["data"]["wait"], 5);
    assert_eq!(r.json()["name"], "rate-limit-exceeded");
    let forced = post(
        server.addr,
        "/v1/explain-response?catalog=planfix",
        "application/json",
        br#"{"Code": 1}"#,
    );
    assert_eq!(forced.json()["code"], "planfix:1");

    let cases: &[(&str, &[u8], u16, &str)] = &[
        ("text/plain", PLANFIX_FAILURE, 415, "unsupported-media-type"),
        (
            "application/x-www-form-urlencoded",
            b"a=1",
            415,
            "unsupported-media-type",
        ),
        ("application/json", b"{\"code\": 30,", 400, "invalid-json"),
        (
            "application/json",
            b"{\"code\": \"\xff\"}",
            400,
            "invalid-body",
        ),
        ("application/json", b"[]", 400, "invalid-response"),
        (
            "application/json",
            b"{\"code\": -1}",
            400,
            "invalid-response",
        ),
        // A bare code: the keys do not say which API sent it.
        (
            "application/json",
            b"{\"code\": 4242}",
            400,
            "invalid-response",
        ),
        (
            "application/json",
            b"{\"response\": {\"code\": 30, \"data\": []}}",
            400,
            "invalid-response",
        ),
    ];
    for (content_type, body, status, kind) in cases {
        let r = post(server.addr, "/v1/explain-response", content_type, body);
        assert_eq!(
            (r.status, r.error_kind().as_str()),
            (*status, *kind),
            "{content_type} {:?}",
            String::from_utf8_lossy(body)
        );
    }
    let r = post(
        server.addr,
        "/v1/explain-response",
        "application/json",
        b"{\"code\": 4242}",
    );
    assert_eq!(
        r.json()["error"]["message"],
        "invalid response: the keys do not say which API sent it: `code` 4242 is mobizon:4242 or planfix:4242; name the API"
    );
    // A number the catalog lacks and a Planfix success are answered, with
    // 200, the unknown-code and success texts and the server's words.
    let r = post(
        server.addr,
        "/v1/explain-response?lang=en",
        "application/json",
        br#"{"code": 4242, "data": [], "message": "New code"}"#,
    );
    let v = r.json();
    assert_eq!(
        (r.status, v["code"].as_str(), v["kind"].as_str()),
        (200, Some("mobizon:4242"), Some("unknown"))
    );
    assert_eq!(v["title"], "Unknown response code 4242");
    assert_eq!(v["response"]["message"], "New code");
    let r = post(
        server.addr,
        "/v1/explain-response?lang=en",
        "application/json",
        br#"{"result":"fail","code":77,"error":"Task is archived"}"#,
    );
    let v = r.json();
    assert_eq!(
        (r.status, v["code"].as_str(), v["kind"].as_str()),
        (200, Some("planfix:77"), Some("unknown"))
    );
    assert_eq!(v["response"]["message"], "Task is archived");
    let r = post(
        server.addr,
        "/v1/explain-response?lang=ru",
        "application/json",
        br#"{"Result": "success", "task": {"id": 7}}"#,
    );
    let v = r.json();
    assert_eq!(
        (r.status, v["code"].as_str(), v["kind"].as_str()),
        (200, Some("planfix:success"), Some("success"))
    );
    assert_eq!(v["locale"], "ru");
    assert!(v["response"]["code"].is_null());
    // Per-recipient results, each explained, with the summary line.
    let r = post(
        server.addr,
        "/v1/explain-response?lang=en",
        "application/json",
        br#"{"code":99,"data":[{"recipient":"77010000001","code":4},{"recipient":"77010000002","code":4}],"message":""}"#,
    );
    let v = r.json();
    assert_eq!((r.status, v["code"].as_str()), (200, Some("mobizon:99")));
    assert_eq!(v["summary"]["text"], "Recipients: 0 added, 2 refused");
    assert_eq!(v["recipients"].as_array().unwrap().len(), 2);
    assert_eq!(v["recipients"][1]["code"], "mobizon-recipient:4");
    assert_eq!(v["recipients"][1]["name"], "already-added");

    let r = post(
        server.addr,
        "/v1/explain-response?lang=uk",
        "application/json",
        b"[]",
    );
    assert_eq!(
        r.json()["error"]["message"],
        "некоректна відповідь: очікується об’єкт JSON, отримано значення типу array"
    );
    let r = post(
        server.addr,
        "/v1/explain-response?catalog=jira",
        "application/json",
        PLANFIX_FAILURE,
    );
    assert_eq!(
        (r.status, r.error_kind().as_str()),
        (400, "unknown-catalog")
    );

    // Over 1 MiB: declared, or sent in chunks without a length.
    let big = vec![b' '; 1024 * 1024 + 1];
    let r = post(
        server.addr,
        "/v1/explain-response",
        "application/json",
        &big,
    );
    assert_eq!((r.status, r.error_kind().as_str()), (413, "body-too-large"));
    let mut chunked = b"POST /v1/explain-response HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
    for _ in 0..17 {
        chunked.extend_from_slice(format!("{:x}\r\n", 64 * 1024).as_bytes());
        chunked.extend(std::iter::repeat_n(b' ', 64 * 1024));
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    let r = exchange(server.addr, &chunked);
    assert_eq!((r.status, r.error_kind().as_str()), (413, "body-too-large"));
}

#[test]
fn diagnostics_health_readiness_metrics_and_openapi() {
    let server = Server::embedded();
    let d = server.get("/v1/diagnostics", &[]).json();
    assert_eq!(d["source"], "embedded");
    assert_eq!(d["generation"], 1);
    assert_eq!(d["has_errors"], false);
    assert_eq!(
        d["report"],
        serde_json::to_value(errcat::tooling::check_embedded()).unwrap()
    );
    assert!(d["last_reload"].is_null());
    assert_eq!(server.get("/healthz", &[]).json()["status"], "ok");
    assert_eq!(server.get("/readyz", &[]).json()["status"], "ok");

    server.get("/v1/codes/planfix/1000", &[]);
    server.get("/v1/codes/planfix/4242", &[]);
    let r = server.get("/metrics", &[]);
    assert!(
        r.header("content-type")
            .unwrap()
            .starts_with("text/plain; version=0.0.4")
    );
    let text = r.text();
    assert_eq!(
        metric(
            &text,
            "errcat_http_requests_total{route=\"/v1/codes/{catalog}/{code}\",status=\"200\"}"
        ),
        1
    );
    assert_eq!(
        metric(
            &text,
            "errcat_http_requests_total{route=\"/v1/codes/{catalog}/{code}\",status=\"404\"}"
        ),
        1
    );
    assert_eq!(
        metric(
            &text,
            "errcat_http_request_duration_seconds_count{route=\"/v1/codes/{catalog}/{code}\"}"
        ),
        2
    );
    assert_eq!(
        metric(&text, "errcat_catalog_reloads_total{outcome=\"refused\"}"),
        0
    );
    assert_eq!(metric(&text, "errcat_catalog_generation"), 1);
    assert!(!text.contains("4242"), "labels are routes, not paths");

    let doc = server.get("/openapi.json", &[]).json();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    for path in [
        "/v1/codes/{catalog}/{code}",
        "/v1/codes",
        "/v1/search",
        "/v1/explain-response",
        "/v1/diagnostics",
        "/healthz",
        "/readyz",
        "/metrics",
        "/openapi.json",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} is not documented");
    }
    assert!(doc["paths"]["/v1/explain-response"]["post"]["responses"]["413"].is_object());
}

#[test]
fn cors_is_off_unless_origins_are_named() {
    let origin = [("Origin", "https://support.example.com")];
    let closed = Server::embedded();
    let r = closed.get("/v1/codes/planfix/1000", &origin);
    assert_eq!(
        (r.status, r.header("access-control-allow-origin")),
        (200, None)
    );

    let open = Server::start(Options::new().with_cors_origins(["https://support.example.com"]));
    let r = open.get("/v1/codes/planfix/1000", &origin);
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("https://support.example.com")
    );
    let r = open.get(
        "/v1/codes/planfix/1000",
        &[("Origin", "https://evil.example")],
    );
    assert_eq!(r.header("access-control-allow-origin"), None);
    // Asked again, once its answer is kept: CORS still applies.
    let r = open.get("/v1/codes/planfix/1000", &origin);
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("https://support.example.com")
    );
    let preflight = exchange(
        open.addr,
        b"OPTIONS /v1/explain-response HTTP/1.1\r\nHost: x\r\nConnection: close\r\nOrigin: https://support.example.com\r\nAccess-Control-Request-Method: POST\r\nAccess-Control-Request-Headers: content-type\r\n\r\n",
    );
    assert_eq!(preflight.status, 200);
    assert!(
        preflight
            .header("access-control-allow-methods")
            .unwrap()
            .contains("POST")
    );

    let err = App::new(&Options::new().with_cors_origins(["*"]))
        .err()
        .unwrap();
    assert!(matches!(err, ServeError::CorsOrigin(_)), "{err}");
}

#[test]
fn over_the_concurrency_limit_is_429_at_once() {
    let mut limits = Limits::default();
    limits.concurrency = 1;
    let server = Server::start(Options::new().with_limits(limits));
    // Asked once, so that its answer is kept: a kept answer is under the
    // same limit.
    assert_eq!(server.get("/v1/codes/planfix/1000", &[]).status, 200);
    let held = start_slow_post(server.addr, PLANFIX_FAILURE);
    eventually("the slow request is in flight", || server.in_flight() >= 2);
    let r = server.get("/v1/codes/planfix/1000", &[]);
    assert_eq!((r.status, r.error_kind().as_str()), (429, "overloaded"));
    // Operators' endpoints still answer.
    assert_eq!(server.get("/healthz", &[]).status, 200);
    assert_eq!(finish(held, PLANFIX_FAILURE).status, 200);
    assert_eq!(server.get("/v1/codes/planfix/1000", &[]).status, 200);
}

#[test]
fn slow_clients_are_cut_off() {
    let mut limits = Limits::default();
    limits.request_timeout = Duration::from_millis(300);
    limits.header_timeout = Duration::from_millis(300);
    let server = Server::start(Options::new().with_limits(limits));
    // A body that never finishes: 408 once the request timeout passes.
    let mut stream = start_slow_post(server.addr, PLANFIX_FAILURE);
    let r = read_reply(&mut stream);
    assert_eq!((r.status, r.error_kind().as_str()), (408, "timeout"));
    // Headers that never finish: the connection is closed, without an answer.
    let mut stream = connect(server.addr);
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        .unwrap();
    let mut rest = Vec::new();
    let read = stream.read_to_end(&mut rest);
    assert!(read.is_ok() || rest.is_empty(), "{read:?}");
    assert!(!String::from_utf8_lossy(&rest).contains("200 OK"));
    // An idle kept-alive connection is closed too.
    let mut stream = connect(server.addr);
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    let mut all = Vec::new();
    let _ = stream.read_to_end(&mut all);
    assert!(String::from_utf8_lossy(&all).starts_with("HTTP/1.1 200 OK"));
}

#[test]
fn limits_at_their_extremes_do_not_panic() {
    let mut limits = Limits::default();
    limits.connections = usize::MAX;
    limits.concurrency = usize::MAX;
    limits.header_timeout = Duration::MAX;
    limits.request_timeout = Duration::MAX;
    limits.shutdown_grace = Duration::MAX;
    limits.headers = 0;
    limits.header_bytes = 0;
    let mut server = Server::start(Options::new().with_limits(limits));
    let r = exchange(
        server.addr,
        b"GET /healthz HTTP/1.1\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(r.status, 431, "no header fits a limit of none");
    server.shut_down().unwrap();

    let mut limits = Limits::default();
    limits.connections = 0;
    limits.concurrency = 0;
    limits.body_bytes = 0;
    let server = Server::start(Options::new().with_limits(limits));
    assert_eq!(server.get("/v1/codes/planfix/1000", &[]).status, 200);
    let r = post(
        server.addr,
        "/v1/explain-response",
        "application/json",
        PLANFIX_FAILURE,
    );
    assert_eq!(r.status, 413);
}

#[test]
fn shutdown_finishes_the_requests_in_flight() {
    let mut server = Server::embedded();
    let held = start_slow_post(server.addr, PLANFIX_FAILURE);
    eventually("the slow request is in flight", || server.in_flight() >= 2);
    let stop = server.stop.take().unwrap();
    stop.send(()).unwrap();
    eventually("the listener is closed", || {
        TcpStream::connect(server.addr).is_err()
    });
    let r = finish(held, PLANFIX_FAILURE);
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["response"]["message"], "Task not exists");
    server.shut_down().unwrap();
}

/// A copy of the shipped locales folder.
fn shipped_locales() -> TempDir {
    let dir = TempDir::new();
    copy_shipped(&dir, "");
    dir
}

/// Copies the shipped locales folder to `under` (a path inside `dir`;
/// empty for `dir` itself).
fn copy_shipped(dir: &TempDir, under: &str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    for locale in std::fs::read_dir(&root).unwrap() {
        let locale = locale.unwrap();
        for file in std::fs::read_dir(locale.path()).unwrap() {
            let file = file.unwrap();
            let name = format!(
                "{under}{}{}/{}",
                if under.is_empty() { "" } else { "/" },
                locale.file_name().to_str().unwrap(),
                file.file_name().to_str().unwrap()
            );
            dir.write(&name, &std::fs::read(file.path()).unwrap());
        }
    }
}

/// The shipped `locales/kk/planfix.ftl` with the title of planfix:1000
/// replaced.
fn retitled(title: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales/kk/planfix.ftl");
    let text = std::fs::read_to_string(path).unwrap();
    let old = Catalog::embedded().explain("planfix:1000", "kk").unwrap();
    let old = format!(".title = {}", old.title());
    assert!(text.contains(&old));
    text.replacen(&old, &format!(".title = {title}"), 1)
        .into_bytes()
}

fn kk_title(addr: SocketAddr) -> String {
    let r = get(addr, "/v1/codes/planfix/1000?lang=kk", &[]);
    r.json()["title"].as_str().unwrap().to_owned()
}

#[test]
fn a_changed_folder_is_served_and_a_broken_one_refused() {
    let dir = shipped_locales();
    let server = Server::start(Options::new().with_locales(dir.path()));
    let diagnostics = server.get("/v1/diagnostics", &[]).json();
    assert_eq!(diagnostics["source"], dir.arg());
    assert_eq!(diagnostics["generation"], 1);
    watching(&server);
    // Asked once before the change: an answer kept from the old catalog
    // must not outlive it.
    let old = Catalog::embedded().explain("planfix:1000", "kk").unwrap();
    assert_eq!(kk_title(server.addr), old.title());
    assert_eq!(kk_title(server.addr), old.title());

    dir.write("kk/planfix.ftl", &retitled("Жаңа атау"));
    eventually("the change is served", || {
        kk_title(server.addr) == "Жаңа атау"
    });
    // The reload's record is stored just after the catalog it made.
    eventually("the reload is recorded", || {
        !server.get("/v1/diagnostics", &[]).json()["last_reload"].is_null()
    });
    let d = server.get("/v1/diagnostics", &[]).json();
    assert_eq!(
        (
            d["last_reload"]["outcome"].as_str(),
            d["last_reload"]["trigger"].as_str()
        ),
        (Some("applied"), Some("file-change"))
    );

    // A broken file: refused, the last good catalog stays.
    let mut broken = retitled("Сынық");
    broken.extend_from_slice(b"broken = {\n");
    dir.write("kk/planfix.ftl", &broken);
    eventually("the refusal shows", || {
        server.get("/v1/diagnostics", &[]).json()["last_reload"]["outcome"] == "refused"
    });
    let d = server.get("/v1/diagnostics", &[]).json();
    assert!(
        d["last_reload"]["message"]
            .as_str()
            .unwrap()
            .contains("still serving the last good catalog")
    );
    let errors = d["last_reload"]["errors"].as_array().unwrap();
    assert!(
        errors
            .iter()
            .any(|e| e["rule"] == "syntax"
                && e["path"].as_str().unwrap().ends_with("kk/planfix.ftl"))
    );
    assert_eq!(d["has_errors"], false, "the served catalog is the good one");
    assert_eq!(kk_title(server.addr), "Жаңа атау");
    let metrics = server.get("/metrics", &[]).text();
    assert!(
        metric(
            &metrics,
            "errcat_catalog_reloads_total{outcome=\"refused\"}"
        ) >= 1
    );
    assert!(
        metric(
            &metrics,
            "errcat_catalog_reloads_total{outcome=\"applied\"}"
        ) >= 1
    );
    let generation = d["generation"].as_u64().unwrap();
    assert_eq!(metric(&metrics, "errcat_catalog_generation"), generation);
}

#[test]
fn requests_during_reloads_see_one_whole_catalog() {
    let dir = shipped_locales();
    let app = App::new(&Options::new().with_locales(dir.path())).unwrap();
    let server = Server::with_app(app.clone());
    let titles = [retitled("Бірінші"), retitled("Екінші")];
    let original = Catalog::embedded()
        .explain("planfix:1000", "kk")
        .unwrap()
        .title()
        .to_owned();
    let allowed = [original.as_str(), "Бірінші", "Екінші"];
    for round in 0..20 {
        dir.write("kk/planfix.ftl", &titles[round % 2]);
        app.reload().unwrap();
        let title = kk_title(server.addr);
        assert!(allowed.contains(&title.as_str()), "{title}");
        // The Russian text never changes, whichever catalog answers.
        let ru = get(server.addr, "/v1/codes/planfix/1000?lang=ru", &[]);
        assert_eq!(
            ru.json()["title"],
            Catalog::embedded()
                .explain("planfix:1000", "ru")
                .unwrap()
                .title()
        );
    }
}

#[test]
fn a_folder_with_errors_is_refused_at_start() {
    let dir = shipped_locales();
    dir.write("kk/mobizon.ftl", b"success = {\n");
    let err = App::new(&Options::new().with_locales(dir.path()))
        .err()
        .unwrap();
    assert!(matches!(err, ServeError::Refused(_)));
    assert!(err.to_string().contains("kk/mobizon.ftl"), "{err}");
    let err = App::new(&Options::new().with_locales(dir.path().join("missing")))
        .err()
        .unwrap();
    assert!(matches!(err, ServeError::Refused(_)));
}

/// The real binary, with its stderr (the log) read line by line.
struct Process {
    child: Child,
    addr: SocketAddr,
    log: std::sync::mpsc::Receiver<String>,
    /// The log lines up to and with the one that says where it listens.
    startup: Vec<String>,
}

impl Process {
    fn start(args: &[&str]) -> Process {
        let mut child = errcat_command()
            .arg("serve")
            .args(["--addr", "127.0.0.1:0"])
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let (send, log) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let _ = send.send(line);
            }
        });
        let mut process = Process {
            child,
            addr: "0.0.0.0:0".parse().unwrap(),
            log,
            startup: Vec::new(),
        };
        loop {
            let line = process
                .log
                .recv_timeout(GUARD)
                .unwrap_or_else(|_| panic!("errcat serve did not start: {:?}", process.startup));
            process.startup.push(line);
            if process
                .startup
                .last()
                .unwrap()
                .contains("listening on http://")
            {
                break;
            }
        }
        let line = process.startup.last().unwrap();
        let addr = line.rsplit("http://").next().unwrap();
        process.addr = addr.trim().parse().unwrap();
        process
    }

    fn wait_for(&self, text: &str) -> String {
        loop {
            let line = self
                .log
                .recv_timeout(GUARD)
                .unwrap_or_else(|_| panic!("no log line with {text:?}"));
            if line.contains(text) {
                return line;
            }
        }
    }

    fn signal(&self, signal: i32) {
        let pid = i32::try_from(self.child.id()).unwrap();
        // SAFETY: sends a signal to the child this test started.
        assert_eq!(unsafe { libc::kill(pid, signal) }, 0);
    }

    fn wait(&mut self) -> std::process::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(start.elapsed() < GUARD, "errcat serve did not stop");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

#[test]
fn the_binary_reloads_on_sighup_logs_each_request_and_stops_on_sigterm() {
    let dir = shipped_locales();
    let mut process = Process::start(&["--locales", dir.arg()]);
    let addr = process.addr;

    let r = get(addr, "/v1/codes/planfix/1000", &[("Accept-Language", "kk")]);
    assert_eq!(r.status, 200);
    let line = process.wait_for("route=\"/v1/codes/{catalog}/{code}\"");
    for field in ["method=GET", "status=200", "latency_us=", "locale=kk"] {
        assert!(line.contains(field), "{field} missing: {line}");
    }
    assert_eq!(line.matches('\n').count(), 0);
    // Asked again: a kept answer is logged the same way.
    let r = get(addr, "/v1/codes/planfix/1000", &[("Accept-Language", "ru")]);
    assert_eq!(r.status, 200);
    let r = get(addr, "/v1/codes/planfix/1000", &[("Accept-Language", "ru")]);
    assert_eq!(r.status, 200);
    process.wait_for("locale=ru");
    let line = process.wait_for("locale=ru");
    for field in [
        "method=GET",
        "route=\"/v1/codes/{catalog}/{code}\"",
        "status=200",
        "latency_us=",
    ] {
        assert!(line.contains(field), "{field} missing: {line}");
    }

    process.signal(libc::SIGHUP);
    process.wait_for("trigger=\"signal\"");
    let d = get(addr, "/v1/diagnostics", &[]).json();
    assert_eq!(
        (
            d["generation"].as_u64(),
            d["last_reload"]["trigger"].as_str()
        ),
        (Some(2), Some("signal"))
    );

    // A broken file: the refusal is logged, and the good catalog stays.
    let mut broken = std::fs::read(dir.path().join("kk/planfix.ftl")).unwrap();
    broken.extend_from_slice(b"broken = {\n");
    dir.write("kk/planfix.ftl", &broken);
    let line = process.wait_for("outcome=\"refused\"");
    assert!(
        line.contains("WARN") && line.contains("still serving the last good catalog"),
        "{line}"
    );
    assert_eq!(get(addr, "/v1/codes/planfix/1000?lang=kk", &[]).status, 200);

    // A body is never logged, whatever it holds.
    let secret = br#"{"code": 30, "message": "SECRET-BODY \u001b]0;x\u0007"}"#;
    assert_eq!(
        post(addr, "/v1/explain-response", "application/json", secret).status,
        200
    );
    let line = process.wait_for("route=\"/v1/explain-response\"");
    assert!(!line.contains("SECRET"), "{line}");

    // SIGTERM with a request in flight: it is answered, then the process ends.
    let held = start_slow_post(addr, PLANFIX_FAILURE);
    eventually("the slow request is in flight", || {
        metric(
            &get(addr, "/metrics", &[]).text(),
            "errcat_http_requests_in_flight",
        ) >= 2
    });
    process.signal(libc::SIGTERM);
    process.wait_for("shutting down");
    assert_eq!(finish(held, PLANFIX_FAILURE).status, 200);
    assert!(process.wait().success());
}

#[test]
fn the_binary_stops_on_ctrl_c() {
    let mut process = Process::start(&[]);
    assert_eq!(get(process.addr, "/readyz", &[]).status, 200);
    process.signal(libc::SIGINT);
    process.wait_for("shutting down");
    assert!(process.wait().success());
}

#[test]
fn the_binary_refuses_bad_options_in_one_line() {
    let dir = shipped_locales();
    dir.write("kk/mobizon.ftl", b"success = {\n");
    for args in [
        vec!["serve", "--addr", "127.0.0.1:0", "--locales", dir.arg()],
        vec!["serve", "--addr", "not-an-address"],
        vec![
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--cors-origin",
            "javascript:alert(1)",
        ],
    ] {
        let o = errcat_command().args(&args).output().unwrap();
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&o.stderr);
        let lines: Vec<&str> = stderr
            .lines()
            .filter(|l| l.starts_with("errcat: "))
            .collect();
        assert_eq!(lines.len(), 1, "{args:?}: {stderr}");
    }
}

/// A client that asks for every code `count` times on one connection, at
/// once, with a 4 KiB receive buffer, and never reads the answers.
fn stuck_client(addr: SocketAddr, count: usize) -> TcpStream {
    let socket = socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None).unwrap();
    socket.set_recv_buffer_size(4096).unwrap();
    socket.connect(&addr.into()).unwrap();
    let mut stream: TcpStream = socket.into();
    stream.set_read_timeout(Some(GUARD)).unwrap();
    stream.set_write_timeout(Some(GUARD)).unwrap();
    let request = format!("GET /v1/codes HTTP/1.1\r\nHost: {addr}\r\n\r\n");
    stream.write_all(request.repeat(count).as_bytes()).unwrap();
    stream
}

/// Reads until the server ends the connection (by a close or a reset);
/// fails if it is still open after [`GUARD`].
fn until_closed(mut stream: TcpStream) {
    let mut chunk = [0u8; 65536];
    loop {
        match stream.read(&mut chunk) {
            Ok(0) => return,
            Ok(_) => continue,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                panic!("the connection is still open: {e}")
            }
            Err(_reset) => return,
        }
    }
}

fn closed(server: &Server, reason: &str) -> u64 {
    let metrics = server.get("/metrics", &[]).text();
    metric(
        &metrics,
        &format!("errcat_connections_closed_total{{reason=\"{reason}\"}}"),
    )
}

#[test]
fn a_table_full_of_clients_that_do_not_read_still_lets_health_checks_in() {
    let mut limits = Limits::default();
    limits.connections = 8;
    let server = Server::start(Options::new().with_limits(limits));
    let stuck: Vec<TcpStream> = (0..8).map(|_| stuck_client(server.addr, 400)).collect();
    for _ in 0..10 {
        let r = server.get("/healthz", &[]);
        assert_eq!(r.status, 200);
        assert_eq!(r.json()["status"], "ok");
    }
    assert!(closed(&server, "full") >= 1);
    // The quietest went first: clients that do not read.
    let metrics = server.get("/metrics", &[]).text();
    assert!(
        metric(&metrics, "errcat_connections_open") <= 8,
        "{metrics}"
    );
    drop(stuck);
}

#[test]
fn a_write_blocked_too_long_resets_the_connection() {
    let mut limits = Limits::default();
    limits.write_timeout = Duration::from_millis(200);
    let server = Server::start(Options::new().with_limits(limits));
    let stuck = stuck_client(server.addr, 400);
    eventually("the write timeout closes it", || {
        closed(&server, "write-timeout") >= 1
    });
    until_closed(stuck);
    assert_eq!(closed(&server, "idle-timeout"), 0);
    assert_eq!(server.get("/healthz", &[]).status, 200);
}

#[test]
fn stalled_connections_share_a_budget_of_queued_bytes() {
    let mut limits = Limits::default();
    limits.send_buffer = 16 * 1024;
    // Two stalled connections' send buffers (Linux doubles each).
    limits.queued_bytes = 2 * 2 * 16 * 1024;
    let server = Server::start(Options::new().with_limits(limits));
    let stuck: Vec<TcpStream> = (0..5).map(|_| stuck_client(server.addr, 400)).collect();
    eventually("the budget closes all but two", || {
        closed(&server, "queue-budget") >= 3
    });
    let metrics = server.get("/metrics", &[]).text();
    assert!(
        metric(&metrics, "errcat_connections_stalled") <= 2,
        "{metrics}"
    );
    assert_eq!(closed(&server, "write-timeout"), 0);
    drop(stuck);
}

#[test]
fn a_connection_that_moves_no_byte_is_closed() {
    let mut limits = Limits::default();
    limits.idle_timeout = Duration::from_millis(200);
    limits.header_timeout = Duration::from_secs(3600);
    let server = Server::start(Options::new().with_limits(limits));
    let silent = connect(server.addr);
    eventually("the idle timeout closes it", || {
        closed(&server, "idle-timeout") >= 1
    });
    until_closed(silent);
}

#[test]
fn error_bodies_are_problem_documents_that_nothing_can_run() {
    let server = Server::embedded();
    let r = server.get(
        "/v1/codes/%3Chtml%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E/1",
        &[],
    );
    assert_eq!(
        (r.status, r.error_kind().as_str()),
        (404, "unknown-catalog")
    );
    assert_eq!(r.json()["type"], "about:blank");
    assert_eq!(r.json()["title"], "Not Found");
    assert!(!r.text().starts_with('<'));
    assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
    assert!(
        r.header("content-security-policy")
            .unwrap()
            .contains("default-src 'none'")
    );
    for path in [
        "/v1/codes/planfix/1000",
        "/metrics",
        "/healthz",
        "/no/such/%3Cb%3E",
    ] {
        let r = server.get(path, &[]);
        assert_eq!(
            r.header("x-content-type-options"),
            Some("nosniff"),
            "{path}"
        );
        assert!(
            !r.header("content-type")
                .unwrap_or_default()
                .contains("html"),
            "{path}"
        );
    }
    let r = post(server.addr, "/v1/explain-response", "text/html", b"<html>");
    assert_eq!(r.status, 415);
    assert_eq!(r.header("content-type"), Some("application/problem+json"));
}

#[test]
fn cors_origins_are_normalised_and_anything_else_refused() {
    let open = Server::start(Options::new().with_cors_origins([
        "HTTPS://Support.Example.COM:443/",
        "http://localhost:3000",
        "http://LOCALHOST:80",
    ]));
    for origin in [
        "https://support.example.com",
        "http://localhost:3000",
        "http://localhost",
    ] {
        let r = open.get("/v1/codes/planfix/1000", &[("Origin", origin)]);
        assert_eq!(r.header("access-control-allow-origin"), Some(origin));
    }
    for bad in [
        "*",
        "support.example.com",
        "https://support.example.com/app",
        "https://support.example.com?x=1",
        "https://support.example.com#top",
        "https://user@support.example.com",
        "https://support.example.com:99999",
        "ftp://support.example.com",
        "https://",
        "null",
    ] {
        let err = App::new(&Options::new().with_cors_origins([bad]))
            .err()
            .unwrap_or_else(|| panic!("{bad:?} was accepted"));
        assert!(matches!(err, ServeError::CorsOrigin(_)), "{err}");
        assert!(err.to_string().contains(&format!("{bad:?}")), "{err}");
    }
    let o = errcat_command()
        .args([
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--cors-origin",
            "https://a.example/app",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("https://a.example/app"), "{stderr}");
}

/// Whether the server now serves `title` for planfix:1000 in Kazakh.
fn serves(server: &Server, title: &str) -> bool {
    kk_title(server.addr) == title
}

fn watch_state(server: &Server) -> Value {
    server.get("/v1/diagnostics", &[]).json()["watch"].clone()
}

/// Waits until the server (started on its own task) watches its folder:
/// a change made before that is no test of the watch.
fn watching(server: &Server) {
    eventually("the folder is watched", || {
        watch_state(server)["state"] == "watching"
    });
}

#[test]
fn a_folder_replaced_by_mv_is_watched_again() {
    let dir = TempDir::new();
    copy_shipped(&dir, "loc");
    let loc = dir.path().join("loc");
    let server = Server::start(Options::new().with_locales(&loc));
    watching(&server);
    copy_shipped(&dir, "loc.new");
    dir.write("loc.new/kk/planfix.ftl", &retitled("Ауыстырылды"));
    std::fs::rename(&loc, dir.path().join("loc.old")).unwrap();
    std::fs::rename(dir.path().join("loc.new"), &loc).unwrap();
    eventually("the new folder is served", || {
        serves(&server, "Ауыстырылды")
    });
    // The new folder's files are watched, not the old one's.
    dir.write("loc/kk/planfix.ftl", &retitled("Өңделді"));
    eventually("an edit in the new folder is served", || {
        serves(&server, "Өңделді")
    });
    dir.write("loc.old/kk/planfix.ftl", &retitled("Ескі"));
    dir.write("loc/kk/planfix.ftl", &retitled("Соңғы"));
    eventually("the last edit is served", || serves(&server, "Соңғы"));
}

#[test]
fn a_folder_removed_and_created_again_is_watched_again() {
    let dir = TempDir::new();
    copy_shipped(&dir, "loc");
    let loc = dir.path().join("loc");
    let server = Server::start(Options::new().with_locales(&loc));
    watching(&server);
    std::fs::remove_dir_all(&loc).unwrap();
    eventually("the watch waits for the folder", || {
        watch_state(&server)["state"] == "waiting"
    });
    // The last good catalog stays while the folder is missing.
    assert_eq!(server.get("/v1/codes/planfix/1000", &[]).status, 200);
    copy_shipped(&dir, "loc");
    dir.write("loc/kk/planfix.ftl", &retitled("Қайта жасалды"));
    eventually("the re-created folder is served", || {
        serves(&server, "Қайта жасалды")
    });
    dir.write("loc/kk/planfix.ftl", &retitled("Тағы өңделді"));
    eventually("an edit in it is served", || {
        serves(&server, "Тағы өңделді")
    });
    assert_eq!(watch_state(&server)["state"], "watching");
}

#[test]
fn a_flipped_symlink_is_followed() {
    let dir = TempDir::new();
    copy_shipped(&dir, "v1");
    copy_shipped(&dir, "v2");
    dir.write("v2/kk/planfix.ftl", &retitled("Екінші нұсқа"));
    let current = dir.path().join("current");
    std::os::unix::fs::symlink("v1", &current).unwrap();
    let server = Server::start(Options::new().with_locales(&current));
    watching(&server);
    // As `ln -sfn v2 current` does: a new link renamed over the old one.
    std::os::unix::fs::symlink("v2", dir.path().join("current.tmp")).unwrap();
    std::fs::rename(dir.path().join("current.tmp"), &current).unwrap();
    eventually("v2 is served", || serves(&server, "Екінші нұсқа"));
    dir.write("v2/kk/planfix.ftl", &retitled("Екінші, өңделді"));
    eventually("an edit in v2 is served", || {
        serves(&server, "Екінші, өңделді")
    });
}

#[test]
fn a_link_out_of_the_folder_is_not_watched() {
    let dir = shipped_locales();
    std::os::unix::fs::symlink("/", dir.path().join("root")).unwrap();
    std::os::unix::fs::symlink("/usr", dir.path().join("usr")).unwrap();
    let server = Server::start(Options::new().with_locales(dir.path()));
    watching(&server);
    let languages = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_type().unwrap().is_dir())
        .count() as u64;
    let watch = watch_state(&server);
    assert_eq!(watch["state"], "watching", "{watch}");
    // The parent, the folder and its language folders; nothing under / or /usr.
    assert_eq!(watch["watched"], languages + 2, "{watch}");
    dir.write("kk/planfix.ftl", &retitled("Сілтемемен"));
    eventually("an edit is served", || serves(&server, "Сілтемемен"));
}

#[test]
fn a_file_touched_without_end_does_not_hold_an_edit_back() {
    let dir = shipped_locales();
    let server = Server::start(Options::new().with_locales(dir.path()));
    watching(&server);
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let toucher = {
        let stop = std::sync::Arc::clone(&stop);
        let path = dir.path().join("kk/mobizon.ftl");
        let bytes = std::fs::read(&path).unwrap();
        std::thread::spawn(move || {
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                std::fs::write(&path, &bytes).unwrap();
                std::thread::sleep(Duration::from_millis(50));
            }
        })
    };
    eventually("the touches are seen", || {
        watch_state(&server)["events"].as_u64().unwrap() >= 5
    });
    dir.write("kk/planfix.ftl", &retitled("Күтпейді"));
    eventually("the edit is served while the touching goes on", || {
        serves(&server, "Күтпейді")
    });
    assert!(!toucher.is_finished(), "the touching stopped early");
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    toucher.join().unwrap();
}

#[test]
fn a_stderr_nobody_reads_blocks_no_request_nor_the_stop() {
    let mut child = errcat_command()
        .args(["serve", "--addr", "127.0.0.1:0"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    while !line.contains("listening on http://") {
        line.clear();
        assert!(
            stderr.read_line(&mut line).unwrap() > 0,
            "no listening line"
        );
    }
    let addr: SocketAddr = line
        .rsplit("http://")
        .next()
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    // From now on nobody reads the log: far more lines than a pipe holds.
    let count = 40_000;
    let mut stream = connect(addr);
    let request = format!("GET /healthz HTTP/1.1\r\nHost: {addr}\r\n\r\n");
    let mut all = request.repeat(count - 1);
    all.push_str(&format!(
        "GET /healthz HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    ));
    let writer = {
        let mut stream = stream.try_clone().unwrap();
        std::thread::spawn(move || stream.write_all(all.as_bytes()).unwrap())
    };
    let mut answers = Vec::new();
    stream.read_to_end(&mut answers).unwrap();
    writer.join().unwrap();
    let oks = String::from_utf8_lossy(&answers)
        .matches("HTTP/1.1 200 OK")
        .count();
    assert_eq!(oks, count);
    let metrics = get(addr, "/metrics", &[]).text();
    assert!(
        metric(&metrics, "errcat_log_lines_dropped_total") > 0,
        "{metrics}"
    );
    // A client that does not read either; SIGTERM still ends the process.
    let stuck = stuck_client(addr, 400);
    let pid = i32::try_from(child.id()).unwrap();
    // SAFETY: sends a signal to the child this test started.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0);
    // The grace period is 30 s; this waits a little longer before failing.
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > Duration::from_secs(45) {
            let _ = child.kill();
            panic!("errcat serve did not stop");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status:?}");
    drop((stuck, stderr));
}

#[test]
fn a_folder_with_errors_is_served_in_preview_and_refused_without() {
    let dir = shipped_locales();
    dir.write("be/mobizon.ftl", BE_IN_PROGRESS.as_bytes());
    let err = App::new(&Options::new().with_locales(dir.path()))
        .err()
        .unwrap();
    assert!(matches!(err, ServeError::Refused(_)));
    assert!(err.to_string().contains("be/mobizon.ftl"), "{err}");

    let app = App::new(&Options::new().with_locales(dir.path()).with_preview(true)).unwrap();
    let server = Server::with_app(app.clone());
    // Exactly what the CLI previews from the same folder.
    let (preview, report) = errcat::tooling::preview_dir(dir.path()).unwrap();
    let findings = report.diagnostics;
    let served = server.get("/v1/codes?catalog=mobizon&lang=be", &[]).json();
    let served = served["codes"].as_array().unwrap();
    assert_eq!(served.len(), 20);
    for code in served {
        let e = preview
            .explain(code["code"].as_str().unwrap(), "be")
            .unwrap();
        assert_eq!(
            (code["title"].as_str(), code["locale"].as_str()),
            (Some(e.title()), Some(e.locale().to_string().as_str())),
            "{code}"
        );
    }
    let locale = |number: u32| {
        let r = server.get(&format!("/v1/codes/mobizon/{number}?lang=be"), &[]);
        r.json()["locale"].as_str().unwrap().to_owned()
    };
    assert_eq!(locale(0), "be", "a message that is fine is served");
    assert_eq!(locale(30), "en", "a message with an error falls back");
    let r = post(
        server.addr,
        "/v1/explain-response?lang=be",
        "application/json",
        br#"{"code":77,"data":[],"message":""}"#,
    );
    let title = r.json()["title"].as_str().unwrap().to_owned();
    assert_eq!(title, "Unknown response code 77");

    // Every finding, the misspelled id with its did-you-mean included.
    let d = server.get("/v1/diagnostics", &[]).json();
    assert_eq!(d["has_errors"], true);
    assert_eq!(
        d["report"]["diagnostics"],
        serde_json::to_value(&findings).unwrap()
    );
    let found = |rule: &str, line: u64| {
        d["report"]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| {
                f["rule"] == rule
                    && f["line"] == line
                    && f["path"].as_str().unwrap().ends_with("be/mobizon.ftl")
            })
            .map(|f| f["message"].as_str().unwrap().to_owned())
    };
    assert!(found("variables", 4).is_some());
    assert!(found("variables", 9).unwrap().contains("$numbr"));
    assert!(
        found("unknown-id", 11)
            .unwrap()
            .contains("did you mean record-not-found?")
    );

    // A reload that adds an error is applied too, and lists it.
    let broken = format!("{BE_IN_PROGRESS}broken = {{\n");
    dir.write("be/mobizon.ftl", broken.as_bytes());
    app.reload().unwrap();
    let d = server.get("/v1/diagnostics", &[]).json();
    assert_eq!(d["last_reload"]["outcome"], "applied");
    assert!(
        d["last_reload"]["errors"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["rule"] == "syntax")
    );
    assert_eq!(locale(0), "be");
}

#[test]
fn the_binary_logs_every_finding_in_preview() {
    let dir = shipped_locales();
    dir.write("be/mobizon.ftl", BE_IN_PROGRESS.as_bytes());
    let process = Process::start(&["--locales", dir.arg(), "--preview"]);
    let (_, report) = errcat::tooling::preview_dir(dir.path()).unwrap();
    let findings = report.diagnostics;
    assert!(findings.len() >= 4);
    for finding in &findings {
        assert!(
            process
                .startup
                .iter()
                .any(|l| l.ends_with(&finding.to_string())),
            "{finding} is not logged: {:#?}",
            process.startup
        );
    }
    let r = get(process.addr, "/v1/codes/mobizon/0?lang=be", &[]);
    assert_eq!(r.json()["title"], "Поспех");

    // --preview means nothing without a folder: a usage error.
    let o = errcat_command()
        .args(["serve", "--addr", "127.0.0.1:0", "--preview"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("--locales"), "{stderr}");
}

/// Every spelling of a code that `Code::from_str` takes gets the answer
/// of the canonical URL, directly.
#[test]
fn the_code_path_takes_every_spelling_the_cli_takes() {
    let server = Server::embedded();
    let canonical = server.get("/v1/codes/planfix/1000?lang=kk", &[]);
    assert_eq!(canonical.status, 200);
    for path in [
        "/v1/codes/planfix:1000",
        "/v1/codes/1000",
        "/v1/codes/planfix:task-not-found",
        "/v1/codes/PLANFIX:TASK_NOT_FOUND",
        "/v1/codes/planfix%3A01000",
        "/v1/codes/%20planfix:1000%20",
        "/v1/codes/planfix/task-not-found",
        "/v1/codes/Planfix/01000",
    ] {
        let r = server.get(&format!("{path}?lang=kk"), &[]);
        assert_eq!(r.status, 200, "{path}: {}", r.text());
        assert_eq!(r.body, canonical.body, "{path}");
        assert_eq!(r.header("etag"), canonical.header("etag"), "{path}");
        assert_eq!(r.header("content-language"), Some("kk"), "{path}");
    }
    // And `errcat explain` takes each of them too.
    for code in ["planfix:1000", "1000", "planfix:task-not-found"] {
        let o = crate::fixtures::errcat(&["explain", code, "--json", "--lang", "kk"]);
        assert_eq!(o.status.code(), Some(0), "{code}");
        let v: Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(v, canonical.json(), "{code}");
    }
}

/// `?lang=` (percent-encoded, RFC 3986 §2.1) on a code, and on the search,
/// gives the library's answer for every case of `tests/fixtures/locales.txt`.
/// An empty `lang` counts as absent (the OpenAPI document says so): that
/// case gets the answer without a language, English.
#[test]
fn the_service_answers_the_locale_table() {
    let server = Server::embedded();
    let mut differences = Vec::new();
    for case in crate::tables::cases("locales.txt") {
        let query: String = case.input.bytes().map(|b| format!("%{b:02X}")).collect();
        let r = server.get(&format!("/v1/codes/planfix/1000?lang={query}"), &[]);
        let expected = if case.input.is_empty() {
            Some(("en".to_owned(), "en".to_owned()))
        } else {
            crate::tables::requested_and_served(&case.expected)
        };
        let got = match r.status {
            200 => {
                let v = r.json();
                let shown = |k: &str| v[k].as_str().unwrap_or_default().to_owned();
                assert_eq!(r.header("content-language"), Some(shown("locale").as_str()));
                Some((shown("requested"), shown("locale")))
            }
            400 if r.error_kind() == "invalid-locale" => None,
            status => {
                differences.push(format!(
                    "locales.txt:{}: {:?}: {status}",
                    case.line, case.input
                ));
                continue;
            }
        };
        if got != expected {
            differences.push(format!(
                "locales.txt:{}: {:?}: expected {}, got {got:?}",
                case.line, case.input, case.expected
            ));
        }
        // The search negotiates the same way: refused alike.
        let search = server.get(&format!("/v1/search?q=token&lang={query}"), &[]);
        let refused = search.status == 400 && search.error_kind() == "invalid-locale";
        if refused != expected.is_none() {
            differences.push(format!(
                "locales.txt:{}: {:?}: the search answered {}",
                case.line, case.input, search.status
            ));
        }
    }
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}

/// `Accept-Language` on a code gives the library's requested and serving
/// locale for every case of `tests/fixtures/accept-language.txt` that a
/// header can carry: RFC 9110 §5.5 allows no control characters but tab
/// in a field value, so those cases are the library's and the npm
/// package's only. Bytes beyond ASCII are sent as UTF-8.
#[test]
fn the_service_answers_the_accept_language_table() {
    let server = Server::embedded();
    let mut differences = Vec::new();
    let mut run = 0;
    for case in crate::tables::cases("accept-language.txt") {
        if case.input.chars().any(|c| c.is_control() && c != '\t') {
            continue;
        }
        run += 1;
        let r = server.get(
            "/v1/codes/planfix/1000",
            &[("Accept-Language", &case.input)],
        );
        let v = r.json();
        let shown = |k: &str| v[k].as_str().unwrap_or_default().to_owned();
        let got = Some((shown("requested"), shown("locale")));
        if r.status != 200 || got != crate::tables::requested_and_served(&case.expected) {
            differences.push(format!(
                "accept-language.txt:{}: {:?}: expected {}, got {} {got:?}",
                case.line, case.input, case.expected, r.status
            ));
        }
    }
    assert!(run > 40, "{run} cases run");
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}

/// `/v1/search` reads `Accept-Language` as `?lang=`: the texts of the
/// chain are searched, and the answer varies with the header.
#[test]
fn the_search_negotiates_its_language_like_every_endpoint() {
    let server = Server::embedded();
    let russian = "/v1/search?q=%D0%BD%D0%B5%D0%B2%D0%B5%D1%80%D0%BD%D1%8B%D0%B9+%D1%82%D0%BE%D0%BA%D0%B5%D0%BD";
    let codes = |r: &Reply| -> Vec<String> {
        r.json()["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| format!("{} {}", h["code"], h["locale"]))
            .collect()
    };
    let anywhere = server.get(russian, &[]);
    assert!(!codes(&anywhere).is_empty());
    assert_eq!(anywhere.header("vary"), Some("Accept-Language"));
    let header = server.get(russian, &[("Accept-Language", "uk")]);
    let query = server.get(&format!("{russian}&lang=uk"), &[]);
    assert_eq!(codes(&header), codes(&query));
    assert!(codes(&header).is_empty(), "{:?}", codes(&header));
    let header = server.get(russian, &[("Accept-Language", "kk")]);
    let query = server.get(&format!("{russian}&lang=kk"), &[]);
    assert_eq!(codes(&header), codes(&query));
    assert!(
        codes(&header).iter().any(|c| c.ends_with("\"ru\"")),
        "{:?}",
        codes(&header)
    );
    let library = Catalog::embedded();
    let chain = library.chain_for_accept_language("kk");
    assert_eq!(
        codes(&header).len(),
        library.search_for("неверный токен", &chain).len()
    );
}
