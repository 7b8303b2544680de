//! The handlers: each reads its input, asks the catalog being served, and
//! maps the answer to a response. No lookup logic lives here; a handler
//! that needs more than a few lines is missing a library function.
//!
//! Every handler loads the served catalog once, so a request is answered
//! from one catalog even while a reload swaps in the next.

use std::fmt::Write as _;
use std::sync::Arc;

use axum::Json;
use axum::body::Body;
use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use http_body_util::{BodyExt, LengthLimitError, Limited};
use serde::Serialize;
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};
use utoipa::IntoParams;

use super::openapi::{
    CatalogDoc, CodesDoc, DiagnosticsDoc, ExplanationDoc, SearchDoc, StatusDoc, WithResponseDoc,
};
use super::problem::{ApiError, ErrorBody, unknown_code};
use super::state::{CatalogSource, ReloadRecord, Shared};
use super::watch::WatchStatus;
use crate::tooling::Report;
use crate::{ApiResponse, Catalog, CatalogId, Code, Error, Explanation, FallbackChain, SearchHit};

/// Every route, as its template: the OpenAPI document, the router and the
/// metrics' `route` label all use these.
pub(crate) const ROUTES: [&str; 10] = [
    CODE,
    CODE_ANY,
    CODES,
    SEARCH,
    EXPLAIN,
    DIAGNOSTICS,
    HEALTHZ,
    READYZ,
    METRICS,
    OPENAPI,
];
pub(crate) const CODE: &str = "/v1/codes/{catalog}/{code}";
pub(crate) const CODE_ANY: &str = "/v1/codes/{code}";
pub(crate) const CODES: &str = "/v1/codes";
pub(crate) const SEARCH: &str = "/v1/search";
pub(crate) const EXPLAIN: &str = "/v1/explain-response";
pub(crate) const DIAGNOSTICS: &str = "/v1/diagnostics";
pub(crate) const HEALTHZ: &str = "/healthz";
pub(crate) const READYZ: &str = "/readyz";
pub(crate) const METRICS: &str = "/metrics";
pub(crate) const OPENAPI: &str = "/openapi.json";

/// How long clients may reuse an answer without asking again; after that,
/// `If-None-Match` makes asking cheap.
const CACHE_CONTROL: &str = "public, max-age=60";

/// The most `&`-separated query parameters read; more is a 400.
const MAX_QUERY_PARAMS: usize = 16;

type AppState = State<Arc<Shared>>;

/// `?lang=`: the language, which wins over `Accept-Language`.
#[derive(serde::Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct LangQuery {
    /// A BCP 47 or POSIX locale such as `kk`, `ru-RU` or `uk_UA.UTF-8`.
    /// Without it (or empty), the `Accept-Language` header decides, then
    /// English.
    #[param(max_length = 255, example = "kk")]
    lang: Option<String>,
}

/// The request headers a code's answer depends on, for both code routes.
#[derive(IntoParams)]
#[into_params(parameter_in = Header)]
#[allow(dead_code)]
pub(crate) struct CodeHeaders {
    /// The user's languages, used when `lang` is absent
    #[param(rename = "Accept-Language")]
    accept_language: Option<String>,
    /// An ETag from an earlier answer: 304 if it is still current
    #[param(rename = "If-None-Match")]
    if_none_match: Option<String>,
}

/// `?catalog=&lang=` of the list.
#[derive(serde::Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct CodesQuery {
    /// Only this catalog (empty: every catalog).
    #[param(schema_with = super::openapi::optional_catalog)]
    catalog: Option<String>,
    /// A BCP 47 or POSIX locale; without it (or empty), `Accept-Language`
    /// decides.
    #[param(max_length = 255, example = "kk")]
    lang: Option<String>,
}

/// `?q=&lang=` of the search.
#[derive(serde::Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct SearchQuery {
    /// Words in any shipped language, a code's name or its number (its
    /// first 256 characters and 16 words are read).
    q: String,
    /// The texts of this locale's chain (`ru` → ru, en); without it (or
    /// empty), those of the `Accept-Language` header's chain; without
    /// either, every locale's.
    #[param(max_length = 255, example = "ru")]
    lang: Option<String>,
}

