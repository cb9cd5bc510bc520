//! The byte encoding of descriptors in the descriptor section, and its `const` encoder (the
//! derive places the encoded bytes in a `#[used]` static). [`crate::decode`] reads it back.
//!
//! # Encoding (version 3)
//!
//! All integers are little-endian. The section holds records back to back; zero bytes between
//! records are padding (a record never starts with a zero byte).
//!
//! ```text
//! record  := magic:u32 = 0x4C45_5242 ("BREL")  version:u8 = 3  record_kind:u8
//!            checksum:u16  record_len:u32 (whole record, header included)  [typedef:str] body
//! body    := struct (record_kind 1) | enum (record_kind 2) | union (record_kind 3)
//!            (record_kind | 0x80: the typedef name the kernel knows the type by comes first;
//!            the type's own name may then be empty, an anonymous type)
//! struct  := name:str  rust_path:str  size:u32  field_count:u32  field*
//! union   := as struct, every field at offset 0
//! field   := id:u32  name:str  offset:u32  size:u32  shape
//! shape   := tag:u8, then by tag
//!              0 int       size:u32  signed:u8 (0 or 1)
//!              1 pointer   (nothing)
//!              2 array     len:u32  element:shape
//!              3 struct    rust_path:str (of the embedded struct's or union's own record)
//!              4 pointer   pointee (a pointer to a known type)
//!              6 enum      rust_path:str (of the enum's own record)
//! pointee := tag:u8, then by tag
//!              0 int       size:u32  signed:u8
//!              1 pointer   (nothing: a `void *`)
//!              4 pointer   pointee
//!              5 named     union:u8 (0 or 1)  name:str (a struct's or union's kernel name)
//! enum    := name:str  rust_path:str  size:u32  signed:u8  variant_count:u32
//!            (name:str  value:i64)*
//! str     := len:u32  bytes (UTF-8, no terminator)
//! ```
//!
//! A field's `id` is redundant (it is [`StructDescriptor::field_id`]); the decoder checks it, so
//! that a runtime and a post-link tool that hash differently are caught.
//!
//! `checksum` is the [CRC-16](checksum) of the whole record with the two checksum bytes taken as
//! zero. Most of a record cannot be checked against anything else (a struct's size, a field's
//! offset only have to be plausible), and what the post-link step reads from it ends up in the
//! program's BTF: the checksum is what tells a record damaged after the build (by a tool, a
//! disk, a fuzzer) from the one the derive wrote. Version 2 had no checksum (zeros there).

use crate::descriptor::{
    EnumDescriptor, PointeeShape, StructDescriptor, TypeDescriptor, TypeShape,
};

/// First four bytes of every record (`"BREL"`).
pub const RECORD_MAGIC: u32 = 0x4C45_5242;
/// Encoding version written by this crate.
pub const RECORD_VERSION: u8 = 3;
/// `record_kind` of a struct record.
pub const RECORD_KIND_STRUCT: u8 = 1;
/// `record_kind` of an enum record.
pub const RECORD_KIND_ENUM: u8 = 2;
/// `record_kind` of a union record (the body of a struct record).
pub const RECORD_KIND_UNION: u8 = 3;
/// Set in `record_kind` when a typedef name precedes the body.
pub const RECORD_TYPEDEF: u8 = 0x80;
/// Length of the fixed record header.
pub const RECORD_HEADER_LEN: usize = 12;
/// Shape tag of an integer.
pub const SHAPE_INT: u8 = 0;
/// Shape tag of a pointer.
pub const SHAPE_PTR: u8 = 1;
/// Shape tag of an array.
pub const SHAPE_ARRAY: u8 = 2;
/// Shape tag of an embedded struct or union.
pub const SHAPE_STRUCT: u8 = 3;
/// Shape tag of a pointer to a known type (followed by the pointee).
pub const SHAPE_PTR_TO: u8 = 4;
/// Pointee tag of a struct or union known by name only.
pub const SHAPE_NAMED: u8 = 5;
/// Shape tag of a value of an enum (followed by the enum record's `rust_path`).
pub const SHAPE_ENUM: u8 = 6;

/// Byte range of the checksum in the record header.
pub const RECORD_CHECKSUM: core::ops::Range<usize> = 6..8;

