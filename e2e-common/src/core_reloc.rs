//! `e2e-ebpf/src/core_reloc.rs` (object [`CoreReloc`](crate::objects::Bin::CoreReloc)): libbpf's
//! selftest table `core_reloc` (`tools/testing/selftests/bpf/prog_tests/core_reloc.c`) in Rust.
//! libbpf has one object per group of cases (`test_core_reloc_nesting.c`, ...), each reading one
//! local declaration (`progs/core_reloc_types.h`) from an input laid out as the case's target
//! BTF says; here each group is one program of one object ([`Family`]), its local declarations
//! and its reads are below, and the kernel test (`e2e-tests/tests/kernel/core_reloc.rs`) runs
//! it against each case's target.
//!
//! The input is the `.rodata` global [`INPUT`], which the loader fills with the case's bytes
//! (laid out as the target says) before loading; a program reads it through `KernelPtr` (the
//! probe-read helpers, as `BPF_CORE_READ` does) and stores one [`Raw`] per slot into the `.bss`
//! global [`OUTPUT`], whose word 0 counts the runs.
//!
//! Where libbpf's program would fail to load (a relocation that finds no target poisons its
//! instruction), a btf-reloc getter reads `Ok(None)`: every read sits behind its existence
//! check, whose false branch the verifier prunes. So libbpf's "fails" is, per read, "`None`"
//! here, except where libbpf refuses to relocate at all (an ambiguous relocation), which fails
//! the load under btf-reloc too.
#![allow(non_camel_case_types)] // The declarations carry libbpf's type names.

use btf_reloc_runtime::btf::{field_byte_offset, field_byte_size};
use btf_reloc_runtime::prelude::*;
use btf_reloc_runtime::{
    type_exists, type_id_local, type_id_target, type_matches, type_size, BtfType,
};

use crate::objects::Bin;
use crate::outcome::{encode, encode_option, Raw};

/// `static CORE_RELOC_INPUT: Global<[u8; INPUT_LEN]>` in `.rodata`: the case's input.
pub const INPUT: &str = "CORE_RELOC_INPUT";
/// The size of [`INPUT`] (libbpf's `struct data` has 256 input bytes too).
pub const INPUT_LEN: usize = 256;
/// `static mut CORE_RELOC_OUTPUT: Output` in `.bss`.
pub const OUTPUT: &str = "CORE_RELOC_OUTPUT";
/// The most slots a program stores.
pub const SLOTS: usize = 8;
/// The words of [`OUTPUT`]: the run count, then four per slot.
pub const OUTPUT_WORDS: usize = 1 + 4 * SLOTS;
/// What the programs store: `[runs, slot 0 (4 words), slot 1, ...]`.
pub type Output = [i64; OUTPUT_WORDS];

/// The slots of an [`Output`].
pub fn slots(output: &Output) -> [Raw; SLOTS] {
    core::array::from_fn(|slot| {
        let w = 1 + 4 * slot;
        [output[w], output[w + 1], output[w + 2], output[w + 3]]
    })
}

/// Where the reads put what they read: the program's `.bss`, or a host test's array.
pub trait Sink {
    /// Stores `value` into slot `slot` (below [`SLOTS`]).
    fn slot(&mut self, slot: usize, value: Raw);
}

