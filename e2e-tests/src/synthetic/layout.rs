//! A synthetic kernel's version of the struct under test, and everything a test derives from it:
//! the target BTF given to aya, the bytes laid out in user memory, and the outcome every getter
//! and query of a local declaration must have.
//!
//! The expected outcomes follow libbpf's (and aya's) field matching, which the test then checks
//! the kernel side against: a local field matches the first target member of the same name,
//! searching through anonymous struct/union members in place; a match whose type is of another
//! kind (int vs pointer vs array) means the field does not exist; an existing field whose size
//! differs from the declared one is a `SizeMismatch`; otherwise its value is the target bytes at
//! its target offset, read as the declared type.

use super::btf_writer::{BtfWriter, Member, TypeId};

/// The type of a target field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ty {
    /// An integer of `size` bytes.
    Int { size: u32, signed: bool },
    /// A pointer (to `void`).
    Ptr,
    /// An array of `len` unsigned ints of `elem_size` bytes each.
    Array { elem_size: u32, len: u32 },
    /// `typedef const volatile <ty> <name>`: the loader must see through all three.
    Qualified(&'static str, Box<Ty>),
}

impl Ty {
    pub const fn int(size: u32, signed: bool) -> Self {
        Self::Int { size, signed }
    }

    pub const fn array(elem_size: u32, len: u32) -> Self {
        Self::Array { elem_size, len }
    }

    fn size(&self) -> u32 {
        match self {
            Self::Int { size, .. } => *size,
            Self::Ptr => 8,
            Self::Array { elem_size, len } => elem_size * len,
            Self::Qualified(_, ty) => ty.size(),
        }
    }

    /// The type without typedefs and qualifiers, as the loader compares it.
    fn resolved(&self) -> &Self {
        match self {
            Self::Qualified(_, ty) => ty.resolved(),
            ty => ty,
        }
    }
}

/// A member of the target struct, or of an anonymous struct/union in it.
#[derive(Debug, Clone)]
pub enum Item {
    /// A named field at `offset` bytes from the start of its enclosing struct/union.
    Field {
        name: &'static str,
        offset: u32,
        ty: Ty,
    },
    /// An anonymous struct or union of `size` bytes at `offset`.
    Anon {
        union: bool,
        offset: u32,
        size: u32,
        items: Vec<Item>,
    },
}

/// A named field.
pub fn field(name: &'static str, offset: u32, ty: Ty) -> Item {
    Item::Field { name, offset, ty }
}

/// An anonymous struct member.
pub fn anon_struct(offset: u32, size: u32, items: Vec<Item>) -> Item {
    Item::Anon {
        union: false,
        offset,
        size,
        items,
    }
}

/// An anonymous union member.
pub fn anon_union(offset: u32, size: u32, items: Vec<Item>) -> Item {
    Item::Anon {
        union: true,
        offset,
        size,
        items,
    }
}

/// One synthetic kernel's struct: its BTF name (possibly with a `___flavor`), size and members.
#[derive(Debug, Clone)]
pub struct Layout {
    pub name: &'static str,
    pub size: u32,
    pub items: Vec<Item>,
}

/// Where a field name resolves in a layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Found<'a> {
    /// Offset from the start of the outermost struct, in bytes.
    offset: u32,
    ty: &'a Ty,
}

impl Layout {
    /// The target BTF: the integer, pointer and array types the fields need, the anonymous
    /// members, and the struct itself.
    pub fn btf(&self, btf: &mut BtfWriter) -> TypeId {
        let items = self.items_btf(btf, &self.items);
        let members = as_members(&items);
        btf.struct_(self.name, self.size, &members)
    }

