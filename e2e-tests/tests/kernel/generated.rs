//! Declarations `btf-reloc gen` generated (`e2e-ebpf/src/generated.rs` includes the snapshot
//! `btf-reloc-cli/tests/snapshots/e2e_types.rs`, unedited), read on the running kernel and
//! compared with ground truth: the trigger thread's ids, the credentials it set itself, its
//! parent, command line, name, host name, kernel release, working directory, a scheduler flag,
//! and `enum pid_type` from the kernel's own BTF. In both object variants.

use std::fs;

use btf_reloc_btf::Kind;
use btf_reloc_e2e_common::{
    generated::{self, slot, strings, STR_LEN},
    objects::{Bin, Variant},
    outcome::{decode, Outcome, Raw},
};
use btf_reloc_e2e_tests::{btf_layout, kernel, objects::Objects, Result};

use crate::harness::{expect, run};

#[test]
fn generated_declarations_btf() {
    run(|objects| generated_declarations(objects, Variant::Btf));
}

#[test]
fn generated_declarations_no_btf() {
    run(|objects| generated_declarations(objects, Variant::NoBtf));
}

/// The ids the trigger thread gives itself before firing the trigger; each `cred` field gets
/// its own value where the kernel allows (`fsuid` follows `euid`).
const UIDS: (u32, u32, u32) = (2001, 2002, 2003);
const GIDS: (u32, u32, u32, u32) = (1001, 1002, 1003, 1004);

/// What the trigger thread knows about itself.
struct Thread {
    tid: u32,
    comm: String,
    /// `Uid:` and `Gid:` of `/proc/thread-self/status`: real, effective, saved, filesystem.
    uids: [i64; 4],
    gids: [i64; 4],
}

/// Four ids after `label` in a `/proc/*/status` text.
fn ids(status: &str, label: &str) -> Result<[i64; 4]> {
    let line = status
        .lines()
        .find(|l| l.starts_with(label))
        .ok_or_else(|| format!("no `{label}` in /proc/thread-self/status"))?;
    let values: Vec<i64> = line[label.len()..]
        .split_whitespace()
        .map(str::parse)
        .collect::<Result<_, _>>()?;
    values
        .try_into()
        .map_err(|v| format!("`{label}` holds {v:?}, not four ids").into())
}

fn check_syscall(what: &str, rc: libc::c_long) -> Result<()> {
    if rc == 0 {
        Ok(())
    } else {
        Err(format!("{what}: {}", std::io::Error::last_os_error()).into())
    }
}

/// Fires the trigger from a new thread that first asked for `SCHED_RESET_ON_FORK` and gave
/// itself other credentials. Raw syscalls change only the calling thread's credentials (glibc's
/// wrappers would change every thread's); the thread ends right after.
fn trigger() -> Result<Thread> {
    let thread = std::thread::Builder::new()
        .name("btf-reloc-gen".to_owned())
        .spawn(|| -> Result<Thread> {
            let param = libc::sched_param { sched_priority: 0 };
            // SAFETY: plain syscall on the calling thread with a valid parameter block.
            let rc = unsafe {
                libc::sched_setscheduler(0, libc::SCHED_OTHER | libc::SCHED_RESET_ON_FORK, &param)
            };
            check_syscall("sched_setscheduler(SCHED_RESET_ON_FORK)", rc.into())?;
            let (r, e, s, f) = GIDS;
            // SAFETY: setresgid/setfsgid/setresuid take plain integers; as raw syscalls they act
            // on this thread only.
            unsafe {
                check_syscall("setresgid", libc::syscall(libc::SYS_setresgid, r, e, s))?;
                // setfsgid returns the previous fsgid, not a status.
                libc::syscall(libc::SYS_setfsgid, f);
                let (r, e, s) = UIDS;
                check_syscall("setresuid", libc::syscall(libc::SYS_setresuid, r, e, s))?;
            }
            let status = fs::read_to_string("/proc/thread-self/status")?;
            let comm = fs::read_to_string("/proc/thread-self/comm")?;
            kernel::trigger();
            Ok(Thread {
                tid: kernel::gettid(),
                comm: comm.trim_end_matches('\n').to_owned(),
                uids: ids(&status, "Uid:")?,
                gids: ids(&status, "Gid:")?,
            })
        })?;
    let result = thread
        .join()
        .map_err(|_| -> btf_reloc_e2e_tests::Error { "the trigger thread panicked".into() })?;
    // A change of effective ids made the whole process non-dumpable (`suid_dumpable`), which
    // would change who owns its /proc files for the tests after this one.
    // SAFETY: prctl with integer arguments only.
    unsafe { libc::prctl(libc::PR_SET_DUMPABLE, 1, 0, 0, 0) };
    result
}

/// `uname(2)`'s node name and release.
fn uname() -> Result<(String, String)> {
    // SAFETY: an all-zero `utsname` is a valid value to pass for the kernel to fill in.
    let mut name: libc::utsname = unsafe { std::mem::zeroed() };
    // SAFETY: `name` is a valid, writable `utsname`.
    if unsafe { libc::uname(&mut name) } != 0 {
        return Err(format!("uname: {}", std::io::Error::last_os_error()).into());
    }
    let text = |field: &[libc::c_char]| {
        let bytes: Vec<u8> = field.iter().map(|&c| c as u8).collect();
        kernel::string_from_bytes(&bytes)
    };
    Ok((text(&name.nodename), text(&name.release)))
}

