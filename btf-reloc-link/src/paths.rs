//! What a marker means: this module owns the mapping from marker ids back to access paths, types
//! and enum values, and the local value libbpf expects in each marker.
//!
//! The runtime hashes, at compile time, an *access path* (a root struct's `rust_path`, then the
//! member indices through embedded structs and `0` for "element 0" of an array) into the 32-bit
//! id of a field marker; a type marker carries `id_seed(rust_path)` and an enum value marker
//! `id_step(id_seed(rust_path), variant)` (see `btf_reloc_runtime::descriptor`). The hash cannot
//! be inverted, so [`Index::new`] enumerates every path of every struct record (bounded in depth
//! and number) and remembers which path each id stands for; a marker then resolves to a
//! [`Target`] by lookup.
//!
//! The local values follow libbpf's `relo_core.c` for the local BTF this crate writes (members
//! are never bitfields, the target is little-endian), because libbpf refuses a relocation whose
//! instruction does not hold exactly the value it computes from the local type.

use std::collections::HashMap;

use btf_reloc_runtime::descriptor::{id_seed, id_step, relo_kind};

use crate::descriptors::{Descriptors, Shape, StructRecord};

/// Longest enumerated path (number of indices). Deeper paths get no id, so a marker for one is
/// reported as unknown.
pub(crate) const MAX_PATH_DEPTH: usize = 8;
/// Most access paths enumerated over all records. Ids are 32-bit hashes, so far fewer paths
/// than this already make a collision likely; the bound keeps memory and time in check on
/// hostile input.
pub(crate) const MAX_PATHS: usize = 1 << 16;

/// One step of an access path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Step {
    /// Member with this declaration index of the current struct.
    Member(usize),
    /// Element 0 of the current array.
    Element,
}

/// An access path: a root struct (index into [`Descriptors::structs`]) and its steps.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct FieldPath {
    pub(crate) root: usize,
    pub(crate) steps: Vec<Step>,
}

/// A struct or enum record, for the type kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum TypeRef {
    Struct(usize),
    Enum(usize),
}

/// What a marker refers to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Target {
    Field(FieldPath),
    Type(TypeRef),
    EnumValue { record: usize, variant: usize },
}

/// Which id space a relocation kind looks its id up in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KindClass {
    Field,
    Type,
    EnumValue,
}

/// The class of relocation kind `kind`, or `None` for a kind this crate does not emit.
pub(crate) fn kind_class(kind: u32) -> Option<KindClass> {
    match kind {
        relo_kind::FIELD_BYTE_OFFSET
        | relo_kind::FIELD_BYTE_SIZE
        | relo_kind::FIELD_EXISTS
        | relo_kind::FIELD_SIGNED
        | relo_kind::FIELD_LSHIFT_U64
        | relo_kind::FIELD_RSHIFT_U64 => Some(KindClass::Field),
        relo_kind::TYPE_EXISTS | relo_kind::TYPE_SIZE => Some(KindClass::Type),
        relo_kind::ENUMVAL_EXISTS | relo_kind::ENUMVAL_VALUE => Some(KindClass::EnumValue),
        _ => None,
    }
}

/// Two targets that hash to one id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Collision {
    pub(crate) id: u32,
    pub(crate) first: Target,
    pub(crate) second: Target,
}

/// Marker id → target, one map per id space.
#[derive(Debug, Default)]
pub(crate) struct Index {
    fields: HashMap<u32, FieldPath>,
    types: HashMap<u32, TypeRef>,
    enum_values: HashMap<u32, (usize, usize)>,
    /// Ids claimed by two different targets (the first one stays in the maps).
    pub(crate) collisions: Vec<Collision>,
    /// Whether enumeration stopped at [`MAX_PATHS`].
    pub(crate) truncated: bool,
}

