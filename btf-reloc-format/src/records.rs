//! The records of one object as a whole: duplicates merged, references between records checked,
//! embedded structs ordered before their users. Built from a decoded section
//! ([`Descriptors::new`]) or from the static descriptors of a running program
//! ([`Descriptors::from_static`], for the host simulation), so that both go through one model.

use alloc::{
    borrow::ToOwned, boxed::Box, collections::BTreeMap, format, string::String, vec, vec::Vec,
};

use crate::decode::{DecodeError, EnumRecord, Field, Pointee, Record, Shape, StructRecord};
use crate::descriptor::{
    EnumDescriptor, PointeeShape, StructDescriptor, TypeDescriptor, TypeShape,
};

/// The validated records of an object, exact duplicates removed.
#[derive(Debug, Default, Clone)]
pub struct Descriptors {
    /// The struct records, in first-seen order.
    pub structs: Vec<StructRecord>,
    /// The enum records, in first-seen order.
    pub enums: Vec<EnumRecord>,
    /// Struct index by `rust_path`.
    struct_index: BTreeMap<String, usize>,
    /// Enum index by `rust_path`.
    enum_index: BTreeMap<String, usize>,
    /// Struct indices such that every embedded struct comes before the structs embedding it.
    pub topological: Vec<usize>,
}

/// A struct or enum record, by index into [`Descriptors`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TypeRef {
    /// `structs[i]`.
    Struct(usize),
    /// `enums[i]`.
    Enum(usize),
}

impl Descriptors {
    /// Validates what spans records: one record per `rust_path` (identical copies are merged:
    /// every object file that uses a type carries its descriptor), embedded structs that exist,
    /// are structs, have the size the embedding field claims, and do not embed themselves.
    pub fn new(records: Vec<Record>) -> Result<Self, DecodeError> {
        let mut this = Self::default();
        for record in records {
            let (rust_path, offset) = match &record {
                Record::Struct(s) => (&s.rust_path, s.offset),
                Record::Enum(e) => (&e.rust_path, e.offset),
            };
            // The offset differs between copies of one record; compare the content only.
            let duplicate = match (&record, this.lookup(rust_path)) {
                (Record::Struct(s), Some(TypeRef::Struct(i))) => {
                    this.structs.get(i).is_some_and(|seen| {
                        StructRecord {
                            offset: seen.offset,
                            ..s.clone()
                        } == *seen
                    })
                }
                (Record::Enum(e), Some(TypeRef::Enum(i))) => {
                    this.enums.get(i).is_some_and(|seen| {
                        EnumRecord {
                            offset: seen.offset,
                            ..e.clone()
                        } == *seen
                    })
                }
                (_, None) => false,
                (_, Some(_)) => {
                    return Err(DecodeError {
                        offset,
                        message: format!(
                            "a struct record and an enum record both describe the Rust type \
                             `{rust_path}`"
                        ),
                    })
                }
            };
            if duplicate {
                continue;
            }
            if this.lookup(rust_path).is_some() {
                return Err(DecodeError {
                    offset,
                    message: format!(
                        "two different records describe the Rust type `{rust_path}` (objects \
                         built from different versions of one crate?)"
                    ),
                });
            }
            match record {
                Record::Struct(s) => {
                    this.struct_index
                        .insert(s.rust_path.clone(), this.structs.len());
                    this.structs.push(s);
                }
                Record::Enum(e) => {
                    this.enum_index
                        .insert(e.rust_path.clone(), this.enums.len());
                    this.enums.push(e);
                }
            }
        }
        for s in &this.structs {
            for field in &s.fields {
                this.check_embedded(s, field, &field.shape)?;
                // `shape_size` only reads an embedded record's declared size, so a cycle
                // (reported by the ordering below) cannot make it loop.
                match this.shape_size(&field.shape) {
                    Some(size) if size == field.size => {}
                    other => {
                        return Err(DecodeError {
                            offset: s.offset,
                            message: format!(
                                "field `{}.{}` has size {} but its type shape has size {}",
                                s.name,
                                field.name,
                                field.size,
                                other.map_or_else(
                                    || "overflowing u32".to_owned(),
                                    |s| format!("{s}")
                                )
                            ),
                        })
                    }
                }
            }
        }
        this.topological = this.order()?;
        Ok(this)
    }

