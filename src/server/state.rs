//! What the service serves and how it changes: the catalog with its check
//! report, swapped whole on reload, and the record of the last reload.
//!
//! A request loads the current [`Served`] once and answers from it, so it
//! sees one catalog from start to end even while a reload swaps in the
//! next. A reload whose check finds errors is refused: the last good
//! catalog stays. In preview mode (`--preview`) it is served instead, its
//! broken messages falling back, and every finding is logged. This module
//! reads files only when asked to reload; it never answers requests.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use arc_swap::{ArcSwap, ArcSwapOption};
use serde::Serialize;
use utoipa::ToSchema;

use super::metrics::Metrics;
use crate::Catalog;
use crate::terminal::escape;
use crate::tooling::{Diagnostic, Report, Severity};

/// The most findings a refused reload keeps for `/v1/diagnostics`.
const KEPT_FINDINGS: usize = 50;

/// One catalog as served, with what `errcat check` says about it.
pub(crate) struct Served {
    pub(crate) catalog: CatalogSource,
    pub(crate) report: Report,
    /// 1 for the catalog the service started with, one more per reload
    /// applied.
    pub(crate) generation: u64,
    /// When it was loaded, in seconds since the Unix epoch.
    pub(crate) loaded_at: u64,
    /// Answers already rendered from this catalog.
    pub(crate) answers: super::routes::Answers,
}

/// The embedded catalog, or one loaded from a folder.
pub(crate) enum CatalogSource {
    Embedded,
    Folder(Box<Catalog>),
}

impl Served {
    pub(crate) fn catalog(&self) -> &Catalog {
        match &self.catalog {
            CatalogSource::Embedded => Catalog::embedded(),
            CatalogSource::Folder(catalog) => catalog,
        }
    }
}

/// Why a folder was not served.
#[derive(Debug)]
pub(crate) enum Refusal {
    /// The folder could not be read at all.
    Unreadable(crate::Error),
    /// The check found errors.
    Errors(Vec<Diagnostic>),
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::Unreadable(err) => write!(f, "{err}"),
            Refusal::Errors(found) => {
                let errors = found
                    .iter()
                    .filter(|d| d.severity == Severity::Error)
                    .count();
                write!(f, "the check found {errors} errors")?;
                if let Some(first) = found.iter().find(|d| d.severity == Severity::Error) {
                    write!(f, ", the first: {first}")?;
                }
                Ok(())
            }
        }
    }
}

/// Loads and checks a locales folder, read once: the catalog and its
/// report (the check's findings and the loader's), or why it must not be
/// served. A message with an error is left out of the catalog and falls
/// back; without `preview`, any error refuses the whole folder, so that a
/// change never breaks a message that was served fine.
pub(crate) fn load_folder(dir: &Path, preview: bool) -> Result<(Catalog, Report), Refusal> {
    let (catalog, report) = Catalog::from_dir_checked(dir).map_err(Refusal::Unreadable)?;
    let errors = kept_errors(&report);
    if preview || errors.is_empty() {
        Ok((catalog, report))
    } else {
        Err(Refusal::Errors(errors))
    }
}

/// The first errors of a report, at most [`KEPT_FINDINGS`].
fn kept_errors(report: &Report) -> Vec<Diagnostic> {
    report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .take(KEPT_FINDINGS)
        .cloned()
        .collect()
}

/// In preview mode, every finding of a folder just loaded goes to the log,
/// one line each: errors as warnings, warnings as information.
fn log_findings(report: &Report) {
    for d in &report.diagnostics {
        let line = d.to_string();
        let line = escape(&line);
        match d.severity {
            Severity::Error => tracing::warn!(target: "errcat::check", "{line}"),
            // Warnings, and any severity a later checker adds.
            _ => tracing::info!(target: "errcat::check", "{line}"),
        }
    }
}

/// The line that says what a preview serves.
fn preview_summary(report: &Report) -> String {
    let errors = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = report.diagnostics.len() - errors;
    format!(
        "preview: the check found {errors} errors and {warnings} warnings; messages with errors, and missing ones, fall back"
    )
}

