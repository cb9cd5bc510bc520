//! A BTF blob as a whole: its header, its types and its string section; parsing, lookups,
//! adding types and strings, and writing it back.
//!
//! Writing keeps what loaders and ELF relocations rely on: existing type ids, existing string
//! offsets and the position of every existing type in the type section (`.rel.BTF` entries point
//! into it) stay as they were; new types and strings go at the end of their sections.

use std::collections::HashMap;
use std::sync::OnceLock;

use btf_reloc_format::essential_name;

use crate::error::{Error, Result};
use crate::types::{self, Array, Composite, Enum, Enumerator, Int, Kind, Member, Type, TypeId};

/// `BTF_MAGIC`, as read little-endian.
pub const MAGIC: u16 = 0xEB9F;
/// Length of the header fields this crate knows.
const HEADER_LEN: usize = 24;
/// The kernel's `BTF_MAX_TYPE`: the highest type id.
pub const MAX_TYPE_ID: usize = 0x000f_ffff;
/// The kernel's `BTF_MAX_NAME_OFFSET`: the highest string offset a type may name.
pub const MAX_NAME_OFFSET: usize = 0x00ff_ffff;
/// libbpf's `MAX_RESOLVE_DEPTH`: how many typedefs, modifiers and arrays are followed.
const MAX_RESOLVE_DEPTH: usize = 32;
/// Name of the index type of arrays this crate adds (what LLVM calls it).
const ARRAY_INDEX_NAME: &str = "__ARRAY_SIZE_TYPE__";

/// What [`Btf::parse`] kept to write the blob back with its layout.
#[derive(Debug, Clone, Default)]
struct Layout {
    /// Header flags.
    flags: u8,
    /// Header bytes past the 24 this crate knows (a newer header), kept as they are.
    header_extra: Vec<u8>,
    /// Bytes between the header and the type section.
    gap: Vec<u8>,
    /// Number of types parsed, and the length of their encoding.
    parsed_types: usize,
    parsed_type_len: usize,
}

/// A BTF blob: types by id (from 1; 0 is `void`) and the string section.
#[derive(Debug, Clone)]
pub struct Btf {
    types: Vec<Type>,
    strings: Vec<u8>,
    layout: Layout,
    /// Offset of every NUL-terminated string starting at a string boundary, built on the first
    /// [`add_str`](Self::add_str).
    string_index: Option<HashMap<Box<[u8]>, u32>>,
    /// The index type of the arrays added through [`add_array`](Self::add_array).
    array_index: Option<TypeId>,
    /// Named types by flavor-less name, built on the first
    /// [`types_by_essential_name`](Self::types_by_essential_name) (a relocation's candidate
    /// search would otherwise scan a vmlinux's ~130k types per record) and dropped when a type
    /// is added or changed.
    essential_names: OnceLock<HashMap<Box<str>, Vec<TypeId>>>,
}

impl Default for Btf {
    fn default() -> Self {
        Self::new()
    }
}