/// One group of libbpf's cases: one local declaration, one program.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// `test_core_reloc_flavors.c`: `a`, `b`, `c` through two flavors of one type.
    Flavors,
    /// `test_core_reloc_nesting.c`: `a.a.a` and `b.b.b` through embedded structs and unions.
    Nesting,
    /// `test_core_reloc_arrays.c`: `a[2]` (the other paths index into arrays of arrays and of
    /// structs, which btf-reloc's getters do not take).
    Arrays,
    /// `test_core_reloc_primitives.c`: a `char`, an `int`, an enum, two pointers.
    Primitives,
    /// `test_core_reloc_mods.c`: the same through `const`, typedefs and arrays.
    Mods,
    /// `test_core_reloc_ints.c`: eight ints of each size and signedness.
    Ints,
    /// `test_core_reloc_existence.c`: existence and value of five fields.
    Existence,
    /// `test_core_reloc_bitfields_probed.c`: seven bitfields (or ints), read with the bitfield
    /// relocations into 64 bits.
    Bitfields,
    /// `test_core_reloc_bitfields_direct.c`: the same seven, read with direct loads
    /// (`BPF_CORE_READ_BITFIELD`, `BtfPtr::read_bitfield`) from the input's map value (object
    /// [`CoreRelocDirect`](Bin::CoreRelocDirect): a direct read has no existence check, so the
    /// program does not load against the other families' targets).
    BitfieldsDirect,
    /// `test_core_reloc_size.c`: `bpf_core_field_size` and `bpf_core_field_offset`.
    Size,
    /// `test_core_reloc_enumval.c`: enumerator existence and values.
    Enumval,
    /// `test_core_reloc_enum64val.c`: the same for 64-bit enums.
    Enum64val,
    /// `test_core_reloc_type_based.c`: `TYPE_EXISTS`, `TYPE_MATCHES` and `TYPE_SIZE` of the
    /// types a Rust declaration can be (object [`CoreRelocTypes`](Bin::CoreRelocTypes)).
    TypeBased,
    /// `test_core_reloc_type_id.c`: `TYPE_ID_LOCAL` and `TYPE_ID_TARGET` (object
    /// [`CoreRelocTypeId`](Bin::CoreRelocTypeId)).
    TypeId,
    /// `test_core_reloc_ptr_as_arr.c`: `in[2].a`, the third of an array of the type, at twice
    /// the target's size of the type (object [`CoreRelocPtrAsArr`](Bin::CoreRelocPtrAsArr)).
    PtrAsArr,
}

impl Family {
    /// The program's name (the `fn` in `e2e-ebpf/src/core_reloc.rs`).
    pub const fn program(self) -> &'static str {
        match self {
            Self::Flavors => "core_reloc_flavors",
            Self::Nesting => "core_reloc_nesting",
            Self::Arrays => "core_reloc_arrays",
            Self::Primitives => "core_reloc_primitives",
            Self::Mods => "core_reloc_mods",
            Self::Ints => "core_reloc_ints",
            Self::Existence => "core_reloc_existence",
            Self::Bitfields => "core_reloc_bitfields",
            Self::BitfieldsDirect => "core_reloc_bitfields_direct",
            Self::Size => "core_reloc_size",
            Self::Enumval => "core_reloc_enumval",
            Self::Enum64val => "core_reloc_enum64val",
            Self::TypeBased => "core_reloc_type_based",
            Self::TypeId => "core_reloc_type_id",
            Self::PtrAsArr => "core_reloc_ptr_as_arr",
        }
    }

    /// The object the program is in.
    pub const fn bin(self) -> Bin {
        match self {
            Self::TypeBased => Bin::CoreRelocTypes,
            Self::TypeId => Bin::CoreRelocTypeId,
            Self::PtrAsArr => Bin::CoreRelocPtrAsArr,
            Self::BitfieldsDirect => Bin::CoreRelocDirect,
            _ => Bin::CoreReloc,
        }
    }

    /// What each slot holds.
    pub const fn slot_names(self) -> &'static [&'static str] {
        match self {
            Self::Flavors => &["a", "b", "c"],
            Self::Nesting => &["a.a.a", "b.b.b"],
            Self::Arrays => &["a[2]"],
            Self::Primitives => &["a", "b", "c", "d", "f"],
            Self::Mods => &["a", "b", "c", "d", "e[2]", "f[1]", "g.x", "h.y"],
            Self::Ints => &["u8", "s8", "u16", "s16", "u32", "s32", "u64", "s64"],
            Self::Existence => &["a", "b", "c", "arr[0]", "s.x"],
            Self::Bitfields | Self::BitfieldsDirect => {
                &["ub1", "ub2", "ub7", "sb4", "sb20", "u32", "s32"]
            }
            Self::Size => &["int", "struct", "union", "arr", "ptr", "enum"],
            Self::TypeBased | Self::TypeId => &TYPES,
            Self::PtrAsArr => &["[2].a"],
            Self::Enumval | Self::Enum64val => {
                &["named1", "named2", "named3", "anon1", "anon2", "anon3"]
            }
        }
    }

    /// Runs the reads of this family on `input` (an address) into `sink`.
    #[inline(always)]
    pub fn read(self, input: u64, sink: &mut impl Sink) {
        match self {
            Self::Flavors => read_flavors(input, sink),
            Self::Nesting => read_nesting(input, sink),
            Self::Arrays => read_arrays(input, sink),
            Self::Primitives => read_primitives(input, sink),
            Self::Mods => read_mods(input, sink),
            Self::Ints => read_ints(input, sink),
            Self::Existence => read_existence(input, sink),
            Self::Bitfields => read_bitfields(input, sink),
            Self::BitfieldsDirect => read_bitfields_direct(input, sink),
            Self::Size => read_size(sink),
            Self::Enumval => read_enumval(sink),
            Self::Enum64val => read_enum64val(sink),
            Self::TypeBased => read_type_based(sink),
            Self::TypeId => read_type_id(sink),
            Self::PtrAsArr => read_ptr_as_arr(input, sink),
        }
    }
}

