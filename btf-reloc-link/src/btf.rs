//! Just enough of `.BTF` for post-linking: parse the header, walk every type (all kinds, so that
//! type ids are counted right), read strings, struct members and enumerators, and append new
//! types (ints, pointers, arrays, structs, enums) and strings. Appending never moves the header or the existing types, so existing type ids,
//! `name_off`s and `.rel.BTF` relocations (which point into the type section) stay valid; only
//! the string section moves, behind the grown type section.

use std::{collections::HashMap, ops::Range};

use crate::{
    bytes::{push_u32, range, set_u32, slice, u16_at, u32_at, u32_of, u8_at, us},
    descriptors::{EnumRecord, Shape},
    error::{Error, Result},
};

/// `BTF_MAGIC` as read little-endian.
pub(crate) const BTF_MAGIC: u16 = 0xEB9F;
const HEADER_LEN: usize = 24;

pub(crate) const KIND_INT: u32 = 1;
pub(crate) const KIND_PTR: u32 = 2;
pub(crate) const KIND_ARRAY: u32 = 3;
pub(crate) const KIND_STRUCT: u32 = 4;
pub(crate) const KIND_UNION: u32 = 5;
pub(crate) const KIND_ENUM: u32 = 6;
const KIND_FWD: u32 = 7;
const KIND_TYPEDEF: u32 = 8;
const KIND_VOLATILE: u32 = 9;
const KIND_CONST: u32 = 10;
const KIND_RESTRICT: u32 = 11;
const KIND_FUNC: u32 = 12;
const KIND_FUNC_PROTO: u32 = 13;
const KIND_VAR: u32 = 14;
pub(crate) const KIND_DATASEC: u32 = 15;
const KIND_FLOAT: u32 = 16;
const KIND_DECL_TAG: u32 = 17;
const KIND_TYPE_TAG: u32 = 18;
pub(crate) const KIND_ENUM64: u32 = 19;

const BTF_INT_SIGNED: u32 = 1;
/// ORed into the `kind` given to `BtfAppender::push`, it lands on bit 31 of `info`: the
/// kind_flag (for enums: the values are signed).
const KIND_FLAG: u32 = 0x80;

fn err(msg: impl Into<String>) -> Error {
    Error::Btf(msg.into())
}

/// One type of a parsed BTF blob.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TypeEntry {
    pub(crate) kind: u32,
    pub(crate) name_off: u32,
    pub(crate) vlen: u32,
    pub(crate) kflag: bool,
    /// `size` or `type`, depending on the kind.
    pub(crate) size_or_type: u32,
    /// The bytes following the 12-byte common header (in the BTF blob).
    pub(crate) extra: Range<usize>,
}

/// A parsed `.BTF` section.
#[derive(Debug)]
pub(crate) struct Btf<'a> {
    data: &'a [u8],
    /// The type section, as an absolute range in `data`.
    types_range: Range<usize>,
    /// The string section, as an absolute range in `data`.
    strings_range: Range<usize>,
    /// Types by id - 1.
    pub(crate) types: Vec<TypeEntry>,
}

impl<'a> Btf<'a> {
    /// Parses the header and walks the type section.
    pub(crate) fn parse(data: &'a [u8]) -> Result<Self> {
        let magic = u16_at(data, 0).ok_or_else(|| err("shorter than the 24-byte header"))?;
        if magic == BTF_MAGIC.swap_bytes() {
            return Err(err("big-endian BTF is not supported"));
        }
        if magic != BTF_MAGIC {
            return Err(err(format!(
                "bad magic {magic:#06x} (expected {BTF_MAGIC:#06x})"
            )));
        }
        let version = u8_at(data, 2).unwrap_or_default();
        if version != 1 {
            return Err(err(format!("unsupported version {version}")));
        }
        let field = |off: usize| {
            u32_at(data, off)
                .and_then(us)
                .ok_or_else(|| err("shorter than the 24-byte header"))
        };
        let hdr_len = field(4)?;
        let (type_off, type_len, str_off, str_len) =
            (field(8)?, field(12)?, field(16)?, field(20)?);
        if hdr_len < HEADER_LEN || hdr_len > data.len() {
            return Err(err(format!("bad header length {hdr_len}")));
        }
        let section = |off: usize, len: usize, what: &str| {
            hdr_len
                .checked_add(off)
                .and_then(|start| range(start, len))
                .filter(|r| r.end <= data.len())
                .ok_or_else(|| {
                    err(format!(
                        "{what} section ({len} bytes at {off:#x} after the header) runs past \
                         the end of the section ({} bytes)",
                        data.len()
                    ))
                })
        };
        let types_range = section(type_off, type_len, "type")?;
        let strings_range = section(str_off, str_len, "string")?;
        if types_range.end > strings_range.start {
            return Err(err(
                "the string section precedes or overlaps the type section; only the usual \
                 layout (types, then strings) is supported",
            ));
        }
        let strings = data.get(strings_range.clone()).unwrap_or_default();
        if strings.first().is_some_and(|&b| b != 0) || strings.last().is_some_and(|&b| b != 0) {
            return Err(err("the string section must start and end with a NUL byte"));
        }
        let types = walk_types(data, types_range.clone())?;
        Ok(Self {
            data,
            types_range,
            strings_range,
            types,
        })
    }

