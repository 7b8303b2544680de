//! The log's writer: lines gathered in a bounded buffer and written to
//! stderr by a thread of their own, a batch at a time.
//!
//! A request appends its line under a short lock and never waits for
//! stderr: when the buffer is full (stderr blocked, or nobody reading it)
//! the line is dropped and counted. The thread is woken only when the
//! buffer stops being empty, then waits [`GATHER`] for more lines, so that
//! under load one `write` carries many lines instead of one wake-up and
//! one system call per line.

use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError, mpsc};
use std::time::Duration;

use std::time::{SystemTime, UNIX_EPOCH};

use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::fmt::format::Writer;
use tracing_subscriber::fmt::time::{self, FormatTime};

/// How long the writer of the service's log waits, once woken, for more
/// lines to write at once.
pub(crate) const GATHER: Duration = Duration::from_millis(10);

/// The lines waiting for the writer, and whether it must stop.
#[derive(Default)]
struct Queue {
    bytes: Vec<u8>,
    closing: bool,
}

struct Inner {
    queue: Mutex<Queue>,
    ready: Condvar,
    /// The most bytes waiting; a line that does not fit is dropped.
    limit: usize,
    /// How long the writer waits, once woken, for more lines.
    gather: Duration,
    dropped: Arc<AtomicU64>,
}

