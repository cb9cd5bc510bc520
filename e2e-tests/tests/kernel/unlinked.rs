//! An object built with btf-reloc-runtime whose post-link step was forgotten must not load: its
//! existence checks still hold marker immediates, which call a helper that does not exist
//! (`btf_reloc_format::marker::NOT_POST_LINKED_HELPER`), so the verifier refuses the program —
//! under aya and under libbpf — with `invalid func unknown#201842688`, the message the README's
//! troubleshooting names, instead of running marker constants as offsets — also when the object
//! has BTF-defined maps, which aya creates from the object's BTF. When the object has the linker's
//! `.BTF`, its line info is valid too, and the verifier's log shows the source line of the call,
//! which says to run `btf-reloc link`.

use btf_reloc_e2e_common::{
    libbpf, live,
    objects::{Bin, Variant},
    required,
};
use btf_reloc_e2e_tests::{error_chain, kernel, libbpf_loader, Result};
use btf_reloc_format::marker::NOT_POST_LINKED_HELPER;

use crate::harness::run;

/// `Ok` if `error` is the verifier's refusal of the call, and, when `shows_lines` (aya loading an
/// object with the linker's `.BTF`: its log is verbose, and the line info valid), the log shows
/// the source line that names the missing step.
fn refused(error: &str, shows_lines: bool) -> Result<()> {
    let refusal = format!("invalid func unknown#{NOT_POST_LINKED_HELPER}");
    if !error.contains(&refusal) {
        return Err(format!("expected the verifier's `{refusal}`, got:\n{error}").into());
    }
    let advice = "never post-linked: run `btf-reloc link`";
    if shows_lines && !error.contains(advice) {
        return Err(format!("expected the line `{advice}` in the verifier's log:\n{error}").into());
    }
    Ok(())
}

/// aya loads the object (its maps and BTF) but the verifier refuses the program.
fn aya(variant: Variant) {
    run(|objects| {
        let object = objects.unlinked_path(Bin::Main, variant);
        let loaded = kernel::load(&object)
            .and_then(|mut ebpf| kernel::attach(&mut ebpf, live::TASK_FIELDS_PROGRAM).map(drop));
        match loaded {
            Ok(()) => Err("aya loaded a program of an object that was never post-linked".into()),
            Err(error) => refused(&error_chain(error.as_ref()), variant == Variant::Btf),
        }
    });
}

#[test]
fn aya_refuses_it() {
    aya(Variant::Btf);
}

#[test]
fn aya_refuses_it_no_btf() {
    aya(Variant::NoBtf);
}

/// With a BTF-defined map (`.maps`, as in an aya-template project) aya needs the object's BTF
/// to create the map: the BTF of an object that was never post-linked must therefore load, so
/// that the refusal is the verifier's and not "failed to create map" (each type's descriptors
/// have a section, and so a DATASEC, of their own).
#[test]
fn aya_refuses_it_with_a_btf_map() {
    run(|objects| {
        let object = objects.unlinked_path(Bin::Libbpf, Variant::Btf);
        let loaded = kernel::load(&object).and_then(|mut ebpf| {
            if ebpf.map(libbpf::RUNS).is_none() {
                return Err(format!("aya created no map `{}`", libbpf::RUNS).into());
            }
            kernel::attach(&mut ebpf, libbpf::PROGRAM).map(drop)
        });
        match loaded {
            Ok(()) => Err("aya loaded a program of an object that was never post-linked".into()),
            Err(error) => refused(&error_chain(error.as_ref()), true),
        }
    });
}

/// A `#[btf(required)]` read has no existence check: its size test says it instead.
#[test]
fn aya_refuses_a_required_read() {
    run(|objects| {
        let object = objects.unlinked_path(Bin::Required, Variant::Btf);
        let loaded = kernel::load(&object)
            .and_then(|mut ebpf| kernel::attach(&mut ebpf, required::FIELDS).map(drop));
        match loaded {
            Ok(()) => Err("aya loaded a program of an object that was never post-linked".into()),
            Err(error) => refused(&error_chain(error.as_ref()), true),
        }
    });
}

/// libbpf (the C loader) fails the load the same way.
#[test]
fn libbpf_refuses_it() {
    run(|objects| {
        let object = objects.unlinked_path(Bin::Libbpf, Variant::Btf);
        let loader = libbpf_loader::build(objects.dir())?;
        match libbpf_loader::run(&loader, &object) {
            Ok(_) => Err("libbpf loaded an object that was never post-linked".into()),
            // libbpf asks for the verifier's short log (level 1): no source lines.
            Err(error) => refused(&error_chain(error.as_ref()), false),
        }
    });
}
