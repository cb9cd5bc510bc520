//! The README's `task_struct` declaration on the running kernel: the offsets and sizes the loader
//! relocated, for the test to compare with the host simulation of the kernel's BTF (layout:
//! `btf_reloc_e2e_common::readme`).

use aya_ebpf::{
    macros::{map, tracepoint},
    maps::Array,
    programs::TracePointContext,
};
use btf_reloc_e2e_common::readme::{layout, Layout};

use crate::current_target_pid_tgid;

/// What [`readme_offsets`] found.
#[map]
static README_OFFSETS: Array<Layout> = Array::with_max_entries(1, 0);

#[tracepoint(category = "syscalls", name = "sys_enter_getppid")]
pub(crate) fn readme_offsets(_ctx: TracePointContext) -> u32 {
    if current_target_pid_tgid().is_some() {
        // A failed update leaves the map all zero, which the test reports.
        let _ = README_OFFSETS.set(0, layout(), 0);
    }
    0
}
