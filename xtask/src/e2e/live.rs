//! Tests against the running kernel's own BTF: programs on the current task, checked against
//! ground truth from syscalls and procfs.

use super::{Ctx, Test};
use crate::{ebpf::Variant, kernel, Result};

pub(super) const TESTS: &[Test] = &[
    Test {
        name: "pid_tgid_btf",
        run: |ctx| pid_tgid(ctx, Variant::Btf),
    },
    Test {
        name: "pid_tgid_no_btf",
        run: |ctx| pid_tgid(ctx, Variant::NoBtf),
    },
    Test {
        name: "live_task_struct_wrong_layout_btf",
        run: |ctx| live_task_fields(ctx, Variant::Btf),
    },
    Test {
        name: "live_task_struct_wrong_layout_no_btf",
        run: |ctx| live_task_fields(ctx, Variant::NoBtf),
    },
];

/// `bpf_get_current_pid_tgid()` on a non-main thread is `tgid << 32 | tid`,
/// with tgid = getpid() and tid = gettid() != tgid.
fn pid_tgid(ctx: &mut Ctx, variant: Variant) -> Result<()> {
    let mut ebpf = ctx.load(variant)?;
    kernel::attach(&mut ebpf, "pid_tgid")?;
    let tid = kernel::trigger_on_new_thread()?;
    let tgid = std::process::id();
    if tid == tgid {
        return Err(format!("the trigger thread's tid {tid} equals the tgid").into());
    }
    let got: u64 = kernel::read_first(&ebpf, "PID_TGID")?;
    let want = (u64::from(tgid) << 32) | u64::from(tid);
    if got != want {
        return Err(format!(
            "kernel saw pid_tgid {got:#x} (tgid {}, pid {}), expected {want:#x} (getpid {tgid}, gettid {tid})",
            got >> 32,
            got & 0xffff_ffff
        )
        .into());
    }
    Ok(())
}

/// One getter's outcome as the `task_fields` program stores it: `[status, value, expected,
/// actual]` (see `e2e-ebpf/src/main.rs`).
type Outcome = [i64; 4];

/// Slots of the `TASK_FIELDS` map (`e2e-ebpf/src/main.rs`, `mod slot`).
mod slot {
    pub(super) const PID: u32 = 0;
    pub(super) const TGID: u32 = 1;
    pub(super) const STATE: u32 = 2;
    pub(super) const MISSING: u32 = 3;
    pub(super) const FLAGS: u32 = 4;
    pub(super) const QUERIES: u32 = 5;
}

/// Renders an outcome as the getter's `Result`, for messages.
fn describe(outcome: Outcome) -> String {
    match outcome {
        [0, value, ..] => format!("Ok(Some({value}))"),
        [1, ..] => "Ok(None)".to_owned(),
        [2, _, expected, actual] => {
            format!("Err(SizeMismatch {{ expected: {expected}, actual: {actual} }})")
        }
        [3, code, ..] => format!("Err(ProbeRead({code}))"),
        other => format!("unknown outcome {other:?}"),
    }
}

fn expect_outcome(what: &str, got: Outcome, want: Outcome) -> Result<()> {
    if got == want {
        Ok(())
    } else {
        Err(format!("{what}: got {}, expected {}", describe(got), describe(want)).into())
    }
}

/// `task_struct` declared with the wrong order, invented padding, a renamed field, a field no
/// kernel has and a field declared too wide, read through btf-reloc from a non-main thread:
/// `pid`, `tgid`, `comm` and `__state` must be the kernel's, the invented field `Ok(None)`, the
/// wide one `SizeMismatch { expected: 8, actual: 4 }`.
fn live_task_fields(ctx: &mut Ctx, variant: Variant) -> Result<()> {
    let mut ebpf = ctx.load(variant)?;
    kernel::attach(&mut ebpf, "task_fields")?;
    let thread = kernel::trigger_on_named_thread("btf-reloc-e2e")?;
    let tgid = std::process::id();
    if thread.tid == tgid {
        return Err(format!("the trigger thread's tid {} equals the tgid", thread.tid).into());
    }
    let read = |slot| kernel::read_at::<Outcome>(&ebpf, "TASK_FIELDS", slot);
    expect_outcome(
        "pid (vs gettid)",
        read(slot::PID)?,
        [0, thread.tid.into(), 0, 0],
    )?;
    expect_outcome(
        "tgid, renamed `thread_group_id` (vs getpid)",
        read(slot::TGID)?,
        [0, tgid.into(), 0, 0],
    )?;
    // The task is running (TASK_RUNNING = 0) while it enters a syscall.
    expect_outcome("__state, renamed `state`", read(slot::STATE)?, [0, 0, 0, 0])?;
    expect_outcome(
        "btf_reloc_no_such_field",
        read(slot::MISSING)?,
        [1, 0, 0, 0],
    )?;
    expect_outcome("flags declared u64", read(slot::FLAGS)?, [2, 0, 8, 4])?;
    let [missing_exists, pid_exists, pid_size, pid_offset] = read(slot::QUERIES)?;
    if (missing_exists, pid_exists, pid_size) != (0, 1, 4) || pid_offset <= 0 {
        return Err(format!(
            "queries: btf_reloc_no_such_field_exists={missing_exists}, pid_exists={pid_exists}, \
             pid_byte_size={pid_size}, pid_byte_offset={pid_offset}; expected 0, 1, 4, > 0"
        )
        .into());
    }
    let comm_bytes: [u8; 16] = kernel::read_first(&ebpf, "TASK_COMM")?;
    let comm = kernel::comm_from_bytes(&comm_bytes);
    if comm != thread.comm {
        return Err(format!(
            "comm: kernel read {comm:?}, /proc/thread-self/comm says {:?}",
            thread.comm
        )
        .into());
    }
    Ok(())
}
