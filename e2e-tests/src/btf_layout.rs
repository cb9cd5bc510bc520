//! Just enough of a BTF reader for the demo to say *where* each field is: the byte offset and
//! size of a struct member, in an object's `.BTF` (the local type `btf-reloc link` added) and in
//! the running kernel's `/sys/kernel/btf/vmlinux`.
//!
//! It is an independent cross-check, not part of the relocation path: the program's reads were
//! relocated by aya; this only lets the demo print the offsets next to them. Little-endian BTF
//! only (the host's), no bitfield offsets finer than a byte.

use std::{fs, path::Path};

use object::{Object as _, ObjectSection as _};

use crate::Result;

const MAGIC: u16 = 0xeb9f;
const KIND_INT: u32 = 1;
const KIND_PTR: u32 = 2;
const KIND_ARRAY: u32 = 3;
const KIND_STRUCT: u32 = 4;
const KIND_UNION: u32 = 5;
const KIND_ENUM: u32 = 6;
const KIND_FWD: u32 = 7;
const KIND_TYPEDEF: u32 = 8;
const KIND_VOLATILE: u32 = 9;
const KIND_CONST: u32 = 10;
const KIND_RESTRICT: u32 = 11;
const KIND_FUNC: u32 = 12;
const KIND_FUNC_PROTO: u32 = 13;
const KIND_VAR: u32 = 14;
const KIND_DATASEC: u32 = 15;
const KIND_FLOAT: u32 = 16;
const KIND_DECL_TAG: u32 = 17;
const KIND_TYPE_TAG: u32 = 18;
const KIND_ENUM64: u32 = 19;

/// One type record: its 12-byte header, and where its kind-specific data starts.
#[derive(Debug, Clone, Copy)]
struct Type {
    name_off: u32,
    kind: u32,
    vlen: usize,
    kind_flag: bool,
    size_or_type: u32,
    data: usize,
}

/// A parsed BTF blob.
#[derive(Debug)]
pub struct Btf {
    bytes: Vec<u8>,
    strings: std::ops::Range<usize>,
    /// Type id `n` is `types[n - 1]` (id 0 is `void`).
    types: Vec<Type>,
}

/// Where a member is: bytes from the start of its struct, and its size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Member {
    pub offset: u64,
    pub size: u64,
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    let word = bytes.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([word[0], word[1], word[2], word[3]]))
}

impl Btf {
    /// The running kernel's BTF.
    pub fn vmlinux() -> Result<Self> {
        let path = "/sys/kernel/btf/vmlinux";
        let bytes = fs::read(path).map_err(|error| format!("cannot read {path}: {error}"))?;
        Self::parse(bytes).map_err(|error| format!("{path}: {error}").into())
    }

    /// The `.BTF` section of the ELF object at `path`.
    pub fn of_object(path: &Path) -> Result<Self> {
        let data =
            fs::read(path).map_err(|error| format!("cannot read {}: {error}", path.display()))?;
        let file = object::File::parse(&*data)
            .map_err(|error| format!("{} is not an object file: {error}", path.display()))?;
        let section = file
            .section_by_name(".BTF")
            .ok_or_else(|| format!("{} has no .BTF", path.display()))?;
        let bytes = section
            .data()
            .map_err(|error| format!("{}: .BTF: {error}", path.display()))?
            .to_vec();
        Self::parse(bytes).map_err(|error| format!("{}: .BTF: {error}", path.display()).into())
    }

