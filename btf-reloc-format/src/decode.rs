//! Decoding the records of a descriptor section (the [encoding](crate::encode)), checking
//! everything that lies inside one record. What spans records (references between them) is
//! checked by [`crate::records`].
//!
//! Validation is strict because everything here ends up in BTF that the kernel and libbpf check:
//! names must be C identifiers, fields must lie inside their struct, enumerator values must fit
//! their enum.

use alloc::{borrow::ToOwned, boxed::Box, format, string::String, vec::Vec};
use core::fmt;

use crate::encode::{
    checksum, RECORD_CHECKSUM, RECORD_HEADER_LEN, RECORD_KIND_ENUM, RECORD_KIND_STRUCT,
    RECORD_KIND_UNION, RECORD_MAGIC, RECORD_TYPEDEF, RECORD_VERSION, SHAPE_ARRAY, SHAPE_ENUM,
    SHAPE_INT, SHAPE_NAMED, SHAPE_PTR, SHAPE_PTR_TO, SHAPE_STRUCT,
};
use crate::id::{id_seed, id_step};
use crate::name::{is_c_identifier, MAX_NAME_LEN};

/// Longest accepted Rust type path (never written to BTF; only bounds memory and messages).
const MAX_RUST_PATH_LEN: usize = 4096;
/// Deepest accepted nesting of array shapes.
const MAX_SHAPE_DEPTH: usize = 16;

/// A record that cannot be decoded or is invalid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    /// Byte offset of the record in its descriptor section.
    pub offset: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "bad descriptor record at offset {:#x} of section `{}`: {}",
            self.offset,
            crate::DESCRIPTOR_SECTION,
            self.message
        )
    }
}

impl core::error::Error for DecodeError {}

/// One decoded struct record.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct StructRecord {
    /// Byte offset of the record in its descriptor section (for messages).
    pub offset: usize,
    /// Kernel type name, possibly with a `___flavor` suffix.
    pub name: String,
    /// Path of the Rust type; seeds the ids and identifies the record.
    pub rust_path: String,
    /// Whether this is a union (a `BTF_KIND_UNION`, every field at offset 0) rather than a
    /// struct.
    pub union: bool,
    /// The typedef name the kernel knows the type by (its relocations' root), if any; then
    /// `name` may be empty (an anonymous struct).
    pub typedef: Option<String>,
    /// Local size in bytes.
    pub size: u32,
    /// The fields in declaration order (the order ids index).
    pub fields: Vec<Field>,
}

/// One relocatable field of a [`StructRecord`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Field {
    /// Kernel field name.
    pub name: String,
    /// Local byte offset.
    pub offset: u32,
    /// Local byte size.
    pub size: u32,
    /// The field's type.
    pub shape: Shape,
}

/// A field's type, as a record describes it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Shape {
    /// An integer of `size` bytes (1, 2, 4, 8 or 16).
    Int {
        /// Size in bytes.
        size: u32,
        /// Signedness.
        signed: bool,
    },
    /// A pointer to anything (`void *` in the local BTF).
    Ptr,
    /// A pointer to a known type.
    PtrTo(Pointee),
    /// An array of `len` `elem`s.
    Array {
        /// Element shape.
        elem: Box<Shape>,
        /// Number of elements.
        len: u32,
    },
    /// An embedded struct or union, described by the record with this `rust_path`.
    Struct {
        /// The embedded struct's `rust_path`.
        rust_path: String,
    },
    /// A value of the enum described by the enum record with this `rust_path`.
    Enum {
        /// The enum's `rust_path`.
        rust_path: String,
    },
}

/// What a [`Shape::PtrTo`] points at.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Pointee {
    /// An integer of `size` bytes.
    Int {
        /// Size in bytes.
        size: u32,
        /// Signedness.
        signed: bool,
    },
    /// A struct or union known by its kernel name only (a forward declaration in the local BTF).
    Composite {
        /// A union rather than a struct.
        union: bool,
        /// Its kernel name (with any `___flavor`).
        name: String,
    },
    /// A pointer: to `void` (`None`), or to a known type.
    Ptr(Option<Box<Pointee>>),
}

