//! What every kernel test goes through: it waits for its turn, gets the objects, and turns an
//! error into a readable failure.
//!
//! The tests cannot overlap. Every tracepoint program is attached to the same tracepoint and keeps
//! the events of this process (its tgid), which all the tests share: a program of one test would
//! fire on another test's trigger and record that thread. Uprobes likewise attach to functions of
//! this one executable. So each test holds [`KERNEL`] from loading to its last map read. A lock
//! rather than `--test-threads=1`, so that a plain `cargo test` is right too.

use std::sync::{Mutex, PoisonError};

use btf_reloc_e2e_common::outcome::Outcome;
use btf_reloc_e2e_tests::{error_chain, objects::Objects, Result};

/// Held by the test that has programs in the kernel.
static KERNEL: Mutex<()> = Mutex::new(());

/// Runs one kernel test on the objects of this run; panics with the test's error chain (a
/// verifier log keeps its lines) when it fails, and when there are no objects.
#[allow(clippy::panic, reason = "a test fails by panicking")]
pub(crate) fn run(test: impl FnOnce(&Objects) -> Result<()>) {
    // A failed test poisons the lock, but what it guards went with that test: its programs were
    // detached when its `Ebpf` was dropped during the unwind.
    let _turn = KERNEL.lock().unwrap_or_else(PoisonError::into_inner);
    let objects = Objects::from_env().unwrap_or_else(|error| panic!("{error}"));
    if let Err(error) = test(&objects) {
        panic!("{}", error_chain(error.as_ref()));
    }
}

/// `Ok(())` if `got` is `want`, else an error naming `what`.
pub(crate) fn expect<V: PartialEq + std::fmt::Debug>(
    what: &str,
    got: Outcome<V>,
    want: Outcome<V>,
) -> Result<()> {
    if got == want {
        Ok(())
    } else {
        Err(format!("{what}: got {got}, expected {want}").into())
    }
}
