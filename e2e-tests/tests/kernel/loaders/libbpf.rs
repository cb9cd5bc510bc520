//! libbpf, through a small C program (`btf_reloc_e2e_tests::libbpf_loader`) that uses nothing of
//! aya or btf-reloc.

use std::fmt::Write as _;

use btf_reloc_e2e_common::{
    objects::{Bin, Variant},
    outcome::{decode_option, Outcome},
};
use btf_reloc_e2e_tests::{
    btf_layout,
    libbpf_loader::{self, Patch},
};
use btf_reloc_link::{Applied, Target};

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
        let (what, want) = crate::live::state_outcome()?;
        expect(
            &format!("__state, declared `run_state` ({what})"),
            report.state,
            want,
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

/// `btf-reloc check` against the running kernel's BTF predicts, for every CO-RE record of the
/// `e2e-libbpf` object, what libbpf's log says it did while loading the same object: the same
/// value written (from the same local value), or both poisoned, and the same matching target type
/// and target access path. The other objects cannot be compared this way: their maps are legacy
/// `maps`-section maps, which libbpf 1.x refuses before relocating anything (bpftool's
/// `prog loadall` is libbpf too).
#[test]
fn check_agrees_with_libbpf() {
    run(|objects| {
        let object = objects.path(Bin::Libbpf, Variant::Btf);
        let loader = libbpf_loader::build(objects.dir())?;
        let report = libbpf_loader::run(&loader, &object)?;
        let logged = report.core_relocations()?;
        let bytes = std::fs::read(&object)
            .map_err(|error| format!("cannot read {}: {error}", object.display()))?;
        let checked =
            btf_reloc_link::check(&bytes, &[Target::new("vmlinux", btf_layout::vmlinux()?)])?;
        let target = &checked.targets[0];

        let mut failures = String::new();
        if checked.records.is_empty() {
            failures.push_str("\n`check` found no CO-RE records");
        }
        if logged.len() != checked.records.len() {
            let _ = write!(
                failures,
                "\nlibbpf logged {} CO-RE relocations, the object has {} records",
                logged.len(),
                checked.records.len()
            );
        }
        if checked.refusals() != Default::default() {
            let _ = write!(
                failures,
                "\n`check` says a loader refuses what libbpf loaded:\n{checked}"
            );
        }
        for (record, result) in checked.records.iter().zip(&target.records) {
            let what = format!(
                "relo #{} of `{}` ({} {})",
                record.index, record.section, record.path, record.access
            );
            // libbpf counts instructions from the program's first; with one program per
            // section, that is the section's first.
            let programs: Vec<&str> = report
                .programs
                .iter()
                .filter(|(_, section)| *section == record.section)
                .map(|(name, _)| name.as_str())
                .collect();
            let [program] = programs[..] else {
                let _ = write!(failures, "\n{what}: programs {programs:?} in the section");
                continue;
            };
            let Some(libbpf) = logged
                .iter()
                .find(|l| l.program == program && l.relo == record.index)
            else {
                let _ = write!(failures, "\n{what}: libbpf logged nothing");
                continue;
            };
            let predicted = match (&result.libbpf, record.local_value) {
                (Applied::Value(to), Some(from)) => Patch::Value { from, to: *to },
                (Applied::Poisoned, _) => Patch::Poisoned,
                (other, _) => {
                    let _ = write!(failures, "\n{what}: `check` says {other:?}");
                    continue;
                }
            };
            let matched: Vec<(u32, String)> = result
                .matched
                .iter()
                .map(|m| (m.type_id, m.access.clone()))
                .collect();
            if (libbpf.insn, libbpf.patch, &libbpf.candidates) != (record.insn, predicted, &matched)
            {
                let _ = write!(
                    failures,
                    "\n{what}: libbpf patched insn {} with {:?} (candidates {:?}); `check` says \
                     insn {} with {predicted:?} (candidates {matched:?})",
                    libbpf.insn, libbpf.patch, libbpf.candidates, record.insn
                );
            }
        }
        if !failures.is_empty() {
            return Err(format!("`btf-reloc check` and libbpf disagree:{failures}").into());
        }
        println!(
            "`btf-reloc check` predicted all {} CO-RE relocations libbpf applied to {} (values, \
             poisoning, matching types and paths)",
            checked.records.len(),
            object.display()
        );
        Ok(())
    });
}
