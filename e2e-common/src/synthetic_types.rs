//! `e2e-ebpf/src/synthetic_types.rs` (object [`SyntheticTypes`](crate::objects::Bin::SyntheticTypes)):
//! one uprobe reading unions (a union embedded in a struct, read as one access path through
//! it; a union as a root) from user memory laid out as a synthetic kernel says, the type
//! relocations `TYPE_ID_LOCAL` and `TYPE_ID_TARGET` next to `TYPE_EXISTS` and `TYPE_SIZE`, and
//! types the kernel knows by a typedef name (a struct and an enum, both anonymous), whose
//! relocations are rooted at the typedef.
//!
//! The declarations and the reads ([`read_types`]) live here, so that the kernel tests run the
//! very same reads on the host against the host simulation of the same kernel.
#![allow(non_camel_case_types)] // The declarations carry the kernel's type names.

use btf_reloc_runtime::prelude::*;
use btf_reloc_runtime::{type_exists, type_id_local, type_id_target, type_size, Ptr};

use crate::outcome::{encode, encode_option, Raw};

/// A struct inside [`btf_reloc_e2e_value`]. Locally `a` first; some kernels swap them.
#[derive(BtfRelocatable, Clone, Copy, Debug)]
#[repr(C)]
pub struct btf_reloc_e2e_pair {
    /// `value.pair.a`.
    pub a: u32,
    /// `value.pair.b`.
    pub b: u32,
}

/// A kernel union: every member at offset 0, locally and in the kernels. (No `Debug`: a union
/// cannot tell which member to print.)
#[allow(missing_debug_implementations)]
#[derive(BtfRelocatable, Clone, Copy)]
#[repr(C)]
pub union btf_reloc_e2e_value {
    /// The whole 8 bytes.
    pub word: u64,
    /// Their first 4.
    pub half: u32,
    /// Two halves.
    pub pair: btf_reloc_e2e_pair,
    /// Byte by byte, with `bytes_at`.
    pub bytes: [u8; 8],
}

/// A kernel enum a member of the holder has the type of.
#[derive(BtfEnum, Clone, Copy, Debug)]
#[btf(name = "btf_reloc_e2e_state")]
pub enum State {
    /// `STATE_IDLE`.
    #[btf(rename = "STATE_IDLE")]
    Idle,
}

/// The struct the test lays out: a union embedded by value. Local offsets: `tag` 0, `value` 8,
/// `next` 16, `state` 24; size 32.
#[allow(missing_debug_implementations)] // It holds the union.
#[derive(BtfRelocatable)]
#[repr(C)]
pub struct btf_reloc_e2e_holder {
    /// A plain field.
    pub tag: u32,
    /// The union: `core_read!(h, value, pair, b)` is one access path, `0:1:2:1` locally.
    pub value: btf_reloc_e2e_value,
    /// A typed pointer (only its local BTF pointee differs from a raw pointer's); never read.
    pub next: UserPtr<btf_reloc_e2e_holder>,
    /// A member of an enum type: read with the kernel's width and signedness.
    pub state: EnumOf<State>,
}

/// `typedef struct { u32 a; u32 b; } btf_reloc_e2e_pair_t;`: read as a root (at the union's
/// address) through its typedef.
#[derive(BtfRelocatable, Debug)]
#[repr(C)]
#[btf(typedef = "btf_reloc_e2e_pair_t")]
pub struct PairT {
    /// `a`.
    pub a: u32,
    /// `b`.
    pub b: u32,
}

/// `typedef enum { LEVEL_LOW, LEVEL_HIGH } btf_reloc_e2e_level_t;` (local values 0..=2; the
/// kernels have no `LEVEL_GONE`).
#[derive(BtfEnum, Clone, Copy, Debug)]
#[btf(typedef = "btf_reloc_e2e_level_t")]
pub enum LevelT {
    /// `LEVEL_LOW`.
    #[btf(rename = "LEVEL_LOW")]
    Low = 0,
    /// `LEVEL_HIGH`.
    #[btf(rename = "LEVEL_HIGH")]
    High = 1,
    /// `LEVEL_GONE`.
    #[btf(rename = "LEVEL_GONE")]
    Gone = 2,
}

/// Where [`read_types`] puts what it read: the program's map, or the host test's vector.
pub trait Sink {
    /// What slot `slot` of [`SLOTS_MAP`] holds.
    fn slot(&mut self, slot: u32, value: Raw);
}

#[inline(always)]
fn unsigned64(
    result: Result<Option<u64>, RelocatableFieldAccessError>,
) -> Result<Option<i64>, RelocatableFieldAccessError> {
    // The test compares bit patterns: reinterpret, do not saturate.
    result.map(|v| v.map(|v| v as i64))
}

/// `[type_exists, type_size or -1, type_id_target or -1, type_id_local]` of `T`, the size and
/// the target id only when `sized`.
#[inline(always)]
fn type_info<T: btf_reloc_runtime::BtfType>(sized: bool) -> Raw {
    let (size, target) = if sized {
        (
            encode_option(type_size::<T>()),
            encode_option(type_id_target::<T>().map(|id| id as usize)),
        )
    } else {
        (-1, -1)
    };
    [
        i64::from(type_exists::<T>()),
        size,
        target,
        i64::from(type_id_local::<T>()),
    ]
}

