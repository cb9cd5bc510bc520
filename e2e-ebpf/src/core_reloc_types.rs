//! libbpf's selftest table `core_reloc`, its `type_based` cases (`TYPE_EXISTS`,
//! `TYPE_MATCHES`, `TYPE_SIZE`): an object of its own, because aya 0.14 refuses any object with
//! a `TYPE_MATCHES` relocation, and one with a `TYPE_SIZE` of a type its target lacks. See
//! `core_reloc.rs`.
#![no_std]
#![no_main]

#[path = "common.rs"]
mod common;
#[path = "core_reloc_io.rs"]
mod core_reloc_io;

pub(crate) use common::current_target_pid_tgid;
use core_reloc_io::programs;

programs! {
    core_reloc_type_based => TypeBased,
}
