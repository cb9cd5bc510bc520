//! `bpf_core_read.h` against synthetic kernels: one uprobe reading, through `UserPtr`, a
//! userspace struct with an embedded struct, bitfields, an array, a byte string and a pointer,
//! plus two kernel enums and the types themselves.
//!
//! The test (`xtask/src/e2e/synthetic_core.rs`) loads this object with a target BTF of its own
//! making, attaches [`synthetic_core`] to `btf_reloc_e2e_core_probe` in its own executable, lays
//! out a buffer exactly as its target BTF says and calls that function with the buffer's address.
//! Every read goes through a derived getter (or `core_read!`), so it happens at the offsets,
//! sizes, bit positions, lengths and enum values the loader relocated into the program; the test
//! compares each stored [`Outcome`] with what its layout implies.
//!
//! The slots of [`CORE_SLOTS`] and [`CORE_STRS`] are mirrored in the test: keep the two in sync.

use aya_ebpf::{
    macros::{map, uprobe},
    maps::Array,
    programs::ProbeContext,
};
use btf_reloc_runtime::path::{Member, Root};
use btf_reloc_runtime::prelude::*;
use btf_reloc_runtime::{field_byte_offset, field_byte_size, field_exists, type_exists, type_size};

use crate::current_target_pid_tgid;
use crate::outcome::{outcome, Outcome};

/// The struct embedded in [`btf_reloc_e2e_core`] (and pointed at by its `next`). Locally `x`
/// comes first; the synthetic kernels move both members, or hide `y` in an anonymous union.
#[derive(BtfRelocatable)]
#[repr(C)]
pub struct btf_reloc_e2e_inner {
    x: u32,
    y: u64,
}

/// The struct the test lays out in user memory. Local offsets: `inner` 0, `flags` 16, `level`
/// 17, `count` 18, `vals` 20, `name` 36, `next` 56; size 64.
#[derive(BtfRelocatable)]
#[repr(C)]
pub struct btf_reloc_e2e_core {
    /// Embedded by value: `core_read!(data, inner, y)` is one access path (`0:0:1`).
    inner: btf_reloc_e2e_inner,
    /// `unsigned int flags:3` in the base kernel.
    #[btf(bitfield)]
    flags: u8,
    /// `int level:5` in the base kernel.
    #[btf(bitfield)]
    level: i8,
    /// `unsigned int count:12` in the base kernel.
    #[btf(bitfield)]
    count: u16,
    /// Read element by element with `vals_at`, bounded by the target's length.
    vals: [u32; 4],
    /// A NUL-terminated string, read with `name_str`.
    name: [u8; 16],
    /// Followed by `core_read!(data, next, x)`; null in some kernels.
    next: UserPtr<btf_reloc_e2e_inner>,
}

/// A type only some synthetic kernels have; only its existence is asked (aya 0.14 refuses a
/// whole object whose target lacks the type of a `TYPE_SIZE` relocation).
#[derive(BtfRelocatable)]
#[repr(C)]
pub struct btf_reloc_e2e_extra {
    z: u32,
}

/// A 32-bit kernel enum whose values the synthetic kernels change (local values 0..=3).
#[derive(BtfEnum, Clone, Copy)]
#[btf(name = "btf_reloc_e2e_mode")]
pub enum Mode {
    #[btf(rename = "MODE_OFF")]
    Off = 0,
    #[btf(rename = "MODE_ON")]
    On = 1,
    #[btf(rename = "MODE_AUTO")]
    Auto = 2,
    #[btf(rename = "MODE_GONE")]
    Gone = 3,
}

/// A 64-bit kernel enum (a local value beyond 32 bits makes its local type an `ENUM64`).
/// `repr(i64)`: such a discriminant needs a 64-bit representation.
#[derive(BtfEnum, Clone, Copy)]
#[repr(i64)]
#[btf(name = "btf_reloc_e2e_big")]
pub enum Big {
    #[btf(rename = "BIG_HUGE")]
    Huge = 1 << 40,
    #[btf(rename = "BIG_SMALL")]
    Small = 1,
}

/// Slots of [`CORE_SLOTS`]; each holds one [`Outcome`] unless said otherwise.
pub mod slot {
    /// `core_read!(data, inner, x)`.
    pub const INNER_X: u32 = 0;
    /// `core_read!(data, inner, y)`.
    pub const INNER_Y: u32 = 1;
    /// `[exists, byte_size or -1, byte_offset or -1, 0]` of the path `inner.y` from the root.
    pub const INNER_Y_PATH: u32 = 2;
    /// `data.flags()`, `data.level()`, `data.count()`: the bitfields.
    pub const FLAGS: u32 = 3;
    pub const LEVEL: u32 = 4;
    pub const COUNT: u32 = 5;
    /// `data.vals()`, the whole array: the first element's value.
    pub const VALS: u32 = 6;
    /// `data.vals_at(i)` for `i` in `0..VALS_AT_COUNT`, at `VALS_AT + i`.
    pub const VALS_AT: u32 = 7;
    pub const VALS_AT_COUNT: u32 = 8;
    /// `data.name_str(buf)` with a 16-byte and a 4-byte buffer: the length written.
    pub const NAME_STR_16: u32 = 15;
    pub const NAME_STR_4: u32 = 16;
    /// `core_read!(data, next, x)` and `core_read!(data, next, y)`.
    pub const NEXT_X: u32 = 17;
    pub const NEXT_Y: u32 = 18;
    /// `Mode::{Off, On, Auto, Gone}.value()` as `Ok(value)` (`Ok(None)` if absent).
    pub const MODE: u32 = 19;
    /// `[exists()]` of the four `Mode` variants.
    pub const MODE_EXISTS: u32 = 23;
    /// `Big::{Huge, Small}.value()`.
    pub const BIG: u32 = 24;
    /// `[type_exists, type_size or -1, 0, 0]` of `btf_reloc_e2e_core`, `btf_reloc_e2e_inner`,
    /// `Mode`, `Big`; `[type_exists, -1, 0, 0]` of `btf_reloc_e2e_extra`.
    pub const TYPES: u32 = 26;
    pub const COUNT_ALL: u32 = 31;
}

