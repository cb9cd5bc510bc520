//! Programs on the running kernel's own types: each fires on `sys_enter_getppid` for the process
//! under test and stores what it read in its maps.

use aya_ebpf::{
    helpers::bpf_get_current_task,
    macros::{map, tracepoint},
    maps::Array,
    programs::TracePointContext,
};
use btf_reloc_runtime::prelude::*;

use crate::current_target_pid_tgid;
use crate::outcome::{outcome, Outcome};

/// `bpf_get_current_pid_tgid()` as seen by [`pid_tgid`]: `tgid << 32 | pid`.
#[map]
static PID_TGID: Array<u64> = Array::with_max_entries(1, 0);

#[tracepoint(category = "syscalls", name = "sys_enter_getppid")]
pub fn pid_tgid(_ctx: TracePointContext) -> u32 {
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
pub struct task_struct {
    /// Invented padding: not a kernel field, never relocated.
    #[btf(skip)]
    _invented: [u64; 5],
    comm: [u8; 16],
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



/// Slots of [`TASK_FIELDS`].
pub mod slot {
    pub const PID: u32 = 0;
    pub const TGID: u32 = 1;
    pub const STATE: u32 = 2;
    pub const MISSING: u32 = 3;
    pub const FLAGS: u32 = 4;
    /// `[exists(missing), exists(pid), byte_size(pid) or -1, byte_offset(pid) or -1]`.
    pub const QUERIES: u32 = 5;
    pub const COUNT: u32 = 6;
}

/// What [`task_fields`] read through btf-reloc, one [`Outcome`] per slot.
#[map]
static TASK_FIELDS: Array<Outcome> = Array::with_max_entries(slot::COUNT, 0);

/// `comm` as [`task_fields`] read it (an all-zero entry if the read failed).
#[map]
static TASK_COMM: Array<[u8; 16]> = Array::with_max_entries(1, 0);

#[tracepoint(category = "syscalls", name = "sys_enter_getppid")]
pub fn task_fields(_ctx: TracePointContext) -> u32 {
    if current_target_pid_tgid().is_none() {
        return 0;
    }
    // SAFETY: the helper has no preconditions; it returns the address of the current task.
    let task = KernelPtr::<task_struct>::from_addr(unsafe { bpf_get_current_task() });

    let _ = TASK_FIELDS.set(slot::PID, outcome(task.pid()), 0);
    let _ = TASK_FIELDS.set(slot::TGID, outcome(task.thread_group_id()), 0);
    let _ = TASK_FIELDS.set(slot::STATE, outcome(task.state()), 0);
    let _ = TASK_FIELDS.set(
        slot::MISSING,
        outcome(task.btf_reloc_no_such_field().map(|v| v.map(|v| v as i64))),
        0,
    );
    let _ = TASK_FIELDS.set(
        slot::FLAGS,
        outcome(task.flags().map(|v| v.map(|v| v as i64))),
        0,
    );
    let queries = [
        task_struct::btf_reloc_no_such_field_exists() as i64,
        task_struct::pid_exists() as i64,
        task_struct::pid_byte_size().map_or(-1, |v| v as i64),
        task_struct::pid_byte_offset().map_or(-1, |v| v as i64),
    ];
    let _ = TASK_FIELDS.set(slot::QUERIES, queries, 0);
    if let Ok(Some(comm)) = task.comm() {
        let _ = TASK_COMM.set(0, comm, 0);
    }
    0
}

