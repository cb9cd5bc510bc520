//! The local types of btf-reloc's descriptor records: how a `#[derive(BtfRelocatable)]` struct
//! or `#[derive(BtfEnum)]` enum is written into the program's own BTF, and the access strings
//! of paths through those types.
//!
//! A struct becomes a `BTF_KIND_STRUCT` (a union a `BTF_KIND_UNION`) with its relocatable fields
//! as members, sorted by offset (the kernel rejects decreasing member offsets), so a field's BTF
//! member index is its [position](member_positions) in that order, not its declaration index.
//! Embedded structs and unions are their own types, and an enum is a `BTF_KIND_ENUM` unless it
//! needs 64 bits ([`is_enum64`]).
//!
//! A record the kernel knows by a typedef name (`#[btf(typedef = "kuid_t")]`) also gets a
//! `BTF_KIND_TYPEDEF` of that name over its type, which is the root of its relocations
//! ([`LocalTypes::root`]), as it is in clang's objects; the type under it may be anonymous.
//!
//! Names matter to one relocation only, `TYPE_MATCHES`, which compares the names of member types
//! at every level (after typedefs) as well as their sizes: ints carry the C names the kernel's
//! BTF gives ints of their size and signedness ([`int_name`]), and a typed pointer
//! (`KernelPtr<T>`) points to its pointee (a struct or union as a forward declaration of its
//! name, which libbpf matches with the target's struct or union of that name behind a pointer);
//! a raw pointer points to `void`. The other relocations look at kinds and sizes, not at these
//! names.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use btf_reloc_format::decode::{EnumRecord, Pointee, Shape, StructRecord};
use btf_reloc_format::paths::{FieldPath, Step};
use btf_reloc_format::records::{Descriptors, TypeRef};

use crate::error::{Error, Result};
use crate::types::{Kind, TypeId};
use crate::{Btf, NewMember};

/// The BTF type ids of the local types that were added, by record.
#[derive(Debug, Clone, Default)]
pub struct LocalTypes {
    structs: Vec<Option<TypeId>>,
    enums: Vec<Option<TypeId>>,
    /// The `BTF_KIND_TYPEDEF` of a record with a typedef name, by record.
    typedefs: BTreeMap<TypeRef, TypeId>,
}

impl LocalTypes {
    /// The id of the local type of `record`, if it was added.
    pub fn id(&self, record: TypeRef) -> Option<TypeId> {
        match record {
            TypeRef::Struct(i) => self.structs.get(i),
            TypeRef::Enum(i) => self.enums.get(i),
        }
        .copied()
        .flatten()
    }

    /// The root of `record`'s relocations: its typedef when the kernel knows it by one (a
    /// `#[btf(typedef)]` type), else its own type.
    pub fn root(&self, record: TypeRef) -> Option<TypeId> {
        self.typedefs
            .get(&record)
            .copied()
            .or_else(|| self.id(record))
    }

    /// Number of struct types added.
    pub fn structs(&self) -> usize {
        self.structs.iter().flatten().count()
    }

    /// Number of enum types added.
    pub fn enums(&self) -> usize {
        self.enums.iter().flatten().count()
    }
}

/// Whether the local type of `record` is a `BTF_KIND_ENUM64` (8 bytes, or a value beyond 32
/// bits) rather than a `BTF_KIND_ENUM`.
pub fn is_enum64(record: &EnumRecord) -> bool {
    record.size == 8
        || record
            .variants
            .iter()
            .any(|&(_, v)| !btf_reloc_format::decode::fits(v, 4, record.signed))
}

/// For each field of `s` (by declaration index), its BTF member index: fields sorted by offset,
/// ties in declaration order.
pub fn member_positions(s: &StructRecord) -> Vec<u32> {
    let mut order: Vec<usize> = (0..s.fields.len()).collect();
    order.sort_by_key(|&i| s.fields.get(i).map(|f| f.offset));
    let mut positions = vec![0; s.fields.len()];
    for (position, &index) in order.iter().enumerate() {
        if let Some(slot) = positions.get_mut(index) {
            *slot = position as u32;
        }
    }
    positions
}

