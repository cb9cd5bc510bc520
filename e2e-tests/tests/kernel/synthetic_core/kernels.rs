//! The synthetic kernels of the `synthetic_core` tests: the structs `btf_reloc_e2e_core`,
//! `btf_reloc_e2e_inner`, `btf_reloc_e2e_extra` and the enums `btf_reloc_e2e_mode`,
//! `btf_reloc_e2e_big`, each kernel changing the layout where its test's feature would read
//! wrong if it were not relocated.

use btf_reloc_e2e_common::synthetic_core::{
    BIG_TYPE, CORE_TYPE, EXTRA_TYPE, INNER_TYPE, MODE_TYPE,
};
use btf_reloc_e2e_tests::synthetic_core::model::{
    anon_union, bitfield, field, EnumDef, Item, Kernel, StructDef, Ty,
};

const CORE: &str = CORE_TYPE;
const INNER: &str = INNER_TYPE;
const EXTRA: &str = EXTRA_TYPE;
const MODE: &str = MODE_TYPE;
const BIG: &str = BIG_TYPE;

const U32: Ty = Ty::Int {
    size: 4,
    signed: false,
};
const U64: Ty = Ty::Int {
    size: 8,
    signed: false,
};

/// The enums and the extra struct every kernel has unless a test says otherwise.
fn kernel(inner: StructDef, core: StructDef) -> Kernel {
    Kernel {
        structs: vec![
            inner,
            core,
            StructDef {
                name: EXTRA,
                size: 12,
                items: vec![field("z", 8, U32)],
            },
        ],
        enums: vec![
            EnumDef {
                name: MODE,
                size: 4,
                signed: false,
                enumerators: vec![
                    ("MODE_OFF", 0),
                    ("MODE_ON", 1),
                    ("MODE_AUTO", 2),
                    ("MODE_GONE", 3),
                ],
            },
            EnumDef {
                name: BIG,
                size: 8,
                signed: false,
                enumerators: vec![("BIG_HUGE", 1 << 40), ("BIG_SMALL", 1)],
            },
        ],
    }
}

fn inner(size: u32, items: Vec<Item>) -> StructDef {
    StructDef {
        name: INNER,
        size,
        items,
    }
}

fn core(size: u32, items: Vec<Item>) -> StructDef {
    StructDef {
        name: CORE,
        size,
        items,
    }
}

/// Every feature somewhere else than locally, but plainly: `inner` (its `y` first) at 8, the
/// three bitfields in the word at 24, `vals` at 28, `name` at 44 holding "core", `next` at 64.
pub(crate) fn base() -> Kernel {
    kernel(
        inner(16, vec![field("y", 0, U64), field("x", 8, U32)]),
        core(
            80,
            vec![
                field("head", 0, U64),
                field("inner", 8, Ty::Struct(INNER)),
                bitfield("flags", 24 * 8, 3, false),
                bitfield("level", 24 * 8 + 3, 5, true),
                bitfield("count", 24 * 8 + 8, 12, false),
                field(
                    "vals",
                    28,
                    Ty::Array {
                        elem_size: 4,
                        len: 4,
                    },
                ),
                field(
                    "name",
                    44,
                    Ty::Chars {
                        len: 16,
                        text: b"core\0",
                    },
                ),
                field("next", 64, Ty::Ptr(INNER)),
                field("tail", 72, U64),
            ],
        ),
    )
}

