//! A small writer of raw BTF blobs (the format of `/sys/kernel/btf/vmlinux`), enough to describe
//! a synthetic kernel: ints, pointers, arrays, structs and unions (named or anonymous, with or
//! without bitfields), enums (32- and 64-bit, signed or not), typedefs and `const`/`volatile`
//! qualifiers.
//!
//! Types get ids in the order they are added, from 1 (id 0 is `void`); strings and identical
//! ints are deduplicated (a layout asks for `unsigned int` once per field).
//! The output is little-endian, with the type section right after the 24-byte header and the
//! string section right after the types, as pahole and the kernel write it.

use std::collections::HashMap;

/// A BTF type id; [`TypeId::VOID`] is id 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TypeId(pub u32);

impl TypeId {
    /// `void`, e.g. the target of a `void *`.
    pub const VOID: Self = Self(0);
}

/// One member of a struct or union.
#[derive(Debug, Clone, Copy)]
pub struct Member<'a> {
    /// The member name; `""` for an anonymous struct/union member.
    pub name: &'a str,
    pub ty: TypeId,
    /// Offset from the start of the enclosing struct/union, in bytes. (BTF stores bits; a struct
    /// with bitfields takes [`BitMember`]s instead.)
    pub offset: u32,
}

/// One member of a struct that has bitfields (written with `kind_flag` 1, see
/// [`BtfWriter::struct_bits`]).
#[derive(Debug, Clone, Copy)]
pub struct BitMember<'a> {
    /// The member name; `""` for an anonymous struct/union member.
    pub name: &'a str,
    /// For a bitfield, the integer it is carved from.
    pub ty: TypeId,
    /// Offset from the start of the enclosing struct, in bits (below 2^24).
    pub bit_offset: u32,
    /// Width in bits for a bitfield (1..=255), 0 for a plain member.
    pub bitfield_size: u32,
}

/// One enumerator of an enum: its name and value. A 32-bit enum keeps the low 32 bits.
#[derive(Debug, Clone, Copy)]
pub struct Enumerator<'a> {
    pub name: &'a str,
    pub value: i64,
}

/// Header of every BTF blob: `BTF_MAGIC`, version 1, no flags, then the lengths.
const MAGIC: u16 = 0xEB9F;
const VERSION: u8 = 1;
const HEADER_LEN: u32 = 24;

// `BTF_KIND_*` values of the uapi `linux/btf.h`.
const KIND_INT: u32 = 1;
const KIND_PTR: u32 = 2;
const KIND_ARRAY: u32 = 3;
const KIND_STRUCT: u32 = 4;
const KIND_UNION: u32 = 5;
const KIND_ENUM: u32 = 6;
const KIND_TYPEDEF: u32 = 8;
const KIND_VOLATILE: u32 = 9;
const KIND_CONST: u32 = 10;
const KIND_ENUM64: u32 = 19;

/// `kind_flag`, bit 31 of a type's info word: for a struct or union, member offsets hold
/// `bitfield_size << 24 | bit_offset`; for an enum, its values are signed.
const KIND_FLAG: u32 = 1 << 31;

/// `BTF_INT_SIGNED`, in the encoding bits of an int's extra word.
const INT_SIGNED: u32 = 1;

/// Builds one BTF blob; see the [module docs](self).
#[derive(Debug)]
pub struct BtfWriter {
    /// The type section so far.
    types: Vec<u8>,
    /// The string section so far; starts with the empty string, as BTF requires.
    strings: Vec<u8>,
    /// Offsets of the strings already in `strings`.
    string_offsets: HashMap<String, u32>,
    /// The ints already added, by name, size and signedness.
    ints: HashMap<(String, u32, bool), TypeId>,
    /// Number of types added so far (the last id).
    count: u32,
}

impl Default for BtfWriter {
    fn default() -> Self {
        Self::new()
    }
}

impl BtfWriter {
    pub fn new() -> Self {
        Self {
            types: Vec::new(),
            strings: vec![0],
            string_offsets: HashMap::from([(String::new(), 0)]),
            ints: HashMap::new(),
            count: 0,
        }
    }

