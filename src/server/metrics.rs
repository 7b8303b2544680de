//! The service's counters, and their Prometheus text form for `/metrics`.
//!
//! Written here rather than taken from a metrics crate: the service has a
//! fixed set of routes and three reload outcomes, so a counter map and one
//! histogram per route under one short lock is all it needs. Labels are
//! route templates and status codes, never anything a client sent.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use super::conn::REASONS;

/// Upper bounds of the latency buckets, in seconds.
const BUCKETS: [f64; 14] = [
    0.000_1, 0.000_25, 0.000_5, 0.001, 0.002_5, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 5.0,
];

#[derive(Default)]
pub(crate) struct Metrics {
    by_route: Mutex<BTreeMap<&'static str, RouteStats>>,
    in_flight: AtomicI64,
    reloads_applied: AtomicU64,
    reloads_refused: AtomicU64,
    generation: AtomicU64,
    connections: AtomicU64,
    stalled: AtomicU64,
    /// Connections the service closed, by reason (see `conn::REASONS`).
    closed: [AtomicU64; REASONS.len()],
    watch_errors: AtomicU64,
    /// The request log's writer, which counts the lines it dropped.
    log: OnceLock<Arc<AtomicU64>>,
}

#[derive(Default)]
struct RouteStats {
    by_status: BTreeMap<u16, u64>,
    /// Per bucket, requests at or under its bound (not cumulative here).
    buckets: [u64; BUCKETS.len()],
    sum_seconds: f64,
    count: u64,
}

/// Counts a request as in flight until dropped, however its future ends.
pub(crate) struct InFlight<'a>(&'a AtomicI64);

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