/// The access string of `path` through the local types: `0`, then each member's BTF position
/// and `0` for an array element.
pub fn access_string(d: &Descriptors, path: &FieldPath) -> Result<String> {
    let bad = || Error::new("the access path does not follow the descriptor records");
    let mut s = d.structs.get(path.root).ok_or_else(bad)?;
    let mut shape: Option<&Shape> = None;
    let mut out = String::from("0");
    for step in &path.steps {
        match (step, shape) {
            (Step::Member(i), None) => {
                let field = s.fields.get(*i).ok_or_else(bad)?;
                let position = member_positions(s).get(*i).copied().ok_or_else(bad)?;
                out.push_str(&format!(":{position}"));
                shape = Some(&field.shape);
            }
            (Step::Element, Some(Shape::Array { elem, .. })) => {
                out.push_str(":0");
                shape = Some(elem);
            }
            _ => return Err(bad()),
        }
        // Into an embedded struct: the next step is one of its members.
        if let Some(Shape::Struct { rust_path }) = shape {
            s = d.struct_by_path(rust_path).ok_or_else(bad)?.1;
            shape = None;
        }
    }
    Ok(out)
}

/// The C name of the local int of `size` bytes: the name the kernel's BTF (pahole from gcc's
/// DWARF) gives most members of that size and signedness, so that `TYPE_MATCHES`, which compares
/// int names, matches them: `unsigned char`/`signed char`, `short unsigned int`/`short int`,
/// `unsigned int`/`int`, `long long unsigned int`/`long long int` (`u64`, `__u64`, more common
/// in kernel members than `long unsigned int`), `__int128 unsigned`/`__int128`. Rust's `u8` for
/// a C `char` (a BTF int named `char`) does not match under `TYPE_MATCHES`; nothing else looks
/// at the name.
pub fn int_name(size: u32, signed: bool) -> String {
    let name = match (size, signed) {
        (1, false) => "unsigned char",
        (1, true) => "signed char",
        (2, false) => "short unsigned int",
        (2, true) => "short int",
        (4, false) => "unsigned int",
        (4, true) => "int",
        (8, false) => "long long unsigned int",
        (8, true) => "long long int",
        (16, false) => "__int128 unsigned",
        (16, true) => "__int128",
        (size, signed) => {
            return format!("{}{}", if signed { 'i' } else { 'u' }, u64::from(size) * 8)
        }
    };
    name.to_owned()
}

/// Identity of a type this module adds for member types, so that each is added once.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Int { size: u32, signed: bool },
    Ptr,
    PtrTo(TypeId),
    Fwd { union: bool, name: String },
    Array { elem: TypeId, len: u32 },
}

/// Adds to `btf` the local types of `roots`: each struct with all its fields and, first, the
/// structs it embeds (a member's type must be the embedded struct's full type, or libbpf could
/// not walk a path through it); each enum.
pub fn add_local_types(btf: &mut Btf, d: &Descriptors, roots: &[TypeRef]) -> Result<LocalTypes> {
    let mut needed = BTreeSet::new();
    let mut work: Vec<usize> = roots
        .iter()
        .filter_map(|r| match r {
            TypeRef::Struct(i) => Some(*i),
            TypeRef::Enum(_) => None,
        })
        .collect();
    while let Some(i) = work.pop() {
        if !needed.insert(i) {
            continue;
        }
        if let Some(s) = d.structs.get(i) {
            work.extend(s.fields.iter().filter_map(|f| d.embedded(&f.shape)));
        }
    }
    let mut out = LocalTypes {
        structs: vec![None; d.structs.len()],
        enums: vec![None; d.enums.len()],
        typedefs: BTreeMap::new(),
    };
    // Enums first: the root enums, and those of enum-typed fields (member types).
    let mut enums: BTreeSet<usize> = roots
        .iter()
        .filter_map(|r| match r {
            TypeRef::Enum(i) => Some(*i),
            TypeRef::Struct(_) => None,
        })
        .collect();
    for s in needed.iter().filter_map(|&i| d.structs.get(i)) {
        enums.extend(s.fields.iter().filter_map(|f| enum_of(d, &f.shape)));
    }
    for i in enums {
        let Some(e) = d.enums.get(i) else { continue };
        let values: Vec<(&str, i64)> = e.variants.iter().map(|(n, v)| (n.as_str(), *v)).collect();
        let id = btf.add_enum(&e.name, e.size, e.signed, is_enum64(e), &values)?;
        if let Some(slot) = out.enums.get_mut(i) {
            *slot = Some(id);
        }
        if let Some(typedef) = &e.typedef {
            let typedef = btf.add_named(typedef, Kind::Typedef(id))?;
            out.typedefs.insert(TypeRef::Enum(i), typedef);
        }
    }
    let mut dedup = HashMap::new();
    for &i in d.topological.iter().filter(|i| needed.contains(i)) {
        let Some(s) = d.structs.get(i) else { continue };
        let positions = member_positions(s);
        let mut members = vec![None; s.fields.len()];
        for (field, &position) in s.fields.iter().zip(&positions) {
            if field.offset > u32::MAX / 8 {
                return Err(Error::new(format!(
                    "field `{}.{}` at byte {} lies beyond what BTF's 32-bit bit offsets reach",
                    s.name, field.name, field.offset
                )));
            }
            let ty = shape_type(btf, d, &out, &mut dedup, &field.shape)?;
            if let Some(slot) = members.get_mut(position as usize) {
                *slot = Some(NewMember::new(&field.name, ty, field.offset));
            }
        }
        let members: Vec<NewMember<'_>> = members.into_iter().flatten().collect();
        let id = btf.add_composite(&s.name, s.union, s.size, &members)?;
        if let Some(slot) = out.structs.get_mut(i) {
            *slot = Some(id);
        }
        if let Some(typedef) = &s.typedef {
            let typedef = btf.add_named(typedef, Kind::Typedef(id))?;
            out.typedefs.insert(TypeRef::Struct(i), typedef);
        }
    }
    Ok(out)
}