/// CRC-16/CCITT-FALSE (polynomial 0x1021, initial value 0xffff) of `record`, with the bytes at
/// [`RECORD_CHECKSUM`] taken as zero: what a record's header holds there. It detects every
/// change of up to 16 consecutive bits, and any other change but one in 65536.
pub const fn checksum(record: &[u8]) -> u16 {
    let mut crc: u16 = 0xffff;
    let mut i = 0;
    while i < record.len() {
        let byte = if i >= RECORD_CHECKSUM.start && i < RECORD_CHECKSUM.end {
            0
        } else {
            record[i]
        };
        crc ^= (byte as u16) << 8;
        let mut bit = 0;
        while bit < 8 {
            crc = if crc & 0x8000 != 0 {
                (crc << 1) ^ 0x1021
            } else {
                crc << 1
            };
            bit += 1;
        }
        i += 1;
    }
    crc
}

/// Length in bytes of [`encode`]'s output for `desc`.
pub const fn encoded_len(desc: &StructDescriptor) -> usize {
    let mut len = RECORD_HEADER_LEN + str_len(desc.name) + str_len(desc.rust_path) + 8;
    let mut i = 0;
    while i < desc.fields.len() {
        let field = &desc.fields[i];
        len += 4 + str_len(field.name) + 8 + shape_len(&field.shape);
        i += 1;
    }
    len
}

/// Length in bytes of [`encode_enum`]'s output for `desc`.
pub const fn encoded_enum_len(desc: &EnumDescriptor) -> usize {
    let mut len = RECORD_HEADER_LEN + str_len(desc.name) + str_len(desc.rust_path) + 9;
    let mut i = 0;
    while i < desc.variants.len() {
        len += str_len(desc.variants[i].name) + 8;
        i += 1;
    }
    len
}

const fn str_len(s: &str) -> usize {
    4 + s.len()
}

const fn shape_len(shape: &TypeShape) -> usize {
    1 + match shape {
        TypeShape::Int { .. } => 5,
        TypeShape::Ptr => 0,
        TypeShape::Array { elem, .. } => 4 + shape_len(elem),
        TypeShape::Struct(desc) | TypeShape::Union(desc) => str_len(desc.rust_path),
        TypeShape::PtrTo(pointee) => pointee_len(pointee),
        TypeShape::Enum(desc) => str_len(desc.rust_path),
    }
}

const fn pointee_len(pointee: &PointeeShape) -> usize {
    1 + match pointee {
        PointeeShape::Int { .. } => 5,
        PointeeShape::Named { name, .. } => 1 + str_len(name),
        PointeeShape::Ptr(None) => 0,
        PointeeShape::Ptr(Some(inner)) => pointee_len(inner),
    }
}

/// Length in bytes of [`encode_type`]'s output for `ty`.
pub const fn encoded_type_len(ty: &TypeDescriptor) -> usize {
    let typedef = match ty.typedef() {
        Some(name) => str_len(name),
        None => 0,
    };
    typedef
        + match ty.base() {
            TypeDescriptor::Struct(desc) | TypeDescriptor::Union(desc) => encoded_len(desc),
            TypeDescriptor::Enum(desc) => encoded_enum_len(desc),
            TypeDescriptor::Typedef { .. } => 0,
        }
}

/// Encodes `ty` as one record of its kind (struct, union or enum, with its typedef name); `N`
/// must be [`encoded_type_len`]`(ty)`.
pub const fn encode_type<const N: usize>(ty: &TypeDescriptor) -> [u8; N] {
    // `base` strips every typedef: its last arm is never taken.
    let kind = match ty.base() {
        TypeDescriptor::Struct(_) => RECORD_KIND_STRUCT,
        TypeDescriptor::Union(_) => RECORD_KIND_UNION,
        TypeDescriptor::Enum(_) | TypeDescriptor::Typedef { .. } => RECORD_KIND_ENUM,
    };
    let mut w = match ty.typedef() {
        Some(name) => Writer::<N>::header(kind | RECORD_TYPEDEF).str(name),
        None => Writer::<N>::header(kind),
    };
    w = match ty.base() {
        TypeDescriptor::Struct(desc) | TypeDescriptor::Union(desc) => w.composite(desc),
        TypeDescriptor::Enum(desc) => w.enumeration(desc),
        TypeDescriptor::Typedef { .. } => w,
    };
    w.finish()
}

/// Encodes `desc` as one struct record; `N` must be [`encoded_len`]`(desc)`, which the compiler
/// checks when the result initialises a static.
pub const fn encode<const N: usize>(desc: &StructDescriptor) -> [u8; N] {
    Writer::<N>::header(RECORD_KIND_STRUCT)
        .composite(desc)
        .finish()
}

/// Encodes `desc` as one union record; `N` must be [`encoded_len`]`(desc)`.
pub const fn encode_union<const N: usize>(desc: &StructDescriptor) -> [u8; N] {
    Writer::<N>::header(RECORD_KIND_UNION)
        .composite(desc)
        .finish()
}

