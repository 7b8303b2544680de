//! Support and UI tools: reverse search, raw responses, Accept-Language,
//! exports, completions and the man page.

use errcat::{
    ApiResponse, Catalog, CatalogId, Error, ResponseProblem, mobizon, mobizon_recipient, planfix,
};
use serde_json::Value;

use crate::fixtures::{errcat, errcat_command, rows, with_stdin};

fn top(query: &str, n: usize) -> Vec<String> {
    Catalog::embedded()
        .search(query, None)
        .unwrap()
        .iter()
        .take(n)
        .map(|h| h.code.to_string())
        .collect()
}

#[test]
fn search_finds_codes_by_words_in_any_language() {
    assert_eq!(top("неверный токен", 1), ["planfix:1"]);
    assert_eq!(
        top("  НЕВЕРНЫЙ   токен!! ", 1),
        ["planfix:1"],
        "case, spacing and punctuation"
    );
    assert!(top("rate limit", 3).contains(&"mobizon:30".to_owned()));
    // "ліміт" alone names four codes' limits; with what it limits, one.
    let limits = top("ліміт", 5);
    assert!(
        ["mobizon:30", "planfix:22", "planfix:23", "planfix:7002"]
            .iter()
            .all(|c| limits.contains(&(*c).to_owned()))
    );
    assert_eq!(top("ліміт частоти", 1), ["mobizon:30"]);
    assert_eq!(top("Тапсырма табылмады", 1), ["planfix:1000"]);
    assert_eq!(top("task-not-found", 1), ["planfix:1000"], "by name");
    assert_eq!(top("planfix:2003", 1), ["planfix:2003"], "by code");
    let by_number = top("30", 5);
    assert!(
        by_number.contains(&"mobizon:30".to_owned())
            && by_number.contains(&"planfix:30".to_owned())
    );
    assert!(top("zzzz qqqq", 5).is_empty());
}

#[test]
fn search_folds_yo_and_tolerates_one_typo() {
    let catalog = Catalog::embedded();
    // The Russian texts write «нашел» and «ее» without ё; a query with ё
    // must find them as well as one without. «её» is too short for the
    // typo allowance, so only folding ё to е can match it.
    let hits = |query| -> Vec<(String, f32)> {
        catalog
            .search(query, Some("ru"))
            .unwrap()
            .iter()
            .map(|h| (h.code.to_string(), h.score))
            .collect()
    };
    let with_yo = hits("нашёл её");
    assert_eq!(
        with_yo.first().map(|(code, _)| code.as_str()),
        Some("mobizon:2")
    );
    assert_eq!(with_yo, hits("нашел ее"));
    assert!(
        top("акаунт заблокирован", 2).contains(&"mobizon:14".to_owned()),
        "one letter missing"
    );
}

#[test]
fn search_with_a_language_matches_only_that_language() {
    let catalog = Catalog::embedded();
    let hits = catalog.search("токен", Some("uk")).unwrap();
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|h| *h.locale == "uk"));
    assert!(catalog.search("токен", Some("../..")).is_err());
}

#[test]
fn search_cli_exit_status_and_json() {
    let o = errcat(&["search", "неверный токен", "--json"]);
    assert_eq!(o.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v[0]["code"], "planfix:1");
    assert_eq!(v[0]["locale"], "ru");
    assert!(v[0]["title"].is_string());
    let o = errcat(&["search", "xyzzy-nothing"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr).trim(),
        "errcat: no code matches \"xyzzy-nothing\""
    );
}