/// `?catalog=&lang=` of a raw response.
#[derive(serde::Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct ResponseQuery {
    /// The API that sent the response, instead of detecting it from the
    /// keys (empty: detect).
    #[param(schema_with = super::openapi::optional_catalog)]
    catalog: Option<String>,
    /// A BCP 47 or POSIX locale; without it (or empty), `Accept-Language`
    /// decides.
    #[param(max_length = 255, example = "kk")]
    lang: Option<String>,
}

/// One explanation: `GET /v1/codes/planfix/1000`, or by name,
/// `GET /v1/codes/planfix/task-not-found`.
#[utoipa::path(
    get, path = "/v1/codes/{catalog}/{code}", tag = "codes",
    params(
        ("catalog" = CatalogDoc, Path, description = "The API whose code it is"),
        ("code" = String, Path, description = "The number the API returns (`1000`) or the code's stable name (`task-not-found`)"),
        LangQuery,
        CodeHeaders,
    ),
    responses(
        (status = 200, description = "The explanation", body = ExplanationDoc, headers(
            ("Content-Language" = String, description = "The locale that served the text"),
            ("ETag" = String), ("Cache-Control" = String), ("Vary" = String),
        )),
        (status = 304, description = "Unchanged since the ETag in If-None-Match"),
        (status = 400, description = "Invalid code or locale", body = ErrorBody, content_type = "application/problem+json"),
        (status = 404, description = "No such catalog or code", body = ErrorBody, content_type = "application/problem+json"),
    )
)]
pub(crate) async fn code(
    State(app): AppState,
    ApiPath((catalog_name, code)): ApiPath<(String, String)>,
    ApiQuery(query): ApiQuery<LangQuery>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let spelled = format!("{catalog_name}:{code}");
    explain_code(
        &app,
        &catalog_name,
        &spelled,
        query.lang.as_deref(),
        &headers,
    )
}

/// One explanation, the code in one path segment spelled any way the CLI
/// and the library take it: `GET /v1/codes/planfix:1000`,
/// `/v1/codes/planfix:task-not-found`, or a bare number only one catalog
/// has, `/v1/codes/1000`. The answer is the one of the canonical URL
/// `/v1/codes/{catalog}/{number}` (the body's `code` names it), given
/// directly rather than by a redirect.
#[utoipa::path(
    get, path = "/v1/codes/{code}", tag = "codes",
    params(
        ("code" = String, Path, description = "The code as `<catalog>:<number>` (`planfix:1000`), `<catalog>:<name>` (`planfix:task-not-found`) or a number only one catalog has (`1000`)"),
        LangQuery,
        CodeHeaders,
    ),
    responses(
        (status = 200, description = "The explanation, the same as at `/v1/codes/{catalog}/{number}`", body = ExplanationDoc, headers(
            ("Content-Language" = String, description = "The locale that served the text"),
            ("ETag" = String), ("Cache-Control" = String), ("Vary" = String),
        )),
        (status = 304, description = "Unchanged since the ETag in If-None-Match"),
        (status = 400, description = "Invalid or ambiguous code (a number several catalogs have), or invalid locale", body = ErrorBody, content_type = "application/problem+json"),
        (status = 404, description = "No such catalog or code", body = ErrorBody, content_type = "application/problem+json"),
    )
)]
pub(crate) async fn code_any(
    State(app): AppState,
    ApiPath(code): ApiPath<String>,
    ApiQuery(query): ApiQuery<LangQuery>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    explain_code(&app, "", &code, query.lang.as_deref(), &headers)
}

