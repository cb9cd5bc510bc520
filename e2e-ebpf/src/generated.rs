//! Reads through declarations `btf-reloc gen` generated, unedited: the module below includes
//! the snapshot `btf-reloc-cli/tests/snapshots/e2e_types.rs`, which that crate's tests keep
//! equal to the generator's output for the kernel types a user would read here (pointer
//! chains, `kuid_t`/`kgid_t` behind typedefs, members of anonymous structs and unions, a
//! bitfield, strings, an enum). One tracepoint stores every result (layout:
//! `btf_reloc_e2e_common::generated`).

use core::hint::black_box;

use aya_ebpf::{
    helpers::bpf_get_current_task,
    macros::{map, tracepoint},
    maps::Array,
    programs::TracePointContext,
};
use btf_reloc_e2e_common::{
    generated::{slot, strings, STR_LEN},
    outcome::{encode, Raw},
};
use btf_reloc_runtime::prelude::*;

use crate::current_target_pid_tgid;

/// What `btf-reloc gen --btf tests/fixtures/vmlinux-subset.btf <specs>` printed (the specs are
/// in its header). Not every declaration is read here.
#[allow(dead_code, unreachable_pub)]
mod types {
    include!("../../btf-reloc-cli/tests/snapshots/e2e_types.rs");
}

use types::{pid_type, task_struct};

/// One outcome (or raw words) per slot.
#[map]
static GEN_TYPES: Array<Raw> = Array::with_max_entries(slot::LEN, 0);

/// The strings the `_str` getters copied, one per `strings` slot.
#[map]
static GEN_TYPES_STR: Array<[u8; STR_LEN]> = Array::with_max_entries(strings::LEN, 0);

type Read<T> = Result<Option<T>, RelocatableFieldAccessError>;

#[tracepoint(category = "syscalls", name = "sys_enter_getppid")]
pub(crate) fn gen_types(_ctx: TracePointContext) -> u32 {
    if current_target_pid_tgid().is_none() {
        return 0;
    }
    // SAFETY: the helper has no preconditions; it returns the address of the current task.
    let task = KernelPtr::<task_struct>::from_addr(unsafe { bpf_get_current_task() });
    let set = |slot, value| {
        let _ = GEN_TYPES.set(slot, value, 0);
    };

    set(slot::PID, outcome(task.pid()));
    set(slot::TGID, outcome(task.tgid()));
    set(
        slot::PARENT_TGID,
        outcome(core_read!(task, real_parent, tgid)),
    );
    set(slot::RESET_ON_FORK, outcome(task.sched_reset_on_fork()));
    // `kuid_t` and `kgid_t` are typedefs of anonymous structs: embedded handles, one access
    // path each (`cred.uid.val`).
    set(slot::CRED, outcome(core_read!(task, cred, uid, val)));
    set(slot::CRED + 1, outcome(core_read!(task, cred, euid, val)));
    set(slot::CRED + 2, outcome(core_read!(task, cred, suid, val)));
    set(slot::CRED + 3, outcome(core_read!(task, cred, fsuid, val)));
    set(slot::CRED + 4, outcome(core_read!(task, cred, gid, val)));
    set(slot::CRED + 5, outcome(core_read!(task, cred, egid, val)));
    set(slot::CRED + 6, outcome(core_read!(task, cred, sgid, val)));
    set(slot::CRED + 7, outcome(core_read!(task, cred, fsgid, val)));
    set(slot::ARGS_LEN, outcome(args_len(task)));

    set(
        slot::COMM_LEN,
        copy_str(strings::COMM, |buf| task.comm_str(buf)),
    );
    // `mm_struct`'s and `dentry`'s members sit in anonymous structs and unions in the kernel.
    set(
        slot::NODENAME_LEN,
        copy_str(strings::NODENAME, |buf| {
            match core_read!(task, nsproxy, uts_ns, name)? {
                Some(name) => name.nodename_str(buf),
                None => Ok(None),
            }
        }),
    );
    set(
        slot::RELEASE_LEN,
        copy_str(strings::RELEASE, |buf| {
            match core_read!(task, nsproxy, uts_ns, name)? {
                Some(name) => name.release_str(buf),
                None => Ok(None),
            }
        }),
    );
    set(
        slot::CWD_NAME_LEN,
        copy_str(strings::CWD_NAME, |buf| {
            match core_read!(task, fs, pwd, dentry, d_name)? {
                Some(d_name) => d_name.name_str(buf),
                None => Ok(None),
            }
        }),
    );
    set(
        slot::ENUMS,
        [
            pid_type::PIDTYPE_TGID.value().unwrap_or(-1),
            pid_type::PIDTYPE_MAX.value().unwrap_or(-1),
            0,
            0,
        ],
    );
    0
}

/// A getter's result as the map stores it, encoded arm by arm. Encoding the `Result` as a
/// whole lets LLVM merge the encoder's arms into moves of every payload word on every path, and
/// on a path where a word was never written (another variant's payload) the verifier rejects
/// the move (`R4 !read_ok`). Here each payload word is read inside its own arm, behind
/// `black_box`, which LLVM cannot hoist out of it.
#[inline(always)]
fn outcome<T: Into<i64>>(result: Read<T>) -> Raw {
    use RelocatableFieldAccessError as E;
    match result {
        Ok(Some(value)) => encode::<i64>(Ok(Some(black_box(value.into())))),
        Ok(None) => encode::<i64>(Ok(None)),
        Err(E::SizeMismatch { expected, actual }) => encode::<i64>(Err(E::SizeMismatch {
            expected: black_box(expected),
            actual: black_box(actual),
        })),
        Err(E::ProbeRead(code)) => encode::<i64>(Err(E::ProbeRead(black_box(code)))),
        Err(E::NullPointer) => encode::<i64>(Err(E::NullPointer)),
        Err(E::IndexOutOfBounds { index, len }) => encode::<i64>(Err(E::IndexOutOfBounds {
            index: black_box(index),
            len: black_box(len),
        })),
    }
}

/// `mm->arg_end - mm->arg_start`.
#[inline(always)]
fn args_len(task: KernelPtr<task_struct>) -> Read<i64> {
    let (Some(start), Some(end)) = (
        core_read!(task, mm, arg_start)?,
        core_read!(task, mm, arg_end)?,
    ) else {
        return Ok(None);
    };
    Ok(Some(end.wrapping_sub(start) as i64))
}

/// Runs a `_str` getter into the [`GEN_TYPES_STR`] value `slot` (map memory: no stack buffer to
/// zero) and encodes how many bytes it copied.
#[inline(always)]
fn copy_str(slot: u32, read: impl FnOnce(&mut [u8]) -> Read<usize>) -> Raw {
    let Some(value) = GEN_TYPES_STR.get_ptr_mut(slot) else {
        return outcome::<i64>(Ok(None));
    };
    // SAFETY: the map value is STR_LEN bytes of map memory, exclusively ours while this program
    // runs on this CPU for the process under test.
    let buf = unsafe { &mut *value };
    outcome(read(buf).map(|len| len.map(|len| len as i64)))
}
