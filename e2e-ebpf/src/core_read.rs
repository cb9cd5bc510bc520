//! What libbpf's `bpf_core_read.h` reads, on the running kernel: pointer chains
//! (`BPF_CORE_READ(task, real_parent, tgid)`), an embedded struct as one access path
//! (`task->se.vruntime`), array elements, strings (`BPF_CORE_READ_STR_INTO`), a bitfield, enum
//! values and type existence/size. One tracepoint stores every result in [`CORE_READ`].

use aya_ebpf::{
    helpers::bpf_get_current_task,
    macros::{map, tracepoint},
    maps::Array,
    programs::TracePointContext,
};
use btf_reloc_e2e_common::{
    core_read::{slot, ARGS_MAX, EXE_NAME_MAX},
    outcome::{encode, encode_option, Raw},
    COMM_LEN,
};
use btf_reloc_runtime::prelude::*;
use btf_reloc_runtime::{type_exists, type_size};

use crate::current_target_pid_tgid;

#[derive(BtfRelocatable)]
#[repr(C)]
pub(crate) struct sched_entity {
    /// Invented padding: the kernel's `vruntime` is elsewhere.
    #[btf(skip)]
    _pad: [u64; 3],
    vruntime: u64,
}

#[derive(BtfRelocatable)]
#[repr(C)]
pub(crate) struct mm_struct {
    arg_end: u64,
    arg_start: u64,
    exe_file: KernelPtr<file>,
}

#[derive(BtfRelocatable)]
#[repr(C)]
pub(crate) struct file {
    f_path: path,
}

#[derive(BtfRelocatable)]
#[repr(C)]
pub(crate) struct path {
    dentry: KernelPtr<dentry>,
}

/// The kernel's `d_name` sits in an anonymous union (with `__d_name`), found all the same.
#[derive(BtfRelocatable)]
#[repr(C)]
pub(crate) struct dentry {
    d_name: qstr,
}

#[derive(BtfRelocatable)]
#[repr(C)]
pub(crate) struct qstr {
    /// `const unsigned char *name`: a string behind a pointer.
    name: *const u8,
}

/// Another wrong layout of `task_struct`, for chains, paths, strings and bitfields.
#[derive(BtfRelocatable)]
#[repr(C)]
#[btf(name = "task_struct___core_read")]
pub(crate) struct TaskStruct {
    se: sched_entity,
    comm: [u8; COMM_LEN],
    group_leader: KernelPtr<TaskStruct>,
    real_parent: KernelPtr<TaskStruct>,
    mm: KernelPtr<mm_struct>,
    pid: i32,
    tgid: i32,
    /// `unsigned sched_reset_on_fork:1` in the kernel.
    #[btf(bitfield)]
    sched_reset_on_fork: u8,
}

/// `enum pid_type` with deliberately wrong local values and an enumerator no kernel has.
#[derive(BtfEnum, Clone, Copy)]
#[btf(name = "pid_type")]
pub(crate) enum PidType {
    #[btf(rename = "PIDTYPE_TGID")]
    Tgid = 10,
    #[btf(rename = "PIDTYPE_MAX")]
    Max = 99,
    #[btf(rename = "PIDTYPE_BTF_RELOC_NONE")]
    None = 7,
}

/// `enum perf_callchain_context`, a 64-bit kernel enum (`PERF_CONTEXT_KERNEL = (__u64)-128`),
/// with a deliberately wrong local value beyond 32 bits, which makes its local type an `ENUM64`
/// (the kernel's own BTF has it as an `ENUM64` since 6.0, as an 8-byte `ENUM` before).
#[derive(BtfEnum, Clone, Copy)]
#[repr(i64)]
#[btf(name = "perf_callchain_context")]
pub(crate) enum PerfCallchainContext {
    #[btf(rename = "PERF_CONTEXT_KERNEL")]
    Kernel = 1 << 40,
}

/// A type no kernel has.
#[derive(BtfRelocatable)]
#[repr(C)]
pub(crate) struct btf_reloc_no_such_type {
    x: u32,
}

/// One outcome (or raw words) per slot.
#[map]
static CORE_READ: Array<Raw> = Array::with_max_entries(slot::LEN, 0);

/// `comm` as `comm_str` copied it.
#[map]
static CORE_READ_COMM: Array<[u8; COMM_LEN]> = Array::with_max_entries(1, 0);

/// The executable's file name, as `name_str` copied it.
#[map]
static CORE_READ_EXE: Array<[u8; EXE_NAME_MAX]> = Array::with_max_entries(1, 0);