    /// The records of `roots` and of every struct they embed, from a program's static
    /// descriptors (the host simulation's view of what `btf-reloc link` would decode).
    pub fn from_static(roots: &[TypeDescriptor]) -> Result<Self, DecodeError> {
        let mut records = Vec::new();
        let mut seen = Vec::new();
        // The typedef names of the roots, whichever way a record is reached.
        let typedefs: BTreeMap<&str, &str> = roots
            .iter()
            .filter_map(|root| Some((root.rust_path(), root.typedef()?)))
            .collect();
        let typedef_of = |rust_path: &str| typedefs.get(rust_path).map(|&name| name.to_owned());
        let mut work = Work::default();
        for root in roots {
            match *root.base() {
                TypeDescriptor::Struct(desc) => work.composites.push((desc, false)),
                TypeDescriptor::Union(desc) => work.composites.push((desc, true)),
                // `base` strips every typedef.
                TypeDescriptor::Typedef { .. } => {}
                TypeDescriptor::Enum(desc) => work.enums.push(desc),
            }
        }
        while let Some((desc, union)) = work.composites.pop() {
            if seen.contains(&desc.rust_path) {
                continue;
            }
            seen.push(desc.rust_path);
            let fields = desc
                .fields
                .iter()
                .map(|f| Field {
                    name: f.name.to_owned(),
                    offset: u32_of(f.offset),
                    size: u32_of(f.size),
                    shape: shape_of(&f.shape, &mut work),
                })
                .collect();
            records.push(Record::Struct(StructRecord {
                offset: 0,
                name: desc.name.to_owned(),
                rust_path: desc.rust_path.to_owned(),
                union,
                typedef: typedef_of(desc.rust_path),
                size: u32_of(desc.size),
                fields,
            }));
        }
        for desc in work.enums {
            if seen.contains(&desc.rust_path) {
                continue;
            }
            seen.push(desc.rust_path);
            records.push(Record::Enum(EnumRecord {
                offset: 0,
                name: desc.name.to_owned(),
                rust_path: desc.rust_path.to_owned(),
                typedef: typedef_of(desc.rust_path),
                size: u32_of(desc.size),
                signed: desc.signed,
                variants: desc
                    .variants
                    .iter()
                    .map(|v| (v.name.to_owned(), v.value))
                    .collect(),
            }));
        }
        Self::new(records)
    }

    fn lookup(&self, rust_path: &str) -> Option<TypeRef> {
        self.struct_index
            .get(rust_path)
            .map(|&i| TypeRef::Struct(i))
            .or_else(|| self.enum_index.get(rust_path).map(|&i| TypeRef::Enum(i)))
    }

    fn check_embedded(
        &self,
        s: &StructRecord,
        field: &Field,
        shape: &Shape,
    ) -> Result<(), DecodeError> {
        let rust_path = match shape {
            Shape::Array { elem, .. } => return self.check_embedded(s, field, elem),
            Shape::Struct { rust_path } => rust_path,
            Shape::Enum { rust_path } => {
                let what = match self.lookup(rust_path) {
                    Some(TypeRef::Enum(_)) => return Ok(()),
                    Some(TypeRef::Struct(_)) => "is a struct record, not an enum record",
                    None => "has no enum record in the object",
                };
                return Err(DecodeError {
                    offset: s.offset,
                    message: format!(
                        "field `{}.{}` of `{}` has the type of enum `{rust_path}`, which {what}",
                        s.name, field.name, s.rust_path
                    ),
                });
            }
            Shape::Int { .. } | Shape::Ptr | Shape::PtrTo(_) => return Ok(()),
        };
        let what = match self.lookup(rust_path) {
            Some(TypeRef::Struct(_)) => return Ok(()),
            Some(TypeRef::Enum(_)) => "is an enum record, not a struct record",
            None => "has no struct record in the object",
        };
        Err(DecodeError {
            offset: s.offset,
            message: format!(
                "field `{}.{}` of `{}` embeds struct `{rust_path}`, which {what}",
                s.name, field.name, s.rust_path
            ),
        })
    }

    /// The struct record with `rust_path`.
    pub fn struct_by_path(&self, rust_path: &str) -> Option<(usize, &StructRecord)> {
        let index = *self.struct_index.get(rust_path)?;
        Some((index, self.structs.get(index)?))
    }