impl Inner {
    fn new(limit: usize, gather: Duration) -> Inner {
        Inner {
            queue: Mutex::new(Queue::default()),
            ready: Condvar::new(),
            limit,
            gather,
            dropped: Arc::new(AtomicU64::new(0)),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Queue> {
        self.queue.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Where the log's lines go: one `write` is one line.
#[derive(Clone)]
pub(crate) struct Log(Arc<Inner>);

impl Log {
    /// Writes to `out` from a thread named `name`, keeping at most `limit`
    /// bytes waiting and gathering lines for [`GATHER`] before each write.
    /// The lines still waiting are written when the guard is dropped, for
    /// at most `last_wait`.
    pub(crate) fn start<W: Write + Send + 'static>(
        out: W,
        limit: usize,
        name: &str,
        last_wait: Duration,
    ) -> std::io::Result<(Log, FlushOnDrop)> {
        Log::gathering(out, limit, GATHER, name, last_wait)
    }

    /// [`Log::start`], gathering lines for `gather`.
    fn gathering<W: Write + Send + 'static>(
        out: W,
        limit: usize,
        gather: Duration,
        name: &str,
        last_wait: Duration,
    ) -> std::io::Result<(Log, FlushOnDrop)> {
        let inner = Arc::new(Inner::new(limit, gather));
        let (done, finished) = mpsc::channel();
        let writer = Arc::clone(&inner);
        std::thread::Builder::new()
            .name(name.to_owned())
            .spawn(move || {
                write_batches(&writer, out);
                let _ = done.send(());
            })?;
        let guard = FlushOnDrop {
            inner: Arc::clone(&inner),
            finished,
            last_wait,
        };
        Ok((Log(inner), guard))
    }

    /// The count of lines dropped because the buffer was full.
    pub(crate) fn dropped(&self) -> Arc<AtomicU64> {
        Arc::clone(&self.0.dropped)
    }

    /// Appends one line, or drops and counts it when it does not fit.
    fn push(&self, line: &[u8]) {
        let mut queue = self.0.lock();
        if queue.bytes.len() + line.len() > self.0.limit {
            drop(queue);
            self.0.dropped.fetch_add(1, Ordering::Relaxed);
            return;
        }
        let woke = queue.bytes.is_empty();
        queue.bytes.extend_from_slice(line);
        drop(queue);
        if woke {
            self.0.ready.notify_one();
        }
    }
}

/// The writer's loop: sleeps while nothing waits, then writes everything
/// that gathered; ends once closed and empty.
fn write_batches(inner: &Inner, mut out: impl Write) {
    let mut batch = Vec::new();
    loop {
        let mut queue = inner.lock();
        while queue.bytes.is_empty() && !queue.closing {
            queue = inner
                .ready
                .wait(queue)
                .unwrap_or_else(PoisonError::into_inner);
        }
        if !queue.closing {
            drop(queue);
            std::thread::sleep(inner.gather);
            queue = inner.lock();
        }
        let last = queue.closing;
        std::mem::swap(&mut queue.bytes, &mut batch);
        drop(queue);
        // Nothing to do about a stderr that fails; the next batch tries again.
        let _ = out.write_all(&batch).and_then(|()| out.flush());
        batch.clear();
        if last && inner.lock().bytes.is_empty() {
            return;
        }
    }
}

/// Writes the lines still waiting when dropped (for at most its wait).
pub(crate) struct FlushOnDrop {
    inner: Arc<Inner>,
    finished: mpsc::Receiver<()>,
    last_wait: Duration,
}

impl Drop for FlushOnDrop {
    fn drop(&mut self) {
        self.inner.lock().closing = true;
        self.inner.ready.notify_one();
        let _ = self.finished.recv_timeout(self.last_wait);
    }
}

/// One line being written.
pub(crate) struct Line<'a>(&'a Log);

impl Write for Line<'_> {
    fn write(&mut self, line: &[u8]) -> std::io::Result<usize> {
        self.0.push(line);
        Ok(line.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Log {
    type Writer = Line<'a>;

    fn make_writer(&'a self) -> Line<'a> {
        Line(self)
    }
}

/// The log's timestamps, as tracing-subscriber writes them
/// (`2026-12-06T05:17:43.588692Z`, UTC), with each second's date and time
/// formatted once per thread instead of once per line.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Clock;

thread_local! {
    /// The second last formatted on this thread, and its text up to the
    /// fraction (`2026-12-06T05:17:43.`).
    static SECOND: std::cell::RefCell<(u64, String)> = const {
        std::cell::RefCell::new((u64::MAX, String::new()))
    };
}

impl FormatTime for Clock {
    fn format_time(&self, w: &mut Writer<'_>) -> std::fmt::Result {
        Clock::format(w, SystemTime::now)
    }
}

impl Clock {
    /// The timestamp of `now()` (asked once or twice).
    fn format(w: &mut Writer<'_>, now: impl Fn() -> SystemTime) -> std::fmt::Result {
        let second = |t: SystemTime| t.duration_since(UNIX_EPOCH).ok();
        let Some(at) = second(now()) else {
            return time::SystemTime.format_time(w);
        };
        SECOND.with(|cached| {
            let mut cached = cached.borrow_mut();
            if cached.0 != at.as_secs() {
                // tracing-subscriber's own text for this second: its clock
                // is read between two of ours that agree on the second.
                let mut text = String::with_capacity(32);
                time::SystemTime.format_time(&mut Writer::new(&mut text))?;
                match (text.rfind('.'), second(now())) {
                    (Some(dot), Some(again)) if again.as_secs() == at.as_secs() => {
                        text.truncate(dot + 1);
                        *cached = (at.as_secs(), text);
                    }
                    _ => return w.write_str(&text),
                }
            }
            write!(w, "{}{:06}Z", cached.1, at.subsec_micros())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    /// An output the test can read back: its bytes, and how many writes
    /// and flushes it got.
    #[derive(Clone, Default)]
    struct Shared(Arc<Mutex<(Vec<u8>, usize, usize)>>);

    impl Shared {
        fn bytes(&self) -> Vec<u8> {
            self.0.lock().unwrap().0.clone()
        }
        fn writes(&self) -> usize {
            self.0.lock().unwrap().1
        }
        fn flushes(&self) -> usize {
            self.0.lock().unwrap().2
        }
    }

    impl Write for Shared {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            let mut out = self.0.lock().unwrap();
            out.0.extend_from_slice(buf);
            out.1 += 1;
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            self.0.lock().unwrap().2 += 1;
            Ok(())
        }
    }

    /// An output that never accepts a byte.
    struct Blocked;

    impl Write for Blocked {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            std::thread::sleep(Duration::from_secs(3600));
            Ok(0)
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    fn line(log: &Log, text: &str) {
        log.make_writer().write_all(text.as_bytes()).unwrap();
    }

    fn until(what: &str, done: impl Fn() -> bool) {
        let start = Instant::now();
        while !done() {
            assert!(start.elapsed() < Duration::from_secs(10), "{what}");
            std::thread::sleep(Duration::from_millis(1));
        }
    }

    #[test]
    fn lines_are_written_in_order_soon_and_all_of_them_on_drop() {
        let out = Shared::default();
        let (log, guard) =
            Log::start(out.clone(), 1024, "test-log", Duration::from_secs(5)).unwrap();
        line(&log, "one\n");
        until("the line is written", || out.flushes() > 0);
        // Nothing to write: the writer sleeps, and neither writes nor flushes.
        let flushes = out.flushes();
        std::thread::sleep(GATHER * 5);
        assert_eq!(out.flushes(), flushes);
        line(&log, "two\n");
        line(&log, "three\n");
        drop(guard);
        assert_eq!(out.bytes(), b"one\ntwo\nthree\n");
        assert_eq!(log.dropped().load(Ordering::Relaxed), 0);
    }

    #[test]
    fn lines_written_while_the_writer_gathers_go_out_in_one_write() {
        let out = Shared::default();
        let (log, guard) = Log::gathering(
            out.clone(),
            1024,
            Duration::from_secs(1),
            "test-log",
            Duration::from_secs(5),
        )
        .unwrap();
        line(&log, "a\n");
        // Long enough for the writer to wake, short of its gathering time.
        std::thread::sleep(Duration::from_millis(200));
        line(&log, "b\n");
        line(&log, "c\n");
        until("the lines are written", || !out.bytes().is_empty());
        assert_eq!((out.bytes(), out.writes()), (b"a\nb\nc\n".to_vec(), 1));
        drop(guard);
    }

    #[test]
    fn a_blocked_output_drops_and_counts_lines_and_never_blocks_a_writer() {
        let (log, guard) = Log::start(Blocked, 10, "test-log", Duration::from_millis(50)).unwrap();
        let start = Instant::now();
        // The first line may already be with the blocked output.
        for _ in 0..100 {
            line(&log, "12345\n");
        }
        assert!(start.elapsed() < Duration::from_secs(1));
        let dropped = log.dropped().load(Ordering::Relaxed);
        assert!((98..=99).contains(&dropped), "{dropped}");
        drop(guard);
        assert!(start.elapsed() < Duration::from_secs(2));
    }

    fn stamp(now: impl Fn() -> SystemTime) -> String {
        let mut text = String::new();
        Clock::format(&mut Writer::new(&mut text), now).unwrap();
        text
    }

    #[test]
    fn timestamps_are_tracing_subscribers_own() {
        for _ in 0..3 {
            let mut ours = String::new();
            let mut theirs = String::new();
            Clock.format_time(&mut Writer::new(&mut ours)).unwrap();
            time::SystemTime
                .format_time(&mut Writer::new(&mut theirs))
                .unwrap();
            assert_eq!(ours.len(), "2026-12-06T05:17:43.588692Z".len(), "{ours}");
            assert!(ours.ends_with('Z'), "{ours}");
            // The same second, unless a second began between the two.
            if ours[..20] == theirs[..20] {
                return;
            }
        }
        panic!("the timestamps never agreed");
    }

    #[test]
    fn the_fraction_is_this_lines_and_the_second_is_cached_per_thread() {
        std::thread::spawn(|| {
            let now = SystemTime::now();
            let second =
                UNIX_EPOCH + Duration::from_secs(now.duration_since(UNIX_EPOCH).unwrap().as_secs());
            let first = stamp(|| second + Duration::from_micros(1));
            assert!(first.ends_with(".000001Z"), "{first}");
            // Within the cached second, only the fraction changes.
            let later = stamp(|| second + Duration::from_micros(999_999));
            assert_eq!(later[..20], first[..20]);
            assert!(later.ends_with(".999999Z"), "{later}");
            // Before the epoch: tracing-subscriber's text for now, as is.
            let before = stamp(|| UNIX_EPOCH - Duration::from_secs(1));
            assert!(before.ends_with('Z'), "{before}");
            assert_eq!(before.len(), first.len());
        })
        .join()
        .unwrap();
    }

    #[test]
    fn a_second_that_changes_while_it_is_formatted_is_not_cached() {
        std::thread::spawn(|| {
            let now = SystemTime::now();
            let second =
                UNIX_EPOCH + Duration::from_secs(now.duration_since(UNIX_EPOCH).unwrap().as_secs());
            let calls = std::cell::Cell::new(0u64);
            // The first reading in one second, the next in the one after.
            let text = stamp(|| {
                calls.set(calls.get() + 1);
                second + Duration::from_secs(calls.get() - 1)
            });
            assert_eq!(calls.get(), 2);
            assert!(text.ends_with('Z'), "{text}");
            let cached = SECOND.with(|cached| cached.borrow().0);
            assert_eq!(cached, u64::MAX, "nothing is cached");
        })
        .join()
        .unwrap();
    }

    #[test]
    fn lines_fit_up_to_the_last_byte_of_the_limit() {
        // No writer: everything stays in the buffer.
        let log = Log(Arc::new(Inner::new(10, GATHER)));
        line(&log, "12345");
        line(&log, "67890");
        assert_eq!(log.dropped().load(Ordering::Relaxed), 0);
        line(&log, "1");
        assert_eq!(log.dropped().load(Ordering::Relaxed), 1);
        assert_eq!(log.0.lock().bytes, b"1234567890");
    }
}
