//! `errcat serve`: the catalog as an HTTP JSON service, for support tools
//! and for UIs that are not written in Rust (feature `server`).
//!
//! A thin front-end over [`Catalog`](crate::Catalog), like the CLI: each
//! handler parses its input, asks the catalog being served, and maps the
//! answer to a status. This module owns the service's shape: the router
//! and its limits ([`App::router`]), the connection loop with graceful
//! shutdown ([`serve`]), and the whole program behind `errcat serve`
//! ([`run`]). It must not hold lookup logic of its own.
//!
//! | route | answers |
//! |---|---|
//! | `GET /v1/codes/{catalog}/{number-or-name}` | one explanation; `?lang=`, else `Accept-Language`; `ETag`, 304 |
//! | `GET /v1/codes/{code}` | the same, the code spelled as the CLI takes it (`planfix:1000`, `planfix:task-not-found`, `1000`) |
//! | `GET /v1/codes?catalog=&lang=` | every code, fallback applied |
//! | `GET /v1/search?q=&lang=` | reverse search, in the texts of the negotiated chain (every language's when none is asked for) |
//! | `POST /v1/explain-response` | a raw Mobizon or Planfix response, explained |
//! | `GET /v1/diagnostics` | what `errcat check` says about the served catalog, and the last reload |
//! | `GET /healthz`, `/readyz`, `/metrics`, `/openapi.json` | liveness, readiness, Prometheus text, the OpenAPI 3 document |
//!
//! Every endpoint negotiates its language the same way: `?lang=` when given
//! and not empty, else `Accept-Language`, else English.
//!
//! Errors are RFC 9457 problem documents (`application/problem+json`)
//! with errcat's `{"error": {"kind": …, "message": …}}` in them, and 400 (bad input),
//! 404 (unknown catalog or code, or no such route), 405, 408 (the request
//! took longer than [`Limits::request_timeout`]), 413 (a body over
//! [`Limits::body_bytes`]), 415 (a body that is not declared JSON) or 429
//! (over [`Limits::concurrency`]). Headers over [`Limits::header_bytes`]
//! or [`Limits::headers`] get hyper's 431 without a body, before routing.
//!
//! Every answer has `X-Content-Type-Options: nosniff` and
//! `Content-Security-Policy: default-src 'none'`.
//!
//! Connections whose clients do not read are closed by the rules of
//! [`Limits::write_timeout`], [`Limits::idle_timeout`],
//! [`Limits::queued_bytes`] and [`Limits::connections`]; health checks
//! always get in.
//!
//! With a locales folder, the folder is loaded again when a file in it
//! changes and on SIGHUP, and swapped in whole; a reload whose check
//! finds errors is refused and the last good catalog stays; in preview
//! mode ([`Options::with_preview`], `--preview`) it is served, its broken
//! messages falling back, and every finding is logged. The watch
//! survives the folder being replaced, re-created or reached through a
//! flipped link, and never follows links out of it.
//!
//! ```no_run
//! # async fn example() -> Result<(), Box<dyn std::error::Error>> {
//! use errcat::server::{App, Options};
//! let app = App::new(&Options::new())?;
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
//! errcat::server::serve(listener, app, errcat::server::shutdown_signal()).await?;
//! # Ok(()) }
//! ```

mod conn;
mod hot;
mod log;
mod metrics;
mod observe;
mod openapi;
mod problem;
mod routes;
mod state;
mod watch;

use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use axum::error_handling::HandleErrorLayer;
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, header};
use axum::routing::{get, post};
use axum::{BoxError, Router, middleware};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceBuilder;
use tower::limit::GlobalConcurrencyLimitLayer;
use tower::load_shed::LoadShedLayer;
use tower::timeout::TimeoutLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::set_header::SetResponseHeaderLayer;

use problem::ApiError;
use state::Shared;

/// hyper's default limit on the number of request headers.
const HYPER_MAX_HEADERS: usize = 100;

