//! Hot reload: the locales folder is loaded again when one of its files
//! changes (notify) and on SIGHUP, and every outcome is logged.
//!
//! The watch follows the folder as people deploy it: it watches the
//! folder's parent too, and arms itself again after every burst of
//! changes, so a folder replaced (`mv loc loc.old; mv loc.new loc`),
//! removed and created again, or reached through a link that is flipped
//! (`ln -sfn v2 current`) keeps being watched. It watches, without
//! recursion, only the folder and its direct language folders, and never
//! through a link that leads outside the folder (`ln -s / loc/root` adds
//! nothing). A burst of changes is reloaded once it has been quiet for
//! [`SETTLE`], or at the latest [`MAX_WAIT`] after its first change, so a
//! file touched without end cannot hold an edit back. Every failure of the
//! watch is logged, counted and shown in `/v1/diagnostics`.
//!
//! This module only decides when to reload; [`Shared::reload`] decides
//! whether the new catalog is served.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};
use serde::Serialize;
use tokio::sync::mpsc;
use tokio::time::Instant;
use utoipa::ToSchema;

use super::state::Shared;
use crate::terminal::escape;

/// How long a folder must be quiet before it is reloaded: an editor's save
/// is several events (write a temporary file, rename it over the old one).
const SETTLE: Duration = Duration::from_millis(200);

/// The longest a change waits for its burst to end.
const MAX_WAIT: Duration = Duration::from_secs(2);

/// The most language folders watched; more are left unwatched (and say
/// so in `/v1/diagnostics`).
const MAX_FOLDERS: usize = 256;

/// What the watch of the locales folder is doing, for `/v1/diagnostics`.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub(crate) struct WatchStatus {
    /// `watching`; `waiting` (the folder is missing, its parent is
    /// watched for it to come back); `failed` (no watch: reload with
    /// SIGHUP); `off` (no locales folder).
    pub(crate) state: &'static str,
    /// The paths watched now: the parent, the folder and its language
    /// folders.
    pub(crate) watched: usize,
    /// File events seen that concern the folder.
    pub(crate) events: u64,
    /// Times the watch was armed again (once per burst of changes).
    pub(crate) rearmed: u64,
    /// Failures of the watch since start.
    pub(crate) errors: u64,
    /// The last failure, one line.
    pub(crate) last_error: Option<String>,
}

impl Shared {
    fn watch_status(&self) -> std::sync::MutexGuard<'_, WatchStatus> {
        self.watch.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Notes a failure of the watch: logged, counted, shown.
    fn watch_failed(&self, message: String) {
        tracing::warn!(target: "errcat::reload", "watching the locales folder: {}", escape(&message));
        self.metrics.count_watch_error();
        let mut status = self.watch_status();
        status.errors += 1;
        status.last_error = Some(message);
    }
}

/// Reloads, off the async threads (it reads files), and logs the outcome.
pub(crate) async fn reload_logged(shared: Arc<Shared>, trigger: &'static str) {
    let outcome = tokio::task::spawn_blocking(move || shared.reload(trigger)).await;
    log_reload(outcome, trigger);
}

