//! Raw API responses, as support staff paste them: which API sent it, which
//! code it carries, what the server said beside it, and, for a Mobizon
//! answer about several recipients, each recipient's own result.
//!
//! The rules follow the vendors' contracts, not our own drawings of them:
//!
//! - Planfix (its OpenAPI document, schema `ApiResponseError`) answers
//!   `{"result": "fail", "code": 1000, "error": "…"}` and
//!   `{"result": "success", …}`; its help table draws the same keys
//!   capitalised. Keys are read in any ASCII case.
//! - Mobizon answers `{"code": …, "data": …, "message": …}`. For
//!   `campaign/addRecipients` (codes 98 and 99) `data` is an array of
//!   items `{recipient, code, messageId, …}`, each `code` from the
//!   `mobizon-recipient` catalog.
//!
//! A body is attributed to an API only on evidence: Planfix's `result` or
//! `error` (or the capitalised keys), Mobizon's `code` beside `data` or
//! `message`, an item's `recipient`. A bare `{"code": 30}` could be either
//! and is refused with both readings named, never guessed.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::code::{CatalogId, Code, Kind, Shape};
use crate::error::{Error, ResponseProblem};

/// A parsed API response.
///
/// ```
/// use errcat::{ApiResponse, CatalogId};
/// let r = ApiResponse::parse(r#"{"code": 30, "data": [], "message": "Too many requests"}"#, None).unwrap();
/// assert_eq!((r.catalog, r.number), (CatalogId::Mobizon, Some(30)));
/// assert_eq!(r.message.as_deref(), Some("Too many requests"));
/// assert_eq!(r.code().unwrap(), errcat::mobizon::RATE_LIMIT_EXCEEDED);
///
/// // Planfix, as its OpenAPI document and every client write it:
/// let r = ApiResponse::parse(r#"{"result":"fail","code":1000,"error":"Task not found by id 10"}"#, None).unwrap();
/// assert_eq!((r.catalog, r.number), (CatalogId::Planfix, Some(1000)));
/// assert_eq!(r.message.as_deref(), Some("Task not found by id 10"));
///
/// // Planfix answers success without a code:
/// let r = ApiResponse::parse(r#"{"result": "success", "task": {"id": 7}}"#, None).unwrap();
/// assert_eq!((r.catalog, r.number), (CatalogId::Planfix, None));
/// assert!(r.is_success());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ApiResponse {
    /// The API that sent it (or, for a lone recipient item,
    /// [`CatalogId::MobizonRecipient`]).
    pub catalog: CatalogId,
    /// The code it carries; `None` for a Planfix success
    /// (`{"result": "success"}`), which carries none.
    #[serde(rename = "code")]
    pub number: Option<u32>,
    /// The server's own text: Mobizon's `message`, Planfix's `error`;
    /// `None` when the response has none or an empty one.
    pub message: Option<String>,
    /// Mobizon's `data`, as sent.
    pub data: Option<Value>,
    /// Planfix's `result`, as sent (`"fail"` on errors).
    pub result: Option<Value>,
    /// Each recipient's result, when Mobizon's `data` is an array of
    /// per-recipient items (`campaign/addRecipients`), or the item itself
    /// when a lone item was given; empty otherwise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recipients: Vec<RecipientResult>,
}

/// One item of a Mobizon per-recipient answer: `{recipient, code,
/// messageId, …}` (see `campaign/addRecipients` in Mobizon's documentation).
///
/// ```
/// use errcat::{ApiResponse, mobizon_recipient};
/// let r = ApiResponse::parse(r#"{"code":98,"data":[{"recipient":"77010000000","code":4}],"message":""}"#, None)?;
/// let item = &r.recipients[0];
/// assert_eq!(item.recipient.as_deref(), Some("77010000000"));
/// assert_eq!(item.code(), Some(mobizon_recipient::ALREADY_ADDED));
/// # Ok::<(), errcat::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RecipientResult {
    /// The recipient as sent (`recipient`; a number is shown as its digits).
    pub recipient: Option<String>,
    /// The item's per-recipient code; `None` when the item has no usable
    /// `code`.
    #[serde(rename = "code")]
    pub number: Option<u32>,
    /// The message id Mobizon gave the recipient (`messageId`), as sent.
    #[serde(rename = "messageId", skip_serializing_if = "Option::is_none")]
    pub message_id: Option<String>,
}