// --- flavors -----------------------------------------------------------------------------------

/// `struct core_reloc_flavors { int a, b, c; }`.
#[derive(BtfRelocatable, Debug)]
#[repr(C)]
pub struct core_reloc_flavors {
    /// `a`.
    pub a: i32,
    /// `b`.
    pub b: i32,
    /// `c`.
    pub c: i32,
}

/// `struct core_reloc_flavors___reversed { int c, b, a; }`: another flavor of the same type.
#[derive(BtfRelocatable, Debug)]
#[repr(C)]
pub struct core_reloc_flavors___reversed {
    /// `c`.
    pub c: i32,
    /// `b`.
    pub b: i32,
    /// `a`.
    pub a: i32,
}

/// `a` and `c` through the original layout, `b` through the reversed flavor. (libbpf reads `a`
/// through a third flavor, `___weird`, whose members sit in anonymous structs and unions, which
/// a Rust declaration cannot have.)
#[inline(always)]
pub fn read_flavors(input: u64, sink: &mut impl Sink) {
    let orig = KernelPtr::<core_reloc_flavors>::from_addr(input);
    let rev = KernelPtr::<core_reloc_flavors___reversed>::from_addr(input);
    sink.slot(0, encode(orig.a()));
    sink.slot(1, encode(rev.b()));
    sink.slot(2, encode(orig.c()));
}

// --- nesting -----------------------------------------------------------------------------------

/// `struct core_reloc_nesting_substruct { int a; }`.
#[derive(BtfRelocatable, Clone, Copy, Debug)]
#[repr(C)]
pub struct core_reloc_nesting_substruct {
    /// `a`.
    pub a: i32,
}

/// `union core_reloc_nesting_subunion { int b; }`.
#[allow(missing_debug_implementations)]
#[derive(BtfRelocatable, Clone, Copy)]
#[repr(C)]
pub union core_reloc_nesting_subunion {
    /// `b`.
    pub b: i32,
}

/// The anonymous `union { struct core_reloc_nesting_substruct a; }` of `a` (named here: only
/// member names count along an access path).
#[allow(missing_debug_implementations)]
#[derive(BtfRelocatable, Clone, Copy)]
#[repr(C)]
pub union core_reloc_nesting_a {
    /// `a`.
    pub a: core_reloc_nesting_substruct,
}

/// The anonymous `struct { union core_reloc_nesting_subunion b; }` of `b`.
#[allow(missing_debug_implementations)]
#[derive(BtfRelocatable)]
#[repr(C)]
pub struct core_reloc_nesting_b {
    /// `b`.
    pub b: core_reloc_nesting_subunion,
}

/// `struct core_reloc_nesting`.
#[allow(missing_debug_implementations)]
#[derive(BtfRelocatable)]
#[repr(C)]
pub struct core_reloc_nesting {
    /// `a`.
    pub a: core_reloc_nesting_a,
    /// `b`.
    pub b: core_reloc_nesting_b,
}

/// `a.a.a` and `b.b.b`, each one access path (one relocation).
#[inline(always)]
pub fn read_nesting(input: u64, sink: &mut impl Sink) {
    let p = KernelPtr::<core_reloc_nesting>::from_addr(input);
    sink.slot(0, encode(core_read!(p, a, a, a)));
    sink.slot(1, encode(core_read!(p, b, b, b)));
}

// --- arrays ------------------------------------------------------------------------------------

/// `struct core_reloc_arrays`, its first member only (see [`Family::Arrays`]).
#[derive(BtfRelocatable, Debug)]
#[repr(C)]
pub struct core_reloc_arrays {
    /// `int a[5]`.
    pub a: [i32; 5],
}

/// `a[2]`, bounds-checked against the target's length.
#[inline(always)]
pub fn read_arrays(input: u64, sink: &mut impl Sink) {
    let p = KernelPtr::<core_reloc_arrays>::from_addr(input);
    sink.slot(0, encode(p.a_at(2)));
}

// --- primitives --------------------------------------------------------------------------------

/// `enum core_reloc_primitives_enum { A = 0, B = 1 }`.
#[derive(BtfEnum, Clone, Copy, Debug)]
#[btf(name = "core_reloc_primitives_enum")]
pub enum PrimitivesEnum {
    /// `A`.
    A = 0,
    /// `B`.
    B = 1,
}

