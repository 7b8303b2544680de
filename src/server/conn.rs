//! The connection table: every open connection, when it last moved a byte
//! and since when it has been unable to write, and the rules that close
//! it.
//!
//! A client that sends requests and never reads the answers holds its
//! connection, the answers hyper has rendered and the kernel's send queue
//! for as long as it likes, unless something closes it. This module is
//! that something:
//!
//! - a write that cannot progress for [`Limits::write_timeout`] closes the
//!   connection (`write-timeout`);
//! - a connection that moves no byte either way for
//!   [`Limits::idle_timeout`] is closed (`idle-timeout`);
//! - every connection's kernel send buffer is [`Limits::send_buffer`], and
//!   the connections unable to write may pin at most
//!   [`Limits::queued_bytes`] of them together: over it, the one stalled
//!   longest is closed (`queue-budget`);
//! - with [`Limits::connections`] open, a new connection closes the
//!   quietest one (stalled first, then the longest without a byte), so a
//!   table full of stuck clients never keeps a health check out (`full`).
//!
//! A connection closed by these rules is reset (`SO_LINGER` 0): the kernel
//! drops its unsent bytes at once instead of trying to deliver them.
//!
//! [`Limits::write_timeout`]: super::Limits::write_timeout
//! [`Limits::idle_timeout`]: super::Limits::idle_timeout
//! [`Limits::send_buffer`]: super::Limits::send_buffer
//! [`Limits::queued_bytes`]: super::Limits::queued_bytes
//! [`Limits::connections`]: super::Limits::connections

use std::collections::HashMap;
use std::io::IoSlice;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio::sync::Notify;

use super::metrics::Metrics;

/// Why the service closed a connection; the `reason` label of
/// `errcat_connections_closed_total`.
pub(crate) const REASONS: [&str; 4] = ["write-timeout", "idle-timeout", "queue-budget", "full"];

/// One open connection.
pub(crate) struct Conn {
    /// Milliseconds since the table's epoch at the last byte read or
    /// written.
    last_progress: AtomicU64,
    /// One more than the milliseconds since the epoch at which a write
    /// first found the send buffer full; 0 while writes progress.
    stalled_since: AtomicU64,
    /// Set once, when the service decides to close the connection.
    closing: OnceLock<&'static str>,
    close: Notify,
}

impl Conn {
    fn new(now: u64) -> Conn {
        Conn {
            last_progress: AtomicU64::new(now),
            stalled_since: AtomicU64::new(0),
            closing: OnceLock::new(),
            close: Notify::new(),
        }
    }

    fn is_closing(&self) -> bool {
        self.closing.get().is_some()
    }

    /// When it stalled, if it cannot write now.
    fn stalled(&self) -> Option<u64> {
        self.stalled_since.load(Ordering::Relaxed).checked_sub(1)
    }

    /// Sorts the quietest first: stalled connections by how long they have
    /// been, then the others by their last byte.
    fn quietness(&self) -> (u8, u64) {
        match self.stalled() {
            Some(since) => (0, since),
            None => (1, self.last_progress.load(Ordering::Relaxed)),
        }
    }

    /// Asks the connection's task to close it; the first reason counts.
    /// True if this call decided it.
    fn shed(&self, reason: &'static str) -> bool {
        let decided = self.closing.set(reason).is_ok();
        if decided {
            self.close.notify_one();
        }
        decided
    }

    /// Completes once the service has decided to close the connection.
    pub(crate) async fn closed(&self) {
        if self.is_closing() {
            return;
        }
        self.close.notified().await;
    }
}

/// Every open connection, and the limits that close them.
pub(crate) struct Table {
    epoch: Instant,
    conns: Mutex<HashMap<u64, Arc<Conn>>>,
    next_id: AtomicU64,
    limit: usize,
    write_timeout: u64,
    idle_timeout: u64,
    stalled_limit: usize,
    metrics: Arc<Metrics>,
}

/// Milliseconds of a duration, saturating.
fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

impl Table {
    pub(crate) fn new(limits: &super::Limits, metrics: Arc<Metrics>) -> Table {
        // Linux doubles the send buffer asked for, for its bookkeeping.
        let per_connection = limits.send_buffer.max(1).saturating_mul(2);
        Table {
            epoch: Instant::now(),
            conns: Mutex::new(HashMap::new()),
            next_id: AtomicU64::new(0),
            limit: limits.connections.max(1),
            write_timeout: millis(limits.write_timeout),
            idle_timeout: millis(limits.idle_timeout),
            stalled_limit: (limits.queued_bytes / per_connection).max(1),
            metrics,
        }
    }

