//! Decoding and validating the records of the descriptor section (format: the `descriptor`
//! module of `btf-reloc-runtime`, version 2, whose constants are the single source of truth).
//!
//! This module owns the records as data: [`decode`] turns the bytes of one section into
//! [`Record`]s, checking everything that lies inside one record; [`Descriptors::new`] then
//! checks what spans records — duplicates, `rust_path` references of embedded structs, their
//! sizes, cycles — and orders the structs so that an embedded struct comes before its users.
//! Validation is strict because everything here ends up in BTF that the kernel and libbpf check:
//! names must be C identifiers, fields must lie inside their struct, and a field's shape must have
//! the field's size (libbpf compares the marker's local value with the size it computes from the
//! BTF).

use std::collections::{HashMap, HashSet};

use btf_reloc_runtime::descriptor::{
    id_seed, id_step, RECORD_KIND_ENUM, RECORD_KIND_STRUCT, RECORD_MAGIC, RECORD_VERSION,
};

use crate::{
    bytes::{slice, u32_at, u64_at, u8_at, us},
    error::{Error, Result},
};

/// Longest accepted identifier (the kernel's `KSYM_NAME_LEN` minus the terminator).
const MAX_NAME_LEN: usize = 511;
/// Longest accepted Rust type path (never written to BTF; only bounds memory and messages).
const MAX_RUST_PATH_LEN: usize = 4096;
/// Deepest accepted nesting of array shapes.
const MAX_SHAPE_DEPTH: usize = 16;
/// Length of the fixed record header.
const RECORD_HEADER_LEN: usize = 12;

/// One decoded struct record.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct StructRecord {
    /// Byte offset of the record in its descriptor section (for messages).
    pub(crate) offset: usize,
    /// Kernel type name, possibly with a `___flavor` suffix.
    pub(crate) name: String,
    /// Path of the Rust type; seeds the marker ids and identifies the record.
    pub(crate) rust_path: String,
    /// Local size in bytes.
    pub(crate) size: u32,
    /// The fields in declaration order (the order marker ids index).
    pub(crate) fields: Vec<Field>,
    /// For each field (declaration index), its position among the BTF members, which are sorted
    /// by offset because the kernel rejects decreasing member offsets. Access strings index BTF
    /// members, so they use this position.
    pub(crate) btf_position: Vec<u32>,
}

impl StructRecord {
    /// Whether field `index` is the last BTF member (a zero-length array there is flexible).
    pub(crate) fn is_last_member(&self, index: usize) -> bool {
        let last = self.fields.len().checked_sub(1);
        self.btf_position.get(index).and_then(|&p| us(p)) == last
    }
}

/// One relocatable field of a [`StructRecord`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Field {
    pub(crate) name: String,
    pub(crate) offset: u32,
    pub(crate) size: u32,
    pub(crate) shape: Shape,
}

/// A field's type as BTF will describe it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Shape {
    Int {
        size: u32,
        signed: bool,
    },
    Ptr,
    Array {
        elem: Box<Shape>,
        len: u32,
    },
    /// An embedded struct, described by the struct record with this `rust_path`.
    Struct {
        rust_path: String,
    },
}

/// One decoded enum record.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct EnumRecord {
    /// Byte offset of the record in its descriptor section (for messages).
    pub(crate) offset: usize,
    pub(crate) name: String,
    pub(crate) rust_path: String,
    /// Local size in bytes (1, 2, 4 or 8).
    pub(crate) size: u32,
    pub(crate) signed: bool,
    /// `(name, value)` in declaration order, which is also the BTF order.
    pub(crate) variants: Vec<(String, i64)>,
}

impl EnumRecord {
    /// Whether the local type is a `BTF_KIND_ENUM64` (8 bytes, or a value beyond 32 bits) rather
    /// than a `BTF_KIND_ENUM`.
    pub(crate) fn is_enum64(&self) -> bool {
        self.size == 8 || self.variants.iter().any(|&(_, v)| !fits(v, 4, self.signed))
    }

