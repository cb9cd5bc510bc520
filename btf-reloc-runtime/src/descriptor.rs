//! Compile-time descriptions of relocatable structs and their byte encoding.
//!
//! The derive turns every `#[derive(BtfRelocatable)]` struct into a [`StructDescriptor`]: the kernel
//! type name, the local size, and for every relocatable field its kernel name, local offset, local
//! size and [`TypeShape`]. The host simulation reads the descriptor directly; the `bpf` backend
//! also [`encode`]s it into a `#[used]` static in the [`DESCRIPTOR_SECTION`] so that the post-link
//! step (`btf-reloc link`) can turn the program's marker instructions into `.BTF.ext` relocation
//! records.
//!
//! # Encoding (version 1)
//!
//! All integers are little-endian. The section holds records back to back; zero bytes between
//! records are padding (a record never starts with a zero byte).
//!
//! ```text
//! record  := magic:u32 = 0x4C45_5242 ("BREL")  version:u8 = 1  record_kind:u8 = 1 (struct)
//!            reserved:u16 = 0  record_len:u32 (whole record, header included)  struct
//! struct  := name:str  size:u32  field_count:u32  field*
//! field   := id:u32  name:str  offset:u32  size:u32  shape
//! shape   := tag:u8, then by tag
//!              0 int       size:u32  signed:u8 (0 or 1)
//!              1 pointer   (nothing)
//!              2 array     len:u32  element:shape
//!              3 struct    name:str  size:u32
//!              4 union     name:str  size:u32
//! str     := len:u32  bytes (UTF-8, no terminator)
//! ```
//!
//! # Marker instructions
//!
//! Each use of an intrinsic in eBPF code is one `ld_imm64` instruction (`rX = imm64 ll`) whose
//! immediate is `MARKER_MAGIC << 48 | kind << 32 | field_id` (see [`marker`]), where `kind` is the
//! uapi `enum bpf_core_relo_kind` value and `field_id` is the `id` of a field record.

/// ELF section holding the encoded descriptors in an eBPF object before post-linking.
pub const DESCRIPTOR_SECTION: &str = ".btf_reloc.descriptors";
/// First four bytes of every descriptor record (`"BREL"`).
pub const RECORD_MAGIC: u32 = 0x4C45_5242;
/// Encoding version written by this crate.
pub const RECORD_VERSION: u8 = 1;
/// `record_kind` of a struct record.
pub const RECORD_KIND_STRUCT: u8 = 1;
/// Top 16 bits of every marker immediate.
pub const MARKER_MAGIC: u16 = 0xC07E;

/// The uapi `enum bpf_core_relo_kind` values this crate emits.
pub mod relo_kind {
    /// `BPF_CORE_FIELD_BYTE_OFFSET`: the field's offset in bytes from the struct start.
    pub const FIELD_BYTE_OFFSET: u32 = 0;
    /// `BPF_CORE_FIELD_BYTE_SIZE`: the field's size in bytes.
    pub const FIELD_BYTE_SIZE: u32 = 1;
    /// `BPF_CORE_FIELD_EXISTS`: 1 when the field exists in the target, else 0.
    pub const FIELD_EXISTS: u32 = 2;
}

/// Struct or union, as BTF distinguishes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CompositeKind {
    /// `BTF_KIND_STRUCT`.
    Struct,
    /// `BTF_KIND_UNION`.
    Union,
}

/// What a field's type looks like to BTF: enough for libbpf's field compatibility rules (ints
/// match ints of any size, pointers match pointers, composites match composites, arrays match
/// element-wise).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TypeShape {
    /// An integer of `size` bytes.
    Int {
        /// Size in bytes (1, 2, 4 or 8).
        size: usize,
        /// Whether the integer is signed.
        signed: bool,
    },
    /// A pointer (to anything).
    Ptr,
    /// A fixed-length array.
    Array {
        /// Shape of one element.
        elem: &'static TypeShape,
        /// Number of elements.
        len: usize,
    },
    /// A named struct or union embedded by value.
    Composite {
        /// Struct or union.
        kind: CompositeKind,
        /// Its kernel type name.
        name: &'static str,
        /// Its local size in bytes.
        size: usize,
    },
}

