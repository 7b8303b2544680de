//! `errcat`: explains API error codes in the terminal.
//!
//! Thin by design: parse the arguments, call the library, print, and map the
//! outcome to the exit status. Exit status: 0 found (or no errors); 1 unknown
//! catalog or code, no search hit, a check that found errors, or output
//! that cannot be written (a full disk); 2 usage error, invalid code
//! syntax, invalid locale, invalid response, or a file or folder that
//! cannot be read or written. A reader that goes away (`errcat list |
//! head`) is not an error.
//!
//! Whatever it prints in text comes from outside and goes through
//! [`terminal::escape`] first.

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::builder::TypedValueParser;
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use errcat::tooling::Phrase;
use errcat::{ApiResponse, Catalog, CatalogId, Error};

mod render;
#[path = "../../terminal.rs"]
mod terminal;

use terminal::escape;

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
    /// Explain one code (`errcat explain planfix:1000 --lang kk`) or a raw
    /// API response (`errcat explain --response '{"code":30,...}'`).
    Explain {
        /// The code: <catalog>:<number> or <catalog>:<name>, e.g. planfix:1000, mobizon:rate-limit-exceeded.
        #[arg(required_unless_present = "response", conflicts_with = "response")]
        code: Option<String>,
        /// A raw response of either API, as JSON; `-` reads it from stdin.
        #[arg(long, value_name = "JSON|-")]
        response: Option<String>,
        /// With --response: the API that sent it (mobizon or planfix), instead of detecting it.
        #[arg(long, value_name = "CATALOG", requires = "response")]
        catalog: Option<String>,
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
    /// Find codes by words in any language, by name or by number.
    Search {
        /// What to look for, e.g. «неверный токен», "rate limit", ліміт
        /// (its first 256 characters and 16 words).
        text: String,
        #[command(flatten)]
        output: Output,
    },
    /// Export one locale's texts (fallback applied) for a front-end bundle,
    /// or with --all every locale, the registry and the fallback policy.
    Export {
        /// Only this catalog: mobizon or planfix.
        #[arg(long, value_name = "CATALOG", conflicts_with = "all")]
        catalog: Option<String>,
        /// The output format.
        #[arg(long, value_enum, default_value = "json")]
        format: ExportFormat,
        /// The language: a BCP 47 or POSIX locale. Default: LANGUAGE, LC_ALL, LC_MESSAGES, LANG (as gettext reads them), en.
        #[arg(long, short, value_name = "LOCALE", conflicts_with = "all")]
        lang: Option<String>,
        /// Every locale's own texts (the unknown-code and success texts as
        /// templates), the registry, the fallback table and chains, the
        /// version and a content hash, as one JSON document.
        #[arg(long)]
        all: bool,
        /// With --all: write index.json and one <locale>.json per locale
        /// into this folder (created if missing), for lazy loading.
        #[arg(long, value_name = "DIR", requires = "all")]
        out: Option<PathBuf>,
        /// Serve texts from this locales folder. Default: ERRCAT_LOCALES (empty: none).
        #[arg(long, value_name = "DIR", env = "ERRCAT_LOCALES", value_parser = any_path())]
        locales: Option<PathBuf>,
    },
    /// Write the HTML error index: one self-contained page with every code,
    /// a language switcher and an offline search box.
    Docs {
        /// The folder to write index.html into (created if missing).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Serve texts from this locales folder. Default: ERRCAT_LOCALES (empty: none).
        #[arg(long, value_name = "DIR", env = "ERRCAT_LOCALES", value_parser = any_path())]
        locales: Option<PathBuf>,
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
        /// The language of the coverage table and of errors: a BCP 47 or
        /// POSIX locale. Default: LANGUAGE, LC_ALL, LC_MESSAGES, LANG (as
        /// gettext reads them), en.
        #[arg(long, short, value_name = "LOCALE")]
        lang: Option<String>,
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
        /// Only these messages: ids (task-not-found) or codes (planfix:1000);
        /// all of them if none is given.
        #[arg(value_name = "ID|CODE")]
        messages: Vec<String>,
        /// The locales folder.
        #[arg(long, value_name = "DIR", default_value = "locales")]
        locales: PathBuf,
    },
    /// Serve the catalogs as an HTTP JSON service (`GET /v1/codes/planfix/1000`;
    /// the API is at /openapi.json) until SIGTERM or Ctrl-C.
    #[cfg(feature = "server")]
    Serve {
        /// The address to listen on (port 0: any free port, logged at start).
        #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
        /// Serve this locales folder, reloaded when a file changes and on
        /// SIGHUP; a folder with errors is refused (see --preview).
        /// Default: ERRCAT_LOCALES (empty: none).
        #[arg(long, value_name = "DIR", env = "ERRCAT_LOCALES", value_parser = any_path())]
        locales: Option<PathBuf>,
        /// Preview mode for translators: serve the locales folder even when
        /// `errcat check` finds errors in it (their messages fall back, as
        /// missing ones do); every finding is logged and shown in
        /// /v1/diagnostics.
        #[arg(long, requires = "locales")]
        preview: bool,
        /// Let browser pages from this origin call the service (repeatable).
        /// Default: CORS off.
        #[arg(long = "cors-origin", value_name = "ORIGIN")]
        cors_origins: Vec<String>,
    },
    /// Print a shell completion script: `errcat completions bash > /etc/bash_completion.d/errcat`.
    Completions {
        /// The shell.
        shell: Shell,
    },
    /// Print the man page (roff): `errcat man > errcat.1`.
    Man,
}