    fn items_btf(&self, btf: &mut BtfWriter, items: &[Item]) -> Vec<(&'static str, TypeId, u32)> {
        items
            .iter()
            .map(|item| match item {
                Item::Field { name, offset, ty } => (*name, ty_btf(btf, ty), *offset),
                Item::Anon {
                    union,
                    offset,
                    size,
                    items,
                } => {
                    let inner = self.items_btf(btf, items);
                    let members = as_members(&inner);
                    let id = if *union {
                        btf.union("", *size, &members)
                    } else {
                        btf.struct_("", *size, &members)
                    };
                    ("", id, *offset)
                }
            })
            .collect()
    }

    /// `size` bytes of user memory laid out as this struct: every field holds [`pattern`] of its
    /// name, every other byte is `0x5a`, so a read at a wrong offset shows. (Longer if a field
    /// ends past `size`, a mistake in the layout that the struct's BTF then shows, rather than a
    /// panic here.)
    pub fn memory(&self) -> Vec<u8> {
        let len = self.size.max(end_of(0, &self.items));
        let mut bytes = vec![0x5a; len as usize];
        fill(&mut bytes, 0, &self.items);
        bytes
    }

    /// The first field called `name`, searching anonymous members in place (as the loader does).
    fn find(&self, name: &str) -> Option<Found<'_>> {
        find_in(&self.items, 0, name)
    }

    /// What reading the local field `local` from [`Self::memory`] must give.
    pub fn expect(&self, local: &LocalField) -> Expected {
        let Some(found) = self.find(local.name) else {
            return Expected::Missing;
        };
        if !local.ty.compatible(found.ty.resolved()) {
            return Expected::Missing;
        }
        let (offset, size) = (found.offset, found.ty.size());
        let read = if size == local.ty.size() {
            let start = offset as usize;
            let memory = self.memory();
            Read::Value(local.ty.decode(&memory[start..start + size as usize]))
        } else {
            Read::SizeMismatch {
                expected: local.ty.size(),
                actual: size,
            }
        };
        Expected::Exists { offset, size, read }
    }
}

/// How one local field must read against a layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expected {
    /// `Ok(None)`; the queries say it does not exist.
    Missing,
    /// The field exists at `offset` with `size` bytes, and the getter gives `read`.
    Exists { offset: u32, size: u32, read: Read },
}

/// What the getter of an existing field gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Read {
    /// `Ok(Some(value))`, as the value words the eBPF side stores (see `LocalTy::decode`).
    Value([u64; 4]),
    /// `Err(SizeMismatch { expected, actual })`.
    SizeMismatch { expected: u32, actual: u32 },
    /// `Err(ProbeRead(code))`.
    Fault(i32),
    /// `Err(NullPointer)`: the struct's address is null.
    Null,
}

/// The declared (Rust) type of a local field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LocalTy {
    Int {
        size: u32,
        signed: bool,
    },
    Ptr,
    /// An array of unsigned ints.
    Array {
        elem_size: u32,
        len: u32,
    },
}

impl LocalTy {
    fn size(self) -> u32 {
        match self {
            Self::Int { size, .. } => size,
            Self::Ptr => 8,
            Self::Array { elem_size, len } => elem_size * len,
        }
    }

    /// libbpf's field compatibility: ints with ints of any size, pointers with pointers, arrays
    /// element-wise (of any length).
    fn compatible(self, target: &Ty) -> bool {
        matches!(
            (self, target),
            (Self::Int { .. }, Ty::Int { .. })
                | (Self::Ptr, Ty::Ptr)
                | (Self::Array { .. }, Ty::Array { .. })
        )
    }

    /// `bytes` (exactly [`Self::size`] of them) read as this type, in the value words the eBPF
    /// side stores: an int or pointer in word 0 (signed ints sign-extended), array elements one
    /// per word.
    fn decode(self, bytes: &[u8]) -> [u64; 4] {
        let int = |bytes: &[u8], signed: bool| {
            let mut le = [0u8; 8];
            le[..bytes.len()].copy_from_slice(bytes);
            let value = u64::from_le_bytes(le);
            let unused = 64 - 8 * bytes.len() as u32;
            if signed && unused > 0 {
                (((value << unused) as i64) >> unused) as u64
            } else {
                value
            }
        };
        let mut words = [0; 4];
        match self {
            Self::Int { signed, .. } => words[0] = int(bytes, signed),
            Self::Ptr => words[0] = int(bytes, false),
            Self::Array { elem_size, .. } => {
                for (word, elem) in words.iter_mut().zip(bytes.chunks(elem_size as usize)) {
                    *word = int(elem, false);
                }
            }
        }
        words
    }
}