/// How much the service accepts from clients. The defaults suit a service
/// on a small machine behind a reverse proxy. A `concurrency` or
/// `connections` of 0 counts as 1, and durations over a day as a day.
///
/// ```
/// let mut limits = errcat::server::Limits::default();
/// assert_eq!(limits.body_bytes, 1024 * 1024);
/// limits.concurrency = 64;
/// let options = errcat::server::Options::new().with_limits(limits);
/// # let _ = options;
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Limits {
    /// The largest request body, in bytes (1 MiB); more is a 413.
    pub body_bytes: usize,
    /// The most bytes of request line and headers (16 KiB); more is a 431.
    pub header_bytes: usize,
    /// The most request headers (100, hyper's own limit, which keeps
    /// header parsing off the heap); more is a 431.
    pub headers: usize,
    /// How long a client may take to send its request line and headers,
    /// and how long a kept-alive connection may wait for its next request
    /// (10 s); then the connection is closed.
    pub header_timeout: Duration,
    /// How long an answer may wait for a client that does not read it
    /// (10 s): a write that cannot send a byte for this long closes (and
    /// resets) the connection.
    pub write_timeout: Duration,
    /// How long a connection may move no byte in either direction (60 s),
    /// whatever it is doing; then it is closed.
    pub idle_timeout: Duration,
    /// Each connection's kernel send buffer, in bytes (128 KiB; Linux
    /// doubles it). With hyper's own buffer, which holds one answer, it
    /// bounds what a client that does not read can pin.
    pub send_buffer: usize,
    /// The most send buffers that connections unable to write may pin
    /// together, in bytes (64 MiB, 256 connections at the default
    /// `send_buffer`); over it, the connection stalled longest is closed.
    pub queued_bytes: usize,
    /// How long a request may take from routing to response, reading its
    /// body included (10 s); then it is a 408.
    pub request_timeout: Duration,
    /// The most requests answered at once (512); more get a 429 at once
    /// instead of waiting. Health, readiness and metrics are not counted.
    pub concurrency: usize,
    /// The most open connections (1024). One more closes the quietest
    /// open connection (one whose client does not read first, then the
    /// longest without a byte), so stuck clients never keep new ones, such
    /// as health checks, out.
    pub connections: usize,
    /// How long a shutdown waits for requests in flight (30 s). `errcat
    /// serve` ends within it, stuck clients and a blocked stderr
    /// included: it drains for all but 3 s of it, then stops.
    pub shutdown_grace: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            body_bytes: 1024 * 1024,
            header_bytes: 16 * 1024,
            headers: HYPER_MAX_HEADERS,
            header_timeout: Duration::from_secs(10),
            write_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(60),
            send_buffer: 128 * 1024,
            queued_bytes: 64 * 1024 * 1024,
            request_timeout: Duration::from_secs(10),
            concurrency: 512,
            connections: 1024,
            shutdown_grace: Duration::from_secs(30),
        }
    }
}

/// What to serve and to whom.
///
/// ```
/// use errcat::server::Options;
/// let options = Options::new()
///     .with_locales("locales")
///     .with_cors_origins(["https://support.example.com"]);
/// # let _ = options;
/// ```
#[derive(Debug, Clone, Default)]
pub struct Options {
    locales: Option<PathBuf>,
    preview: bool,
    cors_origins: Vec<String>,
    limits: Limits,
}

impl Options {
    /// The embedded catalog, no CORS, the default [`Limits`].
    ///
    /// ```
    /// let app = errcat::server::App::new(&errcat::server::Options::new()).unwrap();
    /// # let _ = app;
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// Serves this locales folder over the embedded catalog (as `--locales`
    /// does for the other commands), and reloads it when it changes.
    ///
    /// ```
    /// let options = errcat::server::Options::new().with_locales("locales");
    /// # let _ = options;
    /// ```
    pub fn with_locales(mut self, dir: impl Into<PathBuf>) -> Self {
        self.locales = Some(dir.into());
        self
    }

