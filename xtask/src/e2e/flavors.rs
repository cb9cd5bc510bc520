//! Two Rust flavors of `task_struct` (`___new` with `__state`, `___old` with `state`) in one
//! program, chosen at run time by field existence.

use super::{Ctx, Test};
use crate::{ebpf::Variant, kernel, Result};

pub(super) const TESTS: &[Test] = &[Test {
    name: "flavors_pick_the_existing_field",
    run: |ctx| flavors(ctx, Variant::Btf),
}];

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
