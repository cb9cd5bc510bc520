//! Tests against the running kernel's own BTF: programs on the current task, checked against
//! ground truth from syscalls and procfs.

use super::{Ctx, Test};
use crate::{
    ebpf::Variant,
    kernel,
    outcome::{expect, Outcome, Raw},
    Result,
};

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

/// Slots of the `TASK_FIELDS` map (`e2e-ebpf/src/live.rs`, `mod slot`); the demo reads them too.
pub(crate) mod slot {
    pub(crate) const PID: u32 = 0;
    pub(crate) const TGID: u32 = 1;
    pub(crate) const STATE: u32 = 2;
    pub(crate) const MISSING: u32 = 3;
    pub(crate) const FLAGS: u32 = 4;
    pub(crate) const QUERIES: u32 = 5;
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
    let raw = |slot| kernel::read_at::<Raw>(&ebpf, "TASK_FIELDS", slot);
    let read = |slot| raw(slot).map(Outcome::decode);
    expect(
        "pid (vs gettid)",
        read(slot::PID)?,
        Outcome::Value(thread.tid.into()),
    )?;
    expect(
        "tgid, renamed `thread_group_id` (vs getpid)",
        read(slot::TGID)?,
        Outcome::Value(tgid.into()),
    )?;
    // The task is running (TASK_RUNNING = 0) while it enters a syscall.
    expect(
        "__state, renamed `state`",
        read(slot::STATE)?,
        Outcome::Value(0),
    )?;
    expect(
        "btf_reloc_no_such_field",
        read(slot::MISSING)?,
        Outcome::Missing,
    )?;
    expect(
        "flags declared u64",
        read(slot::FLAGS)?,
        Outcome::SizeMismatch {
            expected: 8,
            actual: 4,
        },
    )?;
    let [missing_exists, pid_exists, pid_size, pid_offset] = raw(slot::QUERIES)?;
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
