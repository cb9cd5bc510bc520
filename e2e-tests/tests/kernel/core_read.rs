//! `bpf_core_read.h` on the running kernel (`e2e-ebpf/src/core_read.rs`): pointer chains, an
//! embedded struct as one access path, strings, array elements and bounds, a real kernel
//! bitfield, enum values (of a 64-bit kernel enum too, as aya relocates it on this kernel) and
//! type existence/size, each against ground truth from syscalls, procfs or the kernel's own
//! BTF.

use std::fs;

use btf_reloc_btf::{Btf, Kind};
use btf_reloc_e2e_common::{
    core_read::{self, slot, ARGS_MAX, EXE_NAME_MAX},
    objects::{Bin, Variant},
    outcome::{decode, encode_option, Outcome, Raw},
    COMM_LEN,
};
use btf_reloc_e2e_tests::{btf_layout, kernel, Result};

use crate::harness::{expect, run};

/// What the trigger thread saw of itself around the trigger.
struct Thread {
    comm: String,
    vruntime_before: u64,
    vruntime_after: u64,
}

/// `se.vruntime` of the calling thread from `/proc/thread-self/sched`, in nanoseconds (procfs
/// prints milliseconds with six decimals).
fn vruntime() -> Result<u64> {
    let sched = fs::read_to_string("/proc/thread-self/sched")?;
    let line = sched
        .lines()
        .find(|l| l.starts_with("se.vruntime"))
        .ok_or("no se.vruntime in /proc/thread-self/sched")?;
    let value = line.rsplit(':').next().unwrap_or_default().trim();
    let (ms, frac) = value.split_once('.').unwrap_or((value, "0"));
    let frac = format!("{frac:0<6}");
    Ok(ms.parse::<u64>()? * 1_000_000 + frac.get(..6).unwrap_or("0").parse::<u64>()?)
}

/// Fires the trigger from a new thread that asked for `SCHED_RESET_ON_FORK` (the
/// `sched_reset_on_fork` bitfield), reading its `se.vruntime` just before and after.
fn trigger() -> Result<Thread> {
    let thread = std::thread::Builder::new()
        .name("btf-reloc-core".to_owned())
        .spawn(|| -> Result<Thread> {
            let param = libc::sched_param { sched_priority: 0 };
            // SAFETY: plain syscall on the calling thread with a valid parameter block.
            let rc = unsafe {
                libc::sched_setscheduler(0, libc::SCHED_OTHER | libc::SCHED_RESET_ON_FORK, &param)
            };
            if rc != 0 {
                return Err(format!(
                    "sched_setscheduler(SCHED_RESET_ON_FORK): {}",
                    std::io::Error::last_os_error()
                )
                .into());
            }
            let comm = fs::read_to_string("/proc/thread-self/comm")?;
            let vruntime_before = vruntime()?;
            kernel::trigger();
            let vruntime_after = vruntime()?;
            Ok(Thread {
                comm: comm.trim_end_matches('\n').to_owned(),
                vruntime_before,
                vruntime_after,
            })
        })?;
    thread
        .join()
        .map_err(|_| -> btf_reloc_e2e_tests::Error { "the trigger thread panicked".into() })?
}