impl Metrics {
    pub(crate) fn start(&self) -> InFlight<'_> {
        self.in_flight.fetch_add(1, Ordering::Relaxed);
        InFlight(&self.in_flight)
    }

    pub(crate) fn record(&self, route: &'static str, status: u16, latency: Duration) {
        let seconds = latency.as_secs_f64();
        let mut routes = self
            .by_route
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let stats = routes.entry(route).or_default();
        *stats.by_status.entry(status).or_default() += 1;
        if let Some(bucket) = BUCKETS
            .iter()
            .position(|bound| seconds <= *bound)
            .and_then(|i| stats.buckets.get_mut(i))
        {
            *bucket += 1;
        }
        stats.sum_seconds += seconds;
        stats.count += 1;
    }

    pub(crate) fn count_reload(&self, outcome: &str) {
        let counter = match outcome {
            "applied" => &self.reloads_applied,
            _ => &self.reloads_refused,
        };
        counter.fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn set_generation(&self, generation: u64) {
        self.generation.store(generation, Ordering::Relaxed);
    }

    pub(crate) fn set_connections(&self, open: usize) {
        self.connections
            .store(u64::try_from(open).unwrap_or(u64::MAX), Ordering::Relaxed);
    }

    pub(crate) fn set_stalled(&self, stalled: usize) {
        self.stalled.store(
            u64::try_from(stalled).unwrap_or(u64::MAX),
            Ordering::Relaxed,
        );
    }

    pub(crate) fn count_closed(&self, reason: &str) {
        if let Some(counter) = REASONS
            .iter()
            .position(|r| *r == reason)
            .and_then(|i| self.closed.get(i))
        {
            counter.fetch_add(1, Ordering::Relaxed);
        }
    }

    pub(crate) fn count_watch_error(&self) {
        self.watch_errors.fetch_add(1, Ordering::Relaxed);
    }

    /// Counts the log lines this writer drops (only the first call counts).
    pub(crate) fn set_log_counter(&self, counter: Arc<AtomicU64>) {
        let _ = self.log.set(counter);
    }

    /// The Prometheus text exposition format, version 0.0.4.
    pub(crate) fn render(&self) -> String {
        let mut out = String::with_capacity(4096);
        let routes = self
            .by_route
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        out.push_str(
            "# HELP errcat_http_requests_total HTTP requests answered, by route template and status.\n\
             # TYPE errcat_http_requests_total counter\n",
        );
        for (route, stats) in routes.iter() {
            for (status, n) in &stats.by_status {
                let _ = writeln!(
                    out,
                    "errcat_http_requests_total{{route=\"{route}\",status=\"{status}\"}} {n}"
                );
            }
        }
        out.push_str(
            "# HELP errcat_http_request_duration_seconds Time from a request's routing to its response.\n\
             # TYPE errcat_http_request_duration_seconds histogram\n",
        );
        for (route, stats) in routes.iter() {
            let mut cumulative = 0;
            for (bound, n) in BUCKETS.iter().zip(stats.buckets) {
                cumulative += n;
                let _ = writeln!(
                    out,
                    "errcat_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"{bound}\"}} {cumulative}"
                );
            }
            let _ = writeln!(
                out,
                "errcat_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {}\n\
                 errcat_http_request_duration_seconds_sum{{route=\"{route}\"}} {}\n\
                 errcat_http_request_duration_seconds_count{{route=\"{route}\"}} {}",
                stats.count, stats.sum_seconds, stats.count
            );
        }
        drop(routes);
        let _ = write!(
            out,
            "# HELP errcat_http_requests_in_flight Requests being answered now.\n\
             # TYPE errcat_http_requests_in_flight gauge\n\
             errcat_http_requests_in_flight {}\n\
             # HELP errcat_catalog_reloads_total Reloads of the locales folder, by outcome; a refused one kept the last good catalog.\n\
             # TYPE errcat_catalog_reloads_total counter\n\
             errcat_catalog_reloads_total{{outcome=\"applied\"}} {}\n\
             errcat_catalog_reloads_total{{outcome=\"refused\"}} {}\n\
             # HELP errcat_catalog_generation The catalog being served: 1 at start, one more per applied reload.\n\
             # TYPE errcat_catalog_generation gauge\n\
             errcat_catalog_generation {}\n",
            self.in_flight.load(Ordering::Relaxed),
            self.reloads_applied.load(Ordering::Relaxed),
            self.reloads_refused.load(Ordering::Relaxed),
            self.generation.load(Ordering::Relaxed),
        );
        let _ = write!(
            out,
            "# HELP errcat_connections_open Connections open now.\n\
             # TYPE errcat_connections_open gauge\n\
             errcat_connections_open {}\n\
             # HELP errcat_connections_stalled Connections whose client has not read their answers (at the last sweep).\n\
             # TYPE errcat_connections_stalled gauge\n\
             errcat_connections_stalled {}\n\
             # HELP errcat_connections_closed_total Connections the service closed: a write blocked too long, no byte too long, over the budget of queued answers, or the oldest when the table was full.\n\
             # TYPE errcat_connections_closed_total counter\n",
            self.connections.load(Ordering::Relaxed),
            self.stalled.load(Ordering::Relaxed),
        );
        for (reason, n) in REASONS.iter().zip(&self.closed) {
            let _ = writeln!(
                out,
                "errcat_connections_closed_total{{reason=\"{reason}\"}} {}",
                n.load(Ordering::Relaxed)
            );
        }
        let _ = write!(
            out,
            "# HELP errcat_log_lines_dropped_total Log lines dropped because the log's reader was too slow.\n\
             # TYPE errcat_log_lines_dropped_total counter\n\
             errcat_log_lines_dropped_total {}\n\
             # HELP errcat_watch_errors_total Failures of the locales folder's watch.\n\
             # TYPE errcat_watch_errors_total counter\n\
             errcat_watch_errors_total {}\n",
            self.log.get().map_or(0, |n| n.load(Ordering::Relaxed)),
            self.watch_errors.load(Ordering::Relaxed),
        );
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histogram_buckets_are_cumulative_and_end_with_inf() {
        let m = Metrics::default();
        m.record("/healthz", 200, Duration::from_micros(50));
        m.record("/healthz", 200, Duration::from_millis(3));
        m.record("/healthz", 404, Duration::from_secs(60));
        let text = m.render();
        assert!(text.contains("errcat_http_requests_total{route=\"/healthz\",status=\"200\"} 2\n"));
        assert!(text.contains("errcat_http_requests_total{route=\"/healthz\",status=\"404\"} 1\n"));
        assert!(text.contains("_bucket{route=\"/healthz\",le=\"0.0001\"} 1\n"));
        assert!(text.contains("_bucket{route=\"/healthz\",le=\"0.005\"} 2\n"));
        assert!(text.contains("_bucket{route=\"/healthz\",le=\"5\"} 2\n"));
        assert!(text.contains("_bucket{route=\"/healthz\",le=\"+Inf\"} 3\n"));
        assert!(
            text.contains("errcat_http_request_duration_seconds_count{route=\"/healthz\"} 3\n")
        );
    }

    #[test]
    fn in_flight_falls_when_the_guard_drops() {
        let m = Metrics::default();
        let guard = m.start();
        assert!(m.render().contains("errcat_http_requests_in_flight 1\n"));
        drop(guard);
        assert!(m.render().contains("errcat_http_requests_in_flight 0\n"));
    }
}
