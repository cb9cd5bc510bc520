//! Programs on the running kernel's own BTF (`e2e-ebpf/src/live.rs`), checked against ground
//! truth from syscalls and procfs; each in both object variants.

use btf_reloc_e2e_common::{
    live::{self, slot},
    objects::{Bin, Variant},
    outcome::{decode, decode_option, Outcome, Raw},
    COMM_LEN,
};
use btf_reloc_e2e_tests::{
    btf_layout::{self, TaskState},
    kernel,
    objects::Objects,
    Result,
};

use crate::harness::{expect, run};

#[test]
fn pid_tgid_btf() {
    run(|objects| pid_tgid(objects, Variant::Btf));
}

#[test]
fn pid_tgid_no_btf() {
    run(|objects| pid_tgid(objects, Variant::NoBtf));
}

#[test]
fn task_struct_wrong_layout_btf() {
    run(|objects| task_struct_wrong_layout(objects, Variant::Btf));
}

#[test]
fn task_struct_wrong_layout_no_btf() {
    run(|objects| task_struct_wrong_layout(objects, Variant::NoBtf));
}

/// `bpf_get_current_pid_tgid()` on a non-main thread is `tgid << 32 | tid`, with tgid =
/// getpid() and tid = gettid() != tgid.
fn pid_tgid(objects: &Objects, variant: Variant) -> Result<()> {
    let mut ebpf = kernel::load(&objects.path(Bin::Main, variant))?;
    kernel::attach(&mut ebpf, live::PID_TGID_PROGRAM)?;
    let tid = kernel::trigger_on_new_thread()?;
    let tgid = std::process::id();
    if tid == tgid {
        return Err(format!("the trigger thread's tid {tid} equals the tgid").into());
    }
    let got: u64 = kernel::read_first(&ebpf, live::PID_TGID_MAP)?;
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

/// `task_struct` declared with the wrong order, invented padding, a renamed field, a field no
/// kernel has and a field declared too wide, read through btf-reloc from a non-main thread:
/// `pid`, `tgid` and `comm` must be the kernel's, the invented field `Ok(None)`, the wide one
/// `SizeMismatch { expected: 8, actual: 4 }`, and `__state` what the kernel's BTF has
/// ([`state_outcome`]).
fn task_struct_wrong_layout(objects: &Objects, variant: Variant) -> Result<()> {
    let mut ebpf = kernel::load(&objects.path(Bin::Main, variant))?;
    kernel::attach(&mut ebpf, live::TASK_FIELDS_PROGRAM)?;
    let thread = kernel::trigger_on_named_thread("btf-reloc-e2e")?;
    let tgid = std::process::id();
    if thread.tid == tgid {
        return Err(format!("the trigger thread's tid {} equals the tgid", thread.tid).into());
    }
    let raw = |slot| kernel::read_at::<Raw>(&ebpf, live::TASK_FIELDS_MAP, slot);
    let read = |slot| raw(slot).map(decode);
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
    let (what, want) = state_outcome()?;
    expect(
        &format!("__state, renamed `state` ({what})"),
        read(slot::STATE)?,
        want,
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
    let (pid_size, pid_offset) = (decode_option(pid_size), decode_option(pid_offset));
    if (missing_exists, pid_exists, pid_size) != (0, 1, Some(4))
        || pid_offset.is_none_or(|o| o == 0)
    {
        return Err(format!(
            "queries: btf_reloc_no_such_field_exists={missing_exists}, pid_exists={pid_exists}, \
             pid_byte_size={pid_size:?}, pid_byte_offset={pid_offset:?}; expected 0, 1, Some(4), \
             Some(> 0)"
        )
        .into());
    }
    let comm_bytes: [u8; COMM_LEN] = kernel::read_first(&ebpf, live::TASK_COMM_MAP)?;
    let comm = kernel::string_from_bytes(&comm_bytes);
    if comm != thread.comm {
        return Err(format!(
            "comm: kernel read {comm:?}, /proc/thread-self/comm says {:?}",
            thread.comm
        )
        .into());
    }
    Ok(())
}

/// What a `u32` getter of `__state` returns on the running kernel, from its BTF, and why: the
/// task is running (`TASK_RUNNING`, 0) while it enters a syscall, so `Ok(Some(0))` where
/// `__state` exists (5.14 and later); before 5.14 the kernel has only `long state` and the getter
/// of the missing `__state` returns `Ok(None)`.
pub(crate) fn state_outcome() -> Result<(&'static str, Outcome)> {
    Ok(match btf_layout::task_state(&btf_layout::vmlinux()?)? {
        TaskState::Dunder(_) => ("the kernel has a 4-byte `__state`", Outcome::Value(0)),
        TaskState::Long(_) => (
            "the kernel has no `__state`, only an 8-byte `long state`",
            Outcome::Missing,
        ),
    })
}