/// One decoded enum record.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EnumRecord {
    /// Byte offset of the record in its descriptor section (for messages).
    pub offset: usize,
    /// Kernel type name, possibly with a `___flavor` suffix.
    pub name: String,
    /// Path of the Rust type.
    pub rust_path: String,
    /// The typedef name the kernel knows the enum by, if any; then `name` may be empty.
    pub typedef: Option<String>,
    /// Local size in bytes (1, 2, 4 or 8).
    pub size: u32,
    /// Whether the local values are signed.
    pub signed: bool,
    /// `(name, value)` in declaration order.
    pub variants: Vec<(String, i64)>,
}

/// One decoded record.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Record {
    /// A struct record.
    Struct(StructRecord),
    /// An enum record.
    Enum(EnumRecord),
}

/// Whether `value` is representable in `size` bytes with the given signedness (an unsigned value
/// reads the `i64` as its two's-complement `u64` bits).
pub fn fits(value: i64, size: u32, signed: bool) -> bool {
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

/// A byte cursor over one record that reports errors at the record's offset.
struct Cursor<'a> {
    data: &'a [u8],
    pos: usize,
    record: usize,
}

impl<'a> Cursor<'a> {
    fn err(&self, message: impl Into<String>) -> DecodeError {
        DecodeError {
            offset: self.record,
            message: message.into(),
        }
    }

    fn truncated(&self, what: &str) -> DecodeError {
        self.err(format!(
            "truncated: {what} at record byte {} does not fit in the record ({} bytes)",
            self.pos,
            self.data.len()
        ))
    }