/// `struct core_reloc_primitives`.
#[derive(BtfRelocatable, Debug)]
#[repr(C)]
pub struct core_reloc_primitives {
    /// `char a`.
    pub a: i8,
    /// `int b`.
    pub b: i32,
    /// `enum core_reloc_primitives_enum c`.
    pub c: EnumOf<PrimitivesEnum>,
    /// `void *d`.
    pub d: *const u8,
    /// `int (*f)(const char *)`: a pointer, which is all a field relocation looks at.
    pub f: *const u8,
}

/// A pointer's value, as the test compares it.
#[inline(always)]
fn address(
    result: Result<Option<*const u8>, RelocatableFieldAccessError>,
) -> Result<Option<i64>, RelocatableFieldAccessError> {
    result.map(|p| p.map(|p| p as usize as i64))
}

/// Every member.
#[inline(always)]
pub fn read_primitives(input: u64, sink: &mut impl Sink) {
    let p = KernelPtr::<core_reloc_primitives>::from_addr(input);
    sink.slot(0, encode(p.a()));
    sink.slot(1, encode(p.b()));
    sink.slot(2, encode(p.c()));
    sink.slot(3, encode(address(p.d())));
    sink.slot(4, encode(address(p.f())));
}

// --- mods --------------------------------------------------------------------------------------

/// `struct core_reloc_mods_substruct { int x, y; }` (also its typedef'd anonymous twin
/// `core_reloc_mods_substruct_t`: only member names count along a path).
#[derive(BtfRelocatable, Debug)]
#[repr(C)]
pub struct core_reloc_mods_substruct {
    /// `x`.
    pub x: i32,
    /// `y`.
    pub y: i32,
}

/// `struct core_reloc_mods`, without libbpf's local `const` and typedefs (libbpf skips
/// modifiers and typedefs on both sides).
#[derive(BtfRelocatable, Debug)]
#[repr(C)]
pub struct core_reloc_mods {
    /// `int a`.
    pub a: i32,
    /// `int_t b` (`const int`).
    pub b: i32,
    /// `char *c`.
    pub c: *const u8,
    /// `char_ptr_t d` (`const char *`).
    pub d: *const u8,
    /// `int e[3]`.
    pub e: [i32; 3],
    /// `arr_t f` (`const int[7]`).
    pub f: [i32; 7],
    /// `struct core_reloc_mods_substruct g`.
    pub g: core_reloc_mods_substruct,
    /// `core_reloc_mods_substruct_t h`.
    pub h: core_reloc_mods_substruct,
}

/// `a`, `b`, `c`, `d`, `e[2]`, `f[1]`, `g.x`, `h.y`.
#[inline(always)]
pub fn read_mods(input: u64, sink: &mut impl Sink) {
    let p = KernelPtr::<core_reloc_mods>::from_addr(input);
    sink.slot(0, encode(p.a()));
    sink.slot(1, encode(p.b()));
    sink.slot(2, encode(address(p.c())));
    sink.slot(3, encode(address(p.d())));
    sink.slot(4, encode(p.e_at(2)));
    sink.slot(5, encode(p.f_at(1)));
    sink.slot(6, encode(core_read!(p, g, x)));
    sink.slot(7, encode(core_read!(p, h, y)));
}

// --- ptr_as_arr --------------------------------------------------------------------------------

/// `struct core_reloc_ptr_as_arr { int a; }`.
#[derive(BtfRelocatable, Debug)]
#[repr(C)]
pub struct core_reloc_ptr_as_arr {
    /// `a`.
    pub a: i32,
}

/// `in[2].a`. libbpf relocates it as one access (`2:0`: twice the target's size of the type
/// plus `a`'s offset); btf-reloc's paths start at a member, so here the element's address is
/// `in + 2 * type_size` and `a` is read from it.
#[inline(always)]
pub fn read_ptr_as_arr(input: u64, sink: &mut impl Sink) {
    let value = match type_size::<core_reloc_ptr_as_arr>() {
        Some(size) => KernelPtr::<core_reloc_ptr_as_arr>::from_addr(input + 2 * size as u64).a(),
        None => Ok(None),
    };
    sink.slot(0, encode(value));
}

// --- ints --------------------------------------------------------------------------------------

