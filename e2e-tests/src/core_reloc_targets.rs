//! libbpf's selftest table `core_reloc` (`tools/testing/selftests/bpf/prog_tests/core_reloc.c`),
//! case by case, in libbpf's order ([`cases`]): each case's target, the BTF of its
//! `progs/btf__core_reloc_<case>.c` rebuilt with btf-reloc-btf (one function per case), its
//! input laid out as that target says, and what the program of its [`Family`] must read there,
//! from libbpf's table. A case btf-reloc cannot express has no target and says why ([`Gap`]).
//!
//! The kernel test `core_reloc` (`tests/kernel/core_reloc.rs`) runs every case under aya and
//! under libbpf, asks `btf-reloc check` and the host simulation too, and holds each to what the
//! case says here; [`table`] writes the README's table from the same cases, which a unit test
//! compares with the README (`BLESS=1` rewrites it).

#![allow(non_snake_case)] // One function per case, named as libbpf names the case.

use std::collections::HashMap;
use std::fmt::Write as _;

use btf_reloc_btf::types::{Int, Param, INT_BOOL};
use btf_reloc_btf::{Btf, Kind, NewMember, TypeId};
use btf_reloc_e2e_common::core_reloc::{Family, INPUT_LEN};
use btf_reloc_e2e_common::outcome::{decode, encode, Outcome, Raw};

use crate::Result;

/// What the program of a case stores, slot by slot, or that the object does not load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expected {
    /// The object loads and the program stores these slots.
    Slots(Vec<Raw>),
    /// The loader refuses the object (the relocation is ambiguous: two candidates give two
    /// values).
    LoadFails,
    /// The `type_id` family: each type's `[local id, target id or -1]`, the local id that of the
    /// type of its name and kind in the object's BTF, the target id that in the target's
    /// (libbpf's test finds them the same way), or -1 for every target id without `targets`.
    TypeIds {
        /// Whether the target has the types.
        targets: bool,
    },
}

/// A case's target: the made-up kernel's BTF and the input laid out as it says.
#[derive(Debug, Clone)]
pub struct Target {
    /// The target BTF (what libbpf's `btf__core_reloc_<case>.c` compiles to).
    pub btf: Btf,
    /// The input bytes ([`INPUT_LEN`]).
    pub input: Vec<u8>,
}

/// Why btf-reloc cannot express a case (yet).
pub type Gap = &'static str;

/// One row of libbpf's table.
#[derive(Debug, Clone)]
pub struct Case {
    /// libbpf's case name.
    pub name: &'static str,
    /// What libbpf's table expects, in words (for the README).
    pub libbpf_table: &'static str,
    /// How it runs here, or why it cannot.
    pub run: std::result::Result<Run, Gap>,
}

