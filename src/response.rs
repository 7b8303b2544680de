//! Raw API responses, as support staff paste them: which API sent it, which
//! code it carries, and what the server said beside it.
//!
//! Mobizon answers `{"code": …, "data": …, "message": …}`; Planfix answers
//! `{"Result": …, "Code": …, "Error": …}`. The key's spelling tells them
//! apart.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::code::{CatalogId, Code};
use crate::error::{Error, ResponseProblem, shown};

/// A parsed API response.
///
/// ```
/// use errcat::{ApiResponse, CatalogId};
/// let r = ApiResponse::parse(r#"{"code": 30, "data": [], "message": "Too many requests"}"#, None).unwrap();
/// assert_eq!((r.catalog, r.number), (CatalogId::Mobizon, Some(30)));
/// assert_eq!(r.message.as_deref(), Some("Too many requests"));
/// assert_eq!(r.code().unwrap(), errcat::mobizon::RATE_LIMIT_EXCEEDED);
///
/// let r = ApiResponse::parse(r#"{"Result": "fail", "Code": "1000", "Error": "Task not exists"}"#, None).unwrap();
/// assert_eq!((r.catalog, r.number), (CatalogId::Planfix, Some(1000)));
/// assert_eq!(r.result, Some(serde_json::json!("fail")));
///
/// // Planfix answers success without a code:
/// let r = ApiResponse::parse(r#"{"Result": "success", "task": {"id": 7}}"#, None).unwrap();
/// assert_eq!((r.catalog, r.number), (CatalogId::Planfix, None));
/// assert!(r.is_success());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ApiResponse {
    /// The API that sent it.
    pub catalog: CatalogId,
    /// The code it carries; `None` for a Planfix success
    /// (`{"Result": "success"}`), which carries none.
    #[serde(rename = "code")]
    pub number: Option<u32>,
    /// The server's own text: Mobizon's `message`, Planfix's `Error`.
    pub message: Option<String>,
    /// Mobizon's `data`, as sent.
    pub data: Option<Value>,
    /// Planfix's `Result`, as sent (`"fail"` on errors).
    pub result: Option<Value>,
}

impl ApiResponse {
    /// Parses a response of either API; `catalog` forces one instead of
    /// detecting it from the keys.
    ///
    /// Errors: [`Error::InvalidJson`] (with line and column) when the text is
    /// not JSON, [`Error::InvalidResponse`] when it is JSON but carries no
    /// usable code.
    ///
    /// ```
    /// use errcat::{ApiResponse, Error};
    /// let err = ApiResponse::parse("{\"code\": 30,", None).unwrap_err();
    /// assert!(matches!(err, Error::InvalidJson { line: 1, column: 12, .. }));
    /// let err = ApiResponse::parse(r#"{"data": []}"#, None).unwrap_err();
    /// assert_eq!(err.to_string(), "invalid response: no `code` (Mobizon) or `Code` (Planfix) field");
    /// ```
    pub fn parse(text: &str, catalog: Option<CatalogId>) -> Result<ApiResponse, Error> {
        let value: Value = serde_json::from_str(text).map_err(|e| Error::InvalidJson {
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })?;
        let invalid = |problem: ResponseProblem| Error::InvalidResponse { problem };
        let Value::Object(object) = value else {
            return Err(invalid(ResponseProblem::NotAnObject {
                got: kind_of(&value),
            }));
        };
        let planfix_success = object.get("Result").and_then(Value::as_str) == Some("success")
            && !object.contains_key("Code");
        let catalog = match catalog {
            Some(c) => c,
            None if planfix_success => CatalogId::Planfix,
            None => detect(&object).ok_or(invalid(ResponseProblem::NoCode))?,
        };
        if catalog == CatalogId::Planfix && planfix_success {
            return Ok(ApiResponse {
                catalog,
                number: None,
                message: None,
                data: None,
                result: object.get("Result").cloned(),
            });
        }
        let (code_key, message_key) = match catalog {
            CatalogId::Planfix => ("Code", "Error"),
            CatalogId::Mobizon => ("code", "message"),
        };
        let raw = object.get(code_key).ok_or_else(|| {
            invalid(ResponseProblem::NoCodeField {
                field: code_key,
                catalog,
            })
        })?;
        let number = match raw {
            Value::Number(n) => n.as_u64().and_then(|n| u32::try_from(n).ok()),
            Value::String(s) if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) => {
                s.parse().ok()
            }
            _ => None,
        }
        .ok_or_else(|| {
            invalid(ResponseProblem::BadCode {
                field: code_key,
                got: shown(&raw.to_string()),
            })
        })?;
        let message = object.get(message_key).map(|m| match m {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        });
        Ok(ApiResponse {
            catalog,
            number: Some(number),
            message,
            data: object
                .get("data")
                .filter(|_| catalog == CatalogId::Mobizon)
                .cloned(),
            result: object
                .get("Result")
                .filter(|_| catalog == CatalogId::Planfix)
                .cloned(),
        })
    }

    /// The code the response carries, if the catalog knows it: an
    /// [`Error::UnknownCode`] for a number it does not have, and for a
    /// Planfix success, which carries no code. To show something in every
    /// case, use [`Catalog::explain_response`](crate::Catalog::explain_response).
    ///
    /// ```
    /// use errcat::{ApiResponse, planfix};
    /// let r = ApiResponse::parse(r#"{"Result": "fail", "Code": 1000}"#, None)?;
    /// assert_eq!(r.code()?, planfix::TASK_NOT_FOUND);
    /// let r = ApiResponse::parse(r#"{"Result": "fail", "Code": 77}"#, None)?;
    /// assert!(r.code().is_err());
    /// # Ok::<(), errcat::Error>(())
    /// ```
    pub fn code(&self) -> Result<Code, Error> {
        let unknown = |shown: String| Error::UnknownCode {
            input: shown,
            catalog: self.catalog,
            suggestion: None,
        };
        match self.number {
            Some(n) => Code::try_from((self.catalog, n)),
            None => Err(unknown(format!(
                "\"{}:success\" (a success carries no code)",
                self.catalog
            ))),
        }
    }

    /// Whether the request succeeded: a Planfix success, or a code of kind
    /// success.
    ///
    /// ```
    /// use errcat::ApiResponse;
    /// assert!(ApiResponse::parse(r#"{"Result": "success"}"#, None)?.is_success());
    /// assert!(ApiResponse::parse(r#"{"code": 0, "data": [], "message": ""}"#, None)?.is_success());
    /// assert!(!ApiResponse::parse(r#"{"code": 30, "data": [], "message": ""}"#, None)?.is_success());
    /// # Ok::<(), errcat::Error>(())
    /// ```
    pub fn is_success(&self) -> bool {
        match self.number {
            None => true,
            Some(_) => self
                .code()
                .is_ok_and(|c| c.kind() == crate::code::Kind::Success),
        }
    }
}

/// Which API's keys the object has. Mobizon's lowercase `code` and
/// Planfix's `Code` never appear together in a real response; if both do,
/// the other keys decide.
fn detect(object: &Map<String, Value>) -> Option<CatalogId> {
    let mobizon = object.contains_key("code");
    let planfix = object.contains_key("Code");
    match (mobizon, planfix) {
        (true, false) => Some(CatalogId::Mobizon),
        (false, true) => Some(CatalogId::Planfix),
        (true, true) if object.contains_key("Result") || object.contains_key("Error") => {
            Some(CatalogId::Planfix)
        }
        (true, true) => Some(CatalogId::Mobizon),
        (false, false) => None,
    }
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}