/// The values of `enum pid_type`'s `names` in the running kernel's BTF.
fn pid_type(names: [&str; 2]) -> Result<[i64; 2]> {
    let vmlinux = btf_layout::vmlinux()?;
    let e = vmlinux
        .types_named("pid_type")
        .find_map(|(_, t)| {
            t.kind
                .any_enum()
                .filter(|_| matches!(t.kind, Kind::Enum(_)))
        })
        .ok_or("the kernel's BTF has no enum pid_type")?;
    let value = |name: &str| {
        e.values
            .iter()
            .find(|v| vmlinux.str_at(v.name_off) == Some(name))
            .map(|v| v.value as i64)
            .ok_or_else(|| format!("enum pid_type has no {name}"))
    };
    Ok([value(names[0])?, value(names[1])?])
}

fn generated_declarations(objects: &Objects, variant: Variant) -> Result<()> {
    // getppid() is the trigger: ask before the program is attached.
    let ppid = i64::from(std::os::unix::process::parent_id());
    let mut ebpf = kernel::load(&objects.path(Bin::Main, variant))?;
    kernel::attach(&mut ebpf, generated::PROGRAM)?;
    let thread = trigger()?;
    let outcome = |slot| -> Result<Outcome> {
        kernel::read_at::<Raw>(&ebpf, generated::MAP, slot).map(decode)
    };
    let string = |slot| -> Result<String> {
        let bytes: [u8; STR_LEN] = kernel::read_at(&ebpf, generated::STR_MAP, slot)?;
        Ok(kernel::string_from_bytes(&bytes))
    };
    let tgid = i64::from(std::process::id());
    expect(
        "task.pid() (vs gettid)",
        outcome(slot::PID)?,
        Outcome::Value(thread.tid.into()),
    )?;
    expect(
        "task.tgid() (vs getpid)",
        outcome(slot::TGID)?,
        Outcome::Value(tgid),
    )?;
    expect(
        "core_read!(task, real_parent, tgid) (vs getppid)",
        outcome(slot::PARENT_TGID)?,
        Outcome::Value(ppid),
    )?;
    expect(
        "the sched_reset_on_fork bitfield (set with sched_setscheduler)",
        outcome(slot::RESET_ON_FORK)?,
        Outcome::Value(1),
    )?;
    // CRED_FIELDS: uid, euid, suid, fsuid, gid, egid, sgid, fsgid; /proc lists real,
    // effective, saved, filesystem.
    let [ruid, euid, suid, fsuid] = thread.uids;
    let [rgid, egid, sgid, fsgid] = thread.gids;
    let truth = [ruid, euid, suid, fsuid, rgid, egid, sgid, fsgid];
    let (r, e, s) = UIDS;
    let (gr, ge, gs, gf) = GIDS;
    let set = [r, e, s, e, gr, ge, gs, gf].map(i64::from);
    if truth != set {
        return Err(format!(
            "the trigger thread set ids {set:?} but /proc/thread-self/status says {truth:?}"
        )
        .into());
    }
    for (i, (field, want)) in slot::CRED_FIELDS.iter().zip(truth).enumerate() {
        expect(
            &format!("core_read!(task, cred, {field}, val) (vs /proc/thread-self/status)"),
            outcome(slot::CRED + i as u32)?,
            Outcome::Value(want),
        )?;
    }
    let cmdline = fs::read("/proc/self/cmdline")?;
    expect(
        "mm->arg_end - mm->arg_start (vs the length of /proc/self/cmdline)",
        outcome(slot::ARGS_LEN)?,
        Outcome::Value(i64::try_from(cmdline.len())?),
    )?;
    let (nodename, release) = uname()?;
    let cwd = std::env::current_dir()?;
    let cwd_name = cwd
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or("the working directory has no name")?
        .to_owned();
    let strings = [
        (
            "task.comm_str (vs /proc/thread-self/comm)",
            slot::COMM_LEN,
            strings::COMM,
            thread.comm,
        ),
        (
            "nsproxy->uts_ns->name.nodename (vs uname -n)",
            slot::NODENAME_LEN,
            strings::NODENAME,
            nodename,
        ),
        (
            "nsproxy->uts_ns->name.release (vs uname -r)",
            slot::RELEASE_LEN,
            strings::RELEASE,
            release,
        ),
        (
            "fs->pwd.dentry->d_name.name (vs the working directory)",
            slot::CWD_NAME_LEN,
            strings::CWD_NAME,
            cwd_name,
        ),
    ];
    for (what, len_slot, str_slot, want) in strings {
        expect(
            &format!("{what}: bytes copied, NUL included"),
            outcome(len_slot)?,
            Outcome::Value(i64::try_from(want.len() + 1)?),
        )?;
        let got = string(str_slot)?;
        if got != want {
            return Err(format!("{what}: read {got:?}, expected {want:?}").into());
        }
    }
    let want = pid_type(["PIDTYPE_TGID", "PIDTYPE_MAX"])?;
    let enums: Raw = kernel::read_at(&ebpf, generated::MAP, slot::ENUMS)?;
    if enums[..2] != want {
        return Err(format!(
            "pid_type::{{PIDTYPE_TGID, PIDTYPE_MAX}}.value() = {:?}, the kernel's BTF says \
             {want:?}",
            &enums[..2]
        )
        .into());
    }
    Ok(())
}
