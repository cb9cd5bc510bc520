//! eBPF programs for the kernel tests (`e2e-tests`, run by `cargo xtask e2e`) and
//! `cargo xtask demo`. What userspace needs to know about them (names, map slots, the
//! outcome encoding) is in `btf-reloc-e2e-common`.
//!
//! Every program attaches to `syscalls/sys_enter_getppid`: userspace triggers
//! it with a plain `getppid()` and nothing else on the machine is likely to
//! call it often. Each program only records events of the process whose tgid
//! the loader wrote into `TARGET_TGID`, and writes its results into its own
//! maps, so a test can load the object, attach one program, trigger it and
//! compare the maps with what it learns from syscalls.
//!
//! The maps are legacy (`maps` section) maps, not BTF-defined ones, so that
//! the variant of this object built without `.BTF` loads as well.
#![no_std]
#![no_main]

mod btf_macros;
mod common;
mod flavors;
mod generated;
mod live;
mod readme;
mod synthetic;

pub(crate) use common::current_target_pid_tgid;
