//! The host simulation of the running kernel's BTF (`Simulation::from_vmlinux`) against the
//! running kernel: the README's `task_struct` declaration must get the same offsets and sizes
//! from both, the simulation resolving them on the host and aya relocating them into a program.

use btf_reloc_e2e_common::{
    objects::{Bin, Variant},
    readme::{self, layout, Layout, FIELDS},
};
use btf_reloc_e2e_tests::kernel;
use btf_reloc_runtime::sim::Simulation;

use crate::harness::run;

#[test]
fn simulation_of_vmlinux_matches_the_kernel() {
    run(|objects| {
        let mut ebpf = kernel::load(&objects.path(Bin::Main, Variant::Btf))?;
        kernel::attach(&mut ebpf, readme::PROGRAM)?;
        kernel::trigger();
        let in_kernel: Layout = kernel::read_first(&ebpf, readme::MAP)?;
        let simulated = {
            let _simulation = Simulation::from_vmlinux()?.install();
            layout()
        };
        if in_kernel != simulated {
            let rows: Vec<String> = FIELDS
                .iter()
                .zip(in_kernel.chunks(2).zip(simulated.chunks(2)))
                .map(|(field, (k, s))| format!("{field}: kernel {k:?}, simulation {s:?}"))
                .collect();
            return Err(format!(
                "[offset, size] of the README's task_struct fields:\n{}",
                rows.join("\n")
            )
            .into());
        }
        // Every field exists in a kernel this recent (`__state` since 5.14), with a size.
        if in_kernel.iter().any(|&v| v < 0) {
            return Err(format!("a field is missing: {in_kernel:?} (-1 = absent)").into());
        }
        Ok(())
    });
}