/// The answer for the code `spelled` (`catalog:code`, or as one path
/// segment gave it, `catalog` then being empty), kept by its inputs.
fn explain_code(
    app: &Shared,
    catalog_name: &str,
    spelled: &str,
    lang: Option<&str>,
    headers: &HeaderMap,
) -> Result<Response, ApiError> {
    let served = app.served.load();
    let key = answer_key(catalog_name, spelled, lang, headers);
    if let Some(answer) = key.as_deref().and_then(|k| served.answers.get(k)) {
        return Ok(respond(headers, &answer));
    }
    let catalog = served.catalog();
    let chain = chain(catalog, lang, headers)?;
    let code: Code = spelled.parse().map_err(|err| match err {
        Error::UnknownCode { catalog: id, .. } => {
            // The number the API returned, if the code gave one: the
            // catalog's own unknown-code text says what it may be.
            let number = spelled
                .rsplit_once(':')
                .and_then(|(_, n)| n.trim().parse::<i64>().ok());
            unknown_code(catalog, &chain, number.map(|n| (id, n)), err)
        }
        err => ApiError::said(err, catalog, &chain),
    })?;
    let explanation = catalog.lookup(code, &chain)?;
    let answer = Arc::new(render(&explanation.locale().to_string(), &explanation)?);
    if let Some(key) = key {
        served.answers.keep(key, Arc::clone(&answer));
    }
    Ok(respond(headers, &answer))
}

/// The answer to `GET /v1/codes/{catalog}/{code}` (no query) that the
/// served catalog already rendered for these inputs, if any: what
/// [`code`] answers to the same request.
pub(crate) fn kept_code(
    app: &Shared,
    catalog_name: &str,
    code: &str,
    headers: &HeaderMap,
) -> Option<Response> {
    let spelled = format!("{catalog_name}:{code}");
    let key = answer_key(catalog_name, &spelled, None, headers)?;
    let answer = app.served.load().answers.get(&key)?;
    Some(respond_kept(headers, &answer))
}

/// Every code (of one catalog, or of both) in one language, fallback
/// applied.
#[utoipa::path(
    get, path = "/v1/codes", tag = "codes",
    params(CodesQuery, ("Accept-Language" = Option<String>, Header, description = "Used when `lang` is absent")),
    responses(
        (status = 200, description = "Every code", body = CodesDoc, headers(
            ("Content-Language" = String, description = "The first locale of the chain"),
            ("ETag" = String), ("Cache-Control" = String), ("Vary" = String),
        )),
        (status = 304, description = "Unchanged since the ETag in If-None-Match"),
        (status = 400, description = "Unknown catalog or invalid locale", body = ErrorBody, content_type = "application/problem+json"),
    )
)]
pub(crate) async fn codes(
    State(app): AppState,
    ApiQuery(query): ApiQuery<CodesQuery>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let only = query_catalog(query.catalog.as_deref())?;
    let served = app.served.load();
    let catalog = served.catalog();
    let chain = chain(catalog, query.lang.as_deref(), &headers)?;
    let export = catalog.export(&chain, only)?;
    let language = chain.locales().first().map(ToString::to_string);
    #[derive(Serialize)]
    struct Codes<'a, 'e> {
        codes: &'a [Explanation<'e>],
    }
    let body = Codes {
        codes: export.entries(),
    };
    Ok(cacheable(
        &headers,
        language.as_deref().unwrap_or("en"),
        &body,
    ))
}

/// Reverse search: from words a user saw, in any shipped language, to
/// codes.
#[utoipa::path(
    get, path = "/v1/search", tag = "codes",
    params(SearchQuery, ("Accept-Language" = Option<String>, Header, description = "Used when `lang` is absent: the texts of its chain are searched")),
    responses(
        (status = 200, description = "The codes found, best first (none is not an error)", body = SearchDoc, headers(
            ("Vary" = String),
        )),
        (status = 400, description = "No `q`, or an invalid locale", body = ErrorBody, content_type = "application/problem+json"),
    )
)]
pub(crate) async fn search(
    State(app): AppState,
    ApiQuery(query): ApiQuery<SearchQuery>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let served = app.served.load();
    let catalog = served.catalog();
    let negotiated = query.lang.as_deref().is_some_and(|l| !l.is_empty())
        || headers.contains_key(header::ACCEPT_LANGUAGE);
    // The same negotiation as every other endpoint; with no language
    // asked for at all, every language's texts.
    let hits = if negotiated {
        let chain = chain(catalog, query.lang.as_deref(), &headers)?;
        catalog.search_for(&query.q, &chain)
    } else {
        catalog.search(&query.q, None)?
    };
    #[derive(Serialize)]
    struct Hits<'a> {
        hits: Vec<SearchHit<'a>>,
    }
    let mut answer = Json(Hits { hits }).into_response();
    answer
        .headers_mut()
        .insert(header::VARY, HeaderValue::from_static("Accept-Language"));
    Ok(answer)
}