    fn now(&self) -> u64 {
        millis(self.epoch.elapsed())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Arc<Conn>>> {
        self.conns
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn shed(&self, conn: &Conn, reason: &'static str) {
        if conn.shed(reason) {
            self.metrics.count_closed(reason);
        }
    }

    /// Enters a new connection; with the table full, the quietest open one
    /// is closed to make room. The entry leaves with [`Table::leave`].
    pub(crate) fn enter(self: &Arc<Self>, stream: TcpStream) -> (u64, Arc<Conn>, Tracked) {
        let conn = Arc::new(Conn::new(self.now()));
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let mut conns = self.lock();
        if conns.len() >= self.limit {
            let open = conns.values().filter(|c| !c.is_closing());
            if open.clone().count() >= self.limit {
                if let Some(victim) = open.min_by_key(|c| c.quietness()) {
                    self.shed(victim, "full");
                }
            }
        }
        conns.insert(id, Arc::clone(&conn));
        self.metrics.set_connections(conns.len());
        drop(conns);
        let tracked = Tracked {
            stream,
            conn: Arc::clone(&conn),
            table: Arc::clone(self),
        };
        (id, conn, tracked)
    }

    /// Removes a connection whose task has ended.
    pub(crate) fn leave(&self, id: u64) {
        let mut conns = self.lock();
        conns.remove(&id);
        self.metrics.set_connections(conns.len());
    }

    /// One pass of the timeouts and the queue budget.
    pub(crate) fn sweep(&self) {
        let now = self.now();
        let conns = self.lock();
        let mut stalled: Vec<(u64, &Arc<Conn>)> = Vec::new();
        for conn in conns.values().filter(|c| !c.is_closing()) {
            let quiet = now.saturating_sub(conn.last_progress.load(Ordering::Relaxed));
            match conn.stalled() {
                Some(since) if now.saturating_sub(since) >= self.write_timeout => {
                    self.shed(conn, "write-timeout");
                }
                _ if quiet >= self.idle_timeout => self.shed(conn, "idle-timeout"),
                Some(since) => stalled.push((since, conn)),
                None => {}
            }
        }
        self.metrics
            .set_stalled(stalled.len().min(self.stalled_limit));
        if stalled.len() > self.stalled_limit {
            stalled.sort_unstable_by_key(|(since, _)| *since);
            let over = stalled.len() - self.stalled_limit;
            for (_, conn) in stalled.into_iter().take(over) {
                self.shed(conn, "queue-budget");
            }
        }
    }

    /// How often [`Table::sweep`] runs: a quarter of the shortest timeout,
    /// between 10 ms and 1 s.
    pub(crate) fn sweep_every(&self) -> Duration {
        let shortest = self.write_timeout.min(self.idle_timeout) / 4;
        Duration::from_millis(shortest.clamp(10, 1000))
    }
}

/// A connection's socket, noting every byte that moves and every write
/// that finds the send buffer full.
pub(crate) struct Tracked {
    stream: TcpStream,
    conn: Arc<Conn>,
    table: Arc<Table>,
}

impl Tracked {
    fn progressed(&self) {
        self.conn
            .last_progress
            .store(self.table.now(), Ordering::Relaxed);
    }

    fn wrote(&self, result: &Poll<std::io::Result<usize>>) {
        match result {
            Poll::Ready(Ok(n)) if *n > 0 => {
                self.progressed();
                self.conn.stalled_since.store(0, Ordering::Relaxed);
            }
            Poll::Pending => {
                let now = self.table.now().saturating_add(1);
                let _ = self.conn.stalled_since.compare_exchange(
                    0,
                    now,
                    Ordering::Relaxed,
                    Ordering::Relaxed,
                );
            }
            Poll::Ready(_) => {}
        }
    }
}

impl Drop for Tracked {
    fn drop(&mut self) {
        if self.conn.is_closing() {
            // A reset: the kernel frees the unsent answers now.
            let _ = socket2::SockRef::from(&self.stream).set_linger(Some(Duration::ZERO));
        }
    }
}

impl AsyncRead for Tracked {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        let result = Pin::new(&mut this.stream).poll_read(cx, buf);
        if matches!(result, Poll::Ready(Ok(()))) && buf.filled().len() > before {
            this.progressed();
        }
        result
    }
}

impl AsyncWrite for Tracked {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let this = self.get_mut();
        let result = Pin::new(&mut this.stream).poll_write(cx, buf);
        this.wrote(&result);
        result
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        let this = self.get_mut();
        let result = Pin::new(&mut this.stream).poll_write_vectored(cx, bufs);
        this.wrote(&result);
        result
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(limits: &super::super::Limits) -> Arc<Table> {
        Arc::new(Table::new(limits, Arc::new(Metrics::default())))
    }

    #[test]
    fn the_quietest_is_stalled_first_then_the_longest_without_a_byte() {
        let a = Conn::new(5);
        let b = Conn::new(1);
        let c = Conn::new(9);
        c.stalled_since.store(8, Ordering::Relaxed);
        let mut all = [&a, &b, &c];
        all.sort_by_key(|c| c.quietness());
        assert!(std::ptr::eq(all[0], &c));
        assert!(std::ptr::eq(all[1], &b));
    }

    #[test]
    fn the_first_reason_counts_and_wakes_the_task_once() {
        let conn = Conn::new(0);
        assert!(conn.shed("full"));
        assert!(!conn.shed("idle-timeout"));
        assert_eq!(conn.closing.get(), Some(&"full"));
    }

    #[test]
    fn the_budget_allows_at_least_one_stalled_connection() {
        let limits = super::super::Limits {
            queued_bytes: 0,
            send_buffer: usize::MAX,
            ..Default::default()
        };
        assert_eq!(table(&limits).stalled_limit, 1);
        let limits = super::super::Limits::default();
        assert_eq!(
            table(&limits).stalled_limit,
            limits.queued_bytes / (2 * limits.send_buffer)
        );
    }

    #[test]
    fn sweeps_come_at_least_every_second_and_at_most_every_10_ms() {
        let mut limits = super::super::Limits {
            write_timeout: Duration::from_millis(1),
            ..Default::default()
        };
        assert_eq!(table(&limits).sweep_every(), Duration::from_millis(10));
        limits.write_timeout = Duration::MAX;
        limits.idle_timeout = Duration::MAX;
        assert_eq!(table(&limits).sweep_every(), Duration::from_secs(1));
    }
}
