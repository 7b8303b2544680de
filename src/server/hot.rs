//! The hot path: `GET /v1/codes/{catalog}/{code}` whose answer the served
//! catalog already rendered, answered before the router.
//!
//! Such a request needs none of the router's work: no route matching, no
//! extractors, no timeout, no boxed layer per request. It gets the same
//! response the router would give, byte for byte (rendered by the
//! handler's own code, with the same security headers and `Content-Length`
//! in the same order), the same metrics sample and the same log line, and
//! it takes a permit of the same concurrency limit. Anything else, including a first request
//! whose answer is not kept yet, any query, a path the router would
//! percent-decode, CORS being on or the limit being reached, goes to the
//! router unchanged. No lookup happens here: the answer is one the
//! handler rendered from the library's.

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Instant;

use axum::Router;
use axum::body::Body;
use axum::body::HttpBody as _;
use axum::http::{HeaderValue, Method, Request, header};
use axum::response::Response;
use tokio::sync::Semaphore;
use tower::ServiceExt;

use super::observe;
use super::problem::CSP;
use super::routes::{self, CODE};
use super::state::Shared;

/// The router, with kept answers of the code route served before it.
#[derive(Clone)]
pub(crate) struct Hot {
    shared: Arc<Shared>,
    router: Router,
    /// The router's concurrency limit.
    permits: Arc<Semaphore>,
    /// Off when a layer the hot path does not apply (CORS) is on.
    on: bool,
}

impl Hot {
    pub(crate) fn new(
        shared: Arc<Shared>,
        router: Router,
        permits: Arc<Semaphore>,
        on: bool,
    ) -> Hot {
        Hot {
            shared,
            router,
            permits,
            on,
        }
    }

    /// The kept answer to `request`, with its metrics sample and log line,
    /// or `None` when the router must answer it.
    pub(crate) fn answer<B>(&self, request: &Request<B>) -> Option<Response> {
        if !self.on || request.method() != Method::GET || request.uri().query().is_some() {
            return None;
        }
        let (catalog, code) = code_path(request.uri().path())?;
        let started = Instant::now();
        let _permit = self.permits.try_acquire().ok()?;
        let _in_flight = self.shared.metrics.start();
        let response = routes::kept_code(&self.shared, catalog, code, request.headers())?;
        observe::record(
            &self.shared,
            request.method(),
            CODE,
            started.elapsed(),
            &response,
        );
        Some(response)
    }
}

/// Completes a response as the router's layers and axum's top-level
/// route complete it: `nosniff`, the security policy, `Content-Length`.
pub(crate) fn complete(response: &mut Response) {
    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    if let Some(length) = response.body().size_hint().exact() {
        response
            .headers_mut()
            .insert(header::CONTENT_LENGTH, HeaderValue::from(length));
    }
}

/// The two segments of `/v1/codes/{catalog}/{code}` when both are plain
/// (ASCII letters, digits, `-` and `_`: nothing the router would decode or
/// route elsewhere).
fn code_path(path: &str) -> Option<(&str, &str)> {
    let (catalog, code) = path.strip_prefix("/v1/codes/")?.split_once('/')?;
    let plain = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    };
    (plain(catalog) && plain(code)).then_some((catalog, code))
}

/// A kept answer, or the router's.
pub(crate) enum HotFuture {
    Kept(Option<Response>),
    Routed(Pin<Box<dyn Future<Output = Result<Response, Infallible>> + Send>>),
}

impl Future for HotFuture {
    type Output = Result<Response, Infallible>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match self.get_mut() {
            HotFuture::Kept(response) => {
                Poll::Ready(Ok(response.take().unwrap_or_else(Response::default)))
            }
            HotFuture::Routed(future) => future.as_mut().poll(cx),
        }
    }
}