    /// Number of types (the highest type id).
    pub(crate) fn type_count(&self) -> u32 {
        u32::try_from(self.types.len()).unwrap_or(u32::MAX)
    }

    /// The raw string section.
    fn strings(&self) -> &'a [u8] {
        self.data
            .get(self.strings_range.clone())
            .unwrap_or_default()
    }

    /// The string at `off` in the string section.
    pub(crate) fn string(&self, off: u32) -> Option<&'a str> {
        crate::elf::c_str_at(self.strings(), off).and_then(|s| std::str::from_utf8(s).ok())
    }

    /// The type with id `id` (1-based).
    pub(crate) fn type_by_id(&self, id: u32) -> Option<&TypeEntry> {
        self.types.get(us(id)?.checked_sub(1)?)
    }

    /// Member `index` of struct/union `ty`: `(name_off, type id)`.
    pub(crate) fn member(&self, ty: &TypeEntry, index: u32) -> Option<(u32, u32)> {
        if !matches!(ty.kind, KIND_STRUCT | KIND_UNION) || index >= ty.vlen {
            return None;
        }
        let off = ty.extra.start.checked_add(us(index)?.checked_mul(12)?)?;
        Some((u32_at(self.data, off)?, u32_at(self.data, off + 4)?))
    }

    /// The name offset of enumerator `index` of enum/enum64 `ty`.
    pub(crate) fn enumerator(&self, ty: &TypeEntry, index: u32) -> Option<u32> {
        let stride = match ty.kind {
            KIND_ENUM => 8,
            KIND_ENUM64 => 12,
            _ => return None,
        };
        if index >= ty.vlen {
            return None;
        }
        u32_at(
            self.data,
            ty.extra
                .start
                .checked_add(us(index)?.checked_mul(stride)?)?,
        )
    }

    /// Element type of array `ty`.
    pub(crate) fn array_elem(&self, ty: &TypeEntry) -> Option<u32> {
        (ty.kind == KIND_ARRAY).then(|| u32_at(self.data, ty.extra.start))?
    }

    /// Follows typedefs and qualifiers from `id` to the underlying type id.
    pub(crate) fn skip_modifiers(&self, mut id: u32) -> u32 {
        for _ in 0..32 {
            match self.type_by_id(id) {
                Some(t)
                    if matches!(
                        t.kind,
                        KIND_TYPEDEF | KIND_VOLATILE | KIND_CONST | KIND_RESTRICT | KIND_TYPE_TAG
                    ) =>
                {
                    id = t.size_or_type;
                }
                _ => break,
            }
        }
        id
    }
}

/// Size of the kind-specific data following a type's 12-byte header.
fn extra_len(kind: u32, vlen: u32) -> Option<usize> {
    let vlen = us(vlen)?;
    Some(match kind {
        KIND_INT | KIND_VAR | KIND_DECL_TAG => 4,
        KIND_ARRAY => 12,
        KIND_STRUCT | KIND_UNION | KIND_DATASEC | KIND_ENUM64 => 12 * vlen,
        KIND_ENUM | KIND_FUNC_PROTO => 8 * vlen,
        KIND_PTR | KIND_FWD | KIND_TYPEDEF | KIND_VOLATILE | KIND_CONST | KIND_RESTRICT
        | KIND_FUNC | KIND_FLOAT | KIND_TYPE_TAG => 0,
        _ => return None,
    })
}

fn walk_types(data: &[u8], types: Range<usize>) -> Result<Vec<TypeEntry>> {
    let mut out = Vec::new();
    let mut pos = types.start;
    while pos < types.end {
        let id = out.len() + 1;
        let header = slice(data, pos, 12)
            .filter(|_| pos + 12 <= types.end)
            .ok_or_else(|| err(format!("type {id} is truncated")))?;
        let name_off = u32_at(header, 0).unwrap_or_default();
        let info = u32_at(header, 4).unwrap_or_default();
        let size_or_type = u32_at(header, 8).unwrap_or_default();
        let kind = (info >> 24) & 0x1f;
        let vlen = info & 0xffff;
        let extra = extra_len(kind, vlen)
            .ok_or_else(|| err(format!("type {id} has unknown kind {kind}")))?;
        let extra = range(pos + 12, extra)
            .filter(|r| r.end <= types.end)
            .ok_or_else(|| err(format!("type {id} (kind {kind}, vlen {vlen}) is truncated")))?;
        pos = extra.end;
        out.push(TypeEntry {
            kind,
            name_off,
            vlen,
            kflag: info >> 31 != 0,
            size_or_type,
            extra,
        });
    }
    Ok(out)
}