    /// The enum record with `rust_path`.
    pub fn enum_by_path(&self, rust_path: &str) -> Option<(usize, &EnumRecord)> {
        let index = *self.enum_index.get(rust_path)?;
        Some((index, self.enums.get(index)?))
    }

    /// The size of `shape` (pointers are 8 bytes on BPF); `None` for an unknown embedded struct
    /// or an overflow.
    pub fn shape_size(&self, shape: &Shape) -> Option<u32> {
        match shape {
            Shape::Int { size, .. } => Some(*size),
            Shape::Ptr | Shape::PtrTo(_) => Some(8),
            Shape::Array { elem, len } => self.shape_size(elem)?.checked_mul(*len),
            Shape::Struct { rust_path } => Some(self.struct_by_path(rust_path)?.1.size),
            Shape::Enum { rust_path } => Some(self.enum_by_path(rust_path)?.1.size),
        }
    }

    /// The struct that `shape` embeds by value (directly or as array elements).
    pub fn embedded(&self, shape: &Shape) -> Option<usize> {
        match shape {
            Shape::Array { elem, .. } => self.embedded(elem),
            Shape::Struct { rust_path } => self.struct_by_path(rust_path).map(|(i, _)| i),
            Shape::Int { .. } | Shape::Ptr | Shape::PtrTo(_) | Shape::Enum { .. } => None,
        }
    }

    /// Embedded structs first (a post-order depth-first walk, iterative so that a long chain
    /// of records cannot exhaust the stack); a struct that embeds itself is an error.
    fn order(&self) -> Result<Vec<usize>, DecodeError> {
        #[derive(Clone, Copy, PartialEq)]
        enum State {
            New,
            Open,
            Done,
        }
        let mut state = vec![State::New; self.structs.len()];
        let mut out = Vec::with_capacity(self.structs.len());
        for root in 0..self.structs.len() {
            if state.get(root) != Some(&State::New) {
                continue;
            }
            // (struct, next field to look at)
            let mut stack = vec![(root, 0usize)];
            if let Some(s) = state.get_mut(root) {
                *s = State::Open;
            }
            while let Some((current, next)) = stack.last_mut() {
                let record = self.structs.get(*current);
                let Some(field) = record.and_then(|r| r.fields.get(*next)) else {
                    if let Some(s) = state.get_mut(*current) {
                        *s = State::Done;
                    }
                    out.push(*current);
                    stack.pop();
                    continue;
                };
                *next += 1;
                let Some(child) = self.embedded(&field.shape) else {
                    continue;
                };
                match state.get(child) {
                    Some(State::New) => {
                        if let Some(s) = state.get_mut(child) {
                            *s = State::Open;
                        }
                        stack.push((child, 0));
                    }
                    Some(State::Open) => {
                        let (name, path) =
                            record.map_or(("?", "?"), |r| (r.name.as_str(), r.rust_path.as_str()));
                        let child_path = self
                            .structs
                            .get(child)
                            .map_or("?", |c| c.rust_path.as_str());
                        return Err(DecodeError {
                            offset: record.map_or(0, |r| r.offset),
                            message: format!(
                                "field `{name}.{}` of `{path}` embeds `{child_path}`, which \
                                 (directly or through other structs) embeds `{path}` itself",
                                field.name
                            ),
                        });
                    }
                    _ => {}
                }
            }
        }
        Ok(out)
    }
}

