//! The byte encoding of descriptors in the descriptor section, and its `const` encoder (the
//! derive places the encoded bytes in a `#[used]` static). [`crate::decode`] reads it back.
//!
//! # Encoding (version 2)
//!
//! All integers are little-endian. The section holds records back to back; zero bytes between
//! records are padding (a record never starts with a zero byte).
//!
//! ```text
//! record  := magic:u32 = 0x4C45_5242 ("BREL")  version:u8 = 2  record_kind:u8
//!            reserved:u16 = 0  record_len:u32 (whole record, header included)  body
//! body    := struct (record_kind 1) | enum (record_kind 2)
//! struct  := name:str  rust_path:str  size:u32  field_count:u32  field*
//! field   := id:u32  name:str  offset:u32  size:u32  shape
//! shape   := tag:u8, then by tag
//!              0 int       size:u32  signed:u8 (0 or 1)
//!              1 pointer   (nothing)
//!              2 array     len:u32  element:shape
//!              3 struct    rust_path:str (of the embedded struct's own record)
//! enum    := name:str  rust_path:str  size:u32  signed:u8  variant_count:u32
//!            (name:str  value:i64)*
//! str     := len:u32  bytes (UTF-8, no terminator)
//! ```
//!
//! A field's `id` is redundant (it is [`StructDescriptor::field_id`]); the decoder checks it, so
//! that a runtime and a post-link tool that hash differently are caught.

use crate::descriptor::{EnumDescriptor, StructDescriptor, TypeShape};

/// First four bytes of every record (`"BREL"`).
pub const RECORD_MAGIC: u32 = 0x4C45_5242;
/// Encoding version written by this crate.
pub const RECORD_VERSION: u8 = 2;
/// `record_kind` of a struct record.
pub const RECORD_KIND_STRUCT: u8 = 1;
/// `record_kind` of an enum record.
pub const RECORD_KIND_ENUM: u8 = 2;
/// Length of the fixed record header.
pub const RECORD_HEADER_LEN: usize = 12;
/// Shape tag of an integer.
pub const SHAPE_INT: u8 = 0;
/// Shape tag of a pointer.
pub const SHAPE_PTR: u8 = 1;
/// Shape tag of an array.
pub const SHAPE_ARRAY: u8 = 2;
/// Shape tag of an embedded struct.
pub const SHAPE_STRUCT: u8 = 3;

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
        TypeShape::Struct(desc) => str_len(desc.rust_path),
    }
}

/// Encodes `desc` as one struct record; `N` must be [`encoded_len`]`(desc)`, which the compiler
/// checks when the result initialises a static.
pub const fn encode<const N: usize>(desc: &StructDescriptor) -> [u8; N] {
    let mut w = Writer::<N>::header(RECORD_KIND_STRUCT);
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
    w.finish()
}

/// Encodes `desc` as one enum record; `N` must be [`encoded_enum_len`]`(desc)`.
pub const fn encode_enum<const N: usize>(desc: &EnumDescriptor) -> [u8; N] {
    let mut w = Writer::<N>::header(RECORD_KIND_ENUM);
    w = w.str(desc.name).str(desc.rust_path);
    w = w.u32(desc.size as u32).u8(desc.signed as u8);
    w = w.u32(desc.variants.len() as u32);
    let mut i = 0;
    while i < desc.variants.len() {
        let variant = &desc.variants[i];
        w = w.str(variant.name).u64(variant.value as u64);
        i += 1;
    }
    w.finish()
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

    const fn finish(self) -> [u8; N] {
        // A length mismatch is a compile-time error where this initialises a static.
        assert!(
            self.pos == N,
            "descriptor length does not match its encoded length"
        );
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
            TypeShape::Struct(desc) => self.u8(SHAPE_STRUCT).str(desc.rust_path),
        }
    }
}
