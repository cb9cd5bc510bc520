//! A synthetic kernel for the `synthetic_core` tests, and everything a test derives from it: the
//! target BTF given to aya, the bytes laid out in user memory, and what every read of the local
//! declarations in `e2e-ebpf/src/synthetic_core.rs` must give.
//!
//! A [`Kernel`] is a few named structs (which may embed each other, point at each other, hold
//! bitfields, arrays, strings and anonymous structs/unions) and enums. The expectations follow
//! libbpf's (and aya's) relocation rules, computed independently of the runtime: a path is
//! resolved member by member by name, searching anonymous members in place; a member of another
//! kind (int vs pointer vs array vs struct) does not exist; a bitfield's value is its bits taken
//! straight from the laid-out bytes, sign-extended if the *target* says so; an array's length,
//! a string's bound and an enum's values are the target's.

use std::collections::HashMap;

use crate::synthetic::btf_writer::{BitMember, BtfWriter, Enumerator, Member, TypeId};
use crate::Result;
use btf_reloc_e2e_common::outcome::Outcome;

/// The type of a (non-bitfield) member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ty {
    /// An integer of `size` bytes.
    Int { size: u32, signed: bool },
    /// An array of `len` unsigned ints of `elem_size` bytes each.
    Array { elem_size: u32, len: u32 },
    /// `char name[len]` holding `text` (cut to `len`; the bytes after it are filler).
    Chars { len: u32, text: &'static [u8] },
    /// A pointer to the struct called so (`void *` if the kernel has no such struct). Its value
    /// in memory is the address the test gives [`Kernel::memory`].
    Ptr(&'static str),
    /// The struct called so, embedded by value.
    Struct(&'static str),
}

/// A member of a struct, or of an anonymous struct/union in it.
#[derive(Debug, Clone)]
pub enum Item {
    /// A named member at `offset` bytes from the start of its enclosing struct/union.
    Field {
        name: &'static str,
        offset: u32,
        ty: Ty,
    },
    /// `[unsigned] int name : bits` at `bit_offset` bits from the start of its enclosing
    /// struct, carved from an integer of `storage` bytes.
    Bitfield {
        name: &'static str,
        bit_offset: u32,
        bits: u32,
        storage: u32,
        signed: bool,
    },
    /// An anonymous struct or union of `size` bytes at `offset`.
    Anon {
        union: bool,
        offset: u32,
        size: u32,
        items: Vec<Item>,
    },
}

/// A named member.
pub fn field(name: &'static str, offset: u32, ty: Ty) -> Item {
    Item::Field { name, offset, ty }
}

/// A bitfield carved from an `unsigned int` / `int`.
pub fn bitfield(name: &'static str, bit_offset: u32, bits: u32, signed: bool) -> Item {
    Item::Bitfield {
        name,
        bit_offset,
        bits,
        storage: 4,
        signed,
    }
}

/// An anonymous union.
pub fn anon_union(offset: u32, size: u32, items: Vec<Item>) -> Item {
    Item::Anon {
        union: true,
        offset,
        size,
        items,
    }
}

/// A named struct of the kernel.
#[derive(Debug, Clone)]
pub struct StructDef {
    pub name: &'static str,
    pub size: u32,
    pub items: Vec<Item>,
}

/// A named enum of the kernel: `BTF_KIND_ENUM` if `size` is 4 or less, else `BTF_KIND_ENUM64`.
#[derive(Debug, Clone)]
pub struct EnumDef {
    pub name: &'static str,
    pub size: u32,
    pub signed: bool,
    pub enumerators: Vec<(&'static str, i64)>,
}

/// One synthetic kernel: its structs (a struct embedded by another must come before it) and
/// enums.
#[derive(Debug, Clone)]
pub struct Kernel {
    pub structs: Vec<StructDef>,
    pub enums: Vec<EnumDef>,
}

/// The local type a read goes into (the declared Rust type of a field or element).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalInt {
    pub size: u32,
    pub signed: bool,
}

/// Where a member resolved, from the start of the path's root struct.
#[derive(Debug, Clone, Copy)]
enum Found<'a> {
    Plain {
        offset: u32,
        ty: &'a Ty,
    },
    Bits {
        bit_offset: u32,
        bits: u32,
        signed: bool,
    },
}

/// The local kind at the end of a path, for libbpf's compatibility check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Int,
    Array,
    Ptr,
    Struct,
}

