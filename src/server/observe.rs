//! One log line and one metrics sample per request.
//!
//! The line carries the method, the route template (never the raw path),
//! the status, the latency and the locale that served the answer; never a
//! body, a header or a query. The method is the only byte from the client
//! that reaches it, and it is escaped like everything from outside.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::{MatchedPath, Request, State};
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::Response;

use super::routes::ROUTES;
use super::state::Shared;
use crate::terminal::escape;

/// The metrics label and log field for requests no route matched.
const UNMATCHED: &str = "unmatched";

pub(crate) async fn observe(
    State(app): State<Arc<Shared>>,
    request: Request,
    next: Next,
) -> Response {
    let started = Instant::now();
    let _in_flight = app.metrics.start();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .and_then(|matched| ROUTES.iter().find(|r| **r == matched.as_str()))
        .copied()
        .unwrap_or(UNMATCHED);
    let method = request.method().clone();
    let response = next.run(request).await;
    record(&app, &method, route, started.elapsed(), &response);
    response
}

/// The metrics sample and the log line of one answered request.
pub(crate) fn record(
    app: &Shared,
    method: &Method,
    route: &'static str,
    latency: Duration,
    response: &Response,
) {
    let status = response.status().as_u16();
    app.metrics.record(route, status, latency);
    let locale = response
        .headers()
        .get(header::CONTENT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-");
    tracing::info!(
        target: "errcat::request",
        method = %escape(method.as_str()),
        route,
        status,
        latency_us = u64::try_from(latency.as_micros()).unwrap_or(u64::MAX),
        locale = %escape(locale),
    );
}