    fn take(&mut self, len: usize, what: &str) -> Result<&'a [u8], DecodeError> {
        let bytes = self
            .pos
            .checked_add(len)
            .and_then(|end| self.data.get(self.pos..end))
            .ok_or_else(|| self.truncated(what))?;
        self.pos += len;
        Ok(bytes)
    }

    fn array<const N: usize>(&mut self, what: &str) -> Result<[u8; N], DecodeError> {
        let bytes = self.take(N, what)?;
        let mut out = [0; N];
        out.copy_from_slice(bytes);
        Ok(out)
    }

    fn u8(&mut self, what: &str) -> Result<u8, DecodeError> {
        Ok(self.array::<1>(what)?[0])
    }

    fn u32(&mut self, what: &str) -> Result<u32, DecodeError> {
        self.array(what).map(u32::from_le_bytes)
    }

    fn u64(&mut self, what: &str) -> Result<u64, DecodeError> {
        self.array(what).map(u64::from_le_bytes)
    }

    fn bool(&mut self, what: &str) -> Result<bool, DecodeError> {
        match self.u8(what)? {
            0 => Ok(false),
            1 => Ok(true),
            other => Err(self.err(format!("{what} byte {other} (expected 0 or 1)"))),
        }
    }

    fn str(&mut self, what: &str) -> Result<&'a str, DecodeError> {
        let len = self.u32(what)?;
        let len = usize::try_from(len).map_err(|_| self.truncated(what))?;
        let bytes = self.take(len, what)?;
        core::str::from_utf8(bytes).map_err(|_| self.err(format!("{what} is not UTF-8")))
    }

    fn ident(&mut self, what: &str) -> Result<String, DecodeError> {
        let name = self.str(what)?;
        if !is_c_identifier(name) {
            return Err(self.err(format!(
                "{what} {name:?} is not a C identifier (letters, digits and `_`, not starting \
                 with a digit, at most {MAX_NAME_LEN} bytes)"
            )));
        }
        Ok(name.to_owned())
    }

    /// A type's kernel name: a C identifier, or empty (an anonymous type) when `anonymous_ok`
    /// (a typedef names the type).
    fn type_name(&mut self, what: &str, anonymous_ok: bool) -> Result<String, DecodeError> {
        if anonymous_ok && self.data.get(self.pos..self.pos + 4) == Some(&[0; 4]) {
            self.pos += 4;
            return Ok(String::new());
        }
        self.ident(what)
    }

    /// A Rust type path: only used as a key and in messages, so any printable text will do.
    fn rust_path(&mut self, what: &str) -> Result<String, DecodeError> {
        let path = self.str(what)?;
        if path.is_empty() || path.len() > MAX_RUST_PATH_LEN || path.chars().any(char::is_control) {
            return Err(self.err(format!(
                "{what} {path:?} is empty, longer than {MAX_RUST_PATH_LEN} bytes or holds \
                 control characters"
            )));
        }
        Ok(path.to_owned())
    }

    /// An int shape's size (one C integer size) and signedness.
    fn int(&mut self) -> Result<(u32, bool), DecodeError> {
        let size = self.u32("int size")?;
        let signed = self.bool("int signedness")?;
        if !matches!(size, 1 | 2 | 4 | 8 | 16) {
            return Err(self.err(format!("int size {size} (expected 1, 2, 4, 8 or 16)")));
        }
        Ok((size, signed))
    }

    fn shape(&mut self, depth: usize) -> Result<Shape, DecodeError> {
        if depth > MAX_SHAPE_DEPTH {
            return Err(self.err(format!("array shapes nested deeper than {MAX_SHAPE_DEPTH}")));
        }
        let tag = self.u8("shape tag")?;
        Ok(match tag {
            SHAPE_INT => {
                let (size, signed) = self.int()?;
                Shape::Int { size, signed }
            }
            SHAPE_PTR => Shape::Ptr,
            SHAPE_ARRAY => {
                let len = self.u32("array length")?;
                let elem = self.shape(depth + 1)?;
                Shape::Array {
                    elem: Box::new(elem),
                    len,
                }
            }
            SHAPE_STRUCT => Shape::Struct {
                rust_path: self.rust_path("embedded struct rust_path")?,
            },
            SHAPE_PTR_TO => Shape::PtrTo(self.pointee(depth + 1)?),
            SHAPE_ENUM => Shape::Enum {
                rust_path: self.rust_path("enum rust_path")?,
            },
            other => return Err(self.err(format!("unknown shape tag {other}"))),
        })
    }

    fn pointee(&mut self, depth: usize) -> Result<Pointee, DecodeError> {
        if depth > MAX_SHAPE_DEPTH {
            return Err(self.err(format!("pointers nested deeper than {MAX_SHAPE_DEPTH}")));
        }
        let tag = self.u8("pointee tag")?;
        Ok(match tag {
            SHAPE_INT => {
                let (size, signed) = self.int()?;
                Pointee::Int { size, signed }
            }
            SHAPE_PTR => Pointee::Ptr(None),
            SHAPE_PTR_TO => Pointee::Ptr(Some(Box::new(self.pointee(depth + 1)?))),
            SHAPE_NAMED => Pointee::Composite {
                union: self.bool("pointee union flag")?,
                name: self.ident("pointee name")?,
            },
            other => return Err(self.err(format!("unknown pointee tag {other}"))),
        })
    }

    fn finish(&self, what: &str) -> Result<(), DecodeError> {
        if self.pos != self.data.len() {
            return Err(self.err(format!(
                "{} trailing bytes after the last {what}",
                self.data.len().saturating_sub(self.pos)
            )));
        }
        Ok(())
    }
}