impl Command {
    /// The `--lang` given, for the language of an error message.
    fn lang(&self) -> Option<&str> {
        match self {
            Command::Explain { output, .. }
            | Command::List { output, .. }
            | Command::Search { output, .. } => output.lang.as_deref(),
            Command::Export { lang, .. } | Command::Check { lang, .. } => lang.as_deref(),
            _ => None,
        }
    }
}

#[derive(Args)]
struct Output {
    /// The language: a BCP 47 or POSIX locale such as kk, ru-RU, uk_UA.UTF-8.
    /// Default: LANGUAGE (a list such as uk:ru), then LC_ALL, LC_MESSAGES, LANG, as gettext reads them; then en.
    #[arg(long, short, value_name = "LOCALE")]
    lang: Option<String>,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
    /// Serve texts from this locales folder (live preview of translations);
    /// files it lacks come from the embedded catalogs. Default: ERRCAT_LOCALES
    /// (empty: none).
    #[arg(long, value_name = "DIR", env = "ERRCAT_LOCALES", value_parser = any_path())]
    locales: Option<PathBuf>,
}

/// A path that may be empty: `ERRCAT_LOCALES=` (set, empty) means no
/// folder, as an empty `LANG` means no locale, instead of a usage error.
fn any_path() -> impl TypedValueParser<Value = PathBuf> {
    clap::builder::OsStringValueParser::new().map(PathBuf::from)
}

#[derive(Clone, Copy, ValueEnum)]
enum ExportFormat {
    /// One JSON object mapping each code to {title, explanation, hint, kind, locale}.
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum Shell {
    Bash,
    Zsh,
    Fish,
}

fn main() -> ExitCode {
    ignore_file_size_signal();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            // --help and --version: clap's own output, to stdout.
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            // clap explains over several lines; the contract is one line.
            // Its first paragraph is the reason (the usage and tips follow).
            let rendered = e.to_string();
            let reason: Vec<&str> = rendered
                .lines()
                .take_while(|l| !l.trim().is_empty())
                .map(str::trim)
                .collect();
            let reason = reason.join(" ");
            let reason = reason.strip_prefix("error: ").unwrap_or(&reason);
            warn(&format!("{reason} (see errcat --help)"));
            return ExitCode::from(2);
        }
    };
    let lang = cli.command.lang().map(str::to_owned);
    let mut out = io::stdout().lock();
    match run(cli, &mut out).and_then(|()| out.flush().map_err(Failure::from)) {
        Ok(()) => ExitCode::SUCCESS,
        // The reader went away (`errcat list | head`): nothing more to say.
        Err(Failure::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(failure) => {
            // In the language asked for, if it is one; else the environment's.
            let catalog = Catalog::embedded();
            let chain = lang
                .and_then(|l| catalog.chain(&l).ok())
                .unwrap_or_else(|| catalog.chain_for_env());
            warn(&failure.message(catalog, &chain));
            ExitCode::from(failure.exit_status())
        }
    }
}

