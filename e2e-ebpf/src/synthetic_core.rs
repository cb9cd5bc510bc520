//! `bpf_core_read.h` against synthetic kernels: one uprobe reading, through `UserPtr`, a
//! userspace struct with an embedded struct, bitfields, an array, a byte string and a pointer,
//! plus two kernel enums and the types themselves.
//!
//! The test (`e2e-tests/src/synthetic_core.rs`) loads this object with a target BTF of its own
//! making, attaches [`synthetic_core`] to `btf_reloc_e2e_core_probe` in its own executable, lays
//! out a buffer exactly as its target BTF says and calls that function with the buffer's address.
//! Every read goes through a derived getter (or `core_read!`), so it happens at the offsets,
//! sizes, bit positions, lengths and enum values the loader relocated into the program; the test
//! compares each stored outcome with what its layout implies. The slots of [`CORE_SLOTS`] and
//! [`CORE_STRS`] are in `btf_reloc_e2e_common::synthetic_core`.

use aya_ebpf::{
    macros::{map, uprobe},
    maps::Array,
    programs::ProbeContext,
};
use btf_reloc_e2e_common::{
    outcome::{encode, encode_option, Raw},
    synthetic_core::{slot, NAME_BUFS, VALS_LEN},
};
// The queries of a whole access path are not public API (any more); the kernel tests still
// check that one path relocates as one record, through the runtime's internals.
use btf_reloc_runtime::__private::{
    field_byte_offset, field_byte_size, field_exists, Member, Root,
};
use btf_reloc_runtime::prelude::*;
use btf_reloc_runtime::{type_exists, type_size};

use crate::current_target_pid_tgid;

/// The struct embedded in [`btf_reloc_e2e_core`] (and pointed at by its `next`). Locally `x`
/// comes first; the synthetic kernels move both members, or hide `y` in an anonymous union.
#[derive(BtfRelocatable)]
#[repr(C)]
pub(crate) struct btf_reloc_e2e_inner {
    x: u32,
    y: u64,
}

/// The struct the test lays out in user memory. Local offsets: `inner` 0, `flags` 16, `level`
/// 17, `count` 18, `vals` 20, `name` 36, `next` 56; size 64.
#[derive(BtfRelocatable)]
#[repr(C)]
pub(crate) struct btf_reloc_e2e_core {
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
    vals: [u32; VALS_LEN],
    /// A NUL-terminated string, read with `name_str`.
    name: [u8; 16],
    /// Followed by `core_read!(data, next, x)`; null in some kernels.
    next: UserPtr<btf_reloc_e2e_inner>,
}

/// A type only some synthetic kernels have; only its existence is asked (aya 0.14 refuses a
/// whole object whose target lacks the type of a `TYPE_SIZE` relocation).
#[derive(BtfRelocatable)]
#[repr(C)]
pub(crate) struct btf_reloc_e2e_extra {
    z: u32,
}

/// A 32-bit kernel enum whose values the synthetic kernels change (local values 0..=3).
#[derive(BtfEnum, Clone, Copy)]
#[btf(name = "btf_reloc_e2e_mode")]
pub(crate) enum Mode {
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
pub(crate) enum Big {
    #[btf(rename = "BIG_HUGE")]
    Huge = 1 << 40,
    #[btf(rename = "BIG_SMALL")]
    Small = 1,
}

/// One outcome (or raw words) per slot.
#[map]
static CORE_SLOTS: Array<Raw> = Array::with_max_entries(slot::LEN, 0);

/// The buffers `name_str` filled, in the order of [`NAME_BUFS`] (the shorter zero-padded).
#[map]
static CORE_STRS: Array<[u8; LONG]> = Array::with_max_entries(NAME_BUFS.len() as u32, 0);

/// The sizes of the two `name_str` buffers.
const LONG: usize = NAME_BUFS[0];
const SHORT: usize = NAME_BUFS[1];

/// The path `inner.y` from the root: member 0 of the root, then member 1 of the embedded struct.
type InnerY = Member<Member<Root<btf_reloc_e2e_core>, 0>, 1>;

#[inline(always)]
fn set(slot: u32, value: Raw) {
    // A failed update leaves the slot all zero, which the test reports as never stored.
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
fn enum_value(value: Option<i64>) -> Raw {
    encode::<i64>(Ok(value))
}

#[inline(always)]
fn type_info(exists: bool, size: Option<usize>) -> Raw {
    [i64::from(exists), encode_option(size), 0, 0]
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
    let data = UserPtr::<btf_reloc_e2e_core>::from_addr(addr);

    set(slot::INNER_X, encode(core_read!(data, inner, x)));
    set(
        slot::INNER_Y,
        encode(unsigned64(core_read!(data, inner, y))),
    );
    let path = if field_exists::<InnerY>() {
        [
            1,
            encode_option(Some(field_byte_size::<InnerY>())),
            encode_option(Some(field_byte_offset::<InnerY>())),
            0,
        ]
    } else {
        [0, -1, -1, 0]
    };
    set(slot::INNER_Y_PATH, path);

    set(slot::FLAGS, encode(data.flags()));
    set(slot::LEVEL, encode(data.level()));
    set(slot::COUNT, encode(data.count()));

    set(
        slot::VALS,
        encode(data.vals().map(|v| v.map(|[first, ..]| first))),
    );
    // A bounded loop (LLVM keeps it rolled): every index goes through the same relocated bounds
    // check, so indices past the *target* length end in `IndexOutOfBounds`, not in a read.
    let mut i = 0;
    while i < slot::VALS_AT_COUNT {
        set(slot::VALS_AT + i, encode(data.vals_at(i as usize)));
        i += 1;
    }

    let mut long = [0u8; LONG];
    set(
        slot::NAME_STR,
        encode(wide(data.name_str(&mut long).map(|v| v.map(|v| v as u32)))),
    );
    let _ = CORE_STRS.set(0, long, 0);
    let mut short = [0u8; SHORT];
    set(
        slot::NAME_STR + 1,
        encode(wide(data.name_str(&mut short).map(|v| v.map(|v| v as u32)))),
    );
    let mut padded = [0u8; LONG];
    if let Some(head) = padded.get_mut(..SHORT) {
        head.copy_from_slice(&short);
    }
    let _ = CORE_STRS.set(1, padded, 0);

    set(slot::NEXT_X, encode(core_read!(data, next, x)));
    set(slot::NEXT_Y, encode(unsigned64(core_read!(data, next, y))));

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