fn log_reload(
    outcome: Result<Arc<super::state::ReloadRecord>, tokio::task::JoinError>,
    trigger: &'static str,
) {
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

/// The watch; it ends when this is dropped.
pub(crate) struct Watching(tokio::task::JoinHandle<()>);

impl Drop for Watching {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// The folder as configured (not resolved: a link named here is followed
/// afresh on every arming) and its parent.
struct Place {
    dir: PathBuf,
    parent: PathBuf,
}

impl Place {
    fn new(dir: &Path) -> std::io::Result<Place> {
        let dir = std::path::absolute(dir)?;
        let parent = dir
            .parent()
            .map_or_else(|| PathBuf::from("/"), Path::to_path_buf);
        Ok(Place { dir, parent })
    }

    /// Whether an event's path concerns the folder: inside it (as
    /// watched), or the folder's own name in its parent.
    fn concerns(&self, path: &Path) -> bool {
        path.starts_with(&self.dir)
    }
}

/// Watches the locales folder and reloads after each burst of changes.
pub(crate) fn watch(shared: Arc<Shared>, dir: &Path) -> Result<Watching, String> {
    let place = match Place::new(dir) {
        Ok(place) => Arc::new(place),
        Err(e) => return Err(failed(&shared, format!("{}: {e}", dir.display()))),
    };
    let (changed, mut changes) = mpsc::channel::<()>(1);
    let seen = Arc::clone(&shared);
    let concerns = Arc::clone(&place);
    let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        match event {
            // Reading a file (as the reload itself does) is not a change.
            Ok(event) if matches!(event.kind, EventKind::Access(_)) => return,
            Ok(event) => {
                if !event.paths.iter().any(|p| concerns.concerns(p)) {
                    return;
                }
                seen.watch_status().events += 1;
            }
            // A lost event (a full inotify queue) may hide a change: note
            // it, and reload and arm again to be sure.
            Err(err) => seen.watch_failed(err.to_string()),
        }
        // A full channel already holds a pending reload.
        let _ = changed.try_send(());
    })
    .map_err(|e| failed(&shared, format!("cannot watch, reload with SIGHUP: {e}")))?;
    let watcher = Arc::new(Mutex::new(Armed {
        watcher,
        paths: Vec::new(),
    }));
    arm(&shared, &place, &watcher);
    let task = tokio::spawn(async move {
        while changes.recv().await.is_some() {
            let deadline = Instant::now() + MAX_WAIT;
            loop {
                let wait = SETTLE.min(deadline.saturating_duration_since(Instant::now()));
                match tokio::time::timeout(wait, changes.recv()).await {
                    Ok(Some(())) if Instant::now() < deadline => continue,
                    Ok(Some(())) | Err(_) => break,
                    Ok(None) => return,
                }
            }
            let shared = Arc::clone(&shared);
            let place = Arc::clone(&place);
            let watcher = Arc::clone(&watcher);
            let outcome = tokio::task::spawn_blocking(move || {
                arm(&shared, &place, &watcher);
                shared.reload("file-change")
            })
            .await;
            log_reload(outcome, "file-change");
        }
    });
    Ok(Watching(task))
}

/// Notes a watch that could not start at all.
fn failed(shared: &Shared, message: String) -> String {
    shared.watch_failed(message.clone());
    shared.watch_status().state = "failed";
    message
}

/// The watcher and the paths it watches.
struct Armed {
    watcher: RecommendedWatcher,
    paths: Vec<PathBuf>,
}

/// Watches, afresh, the folder's parent, the folder and its language
/// folders (not through links that lead outside it). Blocking.
fn arm(shared: &Shared, place: &Place, armed: &Mutex<Armed>) {
    let mut armed = armed.lock().unwrap_or_else(PoisonError::into_inner);
    let Armed { watcher, paths } = &mut *armed;
    for path in paths.drain(..) {
        // A watch whose folder is gone is already removed.
        let _ = watcher.unwatch(&path);
    }
    let mut failures = Vec::new();
    let mut add = |watcher: &mut RecommendedWatcher, path: &Path| match watcher
        .watch(path, RecursiveMode::NonRecursive)
    {
        Ok(()) => {
            paths.push(path.to_path_buf());
            true
        }
        Err(err) => {
            failures.push(format!("{}: {err}", path.display()));
            false
        }
    };
    add(watcher, &place.parent);
    let mut state = "watching";
    match std::fs::canonicalize(&place.dir) {
        Ok(root) if root.is_dir() => {
            if add(watcher, &place.dir) {
                let mut seen: Vec<PathBuf> = vec![root.clone()];
                for folder in language_folders(&place.dir, &root) {
                    if seen.len() > MAX_FOLDERS {
                        failures.push(format!(
                            "{}: more than {MAX_FOLDERS} folders; the rest are not watched",
                            place.dir.display()
                        ));
                        break;
                    }
                    if !seen.contains(&folder.1) && add(watcher, &folder.0) {
                        seen.push(folder.1);
                    }
                }
            }
        }
        _ => state = "waiting",
    }
    let watched = paths.len();
    drop(armed);
    for failure in failures {
        shared.watch_failed(failure);
    }
    let mut status = shared.watch_status();
    status.state = if watched == 0 { "failed" } else { state };
    status.watched = watched;
    status.rearmed += 1;
}

/// The folder's direct subfolders, as (the path to watch, where it really
/// is): a link is kept only if it leads to a folder inside `root`.
fn language_folders(dir: &Path, root: &Path) -> Vec<(PathBuf, PathBuf)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut folders = Vec::new();
    for entry in entries.flatten() {
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let path = entry.path();
        let real = if kind.is_dir() {
            root.join(entry.file_name())
        } else if kind.is_symlink() {
            match std::fs::canonicalize(&path) {
                Ok(real) if real.starts_with(root) && real.is_dir() => real,
                _ => continue,
            }
        } else {
            continue;
        };
        folders.push((path, real));
    }
    folders.sort();
    folders
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