/// Explains a raw Mobizon or Planfix API response, keeping what the server
/// itself said beside the code.
#[utoipa::path(
    post, path = "/v1/explain-response", tag = "codes",
    params(ResponseQuery, ("Accept-Language" = Option<String>, Header, description = "Used when `lang` is absent")),
    request_body(content = serde_json::Value, content_type = "application/json",
        description = "The response as the API sent it: Mobizon `{code, data, message}` (with per-recipient items in `data`), Planfix `{result, code, error}` (keys in any case), or one per-recipient item `{recipient, code}`"),
    responses(
        (status = 200, description = "The explanation, with a `response` object", body = WithResponseDoc, headers(
            ("Content-Language" = String, description = "The locale that served the text"), ("Vary" = String),
        )),
        (status = 400, description = "Not JSON, not UTF-8, no usable code, or an invalid locale or catalog", body = ErrorBody, content_type = "application/problem+json"),
        (status = 413, description = "A body over the limit (1 MiB)", body = ErrorBody, content_type = "application/problem+json"),
        (status = 415, description = "A content type other than JSON", body = ErrorBody, content_type = "application/problem+json"),
    )
)]
pub(crate) async fn explain_response(
    State(app): AppState,
    ApiQuery(query): ApiQuery<ResponseQuery>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    require_json(&headers)?;
    let forced = query_catalog(query.catalog.as_deref())?;
    let bytes = read_body(body, &headers, app.limits.body_bytes).await?;
    let text = std::str::from_utf8(&bytes).map_err(|e| {
        ApiError::bad_request(
            "invalid-body",
            format!(
                "the body is not UTF-8: invalid byte at offset {}",
                e.valid_up_to()
            ),
        )
    })?;
    let served = app.served.load();
    let catalog = served.catalog();
    let chain = chain(catalog, query.lang.as_deref(), &headers)?;
    let response =
        ApiResponse::parse(text, forced).map_err(|err| ApiError::said(err, catalog, &chain))?;
    // As `Catalog::answer_response` answers in the library and the CLI: an
    // unknown number gets the catalog's unknown-code text and a Planfix
    // success its success text, both with 200 and the server's words kept.
    let body = catalog.answer_response(&response, &chain);
    let locale = body.explanation.locale().to_string();
    let mut answer = Json(body).into_response();
    localized(answer.headers_mut(), &locale);
    Ok(answer)
}

/// What `errcat check` says about the catalog being served, and what
/// became of the last reload.
#[utoipa::path(
    get, path = "/v1/diagnostics", tag = "operations",
    responses((status = 200, description = "The served catalog's check report", body = DiagnosticsDoc))
)]
pub(crate) async fn diagnostics(State(app): AppState) -> Response {
    let served = app.served.load();
    let last_reload = app.last_reload.load_full();
    let watch = app
        .watch
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clone();
    #[derive(Serialize)]
    struct Diagnostics<'a> {
        source: String,
        generation: u64,
        loaded_at: u64,
        has_errors: bool,
        report: &'a Report,
        last_reload: Option<&'a ReloadRecord>,
        watch: WatchStatus,
    }
    let source = match (&served.catalog, &app.locales) {
        (CatalogSource::Folder(_), Some(dir)) => dir.display().to_string(),
        _ => "embedded".to_owned(),
    };
    Json(Diagnostics {
        source,
        generation: served.generation,
        loaded_at: served.loaded_at,
        has_errors: served.report.has_errors(),
        report: &served.report,
        last_reload: last_reload.as_deref(),
        watch,
    })
    .into_response()
}