/// `struct core_reloc_ints`.
#[derive(BtfRelocatable, Debug)]
#[repr(C)]
pub struct core_reloc_ints {
    /// `uint8_t u8_field`.
    pub u8_field: u8,
    /// `int8_t s8_field`.
    pub s8_field: i8,
    /// `uint16_t u16_field`.
    pub u16_field: u16,
    /// `int16_t s16_field`.
    pub s16_field: i16,
    /// `uint32_t u32_field`.
    pub u32_field: u32,
    /// `int32_t s32_field`.
    pub s32_field: i32,
    /// `uint64_t u64_field`.
    pub u64_field: u64,
    /// `int64_t s64_field`.
    pub s64_field: i64,
}

/// Every member.
#[inline(always)]
pub fn read_ints(input: u64, sink: &mut impl Sink) {
    let p = KernelPtr::<core_reloc_ints>::from_addr(input);
    sink.slot(0, encode(p.u8_field()));
    sink.slot(1, encode(p.s8_field()));
    sink.slot(2, encode(p.u16_field()));
    sink.slot(3, encode(p.s16_field()));
    sink.slot(4, encode(p.u32_field()));
    sink.slot(5, encode(p.s32_field()));
    sink.slot(6, encode(p.u64_field().map(|v| v.map(|v| v as i64))));
    sink.slot(7, encode(p.s64_field()));
}

// --- existence ---------------------------------------------------------------------------------

/// `struct { int x; } s`.
#[derive(BtfRelocatable, Debug)]
#[repr(C)]
pub struct core_reloc_existence_s {
    /// `x`.
    pub x: i32,
}

/// `struct core_reloc_existence`. libbpf's has `b` in an anonymous struct; a Rust field cannot
/// be anonymous, so `b` is a direct member here, which libbpf's matching finds in the target's
/// anonymous struct all the same (names are looked up through anonymous members).
#[derive(BtfRelocatable, Debug)]
#[repr(C)]
pub struct core_reloc_existence {
    /// `a`.
    pub a: i32,
    /// `b`.
    pub b: i32,
    /// `c`.
    pub c: i32,
    /// `int arr[1]`.
    pub arr: [i32; 1],
    /// `s`.
    pub s: core_reloc_existence_s,
}

/// `a`, `b`, `c`, `arr[0]`, `s.x`: `None` where the field does not exist (libbpf's program
/// stores its `bpf_core_field_exists` and, then, the value).
#[inline(always)]
pub fn read_existence(input: u64, sink: &mut impl Sink) {
    let p = KernelPtr::<core_reloc_existence>::from_addr(input);
    sink.slot(0, encode(p.a()));
    sink.slot(1, encode(p.b()));
    sink.slot(2, encode(p.c()));
    sink.slot(3, encode(p.arr_at(0)));
    sink.slot(4, encode(core_read!(p, s, x)));
}

// --- bitfields ---------------------------------------------------------------------------------

/// `struct core_reloc_bitfields`, every member read as a bitfield into 64 bits, as libbpf's
/// `BPF_CORE_READ_BITFIELD_PROBED` does (its output is seven `int64_t`s). The local widths do
/// not matter: the bitfield relocations give the target's position, width and signedness.
#[derive(BtfRelocatable, Debug)]
#[repr(C)]
pub struct core_reloc_bitfields {
    /// `uint8_t ub1: 1`.
    #[btf(bitfield)]
    pub ub1: i64,
    /// `uint8_t ub2: 2`.
    #[btf(bitfield)]
    pub ub2: i64,
    /// `uint32_t ub7: 7`.
    #[btf(bitfield)]
    pub ub7: i64,
    /// `int8_t sb4: 4`.
    #[btf(bitfield)]
    pub sb4: i64,
    /// `int32_t sb20: 20`.
    #[btf(bitfield)]
    pub sb20: i64,
    /// `uint32_t u32`.
    #[btf(bitfield)]
    pub u32: i64,
    /// `int32_t s32`.
    #[btf(bitfield)]
    pub s32: i64,
}

/// Every member.
#[inline(always)]
pub fn read_bitfields(input: u64, sink: &mut impl Sink) {
    let p = KernelPtr::<core_reloc_bitfields>::from_addr(input);
    sink.slot(0, encode(p.ub1()));
    sink.slot(1, encode(p.ub2()));
    sink.slot(2, encode(p.ub7()));
    sink.slot(3, encode(p.sb4()));
    sink.slot(4, encode(p.sb20()));
    sink.slot(5, encode(p.u32()));
    sink.slot(6, encode(p.s32()));
}

