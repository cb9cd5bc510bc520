//! The BTF type model and its binary layout: every kind the kernel emits, decoded from and
//! encoded to the bytes of a type section. This is the only place that knows the layout of a
//! `struct btf_type` and of the records that follow it; decoding then encoding a type gives back
//! its bytes exactly.

use crate::error::Error;

/// A type id: the index of a type in its BTF, counting from 1; 0 is `void`.
pub type TypeId = u32;

/// `BTF_INT_SIGNED` in an int's encoding.
pub const INT_SIGNED: u8 = 1;
/// `BTF_INT_CHAR` in an int's encoding.
pub const INT_CHAR: u8 = 2;
/// `BTF_INT_BOOL` in an int's encoding.
pub const INT_BOOL: u8 = 4;

const KIND_INT: u32 = 1;
const KIND_PTR: u32 = 2;
const KIND_ARRAY: u32 = 3;
const KIND_STRUCT: u32 = 4;
const KIND_UNION: u32 = 5;
const KIND_ENUM: u32 = 6;
const KIND_FWD: u32 = 7;
const KIND_TYPEDEF: u32 = 8;
const KIND_VOLATILE: u32 = 9;
const KIND_CONST: u32 = 10;
const KIND_RESTRICT: u32 = 11;
const KIND_FUNC: u32 = 12;
const KIND_FUNC_PROTO: u32 = 13;
const KIND_VAR: u32 = 14;
const KIND_DATASEC: u32 = 15;
const KIND_FLOAT: u32 = 16;
const KIND_DECL_TAG: u32 = 17;
const KIND_TYPE_TAG: u32 = 18;
const KIND_ENUM64: u32 = 19;

/// Most members, enumerators, parameters or variables one type can have (`vlen` is 16 bits).
pub const MAX_VLEN: usize = 0xffff;

/// One type: its name (an offset into the string section, 0 for none) and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Type {
    /// Offset of the name in the string section; 0 for an anonymous type.
    pub name_off: u32,
    /// The kind and its data.
    pub kind: Kind,
}

/// An integer type (`BTF_KIND_INT`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Int {
    /// Size in bytes.
    pub size: u32,
    /// `INT_SIGNED | INT_CHAR | INT_BOOL` bits.
    pub encoding: u8,
    /// Bit offset of the value (non-zero only in deprecated bitfield-like ints).
    pub offset: u8,
    /// Number of value bits.
    pub bits: u8,
}

impl Int {
    /// Whether the integer is signed.
    pub fn is_signed(&self) -> bool {
        self.encoding & INT_SIGNED != 0
    }
}

/// An array type (`BTF_KIND_ARRAY`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Array {
    /// Element type.
    pub elem: TypeId,
    /// Index type.
    pub index: TypeId,
    /// Number of elements.
    pub len: u32,
}

/// One member of a struct or union.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Member {
    /// Offset of the name; 0 for an anonymous member (an embedded anonymous struct or union).
    pub name_off: u32,
    /// The member's type.
    pub ty: TypeId,
    /// The raw offset word: the bit offset, or with [`Composite::kflag`] the bitfield size in
    /// the top 8 bits and the bit offset in the low 24.
    pub offset: u32,
}

/// A struct or union type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Composite {
    /// Size in bytes.
    pub size: u32,
    /// Whether member offsets carry bitfield sizes (`kind_flag`).
    pub kflag: bool,
    /// The members, in BTF order.
    pub members: Vec<Member>,
}

impl Composite {
    /// Bit offset of `member` from the start of the struct (libbpf's `btf_member_bit_offset`).
    pub fn bit_offset(&self, member: &Member) -> u32 {
        if self.kflag {
            member.offset & 0x00ff_ffff
        } else {
            member.offset
        }
    }

    /// Bitfield size of `member` in bits, 0 when it is not a bitfield
    /// (libbpf's `btf_member_bitfield_size`).
    pub fn bitfield_size(&self, member: &Member) -> u32 {
        if self.kflag {
            member.offset >> 24
        } else {
            0
        }
    }
}

