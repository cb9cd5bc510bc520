//! Direct reads through `BtfPtr` (objects `e2e-direct`, `e2e-direct-refused`): one relocated load
//! per field of a task pointer the verifier knows by its BTF type, in a `tp_btf` and an fentry
//! program, under aya and libbpf, compared with what the threads themselves report; a field no
//! kernel has, and a signed field of another size, refused at load time.
//!
//! Both programs fire when the thread under test starts a thread: `sched_process_fork(parent,
//! child)` and `wake_up_new_task(child)`, `parent` (the current task) being the starting thread.
//! Some kernels do not let any fentry program load (this machine's 6.18 refuses BPF trampolines
//! with `EPERM`); there the fentry test asserts that an fentry program reading nothing is refused
//! the same way, and says so.

use aya::{
    programs::{BtfTracePoint, FEntry},
    Btf, Ebpf, EbpfLoader,
};
use btf_reloc_e2e_common::{
    direct::{self, Results, Slot},
    objects::{Bin, Variant},
    TARGET_TGID,
};
use btf_reloc_e2e_tests::{error_chain, kernel, libbpf_loader, Result};

use crate::harness::run;

/// What the threads report: the starting thread's tid, the new thread's tid, the process and
/// its parent.
#[derive(Debug, Clone, Copy)]
struct Truth {
    parent_tid: u32,
    child_tid: u32,
    tgid: u32,
    ppid: u32,
}

fn slot(results: &Results, slot: Slot) -> i64 {
    results[slot as usize]
}

/// Compares the `tp_btf` program's slots with `truth`.
fn check_tp_btf(results: &Results, truth: Truth) -> Result<()> {
    if slot(results, Slot::TpRuns) == 0 {
        return Err("the tp_btf program never ran for the thread under test".into());
    }
    let want = [
        (
            Slot::TpParentPid,
            "parent->pid",
            i64::from(truth.parent_tid),
        ),
        (Slot::TpChildPid, "child->pid", i64::from(truth.child_tid)),
        (Slot::TpChildTgid, "child->tgid", i64::from(truth.tgid)),
        (
            Slot::TpChildParentTgid,
            "child->real_parent->tgid",
            i64::from(truth.ppid),
        ),
        (
            Slot::TpChildFlags,
            "child->flags (declared u64, resized by the loader) vs a probe read",
            slot(results, Slot::TpChildFlagsChecked),
        ),
        (
            Slot::TpChildVruntime,
            "child->se.vruntime vs a probe read",
            slot(results, Slot::TpChildVruntimeChecked),
        ),
    ];
    for (at, what, want) in want {
        let got = slot(results, at);
        if got != want {
            return Err(format!("{what}: read {got}, expected {want}").into());
        }
    }
    if slot(results, Slot::TpChildFlags) == 0 {
        return Err("child->flags is 0: a new thread has PF_ flags set".into());
    }
    Ok(())
}

/// Compares the fentry program's slots with `truth`.
fn check_fentry(results: &Results, truth: Truth) -> Result<()> {
    if slot(results, Slot::FentryRuns) == 0 {
        return Err("the fentry program never ran for the thread under test".into());
    }
    let want = [
        (Slot::FentryPid, "p->pid", truth.child_tid),
        (Slot::FentryTgid, "p->tgid", truth.tgid),
        (Slot::FentryParentTgid, "p->real_parent->tgid", truth.ppid),
    ];
    for (at, what, want) in want {
        let got = slot(results, at);
        if got != i64::from(want) {
            return Err(format!("{what}: read {got}, expected {want}").into());
        }
    }
    Ok(())
}

/// Loads `bin` with aya for this thread (its tid as `TARGET_PARENT_TID`).
fn aya_load(objects: &btf_reloc_e2e_tests::objects::Objects, bin: Bin) -> Result<Ebpf> {
    let object = objects.path(bin, Variant::Btf);
    let tgid = std::process::id();
    let tid = kernel::gettid();
    EbpfLoader::new()
        .override_global(TARGET_TGID, &tgid, true)
        .override_global(direct::TARGET_PARENT_TID, &tid, true)
        .load_file(&object)
        .map_err(|error| format!("loading {}: {}", object.display(), error_chain(&error)).into())
}

