//! `e2e-ebpf/src/synthetic_core.rs` (object [`SyntheticCore`](crate::objects::Bin::SyntheticCore)):
//! one uprobe reading what `bpf_core_read.h` reads from a userspace struct laid out as a
//! synthetic kernel says, plus two kernel enums and the types themselves.
//!
//! The local declarations and the reads ([`read_core`]) live here, so that the kernel tests run
//! the very same reads on the host against the host simulation of the same kernel.
#![allow(non_camel_case_types)] // The declarations carry the kernel's type names.

use btf_reloc_runtime::prelude::*;
use btf_reloc_runtime::{type_exists, type_size, Ptr};

use crate::outcome::{encode, encode_option, Raw};

/// The struct embedded in [`btf_reloc_e2e_core`] (and pointed at by its `next`). Locally `x`
/// comes first; the synthetic kernels move both members, or hide `y` in an anonymous union.
#[derive(BtfRelocatable, Debug)]
#[repr(C)]
pub struct btf_reloc_e2e_inner {
    /// Read through `inner` and through `next`.
    pub x: u32,
    /// Read through `inner` and through `next`.
    pub y: u64,
}

/// The struct the test lays out in user memory. Local offsets: `inner` 0, `flags` 16, `level`
/// 17, `count` 18, `vals` 20, `name` 36, `next` 56; size 64.
#[derive(BtfRelocatable, Debug)]
#[repr(C)]
pub struct btf_reloc_e2e_core {
    /// Embedded by value: `core_read!(data, inner, y)` is one access path (`0:0:1`).
    pub inner: btf_reloc_e2e_inner,
    /// `unsigned int flags:3` in the base kernel.
    #[btf(bitfield)]
    pub flags: u8,
    /// `int level:5` in the base kernel.
    #[btf(bitfield)]
    pub level: i8,
    /// `unsigned int count:12` in the base kernel.
    #[btf(bitfield)]
    pub count: u16,
    /// Read element by element with `vals_at`, bounded by the target's length.
    pub vals: [u32; VALS_LEN],
    /// A NUL-terminated string, read with `name_str`.
    pub name: [u8; 16],
    /// Followed by `core_read!(data, next, x)`; null in some kernels.
    pub next: UserPtr<btf_reloc_e2e_inner>,
}

/// A type only some synthetic kernels have; only its existence is asked (aya 0.14 refuses a
/// whole object whose target lacks the type of a `TYPE_SIZE` relocation).
#[derive(BtfRelocatable, Debug)]
#[repr(C)]
pub struct btf_reloc_e2e_extra {
    /// Never read.
    pub z: u32,
}

/// A 32-bit kernel enum whose values the synthetic kernels change (local values 0..=3).
#[derive(BtfEnum, Clone, Copy, Debug)]
#[btf(name = "btf_reloc_e2e_mode")]
pub enum Mode {
    /// `MODE_OFF`.
    #[btf(rename = "MODE_OFF")]
    Off = 0,
    /// `MODE_ON`.
    #[btf(rename = "MODE_ON")]
    On = 1,
    /// `MODE_AUTO`.
    #[btf(rename = "MODE_AUTO")]
    Auto = 2,
    /// `MODE_GONE`.
    #[btf(rename = "MODE_GONE")]
    Gone = 3,
}

/// A 64-bit kernel enum (a local value beyond 32 bits makes its local type an `ENUM64`).
/// `repr(i64)`: such a discriminant needs a 64-bit representation. Its `type_size` is asked by
/// another object, [`enum64`]: aya 0.14 refuses an object with that relocation on a kernel
/// without `ENUM64` (before 6.0).
#[derive(BtfEnum, Clone, Copy, Debug)]
#[repr(i64)]
#[btf(name = "btf_reloc_e2e_big")]
pub enum Big {
    /// `BIG_HUGE`.
    #[btf(rename = "BIG_HUGE")]
    Huge = 1 << 40,
    /// `BIG_SMALL`.
    #[btf(rename = "BIG_SMALL")]
    Small = 1,
}