impl Index {
    /// Enumerates the paths, types and enum values of `d`.
    pub(crate) fn new(d: &Descriptors) -> Self {
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
            Shape::Int { .. } | Shape::Ptr => {}
        }
    }

    /// The target of a marker of `class` with `id`.
    pub(crate) fn lookup(&self, class: KindClass, id: u32) -> Option<Target> {
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

/// How the last step of a field path reaches its field: libbpf computes SIGNED and the shifts
/// only for a named member, and refuses them for an array element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Last<'a> {
    Member(&'a Shape),
    Element(&'a Shape),
}

/// A field path walked through the local types.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FieldInfo<'a> {
    /// Byte offset of the field from the root struct (libbpf's `spec->bit_offset / 8`).
    pub(crate) offset: u64,
    /// Byte size of the field (libbpf's `btf__resolve_size` of the last step's type).
    pub(crate) size: u64,
    pub(crate) last: Last<'a>,
    /// The access string, `0:` then the BTF member positions (and `0` for elements).
    pub(crate) access: String,
    /// The structs the path goes through, the root first.
    pub(crate) structs: Vec<usize>,
}

/// Where a path walk is: in a struct, or at an array whose element comes next.
enum At<'a> {
    Struct(usize, &'a StructRecord),
    /// An array; `flexible` when it is the last member of its struct (libbpf's `is_flex_arr`:
    /// only then may a zero-length array be indexed).
    Array {
        elem: &'a Shape,
        len: u32,
        flexible: bool,
    },
    Leaf,
}

fn at<'a>(d: &'a Descriptors, shape: &'a Shape, flexible: bool) -> At<'a> {
    match shape {
        Shape::Struct { rust_path } => match d.struct_by_path(rust_path) {
            Some((i, s)) => At::Struct(i, s),
            None => At::Leaf,
        },
        Shape::Array { elem, len } => At::Array {
            elem,
            len: *len,
            flexible,
        },
        Shape::Int { .. } | Shape::Ptr => At::Leaf,
    }
}

/// Walks `path` through the local types; `Err` says why libbpf would refuse it.
pub(crate) fn walk<'a>(d: &'a Descriptors, path: &FieldPath) -> Result<FieldInfo<'a>, String> {
    let root = d
        .structs
        .get(path.root)
        .ok_or_else(|| "the path's root record vanished".to_owned())?;
    let mut cur = At::Struct(path.root, root);
    let (mut offset, mut size, mut last) = (0u64, 0u64, None);
    let mut access = "0".to_owned();
    let mut structs = vec![path.root];
    for step in &path.steps {
        cur = match (cur, *step) {
            (At::Struct(_, s), Step::Member(i)) => {
                let field = s
                    .fields
                    .get(i)
                    .ok_or_else(|| format!("struct `{}` has no field #{i}", s.name))?;
                let position = s.btf_position.get(i).copied().unwrap_or_default();
                offset += u64::from(field.offset);
                size = u64::from(field.size);
                access.push_str(&format!(":{position}"));
                last = Some(Last::Member(&field.shape));
                let next = at(d, &field.shape, s.is_last_member(i));
                if let At::Struct(j, _) = next {
                    structs.push(j);
                }
                next
            }
            (
                At::Array {
                    elem,
                    len,
                    flexible,
                },
                Step::Element,
            ) => {
                if len == 0 && !flexible {
                    return Err(
                        "element 0 of a zero-length array that is not the last member of its \
                         struct (libbpf only indexes such an array when it is a flexible array \
                         member)"
                            .to_owned(),
                    );
                }
                size = u64::from(
                    d.shape_size(elem)
                        .ok_or_else(|| "unknown element size".to_owned())?,
                );
                access.push_str(":0");
                last = Some(Last::Element(elem));
                let next = at(d, elem, false);
                if let At::Struct(j, _) = next {
                    structs.push(j);
                }
                next
            }
            _ => return Err("the path does not follow the record's shapes".to_owned()),
        };
    }
    Ok(FieldInfo {
        offset,
        size,
        last: last.ok_or_else(|| "empty access path".to_owned())?,
        access,
        structs,
    })
}

