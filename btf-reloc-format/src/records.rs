//! The records of one object as a whole: duplicates merged, references between records checked,
//! embedded structs ordered before their users. Built from a decoded section
//! ([`Descriptors::new`]) or from the static descriptors of a running program
//! ([`Descriptors::from_static`], for the host simulation), so that both go through one model.

use alloc::{
    borrow::ToOwned, boxed::Box, collections::BTreeMap, format, string::String, vec, vec::Vec,
};

use crate::decode::{DecodeError, EnumRecord, Field, Record, Shape, StructRecord};
use crate::descriptor::{StructDescriptor, TypeDescriptor, TypeShape};

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
        let mut work: Vec<&'static StructDescriptor> = Vec::new();
        for root in roots {
            match root {
                TypeDescriptor::Struct(desc) => work.push(desc),
                TypeDescriptor::Enum(desc) => records.push(Record::Enum(EnumRecord {
                    offset: 0,
                    name: desc.name.to_owned(),
                    rust_path: desc.rust_path.to_owned(),
                    size: u32_of(desc.size),
                    signed: desc.signed,
                    variants: desc
                        .variants
                        .iter()
                        .map(|v| (v.name.to_owned(), v.value))
                        .collect(),
                })),
            }
        }
        while let Some(desc) = work.pop() {
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
                size: u32_of(desc.size),
                fields,
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
            Shape::Int { .. } | Shape::Ptr => return Ok(()),
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
            Shape::Ptr => Some(8),
            Shape::Array { elem, len } => self.shape_size(elem)?.checked_mul(*len),
            Shape::Struct { rust_path } => Some(self.struct_by_path(rust_path)?.1.size),
        }
    }

    /// The struct that `shape` embeds by value (directly or as array elements).
    pub fn embedded(&self, shape: &Shape) -> Option<usize> {
        match shape {
            Shape::Array { elem, .. } => self.embedded(elem),
            Shape::Struct { rust_path } => self.struct_by_path(rust_path).map(|(i, _)| i),
            Shape::Int { .. } | Shape::Ptr => None,
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

/// A static shape as a record shape; embedded structs are queued for their own records.
fn shape_of(shape: &TypeShape, work: &mut Vec<&'static StructDescriptor>) -> Shape {
    match *shape {
        TypeShape::Int { size, signed } => Shape::Int {
            size: u32_of(size),
            signed,
        },
        TypeShape::Ptr => Shape::Ptr,
        TypeShape::Array { elem, len } => Shape::Array {
            elem: Box::new(shape_of(elem, work)),
            len: u32_of(len),
        },
        TypeShape::Struct(desc) => {
            work.push(desc);
            Shape::Struct {
                rust_path: desc.rust_path.to_owned(),
            }
        }
    }
}

/// A static size as a record size (the derive's `check_layout` keeps them below `u32::MAX / 8`).
fn u32_of(v: usize) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}
