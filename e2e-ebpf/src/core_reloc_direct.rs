//! libbpf's selftest table `core_reloc`, its direct `bitfields` cases (`BPF_CORE_READ_BITFIELD`,
//! loads from the input's map value): an object of its own, because a direct read has no
//! existence check, so its program does not load against the other cases' targets, and libbpf
//! loads every program of an object. See `core_reloc.rs`.
#![no_std]
#![no_main]

#[path = "common.rs"]
mod common;
#[path = "core_reloc_io.rs"]
mod core_reloc_io;

pub(crate) use common::current_target_pid_tgid;
use core_reloc_io::programs;

programs! {
    core_reloc_bitfields_direct => BitfieldsDirect,
}
