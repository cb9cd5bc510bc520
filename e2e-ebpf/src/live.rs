//! Programs on the running kernel's own types: each fires on `sys_enter_getppid` for the process
//! under test and stores what it read in its maps (layout: `btf_reloc_e2e_common::live`).

use aya_ebpf::{
    helpers::bpf_get_current_task,
    macros::{map, tracepoint},
    maps::Array,
    programs::TracePointContext,
};
use btf_reloc_e2e_common::{
    live::slot,
    outcome::{encode, encode_option, Raw},
    COMM_LEN,
};
use btf_reloc_runtime::prelude::*;

use crate::current_target_pid_tgid;

/// `bpf_get_current_pid_tgid()` as seen by [`pid_tgid`]: `tgid << 32 | pid`.
#[map]
static PID_TGID: Array<u64> = Array::with_max_entries(1, 0);

#[tracepoint(category = "syscalls", name = "sys_enter_getppid")]
pub(crate) fn pid_tgid(_ctx: TracePointContext) -> u32 {
    if let Some(pid_tgid) = current_target_pid_tgid() {
        // A failed update leaves the map at 0, which the test reports.
        let _ = PID_TGID.set(0, pid_tgid, 0);
    }
    0
}

/// `task_struct` declared with a deliberately wrong layout: another field order, invented
/// padding, and an invented field. btf-reloc must read the running kernel's values anyway.
#[derive(BtfRelocatable)]
#[repr(C)]
pub(crate) struct task_struct {
    /// Invented padding: not a kernel field, never relocated.
    #[btf(skip)]
    _invented: [u64; 5],
    comm: [u8; COMM_LEN],
    /// `tgid`, under another Rust name.
    #[btf(rename = "tgid")]
    thread_group_id: i32,
    #[btf(skip)]
    _more_padding: [u8; 12],
    pid: i32,
    /// `state` was renamed `__state` in 5.14.
    #[btf(rename = "__state")]
    state: u32,
    /// No kernel has this field.
    btf_reloc_no_such_field: u64,
    /// The kernel's `flags` is an `unsigned int` (4 bytes); declared 8 bytes wide here.
    flags: u64,
}

/// What [`task_fields`] read through btf-reloc, one outcome per slot.
#[map]
static TASK_FIELDS: Array<Raw> = Array::with_max_entries(slot::LEN, 0);

/// `comm` as [`task_fields`] read it (an all-zero entry if the read failed).
#[map]
static TASK_COMM: Array<[u8; COMM_LEN]> = Array::with_max_entries(1, 0);

#[tracepoint(category = "syscalls", name = "sys_enter_getppid")]
pub(crate) fn task_fields(_ctx: TracePointContext) -> u32 {
    if current_target_pid_tgid().is_none() {
        return 0;
    }
    // SAFETY: the helper has no preconditions; it returns the address of the current task.
    let task = KernelPtr::<task_struct>::from_addr(unsafe { bpf_get_current_task() });

    let _ = TASK_FIELDS.set(slot::PID, encode(task.pid()), 0);
    let _ = TASK_FIELDS.set(slot::TGID, encode(task.thread_group_id()), 0);
    let _ = TASK_FIELDS.set(slot::STATE, encode(task.state()), 0);
    let _ = TASK_FIELDS.set(
        slot::MISSING,
        encode(task.btf_reloc_no_such_field().map(|v| v.map(|v| v as i64))),
        0,
    );
    let _ = TASK_FIELDS.set(
        slot::FLAGS,
        encode(task.flags().map(|v| v.map(|v| v as i64))),
        0,
    );
    let queries = [
        task_struct::btf_reloc_no_such_field_exists() as i64,
        task_struct::pid_exists() as i64,
        encode_option(task_struct::pid_byte_size()),
        encode_option(task_struct::pid_byte_offset()),
    ];
    let _ = TASK_FIELDS.set(slot::QUERIES, queries, 0);
    if let Ok(Some(comm)) = task.comm() {
        let _ = TASK_COMM.set(0, comm, 0);
    }
    0
}
