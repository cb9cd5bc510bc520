//! libbpf, through a small C program (`btf_reloc_e2e_tests::libbpf_loader`) that uses nothing of
//! aya or btf-reloc.

use btf_reloc_e2e_common::{
    objects::{Bin, Variant},
    outcome::{decode_option, Outcome},
};
use btf_reloc_e2e_tests::libbpf_loader;

use crate::harness::{expect, run};

/// The `e2e-libbpf` object (its own wrong `task_struct`: other order, invented padding, renamed
/// fields, a missing field, a too-wide field) loaded, relocated and attached by libbpf 1.x; the
/// loader triggers it from a named thread and reports what it read next to that thread's
/// `gettid()`, its process's `getpid()` and `/proc/thread-self/comm`. libbpf's relocation log is
/// printed (`--nocapture` shows it on success too): it is the proof that libbpf, not aya,
/// rewrote the instructions.
///
/// Only the BTF variant: the program uses `.rodata`/`.bss` globals instead of (legacy, refused)
/// maps, and the loader finds those variables through the `.BTF` DATASECs, which the no-BTF
/// variant lacks (`btf-reloc link` only adds the local struct types there).
#[test]
fn task_struct_wrong_layout() {
    run(|objects| {
        let object = objects.path(Bin::Libbpf, Variant::Btf);
        let loader = libbpf_loader::build(objects.dir())?;
        let report = libbpf_loader::run(&loader, &object)?;

        println!("libbpf's log (CO-RE relocations, verifier statistics):");
        for line in report.relocation_log() {
            println!("  {line}");
        }

        if !report.log.contains("CO-RE relocating") || !report.log.contains("patched insn") {
            return Err("libbpf's log shows no CO-RE relocation".into());
        }
        if report.hits == 0 {
            return Err("the program never ran for the loader's process".into());
        }
        if report.tid == report.tgid {
            return Err(format!("the trigger thread's tid {} equals the tgid", report.tid).into());
        }
        expect(
            "pid (vs gettid)",
            report.pid,
            Outcome::Value(report.tid.into()),
        )?;
        expect(
            "tgid, declared `process_id` (vs getpid)",
            report.tgid_field,
            Outcome::Value(report.tgid.into()),
        )?;
        // The task is running (TASK_RUNNING = 0) while it enters a syscall.
        expect(
            "__state, declared `run_state`",
            report.state,
            Outcome::Value(0),
        )?;
        expect("btf_reloc_libbpf_missing", report.missing, Outcome::Missing)?;
        expect(
            "flags declared u64",
            report.flags,
            Outcome::SizeMismatch {
                expected: 8,
                actual: 4,
            },
        )?;
        let [missing_exists, pid_exists, pid_size, pid_offset] = report.queries;
        let (pid_size, pid_offset) = (decode_option(pid_size), decode_option(pid_offset));
        let Some(pid_offset) = pid_offset.filter(|&offset| offset > 0) else {
            return Err(format!("pid_byte_offset() = {pid_offset:?}, expected Some(> 0)").into());
        };
        if (missing_exists, pid_exists, pid_size) != (0, 1, Some(4)) {
            return Err(format!(
                "queries: btf_reloc_libbpf_missing_exists={missing_exists}, \
                 pid_exists={pid_exists}, pid_byte_size={pid_size:?}; expected 0, 1, Some(4)"
            )
            .into());
        }
        // The offset the program saw must be one libbpf wrote into an instruction.
        let patched = format!("-> {pid_offset}");
        if !report
            .relocation_log()
            .any(|line| line.contains("patched insn") && line.ends_with(&patched))
        {
            return Err(format!(
                "pid_byte_offset() returned {pid_offset}, but libbpf's log patched no instruction \
                 to it"
            )
            .into());
        }
        if report.kernel_comm != report.thread_comm {
            return Err(format!(
                "comm: kernel read {:?}, /proc/thread-self/comm says {:?}",
                report.kernel_comm, report.thread_comm
            )
            .into());
        }
        Ok(())
    });
}