/// The enum record a field of `shape` holds values of (directly or as array elements).
fn enum_of(d: &Descriptors, shape: &Shape) -> Option<usize> {
    match shape {
        Shape::Array { elem, .. } => enum_of(d, elem),
        Shape::Enum { rust_path } => d.enum_by_path(rust_path).map(|(i, _)| i),
        Shape::Int { .. } | Shape::Ptr | Shape::PtrTo(_) | Shape::Struct { .. } => None,
    }
}

fn shape_type(
    btf: &mut Btf,
    d: &Descriptors,
    added: &LocalTypes,
    dedup: &mut HashMap<Key, TypeId>,
    shape: &Shape,
) -> Result<TypeId> {
    let key = match shape {
        Shape::Enum { rust_path } => {
            let (i, _) = d
                .enum_by_path(rust_path)
                .ok_or_else(|| Error::new(format!("no enum record `{rust_path}`")))?;
            return added
                .id(TypeRef::Enum(i))
                .ok_or_else(|| Error::new(format!("enum `{rust_path}` not added first")));
        }
        Shape::Struct { rust_path } => {
            let (i, _) = d
                .struct_by_path(rust_path)
                .ok_or_else(|| Error::new(format!("no struct record `{rust_path}`")))?;
            return added.id(TypeRef::Struct(i)).ok_or_else(|| {
                Error::new(format!("embedded struct `{rust_path}` not added first"))
            });
        }
        Shape::Int { size, signed } => Key::Int {
            size: *size,
            signed: *signed,
        },
        Shape::Ptr => Key::Ptr,
        Shape::PtrTo(pointee) => Key::PtrTo(pointee_type(btf, dedup, pointee)?),
        Shape::Array { elem, len } => Key::Array {
            elem: shape_type(btf, d, added, dedup, elem)?,
            len: *len,
        },
    };
    add_keyed(btf, dedup, key)
}

/// The type a typed pointer points to: an int, a forward declaration of a struct or union, or a
/// pointer.
fn pointee_type(
    btf: &mut Btf,
    dedup: &mut HashMap<Key, TypeId>,
    pointee: &Pointee,
) -> Result<TypeId> {
    let key = match pointee {
        Pointee::Int { size, signed } => Key::Int {
            size: *size,
            signed: *signed,
        },
        Pointee::Composite { union, name } => Key::Fwd {
            union: *union,
            name: name.clone(),
        },
        Pointee::Ptr(None) => Key::Ptr,
        Pointee::Ptr(Some(inner)) => Key::PtrTo(pointee_type(btf, dedup, inner)?),
    };
    add_keyed(btf, dedup, key)
}