/// Starts a thread from this one and returns the truth about it.
fn start_a_thread() -> Result<Truth> {
    let child_tid = std::thread::spawn(kernel::gettid)
        .join()
        .map_err(|_| "the new thread panicked")?;
    Ok(Truth {
        parent_tid: kernel::gettid(),
        child_tid,
        tgid: std::process::id(),
        ppid: std::os::unix::process::parent_id(),
    })
}

fn kernel_btf() -> Result<Btf> {
    Btf::from_sys_fs().map_err(|error| format!("the kernel's BTF: {error}").into())
}

#[test]
fn aya_tp_btf() {
    run(|objects| {
        let mut ebpf = aya_load(objects, Bin::Direct)?;
        let btf = kernel_btf()?;
        let program: &mut BtfTracePoint = ebpf
            .program_mut(direct::TP_BTF)
            .ok_or("no tp_btf program")?
            .try_into()?;
        program
            .load(direct::TP_BTF_TARGET, &btf)
            .map_err(|error| format!("loading {}: {}", direct::TP_BTF, error_chain(&error)))?;
        program.attach()?;
        let truth = start_a_thread()?;
        let results: Results = kernel::read_first(&ebpf, ".bss")?;
        check_tp_btf(&results, truth)
    });
}

/// Loads the fentry program `name` of `ebpf`: `Ok(None)` if the kernel refuses it with `EPERM`.
fn load_fentry<'a>(ebpf: &'a mut Ebpf, name: &str, btf: &Btf) -> Result<Option<&'a mut FEntry>> {
    let program: &mut FEntry = ebpf
        .program_mut(name)
        .ok_or_else(|| format!("no program {name}"))?
        .try_into()?;
    match program.load(direct::FENTRY_TARGET, btf) {
        Ok(()) => Ok(Some(program)),
        Err(error) if error_chain(&error).contains("Operation not permitted") => Ok(None),
        Err(error) => Err(format!("loading {name}: {}", error_chain(&error)).into()),
    }
}

#[test]
fn aya_fentry() {
    run(|objects| {
        let btf = kernel_btf()?;
        let mut ebpf = aya_load(objects, Bin::Direct)?;
        let Some(program) = load_fentry(&mut ebpf, direct::FENTRY, &btf)? else {
            // The kernel refuses it: so must it refuse a program without a single read.
            let mut control = aya_load(objects, Bin::Direct)?;
            return match load_fentry(&mut control, direct::FENTRY_CONTROL, &btf)? {
                None => {
                    println!(
                        "this kernel lets no fentry program load (EPERM, for an empty one too): \
                         the direct reads' fentry test runs on the matrix kernels"
                    );
                    Ok(())
                }
                Some(_) => Err(
                    "the kernel loads an empty fentry program but refuses the one \
                                with direct reads (EPERM)"
                        .into(),
                ),
            };
        };
        program.attach()?;
        let truth = start_a_thread()?;
        let results: Results = kernel::read_first(&ebpf, ".bss")?;
        check_fentry(&results, truth)
    });
}

/// libbpf loads `program` only, with the loader's main thread as the thread under test (its
/// trigger thread is the new thread).
fn libbpf_run(
    objects: &btf_reloc_e2e_tests::objects::Objects,
    program: &str,
) -> Result<(Results, Truth)> {
    let loader = libbpf_loader::build(objects.dir())?;
    let object = objects.path(Bin::Direct, Variant::Btf);
    // The loader's main thread starts the trigger thread: its tid is the loader's pid, which
    // the loader writes into `TARGET_PARENT_TID` as into `TARGET_TGID`.
    let report = libbpf_loader::run_only_with_tgid(
        &loader,
        &object,
        &[direct::TARGET_PARENT_TID],
        program,
        direct::RESULTS,
    )?;
    let results: Results = report.words(direct::RESULTS)?;
    Ok((
        results,
        Truth {
            parent_tid: report.tgid,
            child_tid: report.tid,
            tgid: report.tgid,
            ppid: std::process::id(),
        },
    ))
}