    /// Preview mode, for translators: serves the locales folder even when
    /// `errcat check` finds errors in it, at start and on every reload, as
    /// `errcat explain --locales` previews it. A message with an error, or
    /// a missing one, falls back along its chain; every finding is logged
    /// and shown in `/v1/diagnostics` (`has_errors`, `report`, and the
    /// errors in `last_reload`). Without it, a folder with errors is
    /// refused and the last good catalog stays. Only a folder that cannot
    /// be read is refused either way.
    ///
    /// ```
    /// let dir = std::env::temp_dir().join(format!("errcat-preview-doc-{}", std::process::id()));
    /// std::fs::create_dir_all(dir.join("be")).unwrap();
    /// std::fs::write(dir.join("be/mobizon.ftl"), "success = Аперацыя { $numbr }\n").unwrap();
    /// let options = errcat::server::Options::new().with_locales(&dir);
    /// assert!(errcat::server::App::new(&options).is_err());        // refused: errors
    /// assert!(errcat::server::App::new(&options.with_preview(true)).is_ok());
    /// # std::fs::remove_dir_all(&dir).unwrap();
    /// ```
    pub fn with_preview(mut self, preview: bool) -> Self {
        self.preview = preview;
        self
    }

    /// Lets pages from these origins (`https://support.example.com`) call
    /// the service from a browser. Without any, CORS is off.
    ///
    /// ```
    /// let options = errcat::server::Options::new().with_cors_origins(["http://localhost:3000"]);
    /// # let _ = options;
    /// ```
    pub fn with_cors_origins<I, S>(mut self, origins: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.cors_origins = origins.into_iter().map(Into::into).collect();
        self
    }

    /// Replaces the default [`Limits`].
    ///
    /// ```
    /// let options = errcat::server::Options::new().with_limits(errcat::server::Limits::default());
    /// # let _ = options;
    /// ```
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }
}

/// Why the service could not start, or a reload was refused.
///
/// ```
/// use errcat::server::{App, Options, ServeError};
/// let err = App::new(&Options::new().with_cors_origins(["not an origin\n"])).err().unwrap();
/// assert!(matches!(err, ServeError::CorsOrigin(_)));
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ServeError {
    /// The locales folder cannot be read, or its check found errors.
    ///
    /// ```
    /// use errcat::server::{App, Options, ServeError};
    /// let err = App::new(&Options::new().with_locales("/no/such/folder")).err().unwrap();
    /// assert!(matches!(err, ServeError::Refused(_)));
    /// ```
    #[error("the locales folder cannot be served: {0}")]
    Refused(String),
    /// A `--cors-origin` that is not an origin.
    ///
    /// ```
    /// use errcat::server::{App, Options, ServeError};
    /// let err = App::new(&Options::new().with_cors_origins(["https://a.example/\u{0}"])).err().unwrap();
    /// assert!(err.to_string().starts_with("invalid CORS origin"));
    /// ```
    #[error(
        "invalid CORS origin {0:?}: expected http(s)://host[:port] with no path, query, user or wildcard, such as https://support.example.com"
    )]
    CorsOrigin(String),
    /// The address cannot be listened on, or the runtime cannot start.
    ///
    /// ```
    /// use errcat::server::{Options, ServeError};
    /// let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    /// let err = errcat::server::run(taken.local_addr().unwrap(), Options::new()).unwrap_err();
    /// assert!(matches!(err, ServeError::Io { .. }));
    /// ```
    #[error("{context}: {source}")]
    Io {
        /// What was being done.
        context: String,
        /// What the operating system said.
        source: std::io::Error,
    },
}

/// The service: the catalog being served and the router that answers from
/// it. Cheap to clone; clones share the catalog.
///
/// ```
/// let app = errcat::server::App::new(&errcat::server::Options::new())?;
/// let router: axum::Router = app.router();
/// # let _ = router;
/// # Ok::<(), errcat::server::ServeError>(())
/// ```
#[derive(Clone)]
pub struct App {
    shared: Arc<Shared>,
    cors: Option<CorsLayer>,
}

