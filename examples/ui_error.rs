//! An application's own error type (thiserror) that shows API failures to
//! its user in the user's language: the chain is chosen once, from
//! `--lang` or from the system (`LANGUAGE`, `LC_ALL`, `LC_MESSAGES`,
//! `LANG`), and `#[error(...)]` formats each failure through errcat.
//!
//! Run: `cargo run --example ui_error -- kk`

use std::sync::OnceLock;

use errcat::{ApiResponse, Catalog, CatalogId, Code, FallbackChain};

/// The user's languages, chosen once at start-up.
static USER_CHAIN: OnceLock<FallbackChain> = OnceLock::new();

fn user_chain() -> &'static FallbackChain {
    USER_CHAIN.get_or_init(|| Catalog::embedded().chain_for_env())
}

/// What the application's API client returns when a call fails.
#[derive(Debug, thiserror::Error)]
enum AppError {
    /// A code the catalog knows, shown by its title in the user's language.
    #[error("{}", Catalog::embedded().display(*.0, user_chain()))]
    Api(Code),
    /// Whatever the API answered, known code or not: errcat always has a
    /// text for it (a number it does not know gets `unknown-code`).
    #[error("{}", Catalog::embedded().explain_response(.0, user_chain()))]
    Response(ApiResponse),
    /// Not an API failure at all.
    #[error("the network is unreachable")]
    Offline,
}

impl AppError {
    /// The error for a number an API returned, as `?` would produce it.
    fn from_number(catalog: CatalogId, number: u32, raw: &str) -> AppError {
        match Code::try_from((catalog, number)) {
            Ok(code) => AppError::Api(code),
            Err(_) => ApiResponse::parse(raw, Some(catalog))
                .map(AppError::Response)
                .unwrap_or(AppError::Offline),
        }
    }
}

fn main() -> Result<(), errcat::Error> {
    if let Some(lang) = std::env::args().nth(1) {
        let _ = USER_CHAIN.set(Catalog::embedded().chain(&lang)?);
    }
    println!("[{}]", user_chain());
    let failures = [
        AppError::Api(errcat::planfix::TASK_NOT_FOUND),
        AppError::Api(errcat::mobizon::INVALID_MODULE),
        AppError::from_number(CatalogId::Mobizon, 30, r#"{"code": 30}"#),
        AppError::from_number(
            CatalogId::Planfix,
            77,
            r#"{"Result": "fail", "Code": 77, "Error": "Something new"}"#,
        ),
        AppError::Offline,
    ];
    for error in &failures {
        // `{}` is the title; `{:#}` in a details view would add the
        // explanation and the hint.
        println!("{error}");
    }
    Ok(())
}