/// One enumerator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Enumerator {
    /// Offset of the name.
    pub name_off: u32,
    /// The value as libbpf reads it: a `BTF_KIND_ENUM`'s 32-bit value sign-extended, a
    /// `BTF_KIND_ENUM64`'s two halves joined.
    pub value: u64,
}

/// An enum type (`BTF_KIND_ENUM` or `BTF_KIND_ENUM64`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enum {
    /// Size in bytes.
    pub size: u32,
    /// Whether the values are signed (`kind_flag`).
    pub signed: bool,
    /// The enumerators, in BTF order.
    pub values: Vec<Enumerator>,
}

/// One parameter of a function prototype.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Param {
    /// Offset of the name (0 when unnamed).
    pub name_off: u32,
    /// The parameter's type (0 for a trailing `...`).
    pub ty: TypeId,
}

/// One variable of a data section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VarSecInfo {
    /// The `BTF_KIND_VAR` (or `FUNC`) type.
    pub ty: TypeId,
    /// Offset in the section.
    pub offset: u32,
    /// Size in bytes.
    pub size: u32,
}

/// What a type is, with its kind-specific data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// `BTF_KIND_INT`.
    Int(Int),
    /// `BTF_KIND_PTR` to the type.
    Ptr(TypeId),
    /// `BTF_KIND_ARRAY`.
    Array(Array),
    /// `BTF_KIND_STRUCT`.
    Struct(Composite),
    /// `BTF_KIND_UNION`.
    Union(Composite),
    /// `BTF_KIND_ENUM`.
    Enum(Enum),
    /// `BTF_KIND_FWD`; `union` when it declares a union.
    Fwd {
        /// Whether a union is declared (else a struct).
        union: bool,
    },
    /// `BTF_KIND_TYPEDEF` of the type.
    Typedef(TypeId),
    /// `BTF_KIND_VOLATILE` of the type.
    Volatile(TypeId),
    /// `BTF_KIND_CONST` of the type.
    Const(TypeId),
    /// `BTF_KIND_RESTRICT` of the type.
    Restrict(TypeId),
    /// `BTF_KIND_FUNC`.
    Func {
        /// Its `FUNC_PROTO`.
        proto: TypeId,
        /// Linkage (static, global, extern).
        linkage: u16,
    },
    /// `BTF_KIND_FUNC_PROTO`.
    FuncProto {
        /// Return type.
        ret: TypeId,
        /// Parameters.
        params: Vec<Param>,
    },
    /// `BTF_KIND_VAR`.
    Var {
        /// The variable's type.
        ty: TypeId,
        /// Linkage.
        linkage: u32,
    },
    /// `BTF_KIND_DATASEC`.
    Datasec {
        /// Section size.
        size: u32,
        /// Its variables.
        vars: Vec<VarSecInfo>,
    },
    /// `BTF_KIND_FLOAT` of `size` bytes.
    Float {
        /// Size in bytes.
        size: u32,
    },
    /// `BTF_KIND_DECL_TAG`.
    DeclTag {
        /// The tagged type.
        ty: TypeId,
        /// Member or parameter index, -1 for the type itself.
        component: i32,
        /// `kind_flag`: the tag is an attribute.
        kflag: bool,
    },
    /// `BTF_KIND_TYPE_TAG` of the type.
    TypeTag {
        /// The tagged type.
        ty: TypeId,
        /// `kind_flag`: the tag is an attribute.
        kflag: bool,
    },
    /// `BTF_KIND_ENUM64`.
    Enum64(Enum),
}

