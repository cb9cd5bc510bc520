//! `e2e-ebpf/src/btf_macros.rs`: `btf::field_byte_offset!` and `btf::field_byte_size!` (the
//! shape of rustc's `core::btf`) on the running kernel. The program stores them for every path of
//! [`PATHS`], one map slot per value; the kernel test compares them with a walk of the kernel's
//! `/sys/kernel/btf/vmlinux`.
#![allow(non_camel_case_types)] // The declarations carry the kernel's type names.

use btf_reloc_runtime::btf::{field_byte_offset, field_byte_size};
use btf_reloc_runtime::prelude::*;

use crate::outcome::encode_option;

/// `struct sched_entity`, one field.
#[derive(BtfRelocatable, Debug)]
#[repr(C)]
pub struct sched_entity {
    /// `u64 vruntime`.
    pub vruntime: u64,
}

/// `struct task_struct` in an order and with sizes of its own: the values must be the kernel's.
#[derive(BtfRelocatable, Debug)]
#[repr(C)]
pub struct task_struct {
    /// `char comm[16]`.
    pub comm: [u8; 16],
    /// `struct sched_entity se`.
    pub se: sched_entity,
    /// `pid_t pid`.
    pub pid: i32,
    /// No kernel has it: `None`, stored as -1.
    pub btf_reloc_no_such_field: u64,
}

/// The paths from `task_struct`, in slot order: path `i` has its offset in slot `2 * i` and its
/// size in slot `2 * i + 1` (-1 when absent, as [`encode_option`] stores `None`).
pub const PATHS: [&[&str]; 5] = [
    &["pid"],
    &["se", "vruntime"],
    &["se"],
    &["comm"],
    &["btf_reloc_no_such_field"],
];

/// The number of slots of [`MAP`].
pub const SLOTS: u32 = 2 * PATHS.len() as u32;

/// `fn btf_macros`: stores [`values`] in [`MAP`].
pub const PROGRAM: &str = "btf_macros";
/// `static BTF_MACROS`: [`SLOTS`] `i64`s.
pub const MAP: &str = "BTF_MACROS";

/// Every slot's value, as the macros answer (on the host, under the installed simulation).
#[inline(always)]
pub fn values() -> [i64; SLOTS as usize] {
    [
        encode_option(field_byte_offset!(task_struct, pid)),
        encode_option(field_byte_size!(task_struct, pid)),
        encode_option(field_byte_offset!(task_struct, se.vruntime)),
        encode_option(field_byte_size!(task_struct, se.vruntime)),
        encode_option(field_byte_offset!(task_struct, se)),
        encode_option(field_byte_size!(task_struct, se)),
        encode_option(field_byte_offset!(task_struct, comm)),
        encode_option(field_byte_size!(task_struct, comm)),
        encode_option(field_byte_offset!(task_struct, btf_reloc_no_such_field)),
        encode_option(field_byte_size!(task_struct, btf_reloc_no_such_field)),
    ]
}
