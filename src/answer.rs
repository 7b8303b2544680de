//! What errcat answers about a raw response: the explanation of its code,
//! the response as read, and for a Mobizon per-recipient answer each
//! recipient's result with a summary line. The CLI's `--json`, the service's
//! `/v1/explain-response` and the npm package all give this one shape.

use serde::Serialize;

use crate::args::Args;
use crate::catalog::Catalog;
use crate::code::CatalogId;
use crate::explanation::Explanation;
use crate::fallback::FallbackChain;
use crate::phrase::Phrase;
use crate::response::ApiResponse;

/// The whole answer about one response (see
/// [`Catalog::answer_response`]). It serializes as the explanation's keys
/// plus `response`, and, for a per-recipient answer, `summary` and
/// `recipients`.
///
/// ```
/// use errcat::{ApiResponse, Catalog};
/// let catalog = Catalog::embedded();
/// let chain = catalog.chain("en")?;
/// let r = ApiResponse::parse(r#"{"code":98,"data":[{"recipient":"77010000001","code":0},{"recipient":"77010000002","code":5}],"message":""}"#, None)?;
/// let answer = catalog.answer_response(&r, &chain);
/// assert_eq!(answer.explanation.code_text().to_string(), "mobizon:98");
/// let summary = answer.summary.as_ref().unwrap();
/// assert_eq!((summary.added, summary.refused), (1, 1));
/// assert_eq!(answer.recipients[1].explanation.name(), "in-stop-list");
/// # Ok::<(), errcat::Error>(())
/// ```
#[derive(Clone, Serialize)]
#[non_exhaustive]
pub struct ResponseAnswer<'a> {
    /// The explanation of the response's code (or of its unknown number,
    /// or of a Planfix success).
    #[serde(flatten)]
    pub explanation: Explanation<'a>,
    /// The response as read.
    pub response: &'a ApiResponse,
    /// For a response with per-recipient results: how many were added and
    /// refused, with the line that says so in the chain's language.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<SummaryAnswer>,
    /// Each recipient's result, in the response's order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub recipients: Vec<RecipientAnswer<'a>>,
}

/// The counts of a per-recipient answer, and its summary line.
///
/// ```
/// use errcat::{ApiResponse, Catalog};
/// let catalog = Catalog::embedded();
/// let r = ApiResponse::parse(r#"{"code":99,"data":[{"recipient":"1","code":4}],"message":""}"#, None)?;
/// let answer = catalog.answer_response(&r, &catalog.chain("ru")?);
/// assert_eq!(answer.summary.unwrap().text, "Получатели: добавлено — 0, отклонено — 1");
/// # Ok::<(), errcat::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct SummaryAnswer {
    /// Recipients added (code 0).
    pub added: usize,
    /// Recipients refused (any other code).
    pub refused: usize,
    /// The summary line, in the chain's language.
    pub text: String,
}

/// One recipient's result: who, and what its code means.
///
/// ```
/// use errcat::{ApiResponse, Catalog};
/// let catalog = Catalog::embedded();
/// let r = ApiResponse::parse(r#"{"recipient":"77010000000","code":4}"#, None)?;
/// let answer = catalog.answer_response(&r, &catalog.chain("en")?);
/// assert_eq!(answer.recipients[0].recipient, Some("77010000000"));
/// assert_eq!(answer.recipients[0].explanation.name(), "already-added");
/// # Ok::<(), errcat::Error>(())
/// ```
#[derive(Clone, Serialize)]
#[non_exhaustive]
pub struct RecipientAnswer<'a> {
    /// The recipient as sent.
    pub recipient: Option<&'a str>,
    /// The message id Mobizon gave it, as sent.
    #[serde(rename = "messageId", skip_serializing_if = "Option::is_none")]
    pub message_id: Option<&'a str>,
    /// What its code means.
    #[serde(flatten)]
    pub explanation: Explanation<'a>,
}

impl Catalog {
    /// Everything errcat says about a raw response: the explanation of its
    /// code ([`explain_response`](Self::explain_response)), and for
    /// Mobizon's per-recipient answers (`campaign/addRecipients`, codes 98
    /// and 99) each recipient's result from the `mobizon-recipient`
    /// catalog, with a summary line. Never fails. Items without a usable
    /// code are counted as refused and not explained.
    ///
    /// ```
    /// use errcat::{ApiResponse, Catalog};
    /// let catalog = Catalog::embedded();
    /// let r = ApiResponse::parse(r#"{"result":"fail","code":0,"error":"Rest API error"}"#, None)?;
    /// let answer = catalog.answer_response(&r, &catalog.chain("en")?);
    /// assert_eq!(answer.explanation.code_text().to_string(), "planfix:0");
    /// assert!(answer.explanation.kind().is_error());
    /// assert!(answer.summary.is_none() && answer.recipients.is_empty());
    /// # Ok::<(), errcat::Error>(())
    /// ```
    pub fn answer_response<'a>(
        &'a self,
        response: &'a ApiResponse,
        chain: &FallbackChain,
    ) -> ResponseAnswer<'a> {
        let explanation = self.explain_response(response, chain);
        let recipients: Vec<RecipientAnswer<'a>> = response
            .recipients
            .iter()
            .filter_map(|item| {
                let number = item.number?;
                Some(RecipientAnswer {
                    recipient: item.recipient.as_deref(),
                    message_id: item.message_id.as_deref(),
                    explanation: self.explain_number(
                        CatalogId::MobizonRecipient,
                        i64::from(number),
                        chain,
                    ),
                })
            })
            .collect();
        // A lone item is its own answer; a list gets a summary.
        let summary = (response.catalog != CatalogId::MobizonRecipient
            && !response.recipients.is_empty())
        .then(|| {
            let counts = response.recipient_summary();
            let args = Args::new()
                .with("added", counts.added.to_string())
                .with("refused", counts.refused.to_string());
            SummaryAnswer {
                added: counts.added,
                refused: counts.refused,
                text: self
                    .phrase_with_args(Phrase::RecipientsSummary, chain, &args)
                    .into_owned(),
            }
        });
        ResponseAnswer {
            explanation,
            response,
            summary,
            recipients,
        }
    }
}