impl Kind {
    /// The uapi `BTF_KIND_*` value.
    pub fn number(&self) -> u32 {
        match self {
            Self::Int(_) => KIND_INT,
            Self::Ptr(_) => KIND_PTR,
            Self::Array(_) => KIND_ARRAY,
            Self::Struct(_) => KIND_STRUCT,
            Self::Union(_) => KIND_UNION,
            Self::Enum(_) => KIND_ENUM,
            Self::Fwd { .. } => KIND_FWD,
            Self::Typedef(_) => KIND_TYPEDEF,
            Self::Volatile(_) => KIND_VOLATILE,
            Self::Const(_) => KIND_CONST,
            Self::Restrict(_) => KIND_RESTRICT,
            Self::Func { .. } => KIND_FUNC,
            Self::FuncProto { .. } => KIND_FUNC_PROTO,
            Self::Var { .. } => KIND_VAR,
            Self::Datasec { .. } => KIND_DATASEC,
            Self::Float { .. } => KIND_FLOAT,
            Self::DeclTag { .. } => KIND_DECL_TAG,
            Self::TypeTag { .. } => KIND_TYPE_TAG,
            Self::Enum64(_) => KIND_ENUM64,
        }
    }

    /// The kind's name as bpftool prints it: `STRUCT`, `ENUM64`, …
    pub fn name(&self) -> &'static str {
        kind_name(self.number())
    }

    /// The type this one refers to, for the kinds that refer to exactly one (modifiers,
    /// typedefs, pointers, variables, tags).
    pub fn referenced(&self) -> Option<TypeId> {
        match *self {
            Self::Ptr(ty)
            | Self::Typedef(ty)
            | Self::Volatile(ty)
            | Self::Const(ty)
            | Self::Restrict(ty)
            | Self::Var { ty, .. }
            | Self::DeclTag { ty, .. }
            | Self::TypeTag { ty, .. } => Some(ty),
            _ => None,
        }
    }

    /// Whether the kind is a struct or union.
    pub fn composite(&self) -> Option<&Composite> {
        match self {
            Self::Struct(c) | Self::Union(c) => Some(c),
            _ => None,
        }
    }

    /// Whether the kind is an enum or enum64.
    pub fn any_enum(&self) -> Option<&Enum> {
        match self {
            Self::Enum(e) | Self::Enum64(e) => Some(e),
            _ => None,
        }
    }
}

/// `BTF_KIND_*` names, for messages.
pub fn kind_name(kind: u32) -> &'static str {
    match kind {
        0 => "UNKN",
        KIND_INT => "INT",
        KIND_PTR => "PTR",
        KIND_ARRAY => "ARRAY",
        KIND_STRUCT => "STRUCT",
        KIND_UNION => "UNION",
        KIND_ENUM => "ENUM",
        KIND_FWD => "FWD",
        KIND_TYPEDEF => "TYPEDEF",
        KIND_VOLATILE => "VOLATILE",
        KIND_CONST => "CONST",
        KIND_RESTRICT => "RESTRICT",
        KIND_FUNC => "FUNC",
        KIND_FUNC_PROTO => "FUNC_PROTO",
        KIND_VAR => "VAR",
        KIND_DATASEC => "DATASEC",
        KIND_FLOAT => "FLOAT",
        KIND_DECL_TAG => "DECL_TAG",
        KIND_TYPE_TAG => "TYPE_TAG",
        KIND_ENUM64 => "ENUM64",
        _ => "UNKNOWN",
    }
}

/// Reads little-endian words from a type section and reports where it ran out.
struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
    id: TypeId,
}

impl Reader<'_> {
    fn u32(&mut self, what: &str) -> Result<u32, Error> {
        let bytes = self
            .pos
            .checked_add(4)
            .and_then(|end| self.data.get(self.pos..end))
            .ok_or_else(|| {
                Error::new(format!(
                    "type {} is truncated: its {what} at byte {} of the type section runs past \
                     its end ({} bytes)",
                    self.id,
                    self.pos,
                    self.data.len()
                ))
            })?;
        self.pos += 4;
        Ok(u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]))
    }
}