/// Prints `errcat: <line>` on stderr, escaped. A stderr that cannot be
/// written is no reason to panic: the exit status still tells.
fn warn(line: &str) {
    let _ = writeln!(io::stderr(), "errcat: {}", escape(line));
}

/// A write past the file-size limit (`ulimit -f`) kills the process with
/// SIGXFSZ by default. Ignored, the write fails with `EFBIG` instead, and
/// errcat reports it and removes its temporary file, like on a full disk.
fn ignore_file_size_signal() {
    #[cfg(unix)]
    // SAFETY: sets a signal's disposition to "ignore" before any other
    // thread exists; no handler code runs.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
}

/// Why a command did not complete.
#[derive(Debug, thiserror::Error)]
enum Failure {
    #[error(transparent)]
    Lookup(#[from] Error),
    #[error("cannot write output: {0}")]
    Io(#[from] io::Error),
    #[error("cannot read the response from stdin: {0}")]
    Stdin(io::Error),
    #[error("the check found errors")]
    CheckFailed,
    #[error("no code matches {0:?}")]
    NoMatch(String),
    #[cfg(feature = "server")]
    #[error(transparent)]
    Serve(#[from] errcat::server::ServeError),
}

impl Failure {
    /// The line for stderr in the language of `chain`, in errcat's own
    /// words; only the server's start-up errors are English.
    fn message(&self, catalog: &Catalog, chain: &errcat::FallbackChain) -> String {
        let phrase = |p, args: &errcat::Args<'_>| catalog.phrase_with_args(p, chain, args);
        let reason = |e: &io::Error| errcat::Args::new().with("reason", e.to_string());
        match self {
            Failure::Lookup(error) => catalog.display_error(error, chain).to_string(),
            Failure::Io(e) => phrase(Phrase::CannotWriteOutput, &reason(e)).into_owned(),
            Failure::Stdin(e) => phrase(Phrase::CannotReadStdin, &reason(e)).into_owned(),
            Failure::NoMatch(text) => phrase(
                Phrase::NoMatch,
                &errcat::Args::new().with("query", format!("{text:?}")),
            )
            .into_owned(),
            Failure::CheckFailed => phrase(Phrase::CheckFailed, &errcat::Args::new()).into_owned(),
            #[cfg(feature = "server")]
            Failure::Serve(e) => e.to_string(),
        }
    }

    fn exit_status(&self) -> u8 {
        match self {
            Failure::Lookup(
                Error::UnknownCatalog { .. }
                | Error::UnknownCode { .. }
                | Error::UnknownNumber { .. }
                | Error::NoText { .. },
            ) => 1,
            Failure::Lookup(_) | Failure::Stdin(_) => 2,
            Failure::Io(_) | Failure::CheckFailed | Failure::NoMatch(_) => 1,
            #[cfg(feature = "server")]
            Failure::Serve(_) => 2,
        }
    }
}

/// The catalog to serve: a locales folder when one is given, else the
/// embedded one. An empty folder name (`ERRCAT_LOCALES=`) counts as none.
/// Every finding of `errcat check` and of the loader in the folder's files
/// goes to stderr, one per line as `errcat check` prints it, after
/// `errcat: ` (`errcat: path:line:col: severity: rule: message`); a
/// message with an error falls back, as `errcat serve` serves the folder.
fn load(dir: Option<&PathBuf>) -> Result<&'static Catalog, Failure> {
    let Some(dir) = dir.filter(|d| !d.as_os_str().is_empty()) else {
        return Ok(Catalog::embedded());
    };
    let (catalog, report) = errcat::tooling::preview_dir(dir)?;
    for d in report.diagnostics {
        warn(&d.to_string());
    }
    // The process ends after one command: leaking the preview catalog keeps
    // every command on `&'static Catalog`, as with the embedded one.
    Ok(Box::leak(Box::new(catalog)))
}

fn run(cli: Cli, out: &mut impl Write) -> Result<(), Failure> {
    match cli.command {
        Command::Explain {
            code,
            response,
            catalog: forced,
            output,
        } => {
            let catalog = load(output.locales.as_ref())?;
            // The code's error comes before the locale's, as in `Catalog::explain`.
            let code = code.map(|c| c.parse::<errcat::Code>()).transpose()?;
            let chain = chain(catalog, output.lang)?;
            match response {
                Some(text) => {
                    let text = if text == "-" { read_stdin()? } else { text };
                    let forced = forced.map(|c| c.parse::<CatalogId>()).transpose()?;
                    let response = ApiResponse::parse(&text, forced)?;
                    // A number the catalog lacks, or a Planfix success, is
                    // explained too: the response is what the user has.
                    let answer = catalog.answer_response(&response, &chain);
                    if output.json {
                        render::json(out, &answer)?;
                    } else {
                        render::explanation(out, catalog, &chain, &answer.explanation)?;
                        render::response(out, catalog, &chain, &answer)?;
                    }
                }
                None => {
                    let code = code.ok_or_else(|| Error::InvalidCode {
                        input: String::new(),
                    })?;
                    let explanation = catalog.lookup(code, &chain)?;
                    if output.json {
                        render::json(out, &explanation)?;
                    } else {
                        render::explanation(out, catalog, &chain, &explanation)?;
                    }
                }
            }
        }
        Command::List {
            catalog: only,
            output,
        } => {
            let catalog = load(output.locales.as_ref())?;
            let chain = chain(catalog, output.lang)?;
            let only = only.map(|c| c.parse::<CatalogId>()).transpose()?;
            let export = catalog.export(&chain, only)?;
            if output.json {
                render::json(out, &export.entries())?;
            } else {
                render::list(out, catalog, &chain, export.entries())?;
            }
        }
        Command::Search { text, output } => {
            let catalog = load(output.locales.as_ref())?;
            let hits = catalog.search(&text, output.lang.as_deref())?;
            if hits.is_empty() {
                return Err(Failure::NoMatch(text));
            }
            if output.json {
                render::json(out, &hits)?;
            } else {
                render::hits(out, &hits)?;
            }
        }
        Command::Export {
            all: true,
            out: dir,
            locales,
            ..
        } => {
            let catalog = load(locales.as_ref())?;
            let export = errcat::tooling::export_all(catalog)?;
            match dir {
                Some(dir) => {
                    for path in errcat::tooling::write_all(&export, &dir)? {
                        done(out, Phrase::Wrote, &file(&path))?;
                    }
                }
                None => render::json(out, &export)?,
            }
        }
        Command::Export {
            catalog: only,
            format: ExportFormat::Json,
            lang,
            locales,
            ..
        } => {
            let catalog = load(locales.as_ref())?;
            let chain = chain(catalog, lang)?;
            let only = only.map(|c| c.parse::<CatalogId>()).transpose()?;
            render::json(out, &catalog.export(&chain, only)?)?;
        }
        Command::Docs { out: dir, locales } => {
            let catalog = load(locales.as_ref())?;
            let path = errcat::tooling::docs::write_index(catalog, &dir)?;
            done(out, Phrase::Wrote, &file(&path))?;
        }
        Command::Check {
            locales,
            json,
            lang,
        } => {
            // The folder being checked may be broken: the table speaks
            // with the embedded words. A bad --lang is refused first.
            let catalog = Catalog::embedded();
            let words = chain(catalog, lang)?;
            let report = match locales {
                Some(dir) => errcat::tooling::check_dir(dir)?,
                None => errcat::tooling::check_embedded(),
            };
            if json {
                render::json(out, &report)?;
            } else {
                render::report(out, catalog, &words, &report)?;
            }
            if report.has_errors() {
                out.flush()?;
                return Err(Failure::CheckFailed);
            }
        }
        Command::NewLocale { lang, locales } => {
            for path in errcat::tooling::scaffold_locale(&locales, &lang)? {
                done(out, Phrase::Created, &file(Path::new(&path)))?;
            }
        }
        Command::Stamp {
            lang,
            messages,
            locales,
        } => {
            let chosen: Vec<&str> = messages.iter().map(String::as_str).collect();
            let report = errcat::tooling::stamp_messages(&locales, &lang, &chosen)?;
            for skipped in &report.skipped {
                let _ = writeln!(io::stderr(), "{}", escape(&skipped.to_string()));
            }
            let n = report.stamped;
            let folder = locale_folder(&locales, &lang)?;
            let args = errcat::Args::new()
                .with("count", n)
                .with("folder", escape(&folder.display().to_string()).into_owned());
            done(out, Phrase::Stamped, &args)?;
        }
        Command::Completions { shell } => {
            let shell = match shell {
                Shell::Bash => clap_complete::Shell::Bash,
                Shell::Zsh => clap_complete::Shell::Zsh,
                Shell::Fish => clap_complete::Shell::Fish,
            };
            // clap_complete panics when its writer fails (a closed pipe, a
            // full disk): it writes to memory, and errcat writes that out.
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "errcat", &mut script);
            out.write_all(&script)?;
        }
        #[cfg(feature = "server")]
        Command::Serve {
            addr,
            locales,
            preview,
            cors_origins,
        } => {
            let mut options = errcat::server::Options::new()
                .with_cors_origins(cors_origins)
                .with_preview(preview);
            if let Some(dir) = locales.filter(|d| !d.as_os_str().is_empty()) {
                options = options.with_locales(dir);
            }
            errcat::server::run(addr, options)?;
        }
        Command::Man => clap_mangen::Man::new(Cli::command()).render(out)?,
    }
    Ok(())
}

/// One line of what a command did to a file, in the environment's
/// language (the folder it writes may be the one being translated, so
/// errcat speaks with its embedded words): `wrote index.html`.
fn done(out: &mut impl Write, phrase: Phrase, args: &errcat::Args<'_>) -> Result<(), Failure> {
    let catalog = Catalog::embedded();
    let line = catalog.phrase_with_args(phrase, &catalog.chain_for_env(), args);
    writeln!(out, "{line}")?;
    Ok(())
}

/// The `$path` of a `wrote` or `created` line, escaped.
fn file(path: &Path) -> errcat::Args<'static> {
    errcat::Args::new().with("path", escape(&path.display().to_string()).into_owned())
}