/// One relocatable field of a [`StructDescriptor`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FieldDescriptor {
    /// The field name in the kernel (after `#[btf(rename)]`).
    pub name: &'static str,
    /// Byte offset of the field in the local (Rust) declaration.
    pub offset: usize,
    /// Byte size of the field in the local declaration.
    pub size: usize,
    /// Shape of the field type.
    pub shape: TypeShape,
}

/// A relocatable struct as the derive declared it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct StructDescriptor {
    /// The kernel type name, possibly with a `___flavor` suffix.
    pub name: &'static str,
    /// Path of the Rust type (`module_path!()::Ident`); seeds the field ids.
    pub rust_path: &'static str,
    /// Local size of the struct in bytes.
    pub size: usize,
    /// The relocatable fields, in declaration order (skipped fields are absent).
    pub fields: &'static [FieldDescriptor],
}

impl StructDescriptor {
    /// The marker id of field `index`: a 32-bit FNV-1a hash of the Rust path and the index, so
    /// that it is a compile-time constant and distinct across the structs of one program (the
    /// post-link step rejects the unlikely collision).
    pub const fn field_id(&self, index: usize) -> u32 {
        let mut hash: u32 = 0x811c_9dc5;
        let bytes = self.rust_path.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            hash = (hash ^ bytes[i] as u32).wrapping_mul(0x0100_0193);
            i += 1;
        }
        let index = (index as u32).to_le_bytes();
        let mut j = 0;
        while j < 4 {
            hash = (hash ^ index[j] as u32).wrapping_mul(0x0100_0193);
            j += 1;
        }
        hash
    }

    /// The kernel type name without its `___flavor` suffix, as libbpf matches it.
    pub fn essential_name(&self) -> &'static str {
        essential_name(self.name)
    }
}

/// Strips a `___flavor` suffix: `task_struct___v58` → `task_struct`.
///
/// Same rule as libbpf's `bpf_core_essential_name_len`: the last `X___Y` where neither `X` nor `Y`
/// is an underscore separates the name from its flavor.
pub fn essential_name(name: &str) -> &str {
    let b = name.as_bytes();
    let mut i = b.len().saturating_sub(4);
    while i > 0 {
        if b[i - 1] != b'_' && &b[i..i + 3] == b"___" && b[i + 3] != b'_' {
            return &name[..i];
        }
        i -= 1;
    }
    name
}

/// The immediate of a marker instruction for `kind` of field `field_id`.
pub const fn marker(kind: u32, field_id: u32) -> u64 {
    ((MARKER_MAGIC as u64) << 48) | ((kind as u64 & 0xffff) << 32) | field_id as u64
}

/// Length in bytes of [`encode`]'s output for `desc`.
pub const fn encoded_len(desc: &StructDescriptor) -> usize {
    let mut len = 12 + str_len(desc.name) + 8;
    let mut i = 0;
    while i < desc.fields.len() {
        let field = &desc.fields[i];
        len += 4 + str_len(field.name) + 8 + shape_len(&field.shape);
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
        TypeShape::Composite { name, .. } => str_len(name) + 4,
    }
}

/// Encodes `desc` as one descriptor record; `N` must be [`encoded_len`]`(desc)`, which the
/// compiler checks when the result initialises a static.
pub const fn encode<const N: usize>(desc: &StructDescriptor) -> [u8; N] {
    let mut w = Writer {
        buf: [0; N],
        pos: 0,
    };
    w = w.u32(RECORD_MAGIC);
    w = w.u8(RECORD_VERSION);
    w = w.u8(RECORD_KIND_STRUCT);
    w = w.u8(0).u8(0);
    w = w.u32(N as u32);
    w = w.str(desc.name);
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
    // A length mismatch is a compile-time error where this initialises a static.
    assert!(w.pos == N, "descriptor length does not match encoded_len");
    w.buf
}

/// A const-evaluable byte writer (by value, since const fns cannot take `&mut` of a local
/// generically on every supported compiler).
struct Writer<const N: usize> {
    buf: [u8; N],
    pos: usize,
}

impl<const N: usize> Writer<N> {
    const fn u8(mut self, v: u8) -> Self {
        self.buf[self.pos] = v;
        self.pos += 1;
        self
    }