impl App {
    /// Loads the catalog to serve: the embedded one, or the locales folder
    /// of `options`, which must pass `errcat check` without errors unless
    /// [`Options::with_preview`] is on.
    ///
    /// ```
    /// let app = errcat::server::App::new(&errcat::server::Options::new());
    /// assert!(app.is_ok());
    /// ```
    pub fn new(options: &Options) -> Result<App, ServeError> {
        let cors = cors(&options.cors_origins)?;
        let shared = Shared::new(
            options.locales.clone(),
            options.preview,
            options.limits.clone(),
        )
        .map_err(|refusal| ServeError::Refused(refusal.to_string()))?;
        Ok(App {
            shared: Arc::new(shared),
            cors,
        })
    }

    /// Loads the locales folder again and serves it, unless its check
    /// finds errors (and preview mode is off): then the last good catalog
    /// stays and this says why.
    /// Blocking (it reads files); the service calls it on file changes and
    /// SIGHUP. Without a folder there is nothing to reload.
    ///
    /// ```
    /// let app = errcat::server::App::new(&errcat::server::Options::new())?;
    /// app.reload()?;
    /// # Ok::<(), errcat::server::ServeError>(())
    /// ```
    pub fn reload(&self) -> Result<(), ServeError> {
        let record = self.shared.reload("request");
        match record.outcome {
            "applied" => Ok(()),
            _ => Err(ServeError::Refused(record.message.clone())),
        }
    }

    /// The routes, with their limits, request log and metrics, ready for
    /// [`serve`] or for any other hyper or axum server.
    ///
    /// ```
    /// let app = errcat::server::App::new(&errcat::server::Options::new())?;
    /// let router = app.router();
    /// # let _ = router;
    /// # Ok::<(), errcat::server::ServeError>(())
    /// ```
    pub fn router(&self) -> Router {
        let permits = Arc::new(Semaphore::new(permits(self.shared.limits.concurrency)));
        self.router_limited_by(permits)
    }

    /// [`App::router`], its concurrency limit taking these permits.
    fn router_limited_by(&self, permits: Arc<Semaphore>) -> Router {
        let limits = &self.shared.limits;
        // Load shedding over a global concurrency limit: a request over the
        // limit gets a 429 at once instead of queueing.
        let guarded = ServiceBuilder::new()
            .layer(HandleErrorLayer::new(refused))
            .layer(TimeoutLayer::new(bounded(limits.request_timeout)))
            .layer(LoadShedLayer::new())
            .layer(GlobalConcurrencyLimitLayer::with_semaphore(permits));
        let api = Router::new()
            .route(routes::CODE, get(routes::code))
            .route(routes::CODE_ANY, get(routes::code_any))
            .route(routes::CODES, get(routes::codes))
            .route(routes::SEARCH, get(routes::search))
            .route(routes::EXPLAIN, post(routes::explain_response))
            .route(routes::DIAGNOSTICS, get(routes::diagnostics))
            .route(routes::OPENAPI, get(routes::openapi))
            .fallback(routes::not_found)
            .method_not_allowed_fallback(routes::method_not_allowed)
            .layer(guarded);
        // Operators' endpoints answer even when the API is saturated.
        let operations = Router::new()
            .route(routes::HEALTHZ, get(routes::healthz))
            .route(routes::READYZ, get(routes::readyz))
            .route(routes::METRICS, get(routes::metrics))
            .method_not_allowed_fallback(routes::method_not_allowed);
        let mut router = api.merge(operations).layer(middleware::from_fn_with_state(
            Arc::clone(&self.shared),
            observe::observe,
        ));
        if let Some(cors) = &self.cors {
            router = router.layer(cors.clone());
        }
        // Every answer is JSON or plain text: a browser must never sniff
        // it into HTML, nor run or load anything from it.
        router
            .layer(SetResponseHeaderLayer::if_not_present(
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ))
            .layer(SetResponseHeaderLayer::if_not_present(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(problem::CSP),
            ))
            .with_state(Arc::clone(&self.shared))
    }
}

/// A limit's duration, at most a day: hyper and tokio add it to the
/// current instant, which must not overflow whatever a caller sets.
fn bounded(wait: Duration) -> Duration {
    wait.min(Duration::from_secs(24 * 60 * 60))
}