/// Liveness: the process answers.
#[utoipa::path(get, path = "/healthz", tag = "operations",
    responses((status = 200, description = "Alive", body = StatusDoc)))]
pub(crate) async fn healthz() -> Json<StatusDoc> {
    Json(StatusDoc { status: "ok" })
}

/// Readiness: a catalog is loaded and the service is not shutting down.
#[utoipa::path(get, path = "/readyz", tag = "operations",
    responses(
        (status = 200, description = "Ready", body = StatusDoc),
        (status = 503, description = "Shutting down", body = StatusDoc),
    ))]
pub(crate) async fn readyz(State(app): AppState) -> (StatusCode, Json<StatusDoc>) {
    if app.shutting_down.load(std::sync::atomic::Ordering::Relaxed) {
        let status = StatusDoc {
            status: "shutting-down",
        };
        return (StatusCode::SERVICE_UNAVAILABLE, Json(status));
    }
    (StatusCode::OK, Json(StatusDoc { status: "ok" }))
}

/// Prometheus metrics: requests by route and status, a latency histogram,
/// requests in flight, reloads by outcome and the catalog generation.
#[utoipa::path(get, path = "/metrics", tag = "operations",
    responses((status = 200, description = "Prometheus text format 0.0.4", body = String, content_type = "text/plain")))]
pub(crate) async fn metrics(State(app): AppState) -> Response {
    let content_type = HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8");
    ([(header::CONTENT_TYPE, content_type)], app.metrics.render()).into_response()
}

/// This document.
#[utoipa::path(get, path = "/openapi.json", tag = "operations",
    responses((status = 200, description = "The OpenAPI 3 document", body = Object)))]
pub(crate) async fn openapi() -> Response {
    let content_type = HeaderValue::from_static("application/json");
    (
        [(header::CONTENT_TYPE, content_type)],
        super::openapi::document(),
    )
        .into_response()
}

/// Any path no route has.
pub(crate) async fn not_found() -> ApiError {
    ApiError::not_found()
}

/// A route that exists, with a method it does not take.
pub(crate) async fn method_not_allowed() -> ApiError {
    ApiError::method_not_allowed()
}

/// The chain for a request: `?lang=` if given and not empty (an invalid
/// one is a 400), else the `Accept-Language` header (nothing usable there
/// means English).
fn chain(
    catalog: &Catalog,
    lang: Option<&str>,
    headers: &HeaderMap,
) -> Result<FallbackChain, ApiError> {
    if let Some(lang) = lang.filter(|l| !l.is_empty()) {
        return Ok(catalog.chain(lang)?);
    }
    // Repeated headers are one comma-separated list (RFC 9110 §5.3). Bytes
    // beyond ASCII (obs-text) are read as UTF-8, as the library reads a
    // header given as a string: a range with other characters is skipped
    // there, not the whole header.
    let accepted: Vec<String> = headers
        .get_all(header::ACCEPT_LANGUAGE)
        .iter()
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
        .collect();
    Ok(catalog.chain_for_accept_language(&accepted.join(",")))
}

/// A catalog named in a query (empty counts as absent): an unknown one is
/// bad input (400), not a missing resource.
fn query_catalog(name: Option<&str>) -> Result<Option<CatalogId>, ApiError> {
    let Some(name) = name.filter(|n| !n.is_empty()) else {
        return Ok(None);
    };
    let catalog = name.parse::<CatalogId>().map_err(|err| ApiError {
        status: StatusCode::BAD_REQUEST,
        ..ApiError::from(err)
    })?;
    Ok(Some(catalog))
}

/// A JSON answer rendered once: its bytes, strong ETag and language.
pub(crate) struct Rendered {
    body: axum::body::Bytes,
    etag: HeaderValue,
    language: HeaderValue,
    /// The whole head of its 200, and of its 304, as the service sends
    /// them: [`respond`]'s headers completed as the router's layers
    /// complete them (see `hot::complete`).
    ok_head: HeaderMap,
    not_modified_head: HeaderMap,
}

/// The most answers [`Answers`] keeps; when full it starts again empty.
const KEPT_ANSWERS: usize = 4096;

