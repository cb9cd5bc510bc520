//! The synthetic kernels: each one kernel's version of `struct btf_reloc_e2e_target`, as the
//! tests of the parent module hand it to aya.

use btf_reloc_e2e_common::synthetic::TARGET_TYPE;
use btf_reloc_e2e_tests::synthetic::layout::{anon_struct, anon_union, field, Item, Layout, Ty};

// Target field types, named as in kernel headers.
const U8: Ty = Ty::int(1, false);
const I16: Ty = Ty::int(2, true);
const U32: Ty = Ty::int(4, false);
const U64: Ty = Ty::int(8, false);
const I64: Ty = Ty::int(8, true);
const U32X4: Ty = Ty::array(4, 4);

fn layout(size: u32, items: Vec<Item>) -> Layout {
    Layout {
        name: TARGET_TYPE,
        size,
        items,
    }
}

/// Every field at another offset than the local one: the declaration order reversed.
pub(crate) fn reordered() -> Layout {
    layout(
        48,
        vec![
            field("p", 0, Ty::Ptr),
            field("f", 8, I64),
            field("e", 16, U8),
            field("d", 18, I16),
            field("c", 20, U32X4),
            field("a", 36, U32),
            field("b", 40, U64),
        ],
    )
}

/// The local order, but with fields the declaration does not know in between (a kernel config
/// adding members), and a tail.
pub(crate) fn padding() -> Layout {
    layout(
        128,
        vec![
            field("pad0", 0, Ty::array(1, 12)),
            field("a", 12, U32),
            field("pad1", 16, U64),
            field("b", 24, U64),
            field("pad2", 32, Ty::array(8, 2)),
            field("c", 48, U32X4),
            field("pad3", 64, Ty::array(2, 3)),
            field("d", 70, I16),
            field("pad4", 72, Ty::array(1, 3)),
            field("e", 75, U8),
            field("f", 88, I64),
            field("p", 104, Ty::Ptr),
            field("pad5", 112, Ty::array(1, 16)),
        ],
    )
}

/// `c` and, one level deeper, `b` and `f` inside anonymous structs.
pub(crate) fn in_anon_structs() -> Layout {
    layout(
        56,
        vec![
            field("x", 0, U64),
            anon_struct(
                8,
                32,
                vec![
                    field("c", 0, U32X4),
                    anon_struct(16, 16, vec![field("b", 0, U64), field("f", 8, I64)]),
                ],
            ),
            field("a", 40, U32),
            field("d", 44, I16),
            field("e", 46, U8),
            field("p", 48, Ty::Ptr),
        ],
    )
}

/// Fields inside anonymous unions, next to members of other names (which come first, so the
/// local fields' bytes are the ones left in memory), and an anonymous struct inside a union.
pub(crate) fn in_anon_unions() -> Layout {
    layout(
        56,
        vec![
            field("x", 0, U32),
            anon_union(
                8,
                8,
                vec![
                    field("raw", 0, U64),
                    anon_struct(
                        0,
                        8,
                        vec![field("d", 0, I16), field("e", 2, U8), field("a", 4, U32)],
                    ),
                ],
            ),
            anon_union(16, 8, vec![field("addr", 0, U64), field("p", 0, Ty::Ptr)]),
            field("c", 24, U32X4),
            field("b", 40, U64),
            anon_union(
                48,
                8,
                vec![field("halves", 0, Ty::array(4, 2)), field("f", 0, I64)],
            ),
        ],
    )
}

/// No `e` and no `f`: their getters give `Ok(None)`, the rest still reads.
pub(crate) fn missing_field() -> Layout {
    layout(
        48,
        vec![
            field("c", 0, U32X4),
            field("a", 16, U32),
            field("d", 20, I16),
            field("b", 24, U64),
            field("p", 32, Ty::Ptr),
        ],
    )
}

/// `a` (u32 → 64 bits), `d` (i16 → 32 bits) and `e` (u8 → 16 bits) wider than declared:
/// `SizeMismatch` with both sizes.
pub(crate) fn int_widened() -> Layout {
    layout(
        64,
        vec![
            field("b", 0, U64),
            field("a", 8, U64),
            field("d", 16, Ty::int(4, true)),
            field("e", 20, Ty::int(2, false)),
            field("c", 24, U32X4),
            field("f", 40, I64),
            field("p", 48, Ty::Ptr),
        ],
    )
}

/// `b` (u64 → 32 bits) and `f` (i64 → 16 bits) narrower than declared; `d` the same width
/// but unsigned in the target (signedness is the declaration's business).
pub(crate) fn int_narrowed() -> Layout {
    layout(
        40,
        vec![
            field("a", 0, U32),
            field("b", 4, U32),
            field("c", 8, U32X4),
            field("d", 24, Ty::int(2, false)),
            field("e", 26, U8),
            field("f", 28, Ty::int(2, true)),
            field("p", 32, Ty::Ptr),
        ],
    )
}

/// The layout of [`missing_field`], but the target type is `btf_reloc_e2e_target___v3`: the
/// flavor is ignored when matching.
pub(crate) fn flavor_target() -> Layout {
    Layout {
        name: "btf_reloc_e2e_target___v3",
        ..missing_field()
    }
}

/// `c` with `len` elements instead of 4: it exists, but its size differs.
pub(crate) fn array_len(len: u32) -> Layout {
    let c_end = 8 + 4 * len;
    layout(
        c_end + 24,
        vec![
            field("b", 0, U64),
            field("c", 8, Ty::array(4, len)),
            field("a", c_end, U32),
            field("d", c_end + 4, I16),
            field("e", c_end + 6, U8),
            field("f", c_end + 8, I64),
            field("p", c_end + 16, Ty::Ptr),
        ],
    )
}

/// `c` as `unsigned short[8]`: compatible (arrays match element-wise, ints of any size) and the
/// same 16 bytes, so it reads.
pub(crate) fn array_elem_narrowed() -> Layout {
    let mut layout = reordered();
    for item in &mut layout.items {
        if let Item::Field { name: "c", ty, .. } = item {
            *ty = Ty::array(2, 8);
        }
    }
    layout
}

/// `b` is a pointer and `p` an integer in the target: a field of another kind does not exist.
pub(crate) fn pointer_and_int_swapped() -> Layout {
    let mut layout = reordered();
    for item in &mut layout.items {
        match item {
            Item::Field { name: "b", ty, .. } => *ty = Ty::Ptr,
            Item::Field { name: "p", ty, .. } => *ty = U64,
            _ => {}
        }
    }
    layout
}

/// Every field typed through `typedef const volatile ...`: kernel headers type fields through
/// typedefs (`u32`, `pid_t`, ...) and qualifiers, which the loader resolves before comparing.
pub(crate) fn typedef_qualified() -> Layout {
    let mut layout = padding();
    for item in &mut layout.items {
        if let Item::Field { ty, .. } = item {
            *ty = Ty::Qualified("btf_reloc_t", Box::new(ty.clone()));
        }
    }
    layout
}

/// `b` at 70000 bytes, past what a 16-bit instruction offset can hold: the markers are 64-bit
/// immediates, so any offset relocates.
pub(crate) fn large_offset() -> Layout {
    let mut layout = reordered();
    for item in &mut layout.items {
        if let Item::Field {
            name: "b", offset, ..
        } = item
        {
            *offset = 70_000;
        }
    }
    layout.size = 70_008;
    layout
}
