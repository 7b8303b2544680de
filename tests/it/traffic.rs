//! Real traffic: the response bodies of tests/fixtures/traffic.txt, in the
//! shapes the vendors' published documents and public clients show (each
//! case names its source), read by the library, the CLI and the service,
//! each giving the case's expected answer. The npm package runs the same
//! file (js/test/traffic.test.js).

use serde_json::Value;

use errcat::{ApiResponse, Catalog, CatalogId, Error, ResponseProblem};

use crate::fixtures::{errcat_command, with_stdin};

/// One case of the file.
pub struct Case {
    pub line: usize,
    pub source: String,
    pub catalog: Option<String>,
    pub body: String,
    pub expect: String,
}

/// Reads tests/fixtures/traffic.txt: blocks of `source:`, optional
/// `catalog:`, `body:` and `expect:` lines, separated by blank lines.
pub fn cases() -> Vec<Case> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/traffic.txt");
    let text = std::fs::read_to_string(path).unwrap();
    let mut cases = Vec::new();
    let mut current: Option<Case> = None;
    for (i, line) in text.lines().enumerate() {
        if line.starts_with('#') {
            continue;
        }
        if line.trim().is_empty() {
            cases.extend(current.take());
            continue;
        }
        let case = current.get_or_insert_with(|| Case {
            line: i + 1,
            source: String::new(),
            catalog: None,
            body: String::new(),
            expect: String::new(),
        });
        let (key, value) = line.split_once(": ").unwrap_or((line, ""));
        match key {
            "source" => case.source = value.to_owned(),
            "catalog" => case.catalog = Some(value.to_owned()),
            "body" => case.body = value.to_owned(),
            "expect" => case.expect = value.to_owned(),
            other => panic!("traffic.txt:{}: unknown key {other:?}", i + 1),
        }
    }
    cases.extend(current);
    for c in &cases {
        assert!(
            !c.source.is_empty() && !c.expect.is_empty(),
            "traffic.txt:{}: every case needs a source and an expected answer",
            c.line
        );
    }
    cases
}

/// An answer (the JSON of `Catalog::answer_response`) as the file writes
/// it: `planfix:1000`, `planfix:success`, `planfix:unknown:77`,
/// `mobizon:98 recipients 0,4`.
pub fn token(answer: &Value) -> String {
    let code = answer["code"].as_str().unwrap_or("?");
    let mut token = if answer["kind"] == "unknown" {
        format!(
            "{}:unknown:{}",
            answer["catalog"].as_str().unwrap_or("?"),
            answer["number"]
        )
    } else {
        code.to_owned()
    };
    let response = &answer["response"];
    if let Some(items) = response["recipients"].as_array() {
        if response["catalog"] != "mobizon-recipient" {
            let codes: Vec<String> = items
                .iter()
                .map(|i| match i["code"].as_u64() {
                    Some(n) => n.to_string(),
                    None => "?".to_owned(),
                })
                .collect();
            token.push_str(&format!(" recipients {}", codes.join(",")));
        }
    }
    token
}

/// A refusal as the file writes it.
fn error_token(err: &Error) -> String {
    let problem = match err {
        Error::InvalidJson { .. } => "invalid-json",
        Error::InvalidResponse { problem } => match problem {
            ResponseProblem::NotAnObject { .. } => "not-object",
            ResponseProblem::NoCode | ResponseProblem::NoCodeField { .. } => "no-code",
            ResponseProblem::BadCode { .. } => "bad-code",
            ResponseProblem::Ambiguous { .. } => "ambiguous",
            ResponseProblem::Wrapped { .. } => "wrapped",
            ResponseProblem::Mixed => "mixed",
            ResponseProblem::NotFromCatalog { .. } => "not-from-catalog",
            _ => "other",
        },
        _ => "other",
    };
    format!("error:{problem}")
}

/// The server's own text in a body, read independently of the library:
/// the string values of its `error` and `message` keys, in any case.
fn server_texts(body: &str) -> Vec<String> {
    let Ok(Value::Object(o)) = serde_json::from_str::<Value>(body) else {
        return Vec::new();
    };
    o.iter()
        .filter(|(k, _)| k.eq_ignore_ascii_case("error") || k.eq_ignore_ascii_case("message"))
        .filter_map(|(_, v)| v.as_str())
        .filter(|s| !s.trim().is_empty())
        .map(str::to_owned)
        .collect()
}

/// What the library answers for a case: the token, and the answer's JSON
/// or the error.
fn library(case: &Case) -> Result<(String, Value), Error> {
    let forced = case
        .catalog
        .as_deref()
        .map(|c| c.parse::<CatalogId>().unwrap());
    let catalog = Catalog::embedded();
    let chain = catalog.chain("en").unwrap();
    let response = ApiResponse::parse(&case.body, forced)?;
    let answer = serde_json::to_value(catalog.answer_response(&response, &chain)).unwrap();
    Ok((token(&answer), answer))
}

