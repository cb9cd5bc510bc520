//! Compile-time descriptions of relocatable structs and their byte encoding.
//!
//! The derive turns every `#[derive(BtfRelocatable)]` struct into a [`StructDescriptor`]: the kernel
//! type name, the local size, and for every relocatable field its kernel name, local offset, local
//! size and [`TypeShape`]. The host simulation reads the descriptor directly; the `bpf` backend
//! also [`encode`]s it into a `#[used]` static in the [`DESCRIPTOR_SECTION`] so that the post-link
//! step (`btf-reloc link`) can turn the program's marker instructions into `.BTF.ext` relocation
//! records.
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
//! # Marker instructions
//!
//! Each use of an intrinsic in eBPF code is one `ld_imm64` instruction (`rX = imm64 ll`) whose
//! immediate is `MARKER_MAGIC << 48 | kind << 32 | id` (see [`marker`]), where `kind` is the uapi
//! `enum bpf_core_relo_kind` value. The 32-bit `id` is an FNV-1a hash (see [`id_seed`] and
//! [`id_step`]) whose meaning depends on the kind:
//!
//! - field kinds (`FIELD_*`, 0–5): an *access path* from a root struct: `id_seed(root.rust_path)`
//!   stepped with each index of the path: member indices through structs (embedded structs are
//!   followed through their own records, found by `rust_path`) and `0` for "element 0" of an
//!   array. Access string: `0:` followed by the indices, `:`-separated.
//! - type kinds (`TYPE_EXISTS`, `TYPE_SIZE`): `id_seed(rust_path)` of a struct or enum record.
//!   Access string: `0`.
//! - enum value kinds (`ENUMVAL_*`): `id_step(id_seed(enum.rust_path), variant index)`. Access
//!   string: the variant index.
//!
//! The post-link step enumerates the paths of every record (bounded depth), hashes them and so
//! maps every marker back to its access path.

/// ELF section holding the encoded descriptors in an eBPF object before post-linking.
pub const DESCRIPTOR_SECTION: &str = ".btf_reloc.descriptors";
/// First four bytes of every descriptor record (`"BREL"`).
pub const RECORD_MAGIC: u32 = 0x4C45_5242;
/// Encoding version written by this crate.
pub const RECORD_VERSION: u8 = 2;
/// `record_kind` of a struct record.
pub const RECORD_KIND_STRUCT: u8 = 1;
/// `record_kind` of an enum record.
pub const RECORD_KIND_ENUM: u8 = 2;
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
    /// `BPF_CORE_FIELD_SIGNED`: 1 when the field is a signed integer.
    pub const FIELD_SIGNED: u32 = 3;
    /// `BPF_CORE_FIELD_LSHIFT_U64`: left shift that puts the field's top bit at bit 63 of a
    /// `u64` loaded from its `FIELD_BYTE_OFFSET` with `FIELD_BYTE_SIZE` bytes.
    pub const FIELD_LSHIFT_U64: u32 = 4;
    /// `BPF_CORE_FIELD_RSHIFT_U64`: the right shift that follows it (`64 - bit size`).
    pub const FIELD_RSHIFT_U64: u32 = 5;
    /// `BPF_CORE_TYPE_EXISTS`: 1 when the type exists in the target.
    pub const TYPE_EXISTS: u32 = 8;
    /// `BPF_CORE_TYPE_SIZE`: the type's size in the target.
    pub const TYPE_SIZE: u32 = 9;
    /// `BPF_CORE_ENUMVAL_EXISTS`: 1 when the enum value exists in the target.
    pub const ENUMVAL_EXISTS: u32 = 10;
    /// `BPF_CORE_ENUMVAL_VALUE`: the enum value's integer value in the target.
    pub const ENUMVAL_VALUE: u32 = 11;
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
    /// An embedded `#[derive(BtfRelocatable)]` struct.
    Struct(&'static StructDescriptor),
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
    /// The marker id of field `index` (an access path of length 1); see the module docs.
    pub const fn field_id(&self, index: usize) -> u32 {
        id_step(id_seed(self.rust_path), index)
    }

    /// The marker id of the struct itself, for the type kinds.
    pub const fn type_id(&self) -> u32 {
        id_seed(self.rust_path)
    }

    /// The kernel type name without its `___flavor` suffix, as libbpf matches it.
    pub fn essential_name(&self) -> &'static str {
        essential_name(self.name)
    }
}

/// One variant of an [`EnumDescriptor`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct VariantDescriptor {
    /// The enumerator's name in the kernel.
    pub name: &'static str,
    /// Its local value (the Rust discriminant).
    pub value: i64,
}

/// A kernel enum as `#[derive(BtfEnum)]` declared it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct EnumDescriptor {
    /// The kernel type name, possibly with a `___flavor` suffix.
    pub name: &'static str,
    /// Path of the Rust type (`module_path!()::Ident`); seeds the ids.
    pub rust_path: &'static str,
    /// Local size in bytes (4 unless the values need 8).
    pub size: usize,
    /// Whether the local values are signed.
    pub signed: bool,
    /// The variants, in declaration order.
    pub variants: &'static [VariantDescriptor],
}

impl EnumDescriptor {
    /// The marker id of the enum itself, for the type kinds.
    pub const fn type_id(&self) -> u32 {
        id_seed(self.rust_path)
    }

    /// The marker id of variant `index`, for the enum value kinds.
    pub const fn variant_id(&self, index: usize) -> u32 {
        id_step(id_seed(self.rust_path), index)
    }
}