    fn parse(bytes: Vec<u8>) -> Result<Self> {
        let header = |at| u32_at(&bytes, at).ok_or("truncated BTF header");
        if bytes.get(..2) != Some(&MAGIC.to_le_bytes()[..]) {
            return Err("not little-endian BTF (bad magic)".into());
        }
        let hdr_len = header(4)? as usize;
        let (type_off, type_len) = (header(8)? as usize, header(12)? as usize);
        let (str_off, str_len) = (header(16)? as usize, header(20)? as usize);
        let types_start = hdr_len + type_off;
        let types_end = types_start + type_len;
        let strings = hdr_len + str_off..hdr_len + str_off + str_len;
        if types_end > bytes.len() || strings.end > bytes.len() {
            return Err("BTF sections run past the end of the data".into());
        }
        let mut types = Vec::new();
        let mut at = types_start;
        while at < types_end {
            let word = |i: usize| u32_at(&bytes, at + 4 * i).ok_or("truncated BTF type");
            let info = word(1)?;
            let ty = Type {
                name_off: word(0)?,
                kind: (info >> 24) & 0x1f,
                vlen: (info & 0xffff) as usize,
                kind_flag: info >> 31 == 1,
                size_or_type: word(2)?,
                data: at + 12,
            };
            let extra = match ty.kind {
                KIND_INT | KIND_VAR | KIND_DECL_TAG => 4,
                KIND_ARRAY => 12,
                KIND_STRUCT | KIND_UNION | KIND_DATASEC | KIND_ENUM64 => 12 * ty.vlen,
                KIND_ENUM | KIND_FUNC_PROTO => 8 * ty.vlen,
                KIND_PTR | KIND_FWD | KIND_TYPEDEF | KIND_VOLATILE | KIND_CONST | KIND_RESTRICT
                | KIND_FUNC | KIND_FLOAT | KIND_TYPE_TAG => 0,
                other => return Err(format!("unknown BTF kind {other}").into()),
            };
            types.push(ty);
            at = ty.data + extra;
        }
        Ok(Self {
            bytes,
            strings,
            types,
        })
    }

    fn ty(&self, id: u32) -> Result<Type> {
        let index = (id as usize)
            .checked_sub(1)
            .ok_or("type id 0 (void) has no record")?;
        self.types
            .get(index)
            .copied()
            .ok_or_else(|| format!("no BTF type {id}").into())
    }

    fn name(&self, name_off: u32) -> &str {
        let start = self.strings.start + name_off as usize;
        let rest = self.bytes.get(start..self.strings.end).unwrap_or_default();
        let len = rest.iter().position(|&b| b == 0).unwrap_or(rest.len());
        std::str::from_utf8(&rest[..len]).unwrap_or("?")
    }

    fn word(&self, at: usize) -> Result<u32> {
        u32_at(&self.bytes, at).ok_or_else(|| "truncated BTF type data".into())
    }

    /// The id of the struct called `name` that has a member `with_member` (an object may hold
    /// several structs of one name).
    pub fn find_struct(&self, name: &str, with_member: &str) -> Result<Option<u32>> {
        for (index, ty) in self.types.iter().enumerate() {
            if ty.kind == KIND_STRUCT && self.name(ty.name_off) == name {
                let id = u32::try_from(index + 1)?;
                if self.member(id, with_member)?.is_some() {
                    return Ok(Some(id));
                }
            }
        }
        Ok(None)
    }

    /// Member `name` of struct/union `id`, searched through anonymous struct/union members as
    /// CO-RE does; `None` if there is no such member.
    pub fn member(&self, id: u32, name: &str) -> Result<Option<Member>> {
        let ty = self.ty(id)?;
        if ty.kind != KIND_STRUCT && ty.kind != KIND_UNION {
            return Err(format!("BTF type {id} is not a struct or union").into());
        }
        for i in 0..ty.vlen {
            let at = ty.data + 12 * i;
            let (name_off, member_type, offset) =
                (self.word(at)?, self.word(at + 4)?, self.word(at + 8)?);
            // With kind_flag the high 8 bits are a bitfield size.
            let bits = if ty.kind_flag {
                offset & 0x00ff_ffff
            } else {
                offset
            };
            let offset = u64::from(bits / 8);
            let member_name = self.name(name_off);
            if member_name == name {
                let size = self.size(member_type)?;
                return Ok(Some(Member { offset, size }));
            }
            if member_name.is_empty() {
                let inner = self.skip_modifiers(member_type)?;
                if matches!(self.ty(inner)?.kind, KIND_STRUCT | KIND_UNION) {
                    if let Some(found) = self.member(inner, name)? {
                        return Ok(Some(Member {
                            offset: offset + found.offset,
                            ..found
                        }));
                    }
                }
            }
        }
        Ok(None)
    }