#[test]
fn the_library_reads_real_traffic_as_the_vendors_send_it() {
    let cases = cases();
    assert!(cases.len() >= 150, "{} cases", cases.len());
    let mut wrong = Vec::new();
    for case in &cases {
        let got = match library(case) {
            Ok((token, answer)) => {
                let texts = server_texts(&case.body);
                let kept = answer["response"]["message"].as_str();
                if !texts.is_empty() && !kept.is_some_and(|m| texts.iter().any(|t| t == m)) {
                    wrong.push(format!(
                        "traffic.txt:{}: the server's text {texts:?} was not kept: {kept:?}",
                        case.line
                    ));
                }
                // A failure is never explained as a success.
                let failed = serde_json::from_str::<Value>(&case.body)
                    .ok()
                    .is_some_and(|b| {
                        b.as_object().is_some_and(|o| {
                            o.iter().any(|(k, v)| {
                                k.eq_ignore_ascii_case("result")
                                    && v.as_str().is_some_and(|r| r.eq_ignore_ascii_case("fail"))
                            })
                        })
                    });
                if failed && answer["kind"] == "success" {
                    wrong.push(format!(
                        "traffic.txt:{}: a failure explained as a success",
                        case.line
                    ));
                }
                token
            }
            Err(err) => error_token(&err),
        };
        if got != case.expect {
            wrong.push(format!(
                "traffic.txt:{}: expected {}, got {got} ({})",
                case.line, case.expect, case.source
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} cases:\n{}",
        wrong.len(),
        cases.len(),
        wrong.join("\n")
    );
}

#[test]
fn the_cli_answers_real_traffic_as_the_library_does() {
    let mut wrong = Vec::new();
    for case in cases() {
        let mut command = errcat_command();
        command.args(["explain", "--json", "--lang", "en", "--response", "-"]);
        if let Some(c) = &case.catalog {
            command.args(["--catalog", c]);
        }
        let output = with_stdin(&mut command, case.body.clone().into_bytes());
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        match library(&case) {
            Ok((_, answer)) => {
                let cli: Value = serde_json::from_str(&stdout).unwrap_or(Value::Null);
                if output.status.code() != Some(0) || cli != answer {
                    wrong.push(format!("traffic.txt:{}: CLI {stdout}{stderr}", case.line));
                }
            }
            Err(err) => {
                let expected = format!("errcat: {err}\n");
                if output.status.code() != Some(2) || stderr != expected {
                    wrong.push(format!(
                        "traffic.txt:{}: CLI said {stderr:?}, the library {expected:?}",
                        case.line
                    ));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The service, as operators start it: `errcat serve`, its address read
/// from its log; every case POSTed to `/v1/explain-response`.
#[cfg(feature = "server")]
#[test]
fn the_service_answers_real_traffic_as_the_library_does() {
    use std::io::{BufRead, BufReader, Read, Write};
    let mut child = errcat_command()
        .args(["serve", "--addr", "127.0.0.1:0"])
        .stderr(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut log = BufReader::new(child.stderr.take().unwrap());
    let mut addr = None;
    let mut line = String::new();
    for _ in 0..50 {
        line.clear();
        if log.read_line(&mut line).unwrap() == 0 {
            break;
        }
        if let Some(at) = line.find("http://") {
            let rest = &line[at + 7..];
            let end = rest
                .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ':'))
                .unwrap_or(rest.len());
            addr = Some(rest[..end].to_owned());
            break;
        }
    }
    let addr = addr.unwrap_or_else(|| panic!("no address in the log: {line}"));
    // The log is drained, so that the server never waits on it.
    std::thread::spawn(move || std::io::copy(&mut log, &mut std::io::sink()));
    let mut wrong = Vec::new();
    for case in cases() {
        let query = case
            .catalog
            .as_deref()
            .map_or(String::new(), |c| format!("&catalog={c}"));
        let mut stream = std::net::TcpStream::connect(&addr).unwrap();
        stream
            .set_read_timeout(Some(std::time::Duration::from_secs(20)))
            .unwrap();
        let request = format!(
            "POST /v1/explain-response?lang=en{query} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{}",
            case.body.len(),
            case.body
        );
        stream.write_all(request.as_bytes()).unwrap();
        let mut reply = String::new();
        stream.read_to_string(&mut reply).unwrap();
        let (head, body) = reply.split_once("\r\n\r\n").unwrap_or((&reply, ""));
        let status = head.split(' ').nth(1).unwrap_or("?");
        let json: Value = serde_json::from_str(body).unwrap_or(Value::Null);
        match library(&case) {
            Ok((_, answer)) => {
                if status != "200" || json != answer {
                    wrong.push(format!(
                        "traffic.txt:{}: service {status} {body}",
                        case.line
                    ));
                }
            }
            Err(err) => {
                let kind = match err {
                    Error::InvalidJson { .. } => "invalid-json",
                    _ => "invalid-response",
                };
                if status != "400"
                    || json["error"]["kind"] != kind
                    || json["error"]["message"] != err.to_string()
                {
                    wrong.push(format!(
                        "traffic.txt:{}: service {status} {body}, the library {err}",
                        case.line
                    ));
                }
            }
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
