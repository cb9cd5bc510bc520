//! `#[btf(required)]` reads, loaded by aya and by libbpf (no legacy maps: `.rodata`/`.bss`
//! globals only). [`required_fields`] reads fields every kernel has through required getters;
//! [`required_missing`] reads a required field no kernel has, so no kernel loads it: the loader
//! poisons its relocation and the verifier refuses the program, with a log naming the field;
//! [`required_wrong_size`] reads a required field declared wider than any kernel's, which the
//! verifier refuses too.
#![no_std]
#![no_main]

#[path = "common.rs"]
mod common;

use core::ptr::addr_of_mut;

use aya_ebpf::{helpers::bpf_get_current_task, macros::tracepoint, programs::TracePointContext};
use btf_reloc_e2e_common::{
    outcome::{encode, Raw},
    required::Results,
};
use btf_reloc_runtime::prelude::*;

use common::current_target_pid_tgid;

/// What the loader reads back from `.bss`.
#[no_mangle]
static mut REQUIRED_RESULTS: Results = Results::ZERO;

/// `task_struct` with the fields this program cannot work without.
#[derive(BtfRelocatable)]
#[repr(C)]
pub(crate) struct task_struct {
    #[btf(required)]
    pid: i32,
    /// `tgid`, under another Rust name.
    #[btf(required, rename = "tgid")]
    process_id: i32,
    #[btf(required)]
    real_parent: KernelPtr<task_struct>,
    #[btf(required)]
    comm: [u8; 16],
    /// `unsigned sched_reset_on_fork:1`, read as a required bitfield.
    #[btf(required, bitfield)]
    sched_reset_on_fork: u8,
}

/// The same field read by a checked getter, to compare with the required bitfield read.
#[derive(BtfRelocatable)]
#[repr(C)]
#[btf(name = "task_struct___checked")]
pub(crate) struct TaskChecked {
    #[btf(bitfield)]
    sched_reset_on_fork: u8,
}

/// A required field declared wider than the kernel's: `flags` is an `unsigned int`.
#[derive(BtfRelocatable)]
#[repr(C)]
#[btf(name = "task_struct___wrong_size")]
pub(crate) struct TaskWrongSize {
    #[btf(required)]
    flags: u64,
}

/// A required field no kernel has.
#[derive(BtfRelocatable)]
#[repr(C)]
#[btf(name = "task_struct___missing")]
pub(crate) struct TaskMissing {
    #[btf(required)]
    btf_reloc_required_missing: u32,
}

#[inline(always)]
fn store(slot: *mut Raw, value: Raw) {
    // SAFETY: `slot` points into `REQUIRED_RESULTS`, which lives for the whole program. Only
    // threads of the process under test get here and its loader triggers the program from one
    // thread at a time; volatile writes keep the compiler from merging or dropping the stores
    // the loader reads back.
    unsafe { slot.write_volatile(value) }
}

#[inline(always)]
fn task() -> KernelPtr<task_struct> {
    // SAFETY: the helper has no preconditions; it returns the address of the current task.
    KernelPtr::from_addr(unsafe { bpf_get_current_task() })
}

#[tracepoint(category = "syscalls", name = "sys_enter_getppid")]
pub(crate) fn required_fields(_ctx: TracePointContext) -> u32 {
    if current_target_pid_tgid().is_none() {
        return 0;
    }
    let task = task();
    let results = addr_of_mut!(REQUIRED_RESULTS);
    // SAFETY: `results` points to `REQUIRED_RESULTS`, which lives for the whole program; each
    // `addr_of_mut!` only names a place in it, and the reads and writes of `comm` and `runs` are
    // volatile accesses of it, raced by no other writer (see `store`).
    unsafe {
        store(addr_of_mut!((*results).pid), encode(task.pid().map(Some)));
        store(
            addr_of_mut!((*results).tgid),
            encode(task.process_id().map(Some)),
        );
        store(
            addr_of_mut!((*results).parent_tgid),
            encode(core_read!(task, real_parent, process_id)),
        );
        store(
            addr_of_mut!((*results).reset_on_fork),
            encode(task.sched_reset_on_fork().map(Some)),
        );
        store(
            addr_of_mut!((*results).reset_on_fork_checked),
            encode(KernelPtr::cast::<TaskChecked>(task).sched_reset_on_fork()),
        );
        if let Ok(comm) = task.comm() {
            addr_of_mut!((*results).comm).write_volatile(comm);
        }
        let runs = addr_of_mut!((*results).runs);
        runs.write_volatile(runs.read_volatile().wrapping_add(1));
    }
    0
}

#[tracepoint(category = "syscalls", name = "sys_enter_getppid")]
pub(crate) fn required_missing(_ctx: TracePointContext) -> u32 {
    if current_target_pid_tgid().is_none() {
        return 0;
    }
    let task = KernelPtr::cast::<TaskMissing>(task());
    let results = addr_of_mut!(REQUIRED_RESULTS);
    // SAFETY: as in `required_fields`; never runs, as no kernel loads it.
    unsafe {
        store(
            addr_of_mut!((*results).missing),
            encode(task.btf_reloc_required_missing().map(Some)),
        );
    }
    0
}

#[tracepoint(category = "syscalls", name = "sys_enter_getppid")]
pub(crate) fn required_wrong_size(_ctx: TracePointContext) -> u32 {
    if current_target_pid_tgid().is_none() {
        return 0;
    }
    let task = KernelPtr::cast::<TaskWrongSize>(task());
    let results = addr_of_mut!(REQUIRED_RESULTS);
    // SAFETY: as in `required_fields`; never runs, as no kernel loads it.
    unsafe {
        store(
            addr_of_mut!((*results).wrong_size),
            encode(task.flags().map(|v| Some(v as i64))),
        );
    }
    0
}
