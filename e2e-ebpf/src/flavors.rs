//! Several Rust declarations of one kernel type, chosen at run time by field existence: the
//! pattern libbpf documents for renamed fields. `task_struct.state` became `__state` (and `long`
//! became `unsigned int`) in 5.14; a program that must run on both declares both flavors and
//! reads through the one whose field exists. The verifier prunes the other branch, so its
//! (poisoned) relocations are never reached.

use aya_ebpf::{
    helpers::bpf_get_current_task,
    macros::{map, tracepoint},
    maps::Array,
    programs::TracePointContext,
};
use btf_reloc_e2e_common::flavors::{FAILED, FLAVOR_NEW, FLAVOR_NONE, FLAVOR_OLD, READ};
use btf_reloc_runtime::prelude::*;

use crate::current_target_pid_tgid;

/// `task_struct` since 5.14.
#[derive(BtfRelocatable)]
#[repr(C)]
#[btf(name = "task_struct___new")]
pub(crate) struct TaskStructNew {
    #[btf(rename = "__state")]
    state: u32,
}

/// `task_struct` before 5.14.
#[derive(BtfRelocatable)]
#[repr(C)]
#[btf(name = "task_struct___old")]
pub(crate) struct TaskStructOld {
    state: i64,
}

/// `[flavor, status, value]` (`btf_reloc_e2e_common::flavors`).
#[map]
static TASK_STATE: Array<[i64; 3]> = Array::with_max_entries(1, 0);

/// The task state through whichever flavor this kernel has: `[flavor, status, value]`.
#[inline(always)]
fn task_state(task: u64) -> [i64; 3] {
    let read = |flavor, result: Result<Option<i64>, RelocatableFieldAccessError>| match result {
        Ok(Some(value)) => [flavor, READ, value],
        _ => [flavor, FAILED, 0],
    };
    if TaskStructNew::state_exists() {
        let task = KernelPtr::<TaskStructNew>::from_addr(task);
        read(FLAVOR_NEW, task.state().map(|v| v.map(i64::from)))
    } else if TaskStructOld::state_exists() {
        read(
            FLAVOR_OLD,
            KernelPtr::<TaskStructOld>::from_addr(task).state(),
        )
    } else {
        [FLAVOR_NONE, FAILED, 0]
    }
}

#[tracepoint(category = "syscalls", name = "sys_enter_getppid")]
pub(crate) fn task_state_flavors(_ctx: TracePointContext) -> u32 {
    if current_target_pid_tgid().is_none() {
        return 0;
    }
    // SAFETY: the helper has no preconditions; it returns the address of the current task.
    let task = unsafe { bpf_get_current_task() };
    let _ = TASK_STATE.set(0, task_state(task), 0);
    0
}