/// The descriptors [`Descriptors::from_static`] still has to turn into records.
#[derive(Default)]
struct Work {
    /// Structs and unions (`true`).
    composites: Vec<(&'static StructDescriptor, bool)>,
    enums: Vec<&'static EnumDescriptor>,
}

/// A static shape as a record shape; embedded structs and unions, and enums, are queued for
/// their own records.
fn shape_of(shape: &TypeShape, work: &mut Work) -> Shape {
    match *shape {
        TypeShape::Int { size, signed } => Shape::Int {
            size: u32_of(size),
            signed,
        },
        TypeShape::Ptr => Shape::Ptr,
        TypeShape::PtrTo(pointee) => Shape::PtrTo(pointee_of(pointee)),
        TypeShape::Array { elem, len } => Shape::Array {
            elem: Box::new(shape_of(elem, work)),
            len: u32_of(len),
        },
        TypeShape::Struct(desc) | TypeShape::Union(desc) => {
            work.composites
                .push((desc, matches!(shape, TypeShape::Union(_))));
            Shape::Struct {
                rust_path: desc.rust_path.to_owned(),
            }
        }
        TypeShape::Enum(desc) => {
            work.enums.push(desc);
            Shape::Enum {
                rust_path: desc.rust_path.to_owned(),
            }
        }
    }
}

/// A static pointee as a record pointee.
fn pointee_of(pointee: &PointeeShape) -> Pointee {
    match *pointee {
        PointeeShape::Int { size, signed } => Pointee::Int {
            size: u32_of(size),
            signed,
        },
        PointeeShape::Named { union, name } => Pointee::Composite {
            union,
            name: name.to_owned(),
        },
        PointeeShape::Ptr(inner) => Pointee::Ptr(inner.map(|p| Box::new(pointee_of(p)))),
    }
}

/// A static size as a record size (the derive's `check_layout` keeps them below `u32::MAX / 8`).
fn u32_of(v: usize) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use alloc::vec::Vec;

    use super::{Descriptors, Pointee, Shape};
    use crate::decode::{decode, Record};
    use crate::descriptor::{
        FieldDescriptor, PointeeShape, StructDescriptor, TypeDescriptor, TypeShape,
    };
    use crate::encode::{encode, encode_union, encoded_len};
    use crate::paths::{render, Target};
    use crate::records::TypeRef;

    const U32: TypeShape = TypeShape::Int {
        size: 4,
        signed: false,
    };
    const PAIR: StructDescriptor = StructDescriptor {
        name: "pair",
        rust_path: "t::pair",
        size: 8,
        fields: &[
            FieldDescriptor {
                name: "a",
                offset: 0,
                size: 4,
                shape: U32,
            },
            FieldDescriptor {
                name: "b",
                offset: 4,
                size: 4,
                shape: U32,
            },
        ],
    };
    /// `union value { u32 word; struct pair pair; struct node___v2 *next; u32 **pp; }`.
    const VALUE: StructDescriptor = StructDescriptor {
        name: "value",
        rust_path: "t::value",
        size: 8,
        fields: &[
            FieldDescriptor {
                name: "word",
                offset: 0,
                size: 4,
                shape: U32,
            },
            FieldDescriptor {
                name: "pair",
                offset: 0,
                size: 8,
                shape: TypeShape::Struct(&PAIR),
            },
            FieldDescriptor {
                name: "next",
                offset: 0,
                size: 8,
                shape: TypeShape::PtrTo(&PointeeShape::Named {
                    union: false,
                    name: "node___v2",
                }),
            },
            FieldDescriptor {
                name: "pp",
                offset: 0,
                size: 8,
                shape: TypeShape::PtrTo(&PointeeShape::Ptr(Some(&PointeeShape::Int {
                    size: 4,
                    signed: false,
                }))),
            },
        ],
    };
    static VALUE_ENCODED: [u8; encoded_len(&VALUE)] = encode_union(&VALUE);
    static PAIR_ENCODED: [u8; encoded_len(&PAIR)] = encode(&PAIR);

    #[test]
    fn unions_and_typed_pointers_decode_as_the_static_descriptors_read() {
        let mut section = VALUE_ENCODED.to_vec();
        section.extend_from_slice(&[0; 3]);
        section.extend_from_slice(&PAIR_ENCODED);
        let decoded = decode(&section).expect("decodes");
        let from_object = Descriptors::new(decoded.clone()).expect("valid");
        let from_static =
            Descriptors::from_static(&[TypeDescriptor::Union(&VALUE)]).expect("valid");
        for d in [&from_object, &from_static] {
            let (i, value) = d.struct_by_path("t::value").expect("the union");
            assert!(value.union);
            assert!(!d.struct_by_path("t::pair").expect("embedded").1.union);
            // The pointee is known by name only: no record of it.
            assert_eq!(d.structs.len(), 2);
            let shapes: Vec<&Shape> = value.fields.iter().map(|f| &f.shape).collect();
            assert_eq!(
                shapes[2],
                &Shape::PtrTo(Pointee::Composite {
                    union: false,
                    name: "node___v2".into()
                })
            );
            assert_eq!(
                shapes[3],
                &Shape::PtrTo(Pointee::Ptr(Some(
                    Pointee::Int {
                        size: 4,
                        signed: false
                    }
                    .into()
                )))
            );
            assert_eq!(d.shape_size(shapes[2]), Some(8));
            assert_eq!(render(d, &Target::Type(TypeRef::Struct(i))), "union value");
        }
        assert!(
            matches!(&decoded[..], [Record::Struct(v), Record::Struct(p)]
            if v.union && !p.union)
        );
    }