/// A field of a local declaration in `e2e-ebpf/src/synthetic.rs`.
#[derive(Debug, Clone, Copy)]
pub struct LocalField {
    pub name: &'static str,
    pub ty: LocalTy,
}

/// The bytes a field called `name` holds in user memory, `size` of them: a nibble naming the
/// field (`a` → `0xa_`, …, other names `0x4_`) followed by a running count, so every field's
/// bytes differ from every other's, the high bit of the top byte is set (signed fields read
/// negative, unsigned ones must not be sign-extended), and an array's elements differ.
pub fn pattern(name: &str, size: u32) -> Vec<u8> {
    let tag = match name {
        "a" => 0xa0,
        "b" => 0xb0,
        "c" => 0xc0,
        "d" => 0xd0,
        "e" => 0xe0,
        "f" => 0xf0,
        "p" => 0x90,
        _ => 0x40,
    };
    (0..size).map(|i| tag | (i % 15 + 1) as u8).collect()
}

/// Where the last of `items` ends, for items at `base`.
fn end_of(base: u32, items: &[Item]) -> u32 {
    items
        .iter()
        .map(|item| match item {
            Item::Field { offset, ty, .. } => base + offset + ty.size(),
            Item::Anon {
                offset,
                size,
                items,
                ..
            } => (base + offset + size).max(end_of(base + offset, items)),
        })
        .max()
        .unwrap_or(base)
}

/// Writes every field of `items` (at `base`) into `bytes`, which [`end_of`] made long enough.
fn fill(bytes: &mut [u8], base: u32, items: &[Item]) {
    for item in items {
        match item {
            Item::Field { name, offset, ty } => {
                let start = (base + offset) as usize;
                let value = pattern(name, ty.size());
                bytes[start..start + value.len()].copy_from_slice(&value);
            }
            Item::Anon { offset, items, .. } => fill(bytes, base + offset, items),
        }
    }
}

fn find_in<'a>(items: &'a [Item], base: u32, name: &str) -> Option<Found<'a>> {
    items.iter().find_map(|item| match item {
        Item::Field {
            name: n,
            offset,
            ty,
        } => (*n == name).then_some(Found {
            offset: base + offset,
            ty,
        }),
        Item::Anon { offset, items, .. } => find_in(items, base + offset, name),
    })
}

fn ty_btf(btf: &mut BtfWriter, ty: &Ty) -> TypeId {
    match ty {
        Ty::Int { size, signed } => {
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
            btf.int(name, *size, *signed)
        }
        Ty::Ptr => btf.ptr(TypeId::VOID),
        Ty::Array { elem_size, len } => {
            let elem = ty_btf(btf, &Ty::int(*elem_size, false));
            let index = btf.int("unsigned int", 4, false);
            btf.array(elem, index, *len)
        }
        Ty::Qualified(name, ty) => {
            let inner = ty_btf(btf, ty);
            let volatile = btf.volatile(inner);
            let constant = btf.const_(volatile);
            btf.typedef(name, constant)
        }
    }
}