#[map]
static CORE_SLOTS: Array<Outcome> = Array::with_max_entries(slot::COUNT_ALL, 0);

/// The buffers `name_str` filled: index 0 the 16-byte one, index 1 the 4-byte one (zero-padded).
#[map]
static CORE_STRS: Array<[u8; 16]> = Array::with_max_entries(2, 0);

/// The path `inner.y` from the root: member 0 of the root, then member 1 of the embedded struct.
type InnerY = Member<Member<Root<btf_reloc_e2e_core>, 0>, 1>;

#[inline(always)]
fn set(slot: u32, value: Outcome) {
    // A failed update leaves status 0 in the map, which the test reports as "never stored".
    let _ = CORE_SLOTS.set(slot, value, 0);
}

#[inline(always)]
fn wide<T: Into<i64>>(
    result: Result<Option<T>, RelocatableFieldAccessError>,
) -> Result<Option<i64>, RelocatableFieldAccessError> {
    result.map(|v| v.map(Into::into))
}

#[inline(always)]
fn unsigned64(
    result: Result<Option<u64>, RelocatableFieldAccessError>,
) -> Result<Option<i64>, RelocatableFieldAccessError> {
    // The test compares bit patterns: reinterpret, do not saturate.
    result.map(|v| v.map(|v| v as i64))
}

#[inline(always)]
fn enum_value(value: Option<i64>) -> Outcome {
    outcome::<i64>(Ok(value))
}

#[inline(always)]
fn type_info(exists: bool, size: Option<usize>) -> Outcome {
    [i64::from(exists), size.map_or(-1, |v| v as i64), 0, 0]
}

/// Uprobe on `btf_reloc_e2e_core_probe(const struct btf_reloc_e2e_core *data)`.
#[uprobe]
pub fn synthetic_core(ctx: ProbeContext) -> u32 {
    if current_target_pid_tgid().is_none() {
        return 0;
    }
    let Some(addr) = ctx.arg::<u64>(0) else {
        return 0;
    };
    let data = UserPtr::<btf_reloc_e2e_core>::from_addr(addr);

    set(slot::INNER_X, outcome(core_read!(data, inner, x)));
    set(
        slot::INNER_Y,
        outcome(unsigned64(core_read!(data, inner, y))),
    );
    let path = if field_exists::<InnerY>() {
        [
            1,
            field_byte_size::<InnerY>() as i64,
            field_byte_offset::<InnerY>() as i64,
            0,
        ]
    } else {
        [0, -1, -1, 0]
    };
    set(slot::INNER_Y_PATH, path);

    set(slot::FLAGS, outcome(data.flags()));
    set(slot::LEVEL, outcome(data.level()));
    set(slot::COUNT, outcome(data.count()));

    set(
        slot::VALS,
        outcome(data.vals().map(|v| v.map(|[first, ..]| first))),
    );
    // A bounded loop (LLVM keeps it rolled): every index goes through the same relocated bounds
    // check, so indices past the *target* length end in `IndexOutOfBounds`, not in a read.
    let mut i = 0;
    while i < slot::VALS_AT_COUNT {
        set(slot::VALS_AT + i, outcome(data.vals_at(i as usize)));
        i += 1;
    }

    let mut long = [0u8; 16];
    set(
        slot::NAME_STR_16,
        outcome(wide(data.name_str(&mut long).map(|v| v.map(|v| v as u32)))),
    );
    let _ = CORE_STRS.set(0, long, 0);
    let mut short = [0u8; 4];
    set(
        slot::NAME_STR_4,
        outcome(wide(data.name_str(&mut short).map(|v| v.map(|v| v as u32)))),
    );
    let [s0, s1, s2, s3] = short;
    let _ = CORE_STRS.set(1, [s0, s1, s2, s3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 0);

    set(slot::NEXT_X, outcome(core_read!(data, next, x)));
    set(slot::NEXT_Y, outcome(unsigned64(core_read!(data, next, y))));

    set(slot::MODE, enum_value(Mode::Off.value()));
    set(slot::MODE + 1, enum_value(Mode::On.value()));
    set(slot::MODE + 2, enum_value(Mode::Auto.value()));
    set(slot::MODE + 3, enum_value(Mode::Gone.value()));
    set(
        slot::MODE_EXISTS,
        [Mode::Off, Mode::On, Mode::Auto, Mode::Gone].map(|mode| i64::from(mode.exists())),
    );
    set(slot::BIG, enum_value(Big::Huge.value()));
    set(slot::BIG + 1, enum_value(Big::Small.value()));

    set(
        slot::TYPES,
        type_info(
            type_exists::<btf_reloc_e2e_core>(),
            type_size::<btf_reloc_e2e_core>(),
        ),
    );
    set(
        slot::TYPES + 1,
        type_info(
            type_exists::<btf_reloc_e2e_inner>(),
            type_size::<btf_reloc_e2e_inner>(),
        ),
    );
    set(
        slot::TYPES + 2,
        type_info(type_exists::<Mode>(), type_size::<Mode>()),
    );
    set(
        slot::TYPES + 3,
        type_info(type_exists::<Big>(), type_size::<Big>()),
    );
    set(
        slot::TYPES + 4,
        type_info(type_exists::<btf_reloc_e2e_extra>(), None),
    );
    0
}
