//! libbpf's selftest table `core_reloc`, its `type_id` cases (`TYPE_ID_LOCAL`,
//! `TYPE_ID_TARGET`): an object of its own, because aya 0.14 refuses one with a
//! `TYPE_ID_TARGET` of a type its target lacks, and without `TYPE_MATCHES`, which it refuses
//! always. See `core_reloc.rs`.
#![no_std]
#![no_main]

#[path = "common.rs"]
mod common;
#[path = "core_reloc_io.rs"]
mod core_reloc_io;

pub(crate) use common::current_target_pid_tgid;
use core_reloc_io::programs;

programs! {
    core_reloc_type_id => TypeId,
}