/// Every member, with direct loads (`BPF_CORE_READ_BITFIELD`): `input` is the address of a map
/// value, which the verifier lets a program load from directly.
#[inline(always)]
pub fn read_bitfields_direct(input: u64, sink: &mut impl Sink) {
    let p = BtfPtr::<core_reloc_bitfields>::new(input as usize as *const core_reloc_bitfields);
    let value = |v: i64| encode(Ok(Some(v)));
    sink.slot(0, value(p.read_bitfield(|t| t.ub1)));
    sink.slot(1, value(p.read_bitfield(|t| t.ub2)));
    sink.slot(2, value(p.read_bitfield(|t| t.ub7)));
    sink.slot(3, value(p.read_bitfield(|t| t.sb4)));
    sink.slot(4, value(p.read_bitfield(|t| t.sb20)));
    sink.slot(5, value(p.read_bitfield(|t| t.u32)));
    sink.slot(6, value(p.read_bitfield(|t| t.s32)));
}

// --- size --------------------------------------------------------------------------------------

/// `struct { int x; } struct_field`.
#[derive(BtfRelocatable, Debug)]
#[repr(C)]
pub struct core_reloc_size_struct {
    /// `x`.
    pub x: i32,
}

/// `union { int x; } union_field`.
#[allow(missing_debug_implementations)]
#[derive(BtfRelocatable, Clone, Copy)]
#[repr(C)]
pub union core_reloc_size_union {
    /// `x`.
    pub x: i32,
}

/// `enum { VALUE = 123 } enum_field` (named here; a named local enum matches an anonymous one).
#[derive(BtfEnum, Clone, Copy, Debug)]
#[btf(name = "core_reloc_size_enum")]
pub enum SizeEnum {
    /// `VALUE`.
    #[btf(rename = "VALUE")]
    Value = 123,
}

/// `struct core_reloc_size`, without `float float_field` (no float fields in btf-reloc).
#[allow(missing_debug_implementations)]
#[derive(BtfRelocatable)]
#[repr(C)]
pub struct core_reloc_size {
    /// `int int_field`.
    pub int_field: i32,
    /// `struct_field`.
    pub struct_field: core_reloc_size_struct,
    /// `union_field`.
    pub union_field: core_reloc_size_union,
    /// `int arr_field[4]`.
    pub arr_field: [i32; 4],
    /// `void *ptr_field`.
    pub ptr_field: *const u8,
    /// `enum_field`.
    pub enum_field: EnumOf<SizeEnum>,
}

/// `[offset or -1, size or -1, 0, 0]` of each field, by `btf::field_byte_offset!` /
/// `field_byte_size!` (libbpf's `bpf_core_field_offset` / `bpf_core_field_size`).
#[inline(always)]
pub fn read_size(sink: &mut impl Sink) {
    sink.slot(
        0,
        [
            encode_option(field_byte_offset!(core_reloc_size, int_field)),
            encode_option(field_byte_size!(core_reloc_size, int_field)),
            0,
            0,
        ],
    );
    sink.slot(
        1,
        [
            encode_option(field_byte_offset!(core_reloc_size, struct_field)),
            encode_option(field_byte_size!(core_reloc_size, struct_field)),
            0,
            0,
        ],
    );
    sink.slot(
        2,
        [
            encode_option(field_byte_offset!(core_reloc_size, union_field)),
            encode_option(field_byte_size!(core_reloc_size, union_field)),
            0,
            0,
        ],
    );
    sink.slot(
        3,
        [
            encode_option(field_byte_offset!(core_reloc_size, arr_field)),
            encode_option(field_byte_size!(core_reloc_size, arr_field)),
            0,
            0,
        ],
    );
    sink.slot(
        4,
        [
            encode_option(field_byte_offset!(core_reloc_size, ptr_field)),
            encode_option(field_byte_size!(core_reloc_size, ptr_field)),
            0,
            0,
        ],
    );
    sink.slot(
        5,
        [
            encode_option(field_byte_offset!(core_reloc_size, enum_field)),
            encode_option(field_byte_size!(core_reloc_size, enum_field)),
            0,
            0,
        ],
    );
}

// --- enumval -----------------------------------------------------------------------------------

/// `enum named_enum`.
#[derive(BtfEnum, Clone, Copy, Debug)]
#[btf(name = "named_enum")]
pub enum NamedEnum {
    /// `NAMED_ENUM_VAL1`.
    #[btf(rename = "NAMED_ENUM_VAL1")]
    Val1 = 1,
    /// `NAMED_ENUM_VAL2`.
    #[btf(rename = "NAMED_ENUM_VAL2")]
    Val2 = 2,
    /// `NAMED_ENUM_VAL3`.
    #[btf(rename = "NAMED_ENUM_VAL3")]
    Val3 = 3,
}

