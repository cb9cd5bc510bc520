//! `e2e-ebpf/src/libbpf.rs` (object [`Libbpf`](crate::objects::Bin::Libbpf)): the program the
//! C loader of `e2e-tests` loads with libbpf. It has no maps: the loader sets
//! [`TARGET_TGID`](crate::TARGET_TGID) in `.rodata` and reads [`RESULTS`] from `.bss`.

/// `fn libbpf_task_fields`.
pub const PROGRAM: &str = "libbpf_task_fields";
/// `static mut RESULTS: Results`, mirrored by `struct results` in `e2e-tests/c/libbpf_loader.c`.
pub const RESULTS: &str = "RESULTS";