/// A case btf-reloc expresses.
#[derive(Debug, Clone)]
pub struct Run {
    /// Its program.
    pub family: Family,
    /// Its target.
    pub target: fn() -> Result<Target>,
    /// What libbpf's semantics give, slot by slot (a read libbpf cannot relocate is `None`
    /// here: see `btf_reloc_e2e_common::core_reloc`).
    pub expected: Expected,
    /// Where aya 0.14 gives something else: what, and why.
    pub aya: Option<(Expected, &'static str)>,
    /// Where `btf-reloc check` predicts something else for libbpf than libbpf does: what, and
    /// why (a gap in `check`).
    pub check: Option<(Expected, &'static str)>,
    /// What the case leaves out (a read btf-reloc cannot make), if anything.
    pub partial: &'static str,
}

/// `Ok(Some(v))`.
pub fn value(v: i64) -> Raw {
    encode::<i64>(Ok(Some(v)))
}

/// `Ok(None)`.
pub fn none() -> Raw {
    encode::<i64>(Ok(None))
}

/// `Err(IndexOutOfBounds { index, len })`.
pub fn out_of_bounds(index: usize, len: usize) -> Raw {
    encode::<i64>(Err(
        btf_reloc_runtime::RelocatableFieldAccessError::IndexOutOfBounds { index, len },
    ))
}

/// A field's `[offset, size]` (the `size` family).
pub fn offset_size(offset: i64, size: i64) -> Raw {
    [offset, size, 0, 0]
}

/// An enumerator's `[exists, has value, value]` (the enum families).
pub fn enumerator(v: Option<i64>) -> Raw {
    match v {
        Some(v) => [1, 1, v, 0],
        None => [0, 0, 0, 0],
    }
}

/// A target BTF under construction, with the input written next to it.
struct Builder {
    btf: Btf,
    input: Vec<u8>,
    ints: HashMap<&'static str, TypeId>,
}

impl Builder {
    fn new() -> Self {
        Self {
            btf: Btf::new(),
            input: vec![0; INPUT_LEN],
            ints: HashMap::new(),
        }
    }

    /// The C integer type `name` (`int`, `char`, `long unsigned int`, `_Bool`, ...).
    fn int(&mut self, name: &'static str) -> Result<TypeId> {
        if let Some(&id) = self.ints.get(name) {
            return Ok(id);
        }
        let (size, signed) = match name {
            "char" | "signed char" => (1, true),
            "unsigned char" | "_Bool" => (1, false),
            "short int" => (2, true),
            "short unsigned int" => (2, false),
            "int" => (4, true),
            "unsigned int" => (4, false),
            "long int" | "long long int" => (8, true),
            "long unsigned int" | "long long unsigned int" => (8, false),
            other => return Err(format!("no int `{other}`").into()),
        };
        let id = if name == "_Bool" {
            self.btf.add_named(
                name,
                Kind::Int(Int {
                    size: 1,
                    encoding: INT_BOOL,
                    offset: 0,
                    bits: 8,
                }),
            )?
        } else {
            self.btf.add_int(name, size, signed)?
        };
        self.ints.insert(name, id);
        Ok(id)
    }

    fn composite(
        &mut self,
        name: &str,
        union: bool,
        size: u32,
        members: &[(&str, TypeId, u32)],
    ) -> Result<TypeId> {
        let members: Vec<NewMember<'_>> = members
            .iter()
            .map(|&(name, ty, offset)| NewMember::new(name, ty, offset))
            .collect();
        Ok(self.btf.add_composite(name, union, size, &members)?)
    }

    fn strukt(&mut self, name: &str, size: u32, members: &[(&str, TypeId, u32)]) -> Result<TypeId> {
        self.composite(name, false, size, members)
    }

    /// A struct whose members are `(name, type, bit offset, bits)`, `bits` 0 for a plain one.
    fn strukt_bits(
        &mut self,
        name: &str,
        size: u32,
        members: &[(&str, TypeId, u32, u32)],
    ) -> Result<TypeId> {
        let members: Vec<NewMember<'_>> = members
            .iter()
            .map(|&(name, ty, bit_offset, bits)| NewMember::bitfield(name, ty, bit_offset, bits))
            .collect();
        Ok(self.btf.add_composite(name, false, size, &members)?)
    }

    /// Writes the low `bits` bits of `v` at bit `bit_offset` of the input (little-endian bit
    /// order, as x86 and the BPF target lay bitfields out).
    fn put_bits(&mut self, bit_offset: u32, bits: u32, v: i64) {
        for i in 0..bits {
            let bit = (v as u64 >> i) & 1;
            let at = (bit_offset + i) as usize;
            self.input[at / 8] = self.input[at / 8] & !(1 << (at % 8)) | ((bit as u8) << (at % 8));
        }
    }

    fn union(&mut self, name: &str, size: u32, members: &[(&str, TypeId, u32)]) -> Result<TypeId> {
        self.composite(name, true, size, members)
    }

    fn named(&mut self, name: &str, kind: Kind) -> Result<TypeId> {
        Ok(self.btf.add_named(name, kind)?)
    }

    fn ptr(&mut self, to: TypeId) -> Result<TypeId> {
        self.named("", Kind::Ptr(to))
    }

    fn array(&mut self, elem: TypeId, len: u32) -> Result<TypeId> {
        Ok(self.btf.add_array(elem, len)?)
    }

    /// `int (*)(const char *)`, the function pointer of `core_reloc_primitives`.
    fn int_fn_of_const_char_ptr(&mut self) -> Result<TypeId> {
        let int = self.int("int")?;
        let char_ = self.int("char")?;
        let const_char = self.named("", Kind::Const(char_))?;
        let arg = self.ptr(const_char)?;
        let proto = self.named(
            "",
            Kind::FuncProto {
                ret: int,
                params: vec![Param {
                    name_off: 0,
                    ty: arg,
                }],
            },
        )?;
        self.ptr(proto)
    }

    fn put(&mut self, offset: usize, bytes: &[u8]) {
        self.input[offset..offset + bytes.len()].copy_from_slice(bytes);
    }

    fn put_i32(&mut self, offset: usize, v: i32) {
        self.put(offset, &v.to_ne_bytes());
    }

    fn put_u64(&mut self, offset: usize, v: u64) {
        self.put(offset, &v.to_ne_bytes());
    }

    fn done(self) -> Result<Target> {
        Ok(Target {
            btf: self.btf,
            input: self.input,
        })
    }
}

// --- flavors -----------------------------------------------------------------------------------

fn flavors_target(name: &str) -> Result<Target> {
    let mut b = Builder::new();
    let int = b.int("int")?;
    b.strukt(name, 12, &[("a", int, 0), ("b", int, 4), ("c", int, 8)])?;
    b.put_i32(0, 42);
    b.put_i32(4, 0xc001);
    b.put_i32(8, 0xbeef);
    b.done()
}

fn flavors() -> Result<Target> {
    flavors_target("core_reloc_flavors")
}

fn flavors__err_wrong_name() -> Result<Target> {
    flavors_target("core_reloc_flavors__err_wrong_name")
}

// --- nesting -----------------------------------------------------------------------------------

/// `struct { struct { int NAME; } NAME; }` (4 bytes, `NAME.NAME` at 0).
fn nested_int(b: &mut Builder, name: &str) -> Result<TypeId> {
    let int = b.int("int")?;
    let innermost = b.strukt("", 4, &[(name, int, 0)])?;
    b.strukt("", 4, &[(name, innermost, 0)])
}

fn nesting() -> Result<Target> {
    let mut b = Builder::new();
    let int = b.int("int")?;
    let substruct = b.strukt("core_reloc_nesting_substruct", 4, &[("a", int, 0)])?;
    let subunion = b.union("core_reloc_nesting_subunion", 4, &[("b", int, 0)])?;
    let a = b.union("", 4, &[("a", substruct, 0)])?;
    let bb = b.strukt("", 4, &[("b", subunion, 0)])?;
    b.strukt("core_reloc_nesting", 8, &[("a", a, 0), ("b", bb, 4)])?;
    b.put_i32(0, 42);
    b.put_i32(4, 0xc001);
    b.done()
}

fn nesting___anon_embed() -> Result<Target> {
    let mut b = Builder::new();
    let int = b.int("int")?;
    let sa = b.strukt("", 4, &[("a", int, 0)])?;
    let a = b.union("", 4, &[("a", sa, 0)])?;
    let ub = b.union("", 4, &[("b", int, 0)])?;
    let bb = b.strukt("", 4, &[("b", ub, 0)])?;
    b.strukt(
        "core_reloc_nesting___anon_embed",
        12,
        &[("__just_for_padding", int, 0), ("a", a, 4), ("b", bb, 8)],
    )?;
    b.put_i32(4, 42);
    b.put_i32(8, 0xc001);
    b.done()
}

fn nesting___struct_union_mixup() -> Result<Target> {
    let mut b = Builder::new();
    let int = b.int("int")?;
    let char_ = b.int("char")?;
    let ua = b.union("", 4, &[("__a", char_, 0), ("a", int, 0)])?;
    let a = b.strukt("", 8, &[("__a", int, 0), ("a", ua, 4)])?;
    let ub = b.union("", 4, &[("__b", char_, 0), ("b", int, 0)])?;
    let bb = b.union("", 4, &[("__b", int, 0), ("b", ub, 0)])?;
    b.strukt(
        "core_reloc_nesting___struct_union_mixup",
        20,
        &[
            ("__a", int, 0),
            ("a", a, 4),
            ("__b", int, 12),
            ("b", bb, 16),
        ],
    )?;
    b.put_i32(8, 42);
    b.put_i32(16, 0xc001);
    b.done()
}

fn nesting___extra_nesting() -> Result<Target> {
    let mut b = Builder::new();
    let int = b.int("int")?;
    // a: struct { struct { struct { union { int a; } a; }; }; }
    let ua = b.union("", 4, &[("a", int, 0)])?;
    let s3 = b.strukt("", 4, &[("a", ua, 0)])?;
    let s2 = b.strukt("", 4, &[("", s3, 0)])?;
    let a = b.strukt("", 4, &[("", s2, 0)])?;
    // struct { union { union { union { struct { int b; }; } b; }; } b; }
    let sb = b.strukt("", 4, &[("b", int, 0)])?;
    let u3 = b.union("", 4, &[("", sb, 0)])?;
    let u2 = b.union("", 4, &[("b", u3, 0)])?;
    let u1 = b.union("", 4, &[("", u2, 0)])?;
    let sbb = b.strukt("", 4, &[("b", u1, 0)])?;
    let outer = b.strukt(
        "",
        12,
        &[("a", a, 0), ("__some_more", int, 4), ("", sbb, 8)],
    )?;
    b.strukt(
        "core_reloc_nesting___extra_nesting",
        16,
        &[("__padding", int, 0), ("", outer, 4)],
    )?;
    b.put_i32(4, 42);
    b.put_i32(12, 0xc001);
    b.done()
}

fn nesting___dup_compat_types() -> Result<Target> {
    let mut b = Builder::new();
    let int = b.int("int")?;
    let char_ = b.int("char")?;
    let llong = b.int("long long int")?;
    // ___dup_compat_types: a.a.a at 4, b.b.b at 16.
    let a1 = nested_int(&mut b, "a")?;
    let b1 = nested_int(&mut b, "b")?;
    b.strukt(
        "core_reloc_nesting___dup_compat_types",
        24,
        &[
            ("__just_for_padding", char_, 0),
            ("a", a1, 4),
            ("__more_padding", llong, 8),
            ("b", b1, 16),
        ],
    )?;
    // ___dup_compat_types__2: zero-length arrays and an anonymous struct on the way.
    let noop = b.array(int, 0)?;
    let noop_chars = b.array(char_, 0)?;
    let inner_a = b.strukt(
        "",
        4,
        &[("__some_more_noops", noop_chars, 0), ("a", int, 0)],
    )?;
    let a2 = b.strukt("", 4, &[("__trickier_noop", noop, 0), ("a", inner_a, 0)])?;
    let inner_b = b.strukt("", 8, &[("__critical_padding", int, 0), ("b", int, 4)])?;
    let anon_b = b.strukt("", 12, &[("b", inner_b, 0), ("__does_not_matter", int, 8)])?;
    let b2 = b.strukt("", 12, &[("", anon_b, 0)])?;
    b.strukt(
        "core_reloc_nesting___dup_compat_types__2",
        28,
        &[
            ("__aligned_padding", int, 0),
            ("a", a2, 4),
            ("__more_padding", int, 8),
            ("b", b2, 12),
            ("__more_irrelevant_stuff", int, 24),
        ],
    )?;
    // ___dup_compat_types__3: `b` aligned to 16.
    let pad = b.array(char_, 4)?;
    let a3 = nested_int(&mut b, "a")?;
    let b3 = nested_int(&mut b, "b")?;
    b.strukt(
        "core_reloc_nesting___dup_compat_types__3",
        32,
        &[("__correct_padding", pad, 0), ("a", a3, 4), ("b", b3, 16)],
    )?;
    b.put_i32(4, 42);
    b.put_i32(16, 0xc001);
    b.done()
}

/// `a` as `struct { struct { int a; } a; }` at 0, then `b` as `make_b` builds it, at 4.
fn nesting_err(name: &str, make_b: fn(&mut Builder) -> Result<TypeId>) -> Result<Target> {
    let mut b = Builder::new();
    let a = nested_int(&mut b, "a")?;
    let bb = make_b(&mut b)?;
    b.strukt(name, 16, &[("a", a, 0), ("b", bb, 4)])?;
    b.put_i32(0, 42);
    b.put_i32(4, 0xc001);
    b.done()
}

fn nesting___err_missing_field() -> Result<Target> {
    nesting_err("core_reloc_nesting___err_missing_field", |b| {
        // struct { struct { int x; } b; }
        let int = b.int("int")?;
        let inner = b.strukt("", 4, &[("x", int, 0)])?;
        b.strukt("", 4, &[("b", inner, 0)])
    })
}

fn nesting___err_array_field() -> Result<Target> {
    nesting_err("core_reloc_nesting___err_array_field", |b| {
        let int = b.int("int")?;
        let arr = b.array(int, 1)?;
        let inner = b.strukt("", 4, &[("b", arr, 0)])?;
        b.strukt("", 4, &[("b", inner, 0)])
    })
}

fn nesting___err_missing_container() -> Result<Target> {
    nesting_err("core_reloc_nesting___err_missing_container", |b| {
        let int = b.int("int")?;
        b.strukt("", 4, &[("x", int, 0)])
    })
}

fn nesting___err_nonstruct_container() -> Result<Target> {
    nesting_err("core_reloc_nesting___err_nonstruct_container", |b| {
        let int = b.int("int")?;
        let inner = b.strukt("", 4, &[("b", int, 0)])?;
        let ptr = b.ptr(inner)?;
        b.strukt("", 8, &[("b", ptr, 0)])
    })
}

fn nesting___err_array_container() -> Result<Target> {
    nesting_err("core_reloc_nesting___err_array_container", |b| {
        let int = b.int("int")?;
        let inner = b.strukt("", 4, &[("b", int, 0)])?;
        let arr = b.array(inner, 1)?;
        b.strukt("", 4, &[("b", arr, 0)])
    })
}

fn nesting___err_dup_incompat_types() -> Result<Target> {
    let mut b = Builder::new();
    let int = b.int("int")?;
    let a1 = nested_int(&mut b, "a")?;
    let b1 = nested_int(&mut b, "b")?;
    b.strukt(
        "core_reloc_nesting___err_dup_incompat_types__1",
        8,
        &[("a", a1, 0), ("b", b1, 4)],
    )?;
    let a2 = nested_int(&mut b, "a")?;
    let b2 = nested_int(&mut b, "b")?;
    b.strukt(
        "core_reloc_nesting___err_dup_incompat_types__2",
        12,
        &[("a", a2, 0), ("__extra_padding", int, 4), ("b", b2, 8)],
    )?;
    b.put_i32(0, 42);
    b.put_i32(4, 0xc001);
    b.done()
}

fn nesting___err_partial_match_dups() -> Result<Target> {
    let mut b = Builder::new();
    let a = nested_int(&mut b, "a")?;
    b.strukt(
        "core_reloc_nesting___err_partial_match_dups__a",
        4,
        &[("a", a, 0)],
    )?;
    let bb = nested_int(&mut b, "b")?;
    b.strukt(
        "core_reloc_nesting___err_partial_match_dups__b",
        4,
        &[("b", bb, 0)],
    )?;
    // Both candidates have their one path at offset 0.
    b.put_i32(0, 42);
    b.done()
}

fn nesting___err_too_deep() -> Result<Target> {
    nesting_err("core_reloc_nesting___err_too_deep", |b| {
        let int = b.int("int")?;
        // 61 anonymous structs between `b.b` and `b`: 65 levels, one past libbpf's limit.
        let mut inner = b.strukt("", 4, &[("b", int, 0)])?;
        for _ in 0..60 {
            inner = b.strukt("", 4, &[("", inner, 0)])?;
        }
        let bb = b.strukt("", 4, &[("b", inner, 0)])?;
        b.strukt("", 4, &[("b", bb, 0)])
    })
}

// --- arrays ------------------------------------------------------------------------------------

/// The members of `struct core_reloc_arrays` after `a`: `char b[2][3][4]` at 20, `c[3]` at 44,
/// `d[1][2]` at 68, `f[][2]` at 84 (of `struct core_reloc_arrays_substruct { int c, d; }`).
fn arrays_target(name: &str, a_len: Option<u32>, a_at: u32) -> Result<Target> {
    let mut b = Builder::new();
    let int = b.int("int")?;
    let char_ = b.int("char")?;
    let sub = b.strukt(
        "core_reloc_arrays_substruct",
        8,
        &[("c", int, 0), ("d", int, 4)],
    )?;
    let a = match a_len {
        Some(len) => b.array(int, len)?,
        None => int,
    };
    let b4 = b.array(char_, 4)?;
    let b34 = b.array(b4, 3)?;
    let b234 = b.array(b34, 2)?;
    let c = b.array(sub, 3)?;
    let d2 = b.array(sub, 2)?;
    let d = b.array(d2, 1)?;
    let f = b.array(d2, 0)?;
    let a_size = a_len.map_or(4, |len| 4 * len);
    let after = a_at + a_size;
    b.strukt(
        name,
        after + 64,
        &[
            ("a", a, a_at),
            ("b", b234, after),
            ("c", c, after + 24),
            ("d", d, after + 48),
            ("f", f, after + 64),
        ],
    )?;
    if a_len.is_some_and(|len| len > 2) {
        b.put_i32(a_at as usize + 8, 1);
    }
    b.done()
}

fn arrays() -> Result<Target> {
    arrays_target("core_reloc_arrays", Some(5), 0)
}

fn arrays___diff_arr_dim() -> Result<Target> {
    arrays_target("core_reloc_arrays___diff_arr_dim", Some(7), 0)
}

fn arrays___diff_arr_val_sz() -> Result<Target> {
    arrays_target("core_reloc_arrays___diff_arr_val_sz", Some(5), 0)
}

fn arrays___equiv_zero_sz_arr() -> Result<Target> {
    arrays_target("core_reloc_arrays___equiv_zero_sz_arr", Some(5), 0)
}

fn arrays___fixed_arr() -> Result<Target> {
    arrays_target("core_reloc_arrays___fixed_arr", Some(5), 0)
}

fn arrays___err_too_small() -> Result<Target> {
    arrays_target("core_reloc_arrays___err_too_small", Some(2), 0)
}

fn arrays___err_too_shallow() -> Result<Target> {
    arrays_target("core_reloc_arrays___err_too_shallow", Some(5), 0)
}

fn arrays___err_non_array() -> Result<Target> {
    arrays_target("core_reloc_arrays___err_non_array", None, 0)
}

fn arrays___err_wrong_val_type() -> Result<Target> {
    arrays_target("core_reloc_arrays___err_wrong_val_type", Some(5), 0)
}

fn arrays___err_bad_zero_sz_arr() -> Result<Target> {
    arrays_target("core_reloc_arrays___err_bad_zero_sz_arr", Some(5), 0)
}

// --- primitives --------------------------------------------------------------------------------

/// Where each member of a `core_reloc_primitives` target is, and what it is.
struct PrimitivesLayout {
    a: (u32, bool),
    b: (u32, bool),
    c: (u32, bool),
    d: (u32, bool),
    f: u32,
    size: u32,
}

/// A primitives target: `a` is `char` (or `char[1]` when not `.1`), `b` `int` (or `int *`), `c`
/// the enum (or `int`), `d` `void *` (or `int`); `f` always `int (*)(const char *)`, except
/// `diff_f`.
fn primitives_target(
    name: &str,
    l: PrimitivesLayout,
    enum_name: &str,
    enum_values: &[(&str, i64)],
    other_f: bool,
    const_char_d: bool,
) -> Result<Target> {
    let mut b = Builder::new();
    let char_ = b.int("char")?;
    let int = b.int("int")?;
    let a = if l.a.1 { char_ } else { b.array(char_, 1)? };
    let bt = if l.b.1 { int } else { b.ptr(int)? };
    let c = if l.c.1 {
        b.btf.add_enum(enum_name, 4, false, false, enum_values)?
    } else {
        int
    };
    let d = if l.d.1 {
        if const_char_d {
            let cc = b.named("", Kind::Const(char_))?;
            let p = b.ptr(cc)?;
            b.named("", Kind::Const(p))?
        } else {
            b.ptr(0)?
        }
    } else {
        int
    };
    let f = if other_f {
        let proto = b.named(
            "",
            Kind::FuncProto {
                ret: 0,
                params: vec![Param {
                    name_off: 0,
                    ty: int,
                }],
            },
        )?;
        b.ptr(proto)?
    } else {
        b.int_fn_of_const_char_ptr()?
    };
    b.strukt(
        name,
        l.size,
        &[
            ("a", a, l.a.0),
            ("b", bt, l.b.0),
            ("c", c, l.c.0),
            ("d", d, l.d.0),
            ("f", f, l.f),
        ],
    )?;
    b.put(l.a.0 as usize, &[1]);
    b.put_i32(l.b.0 as usize, 2);
    b.put_i32(l.c.0 as usize, 3);
    b.put_u64(l.d.0 as usize, 4);
    b.put_u64(l.f as usize, 5);
    b.done()
}

const PRIMITIVES_ENUM: &[(&str, i64)] = &[("A", 0), ("B", 1)];

fn primitives() -> Result<Target> {
    primitives_target(
        "core_reloc_primitives",
        PrimitivesLayout {
            a: (0, true),
            b: (4, true),
            c: (8, true),
            d: (16, true),
            f: 24,
            size: 32,
        },
        "core_reloc_primitives_enum",
        PRIMITIVES_ENUM,
        false,
        false,
    )
}

fn primitives___diff_enum_def() -> Result<Target> {
    primitives_target(
        "core_reloc_primitives___diff_enum_def",
        PrimitivesLayout {
            a: (0, true),
            b: (4, true),
            d: (8, true),
            f: 16,
            c: (24, true),
            size: 32,
        },
        "",
        &[("X", 100), ("Y", 200)],
        false,
        false,
    )
}

fn primitives___diff_func_proto() -> Result<Target> {
    primitives_target(
        "core_reloc_primitives___diff_func_proto",
        PrimitivesLayout {
            f: 0,
            d: (8, true),
            c: (16, true),
            b: (20, true),
            a: (24, true),
            size: 32,
        },
        "core_reloc_primitives_enum",
        PRIMITIVES_ENUM,
        true,
        false,
    )
}

fn primitives___diff_ptr_type() -> Result<Target> {
    primitives_target(
        "core_reloc_primitives___diff_ptr_type",
        PrimitivesLayout {
            d: (0, true),
            a: (8, true),
            b: (12, true),
            c: (16, true),
            f: 24,
            size: 32,
        },
        "core_reloc_primitives_enum",
        PRIMITIVES_ENUM,
        false,
        true,
    )
}

fn primitives___err_non_enum() -> Result<Target> {
    primitives_target(
        "core_reloc_primitives___err_non_enum",
        PrimitivesLayout {
            a: (0, false),
            b: (4, true),
            c: (8, false),
            d: (16, true),
            f: 24,
            size: 32,
        },
        "core_reloc_primitives_enum",
        PRIMITIVES_ENUM,
        false,
        false,
    )
}

fn primitives___err_non_int() -> Result<Target> {
    primitives_target(
        "core_reloc_primitives___err_non_int",
        PrimitivesLayout {
            a: (0, false),
            b: (8, false),
            c: (16, true),
            d: (24, true),
            f: 32,
            size: 40,
        },
        "core_reloc_primitives_enum",
        PRIMITIVES_ENUM,
        false,
        false,
    )
}

fn primitives___err_non_ptr() -> Result<Target> {
    primitives_target(
        "core_reloc_primitives___err_non_ptr",
        PrimitivesLayout {
            a: (0, false),
            b: (4, true),
            c: (8, true),
            d: (12, false),
            f: 16,
            size: 24,
        },
        "core_reloc_primitives_enum",
        PRIMITIVES_ENUM,
        false,
        false,
    )
}

// --- mods --------------------------------------------------------------------------------------

/// The typedefs and modifiers of `core_reloc_types.h`'s mods section.
struct ModsTypes {
    int: TypeId,
    int_t: TypeId,
    char_ptr: TypeId,
    char_ptr_t: TypeId,
    int3: TypeId,
    arr_t: TypeId,
    substruct: TypeId,
    substruct_t: TypeId,
}

fn mods_types(b: &mut Builder) -> Result<ModsTypes> {
    let int = b.int("int")?;
    let char_ = b.int("char")?;
    let const_int = b.named("", Kind::Const(int))?;
    let int_t = b.named("int_t", Kind::Typedef(const_int))?;
    let char_ptr = b.ptr(char_)?;
    let const_char = b.named("", Kind::Const(char_))?;
    let const_char_ptr = b.ptr(const_char)?;
    let char_ptr_t = b.named("char_ptr_t", Kind::Typedef(const_char_ptr))?;
    let int3 = b.array(int, 3)?;
    let arr7 = b.array(const_int, 7)?;
    let arr_t = b.named("arr_t", Kind::Typedef(arr7))?;
    let substruct = b.strukt(
        "core_reloc_mods_substruct",
        8,
        &[("x", int, 0), ("y", int, 4)],
    )?;
    let anon = b.strukt("", 8, &[("x", int, 0), ("y", int, 4)])?;
    let substruct_t = b.named("core_reloc_mods_substruct_t", Kind::Typedef(anon))?;
    Ok(ModsTypes {
        int,
        int_t,
        char_ptr,
        char_ptr_t,
        int3,
        arr_t,
        substruct,
        substruct_t,
    })
}

/// Writes `a`..`h` = 1..8 at the offsets given (`e` and `f` are the element offsets read).
fn mods_input(b: &mut Builder, [a, bb, c, d, e2, f1, gx, hy]: [usize; 8]) {
    b.put_i32(a, 1);
    b.put_i32(bb, 2);
    b.put_u64(c, 3);
    b.put_u64(d, 4);
    b.put_i32(e2, 5);
    b.put_i32(f1, 6);
    b.put_i32(gx, 7);
    b.put_i32(hy, 8);
}

fn mods() -> Result<Target> {
    let mut b = Builder::new();
    let t = mods_types(&mut b)?;
    b.strukt(
        "core_reloc_mods",
        80,
        &[
            ("a", t.int, 0),
            ("b", t.int_t, 4),
            ("c", t.char_ptr, 8),
            ("d", t.char_ptr_t, 16),
            ("e", t.int3, 24),
            ("f", t.arr_t, 36),
            ("g", t.substruct, 64),
            ("h", t.substruct_t, 72),
        ],
    )?;
    mods_input(&mut b, [0, 4, 8, 16, 32, 40, 64, 76]);
    b.done()
}

fn mods___mod_swap() -> Result<Target> {
    let mut b = Builder::new();
    let t = mods_types(&mut b)?;
    let h = b.strukt("", 8, &[("y", t.int, 0), ("x", t.int, 4)])?;
    b.strukt(
        "core_reloc_mods___mod_swap",
        80,
        &[
            ("b", t.int, 0),
            ("a", t.int_t, 4),
            ("d", t.char_ptr, 8),
            ("c", t.char_ptr_t, 16),
            ("f", t.int3, 24),
            ("e", t.arr_t, 36),
            ("h", h, 64),
            ("g", t.substruct_t, 72),
        ],
    )?;
    mods_input(&mut b, [4, 0, 16, 8, 44, 28, 72, 64]);
    b.done()
}

fn mods___typedefs() -> Result<Target> {
    let mut b = Builder::new();
    let t = mods_types(&mut b)?;
    let int1 = b.named("int1_t", Kind::Typedef(t.int))?;
    let int2 = b.named("int2_t", Kind::Typedef(int1))?;
    let int3 = b.named("int3_t", Kind::Typedef(int2))?;
    let arr5 = b.array(t.int, 5)?;
    let arr1 = b.named("arr1_t", Kind::Typedef(arr5))?;
    let arr2 = b.named("arr2_t", Kind::Typedef(arr1))?;
    let arr3 = b.named("arr3_t", Kind::Typedef(arr2))?;
    let arr4 = b.named("arr4_t", Kind::Typedef(arr3))?;
    let char_ = b.int("char")?;
    let const_char = b.named("", Kind::Const(char_))?;
    let ptr = b.ptr(const_char)?;
    let volatile = b.named("", Kind::Volatile(ptr))?;
    let konst = b.named("", Kind::Const(volatile))?;
    let fancy = b.named("fancy_char_ptr_t", Kind::Typedef(konst))?;
    let tt = b.named("core_reloc_mods_substruct_tt", Kind::Typedef(t.substruct_t))?;
    b.strukt(
        "core_reloc_mods___typedefs",
        80,
        &[
            ("g", tt, 0),
            ("h", tt, 8),
            ("f", arr4, 16),
            ("e", arr4, 36),
            ("d", fancy, 56),
            ("c", fancy, 64),
            ("b", int3, 72),
            ("a", int3, 76),
        ],
    )?;
    mods_input(&mut b, [76, 72, 64, 56, 44, 20, 0, 12]);
    b.done()
}

// --- ptr_as_arr --------------------------------------------------------------------------------

/// Three elements of the type (of `size` bytes, `a` at `a_at`), `a` = 1, 2, 3.
fn ptr_as_arr_input(b: &mut Builder, size: usize, a_at: usize) {
    for (i, v) in (1..=3).enumerate() {
        b.put_i32(i * size + a_at, v);
    }
}

fn ptr_as_arr() -> Result<Target> {
    let mut b = Builder::new();
    let int = b.int("int")?;
    b.strukt("core_reloc_ptr_as_arr", 4, &[("a", int, 0)])?;
    ptr_as_arr_input(&mut b, 4, 0);
    b.done()
}

fn ptr_as_arr___diff_sz() -> Result<Target> {
    let mut b = Builder::new();
    let int = b.int("int")?;
    let char_ = b.int("char")?;
    // `int :32; char __some_more_padding; int a;`
    b.strukt_bits(
        "core_reloc_ptr_as_arr___diff_sz",
        12,
        &[
            ("", int, 0, 32),
            ("__some_more_padding", char_, 32, 0),
            ("a", int, 64, 0),
        ],
    )?;
    ptr_as_arr_input(&mut b, 12, 8);
    b.done()
}

// --- ints --------------------------------------------------------------------------------------

fn ints_target(name: &str, types: [&'static str; 8]) -> Result<Target> {
    let mut b = Builder::new();
    let names = [
        "u8_field",
        "s8_field",
        "u16_field",
        "s16_field",
        "u32_field",
        "s32_field",
        "u64_field",
        "s64_field",
    ];
    let offsets = [0, 1, 2, 4, 8, 12, 16, 24];
    let mut members = Vec::new();
    for (i, ty) in types.iter().enumerate() {
        members.push((names[i], b.int(ty)?, offsets[i]));
    }
    b.strukt(name, 32, &members)?;
    b.put(0, &[1]);
    b.put(1, &[2]);
    b.put(2, &3u16.to_ne_bytes());
    b.put(4, &4u16.to_ne_bytes());
    b.put(8, &5u32.to_ne_bytes());
    b.put(12, &6u32.to_ne_bytes());
    b.put_u64(16, 7);
    b.put_u64(24, 8);
    b.done()
}

fn ints() -> Result<Target> {
    ints_target(
        "core_reloc_ints",
        [
            "unsigned char",
            "signed char",
            "short unsigned int",
            "short int",
            "unsigned int",
            "int",
            "long unsigned int",
            "long int",
        ],
    )
}

fn ints___bool() -> Result<Target> {
    ints_target(
        "core_reloc_ints___bool",
        [
            "_Bool",
            "signed char",
            "short unsigned int",
            "short int",
            "unsigned int",
            "int",
            "long unsigned int",
            "long int",
        ],
    )
}

fn ints___reverse_sign() -> Result<Target> {
    ints_target(
        "core_reloc_ints___reverse_sign",
        [
            "signed char",
            "unsigned char",
            "short int",
            "short unsigned int",
            "int",
            "unsigned int",
            "long int",
            "long unsigned int",
        ],
    )
}

// --- existence ---------------------------------------------------------------------------------

fn existence() -> Result<Target> {
    let mut b = Builder::new();
    let int = b.int("int")?;
    let anon = b.strukt("", 4, &[("b", int, 0)])?;
    let arr = b.array(int, 1)?;
    let s = b.strukt("", 4, &[("x", int, 0)])?;
    b.strukt(
        "core_reloc_existence",
        20,
        &[
            ("a", int, 0),
            ("", anon, 4),
            ("c", int, 8),
            ("arr", arr, 12),
            ("s", s, 16),
        ],
    )?;
    for (i, v) in (1..=5).enumerate() {
        b.put_i32(4 * i, v);
    }
    b.done()
}

fn existence___minimal() -> Result<Target> {
    let mut b = Builder::new();
    let int = b.int("int")?;
    b.strukt("core_reloc_existence___minimal", 4, &[("a", int, 0)])?;
    b.put_i32(0, 42);
    b.done()
}

fn existence___wrong_field_defs() -> Result<Target> {
    let mut b = Builder::new();
    let int = b.int("int")?;
    let void_ptr = b.ptr(0)?;
    let arr = b.array(int, 1)?;
    let c = b.strukt("", 4, &[("x", int, 0)])?;
    b.strukt(
        "core_reloc_existence___wrong_field_defs",
        24,
        &[
            ("a", void_ptr, 0),
            ("b", arr, 8),
            ("c", c, 12),
            ("arr", int, 16),
            ("s", int, 20),
        ],
    )?;
    b.done()
}

// --- bitfields ---------------------------------------------------------------------------------

/// One member of a bitfields target: name, C type, bit offset, bits (0 for a plain member, whose
/// width is then its type's).
type BitMember = (&'static str, &'static str, u32, u32);

/// The names of `struct core_reloc_bitfields`'s members, in the order of [`BITFIELD_VALUES`].
const BITFIELD_NAMES: [&str; 7] = ["ub1", "ub2", "ub7", "sb4", "sb20", "u32", "s32"];

/// A bitfields target of `size` bytes, each member holding `values[i]` (by name).
fn bitfields_target(
    name: &str,
    size: u32,
    members: [BitMember; 7],
    values: [i64; 7],
) -> Result<Target> {
    let mut b = Builder::new();
    let mut ms = Vec::new();
    for (member, ty, bit_offset, bits) in members {
        let id = b.int(ty)?;
        let width = if bits > 0 {
            bits
        } else {
            8 * u32::try_from(b.btf.resolve_size(id)?)?
        };
        let i = BITFIELD_NAMES
            .iter()
            .position(|n| *n == member)
            .ok_or("no such member")?;
        b.put_bits(bit_offset, width.min(64), values[i]);
        ms.push((member, id, bit_offset, bits));
    }
    b.strukt_bits(name, size, &ms)?;
    b.done()
}

/// `ub1=1 ub2=2 ub7=96 sb4=-7 sb20=-0x76543 u32=0x80000000 s32=-0x76543210`.
const BITFIELD_VALUES: [i64; 7] = [1, 2, 96, -7, -0x76543, 0x8000_0000, -0x7654_3210];

fn bitfields() -> Result<Target> {
    bitfields_target(
        "core_reloc_bitfields",
        16,
        [
            ("ub1", "unsigned char", 0, 1),
            ("ub2", "unsigned char", 1, 2),
            ("ub7", "unsigned int", 3, 7),
            ("sb4", "signed char", 10, 4),
            ("sb20", "int", 32, 20),
            ("u32", "unsigned int", 64, 0),
            ("s32", "int", 96, 0),
        ],
        BITFIELD_VALUES,
    )
}

const BIT_SZ_CHANGE_VALUES: [i64; 7] = [
    6,
    0xABCDE,
    1,
    -1,
    -0x1765_4321,
    0xBEEF,
    -0x3FED_CBA9_8765_4321,
];

fn bitfields___bit_sz_change() -> Result<Target> {
    bitfields_target(
        "core_reloc_bitfields___bit_sz_change",
        24,
        [
            ("ub1", "short unsigned int", 0, 3),
            ("ub2", "unsigned int", 3, 20),
            ("ub7", "unsigned char", 23, 1),
            ("sb4", "signed char", 24, 1),
            ("sb20", "int", 32, 30),
            ("u32", "short unsigned int", 64, 0),
            ("s32", "long int", 128, 0),
        ],
        BIT_SZ_CHANGE_VALUES,
    )
}

const BITFIELD_VS_INT_VALUES: [i64; 7] = [
    0xFEDC_BA98_7654_3210_u64 as i64,
    0xA6,
    -0x07ED_CBA9_8765_4321,
    -0x0612_3456_789A_BCDE,
    0xD00D,
    -0x76543,
    0x0ADE_ADBE_EFBA_DB0B,
];

fn bitfields___bitfield_vs_int() -> Result<Target> {
    bitfields_target(
        "core_reloc_bitfields___bitfield_vs_int",
        56,
        [
            ("ub1", "long unsigned int", 0, 0),
            ("ub2", "unsigned char", 64, 0),
            ("ub7", "long int", 128, 0),
            ("sb4", "long int", 192, 0),
            ("sb20", "long unsigned int", 256, 0),
            ("u32", "int", 320, 20),
            ("s32", "long unsigned int", 384, 60),
        ],
        BITFIELD_VS_INT_VALUES,
    )
}

const JUST_BIG_ENOUGH_VALUES: [i64; 7] = [0xF, 0x0812_3456_78FE_DCBA, 0, 0, 0, 0, 0];

fn bitfields___just_big_enough() -> Result<Target> {
    bitfields_target(
        "core_reloc_bitfields___just_big_enough",
        28,
        [
            ("ub1", "long unsigned int", 0, 4),
            ("ub2", "long unsigned int", 4, 60),
            ("ub7", "unsigned int", 64, 0),
            ("sb4", "unsigned int", 96, 0),
            ("sb20", "unsigned int", 128, 0),
            ("u32", "unsigned int", 160, 0),
            ("s32", "unsigned int", 192, 0),
        ],
        JUST_BIG_ENOUGH_VALUES,
    )
}

fn bitfields___err_too_big_bitfield() -> Result<Target> {
    bitfields_target(
        "core_reloc_bitfields___err_too_big_bitfield",
        29,
        [
            ("ub1", "long unsigned int", 0, 4),
            ("ub2", "long unsigned int", 4, 61),
            ("ub7", "unsigned int", 72, 0),
            ("sb4", "unsigned int", 104, 0),
            ("sb20", "unsigned int", 136, 0),
            ("u32", "unsigned int", 168, 0),
            ("s32", "unsigned int", 200, 0),
        ],
        [0xF, 0x0812_3456_78FE_DCBA, 0, 0, 0, 0, 0],
    )
}

/// What the probed read of each member gives: the value, its width's bits sign- or
/// zero-extended as the target's type says, which for these values is the value.
fn bitfield_slots(values: [i64; 7]) -> Vec<Raw> {
    values.map(value).to_vec()
}

// --- type_based and type_id -------------------------------------------------------------------

/// The types of libbpf's `type_based` targets, with `flavor` after every name.
struct TypeSet<'a> {
    flavor: &'a str,
    /// `a_struct`'s size and members (all `int`).
    a_struct: (u32, &'a [(&'a str, u32)]),
    /// `a_union`'s size and members (all `int`).
    a_union: (u32, &'a [&'a str]),
    /// `an_enum`: size, enumerators.
    an_enum: (u32, &'a [(&'a str, i64)]),
    /// `anon_struct_typedef`'s size and members (all `int`).
    anon_struct: (u32, &'a [&'a str]),
    /// `enum_typedef`'s enumerators (an anonymous enum).
    enum_typedef: &'a [(&'a str, i64)],
}