/// `typedef enum { ... } anon_enum;`.
#[derive(BtfEnum, Clone, Copy, Debug)]
#[btf(typedef = "anon_enum")]
pub enum AnonEnum {
    /// `ANON_ENUM_VAL1`.
    #[btf(rename = "ANON_ENUM_VAL1")]
    Val1 = 0x10,
    /// `ANON_ENUM_VAL2`.
    #[btf(rename = "ANON_ENUM_VAL2")]
    Val2 = 0x20,
    /// `ANON_ENUM_VAL3`.
    #[btf(rename = "ANON_ENUM_VAL3")]
    Val3 = 0x30,
}

/// `[exists, 1 and the value or 0 and 0, 0]` of an enumerator.
#[inline(always)]
fn enumerator(exists: bool, value: Option<i64>) -> Raw {
    match value {
        Some(value) => [i64::from(exists), 1, value, 0],
        None => [i64::from(exists), 0, 0, 0],
    }
}

/// `bpf_core_enum_value_exists` and `bpf_core_enum_value` of each enumerator.
#[inline(always)]
pub fn read_enumval(sink: &mut impl Sink) {
    sink.slot(
        0,
        enumerator(NamedEnum::Val1.exists(), NamedEnum::Val1.value()),
    );
    sink.slot(
        1,
        enumerator(NamedEnum::Val2.exists(), NamedEnum::Val2.value()),
    );
    sink.slot(
        2,
        enumerator(NamedEnum::Val3.exists(), NamedEnum::Val3.value()),
    );
    sink.slot(
        3,
        enumerator(AnonEnum::Val1.exists(), AnonEnum::Val1.value()),
    );
    sink.slot(
        4,
        enumerator(AnonEnum::Val2.exists(), AnonEnum::Val2.value()),
    );
    sink.slot(
        5,
        enumerator(AnonEnum::Val3.exists(), AnonEnum::Val3.value()),
    );
}

// --- enum64val ---------------------------------------------------------------------------------

/// `enum named_unsigned_enum64`.
#[derive(BtfEnum, Clone, Copy, Debug)]
#[repr(u64)]
#[btf(name = "named_unsigned_enum64")]
pub enum UnsignedEnum64 {
    /// `UNSIGNED_ENUM64_VAL1`.
    #[btf(rename = "UNSIGNED_ENUM64_VAL1")]
    Val1 = 0x1_ffff_ffff,
    /// `UNSIGNED_ENUM64_VAL2`.
    #[btf(rename = "UNSIGNED_ENUM64_VAL2")]
    Val2 = 0x2,
    /// `UNSIGNED_ENUM64_VAL3`.
    #[btf(rename = "UNSIGNED_ENUM64_VAL3")]
    Val3 = 0x3_ffff_ffff,
}

/// `enum named_signed_enum64`.
#[derive(BtfEnum, Clone, Copy, Debug)]
#[repr(i64)]
#[btf(name = "named_signed_enum64")]
pub enum SignedEnum64 {
    /// `SIGNED_ENUM64_VAL1`.
    #[btf(rename = "SIGNED_ENUM64_VAL1")]
    Val1 = 0x1_ffff_ffff,
    /// `SIGNED_ENUM64_VAL2`.
    #[btf(rename = "SIGNED_ENUM64_VAL2")]
    Val2 = -2,
    /// `SIGNED_ENUM64_VAL3`.
    #[btf(rename = "SIGNED_ENUM64_VAL3")]
    Val3 = 0x3_ffff_ffff,
}

/// The same for the unsigned and the signed 64-bit enum.
#[inline(always)]
pub fn read_enum64val(sink: &mut impl Sink) {
    sink.slot(
        0,
        enumerator(UnsignedEnum64::Val1.exists(), UnsignedEnum64::Val1.value()),
    );
    sink.slot(
        1,
        enumerator(UnsignedEnum64::Val2.exists(), UnsignedEnum64::Val2.value()),
    );
    sink.slot(
        2,
        enumerator(UnsignedEnum64::Val3.exists(), UnsignedEnum64::Val3.value()),
    );
    sink.slot(
        3,
        enumerator(SignedEnum64::Val1.exists(), SignedEnum64::Val1.value()),
    );
    sink.slot(
        4,
        enumerator(SignedEnum64::Val2.exists(), SignedEnum64::Val2.value()),
    );
    sink.slot(
        5,
        enumerator(SignedEnum64::Val3.exists(), SignedEnum64::Val3.value()),
    );
}

