//! Two Rust flavors of `task_struct` (`___new` with `__state`, `___old` with `state`) in one
//! program, chosen at run time by field existence.

use aya::{Btf, Endianness};

use super::synthetic::{
    self,
    btf_writer::{BtfWriter, Member},
};
use super::{Ctx, Test};
use crate::{ebpf::Variant, error_chain, kernel, Result};

pub(super) const TESTS: &[Test] = &[
    Test {
        name: "flavors_pick_the_existing_field",
        run: |ctx| flavors(ctx, Variant::Btf),
    },
    Test {
        name: "flavors_pick_the_old_field_on_an_old_kernel",
        run: old_kernel,
    },
];

/// On this kernel (≥ 5.14) the `___new` flavor must be chosen, and a running task's state is
/// `TASK_RUNNING` (0). Loading at all proves the verifier pruned the `___old` branch, whose
/// relocations the loader poisoned.
fn flavors(ctx: &mut Ctx, variant: Variant) -> Result<()> {
    let mut ebpf = ctx.load(variant)?;
    kernel::attach(&mut ebpf, "task_state_flavors")?;
    kernel::trigger_on_new_thread()?;
    let got: [i64; 3] = kernel::read_first(&ebpf, "TASK_STATE")?;
    if got != [1, 0, 0] {
        return Err(format!(
            "[flavor, status, state] = {got:?}, expected [1 (task_struct___new), 0 (read), 0 (TASK_RUNNING)]"
        )
        .into());
    }
    Ok(())
}

/// A synthetic pre-5.14 kernel (`long state`, no `__state`) handed to aya as the target BTF: the
/// program must take the `___old` branch. The read itself goes to the real task at the made-up
/// offset, so only the branch taken and the read's success are checked, not the value.
fn old_kernel(ctx: &mut Ctx) -> Result<()> {
    let mut writer = BtfWriter::new();
    let long = writer.int("long", 8, true);
    writer.struct_(
        "task_struct",
        64,
        &[Member {
            name: "state",
            ty: long,
            offset: 16,
        }],
    );
    let btf = Btf::parse(&writer.to_bytes(), Endianness::Little)
        .map_err(|error| format!("aya rejects the synthetic BTF: {}", error_chain(&error)))?;
    let mut ebpf = synthetic::load(ctx, Variant::Btf, &btf)?;
    kernel::attach(&mut ebpf, "task_state_flavors")?;
    kernel::trigger_on_new_thread()?;
    let got: [i64; 3] = kernel::read_first(&ebpf, "TASK_STATE")?;
    if got[..2] != [2, 0] {
        return Err(format!(
            "[flavor, status, state] = {got:?}, expected [2 (task_struct___old), 0 (read), _]"
        )
        .into());
    }
    Ok(())
}
