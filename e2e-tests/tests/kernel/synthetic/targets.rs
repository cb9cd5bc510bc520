//! The synthetic kernels: each one kernel's version of `struct btf_reloc_e2e_target`, as a
//! struct of the host simulation, with what the test knows must come out of it whatever the
//! model says: the fields that must read as missing and those whose size must differ (every
//! other field must read a value).

use btf_reloc_e2e_common::synthetic::TARGET_TYPE;
use btf_reloc_runtime::sim::{Struct, Type};

/// One synthetic kernel.
#[derive(Debug, Clone)]
pub(crate) struct Kernel {
    /// Its structs (the one under test, maybe others).
    pub(crate) structs: Vec<Struct>,
    /// Bytes of user memory the struct takes.
    pub(crate) size: usize,
    /// Fields that must be `Ok(None)`.
    pub(crate) missing: &'static [&'static str],
    /// Fields that must be `Err(SizeMismatch)`.
    pub(crate) mismatched: &'static [&'static str],
}

fn kernel(s: Struct, size: usize) -> Kernel {
    Kernel {
        structs: vec![s],
        size,
        missing: &[],
        mismatched: &[],
    }
}

// Target field types, as kernel headers have them.
fn u8_() -> Type {
    Type::int(1, false)
}
fn i16_() -> Type {
    Type::int(2, true)
}
fn u32_() -> Type {
    Type::int(4, false)
}
fn u64_() -> Type {
    Type::int(8, false)
}
fn i64_() -> Type {
    Type::int(8, true)
}
/// `unsigned int[len]`, or an array of other unsigned ints.
fn array(elem_size: usize, len: usize) -> Type {
    Type::array(Type::int(elem_size, false), len)
}

/// `struct btf_reloc_e2e_target` of `size` bytes with `(name, offset, type)` members.
fn target(size: usize, fields: Vec<(&str, usize, Type)>) -> Struct {
    named(TARGET_TYPE, size, fields)
}

fn named(name: &str, size: usize, fields: Vec<(&str, usize, Type)>) -> Struct {
    fields
        .into_iter()
        .fold(Struct::new(name, size), |s, (field, offset, ty)| {
            s.field(field, offset, ty)
        })
}

/// The fields of `reordered`, with the types `f` gives them.
fn reordered_fields(f: impl Fn(&str) -> Option<Type>) -> Vec<(&'static str, usize, Type)> {
    [
        ("p", 0, Type::Ptr),
        ("f", 8, i64_()),
        ("e", 16, u8_()),
        ("d", 18, i16_()),
        ("c", 20, array(4, 4)),
        ("a", 36, u32_()),
        ("b", 40, u64_()),
    ]
    .into_iter()
    .map(|(name, offset, ty)| (name, offset, f(name).unwrap_or(ty)))
    .collect()
}

/// Every field at another offset than the local one: the declaration order reversed.
pub(crate) fn reordered() -> Kernel {
    kernel(target(48, reordered_fields(|_| None)), 48)
}

/// The local order, but with fields the declaration does not know in between (a kernel config
/// adding members), and a tail.
pub(crate) fn padding() -> Kernel {
    kernel(padding_struct(TARGET_TYPE), 128)
}

fn padding_struct(name: &str) -> Struct {
    named(name, 128, padding_fields())
}

fn padding_fields() -> Vec<(&'static str, usize, Type)> {
    vec![
        ("pad0", 0, array(1, 12)),
        ("a", 12, u32_()),
        ("pad1", 16, u64_()),
        ("b", 24, u64_()),
        ("pad2", 32, array(8, 2)),
        ("c", 48, array(4, 4)),
        ("pad3", 64, array(2, 3)),
        ("d", 70, i16_()),
        ("pad4", 72, array(1, 3)),
        ("e", 75, u8_()),
        ("f", 88, i64_()),
        ("p", 104, Type::Ptr),
        ("pad5", 112, array(1, 16)),
    ]
}

/// `c` and, one level deeper, `b` and `f` inside anonymous structs.
pub(crate) fn in_anon_structs() -> Kernel {
    let deeper = Struct::new("", 16)
        .field("b", 0, u64_())
        .field("f", 8, i64_());
    let anon = Struct::new("", 32)
        .field("c", 0, array(4, 4))
        .anonymous(16, deeper);
    let s = Struct::new(TARGET_TYPE, 56)
        .field("x", 0, u64_())
        .anonymous(8, anon)
        .field("a", 40, u32_())
        .field("d", 44, i16_())
        .field("e", 46, u8_())
        .field("p", 48, Type::Ptr);
    kernel(s, 56)
}

/// Fields inside anonymous unions, next to members of other names (which come first), and an
/// anonymous struct inside a union.
pub(crate) fn in_anon_unions() -> Kernel {
    let dea = Struct::new("", 8)
        .field("d", 0, i16_())
        .field("e", 2, u8_())
        .field("a", 4, u32_());
    let first = Struct::union("", 8)
        .field("raw", 0, u64_())
        .anonymous(0, dea);
    let second = Struct::union("", 8)
        .field("addr", 0, u64_())
        .field("p", 0, Type::Ptr);
    let third = Struct::union("", 8)
        .field("halves", 0, array(4, 2))
        .field("f", 0, i64_());
    let s = Struct::new(TARGET_TYPE, 56)
        .field("x", 0, u32_())
        .anonymous(8, first)
        .anonymous(16, second)
        .field("c", 24, array(4, 4))
        .field("b", 40, u64_())
        .anonymous(48, third);
    kernel(s, 56)
}