/// Decodes the type with id `id` starting at byte `pos` of the type section `data`; returns it
/// and the position after it.
pub(crate) fn decode(data: &[u8], pos: usize, id: TypeId) -> Result<(Type, usize), Error> {
    let mut r = Reader { data, pos, id };
    let name_off = r.u32("name")?;
    let info = r.u32("info")?;
    let size_or_type = r.u32("size/type")?;
    let number = (info >> 24) & 0x1f;
    let kflag = info >> 31 != 0;
    let vlen = (info & 0xffff) as usize;
    let bad = |what: String| Error::new(format!("type {id} ({}): {what}", kind_name(number)));
    let items = |r: &mut Reader<'_>, words: usize| -> Result<Vec<u32>, Error> {
        // Bound the allocation by what the section can still hold.
        let remaining = (r.data.len().saturating_sub(r.pos)) / 4;
        let count = vlen.saturating_mul(words);
        if count > remaining {
            return Err(Error::new(format!(
                "type {id} ({}) with vlen {vlen} runs past the end of the type section",
                kind_name(number)
            )));
        }
        (0..count).map(|_| r.u32("records")).collect()
    };
    let kind = match number {
        KIND_INT => {
            let word = r.u32("int encoding")?;
            Kind::Int(Int {
                size: size_or_type,
                encoding: (word >> 24) as u8 & 0x0f,
                offset: (word >> 16) as u8,
                bits: word as u8,
            })
        }
        KIND_PTR => Kind::Ptr(size_or_type),
        KIND_ARRAY => {
            let elem = r.u32("array element type")?;
            let index = r.u32("array index type")?;
            let len = r.u32("array length")?;
            Kind::Array(Array { elem, index, len })
        }
        KIND_STRUCT | KIND_UNION => {
            let words = items(&mut r, 3)?;
            let composite = Composite {
                size: size_or_type,
                kflag,
                members: words
                    .chunks_exact(3)
                    .map(|m| Member {
                        name_off: m[0],
                        ty: m[1],
                        offset: m[2],
                    })
                    .collect(),
            };
            if number == KIND_STRUCT {
                Kind::Struct(composite)
            } else {
                Kind::Union(composite)
            }
        }
        KIND_ENUM => {
            let words = items(&mut r, 2)?;
            Kind::Enum(Enum {
                size: size_or_type,
                signed: kflag,
                values: words
                    .chunks_exact(2)
                    .map(|e| Enumerator {
                        name_off: e[0],
                        value: i64::from(e[1] as i32) as u64,
                    })
                    .collect(),
            })
        }
        KIND_ENUM64 => {
            let words = items(&mut r, 3)?;
            Kind::Enum64(Enum {
                size: size_or_type,
                signed: kflag,
                values: words
                    .chunks_exact(3)
                    .map(|e| Enumerator {
                        name_off: e[0],
                        value: u64::from(e[2]) << 32 | u64::from(e[1]),
                    })
                    .collect(),
            })
        }
        KIND_FWD => Kind::Fwd { union: kflag },
        KIND_TYPEDEF => Kind::Typedef(size_or_type),
        KIND_VOLATILE => Kind::Volatile(size_or_type),
        KIND_CONST => Kind::Const(size_or_type),
        KIND_RESTRICT => Kind::Restrict(size_or_type),
        KIND_FUNC => Kind::Func {
            proto: size_or_type,
            linkage: vlen as u16,
        },
        KIND_FUNC_PROTO => {
            let words = items(&mut r, 2)?;
            Kind::FuncProto {
                ret: size_or_type,
                params: words
                    .chunks_exact(2)
                    .map(|p| Param {
                        name_off: p[0],
                        ty: p[1],
                    })
                    .collect(),
            }
        }
        KIND_VAR => Kind::Var {
            ty: size_or_type,
            linkage: r.u32("var linkage")?,
        },
        KIND_DATASEC => {
            let words = items(&mut r, 3)?;
            Kind::Datasec {
                size: size_or_type,
                vars: words
                    .chunks_exact(3)
                    .map(|v| VarSecInfo {
                        ty: v[0],
                        offset: v[1],
                        size: v[2],
                    })
                    .collect(),
            }
        }
        KIND_FLOAT => Kind::Float { size: size_or_type },
        KIND_DECL_TAG => Kind::DeclTag {
            ty: size_or_type,
            component: r.u32("decl tag component index")? as i32,
            kflag,
        },
        KIND_TYPE_TAG => Kind::TypeTag {
            ty: size_or_type,
            kflag,
        },
        other => return Err(Error::new(format!("type {id} has unknown kind {other}"))),
    };
    let ty = Type { name_off, kind };
    // Anything the model does not hold (stray vlen or kind_flag bits, reserved bits) would be
    // lost on re-encoding: refuse it rather than silently change the type.
    let mut check = Vec::with_capacity(r.pos - pos);
    encode(&ty, &mut check)?;
    if data.get(pos..r.pos) != Some(check.as_slice()) {
        return Err(bad(format!(
            "info word {info:#010x} holds bits this kind does not use (vlen {vlen}, kind_flag \
             {kflag})"
        )));
    }
    Ok((ty, r.pos))
}

