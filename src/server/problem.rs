//! Every failure the service answers, as one JSON shape with its status:
//! an RFC 9457 problem document (`application/problem+json`) that keeps
//! errcat's own `error` object:
//! `{"type": "about:blank", "title": "Not Found", "status": 404, "detail": "…",
//! "error": {"kind": "unknown-code", "message": "…"}}`.
//!
//! An error's message may repeat what the client sent (a catalog's name
//! from the path); the answer is JSON, never HTML, with `nosniff` and a
//! policy that lets a browser run or load nothing from it.
//!
//! This module owns the mapping from the library's [`Error`] and from
//! axum's extractor rejections to HTTP statuses; handlers never pick a
//! status for a failure themselves. It must not look anything up.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

use crate::{Catalog, CatalogId, Error, FallbackChain};

/// A failure answered to a client: a status, a stable kind and a one-line
/// message.
#[derive(Debug, Clone)]
pub(crate) struct ApiError {
    pub(crate) status: StatusCode,
    pub(crate) kind: &'static str,
    pub(crate) message: String,
    /// `Content-Language` of the message, once it is localized.
    pub(crate) language: Option<String>,
}

/// The `Content-Security-Policy` of every answer: nothing may be loaded,
/// run or framed.
pub(crate) const CSP: &str = "default-src 'none'; frame-ancestors 'none'; sandbox";

/// The media type of every error body (RFC 9457).
pub(crate) const PROBLEM_JSON: &str = "application/problem+json";

/// The body of every error response: an RFC 9457 problem document with
/// errcat's `error` object as an extension member.
#[derive(Serialize, ToSchema)]
pub(crate) struct ErrorBody {
    /// Always `about:blank`: the status says what kind of problem it is,
    /// `error.kind` says more.
    #[serde(rename = "type")]
    #[schema(example = "about:blank")]
    problem_type: &'static str,
    /// The status's reason phrase.
    #[schema(example = "Not Found")]
    title: &'static str,
    /// The HTTP status.
    #[schema(example = 404)]
    status: u16,
    /// The same one line as `error.message`.
    detail: String,
    error: ErrorDetail,
}

/// What went wrong.
#[derive(Serialize, ToSchema)]
pub(crate) struct ErrorDetail {
    /// A stable id for programs: `invalid-code`, `unknown-catalog`,
    /// `unknown-code`, `invalid-locale`, `invalid-json`, `invalid-response`,
    /// `invalid-query`, `invalid-path`, `invalid-body`, `not-found`,
    /// `method-not-allowed`, `body-too-large`, `unsupported-media-type`,
    /// `timeout`, `overloaded`, `internal`.
    #[schema(example = "unknown-code")]
    kind: &'static str,
    /// One line for people.
    message: String,
}

impl ApiError {
    pub(crate) fn new(status: StatusCode, kind: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            kind,
            message: message.into(),
            language: None,
        }
    }

    pub(crate) fn bad_request(kind: &'static str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, kind, message)
    }

    pub(crate) fn not_found() -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "not-found",
            "no such resource; see /openapi.json",
        )
    }

    pub(crate) fn method_not_allowed() -> Self {
        Self::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "method-not-allowed",
            "this resource does not accept that method (see the Allow header)",
        )
    }
}

impl ApiError {
    /// A library error whose message is said in the request's language
    /// (errcat's own words along `chain`, see `Catalog::display_error`);
    /// the status and kind are those of [`ApiError::from`].
    pub(crate) fn said(err: Error, catalog: &Catalog, chain: &FallbackChain) -> Self {
        let message = catalog.display_error(&err, chain).to_string();
        ApiError {
            message,
            ..ApiError::from(err)
        }
    }
}

impl From<Error> for ApiError {
    /// Bad input is 400, something that does not exist is 404, and a
    /// catalog that cannot answer is the server's fault.
    fn from(err: Error) -> Self {
        // The library's own kind; what only the server can have caused
        // (its folder, its catalog) is not the client's to see.
        let (status, kind) = match &err {
            Error::InvalidCode { .. }
            | Error::AmbiguousCode { .. }
            | Error::InvalidLocale { .. }
            | Error::InvalidJson { .. }
            | Error::InvalidResponse { .. } => (StatusCode::BAD_REQUEST, err.kind()),
            Error::UnknownCatalog { .. }
            | Error::UnknownCode { .. }
            | Error::UnknownNumber { .. } => (StatusCode::NOT_FOUND, err.kind()),
            _ => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
        };
        ApiError::new(status, kind, err.to_string())
    }
}

/// The 404 for a code the catalog does not have. When the API's number is
/// known, the message is the catalog's own unknown-code text in the
/// request's language (and `Content-Language` says which); otherwise the
/// library's error.
pub(crate) fn unknown_code(
    catalog: &Catalog,
    chain: &FallbackChain,
    number: Option<(CatalogId, i64)>,
    err: Error,
) -> ApiError {
    let Some((id, number)) = number else {
        return ApiError::said(err, catalog, chain);
    };
    let e = catalog.explain_number(id, number, chain);
    ApiError {
        language: Some(e.locale().to_string()),
        ..ApiError::new(
            StatusCode::NOT_FOUND,
            "unknown-code",
            format!("{}: {}", e.plain_title(), e.plain_explanation()),
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            problem_type: "about:blank",
            title: self.status.canonical_reason().unwrap_or("Error"),
            status: self.status.as_u16(),
            detail: self.message.clone(),
            error: ErrorDetail {
                kind: self.kind,
                message: self.message,
            },
        };
        let mut response = (self.status, Json(body)).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        );
        if let Some(language) = self.language.and_then(|l| HeaderValue::try_from(l).ok()) {
            response
                .headers_mut()
                .insert(header::CONTENT_LANGUAGE, language);
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn library_errors_map_to_statuses() {
        let catalog = Catalog::embedded();
        let status = |code: &str, lang: &str| {
            let err = catalog.explain(code, lang).err().map(ApiError::from);
            err.map(|e| (e.status.as_u16(), e.kind))
        };
        assert_eq!(status("1000", "en"), None, "only planfix has 1000");
        assert_eq!(status("1", "en"), Some((400, "ambiguous-code")));
        assert_eq!(status("planfix", "en"), Some((400, "invalid-code")));
        assert_eq!(status("jira:1", "en"), Some((404, "unknown-catalog")));
        assert_eq!(status("planfix:4242", "en"), Some((404, "unknown-code")));
        assert_eq!(
            status("planfix:1000", "../.."),
            Some((400, "invalid-locale"))
        );
        assert_eq!(status("planfix:1000", "en"), None);
    }

    #[test]
    fn an_unknown_number_gets_the_localized_text() {
        let catalog = Catalog::embedded();
        let chain = catalog.chain("kk").unwrap();
        let err = "planfix:77".parse::<crate::Code>().unwrap_err();
        let e = unknown_code(catalog, &chain, Some((CatalogId::Planfix, 77)), err.clone());
        assert_eq!((e.status.as_u16(), e.kind), (404, "unknown-code"));
        assert_eq!(e.language.as_deref(), Some("kk"));
        assert!(e.message.contains("77"), "{}", e.message);
        let english = catalog.explain_number(CatalogId::Planfix, 77, &catalog.chain("en").unwrap());
        assert!(
            !e.message.contains(&*english.plain_title()),
            "{}",
            e.message
        );
        // Without a number, the library's error.
        let e = unknown_code(catalog, &chain, None, err);
        assert_eq!(e.kind, "unknown-code");
    }
}