    /// The value libbpf computes for `ENUMVAL_VALUE` of variant `index` in the local type
    /// (`bpf_core_calc_enumval_relo`): a `BTF_KIND_ENUM` stores `__s32 val`, which the assignment
    /// to the `__u64` result sign-extends whatever the signedness flag says; a
    /// `BTF_KIND_ENUM64` yields `(u64)val_hi32 << 32 | val_lo32`.
    pub(crate) fn local_value(&self, index: usize) -> Option<u64> {
        let &(_, value) = self.variants.get(index)?;
        Some(if self.is_enum64() {
            value as u64
        } else {
            i64::from(value as i32) as u64
        })
    }
}

/// Whether `value` is representable in `size` bytes with the given signedness (an unsigned value
/// reads the `i64` as its two's-complement `u64` bits).
fn fits(value: i64, size: u32, signed: bool) -> bool {
    let bits = size.saturating_mul(8);
    if bits >= 64 {
        return true;
    }
    if bits == 0 {
        return value == 0;
    }
    if signed {
        let half = 1i64 << (bits - 1);
        (-half..half).contains(&value)
    } else {
        (value as u64) < 1u64 << bits
    }
}

/// One decoded record.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Record {
    Struct(StructRecord),
    Enum(EnumRecord),
}

/// A byte cursor over one record that reports errors at the record's offset.
struct Cursor<'a> {
    data: &'a [u8],
    pos: usize,
    record: usize,
}

impl<'a> Cursor<'a> {
    fn err(&self, message: impl Into<String>) -> Error {
        Error::Descriptor {
            offset: self.record,
            message: message.into(),
        }
    }

    fn truncated(&self, what: &str) -> Error {
        self.err(format!(
            "truncated: {what} at record byte {} does not fit in the record ({} bytes)",
            self.pos,
            self.data.len()
        ))
    }

    fn u8(&mut self, what: &str) -> Result<u8> {
        let v = u8_at(self.data, self.pos).ok_or_else(|| self.truncated(what))?;
        self.pos += 1;
        Ok(v)
    }

    fn u32(&mut self, what: &str) -> Result<u32> {
        let v = u32_at(self.data, self.pos).ok_or_else(|| self.truncated(what))?;
        self.pos += 4;
        Ok(v)
    }

    fn u64(&mut self, what: &str) -> Result<u64> {
        let v = u64_at(self.data, self.pos).ok_or_else(|| self.truncated(what))?;
        self.pos += 8;
        Ok(v)
    }

    fn bool(&mut self, what: &str) -> Result<bool> {
        match self.u8(what)? {
            0 => Ok(false),
            1 => Ok(true),
            other => Err(self.err(format!("{what} byte {other} (expected 0 or 1)"))),
        }
    }

    fn bytes(&mut self, len: usize, what: &str) -> Result<&'a [u8]> {
        let v = slice(self.data, self.pos, len).ok_or_else(|| self.truncated(what))?;
        self.pos += len;
        Ok(v)
    }

    fn str(&mut self, what: &str) -> Result<&'a str> {
        let len = self.u32(what)?;
        let len = us(len).ok_or_else(|| self.truncated(what))?;
        let bytes = self.bytes(len, what)?;
        std::str::from_utf8(bytes).map_err(|_| self.err(format!("{what} is not UTF-8")))
    }

    fn ident(&mut self, what: &str) -> Result<String> {
        let name = self.str(what)?;
        if !is_c_identifier(name) {
            return Err(self.err(format!(
                "{what} {name:?} is not a C identifier (letters, digits and `_`, not starting \
                 with a digit, at most {MAX_NAME_LEN} bytes)"
            )));
        }
        Ok(name.to_owned())
    }

    /// A Rust type path: only used as a key and in messages, so any printable text will do.
    fn rust_path(&mut self, what: &str) -> Result<String> {
        let path = self.str(what)?;
        if path.is_empty() || path.len() > MAX_RUST_PATH_LEN || path.chars().any(char::is_control) {
            return Err(self.err(format!(
                "{what} {path:?} is empty, longer than {MAX_RUST_PATH_LEN} bytes or holds \
                 control characters"
            )));
        }
        Ok(path.to_owned())
    }

    fn shape(&mut self, depth: usize) -> Result<Shape> {
        if depth > MAX_SHAPE_DEPTH {
            return Err(self.err(format!("array shapes nested deeper than {MAX_SHAPE_DEPTH}")));
        }
        let tag = self.u8("shape tag")?;
        Ok(match tag {
            0 => {
                let size = self.u32("int size")?;
                let signed = self.bool("int signedness")?;
                if !matches!(size, 1 | 2 | 4 | 8 | 16) {
                    return Err(self.err(format!("int size {size} (expected 1, 2, 4, 8 or 16)")));
                }
                Shape::Int { size, signed }
            }
            1 => Shape::Ptr,
            2 => {
                let len = self.u32("array length")?;
                let elem = self.shape(depth + 1)?;
                Shape::Array {
                    elem: Box::new(elem),
                    len,
                }
            }
            3 => Shape::Struct {
                rust_path: self.rust_path("embedded struct rust_path")?,
            },
            other => return Err(self.err(format!("unknown shape tag {other}"))),
        })
    }

    fn finish(&self, what: &str) -> Result<()> {
        if self.pos != self.data.len() {
            return Err(self.err(format!(
                "{} trailing bytes after the last {what}",
                self.data.len().saturating_sub(self.pos)
            )));
        }
        Ok(())
    }
}