impl RecipientResult {
    /// The item's code in the `mobizon-recipient` catalog, if the catalog
    /// has its number.
    ///
    /// ```
    /// use errcat::ApiResponse;
    /// let r = ApiResponse::parse(r#"{"recipient": "77010000000", "code": 5}"#, None)?;
    /// assert_eq!(r.recipients[0].code().unwrap().name(), "in-stop-list");
    /// # Ok::<(), errcat::Error>(())
    /// ```
    pub fn code(&self) -> Option<Code> {
        self.number
            .and_then(|n| CatalogId::MobizonRecipient.code(n))
    }
}

/// How many recipients a per-recipient answer added, and how many it
/// refused for each reason.
///
/// ```
/// use errcat::ApiResponse;
/// let r = ApiResponse::parse(r#"{"code":98,"data":[{"recipient":"1","code":0},{"recipient":"2","code":4},{"recipient":"3","code":4}],"message":""}"#, None)?;
/// let s = r.recipient_summary();
/// assert_eq!((s.added, s.refused), (1, 2));
/// assert_eq!(s.reasons, vec![(Some(4), 2)]);
/// # Ok::<(), errcat::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[non_exhaustive]
pub struct RecipientSummary {
    /// Items with code 0 (added).
    pub added: usize,
    /// Every other item.
    pub refused: usize,
    /// Each refusal's code with its count, most frequent first (ties in
    /// code order); `None` counts items without a usable code.
    pub reasons: Vec<(Option<u32>, usize)>,
}

/// The largest recipients array read from one response: a real
/// `addRecipients` call takes at most a few hundred recipients.
const MAX_RECIPIENTS: usize = 100_000;

impl ApiResponse {
    /// Parses a response of either API; `catalog` forces one instead of
    /// detecting it from the keys.
    ///
    /// A code is a JSON number with an integer value from 0 to
    /// `u32::MAX` (`30`, `30.0`, `3e1` and `-0` are all integers) or a
    /// string of ASCII digits (`"1000"`).
    ///
    /// Errors: [`Error::InvalidJson`] (with line and column) when the text is
    /// not JSON, [`Error::InvalidResponse`] when it is JSON but carries no
    /// usable code, or when its keys do not say which API sent it.
    ///
    /// ```
    /// use errcat::{ApiResponse, Error, ResponseProblem};
    /// let err = ApiResponse::parse("{\"code\": 30,", None).unwrap_err();
    /// assert!(matches!(err, Error::InvalidJson { line: 1, column: 12, .. }));
    /// let err = ApiResponse::parse(r#"{"data": []}"#, None).unwrap_err();
    /// assert_eq!(err.to_string(), "invalid response: no `code` field");
    /// // Mobizon's 30 or Planfix's 30? The keys do not say:
    /// let err = ApiResponse::parse(r#"{"code": 30}"#, None).unwrap_err();
    /// assert!(matches!(err, Error::InvalidResponse { problem: ResponseProblem::Ambiguous { number: 30 } }));
    /// ```
    pub fn parse(text: &str, catalog: Option<CatalogId>) -> Result<ApiResponse, Error> {
        let value: Value = serde_json::from_str(text).map_err(|e| Error::InvalidJson {
            line: e.line(),
            column: e.column(),
            message: json_problem(&e),
        })?;
        ApiResponse::from_value(&value, catalog)
    }

    /// [`parse`](Self::parse) for JSON already parsed.
    ///
    /// ```
    /// use errcat::{ApiResponse, CatalogId};
    /// let body = serde_json::json!({"result": "fail", "code": "6001", "error": "Failed to add entry"});
    /// assert_eq!(ApiResponse::from_value(&body, None)?.number, Some(6001));
    /// # Ok::<(), errcat::Error>(())
    /// ```
    pub fn from_value(value: &Value, catalog: Option<CatalogId>) -> Result<ApiResponse, Error> {
        let invalid = |problem: ResponseProblem| Error::InvalidResponse { problem };
        let Value::Object(object) = value else {
            return Err(invalid(ResponseProblem::NotAnObject {
                got: kind_of(value),
            }));
        };
        let keys = Keys(object);
        let catalog = match catalog {
            Some(forced) => {
                if let Some(other) = keys.contradicts(forced.shape()) {
                    return Err(invalid(ResponseProblem::NotFromCatalog {
                        catalog: forced,
                        field: other,
                    }));
                }
                forced
            }
            None => keys.detect()?,
        };
        match catalog.shape() {
            Shape::Planfix => read_planfix(catalog, &keys),
            Shape::Mobizon => read_mobizon(catalog, &keys),
            Shape::Item => {
                let item = read_item(&keys, catalog)?;
                Ok(ApiResponse {
                    catalog,
                    number: item.number,
                    message: None,
                    data: None,
                    result: None,
                    recipients: vec![item],
                })
            }
        }
    }