/// What became of the last reload, for `/v1/diagnostics`.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub(crate) struct ReloadRecord {
    /// When it was tried, in seconds since the Unix epoch.
    pub(crate) at: u64,
    /// What asked for it: `signal` (SIGHUP), `file-change` or `request`
    /// (a program calling `App::reload`).
    pub(crate) trigger: &'static str,
    /// `applied`, or `refused` (the last good catalog stays).
    pub(crate) outcome: &'static str,
    /// One line: what was loaded, or why it was refused.
    pub(crate) message: String,
    /// For a refused reload, the errors found (at most 50); in preview
    /// mode (`--preview`), the errors of the folder now served, whose
    /// messages fall back.
    #[schema(value_type = Vec<super::openapi::DiagnosticDoc>)]
    pub(crate) errors: Vec<Diagnostic>,
}

/// Everything handlers share.
pub(crate) struct Shared {
    pub(crate) served: ArcSwap<Served>,
    pub(crate) locales: Option<PathBuf>,
    /// Serve the folder even when its check finds errors (`--preview`).
    pub(crate) preview: bool,
    pub(crate) limits: super::Limits,
    pub(crate) last_reload: ArcSwapOption<ReloadRecord>,
    pub(crate) metrics: Arc<Metrics>,
    pub(crate) shutting_down: AtomicBool,
    /// What the watch of the locales folder is doing.
    pub(crate) watch: std::sync::Mutex<super::watch::WatchStatus>,
    /// Reloads run one at a time, so generations never go back.
    reloading: std::sync::Mutex<()>,
    generation: AtomicU64,
}

impl Shared {
    pub(crate) fn new(
        locales: Option<PathBuf>,
        preview: bool,
        limits: super::Limits,
    ) -> Result<Shared, Refusal> {
        let (catalog, report) = match &locales {
            Some(dir) => {
                let (catalog, report) = load_folder(dir, preview)?;
                if preview {
                    log_findings(&report);
                    tracing::info!(target: "errcat::reload", "{}", preview_summary(&report));
                }
                (CatalogSource::Folder(Box::new(catalog)), report)
            }
            None => (CatalogSource::Embedded, crate::tooling::check_embedded()),
        };
        let served = Served {
            catalog,
            report,
            generation: 1,
            loaded_at: now(),
            answers: Default::default(),
        };
        let metrics = Metrics::default();
        metrics.set_generation(1);
        Ok(Shared {
            served: ArcSwap::from_pointee(served),
            locales,
            preview,
            limits,
            last_reload: ArcSwapOption::empty(),
            metrics: Arc::new(metrics),
            shutting_down: AtomicBool::new(false),
            watch: std::sync::Mutex::new(super::watch::WatchStatus {
                state: "off",
                ..Default::default()
            }),
            reloading: std::sync::Mutex::new(()),
            generation: AtomicU64::new(1),
        })
    }

    /// Loads the locales folder again and swaps it in, or refuses it and
    /// keeps the catalog being served. Blocking: it reads files.
    pub(crate) fn reload(&self, trigger: &'static str) -> Arc<ReloadRecord> {
        let _one_at_a_time = self
            .reloading
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let record = match &self.locales {
            None => ReloadRecord {
                at: now(),
                trigger,
                outcome: "applied",
                message: "the embedded catalog does not change".to_owned(),
                errors: Vec::new(),
            },
            Some(dir) => match load_folder(dir, self.preview) {
                Ok((catalog, report)) => {
                    let generation = self.generation.fetch_add(1, Ordering::SeqCst) + 1;
                    let (message, errors) = if self.preview {
                        log_findings(&report);
                        (
                            format!(
                                "serving generation {generation}; {}",
                                preview_summary(&report)
                            ),
                            kept_errors(&report),
                        )
                    } else {
                        (format!("serving generation {generation}"), Vec::new())
                    };
                    self.served.store(Arc::new(Served {
                        catalog: CatalogSource::Folder(Box::new(catalog)),
                        report,
                        generation,
                        loaded_at: now(),
                        answers: Default::default(),
                    }));
                    self.metrics.set_generation(generation);
                    ReloadRecord {
                        at: now(),
                        trigger,
                        outcome: "applied",
                        message,
                        errors,
                    }
                }
                Err(refusal) => ReloadRecord {
                    at: now(),
                    trigger,
                    outcome: "refused",
                    message: format!("{refusal}; still serving the last good catalog"),
                    errors: match refusal {
                        Refusal::Errors(found) => found,
                        Refusal::Unreadable(_) => Vec::new(),
                    },
                },
            },
        };
        self.metrics.count_reload(record.outcome);
        let record = Arc::new(record);
        self.last_reload.store(Some(Arc::clone(&record)));
        record
    }
}

pub(crate) fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}