/// `values` with `flavor` after each name.
fn flavored(values: &[(&str, i64)], flavor: &str) -> Vec<(String, i64)> {
    values
        .iter()
        .map(|&(n, v)| (format!("{n}{flavor}"), v))
        .collect()
}

fn type_set(b: &mut Builder, t: &TypeSet<'_>) -> Result<()> {
    let f = t.flavor;
    let int = b.int("int")?;
    let members: Vec<(&str, TypeId, u32)> =
        t.a_struct.1.iter().map(|&(n, o)| (n, int, o)).collect();
    let a_struct = b.strukt(&format!("a_struct{f}"), t.a_struct.0, &members)?;
    let members: Vec<(&str, TypeId, u32)> = t.a_union.1.iter().map(|&n| (n, int, 0)).collect();
    b.union(&format!("a_union{f}"), t.a_union.0, &members)?;
    let values = flavored(t.an_enum.1, f);
    let values: Vec<(&str, i64)> = values.iter().map(|(n, v)| (n.as_str(), *v)).collect();
    b.btf
        .add_enum(&format!("an_enum{f}"), t.an_enum.0, false, false, &values)?;
    b.named(&format!("named_struct_typedef{f}"), Kind::Typedef(a_struct))?;
    let members: Vec<(&str, TypeId, u32)> = t
        .anon_struct
        .1
        .iter()
        .zip(0..)
        .map(|(&n, i)| (n, int, 4 * i))
        .collect();
    let anon = b.strukt("", t.anon_struct.0, &members)?;
    b.named(&format!("anon_struct_typedef{f}"), Kind::Typedef(anon))?;
    let values = flavored(t.enum_typedef, f);
    let values: Vec<(&str, i64)> = values.iter().map(|(n, v)| (n.as_str(), *v)).collect();
    let enum_typedef = b.btf.add_enum("", 4, false, false, &values)?;
    b.named(&format!("enum_typedef{f}"), Kind::Typedef(enum_typedef))?;
    Ok(())
}