    /// The code the response carries, if the catalog knows it: an
    /// [`Error::UnknownCode`] for a number it does not have, and for a
    /// Planfix success, which carries no code. To show something in every
    /// case, use [`Catalog::explain_response`](crate::Catalog::explain_response).
    ///
    /// ```
    /// use errcat::{ApiResponse, planfix};
    /// let r = ApiResponse::parse(r#"{"result": "fail", "code": 1000}"#, None)?;
    /// assert_eq!(r.code()?, planfix::TASK_NOT_FOUND);
    /// let r = ApiResponse::parse(r#"{"result": "fail", "code": 77}"#, None)?;
    /// assert!(r.code().is_err());
    /// # Ok::<(), errcat::Error>(())
    /// ```
    pub fn code(&self) -> Result<Code, Error> {
        match self.number {
            Some(n) => Code::try_from((self.catalog, n)),
            None => Err(Error::UnknownCode {
                input: format!("{}:success", self.catalog),
                catalog: self.catalog,
                suggestion: None,
            }),
        }
    }

    /// Whether the request succeeded: a Planfix success, or a code of kind
    /// success.
    ///
    /// ```
    /// use errcat::ApiResponse;
    /// assert!(ApiResponse::parse(r#"{"result": "success"}"#, None)?.is_success());
    /// assert!(ApiResponse::parse(r#"{"code": 0, "data": [], "message": ""}"#, None)?.is_success());
    /// assert!(!ApiResponse::parse(r#"{"code": 30, "data": [], "message": ""}"#, None)?.is_success());
    /// // Planfix's "Rest API error" carries code 0: a failure, never a success.
    /// assert!(!ApiResponse::parse(r#"{"result":"fail","code":0,"error":"Rest API error"}"#, None)?.is_success());
    /// # Ok::<(), errcat::Error>(())
    /// ```
    pub fn is_success(&self) -> bool {
        match self.number {
            None => true,
            Some(_) => self.code().is_ok_and(|c| c.kind() == Kind::Success),
        }
    }

    /// How many of [`recipients`](Self::recipients) were added (code 0)
    /// and how many were refused, by reason.
    ///
    /// ```
    /// use errcat::ApiResponse;
    /// let r = ApiResponse::parse(r#"{"code": 0, "data": {"id": "1"}, "message": ""}"#, None)?;
    /// assert_eq!(r.recipient_summary().added + r.recipient_summary().refused, 0);
    /// # Ok::<(), errcat::Error>(())
    /// ```
    pub fn recipient_summary(&self) -> RecipientSummary {
        let mut summary = RecipientSummary::default();
        let mut counts: std::collections::BTreeMap<Option<u32>, usize> = Default::default();
        for item in &self.recipients {
            if item.number == Some(0) {
                summary.added += 1;
            } else {
                summary.refused += 1;
                *counts.entry(item.number).or_default() += 1;
            }
        }
        summary.reasons = counts.into_iter().collect();
        // Stable: equal counts keep code order.
        summary.reasons.sort_by_key(|r| std::cmp::Reverse(r.1));
        summary
    }
}

/// An object's keys, looked up as the vendors' contracts allow.
struct Keys<'a>(&'a Map<String, Value>);