    fn skip_modifiers(&self, mut id: u32) -> Result<u32> {
        // A cycle of modifiers is malformed BTF; bound the walk instead of looping forever.
        for _ in 0..64 {
            let ty = self.ty(id)?;
            match ty.kind {
                KIND_TYPEDEF | KIND_VOLATILE | KIND_CONST | KIND_RESTRICT | KIND_TYPE_TAG => {
                    id = ty.size_or_type;
                }
                _ => return Ok(id),
            }
        }
        Err(format!("BTF type {id}: modifier chain too long").into())
    }

    /// Size in bytes of type `id`.
    pub fn size(&self, id: u32) -> Result<u64> {
        let id = self.skip_modifiers(id)?;
        let ty = self.ty(id)?;
        Ok(match ty.kind {
            KIND_INT | KIND_STRUCT | KIND_UNION | KIND_ENUM | KIND_ENUM64 | KIND_FLOAT => {
                u64::from(ty.size_or_type)
            }
            KIND_PTR => 8,
            KIND_ARRAY => {
                let (element, count) = (self.word(ty.data)?, self.word(ty.data + 8)?);
                self.size(element)? * u64::from(count)
            }
            other => return Err(format!("BTF type {id} (kind {other}) has no size").into()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A BTF blob with `int` (id 1), `int[16]` (2) and `struct s { int a; union { int b; };
    /// int c[16]; }` (3) whose union (4) is anonymous.
    fn sample() -> Vec<u8> {
        let strings = b"\0int\0s\0a\0b\0c\0";
        let (int, s, a, b, c) = (1u32, 5, 7, 9, 11);
        let mut types: Vec<u32> = Vec::new();
        types.extend([int, KIND_INT << 24, 4, 32]); // 1: int
        types.extend([0, KIND_ARRAY << 24, 0, 1, 1, 16]); // 2: int[16] (element int)
        types.extend([s, KIND_STRUCT << 24 | 3, 72, a, 1, 0, 0, 4, 32, c, 2, 64]); // 3
        types.extend([0, KIND_UNION << 24 | 1, 4, b, 1, 0]); // 4: union { int b; }
        let type_bytes: Vec<u8> = types.iter().flat_map(|w| w.to_le_bytes()).collect();
        let mut blob = Vec::new();
        blob.extend(MAGIC.to_le_bytes());
        blob.extend([1, 0]);
        for word in [24, 0, type_bytes.len() as u32, type_bytes.len() as u32] {
            blob.extend(word.to_le_bytes());
        }
        blob.extend((strings.len() as u32).to_le_bytes());
        blob.extend(type_bytes);
        blob.extend(strings);
        blob
    }

    #[test]
    fn finds_members_through_anonymous_unions() {
        let btf = Btf::parse(sample()).unwrap();
        let s = btf.find_struct("s", "a").unwrap().unwrap();
        assert_eq!(s, 3);
        let member = |name| btf.member(s, name).unwrap();
        assert_eq!(member("a"), Some(Member { offset: 0, size: 4 }));
        assert_eq!(member("b"), Some(Member { offset: 4, size: 4 }));
        assert_eq!(
            member("c"),
            Some(Member {
                offset: 8,
                size: 64
            })
        );
        assert_eq!(member("d"), None);
        assert_eq!(btf.find_struct("s", "d").unwrap(), None);
    }

    #[test]
    fn rejects_garbage() {
        assert!(Btf::parse(vec![0; 24]).is_err());
        assert!(Btf::parse(sample()[..30].to_vec()).is_err());
    }
}