fn word(data: &[u8], at: usize) -> Option<u32> {
    let b = data.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

impl Btf {
    /// An empty blob: no types, the empty string.
    pub fn new() -> Self {
        Self {
            types: Vec::new(),
            strings: vec![0],
            layout: Layout::default(),
            string_index: None,
            array_index: None,
            essential_names: OnceLock::new(),
        }
    }

    /// Parses a `.BTF` section or `/sys/kernel/btf/vmlinux`. (A kernel module's BTF, in the
    /// same directory, is *split* BTF whose ids and strings continue vmlinux's; it is not read
    /// here.)
    pub fn parse(data: &[u8]) -> Result<Self> {
        let magic = data
            .get(..2)
            .map(|b| u16::from_le_bytes([b[0], b[1]]))
            .ok_or_else(|| Error::new("shorter than the 24-byte BTF header"))?;
        if magic == MAGIC.swap_bytes() {
            return Err(Error::new("big-endian BTF is not supported"));
        }
        if magic != MAGIC {
            return Err(Error::new(format!(
                "bad magic {magic:#06x} (expected {MAGIC:#06x})"
            )));
        }
        if data.len() < HEADER_LEN {
            return Err(Error::new(format!(
                "shorter than the 24-byte BTF header ({} bytes)",
                data.len()
            )));
        }
        let version = data[2];
        if version != 1 {
            return Err(Error::new(format!("unsupported BTF version {version}")));
        }
        let field = |at| word(data, at).map_or(usize::MAX, |w| w as usize);
        let hdr_len = field(4);
        let (type_off, type_len, str_off, str_len) = (field(8), field(12), field(16), field(20));
        if hdr_len < HEADER_LEN || hdr_len > data.len() {
            return Err(Error::new(format!(
                "bad header length {hdr_len} (the blob is {} bytes)",
                data.len()
            )));
        }
        let section = |off: usize, len: usize, what: &str| {
            hdr_len
                .checked_add(off)
                .and_then(|start| Some(start..start.checked_add(len)?))
                .filter(|r| r.end <= data.len())
                .ok_or_else(|| {
                    Error::new(format!(
                        "{what} section ({len} bytes at {off:#x} after the header) runs past the \
                         end of the blob ({} bytes)",
                        data.len()
                    ))
                })
        };
        let types_range = section(type_off, type_len, "type")?;
        let strings_range = section(str_off, str_len, "string")?;
        if types_range.end > strings_range.start {
            return Err(Error::new(
                "the string section precedes or overlaps the type section; only the usual \
                 layout (types, then strings) is supported",
            ));
        }
        let strings = data[strings_range].to_vec();
        if strings.first().is_some_and(|&b| b != 0) || strings.last().is_some_and(|&b| b != 0) {
            return Err(Error::new(
                "the string section must start and end with a NUL byte",
            ));
        }
        let type_data = &data[types_range];
        let mut types = Vec::new();
        let mut pos = 0;
        while pos < type_data.len() {
            if types.len() >= MAX_TYPE_ID {
                return Err(Error::new(format!("more than {MAX_TYPE_ID} types")));
            }
            let id = types.len() as TypeId + 1;
            let (ty, next) = types::decode(type_data, pos, id)?;
            types.push(ty);
            pos = next;
        }
        let layout = Layout {
            flags: data[3],
            header_extra: data[HEADER_LEN..hdr_len].to_vec(),
            gap: data[hdr_len..hdr_len + type_off].to_vec(),
            parsed_types: types.len(),
            parsed_type_len: type_len,
        };
        Ok(Self {
            types,
            strings,
            layout,
            string_index: None,
            array_index: None,
            essential_names: OnceLock::new(),
        })
    }

    /// The blob's bytes: the header (with the parsed blob's flags and extra header bytes), the
    /// type section at its parsed offset, then the string section.
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        let mut types = Vec::new();
        let (parsed, added) = self
            .types
            .split_at(self.layout.parsed_types.min(self.types.len()));
        for ty in parsed {
            types::encode(ty, &mut types)?;
        }
        if types.len() != self.layout.parsed_type_len {
            return Err(Error::new(
                "a parsed type changed its encoded size; the types after it would move",
            ));
        }
        for ty in added {
            types::encode(ty, &mut types)?;
        }
        let hdr_len = HEADER_LEN + self.layout.header_extra.len();
        let type_off = self.layout.gap.len();
        let too_large = || Error::new("BTF larger than 4 GiB");
        let u32_of = |v: usize| u32::try_from(v).map_err(|_| too_large());
        let str_off = type_off.checked_add(types.len()).ok_or_else(too_large)?;
        let mut out = Vec::with_capacity(hdr_len + str_off + self.strings.len());
        out.extend_from_slice(&MAGIC.to_le_bytes());
        out.extend_from_slice(&[1, self.layout.flags]);
        for v in [hdr_len, type_off, types.len(), str_off, self.strings.len()] {
            out.extend_from_slice(&u32_of(v)?.to_le_bytes());
        }
        out.extend_from_slice(&self.layout.header_extra);
        out.extend_from_slice(&self.layout.gap);
        out.extend_from_slice(&types);
        out.extend_from_slice(&self.strings);
        Ok(out)
    }

    /// Number of types (the highest type id).
    pub fn len(&self) -> usize {
        self.types.len()
    }

    /// Whether there are no types.
    pub fn is_empty(&self) -> bool {
        self.types.is_empty()
    }

    /// Number of types added since [`parse`](Self::parse) (all of them for a new blob).
    pub fn added(&self) -> usize {
        self.types.len() - self.layout.parsed_types
    }

    /// The type with id `id`; `None` for `void` (0) and unknown ids.
    pub fn ty(&self, id: TypeId) -> Option<&Type> {
        self.types.get((id as usize).checked_sub(1)?)
    }

    /// The type with id `id`, to change in place. Changing the number of entries of a parsed
    /// type makes [`to_bytes`](Self::to_bytes) fail (the types after it would move).
    pub fn ty_mut(&mut self, id: TypeId) -> Option<&mut Type> {
        self.essential_names.take();
        self.types.get_mut((id as usize).checked_sub(1)?)
    }

    /// Every type with its id.
    pub fn types(&self) -> impl Iterator<Item = (TypeId, &Type)> {
        self.types
            .iter()
            .enumerate()
            .map(|(i, ty)| (i as TypeId + 1, ty))
    }

    /// The types called `name` (exactly; flavors are not stripped), with their ids.
    pub fn types_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = (TypeId, &'a Type)> {
        self.types().filter(move |(_, ty)| self.name(ty) == name)
    }

    /// The ids of the named types whose name without its `___flavor` suffix is `name`
    /// (libbpf's candidate lookup), in id order.
    pub fn types_by_essential_name(&self, name: &str) -> &[TypeId] {
        let index = self.essential_names.get_or_init(|| {
            let mut index: HashMap<Box<str>, Vec<TypeId>> = HashMap::new();
            for (id, ty) in self.types() {
                let name = self.name(ty);
                if !name.is_empty() {
                    index
                        .entry(essential_name(name).into())
                        .or_default()
                        .push(id);
                }
            }
            index
        });
        index.get(name).map_or(&[], Vec::as_slice)
    }

    /// The NUL-terminated string at `off` of the string section, if it is there and UTF-8.
    pub fn str_at(&self, off: u32) -> Option<&str> {
        let rest = self.strings.get(off as usize..)?;
        let end = rest.iter().position(|&b| b == 0)?;
        std::str::from_utf8(&rest[..end]).ok()
    }

    /// The name of `ty`: `""` when anonymous (or when its name offset is bad).
    pub fn name(&self, ty: &Type) -> &str {
        self.str_at(ty.name_off).unwrap_or_default()
    }

    /// The name of the type with id `id` (`""` for `void`, anonymous and unknown types).
    pub fn name_of(&self, id: TypeId) -> &str {
        self.ty(id).map_or("", |ty| self.name(ty))
    }

    /// Adds `s` to the string section (once) and returns its offset.
    pub fn add_str(&mut self, s: &str) -> Result<u32> {
        if s.as_bytes().contains(&0) {
            return Err(Error::new(format!("string {s:?} holds a NUL byte")));
        }
        if self.strings.is_empty() {
            self.strings.push(0);
        }
        let strings = &self.strings;
        let index = self.string_index.get_or_insert_with(|| {
            let mut index = HashMap::new();
            let mut off = 0usize;
            for s in strings.split(|&b| b == 0) {
                index.entry(s.into()).or_insert(off as u32);
                off += s.len() + 1;
            }
            index
        });
        if let Some(&off) = index.get(s.as_bytes()) {
            return Ok(off);
        }
        let off = self.strings.len();
        if off > MAX_NAME_OFFSET {
            return Err(Error::new(format!(
                "string section larger than BTF allows ({MAX_NAME_OFFSET} bytes)"
            )));
        }
        self.strings.extend_from_slice(s.as_bytes());
        self.strings.push(0);
        index.insert(s.as_bytes().into(), off as u32);
        Ok(off as u32)
    }

    /// Adds `ty` and returns its id.
    pub fn add(&mut self, ty: Type) -> Result<TypeId> {
        if self.types.len() >= MAX_TYPE_ID {
            return Err(Error::new(format!("more than {MAX_TYPE_ID} types")));
        }
        self.essential_names.take();
        self.types.push(ty);
        Ok(self.types.len() as TypeId)
    }

    /// Adds a type called `name` (`""` for none) of `kind`.
    pub fn add_named(&mut self, name: &str, kind: Kind) -> Result<TypeId> {
        let name_off = if name.is_empty() {
            0
        } else {
            self.add_str(name)?
        };
        self.add(Type { name_off, kind })
    }

    /// Adds an integer of `size` bytes.
    pub fn add_int(&mut self, name: &str, size: u32, signed: bool) -> Result<TypeId> {
        let bits = size
            .checked_mul(8)
            .and_then(|b| u8::try_from(b).ok())
            .ok_or_else(|| Error::new(format!("int `{name}` of {size} bytes is too wide")))?;
        let kind = Kind::Int(Int {
            size,
            encoding: if signed { types::INT_SIGNED } else { 0 },
            offset: 0,
            bits,
        });
        self.add_named(name, kind)
    }

    /// Adds an array of `len` elements of type `elem` (with an index type of its own, added
    /// once).
    pub fn add_array(&mut self, elem: TypeId, len: u32) -> Result<TypeId> {
        let index = match self.array_index {
            Some(index) => index,
            None => {
                let index = self.add_int(ARRAY_INDEX_NAME, 4, false)?;
                self.array_index = Some(index);
                index
            }
        };
        self.add(Type {
            name_off: 0,
            kind: Kind::Array(Array { elem, index, len }),
        })
    }

    /// Adds a struct (or, with `union`, a union) called `name` (`""` for an anonymous one) of
    /// `size` bytes; see [`make_composite`](Self::make_composite).
    pub fn add_composite(
        &mut self,
        name: &str,
        union: bool,
        size: u32,
        members: &[NewMember<'_>],
    ) -> Result<TypeId> {
        let ty = self.make_composite(name, union, size, members)?;
        self.add(ty)
    }

    /// A struct (or, with `union`, a union) called `name` (`""` for an anonymous one) of `size`
    /// bytes, its strings added but the type not (to [`add`](Self::add) it, or to fill in a
    /// type added earlier, e.g. for types that refer to each other). A member with `bits > 0`
    /// is a bitfield; the type then uses `kind_flag` offsets, which hold bit offsets below 2^24
    /// only.
    pub fn make_composite(
        &mut self,
        name: &str,
        union: bool,
        size: u32,
        members: &[NewMember<'_>],
    ) -> Result<Type> {
        let kflag = members.iter().any(|m| m.bits > 0);
        let mut out = Vec::with_capacity(members.len());
        for m in members {
            if m.bit_offset == u32::MAX {
                return Err(Error::new(format!(
                    "member `{name}.{}` lies beyond what BTF's 32-bit bit offsets reach",
                    m.name
                )));
            }
            let offset = if kflag {
                if m.bit_offset > 0x00ff_ffff || m.bits > 0xff {
                    return Err(Error::new(format!(
                        "member `{name}.{}`: bit offset {} or bitfield size {} too large for a \
                         struct with bitfields",
                        m.name, m.bit_offset, m.bits
                    )));
                }
                m.bits << 24 | m.bit_offset
            } else {
                m.bit_offset
            };
            let name_off = if m.name.is_empty() {
                0
            } else {
                self.add_str(m.name)?
            };
            out.push(Member {
                name_off,
                ty: m.ty,
                offset,
            });
        }
        let composite = Composite {
            size,
            kflag,
            members: out,
        };
        let name_off = if name.is_empty() {
            0
        } else {
            self.add_str(name)?
        };
        Ok(Type {
            name_off,
            kind: if union {
                Kind::Union(composite)
            } else {
                Kind::Struct(composite)
            },
        })
    }

    /// Adds an enum of `size` bytes: a `BTF_KIND_ENUM64` if `enum64`, else a `BTF_KIND_ENUM`
    /// (whose values must then fit 32 bits).
    pub fn add_enum(
        &mut self,
        name: &str,
        size: u32,
        signed: bool,
        enum64: bool,
        values: &[(&str, i64)],
    ) -> Result<TypeId> {
        let mut out = Vec::with_capacity(values.len());
        for &(value_name, value) in values {
            if !enum64 && i32::try_from(value).is_err() && u32::try_from(value).is_err() {
                return Err(Error::new(format!(
                    "enumerator `{name}::{value_name}` = {value} does not fit a BTF_KIND_ENUM"
                )));
            }
            out.push(Enumerator {
                name_off: self.add_str(value_name)?,
                // What libbpf reads back: a 32-bit value sign-extended.
                value: if enum64 {
                    value as u64
                } else {
                    i64::from(value as i32) as u64
                },
            });
        }
        let e = Enum {
            size,
            signed,
            values: out,
        };
        self.add_named(
            name,
            if enum64 {
                Kind::Enum64(e)
            } else {
                Kind::Enum(e)
            },
        )
    }

    /// Follows typedefs and modifiers (`const`, `volatile`, `restrict`, type tags) from `id`
    /// (libbpf's `skip_mods_and_typedefs`); `None` if the chain ends in `void`, an unknown id,
    /// or loops.
    pub fn skip_mods_and_typedefs(&self, mut id: TypeId) -> Option<(TypeId, &Type)> {
        for _ in 0..MAX_RESOLVE_DEPTH {
            let ty = self.ty(id)?;
            match ty.kind {
                Kind::Typedef(next)
                | Kind::Volatile(next)
                | Kind::Const(next)
                | Kind::Restrict(next)
                | Kind::TypeTag { ty: next, .. } => id = next,
                _ => return Some((id, ty)),
            }
        }
        None
    }

    /// The size in bytes of the type `id` (libbpf's `btf__resolve_size`): through typedefs,
    /// modifiers, variables and tags, arrays multiplied out, pointers 8 bytes.
    pub fn resolve_size(&self, mut id: TypeId) -> Result<u64> {
        let mut count: u64 = 1;
        for _ in 0..MAX_RESOLVE_DEPTH {
            let ty = self
                .ty(id)
                .ok_or_else(|| Error::new(format!("type {id} has no size (void or unknown)")))?;
            let size = match &ty.kind {
                Kind::Int(Int { size, .. })
                | Kind::Enum(Enum { size, .. })
                | Kind::Enum64(Enum { size, .. })
                | Kind::Float { size }
                | Kind::Datasec { size, .. } => u64::from(*size),
                Kind::Struct(c) | Kind::Union(c) => u64::from(c.size),
                Kind::Ptr(_) => 8,
                Kind::Array(a) => {
                    count = count
                        .checked_mul(u64::from(a.len))
                        .filter(|&c| c <= u64::from(u32::MAX))
                        .ok_or_else(|| Error::new(format!("array type {id} is too large")))?;
                    id = a.elem;
                    continue;
                }
                kind => match kind.referenced() {
                    Some(next) => {
                        id = next;
                        continue;
                    }
                    None => {
                        return Err(Error::new(format!(
                            "type {id} ({}) has no size",
                            kind.name()
                        )))
                    }
                },
            };
            return size
                .checked_mul(count)
                .filter(|&s| s <= u64::from(u32::MAX))
                .ok_or_else(|| Error::new(format!("type {id} is too large")));
        }
        Err(Error::new(format!(
            "type {id}: more than {MAX_RESOLVE_DEPTH} typedefs, modifiers or arrays"
        )))
    }
}

/// A member for [`Btf::add_composite`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewMember<'a> {
    /// Its name; `""` for an anonymous struct/union member.
    pub name: &'a str,
    /// Its type.
    pub ty: TypeId,
    /// Offset in bits from the start of the struct.
    pub bit_offset: u32,
    /// Bitfield size in bits; 0 for a plain member.
    pub bits: u32,
}

impl<'a> NewMember<'a> {
    /// A plain member at `byte_offset` (an offset beyond BTF's 32-bit bit offsets saturates, and
    /// [`Btf::add_composite`] refuses it).
    pub fn new(name: &'a str, ty: TypeId, byte_offset: u32) -> Self {
        Self {
            name,
            ty,
            bit_offset: byte_offset.saturating_mul(8),
            bits: 0,
        }
    }

    /// A bitfield of `bits` bits at `bit_offset`.
    pub fn bitfield(name: &'a str, ty: TypeId, bit_offset: u32, bits: u32) -> Self {
        Self {
            name,
            ty,
            bit_offset,
            bits,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A blob with an int, a struct with a bitfield, an enum64 and a DATASEC.
    fn sample() -> Btf {
        let mut btf = Btf::new();
        let int = btf.add_int("int", 4, true).unwrap();
        btf.add_composite(
            "s",
            false,
            8,
            &[
                NewMember::new("a", int, 0),
                NewMember::bitfield("b", int, 35, 3),
            ],
        )
        .unwrap();
        btf.add_enum("e", 8, true, true, &[("X", -1), ("Y", 1 << 40)])
            .unwrap();
        btf.add_named(
            ".data",
            Kind::Datasec {
                size: 8,
                vars: vec![types::VarSecInfo {
                    ty: 1,
                    offset: 0,
                    size: 4,
                }],
            },
        )
        .unwrap();
        btf
    }

    #[test]
    fn what_is_written_parses_back_to_the_same_bytes() {
        let bytes = sample().to_bytes().unwrap();
        let parsed = Btf::parse(&bytes).unwrap();
        assert_eq!(parsed.len(), 4);
        assert_eq!(parsed.to_bytes().unwrap(), bytes);
        let Some(Kind::Struct(s)) = parsed.ty(2).map(|t| &t.kind) else {
            panic!("type 2 is not the struct");
        };
        assert!(s.kflag);
        assert_eq!(
            (s.bit_offset(&s.members[1]), s.bitfield_size(&s.members[1])),
            (35, 3)
        );
        assert_eq!(parsed.resolve_size(2), Ok(8));
        assert_eq!(parsed.name_of(3), "e");
    }

    #[test]
    fn appending_keeps_existing_ids_offsets_and_bytes() {
        let original = sample().to_bytes().unwrap();
        let mut btf = Btf::parse(&original).unwrap();
        let name_off = btf.ty(2).unwrap().name_off;
        assert_eq!(
            btf.add_str("s").unwrap(),
            name_off,
            "an existing string is reused"
        );
        let added = btf.add_int("long", 8, true).unwrap();
        assert_eq!((added, btf.added()), (5, 1));
        let bytes = btf.to_bytes().unwrap();
        let type_len = u32::from_le_bytes(original[12..16].try_into().unwrap()) as usize;
        // The existing types are untouched; the strings moved behind the new type only.
        assert_eq!(bytes[24..24 + type_len], original[24..24 + type_len]);
        let reparsed = Btf::parse(&bytes).unwrap();
        assert_eq!(reparsed.name_of(2), "s");
        assert_eq!(reparsed.name_of(5), "long");
    }

    #[test]
    fn a_parsed_type_must_keep_its_size() {
        let mut btf = Btf::parse(&sample().to_bytes().unwrap()).unwrap();
        if let Some(Kind::Struct(s)) = btf.ty_mut(2).map(|t| &mut t.kind) {
            s.members.pop();
        }
        assert!(btf.to_bytes().is_err());
    }

    #[test]
    fn malformed_blobs_are_clear_errors() {
        let good = sample().to_bytes().unwrap();
        let mut cases: Vec<(Vec<u8>, &str)> = vec![
            (vec![], "shorter than the 24-byte BTF header"),
            (good[..20].to_vec(), "shorter than the 24-byte BTF header"),
            (good[..good.len() - 1].to_vec(), "runs past the end"),
        ];
        let mut flip = |at: usize, value: u8, why: &'static str| {
            let mut bad = good.clone();
            bad[at] = value;
            cases.push((bad, why));
        };
        flip(0, 0x00, "bad magic");
        flip(2, 2, "unsupported BTF version 2");
        // Type 1 (the int): kind 31, then a kind_flag on an int.
        flip(24 + 7, 31, "type 1 has unknown kind 31");
        flip(24 + 7, 0x81, "holds bits this kind does not use");
        // The struct's vlen far beyond the section.
        flip(24 + 16 + 5, 0xff, "runs past the end of the type section");
        for (bytes, why) in cases {
            match Btf::parse(&bytes) {
                Ok(_) => panic!("parsed: expected `{why}`"),
                Err(e) => assert!(e.message().contains(why), "`{e}` lacks `{why}`"),
            }
        }
    }

    #[test]
    fn types_by_essential_name_follows_changes() {
        let mut btf = sample();
        assert_eq!(btf.types_by_essential_name("s"), [2]);
        let flavor = btf.add_int("s___v2", 4, false).unwrap();
        assert_eq!(btf.types_by_essential_name("s"), [2, flavor]);
        let name_off = btf.add_str("t").unwrap();
        btf.ty_mut(2).unwrap().name_off = name_off;
        assert_eq!(btf.types_by_essential_name("s"), [flavor]);
        assert!(btf.types_by_essential_name("").is_empty());
    }

    #[test]
    fn resolve_size_follows_libbpf() {
        let mut btf = Btf::new();
        let int = btf.add_int("int", 4, true).unwrap();
        let arr = btf.add_array(int, 3).unwrap();
        let arr2 = btf.add_array(arr, 2).unwrap();
        let c = btf.add_named("", Kind::Const(arr2)).unwrap();
        assert_eq!(btf.resolve_size(c), Ok(24));
        let ptr = btf.add_named("", Kind::Ptr(0)).unwrap();
        assert_eq!(btf.resolve_size(ptr), Ok(8));
        let looped = btf.add_named("t", Kind::Typedef(7)).unwrap();
        assert_eq!(looped, 7);
        assert!(btf.resolve_size(looped).is_err());
        assert_eq!(btf.skip_mods_and_typedefs(c).map(|(id, _)| id), Some(arr2));
        let huge = btf.add_array(arr2, u32::MAX).unwrap();
        assert!(btf.resolve_size(huge).is_err());
    }
}