const AN_ENUM: &[(&str, i64)] = &[
    ("AN_ENUM_VAL1", 1),
    ("AN_ENUM_VAL2", 2),
    ("AN_ENUM_VAL3", 3),
];
const ENUM_TYPEDEF: &[(&str, i64)] = &[("TYPEDEF_ENUM_VAL1", 0), ("TYPEDEF_ENUM_VAL2", 1)];

/// libbpf's `type_based` types as `core_reloc_types.h` declares them.
fn type_set_as_declared(b: &mut Builder) -> Result<()> {
    type_set(
        b,
        &TypeSet {
            flavor: "",
            a_struct: (4, &[("x", 0)]),
            a_union: (4, &["y", "z"]),
            an_enum: (4, AN_ENUM),
            anon_struct: (12, &["x", "y", "z"]),
            enum_typedef: ENUM_TYPEDEF,
        },
    )
}

fn type_based() -> Result<Target> {
    let mut b = Builder::new();
    type_set_as_declared(&mut b)?;
    b.done()
}

fn type_based___all_missing() -> Result<Target> {
    let mut b = Builder::new();
    b.strukt("core_reloc_type_based___all_missing", 0, &[])?;
    b.done()
}

fn type_based___diff() -> Result<Target> {
    let mut b = Builder::new();
    type_set(
        &mut b,
        &TypeSet {
            flavor: "___diff",
            a_struct: (8, &[("x", 0), ("a", 4)]),
            a_union: (4, &["z", "y"]),
            an_enum: (
                4,
                &[
                    ("AN_ENUM_VAL2", 0),
                    ("AN_ENUM_VAL1", 42),
                    ("AN_ENUM_VAL3", 1),
                ],
            ),
            anon_struct: (12, &["z", "x", "y"]),
            enum_typedef: &[("TYPEDEF_ENUM_VAL2", 0), ("TYPEDEF_ENUM_VAL1", 50)],
        },
    )?;
    b.done()
}