impl Kernel {
    /// The target BTF: every struct (with its member types and anonymous members) and enum.
    pub fn btf(&self) -> Result<Vec<u8>> {
        let mut btf = BtfWriter::new();
        let mut ids = HashMap::new();
        for def in &self.structs {
            let id = self.composite_btf(&mut btf, &ids, false, def.name, def.size, &def.items)?;
            ids.insert(def.name, id);
        }
        for def in &self.enums {
            let enumerators: Vec<Enumerator<'_>> = def
                .enumerators
                .iter()
                .map(|&(name, value)| Enumerator { name, value })
                .collect();
            if def.size <= 4 {
                btf.enum_(def.name, def.size, def.signed, &enumerators);
            } else {
                btf.enum64(def.name, def.size, def.signed, &enumerators);
            }
        }
        Ok(btf.to_bytes())
    }

    /// A struct or union: with `kind_flag` (bit offsets, bitfield sizes) if it has a bitfield.
    fn composite_btf(
        &self,
        btf: &mut BtfWriter,
        ids: &HashMap<&'static str, TypeId>,
        union: bool,
        name: &str,
        size: u32,
        items: &[Item],
    ) -> Result<TypeId> {
        let mut members = Vec::with_capacity(items.len());
        for item in items {
            members.push(match item {
                Item::Field { name, offset, ty } => BitMember {
                    name,
                    ty: ty_btf(btf, ids, ty)?,
                    bit_offset: offset * 8,
                    bitfield_size: 0,
                },
                Item::Bitfield {
                    name,
                    bit_offset,
                    bits,
                    storage,
                    signed,
                } => BitMember {
                    name,
                    ty: int_btf(btf, *storage, *signed),
                    bit_offset: *bit_offset,
                    bitfield_size: *bits,
                },
                Item::Anon {
                    union,
                    offset,
                    size,
                    items,
                } => BitMember {
                    name: "",
                    ty: self.composite_btf(btf, ids, *union, "", *size, items)?,
                    bit_offset: offset * 8,
                    bitfield_size: 0,
                },
            });
        }
        let has_bitfield = items.iter().any(|i| matches!(i, Item::Bitfield { .. }));
        Ok(match (union, has_bitfield) {
            (false, true) => btf.struct_bits(name, size, &members),
            (true, true) => {
                return Err(format!("union `{name}`: bitfields in unions are not modelled").into())
            }
            (union, false) => {
                let members: Vec<Member<'_>> = members
                    .iter()
                    .map(|m| Member {
                        name: m.name,
                        ty: m.ty,
                        offset: m.bit_offset / 8,
                    })
                    .collect();
                if union {
                    btf.union(name, size, &members)
                } else {
                    btf.struct_(name, size, &members)
                }
            }
        })
    }

    fn struct_def(&self, name: &str) -> Option<&StructDef> {
        self.structs.iter().find(|s| s.name == name)
    }

    /// `size` bytes of user memory laid out as the struct `name`: every int, array element and
    /// bitfield holds a [`pattern`] of its name and `seed` (so a read at a wrong offset or bit
    /// shows, and two buffers differ), every `char` array its text, every pointer `pointer`,
    /// every other byte `0x5a`.
    pub fn memory(&self, name: &str, pointer: u64, seed: u8) -> Result<Vec<u8>> {
        let def = self
            .struct_def(name)
            .ok_or_else(|| format!("the synthetic kernel has no struct `{name}`"))?;
        let mut bytes = vec![0x5a; def.size as usize];
        self.fill(&mut bytes, 0, &def.items, pointer, seed)?;
        Ok(bytes)
    }