/// The embedded struct and its members both move: `inner` at 40 of the root, `x` at 28 and `y`
/// at 16 inside a larger `inner` (so `inner.y` is at 56), behind members the declaration does
/// not know.
pub(crate) fn nested_moved() -> Kernel {
    kernel(
        inner(
            32,
            vec![
                field("a", 0, U64),
                field("b", 8, U64),
                field("y", 16, U64),
                field("pad", 24, U32),
                field("x", 28, U32),
            ],
        ),
        core(
            120,
            vec![
                field(
                    "vals",
                    0,
                    Ty::Array {
                        elem_size: 4,
                        len: 4,
                    },
                ),
                field(
                    "name",
                    16,
                    Ty::Chars {
                        len: 16,
                        text: b"nested\0",
                    },
                ),
                field("gap", 32, U64),
                field("inner", 40, Ty::Struct(INNER)),
                bitfield("flags", 72 * 8, 3, false),
                bitfield("level", 72 * 8 + 3, 5, true),
                bitfield("count", 72 * 8 + 8, 12, false),
                field("next", 80, Ty::Ptr(INNER)),
                field(
                    "tail",
                    88,
                    Ty::Array {
                        elem_size: 8,
                        len: 4,
                    },
                ),
            ],
        ),
    )
}

/// `y` reached through an anonymous union inside the embedded struct (next to a member of
/// another name), `x` after it.
pub(crate) fn nested_anon() -> Kernel {
    kernel(
        inner(
            24,
            vec![
                field("flags_word", 0, U32),
                anon_union(
                    8,
                    8,
                    vec![
                        field(
                            "halves",
                            0,
                            Ty::Array {
                                elem_size: 4,
                                len: 2,
                            },
                        ),
                        field("y", 0, U64),
                    ],
                ),
                field("x", 16, U32),
            ],
        ),
        core(
            96,
            vec![
                field(
                    "head",
                    0,
                    Ty::Array {
                        elem_size: 8,
                        len: 2,
                    },
                ),
                field("inner", 16, Ty::Struct(INNER)),
                bitfield("flags", 40 * 8, 3, false),
                bitfield("level", 40 * 8 + 3, 5, true),
                bitfield("count", 40 * 8 + 8, 12, false),
                field(
                    "vals",
                    44,
                    Ty::Array {
                        elem_size: 4,
                        len: 4,
                    },
                ),
                field(
                    "name",
                    60,
                    Ty::Chars {
                        len: 16,
                        text: b"anon\0",
                    },
                ),
                field("next", 80, Ty::Ptr(INNER)),
            ],
        ),
    )
}

/// The bitfields move to other words and bits: `flags` to bit 13 of the word at 44, `level` to
/// straddle the 4-byte boundary at 52 (libbpf widens its load to 8 bytes), `count` to the top of
/// the word at 60.
pub(crate) fn bitfield_moves() -> Kernel {
    let mut k = base();
    k.structs[1] = core(
        80,
        vec![
            field("head", 0, U64),
            field("inner", 8, Ty::Struct(INNER)),
            field(
                "vals",
                24,
                Ty::Array {
                    elem_size: 4,
                    len: 4,
                },
            ),
            field("word", 40, U32),
            bitfield("flags", 44 * 8 + 13, 3, false),
            bitfield("level", 48 * 8 + 30, 5, true),
            bitfield("count", 60 * 8 + 20, 12, false),
            field(
                "name",
                64,
                Ty::Chars {
                    len: 16,
                    text: b"moves\0",
                },
            ),
            field("next", 72, Ty::Ptr(INNER)),
        ],
    );
    k
}

/// Wider bitfields: `count` 12 → 16 bits and `level` 5 → 8 bits still fit their `u16` / `i8`
/// and read; `flags` 3 → 11 bits does not fit its `u8`: `SizeMismatch { expected: 1, actual:
/// 2 }`.
pub(crate) fn bitfield_widens() -> Kernel {
    let mut k = base();
    k.structs[1] = core(
        80,
        vec![
            field("head", 0, U64),
            field("inner", 8, Ty::Struct(INNER)),
            bitfield("flags", 24 * 8 + 2, 11, false),
            bitfield("level", 24 * 8 + 13, 8, true),
            bitfield("count", 28 * 8, 16, false),
            field(
                "vals",
                32,
                Ty::Array {
                    elem_size: 4,
                    len: 4,
                },
            ),
            field(
                "name",
                48,
                Ty::Chars {
                    len: 16,
                    text: b"widens\0",
                },
            ),
            field("next", 64, Ty::Ptr(INNER)),
        ],
    );
    k
}