    /// An integer of `size` bytes (1, 2, 4, 8 or 16); the id of an identical one if there is.
    pub fn int(&mut self, name: &str, size: u32, signed: bool) -> TypeId {
        let key = (name.to_owned(), size, signed);
        if let Some(&id) = self.ints.get(&key) {
            return id;
        }
        let encoding = if signed { INT_SIGNED } else { 0 };
        // Extra word: encoding << 24 | bit offset (0) << 16 | number of bits.
        let id = self.push(name, KIND_INT, 0, size, &[(encoding << 24) | (size * 8)]);
        self.ints.insert(key, id);
        id
    }

    /// A pointer to `target` ([`TypeId::VOID`] for `void *`).
    pub fn ptr(&mut self, target: TypeId) -> TypeId {
        self.push("", KIND_PTR, 0, target.0, &[])
    }

    /// An array of `len` `elem`s, indexed by the int `index`.
    pub fn array(&mut self, elem: TypeId, index: TypeId, len: u32) -> TypeId {
        self.push("", KIND_ARRAY, 0, 0, &[elem.0, index.0, len])
    }

    /// A struct of `size` bytes; `name` is `""` for an anonymous struct.
    pub fn struct_(&mut self, name: &str, size: u32, members: &[Member<'_>]) -> TypeId {
        self.composite(KIND_STRUCT, name, size, members)
    }

    /// A union of `size` bytes; `name` is `""` for an anonymous union.
    pub fn union(&mut self, name: &str, size: u32, members: &[Member<'_>]) -> TypeId {
        self.composite(KIND_UNION, name, size, members)
    }

    /// A struct of `size` bytes whose members may be bitfields: written with `kind_flag` 1, so
    /// every member offset is `bitfield_size << 24 | bit_offset` (as pahole writes a struct that
    /// has any bitfield).
    pub fn struct_bits(&mut self, name: &str, size: u32, members: &[BitMember<'_>]) -> TypeId {
        let mut extra = Vec::with_capacity(members.len() * 3);
        for member in members {
            // 8 bits of size, 24 of offset: larger values would corrupt each other, so they are
            // clamped, and the parser then shows the layout mistake.
            let offset = (member.bitfield_size.min(0xff) << 24) | member.bit_offset.min(0xff_ffff);
            extra.extend([self.string(member.name), member.ty.0, offset]);
        }
        let info = KIND_FLAG | (KIND_STRUCT << 24) | vlen(members.len());
        self.push_info(name, info, size, &extra)
    }

    /// `BTF_KIND_ENUM` of `size` bytes (1, 2, 4 or 8): `struct btf_enum { name_off; s32 val }`
    /// per enumerator, `kind_flag` set when `signed`.
    pub fn enum_(
        &mut self,
        name: &str,
        size: u32,
        signed: bool,
        enumerators: &[Enumerator<'_>],
    ) -> TypeId {
        let mut extra = Vec::with_capacity(enumerators.len() * 2);
        for e in enumerators {
            // The low 32 bits: `val` is a 32-bit field, read back as signed or unsigned by the
            // kind_flag.
            extra.extend([self.string(e.name), e.value as u32]);
        }
        self.push_enum(KIND_ENUM, name, size, signed, enumerators.len(), &extra)
    }

    /// `BTF_KIND_ENUM64` of `size` bytes: `struct btf_enum64 { name_off; val_lo32; val_hi32 }`
    /// per enumerator, `kind_flag` set when `signed`.
    pub fn enum64(
        &mut self,
        name: &str,
        size: u32,
        signed: bool,
        enumerators: &[Enumerator<'_>],
    ) -> TypeId {
        let mut extra = Vec::with_capacity(enumerators.len() * 3);
        for e in enumerators {
            let value = e.value as u64;
            extra.extend([self.string(e.name), value as u32, (value >> 32) as u32]);
        }
        self.push_enum(KIND_ENUM64, name, size, signed, enumerators.len(), &extra)
    }

    fn push_enum(
        &mut self,
        kind: u32,
        name: &str,
        size: u32,
        signed: bool,
        count: usize,
        extra: &[u32],
    ) -> TypeId {
        let flag = if signed { KIND_FLAG } else { 0 };
        self.push_info(name, flag | (kind << 24) | vlen(count), size, extra)
    }

    /// `typedef target name`.
    pub fn typedef(&mut self, name: &str, target: TypeId) -> TypeId {
        self.push(name, KIND_TYPEDEF, 0, target.0, &[])
    }

    /// `const target`.
    pub fn const_(&mut self, target: TypeId) -> TypeId {
        self.push("", KIND_CONST, 0, target.0, &[])
    }

    /// `volatile target`.
    pub fn volatile(&mut self, target: TypeId) -> TypeId {
        self.push("", KIND_VOLATILE, 0, target.0, &[])
    }

    /// The finished blob.
    pub fn to_bytes(&self) -> Vec<u8> {
        let type_len = len_u32(&self.types);
        let str_len = len_u32(&self.strings);
        let mut out =
            Vec::with_capacity(HEADER_LEN as usize + self.types.len() + self.strings.len());
        out.extend_from_slice(&MAGIC.to_le_bytes());
        out.push(VERSION);
        out.push(0); // flags
        for word in [HEADER_LEN, 0, type_len, type_len, str_len] {
            // hdr_len, type_off, type_len, str_off, str_len (offsets from the header's end).
            out.extend_from_slice(&word.to_le_bytes());
        }
        out.extend_from_slice(&self.types);
        out.extend_from_slice(&self.strings);
        out
    }

    fn composite(&mut self, kind: u32, name: &str, size: u32, members: &[Member<'_>]) -> TypeId {
        let mut extra = Vec::with_capacity(members.len() * 3);
        for member in members {
            extra.extend([self.string(member.name), member.ty.0, member.offset * 8]);
        }
        self.push(name, kind, vlen(members.len()), size, &extra)
    }

    /// Appends one type: the common 12-byte header (`name_off`, `info`, `size`/`type`), then
    /// the kind's extra words.
    fn push(
        &mut self,
        name: &str,
        kind: u32,
        vlen: u32,
        size_or_type: u32,
        extra: &[u32],
    ) -> TypeId {
        // info: vlen in bits 0-15, kind in bits 24-28, kind_flag (bit 31) 0.
        self.push_info(name, (kind << 24) | (vlen & 0xffff), size_or_type, extra)
    }

    /// [`Self::push`] with the whole info word given (for a set `kind_flag`).
    fn push_info(&mut self, name: &str, info: u32, size_or_type: u32, extra: &[u32]) -> TypeId {
        let name_off = self.string(name);
        for word in [name_off, info, size_or_type].iter().chain(extra) {
            self.types.extend_from_slice(&word.to_le_bytes());
        }
        self.count += 1;
        TypeId(self.count)
    }

    /// The offset of `s` in the string section, adding it if new.
    fn string(&mut self, s: &str) -> u32 {
        if let Some(&offset) = self.string_offsets.get(s) {
            return offset;
        }
        let offset = len_u32(&self.strings);
        self.strings.extend_from_slice(s.as_bytes());
        self.strings.push(0);
        self.string_offsets.insert(s.to_owned(), offset);
        offset
    }
}

/// A member or enumerator count as `info` stores it: BTF has 16 bits for it, and the synthetic
/// kernels have a handful; a larger count is clamped (and the parser then shows the mistake).
fn vlen(count: usize) -> u32 {
    u32::try_from(count).unwrap_or(u32::MAX).min(0xffff)
}

/// A section length as BTF stores it. The synthetic kernels are a few hundred bytes; saturating
/// keeps this total, and the parser would reject an absurd blob.
fn len_u32(bytes: &[u8]) -> u32 {
    u32::try_from(bytes.len()).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u32_at(bytes: &[u8], at: usize) -> u32 {
        u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap())
    }

    /// The string at `offset` of the string section of `blob`.
    fn string_at(blob: &[u8], offset: u32) -> &str {
        let strings = HEADER_LEN as usize + u32_at(blob, 16) as usize;
        let start = strings + offset as usize;
        let len = blob[start..].iter().position(|&b| b == 0).unwrap();
        std::str::from_utf8(&blob[start..start + len]).unwrap()
    }

    #[test]
    fn empty_blob_is_a_header_and_the_empty_string() {
        let blob = BtfWriter::new().to_bytes();
        assert_eq!(
            blob,
            [
                0x9f, 0xeb, 1, 0, // magic, version, flags
                24, 0, 0, 0, // hdr_len
                0, 0, 0, 0, 0, 0, 0, 0, // type_off, type_len
                0, 0, 0, 0, 1, 0, 0, 0, // str_off, str_len
                0, // ""
            ]
        );
    }

    #[test]
    fn encodes_each_kind_as_the_uapi_says() {
        let mut btf = BtfWriter::new();
        let int = btf.int("int", 4, true);
        let uchar = btf.int("unsigned char", 1, false);
        let ptr = btf.ptr(TypeId::VOID);
        let arr = btf.array(uchar, int, 6);
        let anon = btf.union(
            "",
            8,
            &[
                Member {
                    name: "x",
                    ty: int,
                    offset: 0,
                },
                Member {
                    name: "p",
                    ty: ptr,
                    offset: 0,
                },
            ],
        );
        let s = btf.struct_(
            "s___flavor",
            24,
            &[
                Member {
                    name: "x",
                    ty: int,
                    offset: 4,
                },
                Member {
                    name: "",
                    ty: anon,
                    offset: 8,
                },
                Member {
                    name: "bytes",
                    ty: arr,
                    offset: 16,
                },
            ],
        );
        let td = btf.typedef("s_t", s);
        let c = btf.const_(td);
        let cv = btf.volatile(c);
        assert_eq!(
            [int, uchar, ptr, arr, anon, s, td, c, cv].map(|id| id.0),
            [1, 2, 3, 4, 5, 6, 7, 8, 9]
        );

        let blob = btf.to_bytes();
        let types = &blob[HEADER_LEN as usize..];
        let word = |i: usize| u32_at(types, i * 4);
        // int: name, info (kind 1), size 4, extra (signed, 32 bits).
        assert_eq!(string_at(&blob, word(0)), "int");
        assert_eq!((word(1), word(2), word(3)), (1 << 24, 4, 1 << 24 | 32));
        // unsigned char: unsigned, 8 bits.
        assert_eq!((word(5), word(6), word(7)), (1 << 24, 1, 8));
        // void *: no name, kind 2, type 0.
        assert_eq!((word(8), word(9), word(10)), (0, 2 << 24, 0));
        // array: kind 3, then elem, index, nelems.
        assert_eq!(
            (word(12), word(13), word(14), word(15), word(16)),
            (3 << 24, 0, 2, 1, 6)
        );
        // anonymous union: kind 5, vlen 2, size 8, members at bit offset 0.
        assert_eq!((word(17), word(18), word(19)), (0, 5 << 24 | 2, 8));
        assert_eq!(string_at(&blob, word(20)), "x");
        assert_eq!((word(21), word(22)), (1, 0));
        assert_eq!(string_at(&blob, word(23)), "p");
        // The member name "x" is stored once.
        assert_eq!(word(20), word(29));
        // struct: kind 4, vlen 3, size 24; offsets in bits; the anonymous member has name 0.
        assert_eq!(string_at(&blob, word(26)), "s___flavor");
        assert_eq!((word(27), word(28)), (4 << 24 | 3, 24));
        assert_eq!((word(30), word(31)), (1, 32));
        assert_eq!((word(32), word(33), word(34)), (0, 5, 64));
        assert_eq!((word(36), word(37)), (4, 128));
        // typedef, const, volatile.
        assert_eq!((word(39), word(40)), (8 << 24, 6));
        assert_eq!((word(41), word(42), word(43)), (0, 10 << 24, 7));
        assert_eq!((word(45), word(46)), (9 << 24, 8));
        assert_eq!(types.len(), 47 * 4 + u32_at(&blob, 20) as usize);
    }

    #[test]
    fn identical_ints_are_one_type() {
        let mut btf = BtfWriter::new();
        let a = btf.int("unsigned int", 4, false);
        let b = btf.int("int", 4, true);
        assert_eq!(btf.int("unsigned int", 4, false), a);
        assert_ne!(btf.int("int", 4, false), b);
        assert_eq!(btf.ptr(TypeId::VOID), TypeId(4));
    }

    /// aya parses the blob and writes the very same bytes back: every type was walked with the
    /// length its kind implies, and the header agrees with the sections.
    #[test]
    fn aya_parses_and_reserialises_it_unchanged() {
        let mut btf = BtfWriter::new();
        let int = btf.int("int", 4, true);
        let long = btf.int("long", 8, true);
        let ptr = btf.ptr(int);
        let arr = btf.array(int, int, 3);
        let inner = btf.struct_(
            "",
            16,
            &[
                Member {
                    name: "l",
                    ty: long,
                    offset: 0,
                },
                Member {
                    name: "p",
                    ty: ptr,
                    offset: 8,
                },
            ],
        );
        let td = btf.typedef("int_t", int);
        let c = btf.const_(td);
        btf.struct_(
            "outer",
            48,
            &[
                Member {
                    name: "",
                    ty: inner,
                    offset: 0,
                },
                Member {
                    name: "a",
                    ty: arr,
                    offset: 16,
                },
                Member {
                    name: "c",
                    ty: c,
                    offset: 28,
                },
            ],
        );
        let blob = btf.to_bytes();
        let parsed = aya::Btf::parse(&blob, aya::Endianness::Little).unwrap();
        assert_eq!(parsed.to_bytes(), blob);
    }

    /// Bitfield members carry their width in the top 8 bits of the offset word, under the
    /// struct's `kind_flag`; enums carry their signedness in it, and ENUM64 splits values.
    #[test]
    fn encodes_bitfields_and_enums_as_the_uapi_says() {
        let mut btf = BtfWriter::new();
        let uint = btf.int("unsigned int", 4, false);
        let s = btf.struct_bits(
            "bits",
            8,
            &[
                BitMember {
                    name: "a",
                    ty: uint,
                    bit_offset: 3,
                    bitfield_size: 5,
                },
                BitMember {
                    name: "b",
                    ty: uint,
                    bit_offset: 32,
                    bitfield_size: 0,
                },
            ],
        );
        let e = btf.enum_(
            "e",
            4,
            true,
            &[Enumerator {
                name: "E_NEG",
                value: -3,
            }],
        );
        let e64 = btf.enum64(
            "e64",
            8,
            false,
            &[Enumerator {
                name: "E_BIG",
                value: 0x1_2345_6789,
            }],
        );
        assert_eq!([s, e, e64].map(|id| id.0), [2, 3, 4]);
        let blob = btf.to_bytes();
        let types = &blob[HEADER_LEN as usize..];
        let word = |i: usize| u32_at(types, i * 4);
        // struct: kind_flag | kind 4 | vlen 2, size 8; members' offsets 5 << 24 | 3, then 32.
        assert_eq!((word(5), word(6)), (1 << 31 | 4 << 24 | 2, 8));
        assert_eq!((word(8), word(9)), (1, 5 << 24 | 3));
        assert_eq!((word(11), word(12)), (1, 32));
        // enum: signed (kind_flag) | kind 6 | vlen 1, size 4, then name and the value's bits.
        assert_eq!(string_at(&blob, word(13)), "e");
        assert_eq!((word(14), word(15)), (1 << 31 | 6 << 24 | 1, 4));
        assert_eq!(string_at(&blob, word(16)), "E_NEG");
        assert_eq!(word(17), -3i32 as u32);
        // enum64: unsigned, kind 19, size 8, then name, low and high halves.
        assert_eq!((word(19), word(20)), (19 << 24 | 1, 8));
        assert_eq!((word(22), word(23)), (0x2345_6789, 1));
        assert_eq!(types.len(), 24 * 4 + u32_at(&blob, 20) as usize);
        let parsed = aya::Btf::parse(&blob, aya::Endianness::Little).unwrap();
        assert_eq!(parsed.to_bytes(), blob);
    }
}