fn type_based___diff_sz() -> Result<Target> {
    let mut b = Builder::new();
    let int = b.int("int")?;
    let long = b.int("long int")?;
    let char_ = b.int("char")?;
    let a_struct = b.strukt(
        "a_struct___diff_sz",
        16,
        &[("x", long, 0), ("y", int, 8), ("z", char_, 12)],
    )?;
    b.union(
        "a_union___diff_sz",
        1,
        &[("yy", char_, 0), ("zz", char_, 0)],
    )?;
    let an_enum = b.btf.add_enum(
        "an_enum___diff_sz",
        8,
        false,
        true,
        &[
            ("AN_ENUM_VAL1___diff_sz", 0x1234_1234_1234),
            ("AN_ENUM_VAL2___diff_sz", 2),
        ],
    )?;
    b.named("named_struct_typedef___diff_sz", Kind::Typedef(a_struct))?;
    let anon = b.strukt(
        "",
        24,
        &[("xx", long, 0), ("yy", long, 8), ("zzz", long, 16)],
    )?;
    b.named("anon_struct_typedef___diff_sz", Kind::Typedef(anon))?;
    b.named("enum_typedef___diff_sz", Kind::Typedef(an_enum))?;
    b.done()
}

fn type_based___incompat() -> Result<Target> {
    let mut b = Builder::new();
    let int = b.int("int")?;
    // A union `a_struct`, a struct `a_union`: the wrong kinds.
    let a_struct = b.union("a_struct___incompat", 4, &[("x", int, 0)])?;
    b.strukt("a_union___incompat", 8, &[("y", int, 0), ("z", int, 4)])?;
    b.btf.add_enum("an_enum", 4, false, false, AN_ENUM)?;
    b.named("named_struct_typedef___incompat", Kind::Typedef(a_struct))?;
    let void_ptr = b.ptr(0)?;
    b.named("anon_struct_typedef___incompat", Kind::Typedef(void_ptr))?;
    let proto = b.named(
        "",
        Kind::FuncProto {
            ret: int,
            params: Vec::new(),
        },
    )?;
    let fn_ptr = b.ptr(proto)?;
    b.named("enum_typedef___incompat", Kind::Typedef(fn_ptr))?;
    b.done()
}

fn type_based___fn_wrong_args() -> Result<Target> {
    let mut b = Builder::new();
    let int = b.int("int")?;
    b.strukt("a_struct", 4, &[("x", int, 0)])?;
    let long = b.int("long int")?;
    let proto = b.named(
        "",
        Kind::FuncProto {
            ret: 0,
            params: vec![Param {
                name_off: 0,
                ty: long,
            }],
        },
    )?;
    let fn_ptr = b.ptr(proto)?;
    b.named("func_proto_typedef___fn_wrong_ret1", Kind::Typedef(fn_ptr))?;
    b.done()
}

fn type_id() -> Result<Target> {
    let mut b = Builder::new();
    // Some types first, so that the target ids differ from the local ones.
    let long = b.int("long int")?;
    b.ptr(long)?;
    type_set_as_declared(&mut b)?;
    b.done()
}

fn type_id___missing_targets() -> Result<Target> {
    let mut b = Builder::new();
    b.strukt("core_reloc_type_id___missing_targets", 0, &[])?;
    b.done()
}

/// `[exists, matches, size or -1]` of each of the six types.
fn type_slots(rows: [(i64, i64, i64); 6]) -> Vec<Raw> {
    rows.iter().map(|&(e, m, s)| [e, m, s, 0]).collect()
}

// --- size --------------------------------------------------------------------------------------

/// `(offset, type)` of each of `int_field`, `struct_field`, `union_field`, `arr_field`,
/// `ptr_field`, `enum_field`, `float_field`.
type SizeMembers = [(u32, TypeId); 7];

fn size_struct(b: &mut Builder, name: &str, size: u32, m: SizeMembers) -> Result<TypeId> {
    const NAMES: [&str; 7] = [
        "int_field",
        "struct_field",
        "union_field",
        "arr_field",
        "ptr_field",
        "enum_field",
        "float_field",
    ];
    let members: Vec<(&str, TypeId, u32)> = NAMES
        .iter()
        .zip(m)
        .map(|(name, (offset, ty))| (*name, ty, offset))
        .collect();
    b.strukt(name, size, &members)
}

/// The types of `struct core_reloc_size`: `int`, `struct { int x; }`, `union { int x; }`,
/// `int[4]`, `void *`, `enum { VALUE = 123 }` (named `enum_value`), `float`.
fn size_types(b: &mut Builder, int_name: &'static str, enum_value: &str) -> Result<[TypeId; 7]> {
    let int = b.int("int")?;
    let int_field = b.int(int_name)?;
    let s = b.strukt("", 4, &[("x", int, 0)])?;
    let u = b.union("", 4, &[("x", int, 0)])?;
    let arr = b.array(int, 4)?;
    let ptr = b.ptr(0)?;
    let e = b.btf.add_enum("", 4, false, false, &[(enum_value, 123)])?;
    let float = b.named("float", Kind::Float { size: 4 })?;
    Ok([int_field, s, u, arr, ptr, e, float])
}

fn size() -> Result<Target> {
    let mut b = Builder::new();
    let [i, s, u, a, p, e, f] = size_types(&mut b, "int", "VALUE")?;
    size_struct(
        &mut b,
        "core_reloc_size",
        48,
        [(0, i), (4, s), (8, u), (12, a), (32, p), (40, e), (44, f)],
    )?;
    b.done()
}

fn size___diff_sz() -> Result<Target> {
    let mut b = Builder::new();
    let int = b.int("int")?;
    let char_ = b.int("char")?;
    let u64_ = b.int("long unsigned int")?;
    let s = b.strukt("", 12, &[("x", int, 0), ("y", int, 4), ("z", int, 8)])?;
    let bla = b.array(char_, 123)?;
    let u = b.union("", 124, &[("x", int, 0), ("bla", bla, 0)])?;
    let arr = b.array(char_, 10)?;
    let ptr = b.ptr(0)?;
    let e = b.btf.add_enum("", 8, false, true, &[("OTHER_VALUE", -1)])?;
    let double = b.named("double", Kind::Float { size: 8 })?;
    size_struct(
        &mut b,
        "core_reloc_size___diff_sz",
        184,
        [
            (0, u64_),
            (8, s),
            (20, u),
            (144, arr),
            (160, ptr),
            (168, e),
            (176, double),
        ],
    )?;
    b.done()
}

fn size___diff_offs() -> Result<Target> {
    let mut b = Builder::new();
    let [i, s, u, a, p, e, f] = size_types(&mut b, "int", "YET_OTHER_VALUE")?;
    size_struct(
        &mut b,
        "core_reloc_size___diff_offs",
        48,
        [(40, i), (36, s), (32, u), (16, a), (8, p), (4, e), (0, f)],
    )?;
    b.done()
}

fn size___err_ambiguous() -> Result<Target> {
    let mut b = Builder::new();
    let [i, s, u, a, p, e, f] = size_types(&mut b, "int", "VALUE___1")?;
    size_struct(
        &mut b,
        "core_reloc_size___err_ambiguous1",
        48,
        [(0, i), (4, s), (8, u), (12, a), (32, p), (40, e), (44, f)],
    )?;
    let [i, s, u, a, p, e, f] = size_types(&mut b, "char", "VALUE___2")?;
    size_struct(
        &mut b,
        "core_reloc_size___err_ambiguous2",
        48,
        [(0, i), (4, s), (8, u), (12, a), (32, p), (40, e), (44, f)],
    )?;
    b.done()
}

// --- enumval -----------------------------------------------------------------------------------

/// `enum named_enum<flavor>` and `typedef enum { ... } anon_enum<flavor>`, with the enumerators
/// given (their names get the flavor too), and the struct that uses both.
fn enumval_target(
    flavor: &str,
    named: &[(&str, i64)],
    anon: &[(&str, i64)],
    size: u32,
    enum64: [bool; 2],
    signed: [bool; 2],
    names: [&str; 2],
) -> Result<Target> {
    let mut b = Builder::new();
    let named: Vec<(String, i64)> = named
        .iter()
        .map(|(n, v)| (format!("{n}{flavor}"), *v))
        .collect();
    let anon: Vec<(String, i64)> = anon
        .iter()
        .map(|(n, v)| (format!("{n}{flavor}"), *v))
        .collect();
    let named: Vec<(&str, i64)> = named.iter().map(|(n, v)| (n.as_str(), *v)).collect();
    let anon: Vec<(&str, i64)> = anon.iter().map(|(n, v)| (n.as_str(), *v)).collect();
    let sizes = [
        if enum64[0] { 8 } else { size },
        if enum64[1] { 8 } else { size },
    ];
    let e1 = b.btf.add_enum(
        &format!("{}{flavor}", names[0]),
        sizes[0],
        signed[0],
        enum64[0],
        &named,
    )?;
    let e2 = if names[1].is_empty() {
        b.btf.add_enum("", sizes[1], signed[1], enum64[1], &anon)?
    } else {
        b.btf.add_enum(
            &format!("{}{flavor}", names[1]),
            sizes[1],
            signed[1],
            enum64[1],
            &anon,
        )?
    };
    let f2 = if names[1].is_empty() {
        b.named(&format!("anon_enum{flavor}"), Kind::Typedef(e2))?
    } else {
        e2
    };
    let root = if enum64[0] {
        "core_reloc_enum64val"
    } else {
        "core_reloc_enumval"
    };
    b.strukt(
        &format!("{root}{flavor}"),
        2 * sizes[0].max(sizes[1]),
        &[("f1", e1, 0), ("f2", f2, sizes[0].max(sizes[1]))],
    )?;
    b.done()
}

fn enumval_case(flavor: &str, named: &[(&str, i64)], anon: &[(&str, i64)]) -> Result<Target> {
    enumval_target(
        flavor,
        named,
        anon,
        4,
        [false, false],
        [false, false],
        ["named_enum", ""],
    )
}

fn enumval() -> Result<Target> {
    enumval_case(
        "",
        &[
            ("NAMED_ENUM_VAL1", 1),
            ("NAMED_ENUM_VAL2", 2),
            ("NAMED_ENUM_VAL3", 3),
        ],
        &[
            ("ANON_ENUM_VAL1", 0x10),
            ("ANON_ENUM_VAL2", 0x20),
            ("ANON_ENUM_VAL3", 0x30),
        ],
    )
}

fn enumval___diff() -> Result<Target> {
    enumval_case(
        "___diff",
        &[
            ("NAMED_ENUM_VAL1", 101),
            ("NAMED_ENUM_VAL2", 202),
            ("NAMED_ENUM_VAL3", 303),
        ],
        &[
            ("ANON_ENUM_VAL1", 0x11),
            ("ANON_ENUM_VAL2", 0x22),
            ("ANON_ENUM_VAL3", 0x33),
        ],
    )
}

