//! `errcat`: explains API error codes in the terminal.
//!
//! Thin by design: parse the arguments, call the library, print, and map the
//! outcome to the exit status. Exit status: 0 found; 1 unknown catalog or
//! code; 2 usage error, invalid code syntax or invalid locale.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use errcat::{Catalog, CatalogId, Error};

mod render;

/// Explains the numeric error codes of the Mobizon SMS API and the Planfix
/// REST API in English, Russian, Ukrainian and Kazakh.
#[derive(Parser)]
#[command(name = "errcat", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Explain one code, e.g. `errcat explain planfix:1000 --lang kk`.
    Explain {
        /// The code: <catalog>:<number> or <catalog>:<name>, e.g. planfix:1000, mobizon:rate-limit-exceeded.
        code: String,
        #[command(flatten)]
        output: Output,
    },
    /// List every code of every catalog, or of one.
    List {
        /// Only this catalog: mobizon or planfix.
        #[arg(long, value_name = "CATALOG")]
        catalog: Option<String>,
        #[command(flatten)]
        output: Output,
    },
    /// Check .ftl files for translators: one line per finding, then coverage.
    /// Exit status 0 without errors, 1 with errors, 2 on usage errors.
    Check {
        /// The locales folder to check (default: the embedded catalogs).
        #[arg(long, value_name = "DIR")]
        locales: Option<PathBuf>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Create locales/<LANG>/ with every message's English text as comments.
    NewLocale {
        /// The new locale, e.g. de or pt-BR.
        lang: String,
        /// The locales folder to create it in.
        #[arg(long, value_name = "DIR", default_value = "locales")]
        locales: PathBuf,
    },
    /// Record that a locale's translations follow the current English
    /// (clears `stale` warnings once reviewed).
    Stamp {
        /// The locale to stamp, e.g. kk.
        lang: String,
        /// The locales folder.
        #[arg(long, value_name = "DIR", default_value = "locales")]
        locales: PathBuf,
    },
}

#[derive(Args)]
struct Output {
    /// The language: a BCP 47 or POSIX locale such as kk, ru-RU, uk_UA.UTF-8.
    /// Default: LC_ALL, then LC_MESSAGES, then LANG, then en.
    #[arg(long, short, value_name = "LOCALE")]
    lang: Option<String>,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
    /// Serve texts from this locales folder (live preview of translations);
    /// files it lacks come from the embedded catalogs. Default: ERRCAT_LOCALES.
    #[arg(long, value_name = "DIR", env = "ERRCAT_LOCALES")]
    locales: Option<PathBuf>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut out = io::stdout().lock();
    match run(cli, &mut out).and_then(|()| out.flush().map_err(Failure::from)) {
        Ok(()) => ExitCode::SUCCESS,
        // The reader went away (`errcat list | head`): nothing more to say.
        Err(Failure::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("errcat: {failure}");
            ExitCode::from(failure.exit_status())
        }
    }
}

/// Why a command did not complete.
#[derive(Debug, thiserror::Error)]
enum Failure {
    #[error(transparent)]
    Lookup(#[from] Error),
    #[error("cannot write output: {0}")]
    Io(#[from] io::Error),
    #[error("the check found errors")]
    CheckFailed,
}

impl Failure {
    fn exit_status(&self) -> u8 {
        match self {
            Failure::Lookup(
                Error::UnknownCatalog { .. } | Error::UnknownCode { .. } | Error::NoText { .. },
            ) => 1,
            Failure::Lookup(_) => 2,
            Failure::Io(_) => 1,
            Failure::CheckFailed => 1,
        }
    }
}

fn run(cli: Cli, out: &mut impl Write) -> Result<(), Failure> {
    let preview;
    let catalog = match &cli.command {
        Command::Explain { output, .. } | Command::List { output, .. }
            if output.locales.is_some() =>
        {
            let dir = output
                .locales
                .as_deref()
                .unwrap_or(std::path::Path::new("."));
            let (loaded, diagnostics) = Catalog::from_dir(dir)?;
            for d in diagnostics {
                eprintln!("errcat: {d}");
            }
            preview = loaded;
            &preview
        }
        _ => Catalog::embedded(),
    };
    match cli.command {
        Command::Check { locales, json } => {
            let report = match locales {
                Some(dir) => errcat::check_dir(dir)?,
                None => errcat::check_embedded(),
            };
            if json {
                render::json(out, &report)?;
            } else {
                render::report(out, &report)?;
            }
            if report.has_errors() {
                out.flush()?;
                return Err(Failure::CheckFailed);
            }
        }
        Command::NewLocale { lang, locales } => {
            for path in errcat::scaffold_locale(&locales, &lang)? {
                writeln!(out, "created {path}")?;
            }
        }
        Command::Stamp { lang, locales } => {
            let n = errcat::stamp_locale(&locales, &lang)?;
            writeln!(
                out,
                "stamped {n} messages of {lang} with the current English"
            )?;
        }
        Command::Explain { code, output } => {
            let lang = locale(output.lang);
            let explanation = catalog.explain(&code, &lang)?;
            if output.json {
                render::json(out, &explanation)?;
            } else {
                let chain = catalog.chain(&lang)?;
                render::explanation(out, catalog, &chain, &explanation)?;
            }
        }
        Command::List {
            catalog: only,
            output,
        } => {
            let lang = locale(output.lang);
            let chain = catalog.chain(&lang)?;
            let catalogs: Vec<CatalogId> = match only {
                Some(name) => vec![name.parse()?],
                None => CatalogId::ALL.to_vec(),
            };
            let mut explanations = Vec::new();
            for id in &catalogs {
                for code in id.codes() {
                    explanations.push(catalog.lookup(code, &chain)?);
                }
            }
            if output.json {
                render::json(out, &explanations)?;
            } else {
                render::list(out, catalog, &chain, &explanations)?;
            }
        }
    }
    Ok(())
}

/// The locale to use: `--lang`, else the POSIX environment (LC_ALL, then
/// LC_MESSAGES, then LANG, skipping empty values), else `en`. A locale
/// from the environment that does not parse counts as unset.
fn locale(flag: Option<String>) -> String {
    if let Some(lang) = flag {
        return lang;
    }
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|var| std::env::var(var).ok())
        .find(|value| !value.trim().is_empty())
        .filter(|value| errcat::parse_locale(value).is_ok())
        .unwrap_or_else(|| errcat::LAST_RESORT.to_owned())
}
