//! Plain lookups allocate nothing, on the typed and on the string path.
//!
//! A counting global allocator counts the allocations of the current thread
//! only, so tests running in parallel do not disturb each other.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use errcat::{Catalog, mobizon, planfix};

struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
    /// Bytes allocated and not freed by this thread (what another thread
    /// frees of them stays counted), and the most there were.
    static LIVE: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

fn grow(by: isize) {
    let _ = LIVE.try_with(|live| {
        live.set(live.get() + by);
        let _ = PEAK.try_with(|peak| peak.set(peak.get().max(live.get())));
    });
}

fn size(bytes: usize) -> isize {
    isize::try_from(bytes).unwrap_or(isize::MAX)
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|c| c.set(c.get() + 1));
        grow(size(layout.size()));
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        grow(-size(layout.size()));
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|c| c.set(c.get() + 1));
        grow(size(new_size) - size(layout.size()));
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

/// The most heap memory this thread held at once while `f` ran, beyond
/// what it held before, in bytes.
pub(crate) fn peak_bytes_during(f: impl FnOnce()) -> usize {
    let before = LIVE.with(Cell::get);
    PEAK.with(|p| p.set(before));
    f();
    usize::try_from(PEAK.with(Cell::get) - before).unwrap_or(0)
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations_during(f: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.with(Cell::get);
    f();
    ALLOCATIONS.with(Cell::get) - before
}

#[test]
fn the_peak_counter_sees_memory_held_at_once() {
    let peak = peak_bytes_during(|| {
        let a = std::hint::black_box(vec![1u8; 1 << 20]);
        let b = std::hint::black_box(vec![1u8; 1 << 20]);
        drop((a, b));
        drop(std::hint::black_box(vec![1u8; 1 << 20]));
    });
    assert!((2 << 20..3 << 20).contains(&peak), "{peak}");
}

#[test]
fn the_counter_sees_allocations() {
    // Proves the test below can fail.
    assert!(allocations_during(|| drop(std::hint::black_box(vec![1u8; 16]))) >= 1);
    let catalog = Catalog::embedded();
    assert!(allocations_during(|| drop(std::hint::black_box(catalog.chain("kk").unwrap()))) >= 1);
}

#[test]
fn typed_lookup_allocates_nothing() {
    let catalog = Catalog::embedded();
    let chains: Vec<_> = ["kk-KZ", "uk", "ru", "en", "de"]
        .iter()
        .map(|l| catalog.chain(l).unwrap())
        .collect();
    for chain in &chains {
        for code in [
            planfix::TASK_NOT_FOUND,
            mobizon::RATE_LIMIT_EXCEEDED,
            mobizon::SUCCESS,
        ] {
            let n = allocations_during(|| {
                let e = catalog.lookup(code, chain).unwrap();
                std::hint::black_box((
                    e.title().len(),
                    e.explanation().len(),
                    e.hint().map(str::len),
                ));
            });
            assert_eq!(n, 0, "{code} in {chain}");
        }
    }
}

#[test]
fn string_lookup_allocates_nothing() {
    let catalog = Catalog::embedded();
    for (code, locale) in [
        ("planfix:1000", "kk-KZ"),
        ("mobizon:30", "uk_UA.UTF-8"),
        ("PLANFIX:task-not-found", "ru_RU@euro"),
        ("mobizon:0", "de"),
        ("planfix:1", "C"),
    ] {
        let n = allocations_during(|| {
            let e = catalog.explain(code, locale).unwrap();
            std::hint::black_box(e.title().len());
        });
        assert_eq!(n, 0, "{code} in {locale}");
    }
}
