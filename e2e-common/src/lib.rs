//! What the e2e eBPF programs (`e2e-ebpf`) and their userspace side (the kernel tests in
//! `e2e-tests`, `cargo xtask demo`) must agree on, each fact once: where `cargo xtask` puts the
//! objects ([`objects`]), how a program knows the process under test ([`TARGET_TGID`]) and is
//! fired ([`TRIGGER_CATEGORY`]), the slots and sizes of every map, and how a getter's `Result`
//! is stored in a map and read back ([`outcome`]). One module per group of programs.
//!
//! The eBPF side names its programs and maps with identifiers (`fn task_fields`,
//! `static TASK_FIELDS`) and its tracepoint in an attribute, where a constant cannot go; the
//! name constants here are what userspace looks them up by, each next to the item it names.
#![no_std]

pub mod btf_macros;
pub mod core_read;
pub mod core_reloc;
pub mod direct;
pub mod flavors;
pub mod generated;
pub mod libbpf;
pub mod live;
pub mod objects;
pub mod outcome;
pub mod readme;
pub mod required;
pub mod synthetic;
pub mod synthetic_core;
pub mod synthetic_types;
pub mod type_matches;

/// The `.rodata` global (`static TARGET_TGID: Global<u32>` in every object) the loader sets to
/// the tgid of the process under test; the programs ignore every other process. A `.rodata`
/// global, so that the verifier sees the loaded value as a constant.
pub const TARGET_TGID: &str = "TARGET_TGID";

/// The tracepoint every tracepoint program attaches to (`#[tracepoint(category = "syscalls",
/// name = "sys_enter_getppid")]`): userspace fires it with a plain `getppid()`, which little else
/// on the machine calls.
pub const TRIGGER_CATEGORY: &str = "syscalls";
/// See [`TRIGGER_CATEGORY`].
pub const TRIGGER_NAME: &str = "sys_enter_getppid";

/// The length of `task_struct.comm` (`TASK_COMM_LEN`), and of the maps that hold a copy of it.
pub const COMM_LEN: usize = 16;
