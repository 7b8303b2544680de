//! A web handler that answers a failed API call in the user's language,
//! chosen from the request's `Accept-Language` header.
//!
//! No web framework is needed to show the idea: `handle` takes what any
//! framework gives a handler (a header value and the upstream API's raw
//! response) and returns the status and JSON body to send.
//!
//! Run: `cargo run --example web_handler -- 'uk-UA,uk;q=0.9,ru;q=0.8'`

use errcat::{ApiResponse, Catalog};
use serde_json::json;

/// Builds the HTTP answer for an upstream failure.
fn handle(accept_language: &str, upstream_body: &str) -> (u16, serde_json::Value) {
    let catalog = Catalog::embedded();
    // In a real service: build the chain once per request, reuse it for
    // every message of the response.
    let chain = catalog.chain_for_accept_language(accept_language);
    match ApiResponse::parse(upstream_body, None) {
        // Every response has an answer: a number the catalog lacks gets its
        // `unknown-code` text. The status is errcat's suggestion per code.
        Ok(response) => {
            let e = catalog.explain_response(&response, &chain);
            let key = if e.kind().is_error() {
                "error"
            } else {
                "status"
            };
            (
                e.http_status(),
                json!({ key: e.plain_title(), "detail": e.plain_explanation(), "hint": e.plain_hint(), "code": e.code_text().to_string(), "lang": e.locale().to_string() }),
            )
        }
        // Not a response of either API: say so without inventing a meaning.
        Err(err) => (
            502,
            json!({ "error": "upstream error", "detail": err.to_string() }),
        ),
    }
}

fn main() {
    let header = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "kk-KZ,kk;q=0.9,ru;q=0.8,en;q=0.5".to_owned());
    for body in [
        r#"{"code": 30, "data": [], "message": "Too many requests"}"#,
        r#"{"Result": "fail", "Code": 1000, "Error": "Task not exists"}"#,
        r#"{"code": 100, "data": "774", "message": ""}"#,
        r#"{"Result": "success"}"#,
        r#"{"oops": true}"#,
    ] {
        let (status, answer) = handle(&header, body);
        println!("{status} {answer}");
    }
}
