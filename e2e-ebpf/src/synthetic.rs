//! Programs run against synthetic kernels (target BTF made up by the test): uprobes that read a
//! userspace struct through `UserPtr`.
//!
//! The test (`xtask/src/e2e/synthetic.rs`) loads this object with a target BTF of its own making,
//! attaches one of these uprobes to `btf_reloc_e2e_probe` in its own executable, lays out a
//! buffer exactly as its target BTF says, and calls that function with the buffer's address. The
//! uprobe reads every field through the derived getters — `bpf_probe_read_user` at the offsets
//! the loader relocated into the program — and stores each outcome, and the answers of the
//! `*_exists` / `*_byte_size` / `*_byte_offset` queries, in its maps.
//!
//! The map layouts are mirrored in the test: keep the two in sync.

use aya_ebpf::{
    macros::{map, uprobe},
    maps::Array,
    programs::ProbeContext,
};
use btf_reloc_runtime::prelude::*;

use crate::current_target_pid_tgid;

/// The struct the test lays out in user memory, declared with fields of several int widths and
/// signedness, an array and a pointer. Each synthetic kernel moves, resizes, hides or drops some
/// of them; the getters must follow the target BTF, never this declaration.
#[derive(BtfRelocatable)]
#[repr(C)]
pub struct btf_reloc_e2e_target {
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
pub struct btf_reloc_e2e_target_v2 {
    f: i64,
    c: [u32; 4],
    a: u32,
}

/// How one getter call ended, as the `*_FIELDS` maps store it:
/// `[status, expected, actual, v0, v1, v2, v3]` with status
/// 1 = `Ok(Some(v))` (`v0..v3`: the value, see [`Words`]), 2 = `Ok(None)`,
/// 3 = `Err(SizeMismatch { expected, actual })`, 4 = `Err(ProbeRead(v0))`.
/// Status 0 (an untouched map entry) means the program never stored this slot.
type Outcome = [u64; 7];

/// The answers of one field's queries, as the `*_QUERIES` maps store them:
/// `[exists (0/1), byte_size or -1, byte_offset or -1]`.
type Queries = [i64; 3];

/// A field value spread over the four value words of an [`Outcome`]: an integer or pointer in
/// `v0` (signed integers sign-extended), an array one element per word.
trait Words {
    fn words(self) -> [u64; 4];
}

macro_rules! int_words {
    ($($ty:ty),*) => {$(
        impl Words for $ty {
            #[inline(always)]
            fn words(self) -> [u64; 4] {
                // `as i64` first sign-extends signed types; unsigned ones zero-extend.
                [self as i64 as u64, 0, 0, 0]
            }
        }
    )*};
}

int_words!(u8, i16, u32, u64, i64);

impl Words for *const u8 {
    #[inline(always)]
    fn words(self) -> [u64; 4] {
        [self as usize as u64, 0, 0, 0]
    }
}

impl Words for [u32; 4] {
    #[inline(always)]
    fn words(self) -> [u64; 4] {
        let [w0, w1, w2, w3] = self;
        [w0.into(), w1.into(), w2.into(), w3.into()]
    }
}

#[inline(always)]
fn outcome<T: Words>(result: Result<Option<T>, RelocatableFieldAccessError>) -> Outcome {
    match result {
        Ok(Some(value)) => {
            let [v0, v1, v2, v3] = value.words();
            [1, 0, 0, v0, v1, v2, v3]
        }
        Ok(None) => [2, 0, 0, 0, 0, 0, 0],
        Err(RelocatableFieldAccessError::SizeMismatch { expected, actual }) => {
            [3, expected as u64, actual as u64, 0, 0, 0, 0]
        }
        Err(RelocatableFieldAccessError::ProbeRead(code)) => {
            [4, 0, 0, i64::from(code) as u64, 0, 0, 0]
        }
        Err(RelocatableFieldAccessError::NullPointer) => [5, 0, 0, 0, 0, 0, 0],
        Err(RelocatableFieldAccessError::IndexOutOfBounds { index, len }) => {
            [6, len as u64, 0, index as u64, 0, 0, 0]
        }
    }
}

#[inline(always)]
fn queries(exists: bool, byte_size: Option<usize>, byte_offset: Option<usize>) -> Queries {
    [
        i64::from(exists),
        byte_size.map_or(-1, |v| v as i64),
        byte_offset.map_or(-1, |v| v as i64),
    ]
}

/// Slots of [`SYNTH_FIELDS`] and [`SYNTH_QUERIES`]: one per field of [`btf_reloc_e2e_target`], in
/// declaration order.
const TARGET_FIELDS: u32 = 7;

/// Slots of [`SYNTH_V2_FIELDS`] and [`SYNTH_V2_QUERIES`]: one per field of
/// [`btf_reloc_e2e_target_v2`], in declaration order (`f`, `c`, `a`).
const TARGET_V2_FIELDS: u32 = 3;

/// What [`synthetic_target`] read, one [`Outcome`] per field.
#[map]
static SYNTH_FIELDS: Array<Outcome> = Array::with_max_entries(TARGET_FIELDS, 0);

/// What [`synthetic_target`]'s queries answered, one [`Queries`] per field.
#[map]
static SYNTH_QUERIES: Array<Queries> = Array::with_max_entries(TARGET_FIELDS, 0);

/// What [`synthetic_target_v2`] read, one [`Outcome`] per field.
#[map]
static SYNTH_V2_FIELDS: Array<Outcome> = Array::with_max_entries(TARGET_V2_FIELDS, 0);

/// What [`synthetic_target_v2`]'s queries answered, one [`Queries`] per field.
#[map]
static SYNTH_V2_QUERIES: Array<Queries> = Array::with_max_entries(TARGET_V2_FIELDS, 0);

/// Stores, for each `slot: field(exists, byte_size, byte_offset)`, the outcome of the getter
/// `field()` on `ptr` in `fields[slot]` and the answers of the three queries in `queries[slot]`.
/// (The query names are spelled out: `macro_rules!` cannot build identifiers.)
macro_rules! record {
    ($ptr:ident: $ty:ty => $fields:ident, $queries:ident;
     $($slot:literal: $field:ident($exists:ident, $size:ident, $offset:ident)),* $(,)?) => {$(
        // A failed update leaves status 0 in the map, which the test reports.
        let _ = $fields.set($slot, outcome($ptr.$field()), 0);
        let answers = queries(<$ty>::$exists(), <$ty>::$size(), <$ty>::$offset());
        let _ = $queries.set($slot, answers, 0);
    )*};
}

/// Uprobe on `btf_reloc_e2e_probe(const struct btf_reloc_e2e_target *data)`: reads every field
/// of [`btf_reloc_e2e_target`] from user memory.
#[uprobe]
pub fn synthetic_target(ctx: ProbeContext) -> u32 {
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
pub fn synthetic_target_v2(ctx: ProbeContext) -> u32 {
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