/// The first `ARGS_MAX` bytes of the process's arguments, `mm->arg_start..arg_end`.
#[map]
static CORE_READ_ARGS: Array<[u8; ARGS_MAX]> = Array::with_max_entries(1, 0);

#[tracepoint(category = "syscalls", name = "sys_enter_getppid")]
pub(crate) fn core_read(_ctx: TracePointContext) -> u32 {
    if current_target_pid_tgid().is_none() {
        return 0;
    }
    // SAFETY: the helper has no preconditions; it returns the address of the current task.
    let task = KernelPtr::<TaskStruct>::from_addr(unsafe { bpf_get_current_task() });

    let set = |slot, value| {
        let _ = CORE_READ.set(slot, value, 0);
    };
    set(
        slot::PARENT_TGID,
        encode(core_read!(task, real_parent, tgid)),
    );
    set(
        slot::LEADER_PID,
        encode(core_read!(task, group_leader, pid)),
    );
    set(
        slot::VRUNTIME,
        encode(core_read!(task, se, vruntime).map(|v| v.map(|v| v as i64))),
    );
    set(slot::RESET_ON_FORK, encode(task.sched_reset_on_fork()));

    let mut comm = [0u8; COMM_LEN];
    set(
        slot::COMM_STR_LEN,
        encode(task.comm_str(&mut comm).map(|v| v.map(|v| v as i64))),
    );
    let _ = CORE_READ_COMM.set(0, comm, 0);
    set(slot::COMM_AT_0, encode(task.comm_at(0)));
    set(slot::COMM_AT_16, encode(task.comm_at(16)));

    set(slot::ARGS_LEN, encode(read_args(task)));
    set(slot::EXE_NAME_LEN, encode(read_exe_name(task)));

    set(
        slot::ENUMS,
        [
            PidType::Tgid.value().unwrap_or(-1),
            PidType::Max.value().unwrap_or(-1),
            PidType::None.exists() as i64,
            0,
        ],
    );
    // No `type_size` of it: aya 0.14 refuses an object with that relocation on kernels
    // without `ENUM64` (`e2e-enum64` pins that).
    set(
        slot::ENUM64,
        [
            PerfCallchainContext::Kernel.value().unwrap_or(0),
            PerfCallchainContext::Kernel.exists() as i64,
            type_exists::<PerfCallchainContext>() as i64,
            0,
        ],
    );
    set(
        slot::TYPES,
        [
            type_exists::<TaskStruct>() as i64,
            encode_option(type_size::<TaskStruct>()),
            type_exists::<btf_reloc_no_such_type>() as i64,
            0,
        ],
    );
    0
}

/// Copies the process's argument bytes (`mm->arg_start..arg_end`, at most `ARGS_MAX`) from user
/// memory into [`CORE_READ_ARGS`]; returns how many.
#[inline(always)]
fn read_args(task: KernelPtr<TaskStruct>) -> Result<Option<i64>, RelocatableFieldAccessError> {
    let (Some(start), Some(end)) = (
        core_read!(task, mm, arg_start)?,
        core_read!(task, mm, arg_end)?,
    ) else {
        return Ok(None);
    };
    let len = end.saturating_sub(start).min(ARGS_MAX as u64) as usize;
    let Some(slot) = CORE_READ_ARGS.get_ptr_mut(0) else {
        return Ok(None);
    };
    // SAFETY: the map value is ARGS_MAX bytes of map memory, exclusively ours while this
    // program runs on this CPU for the process under test.
    let buf = unsafe { &mut *slot };
    let Some(dst) = buf.get_mut(..len) else {
        return Ok(None);
    };
    // Through btf-reloc's user-memory read (`bpf_probe_read_user`).
    UserPtr::<u8>::from_addr(start).read_bytes(dst)?;
    Ok(Some(len as i64))
}

/// `task->mm->exe_file->f_path.dentry->d_name.name`, a `char *`, copied into [`CORE_READ_EXE`]
/// (a map value, so that no stack buffer has to be zeroed); returns the bytes copied.
#[inline(always)]
fn read_exe_name(task: KernelPtr<TaskStruct>) -> Result<Option<i64>, RelocatableFieldAccessError> {
    let Some(d_name) = core_read!(task, mm, exe_file, f_path, dentry, d_name)? else {
        return Ok(None);
    };
    let Some(slot) = CORE_READ_EXE.get_ptr_mut(0) else {
        return Ok(None);
    };
    // SAFETY: the map value is EXE_NAME_MAX bytes of map memory, exclusively ours while this program runs
    // on this CPU for the process under test.
    let buf = unsafe { &mut *slot };
    Ok(d_name.name_str(buf)?.map(|len| len as i64))
}
