//! The relocation kinds: the uapi `enum bpf_core_relo_kind`, with their uapi names.

/// A CO-RE relocation kind (`enum bpf_core_relo_kind` of the kernel's uapi `bpf.h`).
///
/// The "[Pre-RFC] BTF relocations" numbers the first three differently; these are the values
/// the kernel, libbpf and aya use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u32)]
pub enum RelocKind {
    /// The field's offset in bytes from the start of the root type.
    FieldByteOffset = 0,
    /// The field's size in bytes.
    FieldByteSize = 1,
    /// 1 when the field exists in the target, else 0.
    FieldExists = 2,
    /// 1 when the field is a signed integer (or a signed enum).
    FieldSigned = 3,
    /// The left shift that puts a bitfield's top bit at bit 63 of a `u64` loaded from its
    /// byte offset with its byte size.
    FieldLshiftU64 = 4,
    /// The right shift that follows it (`64 - bit size`).
    FieldRshiftU64 = 5,
    /// The id of the type in the program's own BTF.
    TypeIdLocal = 6,
    /// The id of the matching type in the target BTF.
    TypeIdTarget = 7,
    /// 1 when the type exists in the target.
    TypeExists = 8,
    /// The type's size in the target.
    TypeSize = 9,
    /// 1 when the enumerator exists in the target.
    EnumvalExists = 10,
    /// The enumerator's value in the target.
    EnumvalValue = 11,
    /// 1 when the target type matches the local one by libbpf's stricter `TYPE_MATCHES` rules.
    TypeMatches = 12,
}

/// What a relocation kind is about, which decides how its access string reads and which id space
/// its marker's id belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KindClass {
    /// A field reached by an access path (`0:2:1`).
    Field,
    /// A whole type (access string `0`).
    Type,
    /// An enumerator (access string: its index).
    EnumValue,
}

impl RelocKind {
    /// Every kind, in uapi order.
    pub const ALL: [Self; 13] = [
        Self::FieldByteOffset,
        Self::FieldByteSize,
        Self::FieldExists,
        Self::FieldSigned,
        Self::FieldLshiftU64,
        Self::FieldRshiftU64,
        Self::TypeIdLocal,
        Self::TypeIdTarget,
        Self::TypeExists,
        Self::TypeSize,
        Self::EnumvalExists,
        Self::EnumvalValue,
        Self::TypeMatches,
    ];

    /// The kind with uapi value `value`.
    pub const fn from_u32(value: u32) -> Option<Self> {
        if (value as usize) < Self::ALL.len() {
            Some(Self::ALL[value as usize])
        } else {
            None
        }
    }

    /// The uapi name without its `BPF_CORE_` prefix: `FIELD_BYTE_OFFSET`.
    pub const fn name(self) -> &'static str {
        match self {
            Self::FieldByteOffset => "FIELD_BYTE_OFFSET",
            Self::FieldByteSize => "FIELD_BYTE_SIZE",
            Self::FieldExists => "FIELD_EXISTS",
            Self::FieldSigned => "FIELD_SIGNED",
            Self::FieldLshiftU64 => "FIELD_LSHIFT_U64",
            Self::FieldRshiftU64 => "FIELD_RSHIFT_U64",
            Self::TypeIdLocal => "TYPE_ID_LOCAL",
            Self::TypeIdTarget => "TYPE_ID_TARGET",
            Self::TypeExists => "TYPE_EXISTS",
            Self::TypeSize => "TYPE_SIZE",
            Self::EnumvalExists => "ENUMVAL_EXISTS",
            Self::EnumvalValue => "ENUMVAL_VALUE",
            Self::TypeMatches => "TYPE_MATCHES",
        }
    }

    /// What the kind relocates: a field, a type or an enumerator.
    pub const fn class(self) -> KindClass {
        match self {
            Self::FieldByteOffset
            | Self::FieldByteSize
            | Self::FieldExists
            | Self::FieldSigned
            | Self::FieldLshiftU64
            | Self::FieldRshiftU64 => KindClass::Field,
            Self::TypeIdLocal
            | Self::TypeIdTarget
            | Self::TypeExists
            | Self::TypeSize
            | Self::TypeMatches => KindClass::Type,
            Self::EnumvalExists | Self::EnumvalValue => KindClass::EnumValue,
        }
    }
}

impl core::fmt::Display for RelocKind {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_the_uapi_ones() {
        for (value, kind) in RelocKind::ALL.iter().enumerate() {
            assert_eq!(*kind as u32 as usize, value);
            assert_eq!(RelocKind::from_u32(value as u32), Some(*kind));
        }
        assert_eq!(RelocKind::from_u32(13), None);
        assert_eq!(RelocKind::FieldExists as u32, 2);
        assert_eq!(RelocKind::EnumvalValue.name(), "ENUMVAL_VALUE");
        assert_eq!(RelocKind::TypeSize.class(), KindClass::Type);
    }
}
