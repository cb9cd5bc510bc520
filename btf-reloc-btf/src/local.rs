//! The local types of btf-reloc's descriptor records: how a `#[derive(BtfRelocatable)]` struct
//! or `#[derive(BtfEnum)]` enum is written into the program's own BTF, and the access strings
//! of paths through those types.
//!
//! A struct becomes a `BTF_KIND_STRUCT` with its relocatable fields as members, sorted by
//! offset (the kernel rejects decreasing member offsets), so a field's BTF member index is its
//! [position](member_positions) in that order, not its declaration index. Ints are named like
//! Rust's (`u32`, `i64`), pointers point to `void`, embedded structs are their own types, and an
//! enum is a `BTF_KIND_ENUM` unless it needs 64 bits ([`is_enum64`]).

use std::collections::{BTreeSet, HashMap};

use btf_reloc_format::decode::{EnumRecord, Shape, StructRecord};
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

/// Identity of an anonymous type this module adds, so that each is added once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Key {
    Int { size: u32, signed: bool },
    Ptr,
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
    };
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
        let id = btf.add_composite(&s.name, false, s.size, &members)?;
        if let Some(slot) = out.structs.get_mut(i) {
            *slot = Some(id);
        }
    }
    for root in roots {
        let TypeRef::Enum(i) = *root else { continue };
        let (Some(e), Some(None)) = (d.enums.get(i), out.enums.get(i)) else {
            continue;
        };
        let values: Vec<(&str, i64)> = e.variants.iter().map(|(n, v)| (n.as_str(), *v)).collect();
        let id = btf.add_enum(&e.name, e.size, e.signed, is_enum64(e), &values)?;
        if let Some(slot) = out.enums.get_mut(i) {
            *slot = Some(id);
        }
    }
    Ok(out)
}

fn shape_type(
    btf: &mut Btf,
    d: &Descriptors,
    added: &LocalTypes,
    dedup: &mut HashMap<Key, TypeId>,
    shape: &Shape,
) -> Result<TypeId> {
    let key = match shape {
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
        Shape::Array { elem, len } => Key::Array {
            elem: shape_type(btf, d, added, dedup, elem)?,
            len: *len,
        },
    };
    if let Some(&id) = dedup.get(&key) {
        return Ok(id);
    }
    let id = match key {
        Key::Int { size, signed } => {
            let name = format!("{}{}", if signed { 'i' } else { 'u' }, u64::from(size) * 8);
            btf.add_int(&name, size, signed)?
        }
        Key::Ptr => btf.add_named("", Kind::Ptr(0))?,
        Key::Array { elem, len } => btf.add_array(elem, len)?,
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