#[test]
fn responses_parse_or_fail_as_the_table_says() {
    let mut wrong = Vec::new();
    for (line, row) in rows("responses.txt", "=>") {
        let [json, expected] = &row[..] else {
            panic!("responses.txt:{line}: expected `json => outcome`")
        };
        let outcome = ApiResponse::parse(json, None).and_then(|r| r.code());
        let got = match outcome {
            Ok(code) => format!("ok {code}"),
            Err(e) => {
                let variant = match e {
                    Error::InvalidJson { .. } => "InvalidJson",
                    Error::InvalidResponse { .. } => "InvalidResponse",
                    Error::UnknownCode { .. } => "UnknownCode",
                    _ => "other",
                };
                format!("error {variant}: {e}")
            }
        };
        if &got != expected {
            wrong.push(format!(
                "responses.txt:{line}: {json}\n  got:      {got}\n  expected: {expected}"
            ));
        }
    }
    // Every row is read before failing, so that one run shows them all.
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn both_spellings_of_the_code_key_are_told_apart_by_the_other_keys() {
    // Planfix's keys are read in any case, the exact spelling first.
    let r = ApiResponse::parse(r#"{"code": 30, "Code": 1000, "Result": "fail"}"#, None).unwrap();
    assert_eq!(r.catalog, CatalogId::Planfix);
    assert_eq!(r.code().unwrap(), planfix::INVALID_JSON);
    let r = ApiResponse::parse(r#"{"Code": 1000, "Error": "x"}"#, None).unwrap();
    assert_eq!(r.code().unwrap(), planfix::TASK_NOT_FOUND);
    let r = ApiResponse::parse(r#"{"code": 30, "Code": 1000, "Error": "x"}"#, None).unwrap();
    assert_eq!(r.code().unwrap(), planfix::INVALID_JSON);
    // Planfix's `Code` beside Mobizon's `data`: two APIs at once.
    let err = ApiResponse::parse(r#"{"code": 30, "Code": 1000, "data": []}"#, None).unwrap_err();
    assert!(
        matches!(
            err,
            Error::InvalidResponse {
                problem: ResponseProblem::Mixed
            }
        ),
        "{err:?}"
    );
    let r = ApiResponse::parse(r#"{"code": 30, "data": []}"#, None).unwrap();
    assert_eq!(r.code().unwrap(), mobizon::RATE_LIMIT_EXCEEDED);
    // A bare code names both readings and guesses neither.
    let err = ApiResponse::parse(r#"{"code": 30}"#, None).unwrap_err();
    assert!(
        matches!(
            err,
            Error::InvalidResponse {
                problem: ResponseProblem::Ambiguous { number: 30 }
            }
        ),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "invalid response: the keys do not say which API sent it: `code` 30 is mobizon:30 or planfix:30; name the API"
    );
    let err = ApiResponse::parse(r#"{"response": {"code": 30, "data": []}}"#, None).unwrap_err();
    assert!(
        matches!(
            err,
            Error::InvalidResponse {
                problem: ResponseProblem::Wrapped { ref key }
            } if key == "response"
        ),
        "{err:?}"
    );
}

#[test]
fn the_servers_own_text_is_kept_for_both_apis() {
    let r = ApiResponse::parse(
        r#"{"Result": "fail", "Code": 1000, "Error": "Task not exists", "message": "no"}"#,
        None,
    )
    .unwrap();
    assert_eq!(r.message.as_deref(), Some("Task not exists"));
    // Planfix's `message`, when it has no `error`.
    let r = ApiResponse::parse(
        r#"{"result": "fail", "code": 1000, "message": "Task not exists"}"#,
        None,
    )
    .unwrap();
    assert_eq!(r.catalog, CatalogId::Planfix);
    assert_eq!(r.message.as_deref(), Some("Task not exists"));
    let r = ApiResponse::parse(
        r#"{"code": 30, "data": [], "message": "Too many requests"}"#,
        None,
    )
    .unwrap();
    assert_eq!(r.message.as_deref(), Some("Too many requests"));
    // Planfix's `Error` beside Mobizon's keys is not guessed at; named, the
    // API's own key is read.
    let body = r#"{"code": 30, "data": [], "message": "Too many requests", "Error": "no"}"#;
    assert!(matches!(
        ApiResponse::parse(body, None),
        Err(Error::InvalidResponse {
            problem: ResponseProblem::Mixed
        })
    ));
    let r = ApiResponse::parse(body, Some(CatalogId::Mobizon)).unwrap();
    assert_eq!(r.message.as_deref(), Some("Too many requests"));
    // Not a string: kept as the JSON it was.
    let r = ApiResponse::parse(
        r#"{"Result": "fail", "Code": 77, "Error": {"id": 7}}"#,
        None,
    )
    .unwrap();
    assert_eq!(r.message.as_deref(), Some(r#"{"id":7}"#));
}

#[test]
fn a_forced_catalog_reads_that_apis_keys() {
    // Planfix reads `code` in any case, the exact spelling first.
    let r = ApiResponse::parse(r#"{"code": 1, "Code": 1000}"#, Some(CatalogId::Planfix)).unwrap();
    assert_eq!(r.code().unwrap(), planfix::INVALID_TOKEN);
    let r = ApiResponse::parse(r#"{"Code": 1000}"#, Some(CatalogId::Planfix)).unwrap();
    assert_eq!(r.code().unwrap(), planfix::TASK_NOT_FOUND);
    let r = ApiResponse::parse(r#"{"code": 1}"#, Some(CatalogId::Planfix)).unwrap();
    assert_eq!(r.code().unwrap(), planfix::INVALID_TOKEN);
    let r = ApiResponse::parse(r#"{"code": 1}"#, Some(CatalogId::Mobizon)).unwrap();
    assert_eq!(r.code().unwrap(), mobizon::VALIDATION_ERROR);
    let r = ApiResponse::parse(r#"{"code": 1}"#, Some(CatalogId::MobizonRecipient)).unwrap();
    assert_eq!(r.code().unwrap(), mobizon_recipient::NUMBER_MISSING);
    // A key only another API sends contradicts the named catalog.
    let err =
        ApiResponse::parse(r#"{"code": 1, "Code": 1000}"#, Some(CatalogId::Mobizon)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid response: the field `Code` shows the response is not from the mobizon catalog"
    );
    let err = ApiResponse::parse(r#"{"result": "fail", "code": 1}"#, Some(CatalogId::Mobizon))
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::InvalidResponse {
                problem: ResponseProblem::NotFromCatalog {
                    catalog: CatalogId::Mobizon,
                    field: "result"
                }
            }
        ),
        "{err:?}"
    );
    let err = ApiResponse::parse(r#"{"recipient": "1", "code": 1}"#, Some(CatalogId::Planfix))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid response: the field `recipient` shows the response is not from the planfix catalog"
    );
    let err = ApiResponse::parse(r#"{"result": "fail"}"#, Some(CatalogId::Planfix)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid response: no `code` field for the planfix catalog"
    );
}

#[test]
fn explain_response_cli_shows_the_servers_words_beside_the_explanation() {
    let body = r#"{"code": 30, "data": {"retry": 5}, "message": "Too many requests"}"#;
    let o = errcat(&["explain", "--response", body, "--lang", "kk"]);
    assert_eq!(o.status.code(), Some(0));
    let out = String::from_utf8(o.stdout).unwrap();
    let e = Catalog::embedded().explain("mobizon:30", "kk").unwrap();
    assert!(
        out.contains(e.title())
            && out.contains("Too many requests")
            && out.contains(r#"{"retry":5}"#),
        "{out}"
    );

    let o = errcat(&["explain", "--response", body, "--json"]);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["code"], "mobizon:30");
    assert_eq!(v["response"]["message"], "Too many requests");
    assert_eq!(v["response"]["data"]["retry"], 5);

    let o = with_stdin(
        errcat_command().args(["explain", "--response", "-", "--json"]),
        br#"{"Result":"fail","Code":2004,"Error":"bad"}"#.to_vec(),
    );
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        (v["code"].as_str(), v["response"]["result"].as_str()),
        (Some("planfix:2004"), Some("fail"))
    );

    // A per-recipient answer: the explanation, a summary line and each
    // recipient's result from the mobizon-recipient catalog.
    let body = r#"{"code":98,"data":[{"recipient":"77010000001","code":0,"messageId":"5"},{"recipient":"77010000002","code":5}],"message":""}"#;
    let o = errcat(&["explain", "--response", body, "--json"]);
    assert_eq!(o.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["code"], "mobizon:98");
    assert_eq!(
        (
            &v["summary"]["added"],
            &v["summary"]["refused"],
            &v["summary"]["text"]
        ),
        (
            &Value::from(1),
            &Value::from(1),
            &Value::from("Recipients: 1 added, 1 refused")
        )
    );
    let recipients: Vec<(&str, &str, &str)> = v["recipients"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["recipient"].as_str().unwrap(),
                r["code"].as_str().unwrap(),
                r["name"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        recipients,
        [
            ("77010000001", "mobizon-recipient:0", "added"),
            ("77010000002", "mobizon-recipient:5", "in-stop-list")
        ]
    );
    assert_eq!(v["recipients"][0]["messageId"], "5");
    let o = errcat(&["explain", "--response", body, "--lang", "en"]);
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(
        out.contains("Recipients: 1 added, 1 refused\n")
            && out.contains("77010000002  mobizon-recipient:5    Number in stop list"),
        "{out}"
    );
    // A Planfix success is explained with the success text.
    let o = errcat(&[
        "explain",
        "--response",
        r#"{"RESULT": "Success"}"#,
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        (
            v["code"].as_str(),
            v["kind"].as_str(),
            v["response"]["code"].is_null()
        ),
        (Some("planfix:success"), Some("success"), true)
    );

    for (args, status, message) in [
        (
            &["explain", "--response", "{\"code\": 30}"][..],
            2,
            "errcat: invalid response: the keys do not say which API sent it: `code` 30 is mobizon:30 or planfix:30; name the API\n",
        ),
        (
            &["explain", "--response", "{\"code\": 30,"][..],
            2,
            "invalid JSON at line 1, column 12",
        ),
        (
            &["explain", "--response", "{\"data\": 1}"],
            2,
            "errcat: invalid response: no `code` field\n",
        ),
        (
            &[
                "explain",
                "--response",
                "{\"code\": 1}",
                "--catalog",
                "jira",
            ],
            1,
            "unknown catalog \"jira\"",
        ),
        (
            &["explain", "planfix:1", "--response", "{}"],
            2,
            "cannot be used with",
        ),
    ] {
        let o = errcat(args);
        assert_eq!(o.status.code(), Some(status), "{args:?}");
        assert!(
            String::from_utf8_lossy(&o.stderr).contains(message),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
}

#[test]
fn accept_language_honours_quality_and_skips_junk() {
    let catalog = Catalog::embedded();
    let cases = [
        ("kk-KZ,ru;q=0.9,en;q=0.8", "kk-KZ: kk → ru → en"),
        ("ru;q=0.1, uk;q=0.9", "uk: uk → ru → en"),
        ("de-DE, uk;q=0.5", "de-DE: uk → en"),
        ("*;q=0.5, kk;q=0", "en: en"),
        ("uk;q=2, ru;q=abc, kk;q=0.3", "kk: kk → ru → en"),
        ("uk;q=nan, ru;q=-1, kk", "kk: kk → ru → en"),
        ("kk, uk;q=0.5", "kk: kk → uk → ru → en"),
        (";;;,,,, ===", "en: en"),
        ("", "en: en"),
    ];
    for (header, chain) in cases {
        assert_eq!(
            catalog.chain_for_accept_language(header).to_string(),
            chain,
            "{header:?}"
        );
    }
    let long = "xx;q=0.5,".repeat(100_000);
    assert_eq!(
        catalog.chain_for_accept_language(&long).to_string(),
        "xx: en",
        "read, but bounded"
    );
}

#[test]
fn export_maps_every_code_with_fallback_applied() {
    let o = errcat(&["export", "--lang", "uk", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let map = v.as_object().unwrap();
    assert_eq!(map.len(), 94);
    assert_eq!(map.len(), crate::fixtures::registry_total());
    assert!(map.contains_key("mobizon-recipient:99") && map.contains_key("planfix:9003"));
    let entry = &map["planfix:1000"];
    let mut keys: Vec<&str> = entry
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort();
    assert_eq!(keys, ["explanation", "hint", "kind", "locale", "title"]);
    assert!(map.values().all(|e| e["locale"] == "uk"));

    let o = errcat(&["export", "--lang", "de", "--catalog", "planfix"]);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v.as_object().unwrap().len(), 59);
    assert!(
        v.as_object().unwrap().values().all(|e| e["locale"] == "en"),
        "de falls back to en"
    );
    assert_eq!(
        errcat(&["export", "--format", "yaml"]).status.code(),
        Some(2)
    );
}

#[test]
fn completions_and_man_page_come_from_the_clap_definitions() {
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef errcat"),
        ("fish", "complete -c errcat"),
    ] {
        let o = errcat(&["completions", shell]);
        assert_eq!(o.status.code(), Some(0), "{shell}");
        let script = String::from_utf8(o.stdout).unwrap();
        assert!(
            script.contains(marker) && script.contains("explain") && script.contains("search"),
            "{shell}"
        );
    }
    let o = errcat(&["man"]);
    let page = String::from_utf8(o.stdout).unwrap();
    assert!(
        page.contains(".TH errcat 1") && page.contains("explain") && page.contains("check"),
        "{page}"
    );
    assert_eq!(errcat(&["completions", "tcsh"]).status.code(), Some(2));
}

#[test]
fn a_query_without_words_finds_nothing() {
    let catalog = Catalog::embedded();
    for query in ["", "   ", "!!! ?", "\t\n"] {
        assert!(catalog.search(query, None).unwrap().is_empty(), "{query:?}");
    }
}

#[test]
fn titles_weigh_more_than_names_and_names_more_than_texts() {
    // Each query word scores its best field: 3 in the title, 2 in the name,
    // 1 in the hint or explanation; the whole query equal to a field adds
    // 6× that field's weight. "task not found" is planfix:1000's title
    // (3 × 3 + 6 × 3) and its name (6 × 2).
    let hits = Catalog::embedded()
        .search("task not found", Some("en"))
        .unwrap();
    assert_eq!(hits[0].code, errcat::planfix::TASK_NOT_FOUND);
    assert_eq!(hits[0].score, 39.0);
    // "record not found" is only mobizon:2's title: "not" and "found" in the
    // other "not found" titles score 3 each.
    let hits = Catalog::embedded()
        .search("record not found", Some("en"))
        .unwrap();
    assert_eq!(hits[0].code, errcat::mobizon::RECORD_NOT_FOUND);
    assert_eq!(hits[0].score, 3.0 * 3.0 + 6.0 * 3.0 + 6.0 * 2.0);
    assert_eq!(hits[1].score, 2.0 * 3.0);
    // A field that contains the whole query adds 2× its weight: "not found"
    // in the title "Record not found" and the name "record-not-found".
    let hits = Catalog::embedded().search("not found", Some("en")).unwrap();
    let score = |code: errcat::Code| hits.iter().find(|h| h.code == code).unwrap().score;
    assert_eq!(
        score(errcat::mobizon::RECORD_NOT_FOUND),
        2.0 * 3.0 + 2.0 * 3.0 + 2.0 * 2.0
    );
    // ... and the explanation too: "The contact card was not found in the
    // contact book" puts mobizon-recipient:30 first, :32 next (ties in
    // code order).
    assert_eq!(
        hits[0].code,
        errcat::mobizon_recipient::CONTACT_CARD_NOT_FOUND
    );
    assert_eq!(hits[0].score, 2.0 * 3.0 + 2.0 * 3.0 + 2.0 * 2.0 + 2.0 * 1.0);
    assert_eq!(hits[1].code, errcat::mobizon_recipient::CONTACT_NOT_FOUND);
    assert_eq!(hits[1].score, hits[0].score);
    assert_eq!(hits[2].score, score(errcat::mobizon::RECORD_NOT_FOUND));
    // ... also where the field starts with it: "task not" in "Task not found".
    let hits = Catalog::embedded().search("task not", Some("en")).unwrap();
    assert_eq!(hits[0].code, errcat::planfix::TASK_NOT_FOUND);
    assert_eq!(hits[0].score, 2.0 * 3.0 + 2.0 * 3.0 + 2.0 * 2.0);
}

#[test]
fn a_word_beginning_counts_from_three_letters() {
    let catalog = Catalog::embedded();
    assert!(catalog.search("ta", Some("en")).unwrap().is_empty());
    let hits = catalog.search("tas", Some("en")).unwrap();
    assert_eq!(hits[0].code, errcat::planfix::TASK_NOT_FOUND);
}

#[test]
fn a_search_in_every_language_keeps_each_codes_best_matching_locale() {
    let catalog = Catalog::embedded();
    let best = |query: &str, code: errcat::Code| {
        let hits = catalog.search(query, None).unwrap();
        let hit = hits.iter().find(|h| h.code == code).unwrap();
        (hit.locale.to_string(), hit.score)
    };
    let only = |query: &str, lang: &str, code: errcat::Code| {
        let hits = catalog.search(query, Some(lang)).unwrap();
        hits.iter().find(|h| h.code == code).map(|h| h.score)
    };
    // "API" is in mobizon:30's text in every language, and in its title in
    // kk, ru and uk: the first of those best ones answers.
    let rate = mobizon::RATE_LIMIT_EXCEEDED;
    assert!(only("API", "en", rate).unwrap() < only("API", "kk", rate).unwrap());
    assert_eq!(only("API", "kk", rate), only("API", "uk", rate));
    assert_eq!(
        best("API", rate),
        ("kk".to_owned(), only("API", "kk", rate).unwrap())
    );
    // "token" is English: en beats every later locale.
    let token = planfix::INVALID_TOKEN;
    assert!(only("token", "uk", token).unwrap() < only("token", "en", token).unwrap());
    assert_eq!(
        best("token", token),
        ("en".to_owned(), only("token", "en", token).unwrap())
    );
}

#[test]
fn a_response_over_the_stdin_limit_is_too_large_not_broken_json() {
    // A valid start, then 17 MiB of spaces: JSON cut at 16 MiB would read
    // as "EOF while parsing".
    let mut input = br#"{"code": 30, "message": ""#.to_vec();
    input.resize(input.len() + 17 * 1024 * 1024, b' ');
    let o = with_stdin(errcat_command().args(["explain", "--response", "-"]), input);
    assert_eq!(o.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("too large") && stderr.contains("16 MiB"),
        "{stderr}"
    );
    assert!(!stderr.contains("EOF"), "{stderr}");
}