fn add_keyed(btf: &mut Btf, dedup: &mut HashMap<Key, TypeId>, key: Key) -> Result<TypeId> {
    if let Some(&id) = dedup.get(&key) {
        return Ok(id);
    }
    let id = match &key {
        Key::Int { size, signed } => btf.add_int(&int_name(*size, *signed), *size, *signed)?,
        Key::Ptr => btf.add_named("", Kind::Ptr(0))?,
        Key::PtrTo(pointee) => btf.add_named("", Kind::Ptr(*pointee))?,
        Key::Fwd { union, name } => btf.add_named(name, Kind::Fwd { union: *union })?,
        Key::Array { elem, len } => btf.add_array(*elem, *len)?,
    };
    dedup.insert(key, id);
    Ok(id)
}

#[cfg(test)]
mod tests {
    use btf_reloc_format::descriptor::{
        EnumDescriptor, FieldDescriptor, StructDescriptor, TypeDescriptor, TypeShape,
        VariantDescriptor,
    };

    use super::*;
    use crate::core::{local_value, Relocation};
    use btf_reloc_format::RelocKind;

    const U64: TypeShape = TypeShape::Int {
        size: 8,
        signed: false,
    };
    const INNER: StructDescriptor = StructDescriptor {
        name: "inner",
        rust_path: "t::inner",
        size: 16,
        fields: &[
            FieldDescriptor {
                name: "y",
                offset: 8,
                size: 8,
                shape: U64,
            },
            FieldDescriptor {
                name: "x",
                offset: 0,
                size: 8,
                shape: U64,
            },
        ],
    };
    const OUTER: StructDescriptor = StructDescriptor {
        name: "outer___v1",
        rust_path: "t::outer",
        size: 48,
        fields: &[
            FieldDescriptor {
                name: "arr",
                offset: 16,
                size: 32,
                shape: TypeShape::Array {
                    elem: &TypeShape::Struct(&INNER),
                    len: 2,
                },
            },
            FieldDescriptor {
                name: "p",
                offset: 0,
                size: 8,
                shape: TypeShape::Ptr,
            },
        ],
    };
    const WIDE: EnumDescriptor = EnumDescriptor {
        name: "wide",
        rust_path: "t::Wide",
        size: 8,
        signed: true,
        variants: &[VariantDescriptor {
            name: "A",
            value: -5,
        }],
    };

    #[test]
    fn members_in_offset_order_and_access_strings_by_position() {
        let d = Descriptors::from_static(&[
            TypeDescriptor::Struct(&OUTER),
            TypeDescriptor::Enum(&WIDE),
        ])
        .unwrap();
        let (outer, record) = d.struct_by_path("t::outer").unwrap();
        assert_eq!(member_positions(record), [1, 0]);
        let path = FieldPath::from_indices(&d, outer, &[0, 0, 1]).unwrap();
        assert_eq!(access_string(&d, &path).unwrap(), "0:1:0:0");
        let (wide, _) = d.enum_by_path("t::Wide").unwrap();
        assert!(is_enum64(&d.enums[wide]));

        let mut btf = Btf::new();
        let types =
            add_local_types(&mut btf, &d, &[TypeRef::Struct(outer), TypeRef::Enum(wide)]).unwrap();
        assert_eq!((types.structs(), types.enums()), (2, 1));
        let root = types.id(TypeRef::Struct(outer)).unwrap();
        assert_eq!(btf.name_of(root), "outer___v1");
        // `arr[0].x`: 16 + 0 bytes; the local value libbpf will check.
        let relo = Relocation {
            kind: RelocKind::FieldByteOffset,
            type_id: root,
            access: "0:1:0:0",
        };
        assert_eq!(local_value(&btf, &relo).map(|(_, v, _)| v), Ok(16));
        let relo = Relocation {
            kind: RelocKind::EnumvalValue,
            type_id: types.id(TypeRef::Enum(wide)).unwrap(),
            access: "0",
        };
        assert_eq!(
            local_value(&btf, &relo).map(|(_, v, _)| v),
            Ok(-5i64 as u64)
        );
        assert!(matches!(
            btf.ty(root).map(|t| &t.kind),
            Some(Kind::Struct(_))
        ));
    }
}
