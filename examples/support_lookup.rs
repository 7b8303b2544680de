//! A support engineer's lookup: every code given on the command line,
//! explained in every shipped language side by side, with the locale that
//! served each text.
//!
//! Run: `cargo run --example support_lookup -- planfix:1 mobizon:rate-limit-exceeded`

use errcat::Catalog;

fn main() -> std::process::ExitCode {
    let catalog = Catalog::embedded();
    let codes: Vec<String> = std::env::args().skip(1).collect();
    let codes = if codes.is_empty() {
        vec!["planfix:1".to_owned()]
    } else {
        codes
    };
    let mut status = std::process::ExitCode::SUCCESS;
    for code in &codes {
        for locale in catalog.locales() {
            match catalog.explain(code, &locale.to_string()) {
                Ok(e) => println!(
                    "{} [{}] {} — {}",
                    e.code_text(),
                    e.locale(),
                    e.title(),
                    e.explanation()
                ),
                Err(err) => {
                    eprintln!("support_lookup: {err}");
                    status = std::process::ExitCode::from(1);
                    break;
                }
            }
        }
    }
    status
}
