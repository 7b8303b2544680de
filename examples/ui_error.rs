//! A UI's own error type that shows API failures to its user in the user's
//! language, through errcat's typed path: codes come from the API as numbers,
//! the chain is built once per user, and lookups neither parse nor allocate.
//!
//! Run: `cargo run --example ui_error -- kk`

use std::fmt;

use errcat::{Catalog, CatalogId, FallbackChain};

/// What the application's API client returns when a call fails.
#[derive(Debug)]
enum AppError {
    /// The Planfix REST API answered `{"Result": "fail", "Code": n, "Error": …}`.
    Planfix { code: u32, server_message: String },
    /// The Mobizon SMS API answered `{"code": n, "message": …}`.
    Mobizon { code: u32 },
}

/// Renders an `AppError` for one user.
struct Localized<'a> {
    error: &'a AppError,
    chain: &'a FallbackChain,
}

impl fmt::Display for Localized<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (catalog, number) = match self.error {
            AppError::Planfix { code, .. } => (CatalogId::Planfix, *code),
            AppError::Mobizon { code } => (CatalogId::Mobizon, *code),
        };
        let explained = catalog
            .code(number)
            .and_then(|code| Catalog::embedded().lookup(code, self.chain).ok());
        match explained {
            Some(e) => {
                write!(f, "{}", e.title())?;
                if let Some(hint) = e.hint() {
                    write!(f, " — {hint}")?;
                }
                Ok(())
            }
            // A code the catalog does not know yet: show what the server said.
            None => match self.error {
                AppError::Planfix { server_message, .. } => {
                    write!(f, "{server_message} ({catalog}:{number})")
                }
                AppError::Mobizon { .. } => write!(f, "{catalog}:{number}"),
            },
        }
    }
}

fn main() -> Result<(), errcat::Error> {
    let lang = std::env::args().nth(1).unwrap_or_else(|| "en".to_owned());
    let chain = Catalog::embedded().chain(&lang)?;
    let failures = [
        AppError::Planfix {
            code: 1000,
            server_message: "Task not exists".to_owned(),
        },
        AppError::Mobizon { code: 30 },
        AppError::Planfix {
            code: 77,
            server_message: "Something new".to_owned(),
        },
    ];
    println!("[{chain}]");
    for error in &failures {
        println!(
            "{}",
            Localized {
                error,
                chain: &chain
            }
        );
    }
    Ok(())
}
