//! An object built with btf-reloc-runtime whose post-link step was forgotten must not load: its
//! existence checks still hold marker immediates, which call a helper that does not exist
//! (`btf_reloc_format::marker::NOT_POST_LINKED_HELPER`), so the verifier refuses the program —
//! under aya and under libbpf — with `invalid func unknown#201842688`, the message the README's
//! troubleshooting names, instead of running marker constants as offsets. (The verifier's log
//! cannot show a source line there: both loaders drop such an object's BTF, whose descriptor
//! DATASEC only the post-link step makes valid.)

use btf_reloc_e2e_common::{
    live,
    objects::{Bin, Variant},
};
use btf_reloc_e2e_tests::{error_chain, kernel, libbpf_loader, Result};
use btf_reloc_format::marker::NOT_POST_LINKED_HELPER;

use crate::harness::run;

/// `Ok` if `error` is the verifier's refusal of the call.
fn refused(error: &str) -> Result<()> {
    let refusal = format!("invalid func unknown#{NOT_POST_LINKED_HELPER}");
    if error.contains(&refusal) {
        Ok(())
    } else {
        Err(format!("expected the verifier's `{refusal}`, got:\n{error}").into())
    }
}

/// aya loads the object (its maps and BTF) but the verifier refuses the program.
fn aya(variant: Variant) {
    run(|objects| {
        let object = objects.unlinked_path(Bin::Main, variant);
        let loaded = kernel::load(&object)
            .and_then(|mut ebpf| kernel::attach(&mut ebpf, live::TASK_FIELDS_PROGRAM).map(drop));
        match loaded {
            Ok(()) => Err("aya loaded a program of an object that was never post-linked".into()),
            Err(error) => refused(&error_chain(error.as_ref())),
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

/// libbpf (the C loader) fails the load the same way.
#[test]
fn libbpf_refuses_it() {
    run(|objects| {
        let object = objects.unlinked_path(Bin::Libbpf, Variant::Btf);
        let loader = libbpf_loader::build(objects.dir())?;
        match libbpf_loader::run(&loader, &object) {
            Ok(_) => Err("libbpf loaded an object that was never post-linked".into()),
            Err(error) => refused(&error_chain(error.as_ref())),
        }
    });
}
