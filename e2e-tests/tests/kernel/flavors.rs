//! Two Rust flavors of `task_struct` (`___new` with `__state`, `___old` with `state`) in one
//! program (`e2e-ebpf/src/flavors.rs`), chosen at run time by field existence.

use aya::{Btf, Endianness};
use btf_reloc_e2e_common::{
    flavors::{self, FLAVOR_NEW, FLAVOR_OLD, READ},
    objects::{Bin, Variant},
};
use btf_reloc_e2e_tests::{
    btf_layout::{self, TaskState},
    error_chain, kernel, Result,
};
use btf_reloc_runtime::sim::{Simulation, Struct, Type};

use crate::harness::run;

/// The flavor whose field the running kernel's BTF has must be chosen — `___new` where
/// `task_struct` has `__state` (5.14 and later), `___old` where it has only `long state` — and
/// a running task's state is `TASK_RUNNING` (0) either way. Loading at all proves the verifier
/// pruned the other branch, whose relocations the loader poisoned.
#[test]
fn pick_the_existing_field() {
    run(|objects| {
        let want = match btf_layout::task_state(&btf_layout::vmlinux()?)? {
            TaskState::Dunder(_) => [FLAVOR_NEW, READ, 0],
            TaskState::Long(_) => [FLAVOR_OLD, READ, 0],
        };
        let mut ebpf = kernel::load(&objects.path(Bin::Main, Variant::Btf))?;
        check(
            &mut ebpf,
            |got| got == want,
            &format!(
                "{want:?} ([flavor: 1 = task_struct___new, 2 = task_struct___old; 0 = read; 0 = \
                 TASK_RUNNING])"
            ),
        )
    });
}

/// A synthetic pre-5.14 kernel (`long state`, no `__state`) handed to aya as the target BTF: the
/// program must take the `___old` branch. The read itself goes to the real task at the made-up
/// offset, so only the branch taken and the read's success are checked, not the value.
#[test]
fn pick_the_old_field_on_an_old_kernel() {
    run(|objects| {
        let mut ebpf =
            kernel::load_against(&objects.path(Bin::Main, Variant::Btf), &old_kernel()?)?;
        check(
            &mut ebpf,
            |got| got[..2] == [FLAVOR_OLD, READ],
            "[2 (task_struct___old), 0 (read), _]",
        )
    });
}

/// A kernel whose `task_struct` has only the pre-5.14 `long state`.
fn old_kernel() -> Result<Btf> {
    let kernel = Simulation::new().with_struct(Struct::new("task_struct", 64).field(
        "state",
        16,
        Type::int(8, true),
    ));
    let bytes = kernel.target_btf().and_then(|btf| btf.to_bytes())?;
    Btf::parse(&bytes, Endianness::Little)
        .map_err(|error| format!("aya rejects the synthetic BTF: {}", error_chain(&error)).into())
}

/// Runs the program once and checks its `[flavor, status, value]` with `ok`.
fn check(ebpf: &mut aya::Ebpf, ok: impl FnOnce([i64; 3]) -> bool, expected: &str) -> Result<()> {
    kernel::attach(ebpf, flavors::PROGRAM)?;
    kernel::trigger_on_new_thread()?;
    let got: [i64; 3] = kernel::read_first(ebpf, flavors::MAP)?;
    if !ok(got) {
        return Err(format!("[flavor, status, state] = {got:?}, expected {expected}").into());
    }
    Ok(())
}
