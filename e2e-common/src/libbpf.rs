//! `e2e-ebpf/src/libbpf.rs` (object [`Libbpf`](crate::objects::Bin::Libbpf)): the program the
//! C loader of `e2e-tests` loads with libbpf. The loader sets [`TARGET_TGID`](crate::TARGET_TGID)
//! in `.rodata` and reads [`RESULTS`] from `.bss`; the program also counts its runs in the
//! BTF-defined map [`RUNS`].

/// `fn libbpf_task_fields`.
pub const PROGRAM: &str = "libbpf_task_fields";
/// `static mut RESULTS: Results`, mirrored by `struct results` in `e2e-tests/c/libbpf_loader.c`.
pub const RESULTS: &str = "RESULTS";
/// `static RUNS: Array<u64, 1>`, a BTF-defined map (`.maps`).
pub const RUNS: &str = "RUNS";