    fn fill(
        &self,
        bytes: &mut [u8],
        base: u32,
        items: &[Item],
        pointer: u64,
        seed: u8,
    ) -> Result<()> {
        for item in items {
            match item {
                Item::Field { name, offset, ty } => {
                    let at = base + offset;
                    let value = match ty {
                        Ty::Int { size, .. } => pattern(name, seed, *size),
                        Ty::Array { elem_size, len } => pattern(name, seed, elem_size * len),
                        Ty::Chars { len, text } => {
                            text.iter().copied().take(*len as usize).collect()
                        }
                        Ty::Ptr(_) => pointer.to_le_bytes().to_vec(),
                        Ty::Struct(inner) => {
                            let def = self.struct_def(inner).ok_or_else(|| {
                                format!("`{name}` embeds the unknown struct `{inner}`")
                            })?;
                            self.fill(bytes, at, &def.items, pointer, seed)?;
                            continue;
                        }
                    };
                    let dst = bytes
                        .get_mut(at as usize..at as usize + value.len())
                        .ok_or_else(|| format!("`{name}` ends past its struct"))?;
                    dst.copy_from_slice(&value);
                }
                Item::Bitfield {
                    name,
                    bit_offset,
                    bits,
                    ..
                } => {
                    let value = bitfield_pattern(name, seed, *bits);
                    for bit in 0..*bits {
                        let at = base * 8 + bit_offset + bit;
                        let byte = bytes
                            .get_mut((at / 8) as usize)
                            .ok_or_else(|| format!("bitfield `{name}` ends past its struct"))?;
                        let mask = 1u8 << (at % 8);
                        if value >> bit & 1 == 1 {
                            *byte |= mask;
                        } else {
                            *byte &= !mask;
                        }
                    }
                }
                Item::Anon { offset, items, .. } => {
                    self.fill(bytes, base + offset, items, pointer, seed)?
                }
            }
        }
        Ok(())
    }

