//! The kernel end-to-end tests of btf-reloc. The tests themselves are ordinary `#[test]`s in
//! `tests/kernel/`, one module per group; this library holds what they (and `cargo xtask demo`)
//! use: loading, attaching and triggering programs ([`kernel`]), finding the objects
//! ([`objects`]), the libbpf loader ([`libbpf_loader`]), where fields are in an object's BTF
//! and the running kernel's ([`btf_layout`]), and libbpf's `core_reloc` table with its targets
//! ([`core_reloc_targets`]). Its own unit tests run on the host.
//!
//! Each kernel test loads post-linked objects of `e2e-ebpf` into the running kernel, runs a
//! program and compares what it read through btf-reloc with ground truth from syscalls, procfs
//! and BTF. They need root and the objects: `cargo xtask e2e [FILTER]` builds and post-links the
//! objects, then runs `cargo test -p btf-reloc-e2e-tests` with `BTF_RELOC_E2E_OBJECTS` pointing at
//! them; a run without that variable fails and says so. The tests share one tracepoint and this
//! process's tgid, so they take turns (`tests/kernel/harness.rs`).

pub mod btf_layout;
pub mod core_reloc_targets;
pub mod kernel;
pub mod libbpf_loader;
pub mod objects;

use std::error::Error as StdError;

/// The error of every helper: a message, possibly with sources.
pub type Error = Box<dyn StdError + Send + Sync>;
/// `Result` with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Formats `error` with its chain of sources, skipping a source whose text the previous message
/// already contains (thiserror messages often embed it).
pub fn error_chain(error: &(dyn StdError + 'static)) -> String {
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !message.contains(&text) {
            message = format!("{message}: {text}");
        }
        source = cause.source();
    }
    message
}
