//! Direct reads through `BtfPtr` (`btf_reloc_e2e_common::direct`): a `tp_btf` program on
//! `sched_process_fork(parent, child)` and an fentry program on `wake_up_new_task(p)`, whose
//! task pointers the verifier knows by their BTF type, each read with one relocated load per
//! field; both fire when the thread whose tid the loader wrote into `TARGET_PARENT_TID` starts
//! a thread. [`direct_missing`] reads a field no kernel has: no kernel loads it. No legacy maps
//! (`.rodata`/`.bss` globals only), so that libbpf loads the object too.
#![no_std]
#![no_main]

#[path = "common.rs"]
mod common;

use core::ptr::addr_of_mut;

use aya_ebpf::{
    helpers::bpf_get_current_pid_tgid,
    macros::{btf_tracepoint, fentry},
    programs::{BtfTracePointContext, FEntryContext},
    Global,
};
use btf_reloc_e2e_common::direct::{Results, Slot, SLOTS};
use btf_reloc_runtime::prelude::*;

use common::current_target_pid_tgid;

/// The tid of the thread whose thread creation the programs record, set by the loader.
#[no_mangle]
static TARGET_PARENT_TID: Global<u32> = Global::new(0);

/// What the programs read, at `btf_reloc_e2e_common::direct::Slot`s.
#[no_mangle]
static mut DIRECT_RESULTS: Results = [0; SLOTS];

#[derive(BtfRelocatable)]
#[repr(C)]
pub(crate) struct sched_entity {
    vruntime: u64,
}

/// The fields read directly, in an order and at offsets no kernel has.
#[derive(BtfRelocatable)]
#[repr(C)]
pub(crate) struct task_struct {
    se: sched_entity,
    /// The kernel's `flags` is an `unsigned int`: declared wider, both unsigned, so the loaders
    /// resize the load.
    flags: u64,
    tgid: i32,
    pid: i32,
    real_parent: KernelPtr<task_struct>,
}

/// `flags` as the kernel declares it, for the checked getter to compare with.
#[derive(BtfRelocatable)]
#[repr(C)]
#[btf(name = "task_struct___flags")]
pub(crate) struct TaskFlags {
    flags: u32,
}

/// A field no kernel has.
#[derive(BtfRelocatable)]
#[repr(C)]
#[btf(name = "task_struct___direct_missing")]
pub(crate) struct TaskMissing {
    btf_reloc_direct_missing: u32,
}

/// Whether the current thread is the one under test.
#[inline(always)]
fn is_target() -> bool {
    current_target_pid_tgid().is_some()
        && bpf_get_current_pid_tgid() as u32 == TARGET_PARENT_TID.load()
}

#[inline(always)]
fn store(slot: Slot, value: i64) {
    let results = addr_of_mut!(DIRECT_RESULTS).cast::<i64>();
    // SAFETY: `slot < SLOTS`, so the word is inside `DIRECT_RESULTS`, which lives for the whole
    // program. Only the thread under test gets here, one thread creation at a time; volatile
    // writes keep the compiler from merging or dropping the stores the loader reads back.
    unsafe { results.add(slot as usize).write_volatile(value) }
}

#[inline(always)]
fn count(slot: Slot) {
    let results = addr_of_mut!(DIRECT_RESULTS).cast::<i64>();
    // SAFETY: as in `store`.
    unsafe {
        let runs = results.add(slot as usize);
        runs.write_volatile(runs.read_volatile().wrapping_add(1));
    }
}

#[btf_tracepoint(function = "sched_process_fork")]
pub(crate) fn direct_tp_btf(ctx: BtfTracePointContext) -> i32 {
    if !is_target() {
        return 0;
    }
    let parent = BtfPtr::<task_struct>::new(ctx.arg(0));
    let child = BtfPtr::<task_struct>::new(ctx.arg(1));
    store(Slot::TpParentPid, parent.read(|t| t.pid).into());
    store(Slot::TpChildPid, child.read(|t| t.pid).into());
    store(Slot::TpChildTgid, child.read(|t| t.tgid).into());
    let grandparent = child.read(|t| t.real_parent);
    store(Slot::TpChildParentTgid, grandparent.read(|t| t.tgid).into());
    store(Slot::TpChildFlags, child.read(|t| t.flags) as i64);
    let checked = child.to_kernel_ptr();
    if let Ok(Some(flags)) = KernelPtr::cast::<TaskFlags>(checked).flags() {
        store(Slot::TpChildFlagsChecked, flags.into());
    }
    store(Slot::TpChildVruntime, child.read(|t| t.se.vruntime) as i64);
    if let Ok(Some(vruntime)) = core_read!(checked, se, vruntime) {
        store(Slot::TpChildVruntimeChecked, vruntime as i64);
    }
    count(Slot::TpRuns);
    0
}

#[fentry(function = "wake_up_new_task")]
pub(crate) fn direct_fentry(ctx: FEntryContext) -> i32 {
    if !is_target() {
        return 0;
    }
    let p = BtfPtr::<task_struct>::new(ctx.arg(0));
    store(Slot::FentryPid, p.read(|t| t.pid).into());
    store(Slot::FentryTgid, p.read(|t| t.tgid).into());
    let parent = p.read(|t| t.real_parent);
    store(Slot::FentryParentTgid, parent.read(|t| t.tgid).into());
    count(Slot::FentryRuns);
    0
}

#[fentry(function = "wake_up_new_task")]
pub(crate) fn direct_fentry_control(_ctx: FEntryContext) -> i32 {
    0
}

#[btf_tracepoint(function = "sched_process_fork")]
pub(crate) fn direct_missing(ctx: BtfTracePointContext) -> i32 {
    let child = BtfPtr::<TaskMissing>::new(ctx.arg(1));
    store(
        Slot::TpRuns,
        child.read(|t| t.btf_reloc_direct_missing).into(),
    );
    0
}