    /// The member at `path` (member names) from the struct `root`, if every step exists with a
    /// kind compatible with the local one (embedded structs on the way, `last` at the end).
    fn resolve(&self, root: &str, path: &[&str], last: Kind) -> Option<Found<'_>> {
        let mut def = self.struct_def(root)?;
        let mut base = 0;
        for (depth, name) in path.iter().enumerate() {
            let kind = if depth + 1 == path.len() {
                last
            } else {
                Kind::Struct
            };
            let found = find_in(&def.items, base, name)?;
            let compatible = match (kind, found) {
                (Kind::Int, Found::Bits { .. }) => true,
                (kind, Found::Plain { ty, .. }) => matches!(
                    (kind, ty),
                    (Kind::Int, Ty::Int { .. })
                        | (Kind::Array, Ty::Array { .. } | Ty::Chars { .. })
                        | (Kind::Ptr, Ty::Ptr(_))
                        | (Kind::Struct, Ty::Struct(_))
                ),
                _ => false,
            };
            if !compatible {
                return None;
            }
            if depth + 1 == path.len() {
                return Some(found);
            }
            let Found::Plain {
                offset,
                ty: Ty::Struct(inner),
            } = found
            else {
                return None;
            };
            def = self.struct_def(inner)?;
            base = offset;
        }
        None
    }

    /// `[exists, byte_size or -1, byte_offset or -1, 0]` of the int at `path` from `root`.
    pub fn path_info(&self, root: &str, path: &[&str]) -> [i64; 4] {
        match self.resolve(root, path, Kind::Int) {
            Some(Found::Plain { offset, ty }) => {
                [1, i64::from(size_of_ty(ty)), i64::from(offset), 0]
            }
            _ => [0, -1, -1, 0],
        }
    }

    /// What the getter of the int at `path` from `root` gives, reading `local` from `memory`
    /// (laid out as `root`).
    pub fn read_int(&self, memory: &[u8], root: &str, path: &[&str], local: LocalInt) -> Outcome {
        let Some(Found::Plain { offset, ty }) = self.resolve(root, path, Kind::Int) else {
            return Outcome::Missing;
        };
        let size = size_of_ty(ty);
        if size != local.size {
            return size_mismatch(local.size, size);
        }
        int_at(memory, offset, local)
    }

    /// What `root.name()` of a `#[btf(bitfield)]` field declared as `local` gives.
    pub fn read_bitfield(&self, memory: &[u8], root: &str, name: &str, local: LocalInt) -> Outcome {
        let (bit_offset, bits, signed) = match self.resolve(root, &[name], Kind::Int) {
            None => return Outcome::Missing,
            Some(Found::Bits {
                bit_offset,
                bits,
                signed,
            }) => (bit_offset, bits, signed),
            // A plain int read as a bitfield: all of its bits.
            Some(Found::Plain { offset, ty }) => (
                offset * 8,
                size_of_ty(ty) * 8,
                matches!(ty, Ty::Int { signed: true, .. }),
            ),
        };
        if bits > local.size * 8 {
            // The runtime reports the bitfield's width in whole bytes.
            return size_mismatch(local.size, bits.div_ceil(8));
        }
        let mut raw = 0u64;
        for bit in (0..bits).rev() {
            let at = bit_offset + bit;
            let byte = memory.get((at / 8) as usize).copied().unwrap_or_default();
            raw = raw << 1 | u64::from(byte >> (at % 8) & 1);
        }
        let extended = if signed { sign_extend(raw, bits) } else { raw };
        Outcome::Value(as_local(extended, local))
    }

    /// What `root.name()` of an array of `local` ints gives: its first element if the target
    /// array has the declared size.
    pub fn read_array_first(
        &self,
        memory: &[u8],
        root: &str,
        name: &str,
        local: LocalInt,
        len: u32,
    ) -> Outcome {
        let Some(Found::Plain { offset, ty }) = self.resolve(root, &[name], Kind::Array) else {
            return Outcome::Missing;
        };
        let size = size_of_ty(ty);
        if size != local.size * len {
            return size_mismatch(local.size * len, size);
        }
        int_at(memory, offset, local)
    }

    /// What `root.name_at(index)` gives: bounded by the *target* array's length.
    pub fn read_element(
        &self,
        memory: &[u8],
        root: &str,
        name: &str,
        index: u32,
        local: LocalInt,
    ) -> Outcome {
        let Some(Found::Plain {
            offset,
            ty: Ty::Array { elem_size, len },
        }) = self.resolve(root, &[name], Kind::Array)
        else {
            return Outcome::Missing;
        };
        if index >= *len {
            return Outcome::IndexOutOfBounds {
                index: index.into(),
                len: (*len).into(),
            };
        }
        if *elem_size != local.size {
            return size_mismatch(local.size, *elem_size);
        }
        int_at(memory, offset + index * elem_size, local)
    }

    /// What `root.name_str(buf)` gives with a `buf_len`-byte zeroed buffer, and the buffer after:
    /// `bpf_probe_read_user_str` of at most the target array's length.
    pub fn read_str(
        &self,
        memory: &[u8],
        root: &str,
        name: &str,
        buf_len: u32,
    ) -> (Outcome, Vec<u8>) {
        let mut buf = vec![0; buf_len as usize];
        let Some(Found::Plain {
            offset,
            ty: Ty::Chars { len, .. } | Ty::Array { len, .. },
        }) = self.resolve(root, &[name], Kind::Array)
        else {
            return (Outcome::Missing, buf);
        };
        let window = buf_len.min(*len) as usize;
        // (Empty if the layout put the array past the struct's end: a mistake the reads show.)
        let src = memory
            .get(offset as usize..offset as usize + window)
            .unwrap_or_default();
        // The helper copies up to the first NUL, or `window - 1` bytes and a NUL, and returns
        // the bytes written, NUL included.
        let written = src
            .iter()
            .position(|&b| b == 0)
            .map_or(src.len(), |nul| nul + 1);
        let text = written.saturating_sub(1);
        if let (Some(dst), Some(src)) = (buf.get_mut(..text), src.get(..text)) {
            dst.copy_from_slice(src);
        }
        (Outcome::Value(written as i64), buf)
    }

    /// What `core_read!(root, pointer, path...)` gives when the pointer field holds the address
    /// of `pointee` (laid out as the pointed-at struct), or null if `pointee` is `None`.
    pub fn read_through(
        &self,
        root: &str,
        pointer: &str,
        pointee_ty: &str,
        pointee: Option<&[u8]>,
        path: &[&str],
        local: LocalInt,
    ) -> Outcome {
        if self.resolve(root, &[pointer], Kind::Ptr).is_none() {
            return Outcome::Missing;
        }
        // The pointee's getter asks for existence (a relocation of the pointed-at type) before
        // it looks at the pointer.
        let Some(Found::Plain { offset, ty }) = self.resolve(pointee_ty, path, Kind::Int) else {
            return Outcome::Missing;
        };
        let Some(memory) = pointee else {
            return Outcome::NullPointer;
        };
        let size = size_of_ty(ty);
        if size != local.size {
            return size_mismatch(local.size, size);
        }
        int_at(memory, offset, local)
    }

    /// `ENUMVAL_VALUE` of `enumerator` of the enum `name`: a 32-bit value read back signed or
    /// unsigned as the enum's `kind_flag` says, a 64-bit one as is; `None` if absent.
    pub fn enum_value(&self, name: &str, enumerator: &str) -> Option<i64> {
        let def = self.enums.iter().find(|e| e.name == name)?;
        let &(_, value) = def.enumerators.iter().find(|(n, _)| *n == enumerator)?;
        Some(match (def.size <= 4, def.signed) {
            (true, true) => i64::from(value as i32),
            (true, false) => i64::from(value as u32),
            (false, _) => value,
        })
    }

    /// `[type_exists, type_size or -1, 0, 0]` of the struct or enum `name` (`size` false: the
    /// size is not asked, -1).
    pub fn type_info(&self, name: &str, size: bool) -> [i64; 4] {
        let found = self
            .struct_def(name)
            .map(|s| s.size)
            .or_else(|| self.enums.iter().find(|e| e.name == name).map(|e| e.size));
        match found {
            Some(found) if size => [1, i64::from(found), 0, 0],
            Some(_) => [1, -1, 0, 0],
            None => [0, -1, 0, 0],
        }
    }
}

