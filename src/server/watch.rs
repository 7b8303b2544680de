//! Hot reload: the locales folder is loaded again when one of its files
//! changes (notify) and on SIGHUP, and every outcome is logged.
//!
//! This module only decides when to reload; [`Shared::reload`] decides
//! whether the new catalog is served.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use notify::{EventKind, RecursiveMode, Watcher as _};
use tokio::sync::mpsc;

use super::state::Shared;
use crate::terminal::escape;

/// How long a folder must be quiet before it is reloaded: an editor's save
/// is several events (write a temporary file, rename it over the old one).
const SETTLE: Duration = Duration::from_millis(200);

/// Reloads, off the async threads (it reads files), and logs the outcome.
pub(crate) async fn reload_logged(shared: Arc<Shared>, trigger: &'static str) {
    let outcome = tokio::task::spawn_blocking(move || shared.reload(trigger)).await;
    match outcome {
        Ok(record) if record.outcome == "applied" => tracing::info!(
            target: "errcat::reload",
            trigger,
            outcome = record.outcome,
            "{}",
            escape(&record.message)
        ),
        Ok(record) => tracing::warn!(
            target: "errcat::reload",
            trigger,
            outcome = record.outcome,
            "{}",
            escape(&record.message)
        ),
        Err(err) => tracing::error!(target: "errcat::reload", trigger, "the reload stopped: {err}"),
    }
}

/// Watches `dir` and reloads after each burst of changes. The watch ends
/// when the returned watcher is dropped.
pub(crate) fn watch(shared: Arc<Shared>, dir: &Path) -> notify::Result<notify::RecommendedWatcher> {
    let (changed, mut changes) = mpsc::channel::<()>(1);
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        // Reading a file (as the reload itself does) is not a change.
        let relevant = match event {
            Ok(event) => !matches!(event.kind, EventKind::Access(_)),
            Err(_) => true,
        };
        if relevant {
            // A full channel already holds a pending reload.
            let _ = changed.try_send(());
        }
    })?;
    watcher.watch(dir, RecursiveMode::Recursive)?;
    tokio::spawn(async move {
        while changes.recv().await.is_some() {
            loop {
                match tokio::time::timeout(SETTLE, changes.recv()).await {
                    Ok(Some(())) => continue,
                    Ok(None) => return,
                    Err(_quiet) => break,
                }
            }
            reload_logged(Arc::clone(&shared), "file-change").await;
        }
    });
    Ok(watcher)
}

/// Reloads on every SIGHUP, for as long as the process runs.
#[cfg(unix)]
pub(crate) fn reload_on_hangup(shared: Arc<Shared>) -> std::io::Result<()> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut hangups = signal(SignalKind::hangup())?;
    tokio::spawn(async move {
        while hangups.recv().await.is_some() {
            reload_logged(Arc::clone(&shared), "signal").await;
        }
    });
    Ok(())
}
