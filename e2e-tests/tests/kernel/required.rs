//! `#[btf(required)]` reads (object `e2e-required`) under aya and libbpf: the values of fields
//! every kernel has, compared with syscalls; and programs reading a required field no kernel has,
//! or one declared wider than the kernel's, refused at load time by the verifier, with a log that
//! names the field — libbpf names a missing one itself; for aya, and for the size, the line info
//! `btf-reloc link` gives the relocated instruction does.

use btf_reloc_e2e_common::{
    objects::{Bin, Variant},
    outcome::{decode, Outcome},
    required::{self, Results},
};
use btf_reloc_e2e_tests::{error_chain, kernel, libbpf_loader, Result};

use crate::harness::{expect, run};

/// What both loaders' runs of [`required::FIELDS`] must show; `tid`, `tgid`, `ppid` and `comm`
/// are the trigger thread's, from syscalls and procfs.
fn check(results: &Results, tid: u32, tgid: u32, ppid: u32, comm: &str) -> Result<()> {
    if results.runs == 0 {
        return Err("the program never ran for the process under test".into());
    }
    expect(
        "pid (vs gettid)",
        decode(results.pid),
        Outcome::Value(tid.into()),
    )?;
    expect(
        "tgid, declared `process_id` (vs getpid)",
        decode(results.tgid),
        Outcome::Value(tgid.into()),
    )?;
    expect(
        "core_read!(task, real_parent, process_id) (vs getppid)",
        decode(results.parent_tgid),
        Outcome::Value(ppid.into()),
    )?;
    let checked = decode(results.reset_on_fork_checked);
    if !matches!(checked, Outcome::Value(0 | 1)) {
        return Err(format!("sched_reset_on_fork, checked getter: got {checked}").into());
    }
    expect(
        "sched_reset_on_fork, required bitfield (vs the checked getter)",
        decode(results.reset_on_fork),
        checked,
    )?;
    let read = kernel::string_from_bytes(&results.comm);
    if read != comm {
        return Err(format!("comm: read {read:?}, the thread is {comm:?}").into());
    }
    Ok(())
}

/// What a refused program is refused for.
#[derive(Clone, Copy)]
enum Refusal {
    /// [`required::MISSING`]: a relocation of a field the kernel lacks, poisoned by the loader.
    Missing,
    /// [`required::WRONG_SIZE`]: a field of another size than declared.
    WrongSize,
}

impl Refusal {
    fn program(self) -> &'static str {
        match self {
            Self::Missing => required::MISSING,
            Self::WrongSize => required::WRONG_SIZE,
        }
    }

    /// `Ok` if the load `error` is the verifier refusing the program for `self` and, when
    /// `named` (the object has line info), naming the field.
    fn check(self, error: &str, named: bool) -> Result<()> {
        println!("the load error:\n{error}");
        let (refusals, field): (&[&str], _) = match self {
            // What aya and libbpf write into a relocated instruction they cannot resolve (`call
            // 0xbad2310`), as the verifier reports it; libbpf rewrites the line in its log.
            Self::Missing => (
                &[
                    "invalid func unknown#195896080",
                    "failed to resolve CO-RE relocation",
                ],
                format!("task_struct___missing.{}", required::MISSING_FIELD),
            ),
            Self::WrongSize => (
                &["invalid func unknown#201842689"],
                "task_struct___wrong_size.flags".to_owned(),
            ),
        };
        if !refusals.iter().any(|refusal| error.contains(refusal)) {
            return Err(format!("expected the verifier's {refusals:?}:\n{error}").into());
        }
        if named && !error.contains(&field) {
            return Err(format!("the load error does not name `{field}`:\n{error}").into());
        }
        if let (Self::WrongSize, true) = (self, named) {
            let line = "a #[btf(required)] field has another size in the running kernel";
            if !error.contains(line) {
                return Err(format!("the load error does not say `{line}`:\n{error}").into());
            }
        }
        Ok(())
    }
}

fn aya_reads(variant: Variant) {
    run(|objects| {
        let mut ebpf = kernel::load(&objects.path(Bin::Required, variant))?;
        let _link = kernel::attach(&mut ebpf, required::FIELDS)?;
        kernel::trigger();
        let bytes: [u8; Results::SIZE] = kernel::read_first(&ebpf, ".bss")?;
        let results = Results::from_bytes(&bytes).ok_or("`.bss` is not a `Results`")?;
        check(
            &results,
            kernel::gettid(),
            std::process::id(),
            std::os::unix::process::parent_id(),
            &kernel::thread_comm()?,
        )
    });
}

#[test]
fn aya_reads_required_fields() {
    aya_reads(Variant::Btf);
}

#[test]
fn aya_reads_required_fields_no_btf() {
    aya_reads(Variant::NoBtf);
}

#[test]
fn libbpf_reads_required_fields() {
    run(|objects| {
        let loader = libbpf_loader::build(objects.dir())?;
        let object = objects.path(Bin::Required, Variant::Btf);
        let report =
            libbpf_loader::run_only(&loader, &object, required::FIELDS, required::RESULTS)?;
        let results = Results::from_bytes(&report.bytes).ok_or("`.bss` is not a `Results`")?;
        // The loader is this process's child.
        check(
            &results,
            report.tid,
            report.tgid,
            std::process::id(),
            &report.thread_comm,
        )
    });
}

/// aya loads the object; the verifier refuses the program. With the linker's BTF, the line info
/// `btf-reloc link` wrote names the field in the verifier's log.
fn aya_refuses(refusal: Refusal, variant: Variant) {
    run(|objects| {
        let mut ebpf = kernel::load(&objects.path(Bin::Required, variant))?;
        match kernel::attach(&mut ebpf, refusal.program()) {
            Ok(_) => Err("aya loaded a program no kernel should load".into()),
            Err(error) => refusal.check(&error_chain(error.as_ref()), variant == Variant::Btf),
        }
    });
}

#[test]
fn aya_refuses_a_missing_required_field() {
    aya_refuses(Refusal::Missing, Variant::Btf);
}

/// Without the linker's BTF there is no line info to name the field, but the program is refused
/// all the same.
#[test]
fn aya_refuses_a_missing_required_field_no_btf() {
    aya_refuses(Refusal::Missing, Variant::NoBtf);
}

#[test]
fn aya_refuses_a_required_field_of_another_size() {
    aya_refuses(Refusal::WrongSize, Variant::Btf);
}

#[test]
fn aya_refuses_a_required_field_of_another_size_no_btf() {
    aya_refuses(Refusal::WrongSize, Variant::NoBtf);
}

/// libbpf fails the load; for a missing field its log names the relocation, as for a C
/// program's `BPF_CORE_READ` of a field the kernel lacks.
fn libbpf_refuses(refusal: Refusal) {
    run(|objects| {
        let loader = libbpf_loader::build(objects.dir())?;
        let object = objects.path(Bin::Required, Variant::Btf);
        match libbpf_loader::run_only(&loader, &object, refusal.program(), required::RESULTS) {
            Ok(_) => Err("libbpf loaded a program no kernel should load".into()),
            Err(error) => refusal.check(&error_chain(error.as_ref()), true),
        }
    });
}

#[test]
fn libbpf_refuses_a_missing_required_field() {
    libbpf_refuses(Refusal::Missing);
}

#[test]
fn libbpf_refuses_a_required_field_of_another_size() {
    libbpf_refuses(Refusal::WrongSize);
}