/// Where [`read_core`] puts what it read: the program's maps, or the host test's vectors.
pub trait Sink {
    /// What slot `slot` of [`SLOTS_MAP`] holds.
    fn slot(&mut self, slot: u32, value: Raw);
    /// What `name_str` wrote into buffer `index` of [`NAME_BUFS`], zero-padded to the first's
    /// length.
    fn name(&mut self, index: u32, buf: [u8; NAME_BUFS[0]]);
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
fn type_info(exists: bool, size: Option<usize>) -> Raw {
    [i64::from(exists), encode_option(size), 0, 0]
}

/// Reads, from the `btf_reloc_e2e_core` at `addr` in user memory, everything the slots of
/// [`SLOTS_MAP`] and [`STRS_MAP`] hold, in slot order. (Each value is stored before the next is
/// computed, which keeps LLVM's eBPF code free of reads of clobbered registers.)
#[inline(always)]
pub fn read_core(addr: u64, sink: &mut impl Sink) {
    const LONG: usize = NAME_BUFS[0];
    const SHORT: usize = NAME_BUFS[1];
    let data = UserPtr::<btf_reloc_e2e_core>::from_addr(addr);

    sink.slot(slot::INNER_X, encode(core_read!(data, inner, x)));
    sink.slot(
        slot::INNER_Y,
        encode(unsigned64(core_read!(data, inner, y))),
    );
    // The embedded struct's handle: its address is the root's plus the relocated offset of the
    // path `inner`.
    let inner = match data.inner() {
        Ok(Some(inner)) => [1, Ptr::addr(inner).wrapping_sub(addr) as i64, 0, 0],
        Ok(None) => [0, -1, 0, 0],
        Err(_) => [-1, -1, 0, 0],
    };
    sink.slot(slot::INNER_PATH, inner);

    sink.slot(slot::FLAGS, encode(data.flags()));
    sink.slot(slot::LEVEL, encode(data.level()));
    sink.slot(slot::COUNT, encode(data.count()));

    sink.slot(
        slot::VALS,
        encode(data.vals().map(|v| v.map(|[first, ..]| first))),
    );
    // A bounded loop (LLVM keeps it rolled): every index goes through the same relocated bounds
    // check, so indices past the *target* length end in `IndexOutOfBounds`, not in a read.
    let mut i = 0;
    while i < slot::VALS_AT_COUNT {
        sink.slot(slot::VALS_AT + i, encode(data.vals_at(i as usize)));
        i += 1;
    }

    let mut long = [0u8; LONG];
    sink.slot(
        slot::NAME_STR,
        encode(wide(data.name_str(&mut long).map(|v| v.map(|v| v as u32)))),
    );
    sink.name(0, long);
    let mut short = [0u8; SHORT];
    sink.slot(
        slot::NAME_STR + 1,
        encode(wide(data.name_str(&mut short).map(|v| v.map(|v| v as u32)))),
    );
    let mut padded = [0u8; LONG];
    if let Some(head) = padded.get_mut(..SHORT) {
        head.copy_from_slice(&short);
    }
    sink.name(1, padded);

    sink.slot(slot::NEXT_X, encode(core_read!(data, next, x)));
    sink.slot(slot::NEXT_Y, encode(unsigned64(core_read!(data, next, y))));

    let enum_value = |value: Option<i64>| encode::<i64>(Ok(value));
    sink.slot(slot::MODE, enum_value(Mode::Off.value()));
    sink.slot(slot::MODE + 1, enum_value(Mode::On.value()));
    sink.slot(slot::MODE + 2, enum_value(Mode::Auto.value()));
    sink.slot(slot::MODE + 3, enum_value(Mode::Gone.value()));
    sink.slot(
        slot::MODE_EXISTS,
        [Mode::Off, Mode::On, Mode::Auto, Mode::Gone].map(|mode| i64::from(mode.exists())),
    );
    sink.slot(slot::BIG, enum_value(Big::Huge.value()));
    sink.slot(slot::BIG + 1, enum_value(Big::Small.value()));

    sink.slot(
        slot::TYPES,
        type_info(
            type_exists::<btf_reloc_e2e_core>(),
            type_size::<btf_reloc_e2e_core>(),
        ),
    );
    sink.slot(
        slot::TYPES + 1,
        type_info(
            type_exists::<btf_reloc_e2e_inner>(),
            type_size::<btf_reloc_e2e_inner>(),
        ),
    );
    sink.slot(
        slot::TYPES + 2,
        type_info(type_exists::<Mode>(), type_size::<Mode>()),
    );
    // Its size only in the `enum64` object.
    sink.slot(slot::TYPES + 3, type_info(type_exists::<Big>(), None));
    sink.slot(
        slot::TYPES + 4,
        type_info(type_exists::<btf_reloc_e2e_extra>(), None),
    );
}

/// The root struct the test lays out and the probe reads.
pub const CORE_TYPE: &str = "btf_reloc_e2e_core";
/// The struct embedded in [`CORE_TYPE`] (`inner`) and pointed at by its `next`.
pub const INNER_TYPE: &str = "btf_reloc_e2e_inner";
/// A struct whose existence alone is asked.
pub const EXTRA_TYPE: &str = "btf_reloc_e2e_extra";
/// A 32-bit kernel enum (`Mode` in the program).
pub const MODE_TYPE: &str = "btf_reloc_e2e_mode";
/// A 64-bit kernel enum (`Big` in the program).
pub const BIG_TYPE: &str = "btf_reloc_e2e_big";

/// `Mode`'s enumerators, in declaration (and slot) order.
pub const MODES: [&str; 4] = ["MODE_OFF", "MODE_ON", "MODE_AUTO", "MODE_GONE"];
/// `Big`'s enumerators, in declaration (and slot) order.
pub const BIGS: [&str; 2] = ["BIG_HUGE", "BIG_SMALL"];

/// The length of the local `vals: [u32; VALS_LEN]`.
pub const VALS_LEN: usize = 4;
/// The buffers `name_str` copies the local `name: [u8; 16]` into, in slot order.
pub const NAME_BUFS: [usize; 2] = [16, 4];

/// `fn synthetic_core`.
pub const PROGRAM: &str = "synthetic_core";
/// `static CORE_SLOTS`: one [`Raw`] per [`slot`].
pub const SLOTS_MAP: &str = "CORE_SLOTS";
/// `static CORE_STRS`: the buffers of [`NAME_BUFS`], in order, each zero-padded to the first's
/// length.
pub const STRS_MAP: &str = "CORE_STRS";

/// Slots of [`SLOTS_MAP`]; each holds an outcome unless said otherwise.
pub mod slot {
    /// `core_read!(data, inner, x)`.
    pub const INNER_X: u32 = 0;
    /// `core_read!(data, inner, y)`.
    pub const INNER_Y: u32 = 1;
    /// `[1, offset, 0, 0]` when `data.inner()` is a handle (`offset`: its address minus the
    /// root's, the relocated offset of the path `inner`), `[0, -1, 0, 0]` when `inner` does not
    /// exist.
    pub const INNER_PATH: u32 = 2;
    /// `data.flags()`, a bitfield.
    pub const FLAGS: u32 = 3;
    /// `data.level()`, a bitfield.
    pub const LEVEL: u32 = 4;
    /// `data.count()`, a bitfield.
    pub const COUNT: u32 = 5;
    /// `data.vals()`, the whole array: the first element's value.
    pub const VALS: u32 = 6;
    /// `data.vals_at(i)` for `i` in `0..VALS_AT_COUNT`, at `VALS_AT + i`.
    pub const VALS_AT: u32 = 7;
    /// How many indices `vals_at` is asked (past the local length on purpose).
    pub const VALS_AT_COUNT: u32 = 8;
    /// `data.name_str(buf)` for each of [`NAME_BUFS`](super::NAME_BUFS), at `NAME_STR + i`:
    /// the length written.
    pub const NAME_STR: u32 = 15;
    /// `core_read!(data, next, x)`.
    pub const NEXT_X: u32 = 17;
    /// `core_read!(data, next, y)`.
    pub const NEXT_Y: u32 = 18;
    /// `value()` of each of [`MODES`](super::MODES), at `MODE + i`.
    pub const MODE: u32 = 19;
    /// `[exists()]` of each of [`MODES`](super::MODES).
    pub const MODE_EXISTS: u32 = 23;
    /// `value()` of each of [`BIGS`](super::BIGS), at `BIG + i`.
    pub const BIG: u32 = 24;
    /// `[type_exists, type_size or -1, 0, 0]` of the core, inner and mode types, then
    /// `[type_exists, -1, 0, 0]` of the big and extra types (their sizes are not asked), at
    /// `TYPES + i`.
    pub const TYPES: u32 = 26;
    /// How many slots the map has.
    pub const LEN: u32 = 31;
}

/// `e2e-ebpf/src/enum64.rs` (object [`Enum64`](crate::objects::Bin::Enum64)): `type_size` of the
/// 64-bit enum [`Big`], alone in its object.
///
/// aya 0.14 rewrites the local `ENUM64` types of an object into `UNION`s before it relocates
/// when the running kernel does not take `ENUM64` BTF (before 6.0), and a `TYPE_SIZE`
/// relocation of such a type then finds no compatible target: aya refuses the whole object.
/// Here that takes only this object down.
pub mod enum64 {
    use btf_reloc_runtime::{type_exists, type_size};

    use super::{type_info, Big};
    use crate::outcome::Raw;

    /// `fn enum64_type`, a tracepoint on the trigger.
    pub const PROGRAM: &str = "enum64_type";
    /// `static ENUM64_TYPE`: one [`Raw`], [`read`]'s.
    pub const MAP: &str = "ENUM64_TYPE";

    /// `[type_exists, type_size or -1, 0, 0]` of [`Big`].
    #[inline(always)]
    pub fn read() -> Raw {
        type_info(type_exists::<Big>(), type_size::<Big>())
    }
}