/// A count of permits that a semaphore accepts: at least one, at most
/// tokio's maximum.
fn permits(count: usize) -> usize {
    count.clamp(1, Semaphore::MAX_PERMITS)
}

/// A layer's refusal (timeout, overload) as a JSON error.
async fn refused(err: BoxError) -> ApiError {
    if err.is::<tower::timeout::error::Elapsed>() {
        return ApiError::new(
            StatusCode::REQUEST_TIMEOUT,
            "timeout",
            "the request took too long; send it again",
        );
    }
    if err.is::<tower::load_shed::error::Overloaded>() {
        return ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "overloaded",
            "too many requests at once; try again shortly",
        );
    }
    ApiError::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        "internal",
        err.to_string(),
    )
}

/// CORS for the named origins, or none.
fn cors(origins: &[String]) -> Result<Option<CorsLayer>, ServeError> {
    if origins.is_empty() {
        return Ok(None);
    }
    let mut normalized: Vec<HeaderValue> = Vec::with_capacity(origins.len());
    for origin in origins {
        let value = normalize_origin(origin)
            .and_then(|o| HeaderValue::try_from(o).ok())
            .ok_or_else(|| ServeError::CorsOrigin(origin.clone()))?;
        if !normalized.contains(&value) {
            normalized.push(value);
        }
    }
    let origins = normalized;
    Ok(Some(
        CorsLayer::new()
            .allow_origin(AllowOrigin::list(origins))
            .allow_methods([Method::GET, Method::POST])
            .allow_headers([
                header::CONTENT_TYPE,
                header::ACCEPT_LANGUAGE,
                header::IF_NONE_MATCH,
            ])
            .expose_headers([
                header::CONTENT_LANGUAGE,
                header::ETAG,
                HeaderName::from_static("vary"),
            ]),
    ))
}

/// An origin as browsers send it in `Origin`: `http` or `https`, the host
/// lower-cased, the scheme's default port dropped, nothing after the port
/// (one trailing `/` is forgiven). Anything else (a path, a query, a
/// fragment, user information, no scheme, `*`) is not an origin: `None`.
fn normalize_origin(origin: &str) -> Option<String> {
    let (scheme, rest) = origin.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    let default_port = match scheme.as_str() {
        "http" => "80",
        "https" => "443",
        _ => return None,
    };
    let authority = rest.strip_suffix('/').unwrap_or(rest);
    if authority.is_empty()
        || authority.contains(['/', '?', '#', '@', '\\', '*', '%'])
        || authority.contains(|c: char| c.is_whitespace() || c.is_control() || !c.is_ascii())
    {
        return None;
    }
    // The host, then an optional port; an IPv6 address is bracketed.
    let (host, port) = match authority.strip_prefix('[') {
        Some(v6) => {
            let (address, after) = v6.split_once(']')?;
            address.parse::<std::net::Ipv6Addr>().ok()?;
            let port = match after {
                "" => None,
                p => Some(p.strip_prefix(':')?),
            };
            (format!("[{}]", address.to_ascii_lowercase()), port)
        }
        None => match authority.rsplit_once(':') {
            Some((host, port)) => (host.to_ascii_lowercase(), Some(port)),
            None => (authority.to_ascii_lowercase(), None),
        },
    };
    let valid_host = !host.is_empty()
        && (host.starts_with('[')
            || host.split('.').all(|label| {
                !label.is_empty() && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            }));
    if !valid_host {
        return None;
    }
    let port = match port {
        None => None,
        Some(p) => {
            let number = p
                .parse::<u16>()
                .ok()
                .filter(|_| p.bytes().all(|b| b.is_ascii_digit()))?;
            (number.to_string() != default_port).then(|| number.to_string())
        }
    };
    Some(match port {
        Some(port) => format!("{scheme}://{host}:{port}"),
        None => format!("{scheme}://{host}"),
    })
}

