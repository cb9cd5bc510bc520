//! The synthetic kernels of the `synthetic_core` tests: the structs `btf_reloc_e2e_core`,
//! `btf_reloc_e2e_inner`, `btf_reloc_e2e_extra` and the enums `btf_reloc_e2e_mode`,
//! `btf_reloc_e2e_big`, each kernel changing the layout where its test's feature would read
//! wrong if it were not relocated. A kernel is data: the members of the root struct
//! ([`M`]), from which both its host-simulation struct and the facts the test checks without
//! the model (array lengths, the string, where `next` is) are derived.

use btf_reloc_e2e_common::outcome::Outcome;
use btf_reloc_e2e_common::synthetic_core::{
    slot, BIG_TYPE, CORE_TYPE, EXTRA_TYPE, INNER_TYPE, MODE_TYPE,
};
use btf_reloc_runtime::sim::{Enum, Simulation, Struct, Type};

/// A member of the root struct `btf_reloc_e2e_core`.
#[derive(Debug, Clone)]
pub(crate) enum M {
    /// A member the declaration does not know (or `head`, `tail`, …).
    Other(&'static str, usize, Type),
    /// `inner`, the embedded `btf_reloc_e2e_inner`, at this byte offset.
    Inner(usize),
    /// A bitfield `(name, bit offset, bits, signed)` carved from an `int`.
    Bits(&'static str, usize, usize, bool),
    /// `unsigned int vals[len]` at this byte offset.
    Vals(usize, usize),
    /// `char name[len]` at this byte offset, holding `text` (cut to `len`; the bytes after it
    /// are the buffer's pattern).
    Name(usize, usize, &'static [u8]),
    /// `struct btf_reloc_e2e_inner *next` at this byte offset.
    Next(usize),
}

/// A kernel enum: its size, signedness and enumerators.
#[derive(Debug, Clone)]
pub(crate) struct EnumDef {
    pub(crate) size: usize,
    pub(crate) values: Vec<(&'static str, i64)>,
}

/// One synthetic kernel.
#[derive(Debug, Clone)]
pub(crate) struct Kernel {
    pub(crate) core_size: usize,
    pub(crate) core: Vec<M>,
    pub(crate) inner_size: usize,
    pub(crate) inner: Struct,
    /// Whether `btf_reloc_e2e_extra` exists.
    pub(crate) extra: bool,
    pub(crate) mode: Option<EnumDef>,
    pub(crate) big: Option<EnumDef>,
    /// Bytes the test writes over the root's pattern: `(offset, bytes)`.
    pub(crate) writes: Vec<(usize, Vec<u8>)>,
    /// Slots whose outcome this kernel fixes by construction: `(slot, what, outcome)`.
    pub(crate) known: Vec<(u32, &'static str, Outcome)>,
}

impl Kernel {
    /// The host simulation of this kernel's types (no memory yet).
    pub(crate) fn simulation(&self) -> Simulation {
        let int = |size| Type::int(size, false);
        let core = self
            .core
            .iter()
            .fold(Struct::new(CORE_TYPE, self.core_size), |s, m| match m {
                M::Other(name, offset, ty) => s.field(name, *offset, ty.clone()),
                M::Inner(offset) => s.field(
                    "inner",
                    *offset,
                    Type::struct_named(INNER_TYPE, self.inner_size),
                ),
                M::Bits(name, bit_offset, bits, signed) => {
                    s.bitfield(name, *bit_offset, *bits, 4, *signed)
                }
                M::Vals(offset, len) => s.field("vals", *offset, Type::array(int(4), *len)),
                M::Name(offset, len, _) => {
                    s.field("name", *offset, Type::array(Type::int(1, true), *len))
                }
                M::Next(offset) => s.field(
                    "next",
                    *offset,
                    Type::PtrTo(Box::new(Type::struct_named(INNER_TYPE, self.inner_size))),
                ),
            });
        let mut sim = Simulation::new()
            .with_struct(self.inner.clone())
            .with_struct(core);
        if self.extra {
            sim = sim.with_struct(Struct::new(EXTRA_TYPE, 12).field("z", 8, int(4)));
        }
        for (name, def) in [(MODE_TYPE, &self.mode), (BIG_TYPE, &self.big)] {
            if let Some(def) = def {
                let e = def
                    .values
                    .iter()
                    .fold(Enum::new(name, def.size), |e, (n, v)| e.variant(n, *v));
                sim = sim.with_enum(e);
            }
        }
        sim
    }

    /// `name`: offset, array length and text.
    pub(crate) fn name(&self) -> Option<(usize, usize, &'static [u8])> {
        self.core.iter().find_map(|m| match m {
            M::Name(offset, len, text) => Some((*offset, *len, *text)),
            _ => None,
        })
    }

    /// The offset of `next`.
    pub(crate) fn next(&self) -> Option<usize> {
        self.core.iter().find_map(|m| match m {
            M::Next(offset) => Some(*offset),
            _ => None,
        })
    }

    /// The length of `vals`.
    pub(crate) fn vals_len(&self) -> Option<usize> {
        self.core.iter().find_map(|m| match m {
            M::Vals(_, len) => Some(*len),
            _ => None,
        })
    }
}

fn u64_() -> Type {
    Type::int(8, false)
}

/// `btf_reloc_e2e_inner` with its `y` first.
fn inner_y_first() -> Struct {
    Struct::new(INNER_TYPE, 16)
        .field("y", 0, u64_())
        .field("x", 8, Type::int(4, false))
}

/// A kernel with the given root and inner structs, the extra struct and both enums as locally
/// declared.
fn kernel(core_size: usize, core: Vec<M>, inner_size: usize, inner: Struct) -> Kernel {
    Kernel {
        core_size,
        core,
        inner_size,
        inner,
        extra: true,
        mode: Some(EnumDef {
            size: 4,
            values: vec![
                ("MODE_OFF", 0),
                ("MODE_ON", 1),
                ("MODE_AUTO", 2),
                ("MODE_GONE", 3),
            ],
        }),
        big: Some(EnumDef {
            size: 8,
            values: vec![("BIG_HUGE", 1 << 40), ("BIG_SMALL", 1)],
        }),
        writes: Vec::new(),
        known: Vec::new(),
    }
}

/// The three bitfields in the word at `at`, as in the base kernel.
fn bits_at(at: usize) -> [M; 3] {
    [
        M::Bits("flags", at * 8, 3, false),
        M::Bits("level", at * 8 + 3, 5, true),
        M::Bits("count", at * 8 + 8, 12, false),
    ]
}

/// Every feature somewhere else than locally, but plainly: `inner` (its `y` first) at 8, the
/// three bitfields in the word at 24, `vals` at 28, `name` at 44 holding "core", `next` at 64.
pub(crate) fn base() -> Kernel {
    let mut core = vec![M::Other("head", 0, u64_()), M::Inner(8)];
    core.extend(bits_at(24));
    core.extend([
        M::Vals(28, 4),
        M::Name(44, 16, b"core\0"),
        M::Next(64),
        M::Other("tail", 72, u64_()),
    ]);
    kernel(80, core, 16, inner_y_first())
}

/// The embedded struct and its members both move: `inner` at 40 of the root, `x` at 28 and `y`
/// at 16 inside a larger `inner` (so `inner.y` is at 56), behind members the declaration does
/// not know.
pub(crate) fn nested_moved() -> Kernel {
    let inner = Struct::new(INNER_TYPE, 32)
        .field("a", 0, u64_())
        .field("b", 8, u64_())
        .field("y", 16, u64_())
        .field("pad", 24, Type::int(4, false))
        .field("x", 28, Type::int(4, false));
    let mut core = vec![
        M::Vals(0, 4),
        M::Name(16, 16, b"nested\0"),
        M::Other("gap", 32, u64_()),
        M::Inner(40),
    ];
    core.extend(bits_at(72));
    core.extend([M::Next(80), M::Other("tail", 88, Type::array(u64_(), 4))]);
    kernel(120, core, 32, inner)
}

/// `y` reached through an anonymous union inside the embedded struct (next to a member of
/// another name), `x` after it.
pub(crate) fn nested_anon() -> Kernel {
    let union = Struct::union("", 8)
        .field("halves", 0, Type::array(Type::int(4, false), 2))
        .field("y", 0, u64_());
    let inner = Struct::new(INNER_TYPE, 24)
        .field("flags_word", 0, Type::int(4, false))
        .anonymous(8, union)
        .field("x", 16, Type::int(4, false));
    let mut core = vec![M::Other("head", 0, Type::array(u64_(), 2)), M::Inner(16)];
    core.extend(bits_at(40));
    core.extend([M::Vals(44, 4), M::Name(60, 16, b"anon\0"), M::Next(80)]);
    kernel(96, core, 24, inner)
}

/// The bitfields move to other words and bits: `flags` to bit 13 of the word at 44, `level` to
/// straddle the 4-byte boundary at 52 (libbpf widens its load to 8 bytes), `count` to the top of
/// the word at 60.
pub(crate) fn bitfield_moves() -> Kernel {
    let core = vec![
        M::Other("head", 0, u64_()),
        M::Inner(8),
        M::Vals(24, 4),
        M::Other("word", 40, Type::int(4, false)),
        M::Bits("flags", 44 * 8 + 13, 3, false),
        M::Bits("level", 48 * 8 + 30, 5, true),
        M::Bits("count", 60 * 8 + 20, 12, false),
        M::Name(64, 16, b"moves\0"),
        M::Next(72),
    ];
    Kernel {
        core_size: 80,
        core,
        ..base()
    }
}

/// Wider bitfields: `count` 12 → 16 bits and `level` 5 → 8 bits still fit their `u16` / `i8`
/// and read; `flags` 3 → 11 bits does not fit its `u8`: `SizeMismatch { expected: 1, actual:
/// 2 }`.
pub(crate) fn bitfield_widens() -> Kernel {
    let core = vec![
        M::Other("head", 0, u64_()),
        M::Inner(8),
        M::Bits("flags", 24 * 8 + 2, 11, false),
        M::Bits("level", 24 * 8 + 13, 8, true),
        M::Bits("count", 28 * 8, 16, false),
        M::Vals(32, 4),
        M::Name(48, 16, b"widens\0"),
        M::Next(64),
    ];
    Kernel {
        core_size: 80,
        core,
        known: vec![(
            slot::FLAGS,
            "flags() of 11 bits into a u8",
            Outcome::SizeMismatch {
                expected: 1,
                actual: 2,
            },
        )],
        ..base()
    }
}

/// Signedness comes from the target: with every bit of the word at 24 set, `level` (`i8`, a
/// 6-bit signed field) is -1 (sign-extended), `flags` (`u8`, a 4-bit *signed* field) is -1 cut
/// to `u8`, `count` (a 12-bit unsigned field) is 0xfff (not sign-extended).
pub(crate) fn bitfield_signed() -> Kernel {
    let core = vec![
        M::Other("head", 0, u64_()),
        M::Inner(8),
        M::Bits("count", 24 * 8 + 1, 12, false),
        M::Bits("flags", 24 * 8 + 17, 4, true),
        M::Bits("level", 24 * 8 + 22, 6, true),
        M::Vals(28, 4),
        M::Name(44, 16, b"signed\0"),
        M::Next(64),
    ];
    Kernel {
        core_size: 80,
        core,
        writes: vec![(24, vec![0xff; 4])],
        known: vec![
            (
                slot::FLAGS,
                "flags(): 4 signed bits, all set",
                Outcome::Value(0xff),
            ),
            (
                slot::LEVEL,
                "level(): 6 signed bits, all set",
                Outcome::Value(-1),
            ),
            (
                slot::COUNT,
                "count(): 12 unsigned bits, all set",
                Outcome::Value(0xfff),
            ),
        ],
        ..base()
    }
}

/// `vals` with 6 elements instead of 4, moved: `vals_at` reads indices 4 and 5 (beyond the
/// declaration), `vals_at(6)` and `vals_at(7)` are out of bounds of the target's 6, and the
/// whole-array getter is a `SizeMismatch`.
pub(crate) fn array_longer() -> Kernel {
    let mut core = vec![
        M::Other("head", 0, u64_()),
        M::Name(8, 16, b"array\0"),
        M::Inner(24),
    ];
    core.extend(bits_at(40));
    core.extend([M::Vals(48, 6), M::Next(72), M::Other("tail", 80, u64_())]);
    Kernel {
        core_size: 96,
        core,
        ..base()
    }
}

/// `name` as a 10-byte array holding `text`, followed by bytes that are not NUL, so a read not
/// bounded by the target's length would run on.
pub(crate) fn string_kernel(text: &'static [u8]) -> Kernel {
    let mut core = vec![
        M::Other("head", 0, u64_()),
        M::Name(8, 10, text),
        M::Other("after", 18, Type::array(Type::int(1, false), 6)),
        M::Inner(24),
    ];
    core.extend(bits_at(40));
    core.extend([M::Vals(44, 4), M::Next(64)]);
    Kernel {
        core_size: 80,
        core,
        writes: vec![(18, vec![b'!'; 6])],
        ..base()
    }
}

/// The same enumerators with other values (and in another order): `btf_reloc_e2e_mode` signed,
/// with a negative value and `MODE_GONE` missing (`value()` `None`, `exists()` false);
/// `btf_reloc_e2e_big` an `ENUM64` with values beyond 32 bits and a negative one.
pub(crate) fn enum_values_differ() -> Kernel {
    Kernel {
        mode: Some(EnumDef {
            size: 4,
            values: vec![("MODE_AUTO", 7), ("MODE_ON", -3), ("MODE_OFF", 0x40)],
        }),
        big: Some(EnumDef {
            size: 8,
            values: vec![("BIG_SMALL", -(1 << 35)), ("BIG_HUGE", (1 << 33) + 5)],
        }),
        ..base()
    }
}
