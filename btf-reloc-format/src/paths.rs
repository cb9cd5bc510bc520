//! The inversion of the [id scheme](crate::id): which access path, type or enumerator a marker's
//! id stands for.
//!
//! Ids are hashes, so [`Index::new`] enumerates every access path of every struct record
//! (bounded in depth and number) and every type and enumerator, and remembers what each id
//! stands for; a marker then resolves by lookup. Two different targets with one id are reported
//! as [collisions](Index::collisions).

use alloc::{borrow::ToOwned, collections::BTreeMap, format, string::String, vec::Vec};

use crate::decode::{Shape, StructRecord};
use crate::id::{id_seed, id_step};
use crate::records::{Descriptors, TypeRef};
use crate::KindClass;

/// Longest enumerated path (number of indices). Deeper paths get no id, so a marker for one is
/// reported as unknown.
pub const MAX_PATH_DEPTH: usize = 8;
/// Most access paths enumerated over all records. Ids are 32-bit hashes, so far fewer paths than
/// this already make a collision likely; the bound keeps memory and time in check on hostile
/// input.
pub const MAX_PATHS: usize = 1 << 16;

/// One step of an access path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Step {
    /// Member with this declaration index of the current struct.
    Member(usize),
    /// Element 0 of the current array.
    Element,
}

/// An access path: a root struct (index into [`Descriptors::structs`]) and its steps.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FieldPath {
    /// The root struct.
    pub root: usize,
    /// The steps from it.
    pub steps: Vec<Step>,
}

impl FieldPath {
    /// The path from struct record `root` whose raw indices (as the runtime's path types and the
    /// id scheme count them) are `indices`: a member index in a struct, `0` for the element of an
    /// array. `None` when the indices do not follow the records.
    pub fn from_indices(d: &Descriptors, root: usize, indices: &[usize]) -> Option<Self> {
        let mut at = At::Struct(d.structs.get(root)?);
        let mut steps = Vec::with_capacity(indices.len());
        for &index in indices {
            at = match at {
                At::Struct(s) => {
                    steps.push(Step::Member(index));
                    self::at(d, &s.fields.get(index)?.shape)
                }
                At::Array(elem) if index == 0 => {
                    steps.push(Step::Element);
                    self::at(d, elem)
                }
                At::Array(_) | At::Leaf => return None,
            };
        }
        Some(Self { root, steps })
    }
}

/// What a marker refers to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Target {
    /// A field, by its access path.
    Field(FieldPath),
    /// A struct or enum.
    Type(TypeRef),
    /// Variant `variant` of enum record `record`.
    EnumValue {
        /// Index into [`Descriptors::enums`].
        record: usize,
        /// Variant index.
        variant: usize,
    },
}

/// Two targets that hash to one id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collision {
    /// The shared id.
    pub id: u32,
    /// The target enumerated first (the one the index keeps).
    pub first: Target,
    /// The other.
    pub second: Target,
}

/// Id → target, one map per id space.
#[derive(Debug, Default)]
pub struct Index {
    fields: BTreeMap<u32, FieldPath>,
    types: BTreeMap<u32, TypeRef>,
    enum_values: BTreeMap<u32, (usize, usize)>,
    /// Ids claimed by two different targets (the first one stays in the maps).
    pub collisions: Vec<Collision>,
    /// Whether enumeration stopped at [`MAX_PATHS`].
    pub truncated: bool,
}

impl Index {
    /// Enumerates the paths, types and enumerators of `d`.
    pub fn new(d: &Descriptors) -> Self {
        let mut index = Self::default();
        for (i, s) in d.structs.iter().enumerate() {
            index.add_type(id_seed(&s.rust_path), TypeRef::Struct(i));
        }
        for (i, e) in d.enums.iter().enumerate() {
            let seed = id_seed(&e.rust_path);
            index.add_type(seed, TypeRef::Enum(i));
            for v in 0..e.variants.len() {
                index.add_enum_value(id_step(seed, v), (i, v));
            }
        }
        for (root, s) in d.structs.iter().enumerate() {
            let mut steps = Vec::with_capacity(MAX_PATH_DEPTH);
            index.walk_struct(d, root, s, &mut steps, id_seed(&s.rust_path));
            if index.truncated {
                break;
            }
        }
        index
    }

    fn add_type(&mut self, id: u32, target: TypeRef) {
        if let Some(&first) = self.types.get(&id) {
            self.collisions.push(Collision {
                id,
                first: Target::Type(first),
                second: Target::Type(target),
            });
        } else {
            self.types.insert(id, target);
        }
    }

    fn add_enum_value(&mut self, id: u32, (record, variant): (usize, usize)) {
        if let Some(&(r, v)) = self.enum_values.get(&id) {
            self.collisions.push(Collision {
                id,
                first: Target::EnumValue {
                    record: r,
                    variant: v,
                },
                second: Target::EnumValue { record, variant },
            });
        } else {
            self.enum_values.insert(id, (record, variant));
        }
    }

    fn add_path(&mut self, root: usize, steps: &[Step], id: u32) {
        if self.fields.len() >= MAX_PATHS {
            self.truncated = true;
            return;
        }
        let path = FieldPath {
            root,
            steps: steps.to_vec(),
        };
        if let Some(first) = self.fields.get(&id) {
            self.collisions.push(Collision {
                id,
                first: Target::Field(first.clone()),
                second: Target::Field(path),
            });
        } else {
            self.fields.insert(id, path);
        }
    }