/// Decodes every record of a descriptor section; zero bytes between records are padding.
pub fn decode(section: &[u8]) -> Result<Vec<Record>, DecodeError> {
    let mut records = Vec::new();
    let mut pos = 0;
    while let Some(&byte) = section.get(pos) {
        if byte == 0 {
            pos += 1;
            continue;
        }
        let err = |message: String| DecodeError {
            offset: pos,
            message,
        };
        let header = pos
            .checked_add(RECORD_HEADER_LEN)
            .and_then(|end| section.get(pos..end));
        let magic = section
            .get(pos..)
            .and_then(|rest| rest.get(..4))
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
        if magic.is_some_and(|magic| magic != RECORD_MAGIC) {
            return Err(err(format!(
                "bad magic {:#010x} (expected {RECORD_MAGIC:#010x}, \"BREL\")",
                magic.unwrap_or_default()
            )));
        }
        let Some(header) = header else {
            return Err(err("truncated record header".into()));
        };
        let (version, kind) = (header[4], header[5]);
        if version != RECORD_VERSION {
            return Err(err(format!(
                "record version {version} is not supported: this tool reads version \
                 {RECORD_VERSION} only; build the object with the btf-reloc-runtime release \
                 that matches this tool (or update the tool)"
            )));
        }
        let len = u32::from_le_bytes([header[8], header[9], header[10], header[11]]);
        let len = usize::try_from(len).unwrap_or(usize::MAX);
        if len < RECORD_HEADER_LEN {
            return Err(err(format!(
                "record length {len} is shorter than its header"
            )));
        }
        let body = pos
            .checked_add(len)
            .and_then(|end| section.get(pos..end))
            .ok_or_else(|| {
                err(format!(
                    "record length {len} runs past the end of the section ({} bytes)",
                    section.len()
                ))
            })?;
        let stored = u16::from_le_bytes([
            header[RECORD_CHECKSUM.start],
            header[RECORD_CHECKSUM.end - 1],
        ]);
        let computed = checksum(body);
        if stored != computed {
            return Err(err(format!(
                "checksum {stored:#06x} does not match the record's bytes ({computed:#06x}): \
                 the record was altered after the build"
            )));
        }
        let mut c = Cursor {
            data: body,
            pos: RECORD_HEADER_LEN,
            record: pos,
        };
        let typedef = match kind & RECORD_TYPEDEF {
            0 => None,
            _ => Some(c.ident("typedef name")?),
        };
        records.push(match kind & !RECORD_TYPEDEF {
            RECORD_KIND_STRUCT => Record::Struct(decode_struct(&mut c, false, typedef)?),
            RECORD_KIND_UNION => Record::Struct(decode_struct(&mut c, true, typedef)?),
            RECORD_KIND_ENUM => Record::Enum(decode_enum(&mut c, typedef)?),
            other => {
                return Err(err(format!(
                    "unknown record kind {other} (expected {RECORD_KIND_STRUCT}, struct, \
                     {RECORD_KIND_ENUM}, enum, or {RECORD_KIND_UNION}, union)"
                )))
            }
        });
        pos += len;
    }
    Ok(records)
}

