//! Programs run against synthetic kernels (target BTF made up by the test): uprobes that read a
//! userspace struct through `UserPtr`.
//!
//! The test (`e2e-tests/src/synthetic.rs`) loads this object with a target BTF of its own making,
//! attaches one of these uprobes to `btf_reloc_e2e_probe` in its own executable, lays out a
//! buffer exactly as its target BTF says, and calls that function with the buffer's address. The
//! uprobe reads every field through the derived getters — `bpf_probe_read_user` at the offsets
//! the loader relocated into the program — and stores each outcome, and the answers of the
//! `*_exists` / `*_byte_size` / `*_byte_offset` queries, in its maps.
//!
//! The maps' names, sizes and encodings are in `btf_reloc_e2e_common::synthetic`.

use aya_ebpf::{
    macros::{map, uprobe},
    maps::Array,
    programs::ProbeContext,
};
use btf_reloc_e2e_common::{
    outcome::{encode_wide, WideRaw},
    synthetic::{encode_queries, Queries, TARGET_FIELDS, TARGET_V2_FIELDS},
};
use btf_reloc_runtime::prelude::*;

use crate::current_target_pid_tgid;

/// The struct the test lays out in user memory, declared with fields of several int widths and
/// signedness, an array and a pointer. Each synthetic kernel moves, resizes, hides or drops some
/// of them; the getters must follow the target BTF, never this declaration.
#[derive(BtfRelocatable)]
#[repr(C)]
pub(crate) struct btf_reloc_e2e_target {
    a: u32,
    b: u64,
    c: [u32; 4],
    d: i16,
    e: u8,
    f: i64,
    p: *const u8,
}

/// The same kernel type declared under a local `___flavor` name, with another field order and
/// only some fields: it must match a target type named plainly `btf_reloc_e2e_target`.
#[derive(BtfRelocatable)]
#[repr(C)]
#[btf(name = "btf_reloc_e2e_target___v2")]
pub(crate) struct btf_reloc_e2e_target_v2 {
    f: i64,
    c: [u32; 4],
    a: u32,
}

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

/// Stores, for each `slot: field(exists, byte_size, byte_offset)`, the outcome of the getter
/// `field()` on `ptr` in `fields[slot]` and the answers of the three queries in `queries[slot]`.
/// (The query names are spelled out: `macro_rules!` cannot build identifiers.)
macro_rules! record {
    ($ptr:ident: $ty:ty => $fields:ident, $queries:ident;
     $($slot:literal: $field:ident($exists:ident, $size:ident, $offset:ident)),* $(,)?) => {$(
        // A failed update leaves the slot all zero, which the test reports as never stored.
        let _ = $fields.set($slot, encode_wide($ptr.$field()), 0);
        let answers = encode_queries(<$ty>::$exists(), <$ty>::$size(), <$ty>::$offset());
        let _ = $queries.set($slot, answers, 0);
    )*};
}

/// Uprobe on `btf_reloc_e2e_probe(const struct btf_reloc_e2e_target *data)`: reads every field
/// of [`btf_reloc_e2e_target`] from user memory.
#[uprobe]
pub(crate) fn synthetic_target(ctx: ProbeContext) -> u32 {
    if current_target_pid_tgid().is_none() {
        return 0;
    }
    let Some(addr) = ctx.arg::<u64>(0) else {
        return 0;
    };
    let data = UserPtr::<btf_reloc_e2e_target>::from_addr(addr);
    record!(data: btf_reloc_e2e_target => SYNTH_FIELDS, SYNTH_QUERIES;
        0: a(a_exists, a_byte_size, a_byte_offset),
        1: b(b_exists, b_byte_size, b_byte_offset),
        2: c(c_exists, c_byte_size, c_byte_offset),
        3: d(d_exists, d_byte_size, d_byte_offset),
        4: e(e_exists, e_byte_size, e_byte_offset),
        5: f(f_exists, f_byte_size, f_byte_offset),
        6: p(p_exists, p_byte_size, p_byte_offset),
    );
    0
}

/// Uprobe on the same function, reading through the locally flavored declaration
/// [`btf_reloc_e2e_target_v2`].
#[uprobe]
pub(crate) fn synthetic_target_v2(ctx: ProbeContext) -> u32 {
    if current_target_pid_tgid().is_none() {
        return 0;
    }
    let Some(addr) = ctx.arg::<u64>(0) else {
        return 0;
    };
    let data = UserPtr::<btf_reloc_e2e_target_v2>::from_addr(addr);
    record!(data: btf_reloc_e2e_target_v2 => SYNTH_V2_FIELDS, SYNTH_V2_QUERIES;
        0: f(f_exists, f_byte_size, f_byte_offset),
        1: c(c_exists, c_byte_size, c_byte_offset),
        2: a(a_exists, a_byte_size, a_byte_offset),
    );
    0
}
