//! Codes, catalogs and kinds as ordinary values: patterns, ordering,
//! hashing, serde both ways, and the conversions from what an API returns.

use std::collections::{BTreeMap, HashSet};

use errcat::{CatalogId, Code, Error, Kind, mobizon, mobizon_recipient, planfix};

fn all_codes() -> Vec<Code> {
    CatalogId::ALL.iter().flat_map(|c| c.codes()).collect()
}

/// The constants are structural: they compile as `match` patterns.
fn status(code: Code) -> u16 {
    match code {
        planfix::TASK_NOT_FOUND => 404,
        mobizon::RATE_LIMIT_EXCEEDED => 429,
        planfix::INVALID_TOKEN | mobizon::LOGIN_ERROR => 401,
        _ => 500,
    }
}

#[test]
fn constants_are_match_patterns() {
    assert_eq!(status(planfix::TASK_NOT_FOUND), 404);
    assert_eq!(status("mobizon:30".parse().unwrap()), 429);
    assert_eq!(status(mobizon::LOGIN_ERROR), 401);
    assert_eq!(status(planfix::PROJECT_NOT_FOUND), 500);
}

#[test]
fn codes_order_by_catalog_then_number() {
    let mut sorted = all_codes();
    sorted.reverse();
    sorted.sort();
    let keys: Vec<(CatalogId, u32)> = sorted.iter().map(|c| (c.catalog(), c.number())).collect();
    let mut expected = keys.clone();
    expected.sort();
    assert_eq!(keys, expected);
    assert!(mobizon::SUCCESS < mobizon::QUEUED_FOR_BACKGROUND);
    assert!(mobizon::QUEUED_FOR_BACKGROUND < planfix::UNKNOWN_ERROR);
    let map: BTreeMap<Code, &str> =
        BTreeMap::from([(planfix::TASK_NOT_FOUND, "b"), (mobizon::SUCCESS, "a")]);
    assert_eq!(map.values().copied().collect::<String>(), "ab");
    assert!(CatalogId::Mobizon < CatalogId::Planfix);
    assert!(Kind::Success < Kind::Error);
}

#[test]
fn every_code_is_distinct_and_small() {
    let all = all_codes();
    assert_eq!(all.iter().collect::<HashSet<_>>().len(), all.len());
    assert!(std::mem::size_of::<Code>() <= 8);
}