fn size_mismatch(expected: u32, actual: u32) -> Outcome {
    Outcome::SizeMismatch {
        expected: expected.into(),
        actual: actual.into(),
    }
}

fn size_of_ty(ty: &Ty) -> u32 {
    match ty {
        Ty::Int { size, .. } => *size,
        Ty::Array { elem_size, len } => elem_size * len,
        Ty::Chars { len, .. } => *len,
        Ty::Ptr(_) => 8,
        // Only used for ints and arrays; an embedded struct's size is its definition's.
        Ty::Struct(_) => 0,
    }
}

/// `local.size` bytes at `offset` of `memory`, as the eBPF side stores the local type in an
/// `i64`.
fn int_at(memory: &[u8], offset: u32, local: LocalInt) -> Outcome {
    let start = offset as usize;
    let Some(bytes) = memory.get(start..start + local.size as usize) else {
        return Outcome::Unknown([0; 4]);
    };
    let mut le = [0u8; 8];
    let Some(dst) = le.get_mut(..bytes.len()) else {
        // A local integer wider than 8 bytes: not something the eBPF side declares.
        return Outcome::Unknown([0; 4]);
    };
    dst.copy_from_slice(bytes);
    Outcome::Value(as_local(u64::from_le_bytes(le), local))
}

/// `bits` truncated to the local integer and widened to `i64` as Rust's `Into<i64>` (or, for
/// `u64`, a reinterpreting cast) does.
fn as_local(bits: u64, local: LocalInt) -> i64 {
    let width = local.size * 8;
    let truncated = if width >= 64 {
        bits
    } else {
        bits & ((1 << width) - 1)
    };
    if local.signed {
        sign_extend(truncated, width) as i64
    } else {
        truncated as i64
    }
}