/// A struct or enum, for the type relocations (`TYPE_EXISTS`, `TYPE_SIZE`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TypeDescriptor {
    /// A `#[derive(BtfRelocatable)]` struct.
    Struct(&'static StructDescriptor),
    /// A `#[derive(BtfEnum)]` enum.
    Enum(&'static EnumDescriptor),
}

impl TypeDescriptor {
    /// The marker id of the type, for the type kinds.
    pub const fn type_id(&self) -> u32 {
        match self {
            Self::Struct(desc) => desc.type_id(),
            Self::Enum(desc) => desc.type_id(),
        }
    }
}

const FNV_OFFSET: u32 = 0x811c_9dc5;
const FNV_PRIME: u32 = 0x0100_0193;

/// FNV-1a of a Rust type path: the start of every id of that type.
pub const fn id_seed(rust_path: &str) -> u32 {
    let bytes = rust_path.as_bytes();
    let mut hash = FNV_OFFSET;
    let mut i = 0;
    while i < bytes.len() {
        hash = (hash ^ bytes[i] as u32).wrapping_mul(FNV_PRIME);
        i += 1;
    }
    hash
}

/// Continues an id hash with one more index (its four little-endian bytes).
pub const fn id_step(hash: u32, index: usize) -> u32 {
    let bytes = (index as u32).to_le_bytes();
    let mut hash = hash;
    let mut i = 0;
    while i < 4 {
        hash = (hash ^ bytes[i] as u32).wrapping_mul(FNV_PRIME);
        i += 1;
    }
    hash
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
    let mut len = HEADER_LEN + str_len(desc.name) + str_len(desc.rust_path) + 8;
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
    let mut len = HEADER_LEN + str_len(desc.name) + str_len(desc.rust_path) + 9;
    let mut i = 0;
    while i < desc.variants.len() {
        len += str_len(desc.variants[i].name) + 8;
        i += 1;
    }
    len
}

const HEADER_LEN: usize = 12;

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

/// A const-evaluable byte writer (by value, since const fns cannot take `&mut` of a local
/// generically on every supported compiler).
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
            TypeShape::Int { size, signed } => self.u8(0).u32(size as u32).u8(signed as u8),
            TypeShape::Ptr => self.u8(1),
            TypeShape::Array { elem, len } => {
                self = self.u8(2).u32(len as u32);
                self.shape(elem)
            }
            TypeShape::Struct(desc) => self.u8(3).str(desc.rust_path),
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

    const INNER: StructDescriptor = StructDescriptor {
        name: "sched_entity",
        rust_path: "demo::sched_entity",
        size: 8,
        fields: &[],
    };
    const OUTER: StructDescriptor = StructDescriptor {
        name: "outer",
        rust_path: "demo::outer",
        size: 8,
        fields: &[FieldDescriptor {
            name: "se",
            offset: 0,
            size: 8,
            shape: TypeShape::Struct(&INNER),
        }],
    };
    static OUTER_ENCODED: [u8; encoded_len(&OUTER)] = encode(&OUTER);
    const ENUM: EnumDescriptor = EnumDescriptor {
        name: "pid_type",
        rust_path: "demo::PidType",
        size: 4,
        signed: false,
        variants: &[
            VariantDescriptor {
                name: "PIDTYPE_PID",
                value: 0,
            },
            VariantDescriptor {
                name: "PIDTYPE_TGID",
                value: 1,
            },
        ],
    };
    static ENUM_ENCODED: [u8; encoded_enum_len(&ENUM)] = encode_enum(&ENUM);

    fn put(v: &mut Vec<u8>, x: u32) {
        v.extend_from_slice(&x.to_le_bytes());
    }

    fn put_str(v: &mut Vec<u8>, s: &str) {
        put(v, s.len() as u32);
        v.extend_from_slice(s.as_bytes());
    }

    #[test]
    fn encoding_is_byte_exact() {
        let mut expected = Vec::new();
        expected.extend_from_slice(b"BREL\x02\x01\x00\x00");
        put(&mut expected, ENCODED.len() as u32);
        put_str(&mut expected, "task_struct___v1");
        put_str(&mut expected, "demo::task_struct");
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
    fn embedded_structs_are_referenced_by_rust_path() {
        let tail = &OUTER_ENCODED[OUTER_ENCODED.len() - (1 + 4 + INNER.rust_path.len())..];
        let mut expected = Vec::from([3]);
        put_str(&mut expected, "demo::sched_entity");
        assert_eq!(tail, expected.as_slice());
    }

    #[test]
    fn enum_encoding_is_byte_exact() {
        let mut expected = Vec::new();
        expected.extend_from_slice(b"BREL\x02\x02\x00\x00");
        put(&mut expected, ENUM_ENCODED.len() as u32);
        put_str(&mut expected, "pid_type");
        put_str(&mut expected, "demo::PidType");
        put(&mut expected, 4);
        expected.push(0);
        put(&mut expected, 2);
        put_str(&mut expected, "PIDTYPE_PID");
        expected.extend_from_slice(&0u64.to_le_bytes());
        put_str(&mut expected, "PIDTYPE_TGID");
        expected.extend_from_slice(&1u64.to_le_bytes());
        assert_eq!(ENUM_ENCODED.as_slice(), expected.as_slice());
    }

    #[test]
    fn ids_are_fnv_paths() {
        assert_eq!(DESC.type_id(), id_seed("demo::task_struct"));
        assert_eq!(DESC.field_id(2), id_step(id_seed("demo::task_struct"), 2));
        assert_eq!(ENUM.variant_id(1), id_step(id_seed("demo::PidType"), 1));
        // A nested path continues the hash.
        let path = id_step(id_step(id_seed("demo::outer"), 0), 3);
        assert_ne!(path, OUTER.field_id(0));
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