#[test]
fn libbpf_tp_btf() {
    run(|objects| {
        let (results, truth) = libbpf_run(objects, direct::TP_BTF)?;
        check_tp_btf(&results, truth)
    });
}

#[test]
fn libbpf_fentry() {
    run(|objects| match libbpf_run(objects, direct::FENTRY) {
        Ok((results, truth)) => check_fentry(&results, truth),
        Err(error) if error.to_string().contains("Operation not permitted") => {
            match libbpf_run(objects, direct::FENTRY_CONTROL) {
                Err(control) if control.to_string().contains("Operation not permitted") => {
                    println!(
                        "this kernel lets no fentry program load (EPERM, for an empty one too)"
                    );
                    Ok(())
                }
                _ => Err(format!(
                    "libbpf: only the fentry program with direct reads is refused:\n{error}"
                )
                .into()),
            }
        }
        Err(error) => Err(error),
    });
}

/// `Ok` if `error` is the refusal of the direct read of the field no kernel has, naming it.
fn refused_missing(error: &str) -> Result<()> {
    println!("the load error:\n{error}");
    let poisoned = [
        "invalid func unknown#195896080",
        "failed to resolve CO-RE relocation",
    ];
    if !poisoned.iter().any(|p| error.contains(p)) {
        return Err(format!("expected the verifier to refuse a poisoned load:\n{error}").into());
    }
    if !error.contains(direct::MISSING_FIELD) {
        return Err(format!(
            "the error does not name `{}`:\n{error}",
            direct::MISSING_FIELD
        )
        .into());
    }
    Ok(())
}

#[test]
fn aya_refuses_a_missing_field() {
    run(|objects| {
        let mut ebpf = aya_load(objects, Bin::Direct)?;
        let btf = kernel_btf()?;
        let program: &mut BtfTracePoint = ebpf
            .program_mut(direct::MISSING)
            .ok_or("no program")?
            .try_into()?;
        match program.load(direct::TP_BTF_TARGET, &btf) {
            Ok(()) => Err("a direct read of a field no kernel has loaded".into()),
            Err(error) => refused_missing(&error_chain(&error)),
        }
    });
}

#[test]
fn libbpf_refuses_a_missing_field() {
    run(|objects| match libbpf_run(objects, direct::MISSING) {
        Ok(_) => Err("libbpf loaded a direct read of a field no kernel has".into()),
        Err(error) => refused_missing(&error_chain(error.as_ref())),
    });
}

/// aya 0.14 refuses the whole object: the load of a signed field cannot be resized.
#[test]
fn aya_refuses_a_signed_field_of_another_size() {
    run(
        |objects| match kernel::load(&objects.path(Bin::DirectRefused, Variant::Btf)) {
            Ok(_) => Err("aya loaded a direct read of an i64 from an unsigned int".into()),
            Err(error) => {
                let error = error.to_string();
                println!("the load error:\n{error}");
                if error.contains("has size 8 but target type") && error.contains("has size 4") {
                    Ok(())
                } else {
                    Err(format!("expected aya's size refusal:\n{error}").into())
                }
            }
        },
    );
}

/// libbpf poisons the load (its log: the instruction "accesses field incorrectly").
#[test]
fn libbpf_refuses_a_signed_field_of_another_size() {
    run(|objects| {
        let loader = libbpf_loader::build(objects.dir())?;
        let object = objects.path(Bin::DirectRefused, Variant::Btf);
        match libbpf_loader::run_only(&loader, &object, direct::SIGNED_WIDER, direct::RESULTS) {
            Ok(_) => Err("libbpf loaded a direct read of an i64 from an unsigned int".into()),
            Err(error) => {
                let error = error_chain(error.as_ref());
                println!("the load error:\n{error}");
                if error.contains("accesses field incorrectly")
                    || error.contains("invalid CO-RE relocation")
                {
                    Ok(())
                } else {
                    Err(format!("expected libbpf's refusal of the load's size:\n{error}").into())
                }
            }
        }
    });
}