/// No `e` and no `f`: their getters give `Ok(None)`, the rest still reads.
pub(crate) fn missing_field() -> Kernel {
    Kernel {
        missing: &["e", "f"],
        ..kernel(missing_field_struct(TARGET_TYPE), 48)
    }
}

fn missing_field_struct(name: &str) -> Struct {
    named(
        name,
        48,
        vec![
            ("c", 0, array(4, 4)),
            ("a", 16, u32_()),
            ("d", 20, i16_()),
            ("b", 24, u64_()),
            ("p", 32, Type::Ptr),
        ],
    )
}

/// `a` (u32 → 64 bits), `d` (i16 → 32 bits) and `e` (u8 → 16 bits) wider than declared.
pub(crate) fn int_widened() -> Kernel {
    let s = target(
        64,
        vec![
            ("b", 0, u64_()),
            ("a", 8, u64_()),
            ("d", 16, Type::int(4, true)),
            ("e", 20, Type::int(2, false)),
            ("c", 24, array(4, 4)),
            ("f", 40, i64_()),
            ("p", 48, Type::Ptr),
        ],
    );
    Kernel {
        mismatched: &["a", "d", "e"],
        ..kernel(s, 64)
    }
}

/// `b` (u64 → 32 bits) and `f` (i64 → 16 bits) narrower than declared; `d` the same width
/// but unsigned in the target (signedness is the declaration's business).
pub(crate) fn int_narrowed() -> Kernel {
    let s = target(
        40,
        vec![
            ("a", 0, u32_()),
            ("b", 4, u32_()),
            ("c", 8, array(4, 4)),
            ("d", 24, Type::int(2, false)),
            ("e", 26, u8_()),
            ("f", 28, Type::int(2, true)),
            ("p", 32, Type::Ptr),
        ],
    );
    Kernel {
        mismatched: &["b", "f"],
        ..kernel(s, 40)
    }
}

/// The layout of [`missing_field`], but the target type is `btf_reloc_e2e_target___v3`: the
/// flavor is ignored when matching.
pub(crate) fn flavor_target() -> Kernel {
    Kernel {
        structs: vec![missing_field_struct("btf_reloc_e2e_target___v3")],
        ..missing_field()
    }
}

/// `c` with `len` elements instead of 4: it exists, but its size differs.
pub(crate) fn array_len(len: usize) -> Kernel {
    let c_end = 8 + 4 * len;
    let s = target(
        c_end + 24,
        vec![
            ("b", 0, u64_()),
            ("c", 8, array(4, len)),
            ("a", c_end, u32_()),
            ("d", c_end + 4, i16_()),
            ("e", c_end + 6, u8_()),
            ("f", c_end + 8, i64_()),
            ("p", c_end + 16, Type::Ptr),
        ],
    );
    Kernel {
        mismatched: &["c"],
        ..kernel(s, c_end + 24)
    }
}

/// `c` as `unsigned short[8]`: compatible (arrays match element-wise, ints of any size) and the
/// same 16 bytes, so it reads.
pub(crate) fn array_elem_narrowed() -> Kernel {
    let fields = reordered_fields(|name| (name == "c").then(|| array(2, 8)));
    kernel(target(48, fields), 48)
}

/// `b` is a pointer and `p` an integer in the target: a field of another kind does not exist.
pub(crate) fn pointer_and_int_swapped() -> Kernel {
    let fields = reordered_fields(|name| match name {
        "b" => Some(Type::Ptr),
        "p" => Some(u64_()),
        _ => None,
    });
    Kernel {
        missing: &["b", "p"],
        ..kernel(target(48, fields), 48)
    }
}

/// Every field typed through `typedef const volatile ...`: kernel headers type fields through
/// typedefs (`u32`, `pid_t`, ...) and qualifiers, which the loader resolves before comparing.
pub(crate) fn typedef_qualified() -> Kernel {
    let fields = padding_fields()
        .into_iter()
        .map(|(name, offset, ty)| {
            let qualified = Type::Const(Box::new(Type::Volatile(Box::new(ty))));
            (
                name,
                offset,
                Type::Typedef("btf_reloc_t".into(), Box::new(qualified)),
            )
        })
        .collect();
    kernel(target(128, fields), 128)
}

/// `b` at 70000 bytes, past what a 16-bit instruction offset can hold: the markers are 64-bit
/// immediates, so any offset relocates.
pub(crate) fn large_offset() -> Kernel {
    let fields = reordered_fields(|_| None)
        .into_iter()
        .map(|(name, offset, ty)| (name, if name == "b" { 70_000 } else { offset }, ty))
        .collect();
    kernel(target(70_008, fields), 70_008)
}

/// A kernel without `btf_reloc_e2e_target`, only a struct of another name with its fields:
/// every field is missing.
pub(crate) fn type_absent() -> Kernel {
    Kernel {
        structs: vec![named("btf_reloc_e2e_other", 48, reordered_fields(|_| None))],
        missing: &["a", "b", "c", "d", "e", "f", "p"],
        ..reordered()
    }
}

/// Two flavors of the type with one layout: either candidate gives the same answers.
pub(crate) fn flavors_agreeing() -> Kernel {
    Kernel {
        structs: vec![
            padding_struct("btf_reloc_e2e_target___x"),
            padding_struct("btf_reloc_e2e_target___y"),
        ],
        ..padding()
    }
}

/// Two flavors with different layouts: the relocation is ambiguous.
pub(crate) fn flavors_conflicting() -> Kernel {
    let mut y = reordered_fields(|_| None);
    y.push(("pad", 48, array(1, 80)));
    Kernel {
        structs: vec![
            padding_struct("btf_reloc_e2e_target___x"),
            named("btf_reloc_e2e_target___y", 128, y),
        ],
        ..padding()
    }
}