/// Whether `name` is a C identifier BTF accepts.
pub(crate) fn is_c_identifier(name: &str) -> bool {
    let mut chars = name.bytes();
    matches!(chars.next(), Some(b'a'..=b'z' | b'A'..=b'Z' | b'_'))
        && chars.all(|c| c.is_ascii_alphanumeric() || c == b'_')
        && name.len() <= MAX_NAME_LEN
}

/// Decodes every record of a descriptor section; zero bytes between records are padding.
pub(crate) fn decode(section: &[u8]) -> Result<Vec<Record>> {
    let mut records = Vec::new();
    let mut pos = 0;
    while let Some(&byte) = section.get(pos) {
        if byte == 0 {
            pos += 1;
            continue;
        }
        let err = |message: String| Error::Descriptor {
            offset: pos,
            message,
        };
        let magic = u32_at(section, pos).ok_or_else(|| err("truncated record header".into()))?;
        if magic != RECORD_MAGIC {
            return Err(err(format!(
                "bad magic {magic:#010x} (expected {RECORD_MAGIC:#010x}, \"BREL\")"
            )));
        }
        let header = slice(section, pos, RECORD_HEADER_LEN)
            .ok_or_else(|| err("truncated record header".into()))?;
        let (version, kind) = (header.get(4).copied(), header.get(5).copied());
        if version != Some(RECORD_VERSION) {
            return Err(err(format!(
                "record version {} is not supported: this btf-reloc-link reads version \
                 {RECORD_VERSION} only; build the object with the btf-reloc-runtime release \
                 that matches this tool (or update the tool)",
                version.unwrap_or_default()
            )));
        }
        let len = u32_at(header, 8)
            .and_then(us)
            .ok_or_else(|| err("truncated record header".into()))?;
        if len < RECORD_HEADER_LEN {
            return Err(err(format!(
                "record length {len} is shorter than its header"
            )));
        }
        let body = slice(section, pos, len).ok_or_else(|| {
            err(format!(
                "record length {len} runs past the end of the section ({} bytes)",
                section.len()
            ))
        })?;
        let mut c = Cursor {
            data: body,
            pos: RECORD_HEADER_LEN,
            record: pos,
        };
        records.push(match kind {
            Some(RECORD_KIND_STRUCT) => Record::Struct(decode_struct(&mut c)?),
            Some(RECORD_KIND_ENUM) => Record::Enum(decode_enum(&mut c)?),
            other => {
                return Err(err(format!(
                    "unknown record kind {} (expected {RECORD_KIND_STRUCT}, struct, or \
                     {RECORD_KIND_ENUM}, enum)",
                    other.unwrap_or_default()
                )))
            }
        });
        pos += len;
    }
    Ok(records)
}