    #[test]
    fn a_union_member_off_zero_is_refused() {
        const BAD: StructDescriptor = StructDescriptor {
            name: "bad",
            rust_path: "t::bad",
            size: 8,
            fields: &[FieldDescriptor {
                name: "x",
                offset: 4,
                size: 4,
                shape: U32,
            }],
        };
        static BAD_ENCODED: [u8; encoded_len(&BAD)] = encode_union(&BAD);
        static BAD_AS_STRUCT: [u8; encoded_len(&BAD)] = encode(&BAD);
        let error = decode(&BAD_ENCODED).err().map(|e| e.message);
        assert!(
            error
                .as_deref()
                .is_some_and(|m| m.contains("of a union is at offset 4")),
            "{error:?}"
        );
        assert!(decode(&BAD_AS_STRUCT).is_ok());
    }

    #[test]
    fn typedef_names_travel_with_their_records() {
        use crate::descriptor::{EnumDescriptor, VariantDescriptor};
        use crate::encode::{encode_type, encoded_type_len};

        const KUID: StructDescriptor = StructDescriptor {
            name: "",
            rust_path: "t::Kuid",
            size: 4,
            fields: &[FieldDescriptor {
                name: "val",
                offset: 0,
                size: 4,
                shape: U32,
            }],
        };
        const KUID_T: TypeDescriptor = TypeDescriptor::Typedef {
            name: "kuid_t",
            of: &TypeDescriptor::Struct(&KUID),
        };
        const ANON: EnumDescriptor = EnumDescriptor {
            name: "",
            rust_path: "t::AnonEnum",
            size: 4,
            signed: false,
            variants: &[VariantDescriptor {
                name: "ANON_ENUM_VAL1",
                value: 0x10,
            }],
        };
        const ANON_ENUM: TypeDescriptor = TypeDescriptor::Typedef {
            name: "anon_enum",
            of: &TypeDescriptor::Enum(&ANON),
        };
        static KUID_BYTES: [u8; encoded_type_len(&KUID_T)] = encode_type(&KUID_T);
        static ANON_BYTES: [u8; encoded_type_len(&ANON_ENUM)] = encode_type(&ANON_ENUM);
        let section = [&KUID_BYTES[..], &ANON_BYTES].concat();
        let decoded = Descriptors::new(decode(&section).expect("decodes")).expect("valid");
        let from_static = Descriptors::from_static(&[KUID_T, ANON_ENUM]).expect("valid");
        for d in [&decoded, &from_static] {
            let (i, kuid) = d.struct_by_path("t::Kuid").expect("struct");
            assert_eq!(
                (kuid.name.as_str(), kuid.typedef.as_deref()),
                ("", Some("kuid_t"))
            );
            let (e, anon) = d.enum_by_path("t::AnonEnum").expect("enum");
            assert_eq!(
                (anon.name.as_str(), anon.typedef.as_deref()),
                ("", Some("anon_enum"))
            );
            assert_eq!(
                render(d, &Target::Type(TypeRef::Struct(i))),
                "typedef kuid_t"
            );
            assert_eq!(
                render(
                    d,
                    &Target::EnumValue {
                        record: e,
                        variant: 0
                    }
                ),
                "anon_enum::ANON_ENUM_VAL1"
            );
        }
        // An anonymous type without a typedef name is refused: libbpf cannot relocate it.
        static PLAIN: [u8; encoded_type_len(&TypeDescriptor::Struct(&KUID))] =
            encode_type(&TypeDescriptor::Struct(&KUID));
        let error = decode(&PLAIN).err().map(|e| e.message);
        assert!(
            error
                .as_deref()
                .is_some_and(|m| m.contains("struct name \"\" is not a C identifier")),
            "{error:?}"
        );
    }
}