/// Reads, from the `btf_reloc_e2e_holder` at `holder` and the root `btf_reloc_e2e_value` at
/// `value` in user memory, everything the slots of [`SLOTS_MAP`] hold, in slot order.
#[inline(always)]
pub fn read_types(holder: u64, value: u64, sink: &mut impl Sink) {
    let h = UserPtr::<btf_reloc_e2e_holder>::from_addr(holder);
    sink.slot(slot::TAG, encode(h.tag()));
    sink.slot(slot::WORD, encode(unsigned64(core_read!(h, value, word))));
    sink.slot(slot::HALF, encode(core_read!(h, value, half)));
    sink.slot(slot::PAIR_A, encode(core_read!(h, value, pair, a)));
    sink.slot(slot::PAIR_B, encode(core_read!(h, value, pair, b)));
    let byte = match h.value() {
        Ok(Some(v)) => v.bytes_at(BYTE_INDEX),
        Ok(None) => Ok(None),
        Err(error) => Err(error),
    };
    sink.slot(slot::BYTE, encode(byte));
    // The union's handle: its address is the holder's plus the relocated offset of `value`.
    let path = match h.value() {
        Ok(Some(v)) => [1, Ptr::addr(v).wrapping_sub(holder) as i64, 0, 0],
        Ok(None) => [0, -1, 0, 0],
        Err(_) => [-1, -1, 0, 0],
    };
    sink.slot(slot::VALUE_PATH, path);

    let v = UserPtr::<btf_reloc_e2e_value>::from_addr(value);
    sink.slot(slot::ROOT_WORD, encode(unsigned64(v.word())));
    sink.slot(slot::ROOT_PAIR_B, encode(core_read!(v, pair, b)));

    sink.slot(slot::TYPES, type_info::<btf_reloc_e2e_holder>(true));
    sink.slot(slot::TYPES + 1, type_info::<btf_reloc_e2e_pair>(true));
    // The union's size and target id are not asked: one kernel has a struct of its name, so
    // none of a union, and aya 0.14 refuses a whole object over either relocation of a type
    // its target lacks.
    sink.slot(slot::TYPES + 2, type_info::<btf_reloc_e2e_value>(false));
    sink.slot(slot::TYPES + 3, type_info::<PairT>(true));
    sink.slot(slot::TYPES + 4, type_info::<LevelT>(true));

    let pair = UserPtr::<PairT>::from_addr(value);
    sink.slot(slot::TYPEDEF_B, encode(pair.b()));
    let enum_value = |value: Option<i64>| encode::<i64>(Ok(value));
    sink.slot(slot::LEVEL, enum_value(LevelT::Low.value()));
    sink.slot(slot::LEVEL + 1, enum_value(LevelT::High.value()));
    sink.slot(slot::STATE, encode(h.state()));
    sink.slot(
        slot::LEVEL_EXISTS,
        [
            i64::from(LevelT::Low.exists()),
            i64::from(LevelT::High.exists()),
            i64::from(LevelT::Gone.exists()),
            0,
        ],
    );
}

/// The root struct the test lays out.
pub const HOLDER_TYPE: &str = "btf_reloc_e2e_holder";
/// The union embedded in it, and laid out on its own as a root.
pub const VALUE_TYPE: &str = "btf_reloc_e2e_value";
/// The struct inside the union.
pub const PAIR_TYPE: &str = "btf_reloc_e2e_pair";
/// The typedef of an anonymous struct ([`PairT`]).
pub const PAIR_TYPEDEF: &str = "btf_reloc_e2e_pair_t";
/// The typedef of an anonymous enum ([`LevelT`]).
pub const LEVEL_TYPEDEF: &str = "btf_reloc_e2e_level_t";

/// The element of `value.bytes` that `bytes_at` reads.
pub const BYTE_INDEX: usize = 5;

/// `fn synthetic_types`.
pub const PROGRAM: &str = "synthetic_types";
/// `static TYPES_SLOTS`: one [`Raw`] per [`slot`].
pub const SLOTS_MAP: &str = "TYPES_SLOTS";

/// Slots of [`SLOTS_MAP`]; each holds an outcome unless said otherwise.
pub mod slot {
    /// `h.tag()`.
    pub const TAG: u32 = 0;
    /// `core_read!(h, value, word)`.
    pub const WORD: u32 = 1;
    /// `core_read!(h, value, half)`.
    pub const HALF: u32 = 2;
    /// `core_read!(h, value, pair, a)`.
    pub const PAIR_A: u32 = 3;
    /// `core_read!(h, value, pair, b)`.
    pub const PAIR_B: u32 = 4;
    /// `h.value()?.bytes_at(BYTE_INDEX)`.
    pub const BYTE: u32 = 5;
    /// `[1, offset, 0, 0]` when `h.value()` is a handle (`offset`: its address minus the
    /// holder's), `[0, -1, 0, 0]` when `value` does not exist.
    pub const VALUE_PATH: u32 = 6;
    /// `v.word()` of the root union.
    pub const ROOT_WORD: u32 = 7;
    /// `core_read!(v, pair, b)` of the root union.
    pub const ROOT_PAIR_B: u32 = 8;
    /// `[type_exists, type_size or -1, type_id_target or -1, type_id_local]` of the holder,
    /// the pair, the union (whose size and target id are not asked: -1), `PairT` and `LevelT`
    /// (both through their typedefs), at `TYPES + i`.
    pub const TYPES: u32 = 9;
    /// `b()` of the `PairT` at the union's address (a field path rooted at a typedef).
    pub const TYPEDEF_B: u32 = 14;
    /// `value()` of `LevelT::Low` and `LevelT::High`, at `LEVEL + i`.
    pub const LEVEL: u32 = 15;
    /// `[exists()]` of `LevelT::Low`, `High` and `Gone`.
    pub const LEVEL_EXISTS: u32 = 17;
    /// `h.state()`, an enum-typed member, as an `i64`.
    pub const STATE: u32 = 18;
    /// How many slots the map has.
    pub const LEN: u32 = 19;
}