/// Serves `app` on `listener` until `shutdown` completes, then stops
/// accepting connections and waits (up to [`Limits::shutdown_grace`]) for
/// the requests in flight to finish.
///
/// Connections are HTTP/1.1 with the header limits and header timeout of
/// the app's [`Limits`]. With a locales folder, a change to its files
/// reloads it.
///
/// ```no_run
/// # async fn example() -> std::io::Result<()> {
/// let app = errcat::server::App::new(&errcat::server::Options::new()).unwrap();
/// let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
/// let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
/// let server = tokio::spawn(errcat::server::serve(listener, app, async { let _ = stopped.await; }));
/// let _ = stop.send(());
/// server.await??;
/// # Ok(()) }
/// ```
pub async fn serve(
    listener: TcpListener,
    app: App,
    shutdown: impl Future<Output = ()> + Send,
) -> std::io::Result<()> {
    let shared = Arc::clone(&app.shared);
    let limits = shared.limits.clone();
    // A watch that cannot start is logged and shown in /v1/diagnostics;
    // SIGHUP still reloads.
    let _watcher = shared
        .locales
        .as_ref()
        .and_then(|dir| watch::watch(Arc::clone(&shared), dir).ok());
    // Kept answers of the code route are served before the router, under
    // the same concurrency limit; with CORS on, the router answers all.
    let permits = Arc::new(Semaphore::new(permits(limits.concurrency)));
    let router = app.router_limited_by(Arc::clone(&permits));
    let service = hot::Hot::new(Arc::clone(&shared), router, permits, app.cors.is_none());
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(bounded(limits.header_timeout))
        .max_buf_size(limits.header_bytes.max(8192) + 8192)
        .max_header_size(limits.header_bytes);
    // Any other count makes hyper allocate the header table per request.
    if limits.headers != HYPER_MAX_HEADERS {
        http.max_headers(limits.headers);
    }
    let graceful = GracefulShutdown::new();
    let table = Arc::new(conn::Table::new(&limits, Arc::clone(&shared.metrics)));
    let sweeper = {
        let table = Arc::clone(&table);
        let mut every = tokio::time::interval(table.sweep_every());
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        AbortOnDrop(tokio::spawn(async move {
            loop {
                every.tick().await;
                table.sweep();
            }
        }))
    };
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = &mut shutdown => break,
        };
        let stream = match accepted {
            Ok((stream, _peer)) => stream,
            Err(err) => {
                // Out of file descriptors, or a connection reset before it
                // was accepted: not a reason to stop serving the others.
                tracing::warn!(target: "errcat::server", "accept failed: {err}");
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let _ = socket2::SockRef::from(&stream).set_send_buffer_size(limits.send_buffer.max(1));
        let (id, state, io) = table.enter(stream);
        let connection = graceful.watch(http.serve_connection(TokioIo::new(io), service.clone()));
        let table = Arc::clone(&table);
        tokio::spawn(async move {
            tokio::select! {
                // A client that breaks its connection is not the server's error.
                _ = connection => {}
                // Closed by the table's rules: dropping the connection
                // resets it.
                () = state.closed() => {}
            }
            table.leave(id);
        });
    }
    drop(listener);
    shared.shutting_down.store(true, Ordering::Relaxed);
    tracing::info!(target: "errcat::server", "shutting down: finishing the requests in flight");
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(bounded(limits.shutdown_grace)) => {
            tracing::warn!(target: "errcat::server", "requests still in flight after {:?}; stopping", limits.shutdown_grace);
        }
    }
    drop(sweeper);
    Ok(())
}

/// A spawned task that ends when this is dropped.
struct AbortOnDrop(tokio::task::JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Completes on Ctrl-C (SIGINT) or SIGTERM.
///
/// On Unix the handlers are installed when this is called, not when the
/// future is first polled: a signal that arrives as soon as the server
/// answers is never lost to the default action (call it inside the runtime).
///
/// ```no_run
/// # async fn example() {
/// errcat::server::shutdown_signal().await;
/// # }
/// ```
pub fn shutdown_signal() -> impl std::future::Future<Output = ()> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let interrupt = signal(SignalKind::interrupt()).ok();
        let terminate = signal(SignalKind::terminate()).ok();
        async move {
            let wait = |s: Option<tokio::signal::unix::Signal>| async move {
                match s {
                    Some(mut s) => {
                        s.recv().await;
                    }
                    None => std::future::pending::<()>().await,
                }
            };
            tokio::select! {
                () = wait(interrupt) => {}
                () = wait(terminate) => {}
            }
        }
    }
    #[cfg(not(unix))]
    async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    }
}