fn decode_struct(c: &mut Cursor<'_>) -> Result<StructRecord> {
    let name = c.ident("struct name")?;
    let rust_path = c.rust_path("struct rust_path")?;
    let size = c.u32("struct size")?;
    let count = c.u32("field count")?;
    let seed = id_seed(&rust_path);
    let mut fields = Vec::new();
    for index in 0..count {
        let id = c.u32("field id")?;
        let field_name = c.ident("field name")?;
        let field_offset = c.u32("field offset")?;
        let field_size = c.u32("field size")?;
        let shape = c.shape(0)?;
        // The id is redundant (it is the path id of `[index]`); a mismatch means the object
        // was built by a runtime that hashes differently from the one this tool links against.
        let expected = us(index).map(|i| id_step(seed, i));
        if expected != Some(id) {
            return Err(c.err(format!(
                "field #{index} `{name}.{field_name}` has id {id:#010x}, expected {:#010x} \
                 (id_step(id_seed({rust_path:?}), {index})); btf-reloc-runtime and \
                 btf-reloc-link disagree on marker ids",
                expected.unwrap_or_default()
            )));
        }
        let end = field_offset.checked_add(field_size);
        if end.is_none_or(|end| end > size) {
            return Err(c.err(format!(
                "field #{index} `{name}.{field_name}` (offset {field_offset}, size {field_size}) \
                 lies outside the struct ({size} bytes)"
            )));
        }
        fields.push(Field {
            name: field_name,
            offset: field_offset,
            size: field_size,
            shape,
        });
    }
    c.finish("field")?;
    let mut order: Vec<usize> = (0..fields.len()).collect();
    order.sort_by_key(|&i| fields.get(i).map(|f| f.offset));
    let mut btf_position = vec![0; fields.len()];
    for (position, &index) in order.iter().enumerate() {
        if let (Some(slot), Ok(position)) = (btf_position.get_mut(index), u32::try_from(position)) {
            *slot = position;
        }
    }
    Ok(StructRecord {
        offset: c.record,
        name,
        rust_path,
        size,
        fields,
        btf_position,
    })
}

fn decode_enum(c: &mut Cursor<'_>) -> Result<EnumRecord> {
    let name = c.ident("enum name")?;
    let rust_path = c.rust_path("enum rust_path")?;
    let size = c.u32("enum size")?;
    let signed = c.bool("enum signedness")?;
    let count = c.u32("variant count")?;
    if !matches!(size, 1 | 2 | 4 | 8) {
        return Err(c.err(format!(
            "enum `{name}` has size {size} (expected 1, 2, 4 or 8)"
        )));
    }
    let mut variants = Vec::new();
    for _ in 0..count {
        let variant = c.ident("variant name")?;
        let value = c.u64("variant value")? as i64;
        if !fits(value, size, signed) {
            return Err(c.err(format!(
                "variant `{name}::{variant}` = {} does not fit the enum's {size} {} byte(s)",
                if signed {
                    value.to_string()
                } else {
                    (value as u64).to_string()
                },
                if signed { "signed" } else { "unsigned" }
            )));
        }
        variants.push((variant, value));
    }
    c.finish("variant")?;
    Ok(EnumRecord {
        offset: c.record,
        name,
        rust_path,
        size,
        signed,
        variants,
    })
}

/// The validated records of an object, exact duplicates removed.
#[derive(Debug, Default)]
pub(crate) struct Descriptors {
    pub(crate) structs: Vec<StructRecord>,
    pub(crate) enums: Vec<EnumRecord>,
    /// Struct index by `rust_path`.
    struct_index: HashMap<String, usize>,
    /// Struct indices such that every embedded struct comes before the structs embedding it.
    pub(crate) topological: Vec<usize>,
}