#[test]
fn codes_catalogs_and_kinds_round_trip_through_serde() {
    for code in all_codes() {
        let json = serde_json::to_string(&code).unwrap();
        assert_eq!(json, format!("\"{code}\""));
        assert_eq!(serde_json::from_str::<Code>(&json).unwrap(), code);
        let by_name = format!("\"{}:{}\"", code.catalog(), code.name().to_uppercase());
        assert_eq!(
            serde_json::from_str::<Code>(&by_name).unwrap(),
            code,
            "{by_name}"
        );
    }
    for catalog in CatalogId::ALL {
        let json = serde_json::to_string(&catalog).unwrap();
        assert_eq!(serde_json::from_str::<CatalogId>(&json).unwrap(), catalog);
    }
    for kind in Kind::ALL {
        let json = serde_json::to_string(&kind).unwrap();
        assert_eq!(json, format!("\"{kind}\""));
        assert_eq!(serde_json::from_str::<Kind>(&json).unwrap(), kind);
        assert_eq!(kind.as_str().to_uppercase().parse::<Kind>().unwrap(), kind);
    }
    let err = serde_json::from_str::<Code>(r#""planfix:4242""#).unwrap_err();
    assert!(err.to_string().contains("unknown code"), "{err}");
    assert!(
        serde_json::from_str::<Code>("1000").is_err(),
        "a number is not a code"
    );
    assert!(serde_json::from_str::<CatalogId>(r#""jira""#).is_err());
    assert!(serde_json::from_str::<Kind>(r#""fine""#).is_err());
}

#[test]
fn try_from_a_catalog_and_number_works_with_question_mark() {
    fn from_api(catalog: CatalogId, number: u32) -> Result<Code, Error> {
        let code = Code::try_from((catalog, number))?;
        Ok(code)
    }
    for code in all_codes() {
        assert_eq!(from_api(code.catalog(), code.number()).unwrap(), code);
    }
    assert!(matches!(
        from_api(CatalogId::Planfix, 77),
        Err(Error::UnknownCode {
            catalog: CatalogId::Planfix,
            ..
        })
    ));
    assert!(from_api(CatalogId::Mobizon, u32::MAX).is_err());
}

#[test]
fn suggested_http_statuses_follow_the_kind_and_the_name() {
    for code in all_codes() {
        let status = code.http_status();
        match code.kind() {
            Kind::Error => assert!((400..600).contains(&status), "{code}: {status}"),
            _ => assert!((200..300).contains(&status), "{code}: {status}"),
        }
        // A thing the request names that is not there is a 404; a phone
        // number missing from the recipient's own data is a bad request.
        if code.name().ends_with("-not-found") && code != mobizon_recipient::NUMBER_NOT_FOUND {
            assert_eq!(status, 404, "{code}");
        }
        if code.name().contains("limit-exceeded") && code.name() != "file-size-limit-exceeded" {
            assert_eq!(status, 429, "{code}");
        }
        if code.name().ends_with("-failed") && code.kind() == Kind::Error {
            assert_eq!(status, 500, "{code}");
        }
    }
    // Every status is the one registry/<catalog>.tsv suggests.
    for catalog in CatalogId::ALL {
        for row in crate::fixtures::registry(catalog.as_str()) {
            let code = catalog.code(row.number).unwrap();
            assert_eq!(code.name(), row.name);
            assert_eq!(code.http_status(), row.http, "{code}");
        }
    }
    let expected = [
        (mobizon_recipient::NUMBER_NOT_FOUND, 400),
        (mobizon_recipient::CONTACT_NOT_FOUND, 404),
        (mobizon_recipient::SHORT_LINK_UNAVAILABLE, 503),
        (mobizon_recipient::SYSTEM_ERROR, 500),
        (mobizon_recipient::ADDED, 200),
        (planfix::INVALID_TOKEN, 401),
        (planfix::TOKEN_INACTIVE, 401),
        (planfix::SCOPE_ACCESS_DENIED, 403),
        (mobizon::METHOD_ACCESS_ERROR, 403),
        (planfix::SUBSCRIPTION_UNPAID, 402),
        (planfix::INVALID_JSON, 400),
        (mobizon::VALIDATION_ERROR, 400),
        (mobizon::GENERAL_SERVICE_ERROR, 503),
        (planfix::UNKNOWN_ERROR, 500),
        (mobizon::SUCCESS, 200),
        (mobizon::QUEUED_FOR_BACKGROUND, 202),
    ];
    for (code, status) in expected {
        assert_eq!(code.http_status(), status, "{code}");
    }
}

#[test]
fn only_errors_and_unknown_codes_are_failures() {
    let failures: Vec<Kind> = Kind::ALL.into_iter().filter(|k| k.is_error()).collect();
    assert_eq!(failures, [Kind::Error, Kind::Unknown]);
    // Every code agrees with its kind's word.
    for code in all_codes() {
        assert_eq!(
            code.kind().is_error(),
            code.kind().as_str() == "error",
            "{code}"
        );
    }
}

#[test]
fn a_code_debugs_as_catalog_number_and_name() {
    assert_eq!(
        format!("{:?}", planfix::TASK_NOT_FOUND),
        "Code(planfix:1000 task-not-found)"
    );
    assert_eq!(
        format!("{:?}", [mobizon::RATE_LIMIT_EXCEEDED]),
        "[Code(mobizon:30 rate-limit-exceeded)]"
    );
}

#[test]
fn a_bare_number_is_digits_only() {
    // u32's own parser takes a sign; a code does not.
    for input in ["+1000", "-1000", "+", "1000a", " "] {
        assert!(
            matches!(input.parse::<Code>(), Err(Error::InvalidCode { .. })),
            "{input:?}"
        );
    }
    assert_eq!("1000".parse::<Code>().unwrap(), planfix::TASK_NOT_FOUND);
}