/// The longest request inputs whose answer is kept.
const MAX_KEY_BYTES: usize = 512;

/// Answers of `GET /v1/codes/{catalog}/{code}` already rendered, by the
/// request's inputs (the path's two parts, `?lang=` and
/// `Accept-Language`), which decide the answer for one catalog. Each
/// served catalog has its own, so a reload starts afresh.
#[derive(Default)]
pub(crate) struct Answers(std::sync::Mutex<std::collections::HashMap<Box<str>, Arc<Rendered>>>);

impl Answers {
    fn lock(
        &self,
    ) -> std::sync::MutexGuard<'_, std::collections::HashMap<Box<str>, Arc<Rendered>>> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn get(&self, key: &str) -> Option<Arc<Rendered>> {
        self.lock().get(key).cloned()
    }

    fn keep(&self, key: String, answer: Arc<Rendered>) {
        let mut answers = self.lock();
        if answers.len() >= KEPT_ANSWERS {
            answers.clear();
        }
        answers.insert(key.into_boxed_str(), answer);
    }
}

/// The inputs that decide a code's answer, as one key; `None` when they
/// are too long to keep. Each part is written after its length
/// (`7:planfix4:1000…`), so no part can pass for another whatever bytes it
/// holds (`?lang=%00kk` is not `Accept-Language: kk`).
fn answer_key(
    catalog: &str,
    code: &str,
    lang: Option<&str>,
    headers: &HeaderMap,
) -> Option<String> {
    let mut key = String::with_capacity(64);
    let mut part = |text: &str| {
        let _ = write!(key, "{}:", text.len());
        key.push_str(text);
        key.len() <= MAX_KEY_BYTES
    };
    let mut fits = part(catalog) && part(code) && part(lang.unwrap_or_default());
    for value in headers.get_all(header::ACCEPT_LANGUAGE) {
        fits = fits && part(value.to_str().ok()?);
    }
    fits.then_some(key)
}

/// Renders `body` as JSON with its ETag, or says why it cannot be.
fn render(language: &str, body: &impl Serialize) -> Result<Rendered, ApiError> {
    let bytes = serde_json::to_vec(body).map_err(|err| {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            err.to_string(),
        )
    })?;
    let digest = Sha256::digest(&bytes);
    let mut etag = String::with_capacity(34);
    etag.push('"');
    for byte in digest.iter().take(16) {
        let _ = write!(etag, "{byte:02x}");
    }
    etag.push('"');
    let etag = HeaderValue::try_from(etag).map_err(|err| {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            err.to_string(),
        )
    })?;
    let mut rendered = Rendered {
        body: bytes.into(),
        etag,
        language: HeaderValue::try_from(language)
            .unwrap_or_else(|_| HeaderValue::from_static("en")),
        ok_head: HeaderMap::new(),
        not_modified_head: HeaderMap::new(),
    };
    let head = |fresh: bool| {
        let mut response = answer(fresh, &rendered);
        super::hot::complete(&mut response);
        std::mem::take(response.headers_mut())
    };
    (rendered.ok_head, rendered.not_modified_head) = (head(false), head(true));
    Ok(rendered)
}

/// A JSON answer that clients may cache and revalidate: a strong ETag over
/// the body, `Content-Language`, `Vary: Accept-Language`, and 304 when
/// `If-None-Match` names the current ETag.
fn cacheable(request: &HeaderMap, language: &str, body: &impl Serialize) -> Response {
    match render(language, body) {
        Ok(rendered) => respond(request, &rendered),
        Err(err) => err.into_response(),
    }
}

/// The answer to one request from a rendered answer: 304 when its
/// `If-None-Match` names the ETag.
fn respond(request: &HeaderMap, rendered: &Rendered) -> Response {
    answer(fresh(request, &rendered.etag), rendered)
}

