//! The host simulation of the running kernel's BTF (`Simulation::from_vmlinux`) against the
//! running kernel: the README's `task_struct` declaration must get the same offsets and sizes
//! from both, the simulation resolving them on the host and aya relocating them into a program.

use btf_reloc_e2e_common::{
    objects::{Bin, Variant},
    readme::{self, layout, Layout, FIELDS},
};
use btf_reloc_e2e_tests::{btf_layout, kernel};
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
        // And both are where the kernel's own BTF puts each field: `__state` is absent
        // (-1, -1) before 5.14, whose `task_struct` has `long state` instead.
        let vmlinux = btf_layout::vmlinux()?;
        let task = btf_layout::find_struct(&vmlinux, "task_struct", "pid")
            .ok_or("vmlinux has no task_struct")?;
        let mut want: Layout = [-1; 8];
        for (field, place) in FIELDS.iter().zip(want.chunks_mut(2)) {
            if let Some(f) = btf_layout::field(&vmlinux, task, field)? {
                place.copy_from_slice(&[i64::try_from(f.offset)?, i64::try_from(f.size)?]);
            }
        }
        if in_kernel != want {
            return Err(format!(
                "[offset, size] of {FIELDS:?}: {in_kernel:?}, but /sys/kernel/btf/vmlinux says \
                 {want:?} (-1 = absent)"
            )
            .into());
        }
        Ok(())
    });
}