fn enumval___val3_missing() -> Result<Target> {
    enumval_case(
        "___val3_missing",
        &[("NAMED_ENUM_VAL1", 111), ("NAMED_ENUM_VAL2", 222)],
        &[("ANON_ENUM_VAL1", 0x111), ("ANON_ENUM_VAL2", 0x222)],
    )
}

fn enumval___err_missing() -> Result<Target> {
    enumval_case(
        "___err_missing",
        &[("NAMED_ENUM_VAL1", 1), ("NAMED_ENUM_VAL3", 3)],
        &[("ANON_ENUM_VAL1", 0x111), ("ANON_ENUM_VAL3", 0x222)],
    )
}

// --- enum64val ---------------------------------------------------------------------------------

/// Both enums 64-bit unless `signed_fits_int` (a signed enum whose values all fit an `int`,
/// which C makes a 4-byte enum).
fn enum64val_case(
    flavor: &str,
    unsigned: &[(&str, i64)],
    signed: &[(&str, i64)],
    signed_fits_int: bool,
) -> Result<Target> {
    enumval_target(
        flavor,
        unsigned,
        signed,
        4,
        [true, !signed_fits_int],
        [false, true],
        ["named_unsigned_enum64", "named_signed_enum64"],
    )
}

fn enum64val() -> Result<Target> {
    enum64val_case(
        "",
        &[
            ("UNSIGNED_ENUM64_VAL1", 0x1_ffff_ffff),
            ("UNSIGNED_ENUM64_VAL2", 0x2),
            ("UNSIGNED_ENUM64_VAL3", 0x3_ffff_ffff),
        ],
        &[
            ("SIGNED_ENUM64_VAL1", 0x1_ffff_ffff),
            ("SIGNED_ENUM64_VAL2", -2),
            ("SIGNED_ENUM64_VAL3", 0x3_ffff_ffff),
        ],
        false,
    )
}

fn enum64val___diff() -> Result<Target> {
    enum64val_case(
        "___diff",
        &[
            ("UNSIGNED_ENUM64_VAL1", 0x101_ffff_ffff),
            ("UNSIGNED_ENUM64_VAL2", 0x202_ffff_ffff),
            ("UNSIGNED_ENUM64_VAL3", 0x303_ffff_ffff),
        ],
        &[
            ("SIGNED_ENUM64_VAL1", -101),
            ("SIGNED_ENUM64_VAL2", -202),
            ("SIGNED_ENUM64_VAL3", -303),
        ],
        true,
    )
}

fn enum64val___val3_missing() -> Result<Target> {
    enum64val_case(
        "___val3_missing",
        &[
            ("UNSIGNED_ENUM64_VAL1", 0x111_ffff_ffff),
            ("UNSIGNED_ENUM64_VAL2", 0x222),
        ],
        &[
            ("SIGNED_ENUM64_VAL1", 0x111_ffff_ffff),
            ("SIGNED_ENUM64_VAL2", -222),
        ],
        false,
    )
}

fn enum64val___err_missing() -> Result<Target> {
    enum64val_case(
        "___err_missing",
        &[
            ("UNSIGNED_ENUM64_VAL1", 0x1_ffff_ffff),
            ("UNSIGNED_ENUM64_VAL3", 0x3_ffff_ffff),
        ],
        &[
            ("SIGNED_ENUM64_VAL1", 0x1_ffff_ffff),
            ("SIGNED_ENUM64_VAL3", -3),
        ],
        false,
    )
}

// --- the table ---------------------------------------------------------------------------------

/// A `size` case: each field's `(offset, size)` in the target; aya 0.14 finds no `enum_field`
/// (anonymous in every target), because `aya_why`.
fn size_case(
    target: fn() -> Result<Target>,
    fields: [(i64, i64); 6],
    aya_why: &'static str,
) -> Run {
    let expected: Vec<Raw> = fields.iter().map(|&(o, s)| offset_size(o, s)).collect();
    let mut on_aya = expected.clone();
    on_aya[5] = offset_size(-1, -1);
    partial(
        aya(
            run(Family::Size, target, expected),
            Expected::Slots(on_aya),
            aya_why,
        ),
        SIZE_PARTIAL,
    )
}

/// A case btf-reloc runs, as libbpf expects it.
fn run(family: Family, target: fn() -> Result<Target>, expected: Vec<Raw>) -> Run {
    Run {
        family,
        target,
        expected: Expected::Slots(expected),
        // The type-based object has `TYPE_MATCHES` relocations, which aya 0.14 does not know.
        aya: (family == Family::TypeBased).then_some((Expected::LoadFails, KIND_12)),
        check: None,
        partial: "",
    }
}

/// The same case, with what it leaves out.
fn partial(mut run: Run, partial: &'static str) -> Run {
    run.partial = partial;
    run
}

/// `btf-reloc check` predicts `expected` for libbpf instead, because `why`.
fn check_differs(mut run: Run, expected: Expected, why: &'static str) -> Run {
    run.check = Some((expected, why));
    run
}

/// Under aya 0.14, `expected` instead, because `why`.
fn aya(mut run: Run, expected: Expected, why: &'static str) -> Run {
    run.aya = Some((expected, why));
    run
}

fn case(
    name: &'static str,
    libbpf_table: &'static str,
    run: std::result::Result<Run, Gap>,
) -> Case {
    Case {
        name,
        libbpf_table,
        run,
    }
}

const NO_ARRAY_PATHS: &str = "only `a[2]`; the other reads index inside a path \
                              (`b[1][2][3]`, `c[1].c`), which btf-reloc's getters do not";

