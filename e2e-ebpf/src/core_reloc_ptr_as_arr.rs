//! libbpf's selftest table `core_reloc`, its `ptr_as_arr` cases: an object of its own, because
//! the read uses `TYPE_SIZE` of the type, and aya 0.14 refuses an object with a `TYPE_SIZE` of
//! a type its target lacks (every other case's). See `core_reloc.rs`.
#![no_std]
#![no_main]

#[path = "common.rs"]
mod common;
#[path = "core_reloc_io.rs"]
mod core_reloc_io;

pub(crate) use common::current_target_pid_tgid;
use core_reloc_io::programs;

programs! {
    core_reloc_ptr_as_arr => PtrAsArr,
}