#[test]
fn running_kernel() {
    run(|objects| {
        // getppid() is the trigger: ask before the program is attached.
        let ppid = i64::from(std::os::unix::process::parent_id());
        let mut ebpf = kernel::load(&objects.path(Bin::Core, Variant::Btf))?;
        kernel::attach(&mut ebpf, core_read::PROGRAM)?;
        let thread = trigger()?;
        let read = |slot| -> Result<Raw> { kernel::read_at(&ebpf, core_read::MAP, slot) };
        let outcome = |slot| -> Result<Outcome> { read(slot).map(decode) };
        let pid = i64::from(std::process::id());
        expect(
            "core_read!(task, real_parent, tgid) (vs getppid)",
            outcome(slot::PARENT_TGID)?,
            Outcome::Value(ppid),
        )?;
        expect(
            "core_read!(task, group_leader, pid) (vs getpid)",
            outcome(slot::LEADER_PID)?,
            Outcome::Value(pid),
        )?;
        match outcome(slot::VRUNTIME)? {
            Outcome::Value(v)
                if (thread.vruntime_before..=thread.vruntime_after).contains(&(v as u64)) => {}
            other => {
                return Err(format!(
                    "core_read!(task, se, vruntime): got {other}, expected a value between {} \
                     and {} (/proc/thread-self/sched before and after)",
                    thread.vruntime_before, thread.vruntime_after
                )
                .into())
            }
        }
        expect(
            "sched_reset_on_fork bitfield (set with sched_setscheduler)",
            outcome(slot::RESET_ON_FORK)?,
            Outcome::Value(1),
        )?;
        let comm_len = i64::try_from(thread.comm.len() + 1)?;
        expect(
            "comm_str length (NUL included)",
            outcome(slot::COMM_STR_LEN)?,
            Outcome::Value(comm_len),
        )?;
        let comm: [u8; COMM_LEN] = kernel::read_first(&ebpf, core_read::COMM_MAP)?;
        let comm = kernel::string_from_bytes(&comm);
        if comm != thread.comm {
            return Err(format!(
                "comm_str: {comm:?}, /proc/thread-self/comm: {:?}",
                thread.comm
            )
            .into());
        }
        expect(
            "comm_at(0)",
            outcome(slot::COMM_AT_0)?,
            Outcome::Value(i64::from(thread.comm.as_bytes()[0])),
        )?;
        expect(
            "comm_at(16)",
            outcome(slot::COMM_AT_16)?,
            Outcome::IndexOutOfBounds { index: 16, len: 16 },
        )?;
        let cmdline = fs::read("/proc/self/cmdline")?;
        let want = &cmdline[..cmdline.len().min(ARGS_MAX)];
        expect(
            "mm->arg_end - mm->arg_start (capped at ARGS_MAX)",
            outcome(slot::ARGS_LEN)?,
            Outcome::Value(i64::try_from(want.len())?),
        )?;
        let args: [u8; ARGS_MAX] = kernel::read_first(&ebpf, core_read::ARGS_MAP)?;
        if &args[..want.len()] != want {
            return Err(format!(
                "arguments read from mm->arg_start: {:?}, /proc/self/cmdline: {:?}",
                String::from_utf8_lossy(&args[..want.len()]),
                String::from_utf8_lossy(want)
            )
            .into());
        }
        // A `char *` at the end of a chain through pointers and embedded structs.
        let exe = fs::read_link("/proc/self/exe")?;
        let exe_name = exe
            .file_name()
            .and_then(|n| n.to_str())
            .ok_or("/proc/self/exe has no file name")?;
        expect(
            "task->mm->exe_file->f_path.dentry->d_name.name: name_str length (NUL included)",
            outcome(slot::EXE_NAME_LEN)?,
            Outcome::Value(i64::try_from(exe_name.len() + 1)?),
        )?;
        let name: [u8; EXE_NAME_MAX] = kernel::read_first(&ebpf, core_read::EXE_MAP)?;
        let name = kernel::string_from_bytes(&name);
        if name != exe_name {
            return Err(format!("d_name.name: {name:?}, /proc/self/exe: {exe_name:?}").into());
        }
        // include/linux/pid_types.h: PIDTYPE_PID, PIDTYPE_TGID, PIDTYPE_PGID, PIDTYPE_SID,
        // PIDTYPE_MAX; the Rust declaration says 10 and 99.
        let enums = read(slot::ENUMS)?;
        if enums != [1, 4, 0, 0] {
            return Err(format!(
                "enum pid_type: [TGID, MAX, exists(PIDTYPE_BTF_RELOC_NONE), _] = {enums:?}, \
                 expected [1, 4, 0, 0]"
            )
            .into());
        }
        let vmlinux = btf_layout::vmlinux()?;
        let task_struct = btf_layout::find_struct(&vmlinux, "task_struct", "pid")
            .ok_or("vmlinux has no task_struct")?;
        let size = usize::try_from(vmlinux.resolve_size(task_struct)?)?;
        let want = [1, encode_option(Some(size)), 0, 0];
        let types = read(slot::TYPES)?;
        if types != want {
            return Err(format!(
                "[type_exists(task_struct), type_size(task_struct), \
                 type_exists(btf_reloc_no_such_type), _] = {types:?}, expected {want:?} (size \
                 from /sys/kernel/btf/vmlinux)"
            )
            .into());
        }
        let want = enum64(&vmlinux)?;
        let got = read(slot::ENUM64)?;
        if got != want {
            return Err(format!(
                "enum perf_callchain_context (local ENUM64): [value(PERF_CONTEXT_KERNEL), \
                 exists(PERF_CONTEXT_KERNEL), type_exists, _] = {got:?}, expected {want:?}"
            )
            .into());
        }
        Ok(())
    });
}

/// What aya 0.14 relocates for the local `ENUM64` `perf_callchain_context` against the running
/// kernel, from its BTF: where the kernel has the enum as an `ENUM64` (6.0 and later), its value
/// of `PERF_CONTEXT_KERNEL` (`(__u64)-128`) and existence; where it has it as an 8-byte `ENUM`
/// (before 6.0), nothing: aya matches an enum only with one of its own BTF kind (and has turned
/// the local `ENUM64` into a `UNION` on such a kernel anyway), so `value()` is `None`, `exists()`
/// and `type_exists` false. `type_exists` also needs the kernel to take `ENUM64` (the union
/// matches no type).
fn enum64(vmlinux: &Btf) -> Result<Raw> {
    const NAME: &str = "perf_callchain_context";
    let (is_enum64, e) = vmlinux
        .types_named(NAME)
        .find_map(|(_, ty)| match &ty.kind {
            Kind::Enum64(e) => Some((true, e)),
            Kind::Enum(e) => Some((false, e)),
            _ => None,
        })
        .ok_or_else(|| format!("vmlinux has no enum {NAME}"))?;
    if !is_enum64 {
        return Ok([0, 0, 0, 0]);
    }
    let value = e
        .values
        .iter()
        .find(|v| vmlinux.str_at(v.name_off) == Some("PERF_CONTEXT_KERNEL"))
        .map(|v| v.value as i64)
        .ok_or_else(|| format!("vmlinux's {NAME} has no PERF_CONTEXT_KERNEL"))?;
    Ok([value, 1, i64::from(kernel::takes_enum64()?), 0])
}