fn push(out: &mut Vec<u8>, word: u32) {
    out.extend_from_slice(&word.to_le_bytes());
}

fn vlen_of(len: usize, what: &str) -> Result<u32, Error> {
    if len > MAX_VLEN {
        return Err(Error::new(format!(
            "{what}: {len} entries, more than BTF's {MAX_VLEN}"
        )));
    }
    Ok(len as u32)
}

/// Appends the bytes of `ty` to `out`.
pub(crate) fn encode(ty: &Type, out: &mut Vec<u8>) -> Result<(), Error> {
    let number = ty.kind.number();
    let header = |out: &mut Vec<u8>, kflag: bool, vlen: u32, size_or_type: u32| {
        push(out, ty.name_off);
        push(out, u32::from(kflag) << 31 | number << 24 | vlen);
        push(out, size_or_type);
    };
    match &ty.kind {
        Kind::Int(int) => {
            header(out, false, 0, int.size);
            push(
                out,
                u32::from(int.encoding & 0x0f) << 24
                    | u32::from(int.offset) << 16
                    | u32::from(int.bits),
            );
        }
        Kind::Ptr(t)
        | Kind::Typedef(t)
        | Kind::Volatile(t)
        | Kind::Const(t)
        | Kind::Restrict(t) => {
            header(out, false, 0, *t);
        }
        Kind::Array(a) => {
            header(out, false, 0, 0);
            push(out, a.elem);
            push(out, a.index);
            push(out, a.len);
        }
        Kind::Struct(c) | Kind::Union(c) => {
            header(
                out,
                c.kflag,
                vlen_of(c.members.len(), "struct/union members")?,
                c.size,
            );
            for m in &c.members {
                push(out, m.name_off);
                push(out, m.ty);
                push(out, m.offset);
            }
        }
        Kind::Enum(e) => {
            header(
                out,
                e.signed,
                vlen_of(e.values.len(), "enumerators")?,
                e.size,
            );
            for v in &e.values {
                push(out, v.name_off);
                push(out, v.value as u32);
            }
        }
        Kind::Enum64(e) => {
            header(
                out,
                e.signed,
                vlen_of(e.values.len(), "enumerators")?,
                e.size,
            );
            for v in &e.values {
                push(out, v.name_off);
                push(out, v.value as u32);
                push(out, (v.value >> 32) as u32);
            }
        }
        Kind::Fwd { union } => header(out, *union, 0, 0),
        Kind::Func { proto, linkage } => header(out, false, u32::from(*linkage), *proto),
        Kind::FuncProto { ret, params } => {
            header(out, false, vlen_of(params.len(), "parameters")?, *ret);
            for p in params {
                push(out, p.name_off);
                push(out, p.ty);
            }
        }
        Kind::Var { ty: t, linkage } => {
            header(out, false, 0, *t);
            push(out, *linkage);
        }
        Kind::Datasec { size, vars } => {
            header(out, false, vlen_of(vars.len(), "section variables")?, *size);
            for v in vars {
                push(out, v.ty);
                push(out, v.offset);
                push(out, v.size);
            }
        }
        Kind::Float { size } => header(out, false, 0, *size),
        Kind::DeclTag {
            ty: t,
            component,
            kflag,
        } => {
            header(out, *kflag, 0, *t);
            push(out, *component as u32);
        }
        Kind::TypeTag { ty: t, kflag } => header(out, *kflag, 0, *t),
    }
    Ok(())
}
