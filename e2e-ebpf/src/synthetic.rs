//! Programs run against synthetic kernels (target BTF made up by the test): uprobes that read a
//! userspace struct through `UserPtr`.
//!
//! The test (`e2e-tests/tests/kernel/synthetic.rs`) loads this object with a target BTF of its
//! own making, attaches one of these uprobes to `btf_reloc_e2e_probe` in its own executable and
//! calls that function with the address of a buffer. The uprobe reads every field through the
//! derived getters — `bpf_probe_read_user` at the offsets the loader relocated into the program
//! — and stores each outcome, and the answers of the `*_exists` / `*_byte_size` /
//! `*_byte_offset` queries, in its maps.
//!
//! The declarations, the reads, the maps' names, sizes and encodings are in
//! `btf_reloc_e2e_common::synthetic`.

use aya_ebpf::{
    macros::{map, uprobe},
    maps::Array,
    programs::ProbeContext,
};
use btf_reloc_e2e_common::{
    outcome::WideRaw,
    synthetic::{read_target, read_target_v2, Queries, Sink, TARGET_FIELDS, TARGET_V2_FIELDS},
};
use btf_reloc_runtime::prelude::*;

use crate::current_target_pid_tgid;

/// What [`synthetic_target`] read, one outcome per field.
#[map]
static SYNTH_FIELDS: Array<WideRaw> = Array::with_max_entries(TARGET_FIELDS, 0);

/// What [`synthetic_target`]'s queries answered, one [`Queries`] per field.
#[map]
static SYNTH_QUERIES: Array<Queries> = Array::with_max_entries(TARGET_FIELDS, 0);

/// What [`synthetic_target_v2`] read, one outcome per field.
#[map]
static SYNTH_V2_FIELDS: Array<WideRaw> = Array::with_max_entries(TARGET_V2_FIELDS, 0);

/// What [`synthetic_target_v2`]'s queries answered, one [`Queries`] per field.
#[map]
static SYNTH_V2_QUERIES: Array<Queries> = Array::with_max_entries(TARGET_V2_FIELDS, 0);

/// The maps a program stores what it read in.
struct Maps {
    fields: &'static Array<WideRaw>,
    queries: &'static Array<Queries>,
}

impl Sink for Maps {
    #[inline(always)]
    fn outcome(&mut self, slot: u32, outcome: WideRaw) {
        // A failed update leaves the slot all zero, which the test reports as never stored.
        let _ = self.fields.set(slot, outcome, 0);
    }

    #[inline(always)]
    fn queries(&mut self, slot: u32, queries: Queries) {
        let _ = self.queries.set(slot, queries, 0);
    }
}

/// Uprobe on `btf_reloc_e2e_probe(const struct btf_reloc_e2e_target *data)`: reads every field
/// of `btf_reloc_e2e_target` from user memory.
#[uprobe]
pub(crate) fn synthetic_target(ctx: ProbeContext) -> u32 {
    if current_target_pid_tgid().is_none() {
        return 0;
    }
    let Some(addr) = ctx.arg::<u64>(0) else {
        return 0;
    };
    let mut maps = Maps {
        fields: &SYNTH_FIELDS,
        queries: &SYNTH_QUERIES,
    };
    read_target(UserPtr::from_addr(addr), &mut maps);
    0
}

/// Uprobe on the same function, reading through the locally flavored declaration
/// `btf_reloc_e2e_target_v2`.
#[uprobe]
pub(crate) fn synthetic_target_v2(ctx: ProbeContext) -> u32 {
    if current_target_pid_tgid().is_none() {
        return 0;
    }
    let Some(addr) = ctx.arg::<u64>(0) else {
        return 0;
    };
    let mut maps = Maps {
        fields: &SYNTH_V2_FIELDS,
        queries: &SYNTH_V2_QUERIES,
    };
    read_target_v2(UserPtr::from_addr(addr), &mut maps);
    0
}