/// Identity of a type this crate adds, for deduplication. Structs and enums are keyed by the
/// `rust_path` of their record: two Rust declarations of one kernel type (flavors) are two
/// local types, and one declaration is one type however many markers use it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Int { size: u32, signed: bool },
    ArrayIndex,
    Ptr,
    Array { elem: u32, len: u32 },
    Struct(String),
    Enum(String),
}

/// Appends types and strings to an existing BTF blob, or builds a fresh one.
#[derive(Debug)]
pub(crate) struct BtfAppender<'b, 'a> {
    base: Option<&'b Btf<'a>>,
    next_id: u32,
    types: Vec<u8>,
    /// Strings to append; offsets start at `str_base`.
    strings: Vec<u8>,
    str_base: u32,
    str_index: HashMap<String, u32>,
    dedup: HashMap<Key, u32>,
    added: u32,
}

impl<'b, 'a> BtfAppender<'b, 'a> {
    pub(crate) fn new(base: Option<&'b Btf<'a>>) -> Result<Self> {
        let mut str_index = HashMap::new();
        let (next_id, str_base, strings) = match base {
            Some(btf) => {
                let raw = btf.strings();
                let mut off = 0usize;
                for s in raw.split(|&b| b == 0) {
                    if let Ok(s) = std::str::from_utf8(s) {
                        if let Some(o) = u32_of(off) {
                            str_index.entry(s.to_owned()).or_insert(o);
                        }
                    }
                    off += s.len() + 1;
                }
                let len = u32_of(raw.len()).ok_or_else(|| err("string section too large"))?;
                (btf.type_count().saturating_add(1), len, Vec::new())
            }
            None => {
                str_index.insert(String::new(), 0);
                (1, 0, vec![0])
            }
        };
        Ok(Self {
            base,
            next_id,
            types: Vec::new(),
            strings,
            str_base,
            str_index,
            dedup: HashMap::new(),
            added: 0,
        })
    }

    /// Number of types added so far.
    pub(crate) fn added(&self) -> u32 {
        self.added
    }

    /// The offset of `s` in the final string section, adding it when new.
    pub(crate) fn string(&mut self, s: &str) -> Result<u32> {
        if let Some(&off) = self.str_index.get(s) {
            return Ok(off);
        }
        let off = u32_of(self.strings.len())
            .and_then(|l| self.str_base.checked_add(l))
            .filter(|&o| o < 0x7fff_ffff)
            .ok_or_else(|| err("string section too large"))?;
        self.strings.extend_from_slice(s.as_bytes());
        self.strings.push(0);
        self.str_index.insert(s.to_owned(), off);
        Ok(off)
    }

    fn push(
        &mut self,
        key: Key,
        name: &str,
        kind: u32,
        vlen: u32,
        size_or_type: u32,
        extra: &[u32],
    ) -> Result<u32> {
        if let Some(&id) = self.dedup.get(&key) {
            return Ok(id);
        }
        let name_off = self.string(name)?;
        let id = self.next_id;
        if id >= 0x7fff_ffff {
            return Err(err("too many types"));
        }
        push_u32(&mut self.types, name_off);
        push_u32(&mut self.types, (kind << 24) | vlen);
        push_u32(&mut self.types, size_or_type);
        for &word in extra {
            push_u32(&mut self.types, word);
        }
        self.next_id += 1;
        self.added += 1;
        self.dedup.insert(key, id);
        Ok(id)
    }

    fn int(&mut self, size: u32, signed: bool) -> Result<u32> {
        let name = format!("{}{}", if signed { 'i' } else { 'u' }, size * 8);
        let encoding = if signed { BTF_INT_SIGNED } else { 0 };
        self.push(
            Key::Int { size, signed },
            &name,
            KIND_INT,
            0,
            size,
            &[(encoding << 24) | (size * 8)],
        )
    }

    /// The type id describing `shape`, added (once) when needed. An embedded struct must have
    /// been added already ([`add_struct`](Self::add_struct) with its `rust_path`).
    pub(crate) fn shape(&mut self, shape: &Shape) -> Result<u32> {
        match shape {
            Shape::Int { size, signed } => self.int(*size, *signed),
            Shape::Ptr => self.push(Key::Ptr, "", KIND_PTR, 0, 0, &[]),
            Shape::Array { elem, len } => {
                let elem = self.shape(elem)?;
                let index = self.push(
                    Key::ArrayIndex,
                    "__ARRAY_SIZE_TYPE__",
                    KIND_INT,
                    0,
                    4,
                    &[32],
                )?;
                self.push(
                    Key::Array { elem, len: *len },
                    "",
                    KIND_ARRAY,
                    0,
                    0,
                    &[elem, index, *len],
                )
            }
            Shape::Struct { rust_path } => self
                .struct_id(rust_path)
                .ok_or_else(|| err(format!("embedded struct `{rust_path}` was not added first"))),
        }
    }