fn as_members(items: &[(&'static str, TypeId, u32)]) -> Vec<Member<'static>> {
    items
        .iter()
        .map(|&(name, ty, offset)| Member { name, ty, offset })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: LocalField = LocalField {
        name: "a",
        ty: LocalTy::Int {
            size: 4,
            signed: false,
        },
    };
    const D: LocalField = LocalField {
        name: "d",
        ty: LocalTy::Int {
            size: 2,
            signed: true,
        },
    };
    const C: LocalField = LocalField {
        name: "c",
        ty: LocalTy::Array {
            elem_size: 4,
            len: 4,
        },
    };
    const P: LocalField = LocalField {
        name: "p",
        ty: LocalTy::Ptr,
    };

    fn layout(items: Vec<Item>) -> Layout {
        Layout {
            name: "t",
            size: 64,
            items,
        }
    }

    #[test]
    fn values_come_from_the_target_offset_and_follow_the_declared_signedness() {
        let l = layout(vec![
            field("d", 2, Ty::int(2, false)),
            field("a", 8, Ty::int(4, true)),
        ]);
        let memory = l.memory();
        assert_eq!(&memory[..4], [0x5a, 0x5a, 0xd1, 0xd2]);
        assert_eq!(
            l.expect(&D),
            Expected::Exists {
                offset: 2,
                size: 2,
                read: Read::Value([0xd2d1_u16 as i16 as i64 as u64, 0, 0, 0]),
            }
        );
        assert_eq!(
            l.expect(&A),
            Expected::Exists {
                offset: 8,
                size: 4,
                read: Read::Value([0xa4a3_a2a1, 0, 0, 0]),
            }
        );
    }

    #[test]
    fn anonymous_members_add_their_offset_and_the_first_match_wins() {
        let l = layout(vec![
            anon_union(
                16,
                16,
                vec![anon_struct(4, 8, vec![field("a", 4, Ty::int(4, false))])],
            ),
            field("a", 0, Ty::int(4, false)),
        ]);
        assert_eq!(
            l.expect(&A),
            Expected::Exists {
                offset: 24,
                size: 4,
                read: Read::Value([0xa4a3_a2a1, 0, 0, 0]),
            }
        );
    }

    #[test]
    fn size_and_kind_mismatches() {
        let l = layout(vec![
            field("a", 0, Ty::int(8, false)),
            field("c", 8, Ty::array(4, 6)),
            field("p", 32, Ty::int(8, false)),
            field("d", 40, Ty::Ptr),
        ]);
        let mismatch = |offset, expected, actual| Expected::Exists {
            offset,
            size: actual,
            read: Read::SizeMismatch { expected, actual },
        };
        assert_eq!(l.expect(&A), mismatch(0, 4, 8));
        assert_eq!(l.expect(&C), mismatch(8, 16, 24));
        assert_eq!(l.expect(&P), Expected::Missing);
        assert_eq!(l.expect(&D), Expected::Missing);
    }

    #[test]
    fn arrays_of_narrower_elements_with_the_same_size_read_as_declared() {
        let l = layout(vec![field(
            "c",
            0,
            Ty::Qualified("u16x8", Box::new(Ty::array(2, 8))),
        )]);
        assert_eq!(
            l.expect(&C),
            Expected::Exists {
                offset: 0,
                size: 16,
                read: Read::Value([0xc4c3_c2c1, 0xc8c7_c6c5, 0xcccb_cac9, 0xc1cf_cecd]),
            }
        );
    }

    /// The BTF of a layout parses, and names the struct and its anonymous members as given.
    #[test]
    fn btf_of_a_layout_parses() {
        let l = Layout {
            name: "t___flavor",
            size: 64,
            items: vec![
                anon_union(0, 8, vec![field("a", 0, Ty::int(4, false))]),
                field("c", 8, Ty::array(4, 4)),
                field("p", 24, Ty::Ptr),
            ],
        };
        let mut btf = BtfWriter::new();
        let id = l.btf(&mut btf);
        let bytes = btf.to_bytes();
        let parsed = aya::Btf::parse(&bytes, aya::Endianness::Little).unwrap();
        assert_eq!(parsed.to_bytes(), bytes);
        // unsigned int (also the array's element and index type), anon union, array, ptr, struct.
        assert_eq!(id, TypeId(5));
    }
}
