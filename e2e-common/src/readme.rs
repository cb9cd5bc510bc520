//! `e2e-ebpf/src/readme.rs`: the README's example declaration of `task_struct`, whose relocated
//! offsets and sizes a program reports from the running kernel and the kernel test compares with
//! the host simulation of that kernel's `/sys/kernel/btf/vmlinux`.
#![allow(non_camel_case_types)] // The declaration carries the kernel's type name.

use btf_reloc_runtime::prelude::*;

use crate::outcome::encode_option;

/// The README's declaration (its first example), field for field.
#[derive(BtfRelocatable, Debug)]
#[repr(C)]
pub struct task_struct {
    /// `comm`.
    pub comm: [u8; 16],
    /// `tgid`.
    pub tgid: i32,
    /// `pid`.
    pub pid: i32,
    /// Called `state` before 5.14.
    #[btf(rename = "__state")]
    pub state: u32,
}

/// The fields, in slot order.
pub const FIELDS: [&str; 4] = ["comm", "tgid", "pid", "__state"];

/// `fn readme_offsets`: stores [`layout`] in [`MAP`].
pub const PROGRAM: &str = "readme_offsets";
/// `static README_OFFSETS`: one [`Layout`].
pub const MAP: &str = "README_OFFSETS";

/// Per field of [`FIELDS`]: its offset, then its size, in the target (-1 when absent).
pub type Layout = [i64; 8];

/// The target offsets and sizes of [`task_struct`]'s fields, as the queries answer them.
#[inline(always)]
pub fn layout() -> Layout {
    [
        encode_option(task_struct::comm_byte_offset()),
        encode_option(task_struct::comm_byte_size()),
        encode_option(task_struct::tgid_byte_offset()),
        encode_option(task_struct::tgid_byte_size()),
        encode_option(task_struct::pid_byte_offset()),
        encode_option(task_struct::pid_byte_size()),
        encode_option(task_struct::state_byte_offset()),
        encode_option(task_struct::state_byte_size()),
    ]
}