/// Signedness comes from the target: `level` (`i8`) is a 6-bit signed field holding a negative
/// value (sign-extended), `flags` (`u8`) a 4-bit *signed* field (sign-extended, then cut to
/// `u8`), `count` a 12-bit unsigned field with its top bit set (not sign-extended).
pub(crate) fn bitfield_signed() -> Kernel {
    let mut k = base();
    k.structs[1] = core(
        80,
        vec![
            field("head", 0, U64),
            field("inner", 8, Ty::Struct(INNER)),
            bitfield("count", 24 * 8 + 1, 12, false),
            bitfield("flags", 24 * 8 + 17, 4, true),
            bitfield("level", 24 * 8 + 22, 6, true),
            field(
                "vals",
                28,
                Ty::Array {
                    elem_size: 4,
                    len: 4,
                },
            ),
            field(
                "name",
                44,
                Ty::Chars {
                    len: 16,
                    text: b"signed\0",
                },
            ),
            field("next", 64, Ty::Ptr(INNER)),
        ],
    );
    k
}

/// `vals` with 6 elements instead of 4, moved: `vals_at` reads indices 4 and 5 (beyond the
/// declaration), `vals_at(6)` and `vals_at(7)` are out of bounds of the target's 6, and the
/// whole-array getter is a `SizeMismatch`.
pub(crate) fn array_longer() -> Kernel {
    let mut k = base();
    k.structs[1] = core(
        96,
        vec![
            field("head", 0, U64),
            field(
                "name",
                8,
                Ty::Chars {
                    len: 16,
                    text: b"array\0",
                },
            ),
            field("inner", 24, Ty::Struct(INNER)),
            bitfield("flags", 40 * 8, 3, false),
            bitfield("level", 40 * 8 + 3, 5, true),
            bitfield("count", 40 * 8 + 8, 12, false),
            field(
                "vals",
                48,
                Ty::Array {
                    elem_size: 4,
                    len: 6,
                },
            ),
            field("next", 72, Ty::Ptr(INNER)),
            field("tail", 80, U64),
        ],
    );
    k
}

/// `name` as a 10-byte array holding `text`, followed by bytes that are not NUL, so a read not
/// bounded by the target's length would run on.
pub(crate) fn string_kernel(text: &'static [u8]) -> Kernel {
    let mut k = base();
    k.structs[1] = core(
        80,
        vec![
            field("head", 0, U64),
            field("name", 8, Ty::Chars { len: 10, text }),
            field(
                "after",
                18,
                Ty::Array {
                    elem_size: 1,
                    len: 6,
                },
            ),
            field("inner", 24, Ty::Struct(INNER)),
            bitfield("flags", 40 * 8, 3, false),
            bitfield("level", 40 * 8 + 3, 5, true),
            bitfield("count", 40 * 8 + 8, 12, false),
            field(
                "vals",
                44,
                Ty::Array {
                    elem_size: 4,
                    len: 4,
                },
            ),
            field("next", 64, Ty::Ptr(INNER)),
        ],
    );
    k
}

/// The same enumerators with other values (and in another order): `btf_reloc_e2e_mode` signed,
/// with a negative value and `MODE_GONE` missing (`value()` `None`, `exists()` false);
/// `btf_reloc_e2e_big` an `ENUM64` with values beyond 32 bits and a negative one.
pub(crate) fn enum_values_differ() -> Kernel {
    let mut k = base();
    k.enums = vec![
        EnumDef {
            name: MODE,
            size: 4,
            signed: true,
            enumerators: vec![("MODE_AUTO", 7), ("MODE_ON", -3), ("MODE_OFF", 0x40)],
        },
        EnumDef {
            name: BIG,
            size: 8,
            signed: true,
            enumerators: vec![("BIG_SMALL", -(1 << 35)), ("BIG_HUGE", (1 << 33) + 5)],
        },
    ];
    k
}