impl<'a> Keys<'a> {
    /// The value of `key` spelt exactly so.
    fn exact(&self, key: &str) -> Option<&'a Value> {
        self.0.get(key)
    }

    /// The value of `key` in any ASCII case, the exact spelling first.
    fn any_case(&self, key: &str) -> Option<&'a Value> {
        self.0.get(key).or_else(|| {
            self.0
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(key))
                .map(|(_, v)| v)
        })
    }

    /// Planfix's evidence: a `result` (any case), an `error` (Mobizon
    /// says `message`), or the help table's capitalised `Code`.
    fn planfix(&self) -> Option<&'static str> {
        if self.any_case("result").is_some() {
            Some("result")
        } else if self.any_case("error").is_some() {
            Some("error")
        } else if self.exact("Code").is_some() {
            Some("Code")
        } else {
            None
        }
    }

    /// Mobizon's evidence: `code` beside `data` or `message`.
    fn mobizon(&self) -> Option<&'static str> {
        if self.exact("code").is_none() {
            None
        } else if self.exact("data").is_some() {
            Some("data")
        } else if self.exact("message").is_some() {
            Some("message")
        } else {
            None
        }
    }

    /// An item's evidence: `recipient`.
    fn item(&self) -> bool {
        self.exact("recipient").is_some()
    }

    /// A key that shows the body comes from another shape than `shape`.
    fn contradicts(&self, shape: Shape) -> Option<&'static str> {
        match shape {
            Shape::Mobizon | Shape::Item => self
                .any_case("result")
                .map(|_| "result")
                .or_else(|| self.exact("Code").map(|_| "Code")),
            Shape::Planfix => self.item().then_some("recipient"),
        }
    }

    /// Which API sent the object, on evidence only.
    fn detect(&self) -> Result<CatalogId, Error> {
        let invalid = |problem: ResponseProblem| Error::InvalidResponse { problem };
        let planfix = self.planfix();
        let mobizon = self.mobizon();
        let item = self.item();
        match (planfix, mobizon, item) {
            // `result` is Planfix's alone; `data` beside it is a Planfix
            // entity that happens to be called so.
            (Some("result"), _, _) => Ok(CatalogId::Planfix),
            (Some(_), None, false) => Ok(CatalogId::Planfix),
            (None, Some(_), false) => Ok(CatalogId::Mobizon),
            (None, None, true) => Ok(CatalogId::MobizonRecipient),
            (None, None, false) => match self.exact("code").map(read_code) {
                Some(Ok(number)) => Err(invalid(ResponseProblem::Ambiguous { number })),
                Some(Err(_)) => Err(self.bad_code("code")),
                None => Err(invalid(
                    self.wrapped().map_or(ResponseProblem::NoCode, |key| {
                        ResponseProblem::Wrapped { key }
                    }),
                )),
            },
            // Keys of two shapes at once: say so rather than guess.
            _ => Err(invalid(ResponseProblem::Mixed)),
        }
    }

    /// The key under which a client wrapped the API's body
    /// (`{"response": {"code": …, …}}`), if the object is such a wrapper.
    fn wrapped(&self) -> Option<String> {
        self.0.iter().find_map(|(key, value)| {
            let Value::Object(inner) = value else {
                return None;
            };
            // A wrapped body carries a code: Planfix's partial-update
            // `{"failures": {"field": …, "error": …}}` is no wrapper.
            let inner = Keys(inner);
            let evidence = inner.planfix().is_some() || inner.mobizon().is_some() || inner.item();
            (evidence && inner.any_case("code").is_some()).then(|| key.clone())
        })
    }

    fn bad_code(&self, field: &'static str) -> Error {
        let got = self
            .any_case(field)
            .map_or_else(|| "null".to_owned(), shown_json);
        Error::InvalidResponse {
            problem: ResponseProblem::BadCode { field, got },
        }
    }

    /// The server's text under `key`: a string as it is, anything else as
    /// JSON; nothing for an absent, null or blank one.
    fn text(&self, value: Option<&Value>) -> Option<String> {
        let text = match value? {
            Value::Null => return None,
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        (!text.trim().is_empty()).then_some(text)
    }
}

fn read_planfix(catalog: CatalogId, keys: &Keys<'_>) -> Result<ApiResponse, Error> {
    let result = keys.any_case("result");
    // Its OpenAPI document says `error`; some clients' fixtures `message`.
    let message = keys
        .text(keys.any_case("error"))
        .or_else(|| keys.text(keys.any_case("message")));
    let success = result
        .and_then(Value::as_str)
        .is_some_and(|r| r.trim().eq_ignore_ascii_case("success"));
    let number = match keys.any_case("code") {
        // Planfix's success carries no code; a `null` one is no code.
        None | Some(Value::Null) if success => None,
        None => {
            return Err(Error::InvalidResponse {
                problem: ResponseProblem::NoCodeField {
                    field: "code",
                    catalog,
                },
            });
        }
        Some(raw) => Some(read_code(raw).map_err(|()| keys.bad_code("code"))?),
    };
    Ok(ApiResponse {
        catalog,
        number,
        message,
        data: None,
        result: result.cloned(),
        recipients: Vec::new(),
    })
}