/// Every case of libbpf's table, in its order.
pub fn cases() -> Vec<Case> {
    use Family::*;
    let nesting_ok = || vec![value(42), value(0xc001)];
    let nesting_b_fails = || vec![value(42), none()];
    let arrays_ok = || vec![value(1)];
    let ints_ok = || (1..=8).map(value).collect::<Vec<_>>();
    let mods_ok = || (1..=8).map(value).collect::<Vec<_>>();
    vec![
        case(
            "kernel",
            "task_struct fields of the running kernel; `task_struct___local` matches",
            Err(
                "against the running kernel, not a made-up target: the kernel tests `live`, \
                 `core_read` and `type_matches::running_kernel` (libbpf's \
                 `task_struct___local`) read it",
            ),
        ),
        case(
            "module_probed",
            "fields of `bpf_testmod`'s types",
            Err("needs the selftests' kernel module `bpf_testmod` and module BTF"),
        ),
        case(
            "module_direct",
            "fields of `bpf_testmod`'s types, direct reads",
            Err("needs `bpf_testmod` and module BTF (direct reads are `BtfPtr::read`)"),
        ),
        case(
            "flavors",
            "a=42 b=0xc001 c=0xbeef",
            Ok(partial(
                run(
                    Flavors,
                    flavors,
                    vec![value(42), value(0xc001), value(0xbeef)],
                ),
                "reads `a` through the original type, not through the flavor `___weird` \
                 (anonymous members, which a Rust declaration cannot have)",
            )),
        ),
        case(
            "flavors__err_wrong_name",
            "fails",
            Ok(run(
                Flavors,
                flavors__err_wrong_name,
                vec![none(), none(), none()],
            )),
        ),
        case(
            "nesting",
            "a.a.a=42 b.b.b=0xc001",
            Ok(run(Nesting, nesting, nesting_ok())),
        ),
        case(
            "nesting___anon_embed",
            "a.a.a=42 b.b.b=0xc001",
            Ok(run(Nesting, nesting___anon_embed, nesting_ok())),
        ),
        case(
            "nesting___struct_union_mixup",
            "a.a.a=42 b.b.b=0xc001",
            Ok(run(Nesting, nesting___struct_union_mixup, nesting_ok())),
        ),
        case(
            "nesting___extra_nesting",
            "a.a.a=42 b.b.b=0xc001",
            Ok(run(Nesting, nesting___extra_nesting, nesting_ok())),
        ),
        case(
            "nesting___dup_compat_types",
            "a.a.a=42 b.b.b=0xc001",
            // Three candidates, `b.b.b` at 16 in each (its prefixes are not: 16 and 12), and
            // `core_read!` relocates `b.b.b` only: aya and libbpf find one answer.
            Ok(run(Nesting, nesting___dup_compat_types, nesting_ok())),
        ),
        case(
            "nesting___err_missing_field",
            "fails",
            Ok(run(Nesting, nesting___err_missing_field, nesting_b_fails())),
        ),
        case(
            "nesting___err_array_field",
            "fails",
            Ok(run(Nesting, nesting___err_array_field, nesting_b_fails())),
        ),
        case(
            "nesting___err_missing_container",
            "fails",
            Ok(run(
                Nesting,
                nesting___err_missing_container,
                nesting_b_fails(),
            )),
        ),
        case(
            "nesting___err_nonstruct_container",
            "fails",
            Ok(run(
                Nesting,
                nesting___err_nonstruct_container,
                nesting_b_fails(),
            )),
        ),
        case(
            "nesting___err_array_container",
            "fails",
            Ok(run(
                Nesting,
                nesting___err_array_container,
                nesting_b_fails(),
            )),
        ),
        case(
            "nesting___err_dup_incompat_types",
            "fails",
            Ok(Run {
                expected: Expected::LoadFails,
                ..run(Nesting, nesting___err_dup_incompat_types, Vec::new())
            }),
        ),
        case(
            "nesting___err_partial_match_dups",
            "fails",
            Ok(check_differs(
                aya(
                    run(Nesting, nesting___err_partial_match_dups, nesting_b_fails()),
                    Expected::Slots(vec![value(42), value(42)]),
                    "aya 0.14 matches each relocation against all the candidates, so `b.b.b` \
                     finds `__b` (at offset 0, where the input has 42); libbpf drops a \
                     candidate from the type's list once a relocation found it does not match, \
                     so after `a.a.a` only `__a` is left",
                ),
                Expected::Slots(vec![value(42), value(42)]),
                "`check` does not model libbpf's pruning of candidates (see aya)",
            )),
        ),
        case(
            "nesting___err_too_deep",
            "fails",
            Ok(run(Nesting, nesting___err_too_deep, nesting_b_fails())),
        ),
        case(
            "arrays",
            "a[2]=1 b[1][2][3]=2 c[1].c=3 d[0][0].d=4 f[1][0].c=0",
            Ok(partial(run(Arrays, arrays, arrays_ok()), NO_ARRAY_PATHS)),
        ),
        case(
            "arrays___diff_arr_dim",
            "as `arrays`",
            Ok(partial(
                run(Arrays, arrays___diff_arr_dim, arrays_ok()),
                NO_ARRAY_PATHS,
            )),
        ),
        case(
            "arrays___diff_arr_val_sz",
            "as `arrays`",
            Ok(partial(
                run(Arrays, arrays___diff_arr_val_sz, arrays_ok()),
                NO_ARRAY_PATHS,
            )),
        ),
        case(
            "arrays___equiv_zero_sz_arr",
            "as `arrays`",
            Ok(partial(
                run(Arrays, arrays___equiv_zero_sz_arr, arrays_ok()),
                NO_ARRAY_PATHS,
            )),
        ),
        case(
            "arrays___fixed_arr",
            "as `arrays`",
            Ok(partial(
                run(Arrays, arrays___fixed_arr, arrays_ok()),
                NO_ARRAY_PATHS,
            )),
        ),
        case(
            "arrays___err_too_small",
            "fails (`a[2]` past `a[2]`'s end)",
            Ok(partial(
                run(Arrays, arrays___err_too_small, vec![out_of_bounds(2, 2)]),
                NO_ARRAY_PATHS,
            )),
        ),
        case(
            "arrays___err_too_shallow",
            "fails (`b` has one dimension less)",
            Ok(partial(
                run(Arrays, arrays___err_too_shallow, arrays_ok()),
                "the failing path `b[1][2][3]` is not expressible (see `arrays`); `a[2]` reads",
            )),
        ),
        case(
            "arrays___err_non_array",
            "fails (`a` is an `int`)",
            Ok(partial(
                run(Arrays, arrays___err_non_array, vec![none()]),
                NO_ARRAY_PATHS,
            )),
        ),
        case(
            "arrays___err_wrong_val_type",
            "fails (`c` is an `int[3]`)",
            Ok(partial(
                run(Arrays, arrays___err_wrong_val_type, arrays_ok()),
                "the failing path `c[1].c` is not expressible (see `arrays`); `a[2]` reads",
            )),
        ),
        case(
            "arrays___err_bad_zero_sz_arr",
            "fails (a zero-length array not last)",
            Ok(partial(
                run(Arrays, arrays___err_bad_zero_sz_arr, arrays_ok()),
                "the failing path `f[1][0].c` is not expressible (see `arrays`); `a[2]` reads",
            )),
        ),
        case(
            "primitives",
            "a=1 b=2 c=3 d=4 f=5",
            Ok(run(Primitives, primitives, (1..=5).map(value).collect())),
        ),
        case(
            "primitives___diff_enum_def",
            "a=1 b=2 c=3 d=4 f=5",
            Ok(aya(
                run(
                    Primitives,
                    primitives___diff_enum_def,
                    (1..=5).map(value).collect(),
                ),
                Expected::Slots(vec![value(1), value(2), none(), value(4), value(5)]),
                ANON_ENUM,
            )),
        ),
        case(
            "primitives___diff_func_proto",
            "a=1 b=2 c=3 d=4 f=5",
            Ok(run(
                Primitives,
                primitives___diff_func_proto,
                (1..=5).map(value).collect(),
            )),
        ),
        case(
            "primitives___diff_ptr_type",
            "a=1 b=2 c=3 d=4 f=5",
            Ok(run(
                Primitives,
                primitives___diff_ptr_type,
                (1..=5).map(value).collect(),
            )),
        ),
        case(
            "primitives___err_non_enum",
            "fails (`c` is an `int`)",
            Ok(run(
                Primitives,
                primitives___err_non_enum,
                vec![none(), value(2), none(), value(4), value(5)],
            )),
        ),
        case(
            "primitives___err_non_int",
            "fails (`b` is an `int *`)",
            Ok(run(
                Primitives,
                primitives___err_non_int,
                vec![none(), none(), value(3), value(4), value(5)],
            )),
        ),
        case(
            "primitives___err_non_ptr",
            "fails (`d` is an `int`)",
            Ok(run(
                Primitives,
                primitives___err_non_ptr,
                vec![none(), value(2), value(3), none(), value(5)],
            )),
        ),
        case("mods", "a..h = 1..8", Ok(run(Mods, mods, mods_ok()))),
        case(
            "mods___mod_swap",
            "a..h = 1..8",
            Ok(run(Mods, mods___mod_swap, mods_ok())),
        ),
        case(
            "mods___typedefs",
            "a..h = 1..8",
            Ok(run(Mods, mods___typedefs, mods_ok())),
        ),
        case(
            "ptr_as_arr",
            "`in[2].a` = 3",
            Ok(partial(
                run(PtrAsArr, ptr_as_arr, vec![value(3)]),
                PTR_AS_ARR_PARTIAL,
            )),
        ),
        case(
            "ptr_as_arr___diff_sz",
            "`in[2].a` = 3",
            Ok(partial(
                run(PtrAsArr, ptr_as_arr___diff_sz, vec![value(3)]),
                PTR_AS_ARR_PARTIAL,
            )),
        ),
        case("ints", "1..8", Ok(run(Ints, ints, ints_ok()))),
        case("ints___bool", "1..8", Ok(run(Ints, ints___bool, ints_ok()))),
        case(
            "ints___reverse_sign",
            "1..8",
            Ok(run(Ints, ints___reverse_sign, ints_ok())),
        ),
        case(
            "misc",
            "a=1 b=1 c=0 (a clang bug)",
            Err(
                "reads through a local type with an anonymous root and `in[2]` of the root \
                 pointer; the expected `c=0` records a clang bug",
            ),
        ),
        case(
            "existence",
            "all exist; 1 2 3 4 5",
            Ok(run(Existence, existence, (1..=5).map(value).collect())),
        ),
        case(
            "existence___minimal",
            "only `a` (42)",
            Ok(run(
                Existence,
                existence___minimal,
                vec![value(42), none(), none(), none(), none()],
            )),
        ),
        case(
            "existence___wrong_field_defs",
            "none exists",
            Ok(run(
                Existence,
                existence___wrong_field_defs,
                vec![none(); 5],
            )),
        ),
        case(
            "probed:bitfields",
            "ub1=1 ub2=2 ub7=96 sb4=-7 sb20=-0x76543 u32=0x80000000 s32=-0x76543210",
            Ok(run(Bitfields, bitfields, bitfield_slots(BITFIELD_VALUES))),
        ),
        case(
            "direct:bitfields",
            "as probed",
            Ok(run(
                BitfieldsDirect,
                bitfields,
                bitfield_slots(BITFIELD_VALUES),
            )),
        ),
        case(
            "probed:bitfields___bit_sz_change",
            "ub1=6 ub2=0xABCDE ub7=1 sb4=-1 sb20=-0x17654321 u32=0xBEEF s32=-0x3FEDCBA987654321",
            Ok(run(
                Bitfields,
                bitfields___bit_sz_change,
                bitfield_slots(BIT_SZ_CHANGE_VALUES),
            )),
        ),
        case(
            "direct:bitfields___bit_sz_change",
            "as probed",
            Ok(run(
                BitfieldsDirect,
                bitfields___bit_sz_change,
                bitfield_slots(BIT_SZ_CHANGE_VALUES),
            )),
        ),
        case(
            "probed:bitfields___bitfield_vs_int",
            "ub1=0xFEDCBA9876543210 ub2=0xA6 ub7=-0x7EDCBA987654321 sb4=-0x6123456789ABCDE \
             sb20=0xD00D u32=-0x76543 s32=0x0ADEADBEEFBADB0B",
            Ok(run(
                Bitfields,
                bitfields___bitfield_vs_int,
                bitfield_slots(BITFIELD_VS_INT_VALUES),
            )),
        ),
        case(
            "direct:bitfields___bitfield_vs_int",
            "as probed",
            Ok(run(
                BitfieldsDirect,
                bitfields___bitfield_vs_int,
                bitfield_slots(BITFIELD_VS_INT_VALUES),
            )),
        ),
        case(
            "probed:bitfields___just_big_enough",
            "ub1=0xF ub2=0x0812345678FEDCBA",
            Ok(run(
                Bitfields,
                bitfields___just_big_enough,
                bitfield_slots(JUST_BIG_ENOUGH_VALUES),
            )),
        ),
        case(
            "direct:bitfields___just_big_enough",
            "as probed",
            Ok(run(
                BitfieldsDirect,
                bitfields___just_big_enough,
                bitfield_slots(JUST_BIG_ENOUGH_VALUES),
            )),
        ),
        case(
            "probed:bitfields___err_too_big_bitfield",
            "fails (`ub2` spans 65 bits)",
            Ok(Run {
                expected: Expected::LoadFails,
                ..run(Bitfields, bitfields___err_too_big_bitfield, Vec::new())
            }),
        ),
        case(
            "direct:bitfields___err_too_big_bitfield",
            "fails",
            Ok(Run {
                expected: Expected::LoadFails,
                ..run(
                    BitfieldsDirect,
                    bitfields___err_too_big_bitfield,
                    Vec::new(),
                )
            }),
        ),
        case(
            "size",
            "offsets and sizes of each field",
            Ok(size_case(
                size,
                [(0, 4), (4, 4), (8, 4), (12, 16), (32, 8), (40, 4)],
                ANON_ENUM,
            )),
        ),
        case(
            "size___diff_sz",
            "offsets and sizes of each field",
            Ok(size_case(
                size___diff_sz,
                [(0, 8), (8, 12), (20, 124), (144, 10), (160, 8), (168, 8)],
                "aya 0.14 matches a local enum with a target enum of the same name and kind only \
                 (`enum_field` is an anonymous `ENUM64` here); libbpf with any anonymous enum \
                 of either kind",
            )),
        ),
        case(
            "size___diff_offs",
            "offsets and sizes of each field",
            Ok(size_case(
                size___diff_offs,
                [(40, 4), (36, 4), (32, 4), (16, 16), (8, 8), (4, 4)],
                ANON_ENUM,
            )),
        ),
        case(
            "size___err_ambiguous",
            "fails (two candidates, `int_field` 4 or 1 bytes)",
            Ok(Run {
                expected: Expected::LoadFails,
                ..run(Size, size___err_ambiguous, Vec::new())
            }),
        ),
        case(
            "type_based",
            "all 13 types exist and match; their sizes",
            Ok(partial(
                run(
                    TypeBased,
                    type_based,
                    type_slots([
                        (1, 1, 4),
                        (1, 1, 4),
                        (1, 1, 4),
                        (1, 1, 4),
                        (1, 1, 12),
                        (1, 1, 4),
                    ]),
                ),
                TYPES_PARTIAL,
            )),
        ),
        case(
            "type_based___all_missing",
            "all 0",
            Ok(partial(
                run(
                    TypeBased,
                    type_based___all_missing,
                    type_slots([(0, 0, -1); 6]),
                ),
                TYPES_PARTIAL,
            )),
        ),
        case(
            "type_based___diff",
            "all exist; all but 3 typedefs match; their sizes",
            Ok(partial(
                run(
                    TypeBased,
                    type_based___diff,
                    type_slots([
                        (1, 1, 8),
                        (1, 1, 4),
                        (1, 1, 4),
                        (1, 1, 8),
                        (1, 1, 12),
                        (1, 1, 4),
                    ]),
                ),
                TYPES_PARTIAL,
            )),
        ),
        case(
            "type_based___diff_sz",
            "all exist; only 2 pointer typedefs match; their sizes",
            Ok(partial(
                run(
                    TypeBased,
                    type_based___diff_sz,
                    type_slots([
                        (1, 0, 16),
                        (1, 0, 1),
                        (1, 0, 8),
                        (1, 0, 16),
                        (1, 0, 24),
                        (1, 0, 8),
                    ]),
                ),
                TYPES_PARTIAL,
            )),
        ),
        case(
            "type_based___incompat",
            "only the enum (exists, matches, 4)",
            Ok(partial(
                run(
                    TypeBased,
                    type_based___incompat,
                    type_slots([
                        (0, 0, -1),
                        (0, 0, -1),
                        (1, 1, 4),
                        (0, 0, -1),
                        (0, 0, -1),
                        (0, 0, -1),
                    ]),
                ),
                TYPES_PARTIAL,
            )),
        ),
        case(
            "type_based___fn_wrong_args",
            "only the struct (exists, matches, 4)",
            Ok(partial(
                run(
                    TypeBased,
                    type_based___fn_wrong_args,
                    type_slots([
                        (1, 1, 4),
                        (0, 0, -1),
                        (0, 0, -1),
                        (0, 0, -1),
                        (0, 0, -1),
                        (0, 0, -1),
                    ]),
                ),
                TYPES_PARTIAL,
            )),
        ),
        case(
            "type_id",
            "local ids = the object's; target ids = the target's",
            Ok(partial(
                Run {
                    expected: Expected::TypeIds { targets: true },
                    ..run(TypeId, type_id, Vec::new())
                },
                TYPE_ID_PARTIAL,
            )),
        ),
        case(
            "type_id___missing_targets",
            "local ids = the object's; target ids 0",
            Ok(partial(
                aya(
                    Run {
                        expected: Expected::TypeIds { targets: false },
                        ..run(TypeId, type_id___missing_targets, Vec::new())
                    },
                    Expected::LoadFails,
                    "aya 0.14 refuses a `TYPE_ID_TARGET` relocation of a type its target lacks \
                     (libbpf writes 0)",
                ),
                TYPE_ID_PARTIAL,
            )),
        ),
        case(
            "enumval",
            "all exist; 1 2, 0x10 0x20",
            Ok(run(
                Enumval,
                enumval,
                [1, 2, 3, 0x10, 0x20, 0x30]
                    .map(|v| enumerator(Some(v)))
                    .to_vec(),
            )),
        ),
        case(
            "enumval___diff",
            "all exist; 101 202, 0x11 0x22",
            Ok(run(
                Enumval,
                enumval___diff,
                [101, 202, 303, 0x11, 0x22, 0x33]
                    .map(|v| enumerator(Some(v)))
                    .to_vec(),
            )),
        ),
        case(
            "enumval___val3_missing",
            "VAL3s missing; 111 222, 0x111 0x222",
            Ok(run(
                Enumval,
                enumval___val3_missing,
                vec![
                    enumerator(Some(111)),
                    enumerator(Some(222)),
                    enumerator(None),
                    enumerator(Some(0x111)),
                    enumerator(Some(0x222)),
                    enumerator(None),
                ],
            )),
        ),
        case(
            "enumval___err_missing",
            "fails (VAL2s missing)",
            Ok(run(
                Enumval,
                enumval___err_missing,
                vec![
                    enumerator(Some(1)),
                    enumerator(None),
                    enumerator(Some(3)),
                    enumerator(Some(0x111)),
                    enumerator(None),
                    enumerator(Some(0x222)),
                ],
            )),
        ),
        case(
            "enum64val",
            "all exist; 0x1ffffffff 2, 0x1ffffffff -2",
            Ok(run(
                Enum64val,
                enum64val,
                [
                    0x1_ffff_ffff,
                    2,
                    0x3_ffff_ffff,
                    0x1_ffff_ffff,
                    -2,
                    0x3_ffff_ffff,
                ]
                .map(|v| enumerator(Some(v)))
                .to_vec(),
            )),
        ),
        case(
            "enum64val___diff",
            "all exist; 0x101ffffffff 0x202ffffffff, -101 -202",
            Ok(aya(
                run(
                    Enum64val,
                    enum64val___diff,
                    [
                        0x101_ffff_ffff,
                        0x202_ffff_ffff,
                        0x303_ffff_ffff,
                        -101,
                        -202,
                        -303,
                    ]
                    .map(|v| enumerator(Some(v)))
                    .to_vec(),
                ),
                Expected::Slots(vec![
                    enumerator(Some(0x101_ffff_ffff)),
                    enumerator(Some(0x202_ffff_ffff)),
                    enumerator(Some(0x303_ffff_ffff)),
                    enumerator(None),
                    enumerator(None),
                    enumerator(None),
                ]),
                ENUM64_OF_ENUM,
            )),
        ),
        case(
            "enum64val___val3_missing",
            "VAL3s missing; 0x111ffffffff 0x222, 0x111ffffffff -222",
            Ok(run(
                Enum64val,
                enum64val___val3_missing,
                vec![
                    enumerator(Some(0x111_ffff_ffff)),
                    enumerator(Some(0x222)),
                    enumerator(None),
                    enumerator(Some(0x111_ffff_ffff)),
                    enumerator(Some(-222)),
                    enumerator(None),
                ],
            )),
        ),
        case(
            "enum64val___err_missing",
            "fails (VAL2s missing)",
            Ok(run(
                Enum64val,
                enum64val___err_missing,
                vec![
                    enumerator(Some(0x1_ffff_ffff)),
                    enumerator(None),
                    enumerator(Some(0x3_ffff_ffff)),
                    enumerator(Some(0x1_ffff_ffff)),
                    enumerator(None),
                    enumerator(Some(-3)),
                ],
            )),
        ),
    ]
}