    fn walk_struct(
        &mut self,
        d: &Descriptors,
        root: usize,
        s: &StructRecord,
        steps: &mut Vec<Step>,
        hash: u32,
    ) {
        if steps.len() >= MAX_PATH_DEPTH {
            return;
        }
        for (i, field) in s.fields.iter().enumerate() {
            let id = id_step(hash, i);
            steps.push(Step::Member(i));
            self.add_path(root, steps, id);
            self.walk_shape(d, root, &field.shape, steps, id);
            steps.pop();
            if self.truncated {
                return;
            }
        }
    }

    fn walk_shape(
        &mut self,
        d: &Descriptors,
        root: usize,
        shape: &Shape,
        steps: &mut Vec<Step>,
        hash: u32,
    ) {
        if steps.len() >= MAX_PATH_DEPTH {
            return;
        }
        match shape {
            Shape::Struct { rust_path } => {
                if let Some((_, s)) = d.struct_by_path(rust_path) {
                    self.walk_struct(d, root, s, steps, hash);
                }
            }
            Shape::Array { elem, .. } => {
                let id = id_step(hash, 0);
                steps.push(Step::Element);
                self.add_path(root, steps, id);
                self.walk_shape(d, root, elem, steps, id);
                steps.pop();
            }
            Shape::Int { .. } | Shape::Ptr | Shape::PtrTo(_) | Shape::Enum { .. } => {}
        }
    }

    /// The target of a marker of `class` with `id`.
    pub fn lookup(&self, class: KindClass, id: u32) -> Option<Target> {
        match class {
            KindClass::Field => self.fields.get(&id).cloned().map(Target::Field),
            KindClass::Type => self.types.get(&id).copied().map(Target::Type),
            KindClass::EnumValue => self
                .enum_values
                .get(&id)
                .map(|&(record, variant)| Target::EnumValue { record, variant }),
        }
    }
}

/// Where a path walk is: in a struct, or at an array whose element comes next.
enum At<'a> {
    Struct(&'a StructRecord),
    Array(&'a Shape),
    Leaf,
}

fn at<'a>(d: &'a Descriptors, shape: &'a Shape) -> At<'a> {
    match shape {
        Shape::Struct { rust_path } => d
            .struct_by_path(rust_path)
            .map_or(At::Leaf, |(_, s)| At::Struct(s)),
        Shape::Array { elem, .. } => At::Array(elem),
        Shape::Int { .. } | Shape::Ptr | Shape::PtrTo(_) | Shape::Enum { .. } => At::Leaf,
    }
}

/// `task_struct.se.vruntime`, `task_struct.comm[0]`: the path with the records' kernel names.
pub fn render_path(d: &Descriptors, path: &FieldPath) -> String {
    let Some(root) = d.structs.get(path.root) else {
        return "?".to_owned();
    };
    // Relocations of a typedef'd struct are rooted at the typedef, as C code names it.
    let mut out = root.typedef.clone().unwrap_or_else(|| root.name.clone());
    let mut cur = At::Struct(root);
    for step in &path.steps {
        cur = match (cur, *step) {
            (At::Struct(s), Step::Member(i)) => match s.fields.get(i) {
                Some(field) => {
                    out.push('.');
                    out.push_str(&field.name);
                    at(d, &field.shape)
                }
                None => At::Leaf,
            },
            (At::Array(elem), Step::Element) => {
                out.push_str("[0]");
                at(d, elem)
            }
            _ => {
                out.push('?');
                At::Leaf
            }
        };
    }
    out
}

/// A human-readable name of `target`: a rendered path, `struct x` / `enum x`, or `x::VARIANT`.
pub fn render(d: &Descriptors, target: &Target) -> String {
    match target {
        Target::Field(path) => render_path(d, path),
        Target::Type(TypeRef::Struct(i)) => d.structs.get(*i).map_or_else(
            || "?".to_owned(),
            |s| match &s.typedef {
                Some(typedef) => format!("typedef {typedef}"),
                None => format!("{} {}", if s.union { "union" } else { "struct" }, s.name),
            },
        ),
        Target::Type(TypeRef::Enum(i)) => d.enums.get(*i).map_or_else(
            || "?".to_owned(),
            |e| match &e.typedef {
                Some(typedef) => format!("typedef {typedef}"),
                None => format!("enum {}", e.name),
            },
        ),
        Target::EnumValue { record, variant } => d
            .enums
            .get(*record)
            .and_then(|e| {
                let name = e.typedef.as_ref().unwrap_or(&e.name);
                Some(format!("{name}::{}", e.variants.get(*variant)?.0))
            })
            .unwrap_or_else(|| "?".to_owned()),
    }
}

/// The Rust type a target belongs to, for messages that must tell same-named kernel types apart.
pub fn rust_path<'a>(d: &'a Descriptors, target: &Target) -> &'a str {
    let path = match target {
        Target::Field(FieldPath { root, .. }) | Target::Type(TypeRef::Struct(root)) => {
            d.structs.get(*root).map(|s| s.rust_path.as_str())
        }
        Target::Type(TypeRef::Enum(i)) | Target::EnumValue { record: i, .. } => {
            d.enums.get(*i).map(|e| e.rust_path.as_str())
        }
    };
    path.unwrap_or("?")
}