impl<B> hyper::service::Service<Request<B>> for Hot
where
    B: axum::body::HttpBody<Data = axum::body::Bytes> + Send + 'static,
    B::Error: Into<axum::BoxError>,
{
    type Response = Response;
    type Error = Infallible;
    type Future = HotFuture;

    fn call(&self, request: Request<B>) -> HotFuture {
        match self.answer(&request) {
            Some(response) => HotFuture::Kept(Some(response)),
            None => HotFuture::Routed(Box::pin(
                self.router.clone().oneshot(request.map(Body::new)),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::{App, Options};
    use http_body_util::BodyExt;
    use hyper::service::Service as _;

    fn request(method: Method, uri: &str) -> Request<Body> {
        Request::builder()
            .method(method)
            .uri(uri)
            .header(header::ACCEPT_LANGUAGE, "kk")
            .body(Body::empty())
            .unwrap()
    }

    async fn parts(response: Response) -> (axum::http::response::Parts, axum::body::Bytes) {
        let (head, body) = response.into_parts();
        (head, body.collect().await.unwrap().to_bytes())
    }

    #[tokio::test]
    async fn kept_answers_are_given_before_the_router_and_nothing_else() {
        let app = App::new(&Options::new()).unwrap();
        let permits = Arc::new(Semaphore::new(1));
        let router = app.router_limited_by(Arc::clone(&permits));
        let hot = Hot::new(
            Arc::clone(&app.shared),
            router.clone(),
            Arc::clone(&permits),
            true,
        );
        let path = "/v1/codes/planfix/1000";
        // Not kept yet: the router answers, and keeps it.
        assert!(hot.answer(&request(Method::GET, path)).is_none());
        let routed = parts(hot.call(request(Method::GET, path)).await.unwrap()).await;
        let kept = hot.answer(&request(Method::GET, path)).unwrap();
        let kept = parts(kept).await;
        assert_eq!(kept.0.status, routed.0.status);
        assert_eq!(kept.0.headers, routed.0.headers);
        assert_eq!(kept.1, routed.1);
        let called = parts(hot.call(request(Method::GET, path)).await.unwrap()).await;
        assert_eq!(
            (&called.0.headers, &called.1),
            (&routed.0.headers, &routed.1)
        );
        // The public router, for other servers, answers the same.
        let public = app.router().oneshot(request(Method::GET, path)).await;
        let public = parts(public.unwrap()).await;
        assert_eq!(public.0.status, routed.0.status);
        assert_eq!((public.0.headers, public.1), (routed.0.headers, routed.1));

        // Anything else goes to the router.
        for (method, uri) in [
            (Method::GET, "/v1/codes/planfix/1000?lang=kk"),
            (Method::GET, "/v1/codes/planfix/1000?"),
            (Method::HEAD, path),
            (Method::POST, path),
            (Method::GET, "/v1/codes/planfix:1000"),
        ] {
            assert!(hot.answer(&request(method, uri)).is_none(), "{uri}");
        }
        let off = Hot::new(Arc::clone(&app.shared), router, Arc::clone(&permits), false);
        assert!(off.answer(&request(Method::GET, path)).is_none());
        // With every permit taken, the router answers (429).
        let held = permits.try_acquire().unwrap();
        assert!(hot.answer(&request(Method::GET, path)).is_none());
        let refused = hot.call(request(Method::GET, path)).await.unwrap();
        assert_eq!(refused.status(), axum::http::StatusCode::TOO_MANY_REQUESTS);
        drop(held);
        assert!(hot.answer(&request(Method::GET, path)).is_some());
    }

    #[test]
    fn only_plain_two_segment_code_paths_are_hot() {
        assert_eq!(
            code_path("/v1/codes/planfix/1000"),
            Some(("planfix", "1000"))
        );
        assert_eq!(
            code_path("/v1/codes/planfix/task-not_found"),
            Some(("planfix", "task-not_found"))
        );
        for cold in [
            "/v1/codes/planfix:1000",
            "/v1/codes/planfix/",
            "/v1/codes//1000",
            "/v1/codes/planfix/1000/",
            "/v1/codes/planfix/10%30",
            "/v1/codes/planfix/..",
            "/v1/codes/plan.fix/1000",
            "/v1/codes/planfix/1 000",
            "/v1/codes/planfix/1000+",
            "/v2/codes/planfix/1000",
            "/v1/codesplanfix/1000",
            "/healthz",
        ] {
            assert_eq!(code_path(cold), None, "{cold}");
        }
    }
}