/// The whole of `errcat serve`: logs to stderr (one line per request),
/// loads the catalog, listens on `addr`, reloads the locales folder on
/// SIGHUP and on changes, and serves until SIGTERM or Ctrl-C.
///
/// Installs a `tracing` subscriber unless the program has one.
///
/// ```no_run
/// errcat::server::run("127.0.0.1:8080".parse().unwrap(), errcat::server::Options::new())?;
/// # Ok::<(), errcat::server::ServeError>(())
/// ```
pub fn run(addr: SocketAddr, mut options: Options) -> Result<(), ServeError> {
    // The whole stop fits in the grace period: the drain, then the
    // runtime's and the log's last waits.
    let grace = options.limits.shutdown_grace;
    if grace > EXIT_RESERVE * 2 {
        options.limits.shutdown_grace = grace - EXIT_RESERVE;
    }
    // The log goes through a bounded buffer to a thread of its own, which
    // writes it a batch at a time; lines that do not fit are dropped (and
    // counted) rather than make a request wait for a stderr nobody reads.
    let (writer, _flush_on_exit) =
        log::Log::start(std::io::stderr(), LOG_BYTES, "errcat-log", EXIT_WAIT).map_err(
            |source| ServeError::Io {
                context: "cannot start the log's thread".to_owned(),
                source,
            },
        )?;
    let dropped = writer.dropped();
    let _ = tracing_subscriber::fmt()
        .with_timer(log::Clock)
        .with_writer(writer)
        .with_ansi(false)
        .try_init();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|source| ServeError::Io {
            context: "cannot start the runtime".to_owned(),
            source,
        })?;
    let served = runtime.block_on(async {
        let app = App::new(&options)?;
        app.shared.metrics.set_log_counter(dropped);
        let listener = TcpListener::bind(addr)
            .await
            .map_err(|source| ServeError::Io {
                context: format!("cannot listen on {addr}"),
                source,
            })?;
        let local = listener.local_addr().unwrap_or(addr);
        #[cfg(unix)]
        if app.shared.locales.is_some() {
            if let Err(err) = watch::reload_on_hangup(Arc::clone(&app.shared)) {
                tracing::warn!(target: "errcat::reload", "SIGHUP will not reload: {err}");
            }
        }
        // The signal handlers first: a client may send Ctrl-C as soon as
        // it sees the server listening.
        let shutdown = shutdown_signal();
        tracing::info!(target: "errcat::server", "listening on http://{local}");
        serve(listener, app, shutdown)
            .await
            .map_err(|source| ServeError::Io {
                context: "the server stopped".to_owned(),
                source,
            })
    });
    // Connections still open after the grace period are dropped with the
    // runtime; a reload still reading files is not waited for long.
    runtime.shutdown_timeout(EXIT_WAIT);
    served
}

/// The most bytes of log lines waiting for stderr (about 16,000 request
/// lines); more are dropped and counted.
const LOG_BYTES: usize = 2 * 1024 * 1024;

// A request's line is about 130 bytes: room for about 16,000 of them, and
// at most a few MiB held for a stderr nobody reads.
const _: () = assert!(LOG_BYTES / 128 >= 16_000 && LOG_BYTES <= 4 * 1024 * 1024);

/// How long the process waits, once the server has stopped, for work
/// that cannot be cancelled (a reload reading files).
const EXIT_WAIT: Duration = Duration::from_secs(1);

/// The part of the grace period kept for [`EXIT_WAIT`] and the log's
/// flush (at most about a second when stderr is blocked).
const EXIT_RESERVE: Duration = Duration::from_secs(3);