    /// The id of the struct added for `rust_path`, if any.
    pub(crate) fn struct_id(&self, rust_path: &str) -> Option<u32> {
        self.dedup.get(&Key::Struct(rust_path.to_owned())).copied()
    }

    /// Adds struct `name` (the record of `rust_path`) of `size` bytes with `members`
    /// (name, type id, byte offset), once per `rust_path`.
    pub(crate) fn add_struct(
        &mut self,
        rust_path: &str,
        name: &str,
        size: u32,
        members: &[(String, u32, u32)],
    ) -> Result<u32> {
        let key = Key::Struct(rust_path.to_owned());
        if let Some(&id) = self.dedup.get(&key) {
            return Ok(id);
        }
        let vlen = u32_of(members.len())
            .filter(|&v| v <= 0xffff)
            .ok_or_else(|| err(format!("struct `{name}` has more than 65535 members")))?;
        let mut extra = Vec::with_capacity(members.len() * 3);
        for (member, ty, offset) in members {
            let bits = offset
                .checked_mul(8)
                .ok_or_else(|| err(format!("member `{name}.{member}` offset too large")))?;
            extra.extend_from_slice(&[self.string(member)?, *ty, bits]);
        }
        self.push(key, name, KIND_STRUCT, vlen, size, &extra)
    }

    /// Adds `record` as a `BTF_KIND_ENUM` (kind_flag = signed) or, when
    /// [`EnumRecord::is_enum64`], a `BTF_KIND_ENUM64`; once per `rust_path`.
    pub(crate) fn add_enum(&mut self, record: &EnumRecord) -> Result<u32> {
        let key = Key::Enum(record.rust_path.clone());
        if let Some(&id) = self.dedup.get(&key) {
            return Ok(id);
        }
        let vlen = u32_of(record.variants.len())
            .filter(|&v| v <= 0xffff)
            .ok_or_else(|| err(format!("enum `{}` has more than 65535 values", record.name)))?;
        let enum64 = record.is_enum64();
        let mut extra = Vec::with_capacity(record.variants.len() * 3);
        for (name, value) in &record.variants {
            extra.push(self.string(name)?);
            let bits = *value as u64;
            // `struct btf_enum { name_off; __s32 val; }` holds the low 32 bits (the value fits,
            // see `is_enum64`); `struct btf_enum64` splits the value into two halves.
            extra.push(bits as u32);
            if enum64 {
                extra.push((bits >> 32) as u32);
            }
        }
        let kind = if enum64 { KIND_ENUM64 } else { KIND_ENUM };
        let info_kind = kind | if record.signed { KIND_FLAG } else { 0 };
        self.push(key, &record.name, info_kind, vlen, record.size, &extra)
    }

    /// The complete new `.BTF` section.
    pub(crate) fn finish(self) -> Result<Vec<u8>> {
        let too_large = || err("BTF too large");
        let mut out;
        let types_len;
        let strings_len;
        let type_off;
        match self.base {
            Some(btf) => {
                out = btf
                    .data
                    .get(..btf.types_range.end)
                    .ok_or_else(too_large)?
                    .to_vec();
                out.extend_from_slice(&self.types);
                out.extend_from_slice(btf.strings());
                out.extend_from_slice(&self.strings);
                let hdr_len = us(u32_at(btf.data, 4).unwrap_or_default()).ok_or_else(too_large)?;
                type_off = btf.types_range.start - hdr_len;
                types_len = btf.types_range.len() + self.types.len();
                strings_len = btf.strings().len() + self.strings.len();
            }
            None => {
                out = Vec::with_capacity(HEADER_LEN + self.types.len() + self.strings.len());
                out.extend_from_slice(&BTF_MAGIC.to_le_bytes());
                out.extend_from_slice(&[1, 0]);
                push_u32(&mut out, HEADER_LEN as u32);
                out.extend_from_slice(&[0; 16]);
                out.extend_from_slice(&self.types);
                out.extend_from_slice(&self.strings);
                type_off = 0;
                types_len = self.types.len();
                strings_len = self.strings.len();
            }
        }
        let str_off = type_off.checked_add(types_len).ok_or_else(too_large)?;
        for (at, v) in [
            (8, type_off),
            (12, types_len),
            (16, str_off),
            (20, strings_len),
        ] {
            let v = u32_of(v).ok_or_else(too_large)?;
            set_u32(&mut out, at, v).ok_or_else(too_large)?;
        }
        Ok(out)
    }
}