/// The same answer as [`respond`], with the whole head the service sends
/// (kept with the answer), for the hot path.
fn respond_kept(request: &HeaderMap, rendered: &Rendered) -> Response {
    let (status, body, head) = if fresh(request, &rendered.etag) {
        (
            StatusCode::NOT_MODIFIED,
            Body::empty(),
            &rendered.not_modified_head,
        )
    } else {
        (
            StatusCode::OK,
            Body::from(rendered.body.clone()),
            &rendered.ok_head,
        )
    };
    let mut response = Response::new(body);
    *response.status_mut() = status;
    *response.headers_mut() = head.clone();
    response
}

/// Whether the request's `If-None-Match` names `etag` (or `*`).
fn fresh(request: &HeaderMap, etag: &HeaderValue) -> bool {
    let etag = etag.as_bytes();
    request
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|t| t.trim())
        .any(|t| t == "*" || t.strip_prefix("W/").unwrap_or(t).as_bytes() == etag)
}

/// A rendered answer: its 304 when `fresh`, else its 200.
fn answer(fresh: bool, rendered: &Rendered) -> Response {
    let mut response = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let content_type = HeaderValue::from_static("application/json");
        (
            [(header::CONTENT_TYPE, content_type)],
            rendered.body.clone(),
        )
            .into_response()
    };
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_LANGUAGE, rendered.language.clone());
    headers.insert(header::VARY, HeaderValue::from_static("Accept-Language"));
    headers.insert(header::ETAG, rendered.etag.clone());
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(CACHE_CONTROL),
    );
    response
}

/// `Content-Language` and `Vary: Accept-Language` of a localized answer.
fn localized(headers: &mut HeaderMap, language: &str) {
    if let Ok(language) = HeaderValue::try_from(language) {
        headers.insert(header::CONTENT_LANGUAGE, language);
    }
    headers.insert(header::VARY, HeaderValue::from_static("Accept-Language"));
}

/// 415 unless the body is declared JSON (`application/json`, or any
/// `+json` type, with or without parameters).
fn require_json(headers: &HeaderMap) -> Result<(), ApiError> {
    let declared = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let essence = declared.split(';').next().unwrap_or_default().trim();
    let essence = essence.to_ascii_lowercase();
    if essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
    {
        return Ok(());
    }
    Err(ApiError::new(
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "unsupported-media-type",
        "the body must be JSON: send Content-Type: application/json",
    ))
}

/// The whole body, up to `limit` bytes: a declared or actual length over
/// it is a 413, before more than `limit` bytes are read.
async fn read_body(body: Body, headers: &HeaderMap, limit: usize) -> Result<Vec<u8>, ApiError> {
    let too_large = || {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "body-too-large",
            format!("the body is over the limit of {limit} bytes"),
        )
    };
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(too_large());
    }
    match Limited::new(body, limit).collect().await {
        Ok(collected) => Ok(collected.to_bytes().to_vec()),
        Err(err) if err.is::<LengthLimitError>() => Err(too_large()),
        Err(err) => Err(ApiError::bad_request(
            "invalid-body",
            format!("the body could not be read: {err}"),
        )),
    }
}

/// `Query<T>` whose rejections are JSON errors, and which refuses more
/// than [`MAX_QUERY_PARAMS`] parameters before parsing any.
pub(crate) struct ApiQuery<T>(pub(crate) T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, ApiError> {
        let query = parts.uri.query().unwrap_or_default();
        if query.split('&').nth(MAX_QUERY_PARAMS).is_some() {
            return Err(ApiError::bad_request(
                "invalid-query",
                format!("too many query parameters: at most {MAX_QUERY_PARAMS} are read"),
            ));
        }
        let Query(value) = Query::<T>::try_from_uri(&parts.uri)
            .map_err(|rejection| ApiError::bad_request("invalid-query", rejection.body_text()))?;
        Ok(ApiQuery(value))
    }
}

/// `Path<T>` whose rejections (such as percent-encoded bytes that are not
/// UTF-8) are JSON errors.
pub(crate) struct ApiPath<T>(pub(crate) T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for ApiPath<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let Path(value) = Path::<T>::from_request_parts(parts, state)
            .await
            .map_err(|rejection| ApiError::bad_request("invalid-path", rejection.body_text()))?;
        Ok(ApiPath(value))
    }
}