// --- type_based and type_id --------------------------------------------------------------------

/// The types of the two type-based families, by the name libbpf's table gives them.
pub const TYPES: [&str; 6] = [
    "struct",
    "union",
    "enum",
    "typedef_named_struct",
    "typedef_anon_struct",
    "typedef_enum",
];

/// `struct a_struct { int x; }`.
#[derive(BtfRelocatable, Debug)]
#[repr(C)]
pub struct a_struct {
    /// `x`.
    pub x: i32,
}

/// `union a_union { int y; int z; }`.
#[allow(missing_debug_implementations)]
#[derive(BtfRelocatable, Clone, Copy)]
#[repr(C)]
pub union a_union {
    /// `y`.
    pub y: i32,
    /// `z`.
    pub z: i32,
}

/// `enum an_enum`.
#[derive(BtfEnum, Clone, Copy, Debug)]
#[btf(name = "an_enum")]
pub enum AnEnum {
    /// `AN_ENUM_VAL1`.
    #[btf(rename = "AN_ENUM_VAL1")]
    Val1 = 1,
    /// `AN_ENUM_VAL2`.
    #[btf(rename = "AN_ENUM_VAL2")]
    Val2 = 2,
    /// `AN_ENUM_VAL3`.
    #[btf(rename = "AN_ENUM_VAL3")]
    Val3 = 3,
}

/// `typedef struct a_struct named_struct_typedef;`
#[derive(BtfRelocatable, Debug)]
#[repr(C)]
#[btf(typedef = "named_struct_typedef", name = "a_struct")]
pub struct NamedStructTypedef {
    /// `x`.
    pub x: i32,
}

/// `typedef struct { int x, y, z; } anon_struct_typedef;`
#[derive(BtfRelocatable, Debug)]
#[repr(C)]
#[btf(typedef = "anon_struct_typedef")]
pub struct AnonStructTypedef {
    /// `x`.
    pub x: i32,
    /// `y`.
    pub y: i32,
    /// `z`.
    pub z: i32,
}

/// `typedef enum { TYPEDEF_ENUM_VAL1, TYPEDEF_ENUM_VAL2 } enum_typedef;`
#[derive(BtfEnum, Clone, Copy, Debug)]
#[btf(typedef = "enum_typedef")]
pub enum EnumTypedef {
    /// `TYPEDEF_ENUM_VAL1`.
    #[btf(rename = "TYPEDEF_ENUM_VAL1")]
    Val1,
    /// `TYPEDEF_ENUM_VAL2`.
    #[btf(rename = "TYPEDEF_ENUM_VAL2")]
    Val2,
}

/// `[type_exists, type_matches, type_size or -1, 0]` of `T`.
#[inline(always)]
fn type_based<T: BtfType>() -> Raw {
    [
        i64::from(type_exists::<T>()),
        i64::from(type_matches::<T>()),
        encode_option(type_size::<T>()),
        0,
    ]
}

/// `bpf_core_type_exists`, `bpf_core_type_matches` and `bpf_core_type_size` of each of
/// [`TYPES`].
#[inline(always)]
pub fn read_type_based(sink: &mut impl Sink) {
    sink.slot(0, type_based::<a_struct>());
    sink.slot(1, type_based::<a_union>());
    sink.slot(2, type_based::<AnEnum>());
    sink.slot(3, type_based::<NamedStructTypedef>());
    sink.slot(4, type_based::<AnonStructTypedef>());
    sink.slot(5, type_based::<EnumTypedef>());
}

/// `[type_id_local, type_id_target or -1, 0, 0]` of `T`.
#[inline(always)]
fn type_id<T: BtfType>() -> Raw {
    [
        i64::from(type_id_local::<T>()),
        type_id_target::<T>().map_or(-1, i64::from),
        0,
        0,
    ]
}

/// `bpf_core_type_id_local` and `bpf_core_type_id_kernel` of each of [`TYPES`].
#[inline(always)]
pub fn read_type_id(sink: &mut impl Sink) {
    sink.slot(0, type_id::<a_struct>());
    sink.slot(1, type_id::<a_union>());
    sink.slot(2, type_id::<AnEnum>());
    sink.slot(3, type_id::<NamedStructTypedef>());
    sink.slot(4, type_id::<AnonStructTypedef>());
    sink.slot(5, type_id::<EnumTypedef>());
}