/// Encodes `desc` as one enum record; `N` must be [`encoded_enum_len`]`(desc)`.
pub const fn encode_enum<const N: usize>(desc: &EnumDescriptor) -> [u8; N] {
    Writer::<N>::header(RECORD_KIND_ENUM)
        .enumeration(desc)
        .finish()
}

impl<const N: usize> Writer<N> {
    /// A struct's or union's body.
    const fn composite(self, desc: &StructDescriptor) -> Self {
        let mut w = self;
        w = w.str(desc.name).str(desc.rust_path);
        w = w.u32(desc.size as u32);
        w = w.u32(desc.fields.len() as u32);
        let mut i = 0;
        while i < desc.fields.len() {
            let field = &desc.fields[i];
            w = w.u32(desc.field_id(i));
            w = w.str(field.name);
            w = w.u32(field.offset as u32);
            w = w.u32(field.size as u32);
            w = w.shape(&field.shape);
            i += 1;
        }
        w
    }

    /// An enum's body.
    const fn enumeration(self, desc: &EnumDescriptor) -> Self {
        let mut w = self;
        w = w.str(desc.name).str(desc.rust_path);
        w = w.u32(desc.size as u32).u8(desc.signed as u8);
        w = w.u32(desc.variants.len() as u32);
        let mut i = 0;
        while i < desc.variants.len() {
            let variant = &desc.variants[i];
            w = w.str(variant.name).u64(variant.value as u64);
            i += 1;
        }
        w
    }
}

/// A const-evaluable byte writer, passed by value (a `const fn` cannot hold a `&mut` to a local
/// of a generic type on every supported compiler).
struct Writer<const N: usize> {
    buf: [u8; N],
    pos: usize,
}

impl<const N: usize> Writer<N> {
    const fn header(kind: u8) -> Self {
        let w = Self {
            buf: [0; N],
            pos: 0,
        };
        w.u32(RECORD_MAGIC)
            .u8(RECORD_VERSION)
            .u8(kind)
            .u8(0)
            .u8(0)
            .u32(N as u32)
    }

    const fn finish(mut self) -> [u8; N] {
        // A length mismatch is a compile-time error where this initialises a static.
        assert!(
            self.pos == N,
            "descriptor length does not match its encoded length"
        );
        let sum = checksum(&self.buf).to_le_bytes();
        self.buf[RECORD_CHECKSUM.start] = sum[0];
        self.buf[RECORD_CHECKSUM.start + 1] = sum[1];
        self.buf
    }

    const fn u8(mut self, v: u8) -> Self {
        self.buf[self.pos] = v;
        self.pos += 1;
        self
    }

    const fn u32(self, v: u32) -> Self {
        self.bytes(&v.to_le_bytes())
    }

    const fn u64(self, v: u64) -> Self {
        self.bytes(&v.to_le_bytes())
    }

    const fn bytes(mut self, b: &[u8]) -> Self {
        let mut i = 0;
        while i < b.len() {
            self = self.u8(b[i]);
            i += 1;
        }
        self
    }

    const fn str(self, s: &str) -> Self {
        self.u32(s.len() as u32).bytes(s.as_bytes())
    }

    const fn shape(mut self, shape: &TypeShape) -> Self {
        match *shape {
            TypeShape::Int { size, signed } => self.u8(SHAPE_INT).u32(size as u32).u8(signed as u8),
            TypeShape::Ptr => self.u8(SHAPE_PTR),
            TypeShape::Array { elem, len } => {
                self = self.u8(SHAPE_ARRAY).u32(len as u32);
                self.shape(elem)
            }
            TypeShape::Struct(desc) | TypeShape::Union(desc) => {
                self.u8(SHAPE_STRUCT).str(desc.rust_path)
            }
            TypeShape::PtrTo(pointee) => self.u8(SHAPE_PTR_TO).pointee(pointee),
            TypeShape::Enum(desc) => self.u8(SHAPE_ENUM).str(desc.rust_path),
        }
    }

    const fn pointee(self, pointee: &PointeeShape) -> Self {
        match *pointee {
            PointeeShape::Int { size, signed } => {
                self.u8(SHAPE_INT).u32(size as u32).u8(signed as u8)
            }
            PointeeShape::Named { union, name } => self.u8(SHAPE_NAMED).u8(union as u8).str(name),
            PointeeShape::Ptr(None) => self.u8(SHAPE_PTR),
            PointeeShape::Ptr(Some(inner)) => self.u8(SHAPE_PTR_TO).pointee(inner),
        }
    }
}
