//! `btf::field_byte_offset!` / `btf::field_byte_size!` on the running kernel: the relocated
//! values of every path of `btf_reloc_e2e_common::btf_macros::PATHS`, for the test to compare
//! with the kernel's BTF.

use aya_ebpf::{
    macros::{map, tracepoint},
    maps::Array,
    programs::TracePointContext,
};
use btf_reloc_e2e_common::btf_macros::{values, SLOTS};

use crate::current_target_pid_tgid;

/// What [`btf_macros`] found: one `i64` per slot.
#[map]
static BTF_MACROS: Array<i64> = Array::with_max_entries(SLOTS, 0);

#[tracepoint(category = "syscalls", name = "sys_enter_getppid")]
pub(crate) fn btf_macros(_ctx: TracePointContext) -> u32 {
    if current_target_pid_tgid().is_some() {
        // One store per value, each of a value computed on its own (see the encoders' note in
        // `btf_reloc_e2e_common::outcome` on what LLVM makes of merged arms). A failed update
        // leaves its slot 0, which the test reports.
        let [v0, v1, v2, v3, v4, v5, v6, v7, v8, v9] = values();
        let _ = BTF_MACROS.set(0, v0, 0);
        let _ = BTF_MACROS.set(1, v1, 0);
        let _ = BTF_MACROS.set(2, v2, 0);
        let _ = BTF_MACROS.set(3, v3, 0);
        let _ = BTF_MACROS.set(4, v4, 0);
        let _ = BTF_MACROS.set(5, v5, 0);
        let _ = BTF_MACROS.set(6, v6, 0);
        let _ = BTF_MACROS.set(7, v7, 0);
        let _ = BTF_MACROS.set(8, v8, 0);
        let _ = BTF_MACROS.set(9, v9, 0);
    }
    0
}