fn read_mobizon(catalog: CatalogId, keys: &Keys<'_>) -> Result<ApiResponse, Error> {
    let raw = keys.exact("code").ok_or(Error::InvalidResponse {
        problem: ResponseProblem::NoCodeField {
            field: "code",
            catalog,
        },
    })?;
    let number = read_code(raw).map_err(|()| keys.bad_code("code"))?;
    let data = keys.exact("data");
    let recipients = match data {
        Some(Value::Array(items)) => items
            .iter()
            .take(MAX_RECIPIENTS)
            .filter_map(|item| match item {
                Value::Object(o) => {
                    // Other methods' arrays (links, …) carry a `code` of
                    // their own: only an item with a recipient is one.
                    let keys = Keys(o);
                    keys.item().then(|| recipient(&keys))
                }
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    Ok(ApiResponse {
        catalog,
        number: Some(number),
        message: keys.text(keys.exact("message")),
        data: data.cloned(),
        result: None,
        recipients,
    })
}

/// A lone per-recipient item: its code must be usable.
fn read_item(keys: &Keys<'_>, catalog: CatalogId) -> Result<RecipientResult, Error> {
    if keys.exact("code").is_none() {
        return Err(Error::InvalidResponse {
            problem: ResponseProblem::NoCodeField {
                field: "code",
                catalog,
            },
        });
    }
    let item = recipient(keys);
    if item.number.is_none() {
        return Err(keys.bad_code("code"));
    }
    Ok(item)
}

fn recipient(keys: &Keys<'_>) -> RecipientResult {
    let text = |key: &str| match keys.exact(key)? {
        Value::String(s) => Some(s.clone()),
        Value::Null => None,
        other => Some(other.to_string()),
    };
    RecipientResult {
        recipient: text("recipient"),
        number: keys.exact("code").and_then(|c| read_code(c).ok()),
        message_id: text("messageId"),
    }
}

/// A code: a JSON number with an integer value from 0 to `u32::MAX`, or a
/// string of ASCII digits. `30.0`, `3e1` and `-0` are integers in JSON's
/// number model (RFC 8259 §6 sets no integer type), and a JavaScript
/// reader cannot tell them from `30` and `0`, so both front-ends take them.
fn read_code(raw: &Value) -> Result<u32, ()> {
    match raw {
        Value::Number(n) => {
            if let Some(n) = n.as_u64() {
                return u32::try_from(n).map_err(|_| ());
            }
            let f = n.as_f64().ok_or(())?;
            // `-0.0` is in the range (IEEE 754 compares it equal to 0).
            if f.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&f) {
                // In range and integral: the cast is exact (`-0.0` gives 0).
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                Ok(f as u32)
            } else {
                Err(())
            }
        }
        Value::String(s)
            if !s.is_empty() && s.len() <= 10 && s.bytes().all(|b| b.is_ascii_digit()) =>
        {
            s.parse().map_err(|_| ())
        }
        _ => Err(()),
    }
}

/// A refused value as every front-end shows it: JSON, with an integral
/// float written as the integer it is (`-1.0` as `-1`), as JavaScript's
/// `JSON.stringify` writes it, so that the library and the npm package
/// say the same words.
fn shown_json(value: &Value) -> String {
    /// Beyond 2^53 a float is not an exact integer in either language.
    const EXACT: f64 = 9_007_199_254_740_992.0;
    match value.as_f64() {
        Some(f) if value.is_f64() && f.fract() == 0.0 && f.abs() <= EXACT => {
            // Integral and within ±2^53: the cast is exact.
            #[allow(clippy::cast_possible_truncation)]
            let n = f as i64;
            n.to_string()
        }
        _ => value.to_string(),
    }
}

/// serde_json's message without its own ` at line L column C`, which
/// [`Error::InvalidJson`] carries as numbers.
fn json_problem(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    text.strip_suffix(&suffix)
        .map_or(text.clone(), str::to_owned)
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