/// The value libbpf's `bpf_core_calc_field_relo` computes from the local type for field `kind`
/// (non-bitfield member, little-endian target); `Err` says why it would refuse the relocation.
pub(crate) fn field_value(kind: u32, info: &FieldInfo<'_>) -> Result<u64, String> {
    let shape = match (kind, info.last) {
        (relo_kind::FIELD_BYTE_OFFSET, _) => return Ok(info.offset),
        (relo_kind::FIELD_BYTE_SIZE, _) => return Ok(info.size),
        (relo_kind::FIELD_EXISTS, _) => return Ok(1),
        (_, Last::Element(_)) => {
            // relo_core.c: "relo %d at insn #%d can't be applied to array access".
            return Err(
                "libbpf applies only FIELD_BYTE_OFFSET, FIELD_BYTE_SIZE and FIELD_EXISTS to an \
                 array element"
                    .to_owned(),
            );
        }
        (_, Last::Member(shape)) => shape,
    };
    match kind {
        // `btf_is_any_enum(mt) && kflag || btf_is_int(mt) && encoding & BTF_INT_SIGNED`:
        // only a signed int member is signed here (pointers, arrays, structs are not).
        relo_kind::FIELD_SIGNED => Ok(u64::from(matches!(shape, Shape::Int { signed: true, .. }))),
        // Non-bitfield: bit_sz = 8 * byte_sz and bit_off = 8 * byte_off, so little-endian
        // LSHIFT = 64 - (bit_off + bit_sz - byte_off * 8) = 64 - bit_sz, and RSHIFT = 64 - bit_sz.
        // libbpf computes them in u32 and would wrap for a field wider than 8 bytes, producing
        // a meaningless shift; refuse that here rather than emit it.
        relo_kind::FIELD_LSHIFT_U64 | relo_kind::FIELD_RSHIFT_U64 => {
            let bits = info.size * 8;
            64u64.checked_sub(bits).ok_or_else(|| {
                format!(
                    "the field is {} bytes; the shift relocations describe fields of at most 8 \
                     bytes",
                    info.size
                )
            })
        }
        _ => Err(format!("relocation kind {kind} is not a field kind")),
    }
}

/// `task_struct.se.vruntime`, `task_struct.comm[0]`: the path with the records' kernel names.
pub(crate) fn render_path(d: &Descriptors, path: &FieldPath) -> String {
    let Some(root) = d.structs.get(path.root) else {
        return "?".to_owned();
    };
    let mut out = root.name.clone();
    let mut cur = At::Struct(path.root, root);
    for step in &path.steps {
        cur = match (cur, *step) {
            (At::Struct(_, s), Step::Member(i)) => match s.fields.get(i) {
                Some(field) => {
                    out.push('.');
                    out.push_str(&field.name);
                    at(d, &field.shape, false)
                }
                None => At::Leaf,
            },
            (At::Array { elem, .. }, Step::Element) => {
                out.push_str("[0]");
                at(d, elem, false)
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
pub(crate) fn render(d: &Descriptors, target: &Target) -> String {
    match target {
        Target::Field(path) => render_path(d, path),
        Target::Type(TypeRef::Struct(i)) => d
            .structs
            .get(*i)
            .map_or_else(|| "?".to_owned(), |s| format!("struct {}", s.name)),
        Target::Type(TypeRef::Enum(i)) => d
            .enums
            .get(*i)
            .map_or_else(|| "?".to_owned(), |e| format!("enum {}", e.name)),
        Target::EnumValue { record, variant } => d
            .enums
            .get(*record)
            .and_then(|e| Some(format!("{}::{}", e.name, e.variants.get(*variant)?.0)))
            .unwrap_or_else(|| "?".to_owned()),
    }
}

/// The Rust type a target belongs to, for messages that must tell same-named kernel types apart.
pub(crate) fn rust_path<'a>(d: &'a Descriptors, target: &Target) -> &'a str {
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
