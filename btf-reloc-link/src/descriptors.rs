//! Decoding and validating the records of the descriptor section (format: the `descriptor`
//! module of `btf-reloc-runtime`, whose constants are the single source of truth). Validation is
//! strict because everything here ends up in BTF that the kernel and libbpf check: names must be
//! C identifiers, fields must lie inside their struct, and a field's shape must have the field's
//! size (libbpf compares the marker's local value with the size it computes from the BTF).

use btf_reloc_runtime::descriptor::{RECORD_KIND_STRUCT, RECORD_MAGIC, RECORD_VERSION};

use crate::{
    bytes::{slice, u32_at, u8_at, us},
    error::{Error, Result},
};

/// Longest accepted identifier (the kernel's `KSYM_NAME_LEN` minus the terminator).
const MAX_NAME_LEN: usize = 511;
/// Deepest accepted nesting of array shapes.
const MAX_SHAPE_DEPTH: usize = 16;
/// Length of the fixed record header.
const RECORD_HEADER_LEN: usize = 12;

/// One decoded struct record.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Record {
    /// Kernel type name, possibly with a `___flavor` suffix.
    pub(crate) name: String,
    /// Local size in bytes.
    pub(crate) size: u32,
    pub(crate) fields: Vec<Field>,
}

/// One relocatable field of a [`Record`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Field {
    pub(crate) id: u32,
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
    Composite {
        union: bool,
        name: String,
        size: u32,
    },
}

impl Shape {
    /// The size BTF will compute for this shape (pointers are 8 bytes on BPF).
    pub(crate) fn size(&self) -> Option<u32> {
        match self {
            Self::Int { size, .. } | Self::Composite { size, .. } => Some(*size),
            Self::Ptr => Some(8),
            Self::Array { elem, len } => elem.size()?.checked_mul(*len),
        }
    }
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

    fn bytes(&mut self, len: usize, what: &str) -> Result<&'a [u8]> {
        let v = slice(self.data, self.pos, len).ok_or_else(|| self.truncated(what))?;
        self.pos += len;
        Ok(v)
    }

    fn ident(&mut self, what: &str) -> Result<String> {
        let len = self.u32(what)?;
        let len = us(len).ok_or_else(|| self.truncated(what))?;
        let bytes = self.bytes(len, what)?;
        let name =
            std::str::from_utf8(bytes).map_err(|_| self.err(format!("{what} is not UTF-8")))?;
        if !is_c_identifier(name) {
            return Err(self.err(format!(
                "{what} {name:?} is not a C identifier (letters, digits and `_`, not starting \
                 with a digit, at most {MAX_NAME_LEN} bytes)"
            )));
        }
        Ok(name.to_owned())
    }

    fn shape(&mut self, depth: usize) -> Result<Shape> {
        if depth > MAX_SHAPE_DEPTH {
            return Err(self.err(format!("array shapes nested deeper than {MAX_SHAPE_DEPTH}")));
        }
        let tag = self.u8("shape tag")?;
        Ok(match tag {
            0 => {
                let size = self.u32("int size")?;
                let signed = match self.u8("int signedness")? {
                    0 => false,
                    1 => true,
                    other => return Err(self.err(format!("int signedness byte {other}"))),
                };
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
            3 | 4 => {
                let name = self.ident("composite type name")?;
                let size = self.u32("composite size")?;
                Shape::Composite {
                    union: tag == 4,
                    name,
                    size,
                }
            }
            other => return Err(self.err(format!("unknown shape tag {other}"))),
        })
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
                "record version {} is not supported (this tool reads version {RECORD_VERSION}; \
                 update btf-reloc-link to match btf-reloc-runtime)",
                version.unwrap_or_default()
            )));
        }
        if kind != Some(RECORD_KIND_STRUCT) {
            return Err(err(format!(
                "unknown record kind {} (expected {RECORD_KIND_STRUCT}, struct)",
                kind.unwrap_or_default()
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
        records.push(decode_record(body, pos)?);
        pos += len;
    }
    Ok(records)
}

fn decode_record(data: &[u8], offset: usize) -> Result<Record> {
    let mut c = Cursor {
        data,
        pos: RECORD_HEADER_LEN,
        record: offset,
    };
    let name = c.ident("struct name")?;
    let size = c.u32("struct size")?;
    let count = c.u32("field count")?;
    let mut fields = Vec::new();
    for index in 0..count {
        let id = c.u32("field id")?;
        let field_name = c.ident("field name")?;
        let field_offset = c.u32("field offset")?;
        let field_size = c.u32("field size")?;
        let shape = c.shape(0)?;
        let end = field_offset.checked_add(field_size);
        if end.is_none_or(|end| end > size) {
            return Err(c.err(format!(
                "field #{index} `{name}.{field_name}` (offset {field_offset}, size {field_size}) \
                 lies outside the struct ({size} bytes)"
            )));
        }
        match shape.size() {
            Some(s) if s == field_size => {}
            other => {
                return Err(c.err(format!(
                    "field `{name}.{field_name}` has size {field_size} but its type shape has \
                     size {}",
                    other.map_or_else(|| "overflowing u32".to_owned(), |s| s.to_string())
                )))
            }
        }
        fields.push(Field {
            id,
            name: field_name,
            offset: field_offset,
            size: field_size,
            shape,
        });
    }
    if c.pos != data.len() {
        return Err(c.err(format!(
            "{} trailing bytes after the last field",
            data.len() - c.pos
        )));
    }
    Ok(Record { name, size, fields })
}