/// `<locales>/<tag>`: the folder `stamp` writes for `lang`.
fn locale_folder(locales: &Path, lang: &str) -> Result<PathBuf, Failure> {
    Ok(locales.join(errcat::parse_locale(lang)?.to_string()))
}

/// The largest response read from stdin.
const MAX_RESPONSE_BYTES: u64 = 16 * 1024 * 1024;

/// The response on stdin; more than [`MAX_RESPONSE_BYTES`] is refused as
/// too large (not cut short, which would read as broken JSON).
fn read_stdin() -> Result<String, Failure> {
    let mut bytes = Vec::new();
    io::stdin()
        .take(MAX_RESPONSE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(Failure::Stdin)?;
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > MAX_RESPONSE_BYTES {
        return Err(Failure::Stdin(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("too large: over the limit of 16 MiB ({MAX_RESPONSE_BYTES} bytes)"),
        )));
    }
    String::from_utf8(bytes).map_err(|_| {
        Failure::Stdin(io::Error::new(
            io::ErrorKind::InvalidData,
            "stream did not contain valid UTF-8",
        ))
    })
}

/// The locale to use: `--lang`, else the POSIX environment (LC_ALL, then
/// LC_MESSAGES, then LANG), else `en`. A variable that is empty or does not
/// parse counts as unset.
/// The chain for `--lang`, or else for the environment in gettext's order:
/// `LANGUAGE`, then `LC_ALL`, `LC_MESSAGES`, `LANG` (see `errcat::env_locales`).
fn chain(catalog: &Catalog, flag: Option<String>) -> Result<errcat::FallbackChain, Error> {
    match flag {
        Some(lang) => catalog.chain(&lang),
        None => Ok(catalog.chain_for_env()),
    }
}