fn sign_extend(value: u64, bits: u32) -> u64 {
    if bits == 0 || bits >= 64 {
        return value;
    }
    let unused = 64 - bits;
    (((value << unused) as i64) >> unused) as u64
}

/// The bytes of an int or array called `name`: a tag from the name and the buffer's seed in the
/// high nibble (top bit always set, so signed reads are negative and a missing sign extension
/// shows), a running count in the low one.
pub fn pattern(name: &str, seed: u8, size: u32) -> Vec<u8> {
    let tag = 0x80 | ((tag_of(name) ^ seed) & 0x70);
    (0..size).map(|i| tag | (i % 15 + 1) as u8).collect()
}

/// The value of a bitfield called `name`: mixed bits from the name and the seed, with the top
/// bit set (negative if signed) and the lowest bit set (so a shift off by one shows).
pub fn bitfield_pattern(name: &str, seed: u8, bits: u32) -> u64 {
    let mixed = u64::from(tag_of(name) ^ seed).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 7;
    let mask = 1u64.checked_shl(bits).map_or(u64::MAX, |bit| bit - 1);
    let top = bits
        .checked_sub(1)
        .and_then(|top| 1u64.checked_shl(top))
        .unwrap_or(0);
    (mixed & mask) | top | 1
}

/// A byte naming `name` (FNV-1a).
fn tag_of(name: &str) -> u8 {
    let hash = name.bytes().fold(0x811c_9dc5u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    (hash ^ hash >> 8 ^ hash >> 16 ^ hash >> 24) as u8
}

/// The first member called `name` in `items` (at `base`), searching anonymous members in place.
fn find_in<'a>(items: &'a [Item], base: u32, name: &str) -> Option<Found<'a>> {
    items.iter().find_map(|item| match item {
        Item::Field {
            name: n,
            offset,
            ty,
        } => (*n == name).then_some(Found::Plain {
            offset: base + offset,
            ty,
        }),
        Item::Bitfield {
            name: n,
            bit_offset,
            bits,
            signed,
            ..
        } => (*n == name).then_some(Found::Bits {
            bit_offset: base * 8 + bit_offset,
            bits: *bits,
            signed: *signed,
        }),
        Item::Anon { offset, items, .. } => find_in(items, base + offset, name),
    })
}

fn int_btf(btf: &mut BtfWriter, size: u32, signed: bool) -> TypeId {
    let name = match (size, signed) {
        (1, false) => "unsigned char",
        (1, true) => "signed char",
        (2, false) => "unsigned short",
        (2, true) => "short",
        (4, false) => "unsigned int",
        (4, true) => "int",
        (8, false) => "long long unsigned int",
        (8, true) => "long long int",
        _ => "__int128",
    };
    btf.int(name, size, signed)
}

