//! An axum handler that answers a failed upstream call in the language of
//! the request's `Accept-Language`, with the status errcat suggests for
//! the upstream code.
//!
//! `main` builds the router and sends it a few requests in process (no
//! port, no client), so the example runs and exits: `cargo run --example
//! axum_handler`. In a service, serve the same router with
//! `axum::serve(listener, app)`.

use axum::Json;
use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use errcat::{ApiResponse, Catalog};
use serde_json::json;
use tower::ServiceExt;

/// `POST /upstream-error` with the upstream API's raw response as the body:
/// what a service does when a Mobizon or Planfix call fails.
async fn upstream_error(headers: HeaderMap, body: String) -> Response {
    let catalog = Catalog::embedded();
    let accept = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let chain = catalog.chain_for_accept_language(accept);
    let response = match ApiResponse::parse(&body, None) {
        Ok(r) => r,
        Err(e) => {
            return (
                StatusCode::BAD_GATEWAY,
                Json(json!({ "error": e.to_string() })),
            )
                .into_response();
        }
    };
    // Never fails: an unknown number gets the catalog's unknown-code text.
    let e = catalog.explain_response(&response, &chain);
    let status = StatusCode::from_u16(e.http_status()).unwrap_or(StatusCode::BAD_GATEWAY);
    let body = json!({
        "code": e.code_text().to_string(),
        "title": e.plain_title(),
        "detail": e.plain_explanation(),
        "hint": e.plain_hint(),
        "lang": e.locale().to_string(),
    });
    let mut answer = (status, Json(body)).into_response();
    if let Ok(lang) = e.locale().to_string().parse() {
        answer.headers_mut().insert(header::CONTENT_LANGUAGE, lang);
    }
    answer
}

fn app() -> Router {
    Router::new().route("/upstream-error", post(upstream_error))
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // Each request with the status and language it must get: CI runs this
    // example, so a wrong answer fails the run.
    let requests = [
        (
            "kk-KZ, ru;q=0.8",
            r#"{"Result":"fail","Code":1000,"Error":"Task not exists"}"#,
            404,
            "kk",
        ),
        (
            "uk-UA,uk;q=0.9",
            r#"{"code":30,"data":[],"message":"Too many requests"}"#,
            429,
            "uk",
        ),
        (
            "fr-CH, ru;q=0.5",
            r#"{"Result":"fail","Code":1,"Error":"Invalid token"}"#,
            401,
            "ru",
        ),
        (
            "en",
            r#"{"Result":"fail","Code":77,"Error":"Something new"}"#,
            500,
            "en",
        ),
        ("kk", r#"{"Result":"success"}"#, 200, "kk"),
    ];
    for (accept, upstream, expected_status, expected_lang) in requests {
        let request = Request::post("/upstream-error")
            .header(header::ACCEPT_LANGUAGE, accept)
            .body(Body::from(upstream))
            .expect("a valid request");
        let response = app().oneshot(request).await.expect("the router answers");
        let status = response.status();
        assert_eq!(status.as_u16(), expected_status, "{accept}: {upstream}");
        assert_eq!(
            response
                .headers()
                .get(header::CONTENT_LANGUAGE)
                .and_then(|v| v.to_str().ok()),
            Some(expected_lang),
            "{accept}"
        );
        let bytes = axum::body::to_bytes(response.into_body(), 64 * 1024)
            .await
            .expect("a body");
        println!(
            "{accept:<18} → {status} {}",
            String::from_utf8_lossy(&bytes)
        );
    }
}