const SIZE_PARTIAL: &str = "no `float_field` (btf-reloc has no float fields) and no \
                            `arr_field[1]` (no element paths in `field_byte_offset!`)";
const ANON_ENUM: &str = "aya 0.14 matches a local enum with a target enum of the same name \
                         only; libbpf also with an anonymous one";
const ENUM64_OF_ENUM: &str = "aya 0.14 matches a local `ENUM64` with a target `ENUM64` only (the \
                              signed enum is a 4-byte `ENUM` here: its values fit an `int`); \
                              libbpf matches either kind with either";
const TYPES_PARTIAL: &str = "6 of the 13 types: a struct, a union, an enum, typedefs of a \
                             named struct, an anonymous struct and an anonymous enum; \
                             btf-reloc has no typedefs of pointers, ints, function prototypes or \
                             arrays, and `a_complex_struct`'s `volatile long` is a `long long \
                             int` in a Rust declaration, which `TYPE_MATCHES` tells apart";
const TYPE_ID_PARTIAL: &str = "the same 6 types (no `int`, function-prototype or array roots)";
const PTR_AS_ARR_PARTIAL: &str = "libbpf relocates `in[2].a` as one access (`2:0`); btf-reloc's \
                                  paths start at a member, so the read is `type_size` (the \
                                  element's address) and then `a` (an object of its own: aya \
                                  0.14 refuses `TYPE_SIZE` of a type its target lacks)";
const KIND_12: &str = "aya 0.14 refuses the object: it does not know `TYPE_MATCHES` (relocation \
                       kind 12)";

// --- the README's table -----------------------------------------------------------------------

/// One slot as the README shows it.
fn show_slot(family: Family, raw: Raw) -> String {
    // As libbpf's table writes them: positive enumerators in hex, other small values in decimal.
    let small = if matches!(family, Family::Enumval | Family::Enum64val) {
        9
    } else {
        1000
    };
    let hex = |v: i64| {
        if (-small..=small).contains(&v) || (small == 9 && v < 0) {
            v.to_string()
        } else if v < 0 {
            format!("-{:#x}", v.unsigned_abs())
        } else {
            format!("{v:#x}")
        }
    };
    match family {
        Family::Size => match raw {
            [-1, -1, 0, 0] => "None".to_owned(),
            [offset, size, 0, 0] => format!("{offset}+{size}"),
            other => format!("{other:?}"),
        },
        Family::TypeBased => match raw {
            [0, 0, -1, 0] => "no".to_owned(),
            [1, 1, size, 0] => format!("matches, {size}"),
            [1, 0, size, 0] => format!("exists, {size}"),
            other => format!("{other:?}"),
        },
        Family::Enumval | Family::Enum64val => match raw {
            [1, 1, v, 0] => hex(v),
            [0, 0, 0, 0] => "None".to_owned(),
            other => format!("{other:?}"),
        },
        _ => match decode(raw) {
            Outcome::Value(v) => hex(v),
            Outcome::Missing => "None".to_owned(),
            Outcome::IndexOutOfBounds { index, len } => format!("out of bounds ({index} ≥ {len})"),
            other => other.to_string(),
        },
    }
}

/// An expectation as the README shows it.
pub fn show(family: Family, expected: &Expected) -> String {
    match expected {
        Expected::LoadFails => "load fails".to_owned(),
        Expected::TypeIds { targets: true } => {
            "local ids = the object's BTF's, target ids = the target's".to_owned()
        }
        Expected::TypeIds { targets: false } => {
            "local ids = the object's BTF's, target ids None".to_owned()
        }
        Expected::Slots(slots) => family
            .slot_names()
            .iter()
            .zip(slots)
            .map(|(name, raw)| format!("{name}={}", show_slot(family, *raw)))
            .collect::<Vec<_>>()
            .join(" "),
    }
}

/// The README's table (one row per case of libbpf's), from the cases' expectations, then the
/// notes its cells refer to (each text once). The kernel test `core_reloc` holds every row that
/// runs to its expectations; the README shows this text (a unit test of this module).
pub fn table(cases: &[Case]) -> String {
    let mut notes: Vec<String> = Vec::new();
    let mut note = |text: &str| {
        let n = match notes.iter().position(|t| t == text) {
            Some(i) => i + 1,
            None => {
                notes.push(text.to_owned());
                notes.len()
            }
        };
        format!("[{n}]")
    };
    let runs = cases.iter().filter_map(|c| c.run.as_ref().ok());
    let partly = runs.clone().filter(|r| !r.partial.is_empty()).count();
    let mut out = format!(
        "Of libbpf's {} rows, {} run here ({partly} of them partly) and {} are gaps.\n\n",
        cases.len(),
        runs.count(),
        cases.iter().filter(|c| c.run.is_err()).count()
    );
    out.push_str(
        "| case | libbpf's table | btf-reloc reads | aya 0.14 | libbpf | `btf-reloc check` |\n\
         | --- | --- | --- | --- | --- | --- |\n",
    );
    for case in cases {
        let (reads, aya, libbpf, check) = match &case.run {
            Err(gap) => (
                format!("**gap** {}", note(gap)),
                "—".to_owned(),
                "—",
                "—".to_owned(),
            ),
            Ok(run) => {
                let mut reads = show(run.family, &run.expected);
                if !run.partial.is_empty() {
                    let _ = write!(reads, " (partial {})", note(run.partial));
                }
                let mut differs = |d: &Option<(Expected, &str)>| match d {
                    None => "✓".to_owned(),
                    Some((expected, why)) => {
                        format!("{} {}", show(run.family, expected), note(why))
                    }
                };
                let aya = differs(&run.aya);
                let check = differs(&run.check);
                (reads, aya, "✓", check)
            }
        };
        let _ = writeln!(
            out,
            "| `{}` | {} | {reads} | {aya} | {libbpf} | {check} |",
            case.name, case.libbpf_table
        );
    }
    out.push('\n');
    for (i, text) in notes.iter().enumerate() {
        let _ = writeln!(out, "{}. {text}", i + 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::*;

    const README_START: &str =
        "<!-- core_reloc table: generated by e2e-tests/tests/kernel/core_reloc.rs -->\n";
    const README_END: &str = "<!-- end of core_reloc table -->";

    fn readme() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md")
    }

    /// Compares the README's table with `want`; with `BLESS=1`, rewrites it.
    fn readme_agrees(want: &str) -> Result<()> {
        let path = readme();
        let text = std::fs::read_to_string(&path)
            .map_err(|error| format!("cannot read {}: {error}", path.display()))?;
        let start = text
            .find(README_START)
            .ok_or("the README has no core_reloc table marker")?
            + README_START.len();
        let end = start
            + text[start..]
                .find(README_END)
                .ok_or("the README's core_reloc table has no end marker")?;
        if text[start..end] == *want {
            return Ok(());
        }
        if std::env::var_os("BLESS").is_some() {
            let mut new = text.clone();
            new.replace_range(start..end, want);
            std::fs::write(&path, new)
                .map_err(|error| format!("cannot write {}: {error}", path.display()))?;
            return Ok(());
        }
        Err(format!(
            "the README's core_reloc table is not what the test found (BLESS=1 rewrites it); it \
             should be:\n{want}"
        )
        .into())
    }

    /// The README's table is [`table`] of [`cases`].
    #[test]
    fn readme_shows_the_table() {
        readme_agrees(&table(&cases())).expect("the README's core_reloc table");
    }

    /// Every row of libbpf's table, each once: 77 in `core_reloc.c` (the bitfield cases count
    /// twice, `probed:` and `direct:`).
    #[test]
    fn every_row_of_libbpfs_table() {
        let cases = cases();
        let mut names: Vec<&str> = cases.iter().map(|c| c.name).collect();
        assert_eq!(names.len(), 77, "libbpf's table has 77 rows");
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), 77, "each case once");
    }
}
