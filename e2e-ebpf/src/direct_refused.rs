//! A direct read the loaders refuse (`btf_reloc_e2e_common::direct::SIGNED_WIDER`):
//! `task_struct.flags`, an `unsigned int`, loaded as an `i64`. A load of another size than the
//! field's is only adjusted for unsigned integers and pointers, where zero-extension keeps the
//! value; aya 0.14 refuses the whole object, libbpf the program. Apart from `e2e-direct` for
//! that reason.
#![no_std]
#![no_main]

#[path = "common.rs"]
mod common;

use core::ptr::addr_of_mut;

use aya_ebpf::{macros::btf_tracepoint, programs::BtfTracePointContext};
use btf_reloc_e2e_common::direct::{Results, SLOTS};
use btf_reloc_runtime::prelude::*;

/// As in `e2e-direct`: the libbpf loader reads the `.bss` global back.
#[no_mangle]
static mut DIRECT_RESULTS: Results = [0; SLOTS];

#[derive(BtfRelocatable)]
#[repr(C)]
#[btf(name = "task_struct___signed_wider")]
pub(crate) struct TaskSignedWider {
    flags: i64,
}

#[btf_tracepoint(function = "sched_process_fork")]
pub(crate) fn direct_signed_wider(ctx: BtfTracePointContext) -> i32 {
    if common::current_target_pid_tgid().is_none() {
        return 0;
    }
    let child = BtfPtr::<TaskSignedWider>::new(ctx.arg(1));
    let value = child.read(|t| t.flags);
    // SAFETY: word 0 of `DIRECT_RESULTS`, which lives for the whole program; never runs, as no
    // kernel loads it.
    unsafe {
        addr_of_mut!(DIRECT_RESULTS)
            .cast::<i64>()
            .write_volatile(value)
    };
    0
}