impl Descriptors {
    /// Validates what spans records: one record per `rust_path` (identical copies are merged:
    /// every object file that uses a type carries its descriptor), embedded structs that exist,
    /// are structs, have the size the embedding field claims, and do not embed themselves.
    pub(crate) fn new(records: Vec<Record>) -> Result<Self> {
        let mut seen = HashSet::new();
        let mut this = Self::default();
        let mut enum_by_path = HashMap::new();
        for record in records {
            // The offset differs between copies; compare the content only.
            let key = match &record {
                Record::Struct(s) => Record::Struct(StructRecord {
                    offset: 0,
                    ..s.clone()
                }),
                Record::Enum(e) => Record::Enum(EnumRecord {
                    offset: 0,
                    ..e.clone()
                }),
            };
            if !seen.insert(key) {
                continue;
            }
            let (rust_path, offset) = match &record {
                Record::Struct(s) => (&s.rust_path, s.offset),
                Record::Enum(e) => (&e.rust_path, e.offset),
            };
            if this.struct_index.contains_key(rust_path) || enum_by_path.contains_key(rust_path) {
                return Err(Error::Descriptor {
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
                    enum_by_path.insert(e.rust_path.clone(), this.enums.len());
                    this.enums.push(e);
                }
            }
        }
        for s in &this.structs {
            for field in &s.fields {
                this.check_embedded(s, field, &field.shape, &enum_by_path)?;
                // `shape_size` only reads the embedded record's declared size, so a cycle (reported
                // by the ordering below) cannot make it loop.
                match this.shape_size(&field.shape) {
                    Some(size) if size == field.size => {}
                    other => {
                        return Err(Error::Descriptor {
                            offset: s.offset,
                            message: format!(
                                "field `{}.{}` has size {} but its type shape has size {}",
                                s.name,
                                field.name,
                                field.size,
                                other.map_or_else(
                                    || "overflowing u32".to_owned(),
                                    |s| s.to_string()
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

    fn check_embedded(
        &self,
        s: &StructRecord,
        field: &Field,
        shape: &Shape,
        enum_by_path: &HashMap<String, usize>,
    ) -> Result<()> {
        let rust_path = match shape {
            Shape::Array { elem, .. } => return self.check_embedded(s, field, elem, enum_by_path),
            Shape::Struct { rust_path } => rust_path,
            Shape::Int { .. } | Shape::Ptr => return Ok(()),
        };
        if self.struct_index.contains_key(rust_path) {
            return Ok(());
        }
        let what = if enum_by_path.contains_key(rust_path) {
            "is an enum record, not a struct record"
        } else {
            "has no struct record in the object"
        };
        Err(Error::Descriptor {
            offset: s.offset,
            message: format!(
                "field `{}.{}` of `{}` embeds struct `{rust_path}`, which {what}",
                s.name, field.name, s.rust_path
            ),
        })
    }

    /// The struct record with `rust_path`.
    pub(crate) fn struct_by_path(&self, rust_path: &str) -> Option<(usize, &StructRecord)> {
        let index = *self.struct_index.get(rust_path)?;
        Some((index, self.structs.get(index)?))
    }

    /// The size BTF will compute for `shape` (pointers are 8 bytes on BPF); `None` for an
    /// unknown embedded struct or an overflow.
    pub(crate) fn shape_size(&self, shape: &Shape) -> Option<u32> {
        match shape {
            Shape::Int { size, .. } => Some(*size),
            Shape::Ptr => Some(8),
            Shape::Array { elem, len } => self.shape_size(elem)?.checked_mul(*len),
            Shape::Struct { rust_path } => Some(self.struct_by_path(rust_path)?.1.size),
        }
    }

    /// The struct that `shape` embeds by value (directly or as array elements).
    pub(crate) fn embedded(&self, shape: &Shape) -> Option<usize> {
        match shape {
            Shape::Array { elem, .. } => self.embedded(elem),
            Shape::Struct { rust_path } => self.struct_by_path(rust_path).map(|(i, _)| i),
            Shape::Int { .. } | Shape::Ptr => None,
        }
    }

    /// Embedded structs first (a post-order depth-first walk, iterative so that a long chain
    /// of records cannot exhaust the stack); a struct that embeds itself is an error.
    fn order(&self) -> Result<Vec<usize>> {
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
                        return Err(Error::Descriptor {
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