fn decode_struct(
    c: &mut Cursor<'_>,
    union: bool,
    typedef: Option<String>,
) -> Result<StructRecord, DecodeError> {
    let name = c.type_name("struct name", typedef.is_some())?;
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
        let expected = id_step(seed, index as usize);
        if expected != id {
            return Err(c.err(format!(
                "field #{index} `{name}.{field_name}` has id {id:#010x}, expected {expected:#010x} \
                 (id_step(id_seed({rust_path:?}), {index})); btf-reloc-runtime and this tool \
                 disagree on ids"
            )));
        }
        if field_offset.checked_mul(8).is_none() {
            return Err(c.err(format!(
                "field #{index} `{name}.{field_name}` at byte {field_offset} lies beyond what \
                 BTF's 32-bit bit offsets reach"
            )));
        }
        if union && field_offset != 0 {
            return Err(c.err(format!(
                "member #{index} `{name}.{field_name}` of a union is at offset {field_offset} \
                 (a union's members all start at 0)"
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
    Ok(StructRecord {
        offset: c.record,
        name,
        rust_path,
        union,
        typedef,
        size,
        fields,
    })
}

fn decode_enum(c: &mut Cursor<'_>, typedef: Option<String>) -> Result<EnumRecord, DecodeError> {
    let name = c.type_name("enum name", typedef.is_some())?;
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
                    format!("{value}")
                } else {
                    format!("{}", value as u64)
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
        typedef,
        size,
        signed,
        variants,
    })
}

#[cfg(test)]
mod tests {
    extern crate std;

    use super::*;
    use crate::descriptor::{
        EnumDescriptor, FieldDescriptor, StructDescriptor, TypeShape, VariantDescriptor,
    };
    use crate::encode::{encode, encode_enum, encoded_enum_len, encoded_len};
    use alloc::vec;

    const ELEM: TypeShape = TypeShape::Int {
        size: 1,
        signed: false,
    };
    const DESC: StructDescriptor = StructDescriptor {
        name: "task_struct___v1",
        rust_path: "demo::task_struct",
        size: 40,
        fields: &[
            FieldDescriptor {
                name: "pid",
                offset: 4,
                size: 4,
                shape: TypeShape::Int {
                    size: 4,
                    signed: true,
                },
            },
            FieldDescriptor {
                name: "comm",
                offset: 8,
                size: 16,
                shape: TypeShape::Array {
                    elem: &ELEM,
                    len: 16,
                },
            },
            FieldDescriptor {
                name: "mm",
                offset: 24,
                size: 8,
                shape: TypeShape::Ptr,
            },
        ],
    };
    static ENCODED: [u8; encoded_len(&DESC)] = encode(&DESC);

    const INNER: StructDescriptor = StructDescriptor {
        name: "sched_entity",
        rust_path: "demo::sched_entity",
        size: 8,
        fields: &[],
    };
    const OUTER: StructDescriptor = StructDescriptor {
        name: "outer",
        rust_path: "demo::outer",
        size: 8,
        fields: &[FieldDescriptor {
            name: "se",
            offset: 0,
            size: 8,
            shape: TypeShape::Struct(&INNER),
        }],
    };
    static OUTER_ENCODED: [u8; encoded_len(&OUTER)] = encode(&OUTER);
    const ENUM: EnumDescriptor = EnumDescriptor {
        name: "pid_type",
        rust_path: "demo::PidType",
        size: 4,
        signed: false,
        variants: &[
            VariantDescriptor {
                name: "PIDTYPE_PID",
                value: 0,
            },
            VariantDescriptor {
                name: "PIDTYPE_TGID",
                value: 1,
            },
        ],
    };
    static ENUM_ENCODED: [u8; encoded_enum_len(&ENUM)] = encode_enum(&ENUM);

    fn put(v: &mut Vec<u8>, x: u32) {
        v.extend_from_slice(&x.to_le_bytes());
    }

    fn put_str(v: &mut Vec<u8>, s: &str) {
        put(v, s.len() as u32);
        v.extend_from_slice(s.as_bytes());
    }

    /// Writes the checksum of the record `bytes`.
    fn seal(mut bytes: Vec<u8>) -> Vec<u8> {
        let sum = crate::encode::checksum(&bytes).to_le_bytes();
        bytes[RECORD_CHECKSUM].copy_from_slice(&sum);
        bytes
    }

    #[test]
    fn struct_encoding_is_byte_exact() {
        let mut expected = Vec::new();
        expected.extend_from_slice(b"BREL\x03\x01\x00\x00");
        put(&mut expected, ENCODED.len() as u32);
        put_str(&mut expected, "task_struct___v1");
        put_str(&mut expected, "demo::task_struct");
        put(&mut expected, 40);
        put(&mut expected, 3);
        put(&mut expected, DESC.field_id(0));
        put_str(&mut expected, "pid");
        put(&mut expected, 4);
        put(&mut expected, 4);
        expected.push(0);
        put(&mut expected, 4);
        expected.push(1);
        put(&mut expected, DESC.field_id(1));
        put_str(&mut expected, "comm");
        put(&mut expected, 8);
        put(&mut expected, 16);
        expected.push(2);
        put(&mut expected, 16);
        expected.push(0);
        put(&mut expected, 1);
        expected.push(0);
        put(&mut expected, DESC.field_id(2));
        put_str(&mut expected, "mm");
        put(&mut expected, 24);
        put(&mut expected, 8);
        expected.push(1);
        assert_eq!(ENCODED.as_slice(), seal(expected).as_slice());
    }

    #[test]
    fn embedded_structs_are_referenced_by_rust_path() {
        let tail = &OUTER_ENCODED[OUTER_ENCODED.len() - (1 + 4 + INNER.rust_path.len())..];
        let mut expected = vec![3];
        put_str(&mut expected, "demo::sched_entity");
        assert_eq!(tail, expected.as_slice());
    }

    #[test]
    fn enum_encoding_is_byte_exact() {
        let mut expected = Vec::new();
        expected.extend_from_slice(b"BREL\x03\x02\x00\x00");
        put(&mut expected, ENUM_ENCODED.len() as u32);
        put_str(&mut expected, "pid_type");
        put_str(&mut expected, "demo::PidType");
        put(&mut expected, 4);
        expected.push(0);
        put(&mut expected, 2);
        put_str(&mut expected, "PIDTYPE_PID");
        expected.extend_from_slice(&0u64.to_le_bytes());
        put_str(&mut expected, "PIDTYPE_TGID");
        expected.extend_from_slice(&1u64.to_le_bytes());
        assert_eq!(ENUM_ENCODED.as_slice(), seal(expected).as_slice());
    }

    #[test]
    fn decode_inverts_encode() {
        let mut section = Vec::new();
        section.extend_from_slice(&ENCODED);
        section.extend_from_slice(&[0; 3]); // padding between records
        section.extend_from_slice(&ENUM_ENCODED);
        let records = decode(&section).map_err(|e| std::format!("{e}"));
        let Ok([Record::Struct(s), Record::Enum(e)]) = records.as_deref() else {
            panic!("unexpected records: {records:?}");
        };
        assert_eq!(
            (s.name.as_str(), s.size, s.fields.len()),
            ("task_struct___v1", 40, 3)
        );
        assert_eq!(
            s.fields[1].shape,
            Shape::Array {
                elem: Box::new(Shape::Int {
                    size: 1,
                    signed: false
                }),
                len: 16
            }
        );
        assert_eq!(
            e.variants,
            vec![("PIDTYPE_PID".into(), 0), ("PIDTYPE_TGID".into(), 1)]
        );
        assert_eq!(e.offset, ENCODED.len() + 3);
    }

    #[test]
    fn the_checksum_is_crc16_ccitt_false() {
        use crate::encode::checksum;
        // Reference values (CRC-16/CCITT-FALSE of "123456789" is the catalogue's 0x29b1); bytes
        // 6 and 7, where the checksum goes, count as zeros.
        assert_eq!(checksum(b""), 0xffff);
        assert_eq!(checksum(b"12345"), 0x4560);
        assert_eq!(checksum(b"123456\x00\x009"), 0xe5b8);
        assert_eq!(checksum(b"123456789"), 0xe5b8);
    }

    #[test]
    fn every_altered_byte_is_refused() {
        // A corrupted struct size, field offset, name, …: each single-byte change is refused,
        // by the check of the byte's own field or else by the checksum.
        assert!(decode(&ENCODED).is_ok());
        for at in 0..ENCODED.len() {
            for flip in [0x01, 0x80, 0xff] {
                let mut bytes = ENCODED.to_vec();
                bytes[at] ^= flip;
                let Err(error) = decode(&bytes) else {
                    panic!("byte {at} ^ {flip:#04x} decoded");
                };
                if (8..RECORD_HEADER_LEN).contains(&at) || at < 6 {
                    continue; // magic, version, kind, length: their own messages
                }
                assert!(
                    error.message.contains("checksum"),
                    "byte {at}: {}",
                    error.message
                );
            }
        }
        // The struct size, altered and resealed, is what it says.
        let mut bytes = ENCODED.to_vec();
        let size_at = RECORD_HEADER_LEN + 4 + DESC.name.len() + 4 + DESC.rust_path.len();
        bytes[size_at] = 48;
        let records = decode(&seal(bytes)).expect("resealed");
        assert!(matches!(&records[..], [Record::Struct(s)] if s.size == 48));
    }

    #[test]
    fn version_2_records_are_refused() {
        let mut bytes = ENCODED.to_vec();
        bytes[4] = 2;
        let error = decode(&bytes).err().map(|e| e.message);
        assert!(
            error
                .as_deref()
                .is_some_and(|m| m.contains("record version 2 is not supported")),
            "{error:?}"
        );
    }

    #[test]
    fn field_offsets_must_fit_btf() {
        const FAR: StructDescriptor = StructDescriptor {
            name: "far",
            rust_path: "demo::Far",
            size: 0x2000_0008,
            fields: &[FieldDescriptor {
                name: "x",
                offset: 0x2000_0000,
                size: 4,
                shape: TypeShape::Int {
                    size: 4,
                    signed: false,
                },
            }],
        };
        static FAR_ENCODED: [u8; encoded_len(&FAR)] = encode(&FAR);
        let error = decode(&FAR_ENCODED).err().map(|e| e.message);
        assert!(
            error
                .as_deref()
                .is_some_and(|m| m.contains("`far.x` at byte 536870912 lies beyond")),
            "{error:?}"
        );
    }

    #[test]
    fn fits_bounds() {
        assert!(fits(255, 1, false) && !fits(256, 1, false));
        assert!(fits(-128, 1, true) && !fits(-129, 1, true));
        assert!(fits(-1, 8, false));
    }
}
