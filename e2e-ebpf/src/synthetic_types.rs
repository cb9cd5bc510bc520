//! Unions and type ids against synthetic kernels: one uprobe reading, through `UserPtr`, a
//! userspace struct that embeds a union, and a union laid out on its own, plus the type
//! relocations of the three types.
//!
//! The test (`e2e-tests/tests/kernel/synthetic_types.rs`) loads this object with a target BTF of
//! its own making, attaches [`synthetic_types`] to `btf_reloc_e2e_types_probe` in its own
//! executable and calls that function with the addresses of the two buffers. The declarations,
//! the reads ([`read_types`]) and the slots of [`TYPES_SLOTS`] are in
//! `btf_reloc_e2e_common::synthetic_types`.

use aya_ebpf::{
    macros::{map, uprobe},
    maps::Array,
    programs::ProbeContext,
};
use btf_reloc_e2e_common::{
    outcome::Raw,
    synthetic_types::{read_types, slot, Sink},
};

use crate::current_target_pid_tgid;

/// One outcome (or raw words) per slot.
#[map]
static TYPES_SLOTS: Array<Raw> = Array::with_max_entries(slot::LEN, 0);

/// The map [`read_types`] stores into.
struct Maps;

impl Sink for Maps {
    #[inline(always)]
    fn slot(&mut self, slot: u32, value: Raw) {
        // A failed update leaves the slot all zero, which the test reports as never stored.
        let _ = TYPES_SLOTS.set(slot, value, 0);
    }
}

/// Uprobe on `btf_reloc_e2e_types_probe(const struct btf_reloc_e2e_holder *holder, const union
/// btf_reloc_e2e_value *value)`.
#[uprobe]
pub(crate) fn synthetic_types(ctx: ProbeContext) -> u32 {
    if current_target_pid_tgid().is_none() {
        return 0;
    }
    let (Some(holder), Some(value)) = (ctx.arg::<u64>(0), ctx.arg::<u64>(1)) else {
        return 0;
    };
    read_types(holder, value, &mut Maps);
    0
}
