//! The `errcat` binary, run for real: output, JSON shape and exit status.

use std::process::Output;

use crate::fixtures::{BE_IN_PROGRESS, TempDir, errcat, errcat_command};
use serde_json::Value;

fn errcat_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = errcat_command();
    cmd.args(args).envs(env.iter().copied());
    cmd.output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

#[test]
fn explain_json_is_one_object_with_the_documented_keys() {
    let o = errcat(&["explain", "planfix:1000", "--lang", "kk", "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "catalog",
            "code",
            "explanation",
            "fallback",
            "hint",
            "kind",
            "locale",
            "name",
            "number",
            "requested",
            "title"
        ]
    );
    assert_eq!(v["code"], "planfix:1000");
    assert_eq!(v["locale"], "kk");
    assert_eq!(v["fallback"], false);
}

#[test]
fn explain_text_shows_title_explanation_hint_and_fallback() {
    let o = errcat(&["explain", "mobizon:rate-limit-exceeded", "--lang", "de-DE"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    let e = errcat::Catalog::embedded()
        .explain("mobizon:30", "en")
        .unwrap();
    assert!(
        out.contains(e.title()) && out.contains(e.explanation()) && out.contains(e.hint().unwrap()),
        "{out}"
    );
    assert!(
        out.contains("(Not translated into de-DE yet; shown in English.)"),
        "{out}"
    );
    let o = errcat(&["explain", "mobizon:30", "--lang", "uk"]);
    assert!(
        !stdout(&o).contains("shown in"),
        "no fallback line without fallback"
    );
}

#[test]
fn the_locale_comes_from_lc_all_then_lc_messages_then_lang() {
    let lookup = |env: &[(&str, &str)]| {
        let o = errcat_env(&["explain", "planfix:1", "--json"], env);
        let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
        v["locale"].as_str().unwrap().to_owned()
    };
    assert_eq!(lookup(&[]), "en");
    assert_eq!(lookup(&[("LANG", "uk_UA.UTF-8")]), "uk");
    assert_eq!(
        lookup(&[("LANG", "uk_UA.UTF-8"), ("LC_MESSAGES", "ru_RU.UTF-8")]),
        "ru"
    );
    assert_eq!(
        lookup(&[
            ("LANG", "uk_UA.UTF-8"),
            ("LC_MESSAGES", "ru_RU.UTF-8"),
            ("LC_ALL", "kk_KZ.UTF-8")
        ]),
        "kk"
    );
    assert_eq!(lookup(&[("LC_ALL", ""), ("LANG", "kk")]), "kk");
    let o = errcat_env(
        &["explain", "planfix:1", "--json", "--lang", "ru"],
        &[("LC_ALL", "kk")],
    );
    assert!(
        stdout(&o).contains("\"locale\": \"ru\""),
        "--lang wins over the environment"
    );
}

#[test]
fn list_json_gives_94_codes_each_served_by_the_requested_locale() {
    assert_eq!(crate::fixtures::registry_total(), 94);
    for lang in ["en", "ru", "uk", "kk"] {
        let o = errcat(&["list", "--json", "--lang", lang]);
        assert_eq!(o.status.code(), Some(0));
        let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
        let items = v.as_array().unwrap();
        assert_eq!(items.len(), 94, "{lang}");
        assert!(
            items
                .iter()
                .all(|i| i["locale"] == lang && i["fallback"] == false),
            "{lang}"
        );
    }
    let o = errcat(&["list", "--json", "--catalog", "MOBIZON"]);
    assert_eq!(
        serde_json::from_str::<Value>(&stdout(&o))
            .unwrap()
            .as_array()
            .unwrap()
            .len(),
        20
    );
    for (catalog, count) in [("planfix", 59), ("mobizon-recipient", 15)] {
        let o = errcat(&["list", "--json", "--catalog", catalog]);
        let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
        assert_eq!(v.as_array().unwrap().len(), count, "{catalog}");
        assert_eq!(count, crate::fixtures::registry(catalog).len(), "{catalog}");
    }
}

#[test]
fn exit_status_follows_the_contract() {
    let cases: &[(&[&str], i32, &str)] = &[
        (&["explain", "planfix:1000"], 0, ""),
        (
            &["explain", "planfix:4242"],
            1,
            "unknown code \"planfix:4242\"",
        ),
        (&["explain", "jira:1"], 1, "unknown catalog \"jira\""),
        (
            &["list", "--catalog", "jira"],
            1,
            "unknown catalog \"jira\"",
        ),
        (
            &["explain", "4242"],
            1,
            "unknown code \"4242\": no catalog has such a number",
        ),
        (
            &["explain", "1"],
            2,
            "ambiguous code \"1\": mobizon:1, planfix:1 or mobizon-recipient:1",
        ),
        (
            &["explain", "planfix:1000", "--lang", "../.."],
            2,
            "invalid locale \"../..\"",
        ),
        (&["explain"], 2, "CODE"),
        (&["frobnicate"], 2, "frobnicate"),
    ];
    for (args, status, message) in cases {
        let o = errcat(args);
        assert_eq!(o.status.code(), Some(*status), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(message), "{args:?}: {}", stderr(&o));
        if *status == 1 {
            assert_eq!(stderr(&o).lines().count(), 1, "{args:?}: one line");
            assert!(o.stdout.is_empty());
        }
    }
}

#[test]
fn output_has_no_bidi_isolation_marks() {
    for args in [
        &["list", "--lang", "kk"][..],
        &["list", "--json", "--lang", "uk"],
        &["explain", "planfix:2003", "--lang", "ru"],
        // A number no catalog has: its text has a `{ $number }`.
        &[
            "explain",
            "--response",
            r#"{"code": 77, "data": [], "message": "x"}"#,
            "--lang",
            "uk",
        ],
    ] {
        let out = stdout(&errcat(args));
        assert!(!out.is_empty());
        // Raw, or as the escape the terminal output shows controls as.
        assert!(!out.contains(['\u{2068}', '\u{2069}']), "{args:?}");
        assert!(!out.contains("\\u{2068}"), "{args:?}: {out}");
    }
    let out = stdout(&errcat(&[
        "explain",
        "--response",
        r#"{"code": 77, "data": [], "message": "x"}"#,
        "--lang",
        "uk",
        "--json",
    ]));
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["title"], "Невідомий код відповіді 77");
}

#[test]
fn check_passes_on_the_shipped_locales_and_prints_coverage() {
    let o = errcat(&["check"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let out = stdout(&o);
    for lang in ["en", "kk", "ru", "uk"] {
        assert!(
            out.lines()
                .any(|l| l.starts_with(lang) && l.split_whitespace().nth(3) == Some("0")),
            "{out}"
        );
    }
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/locales");
    assert_eq!(errcat(&["check", "--locales", dir]).status.code(), Some(0));
}

#[test]
fn check_exit_status_and_json() {
    let broken = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/check/syntax/locales"
    );
    let o = errcat(&["check", "--locales", broken]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("de/mobizon.ftl:5:5: error: syntax: "),
        "{}",
        stdout(&o)
    );
    let o = errcat(&["check", "--locales", broken, "--json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let syntax = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "syntax")
        .unwrap();
    assert_eq!(
        (syntax["line"].as_u64(), syntax["column"].as_u64()),
        (Some(5), Some(5))
    );
    assert_eq!(v["coverage"][0]["locale"], "de");
    let o = errcat(&["check", "--locales", "/no/such/folder"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("/no/such/folder"), "{}", stderr(&o));
    assert_eq!(errcat(&["check", "--frobnicate"]).status.code(), Some(2));
}

#[test]
fn new_locale_then_preview_with_locales_and_the_environment() {
    let dir = TempDir::new();
    let o = errcat(&["new-locale", "de", "--locales", dir.arg()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("de/planfix.ftl"));
    assert_eq!(
        errcat(&["new-locale", "de", "--locales", dir.arg()])
            .status
            .code(),
        Some(2),
        "never overwrites"
    );
    assert_eq!(
        errcat(&["new-locale", "../x", "--locales", dir.arg()])
            .status
            .code(),
        Some(2)
    );

    std::fs::write(
        dir.path().join("de/planfix.ftl"),
        "task-not-found = Die Aufgabe gibt es nicht.\n    .title = Aufgabe nicht gefunden\n",
    )
    .unwrap();
    let o = errcat(&[
        "explain",
        "planfix:1000",
        "--lang",
        "de",
        "--locales",
        dir.arg(),
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        (v["locale"].as_str(), v["title"].as_str()),
        (Some("de"), Some("Aufgabe nicht gefunden"))
    );

    let o = errcat_env(
        &["list", "--lang", "de", "--json"],
        &[("ERRCAT_LOCALES", dir.arg())],
    );
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let served_by_de = v
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["locale"] == "de")
        .count();
    assert_eq!(
        served_by_de, 1,
        "one translated message; the rest falls back to en"
    );

    // de is not in registry/released-locales.txt: its missing messages are
    // warnings, so the check passes and the table counts them.
    let o = errcat(&["check", "--locales", dir.arg()]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "an unfinished locale in progress has missing messages as warnings: {}",
        stdout(&o)
    );
    let row: Vec<String> = stdout(&o)
        .lines()
        .find(|l| l.starts_with("de "))
        .unwrap_or_else(|| panic!("{}", stdout(&o)))
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    // locale, required, translated, missing, errors, warnings
    assert_eq!(row[..5], ["de", "165", "1", "164", "0"], "{}", stdout(&o));
    assert!(
        stdout(&o).contains(
            "de/planfix.ftl:1:1: warning: missing-message: 71 of 72 messages are missing"
        ),
        "{}",
        stdout(&o)
    );

    // The same unfinished file in a released locale fails the check.
    let released = TempDir::new();
    std::fs::create_dir_all(released.path().join("kk")).unwrap();
    std::fs::write(
        released.path().join("kk/planfix.ftl"),
        "task-not-found = Тапсырма табылмады.\n    .title = Тапсырма жоқ\n",
    )
    .unwrap();
    let o = errcat(&["check", "--locales", released.arg()]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "a released locale with missing messages: {}",
        stdout(&o)
    );
    assert!(
        stdout(&o)
            .contains("kk/planfix.ftl:1:1: error: missing-message: 71 of 72 messages are missing"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn a_broken_preview_file_is_reported_and_the_lookup_still_answers() {
    let dir = TempDir::new();
    std::fs::create_dir_all(dir.path().join("kk")).unwrap();
    std::fs::write(
        dir.path().join("kk/planfix.ftl"),
        b"task-not-found = { \xff\n",
    )
    .unwrap();
    let o = errcat(&[
        "explain",
        "planfix:1000",
        "--lang",
        "kk",
        "--locales",
        dir.arg(),
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["locale"], "ru");
    assert!(stderr(&o).contains("kk/planfix.ftl:1:"), "{}", stderr(&o));
}

/// Runs `errcat ARGS` with its stdout a pipe whose reader has gone away
/// before errcat writes (`errcat … | head -c 10`, deterministically):
/// returns errcat's exit status as the shell saw it and its stderr.
fn errcat_into_closed_pipe(args: &[&str]) -> (String, String) {
    let o = std::process::Command::new("sh")
        .arg("-c")
        .arg("{ sleep 0.3; \"$0\" \"$@\"; echo \"exit $?\" >&2; } | true")
        .arg(env!("CARGO_BIN_EXE_errcat"))
        .args(args)
        .env_remove("ERRCAT_LOCALES")
        .output()
        .unwrap();
    let err = stderr(&o);
    let status = err.lines().last().unwrap_or_default().to_owned();
    (status, err)
}

/// Measured before: `errcat completions bash | head -c 10` panicked
/// (clap_complete's writer fails with a panic).
#[test]
fn a_reader_that_goes_away_is_exit_0_for_every_command() {
    for args in [
        &["completions", "bash"][..],
        &["man"],
        &["export", "--lang", "kk"],
        &["list"],
        &["explain", "planfix:1000"],
        &["docs", "--help"],
    ] {
        let (status, err) = errcat_into_closed_pipe(args);
        assert_eq!(status, "exit 0", "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}

/// A full disk under stdout is exit 1 with one line, never a panic.
#[test]
fn a_full_disk_under_stdout_is_exit_1() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        eprintln!("skipped: no /dev/full");
        return;
    };
    for args in [
        &["completions", "bash"][..],
        &["man"],
        &["export"],
        &["list"],
    ] {
        let o = errcat_command()
            .args(args)
            .stdout(full.try_clone().unwrap())
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert_eq!(
            stderr(&o),
            "errcat: cannot write output: No space left on device (os error 28)\n",
            "{args:?}"
        );
    }
}

/// Measured before: `ERRCAT_LOCALES=` (set, empty) broke every command
/// that serves texts.
#[test]
fn an_empty_errcat_locales_means_unset() {
    for args in [
        &["explain", "planfix:1000"][..],
        &["list"],
        &["search", "task"],
        &["export"],
        &["docs", "--help"],
    ] {
        let o = errcat_env(args, &[("ERRCAT_LOCALES", "")]);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).is_empty(), "{args:?}: {}", stderr(&o));
    }
}

/// Measured before: a 60,000-character query took 9 s. Only the first 256
/// characters and 16 words of a query are read.
#[test]
fn a_huge_search_query_answers_at_once() {
    let catalog = errcat::Catalog::embedded();
    for query in [
        "task ".repeat(12_000),
        "x".repeat(60_000),
        format!("task {}", "заблокирован".repeat(5_000)),
    ] {
        let start = std::time::Instant::now();
        let _ = catalog.search(&query, None).unwrap();
        let took = start.elapsed();
        assert!(
            took < std::time::Duration::from_millis(1500),
            "{} chars: {took:?}",
            query.len()
        );
    }
    // The cap keeps the query's start.
    let long = "task not found ".repeat(4_000);
    let hits = catalog.search(&long, Some("en")).unwrap();
    assert_eq!(
        hits.first().map(|h| h.code.to_string()).as_deref(),
        Some("planfix:1000")
    );
}

/// Every line of `text` is a finding as `errcat check` prints it, after
/// `errcat: `: `errcat: path:line:col: severity: rule: message`.
fn assert_findings(text: &str) {
    assert!(!text.is_empty());
    for line in text.lines() {
        let line = line
            .strip_prefix("errcat: ")
            .unwrap_or_else(|| panic!("{line}"));
        let parts: Vec<&str> = line.splitn(4, ": ").collect();
        assert_eq!(parts.len(), 4, "{line}");
        let place: Vec<&str> = parts[0].rsplitn(3, ':').collect();
        assert!(
            place.len() == 3
                && place[0].parse::<usize>().is_ok()
                && place[1].parse::<usize>().is_ok()
                && ["error", "warning"].contains(&parts[1]),
            "{line}"
        );
    }
}

#[test]
fn preview_falls_back_from_a_message_with_errors_and_prints_every_finding() {
    let dir = TempDir::new();
    dir.write("be/mobizon.ftl", BE_IN_PROGRESS.as_bytes());
    let path = dir.path().join("be/mobizon.ftl");
    let path = path.to_str().unwrap();
    let expected = [
        format!("{path}:4:1: error: variables: rate-limit-exceeded value uses $limt"),
        format!("{path}:8:1: error: missing-attribute: unknown-code has no .hint, which en has"),
        format!(
            "{path}:9:1: error: variables: unknown-code .title uses $numbr, but en uses $number"
        ),
        format!(
            "{path}:11:1: error: unknown-id: record-not-foud is not a message of the mobizon catalog; did you mean record-not-found?"
        ),
    ];
    let check = errcat(&["check", "--locales", dir.arg()]);
    assert_eq!(check.status.code(), Some(1));
    let checked = stdout(&check);
    let checked: Vec<String> = checked
        .lines()
        .take_while(|l| !l.is_empty())
        .map(|l| format!("errcat: {l}"))
        .collect();

    // explain --response: the broken unknown-code text falls back to en.
    let o = errcat(&[
        "explain",
        "--response",
        r#"{"code":77,"data":[],"message":""}"#,
        "--lang",
        "be",
        "--locales",
        dir.arg(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!stdout(&o).contains("numbr"), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("Unknown response code 77"),
        "{}",
        stdout(&o)
    );
    // Every finding of `errcat check`, in its form, and nothing else.
    assert_findings(&stderr(&o));
    assert_eq!(stderr(&o).lines().collect::<Vec<_>>(), checked);
    for line in &expected {
        assert!(
            stderr(&o)
                .lines()
                .any(|l| l.starts_with(&format!("errcat: {line}"))),
            "{line}\n{}",
            stderr(&o)
        );
    }

    // The same for list, export and docs, and for a plain lookup.
    let o = errcat(&["list", "--lang", "be", "--locales", dir.arg(), "--json"]);
    assert_eq!(stderr(&o).lines().collect::<Vec<_>>(), checked);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let locale_of = |code: &str| {
        v.as_array()
            .unwrap()
            .iter()
            .find(|e| e["code"] == code)
            .map(|e| e["locale"].as_str().unwrap().to_owned())
            .unwrap()
    };
    assert_eq!(locale_of("mobizon:0"), "be");
    assert_eq!(locale_of("mobizon:30"), "en", "its $limt is broken");

    let o = errcat(&["export", "--lang", "be", "--locales", dir.arg()]);
    assert_eq!(stderr(&o).lines().collect::<Vec<_>>(), checked);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        (
            v["mobizon:0"]["locale"].as_str(),
            v["mobizon:30"]["locale"].as_str()
        ),
        (Some("be"), Some("en"))
    );
    assert!(!stdout(&o).contains("limt"));

    let out = TempDir::new();
    let o = errcat(&["docs", "--out", out.arg(), "--locales", dir.arg()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o).lines().collect::<Vec<_>>(), checked);
    let page = std::fs::read_to_string(out.path().join("index.html")).unwrap();
    assert!(page.contains("Поспех") && !page.contains("limt") && !page.contains("numbr"));

    let o = errcat(&[
        "explain",
        "mobizon:30",
        "--lang",
        "be",
        "--locales",
        dir.arg(),
        "--json",
    ]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        (v["locale"].as_str(), v["fallback"].as_bool()),
        (Some("en"), Some(true))
    );
    assert_findings(&stderr(&o));
}
