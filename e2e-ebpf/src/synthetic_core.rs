//! `bpf_core_read.h` against synthetic kernels: one uprobe reading, through `UserPtr`, a
//! userspace struct with an embedded struct, bitfields, an array, a byte string and a pointer,
//! plus two kernel enums and the types themselves.
//!
//! The test (`e2e-tests/tests/kernel/synthetic_core.rs`) loads this object with a target BTF of
//! its own making, attaches [`synthetic_core`] to `btf_reloc_e2e_core_probe` in its own
//! executable and calls that function with the address of a buffer. Every read goes through a
//! derived getter (or `core_read!`), so it happens at the offsets, sizes, bit positions, lengths
//! and enum values the loader relocated into the program. The declarations, the reads
//! ([`read_core`]) and the slots of [`CORE_SLOTS`] and [`CORE_STRS`] are in
//! `btf_reloc_e2e_common::synthetic_core`.

use aya_ebpf::{
    macros::{map, uprobe},
    maps::Array,
    programs::ProbeContext,
};
use btf_reloc_e2e_common::{
    outcome::Raw,
    synthetic_core::{read_core, slot, Sink, NAME_BUFS},
};

use crate::current_target_pid_tgid;

/// One outcome (or raw words) per slot.
#[map]
static CORE_SLOTS: Array<Raw> = Array::with_max_entries(slot::LEN, 0);

/// The buffers `name_str` filled, in the order of [`NAME_BUFS`] (the shorter zero-padded).
#[map]
static CORE_STRS: Array<[u8; NAME_BUFS[0]]> = Array::with_max_entries(NAME_BUFS.len() as u32, 0);

/// The maps [`read_core`] stores into.
struct Maps;

impl Sink for Maps {
    #[inline(always)]
    fn slot(&mut self, slot: u32, value: Raw) {
        // A failed update leaves the slot all zero, which the test reports as never stored.
        let _ = CORE_SLOTS.set(slot, value, 0);
    }

    #[inline(always)]
    fn name(&mut self, index: u32, buf: [u8; NAME_BUFS[0]]) {
        let _ = CORE_STRS.set(index, buf, 0);
    }
}

/// Uprobe on `btf_reloc_e2e_core_probe(const struct btf_reloc_e2e_core *data)`.
#[uprobe]
pub(crate) fn synthetic_core(ctx: ProbeContext) -> u32 {
    if current_target_pid_tgid().is_none() {
        return 0;
    }
    let Some(addr) = ctx.arg::<u64>(0) else {
        return 0;
    };
    read_core(addr, &mut Maps);
    0
}