fn ty_btf(btf: &mut BtfWriter, ids: &HashMap<&'static str, TypeId>, ty: &Ty) -> Result<TypeId> {
    Ok(match ty {
        Ty::Int { size, signed } => int_btf(btf, *size, *signed),
        Ty::Array { elem_size, len } => {
            let elem = int_btf(btf, *elem_size, false);
            let index = int_btf(btf, 4, false);
            btf.array(elem, index, *len)
        }
        Ty::Chars { len, .. } => {
            let elem = btf.int("char", 1, true);
            let index = int_btf(btf, 4, false);
            btf.array(elem, index, *len)
        }
        Ty::Ptr(target) => {
            let target = ids.get(target).copied().unwrap_or(TypeId::VOID);
            btf.ptr(target)
        }
        Ty::Struct(name) => *ids
            .get(name)
            .ok_or_else(|| format!("struct `{name}` is embedded before it is defined"))?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const U8: LocalInt = LocalInt {
        size: 1,
        signed: false,
    };
    const I8: LocalInt = LocalInt {
        size: 1,
        signed: true,
    };
    const U32: LocalInt = LocalInt {
        size: 4,
        signed: false,
    };

    fn kernel(items: Vec<Item>) -> Kernel {
        Kernel {
            structs: vec![
                StructDef {
                    name: "in",
                    size: 16,
                    items: vec![anon_union(
                        4,
                        8,
                        vec![
                            field(
                                "raw",
                                0,
                                Ty::Int {
                                    size: 8,
                                    signed: false,
                                },
                            ),
                            field(
                                "x",
                                4,
                                Ty::Int {
                                    size: 4,
                                    signed: false,
                                },
                            ),
                        ],
                    )],
                },
                StructDef {
                    name: "t",
                    size: 48,
                    items,
                },
            ],
            enums: vec![EnumDef {
                name: "e",
                size: 4,
                signed: true,
                enumerators: vec![("E_A", -2), ("E_B", 0xffff_fff0)],
            }],
        }
    }

    /// Bits are numbered from the lowest bit of the lowest byte (little-endian), and a signed
    /// target sign-extends before the local type truncates.
    #[test]
    fn bitfields_read_their_own_bits() {
        let k = kernel(vec![
            field(
                "w",
                0,
                Ty::Int {
                    size: 8,
                    signed: false,
                },
            ),
            bitfield("a", 13, 3, false),
            bitfield("b", 30, 5, true),
            bitfield("wide", 40, 11, false),
        ]);
        let mut memory = vec![0u8; 48];
        // a = 0b101 at bits 13..16, b = 0b10011 at bits 30..35 (straddling bytes 3 and 4).
        memory[1] = 0b1010_0000;
        memory[3] = 0b1100_0000;
        memory[4] = 0b0000_0100;
        assert_eq!(k.read_bitfield(&memory, "t", "a", U8), Outcome::Value(5));
        assert_eq!(k.read_bitfield(&memory, "t", "b", I8), Outcome::Value(-13));
        assert_eq!(k.read_bitfield(&memory, "t", "b", U8), Outcome::Value(0xf3));
        assert_eq!(
            k.read_bitfield(&memory, "t", "wide", U8),
            Outcome::SizeMismatch {
                expected: 1,
                actual: 2
            }
        );
        assert_eq!(k.read_bitfield(&memory, "t", "none", U8), Outcome::Missing);
    }

    /// The memory a kernel lays out holds each bitfield's pattern at its bits, and leaves the
    /// neighbouring bits alone.
    #[test]
    fn memory_and_bitfield_reads_agree() {
        let k = kernel(vec![
            bitfield("a", 13, 3, false),
            bitfield("b", 16, 7, true),
        ]);
        let memory = k.memory("t", 0, 0).unwrap();
        let a = bitfield_pattern("a", 0, 3);
        let b = bitfield_pattern("b", 0, 7);
        assert_eq!(
            k.read_bitfield(&memory, "t", "a", U8),
            Outcome::Value(a as i64)
        );
        assert_eq!(
            k.read_bitfield(&memory, "t", "b", I8),
            Outcome::Value(sign_extend(b, 7) as i64)
        );
        assert_eq!(memory[1] & 0x1f, 0x5a & 0x1f);
        assert_eq!(memory[2] >> 7, 0x5a >> 7);
    }

    #[test]
    fn paths_go_through_embedded_structs_and_anonymous_members() {
        let k = kernel(vec![
            field(
                "pad",
                0,
                Ty::Int {
                    size: 4,
                    signed: false,
                },
            ),
            field("inner", 8, Ty::Struct("in")),
            field("next", 24, Ty::Ptr("in")),
        ]);
        assert_eq!(k.path_info("t", &["inner", "x"]), [1, 4, 16, 0]);
        assert_eq!(k.path_info("t", &["inner", "raw"]), [1, 8, 12, 0]);
        assert_eq!(k.path_info("t", &["pad", "x"]), [0, -1, -1, 0]);
        let memory = k.memory("t", 0x1234, 3).unwrap();
        assert_eq!(memory[24..32], 0x1234u64.to_le_bytes());
        assert_eq!(
            k.read_int(&memory, "t", &["inner", "x"], U32),
            int_at(&memory, 16, U32)
        );
        let pointee = k.memory("in", 0, 9).unwrap();
        assert_eq!(
            k.read_through("t", "next", "in", Some(&pointee), &["x"], U32),
            int_at(&pointee, 8, U32)
        );
        assert_eq!(
            k.read_through("t", "next", "in", None, &["x"], U32),
            Outcome::NullPointer
        );
        assert_eq!(
            k.read_through("t", "next", "in", None, &["gone"], U32),
            Outcome::Missing
        );
    }

    #[test]
    fn elements_and_strings_are_bounded_by_the_target() {
        let k = kernel(vec![
            field(
                "v",
                0,
                Ty::Array {
                    elem_size: 4,
                    len: 3,
                },
            ),
            field(
                "s",
                12,
                Ty::Chars {
                    len: 6,
                    text: b"abcdefgh",
                },
            ),
            field(
                "t",
                18,
                Ty::Chars {
                    len: 6,
                    text: b"ab\0",
                },
            ),
        ]);
        let memory = k.memory("t", 0, 0).unwrap();
        assert_eq!(
            k.read_element(&memory, "t", "v", 2, U32),
            int_at(&memory, 8, U32)
        );
        assert_eq!(
            k.read_element(&memory, "t", "v", 3, U32),
            Outcome::IndexOutOfBounds { index: 3, len: 3 }
        );
        assert_eq!(
            k.read_array_first(&memory, "t", "v", U32, 4),
            Outcome::SizeMismatch {
                expected: 16,
                actual: 12
            }
        );
        assert_eq!(
            k.read_str(&memory, "t", "s", 16),
            (Outcome::Value(6), b"abcde\0\0\0\0\0\0\0\0\0\0\0".to_vec())
        );
        assert_eq!(
            k.read_str(&memory, "t", "s", 3),
            (Outcome::Value(3), b"ab\0".to_vec())
        );
        assert_eq!(k.read_str(&memory, "t", "t", 16).0, Outcome::Value(3));
    }

    #[test]
    fn enum_values_follow_the_kind_flag() {
        let k = kernel(Vec::new());
        assert_eq!(k.enum_value("e", "E_A"), Some(-2));
        assert_eq!(k.enum_value("e", "E_B"), Some(-16));
        assert_eq!(k.enum_value("e", "E_C"), None);
        assert_eq!(k.type_info("e", true), [1, 4, 0, 0]);
        assert_eq!(k.type_info("t", false), [1, -1, 0, 0]);
        assert_eq!(k.type_info("nope", true), [0, -1, 0, 0]);
    }

    /// aya parses the BTF of a kernel with bitfields, anonymous unions, embedded structs,
    /// pointers, strings and enums, and writes the same bytes back.
    #[test]
    fn btf_of_a_kernel_parses() {
        let k = kernel(vec![
            field("inner", 0, Ty::Struct("in")),
            bitfield("a", 130, 3, false),
            field("s", 20, Ty::Chars { len: 6, text: b"x" }),
            field("next", 32, Ty::Ptr("in")),
        ]);
        let bytes = k.btf().unwrap();
        let parsed = aya::Btf::parse(&bytes, aya::Endianness::Little).unwrap();
        assert_eq!(parsed.to_bytes(), bytes);
    }
}