    const fn u32(mut self, v: u32) -> Self {
        let b = v.to_le_bytes();
        let mut i = 0;
        while i < 4 {
            self = self.u8(b[i]);
            i += 1;
        }
        self
    }

    const fn str(mut self, s: &str) -> Self {
        self = self.u32(s.len() as u32);
        let b = s.as_bytes();
        let mut i = 0;
        while i < b.len() {
            self = self.u8(b[i]);
            i += 1;
        }
        self
    }

    const fn shape(mut self, shape: &TypeShape) -> Self {
        match *shape {
            TypeShape::Int { size, signed } => self.u8(0).u32(size as u32).u8(signed as u8),
            TypeShape::Ptr => self.u8(1),
            TypeShape::Array { elem, len } => {
                self = self.u8(2).u32(len as u32);
                self.shape(elem)
            }
            TypeShape::Composite { kind, name, size } => {
                let tag = match kind {
                    CompositeKind::Struct => 3,
                    CompositeKind::Union => 4,
                };
                self.u8(tag).str(name).u32(size as u32)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::vec::Vec;

    const ELEM: TypeShape = TypeShape::Int {
        size: 1,
        signed: false,
    };
    const DESC: StructDescriptor = StructDescriptor {
        name: "task_struct___v1",
        rust_path: "demo::task_struct",
        size: 40,
        fields: &[
            FieldDescriptor {
                name: "pid",
                offset: 4,
                size: 4,
                shape: TypeShape::Int {
                    size: 4,
                    signed: true,
                },
            },
            FieldDescriptor {
                name: "comm",
                offset: 8,
                size: 16,
                shape: TypeShape::Array {
                    elem: &ELEM,
                    len: 16,
                },
            },
            FieldDescriptor {
                name: "mm",
                offset: 24,
                size: 8,
                shape: TypeShape::Ptr,
            },
        ],
    };
    static ENCODED: [u8; encoded_len(&DESC)] = encode(&DESC);

    #[test]
    fn encoding_is_byte_exact() {
        let mut expected = Vec::new();
        let put = |v: &mut Vec<u8>, x: u32| v.extend_from_slice(&x.to_le_bytes());
        let put_str = |v: &mut Vec<u8>, s: &str| {
            v.extend_from_slice(&(s.len() as u32).to_le_bytes());
            v.extend_from_slice(s.as_bytes());
        };
        expected.extend_from_slice(b"BREL\x01\x01\x00\x00");
        put(&mut expected, ENCODED.len() as u32);
        put_str(&mut expected, "task_struct___v1");
        put(&mut expected, 40);
        put(&mut expected, 3);
        put(&mut expected, DESC.field_id(0));
        put_str(&mut expected, "pid");
        put(&mut expected, 4);
        put(&mut expected, 4);
        expected.push(0);
        put(&mut expected, 4);
        expected.push(1);
        put(&mut expected, DESC.field_id(1));
        put_str(&mut expected, "comm");
        put(&mut expected, 8);
        put(&mut expected, 16);
        expected.push(2);
        put(&mut expected, 16);
        expected.push(0);
        put(&mut expected, 1);
        expected.push(0);
        put(&mut expected, DESC.field_id(2));
        put_str(&mut expected, "mm");
        put(&mut expected, 24);
        put(&mut expected, 8);
        expected.push(1);
        assert_eq!(ENCODED.as_slice(), expected.as_slice());
    }

    #[test]
    fn field_ids_differ_per_field_and_type() {
        let other = StructDescriptor {
            rust_path: "demo::other",
            ..DESC
        };
        assert_ne!(DESC.field_id(0), DESC.field_id(1));
        assert_ne!(DESC.field_id(0), other.field_id(0));
    }

    #[test]
    fn marker_layout() {
        assert_eq!(
            marker(relo_kind::FIELD_EXISTS, 0x1234_5678),
            0xC07E_0002_1234_5678
        );
    }

    #[test]
    fn flavor_is_stripped() {
        assert_eq!(essential_name("task_struct___v58"), "task_struct");
        assert_eq!(essential_name("task_struct"), "task_struct");
        assert_eq!(essential_name("a___b___c"), "a___b");
        assert_eq!(essential_name("a____b"), "a____b");
        assert_eq!(essential_name("___b"), "___b");
        assert_eq!(essential_name("x___"), "x___");
    }
}
