//! Compile-time descriptions of relocatable types, as `#[derive(BtfRelocatable)]` and
//! `#[derive(BtfEnum)]` declare them: the kernel name, the local (Rust) layout and, per field,
//! the [`TypeShape`] libbpf's compatibility rules look at. The `bpf` backend
//! [encodes](crate::encode) them into the descriptor section; the host simulation reads them
//! directly.

use crate::id::{id_seed, id_step};

/// What a field's type looks like to BTF: enough for libbpf's field compatibility rules (ints
/// match ints of any size, pointers match pointers, composites match composites, arrays match
/// element-wise).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TypeShape {
    /// An integer of `size` bytes.
    Int {
        /// Size in bytes (1, 2, 4, 8 or 16).
        size: usize,
        /// Whether the integer is signed.
        signed: bool,
    },
    /// A pointer to anything: `void *` in the local BTF (any two pointers are compatible fields).
    Ptr,
    /// A fixed-length array.
    Array {
        /// Shape of one element.
        elem: &'static TypeShape,
        /// Number of elements.
        len: usize,
    },
    /// An embedded `#[derive(BtfRelocatable)]` struct.
    Struct(&'static StructDescriptor),
    /// An embedded `#[derive(BtfRelocatable)]` union (its descriptor has the layout of a struct's,
    /// every field at offset 0; the kind is this variant).
    Union(&'static StructDescriptor),
    /// A pointer to a known type: the local BTF describes the pointee, which only `TYPE_MATCHES`
    /// looks at ([`TypeShape::Ptr`] is `void *`).
    PtrTo(&'static PointeeShape),
    /// A value of a `#[derive(BtfEnum)]` enum (a member of enum type: libbpf matches it only
    /// with a target member of an enum type, of the same name or anonymous).
    Enum(&'static EnumDescriptor),
}

/// What a [`TypeShape::PtrTo`] points at. A struct or union is known by its kernel name and
/// kind only, as a C forward declaration is: `TYPE_MATCHES` compares no more behind a pointer,
/// and a pointer to a struct from one of its own fields (`task_struct.real_parent`) needs no
/// description of the struct inside its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PointeeShape {
    /// An integer of `size` bytes.
    Int {
        /// Size in bytes.
        size: usize,
        /// Whether the integer is signed.
        signed: bool,
    },
    /// A `#[derive(BtfRelocatable)]` struct or union, by its kernel name.
    Named {
        /// A union rather than a struct.
        union: bool,
        /// The kernel name (with any `___flavor`).
        name: &'static str,
    },
    /// A pointer: to `void` (`None`) or to a known type.
    Ptr(Option<&'static PointeeShape>),
}

/// One relocatable field of a [`StructDescriptor`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FieldDescriptor {
    /// The field name in the kernel (after `#[btf(rename)]`).
    pub name: &'static str,
    /// Byte offset of the field in the local (Rust) declaration.
    pub offset: usize,
    /// Byte size of the field in the local declaration.
    pub size: usize,
    /// Shape of the field type.
    pub shape: TypeShape,
}

/// A relocatable struct (or union: see [`TypeDescriptor::Union`]) as the derive declared it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct StructDescriptor {
    /// The kernel type name, possibly with a `___flavor` suffix.
    pub name: &'static str,
    /// Path of the Rust type (`module_path!()::Ident`); seeds the ids.
    pub rust_path: &'static str,
    /// Local size of the struct in bytes.
    pub size: usize,
    /// The relocatable fields, in declaration order (skipped fields are absent).
    pub fields: &'static [FieldDescriptor],
}

impl StructDescriptor {
    /// The id of field `index` (an access path of length 1).
    pub const fn field_id(&self, index: usize) -> u32 {
        id_step(id_seed(self.rust_path), index)
    }

    /// The id of the struct itself, for the type kinds.
    pub const fn type_id(&self) -> u32 {
        id_seed(self.rust_path)
    }
}

/// One variant of an [`EnumDescriptor`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct VariantDescriptor {
    /// The enumerator's name in the kernel.
    pub name: &'static str,
    /// Its local value (the Rust discriminant).
    pub value: i64,
}

/// A kernel enum as `#[derive(BtfEnum)]` declared it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct EnumDescriptor {
    /// The kernel type name, possibly with a `___flavor` suffix.
    pub name: &'static str,
    /// Path of the Rust type (`module_path!()::Ident`); seeds the ids.
    pub rust_path: &'static str,
    /// Local size in bytes (4 unless the values need 8).
    pub size: usize,
    /// Whether the local values are signed.
    pub signed: bool,
    /// The variants, in declaration order.
    pub variants: &'static [VariantDescriptor],
}

impl EnumDescriptor {
    /// The id of the enum itself, for the type kinds.
    pub const fn type_id(&self) -> u32 {
        id_seed(self.rust_path)
    }

    /// The id of variant `index`, for the enum value kinds.
    pub const fn variant_id(&self, index: usize) -> u32 {
        id_step(id_seed(self.rust_path), index)
    }

    /// Local size of an enum with these values: 4 bytes unless a value needs 8.
    pub const fn size_of_values(values: &[i64]) -> usize {
        let mut i = 0;
        while i < values.len() {
            if values[i] < i32::MIN as i64 || values[i] > u32::MAX as i64 {
                return 8;
            }
            i += 1;
        }
        4
    }

    /// Whether an enum with these values is signed (has a negative value).
    pub const fn signed_values(values: &[i64]) -> bool {
        let mut i = 0;
        while i < values.len() {
            if values[i] < 0 {
                return true;
            }
            i += 1;
        }
        false
    }
}

/// A struct, union or enum, for the type relocations (`TYPE_EXISTS`, `TYPE_SIZE`,
/// `TYPE_ID_LOCAL`, `TYPE_ID_TARGET`, `TYPE_MATCHES`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TypeDescriptor {
    /// A `#[derive(BtfRelocatable)]` struct.
    Struct(&'static StructDescriptor),
    /// A `#[derive(BtfRelocatable)]` union: a [`StructDescriptor`] whose fields all sit at
    /// offset 0, written to BTF as a `BTF_KIND_UNION`.
    Union(&'static StructDescriptor),
    /// A `#[derive(BtfEnum)]` enum.
    Enum(&'static EnumDescriptor),
    /// A struct, union or enum the kernel knows by a typedef name (`typedef struct { … }
    /// kuid_t;`): `#[btf(typedef = "kuid_t")]`. The typedef is the root of its relocations, as
    /// it is of clang's for `bpf_core_type_exists(kuid_t)`; the type under it keeps its own
    /// (possibly empty: anonymous) name.
    Typedef {
        /// The typedef's name (with any `___flavor`).
        name: &'static str,
        /// The type it names.
        of: &'static TypeDescriptor,
    },
}

impl TypeDescriptor {
    /// The id of the type, for the type kinds.
    pub const fn type_id(&self) -> u32 {
        match self {
            Self::Struct(desc) | Self::Union(desc) => desc.type_id(),
            Self::Enum(desc) => desc.type_id(),
            Self::Typedef { of, .. } => of.type_id(),
        }
    }

    /// Path of the Rust type (`module_path!()::Ident`), which identifies its descriptor.
    pub const fn rust_path(&self) -> &'static str {
        match self {
            Self::Struct(desc) | Self::Union(desc) => desc.rust_path,
            Self::Enum(desc) => desc.rust_path,
            Self::Typedef { of, .. } => of.rust_path(),
        }
    }

    /// The struct, union or enum under any typedef.
    pub const fn base(&self) -> &TypeDescriptor {
        match self {
            Self::Typedef { of, .. } => of.base(),
            other => other,
        }
    }

    /// The typedef name the kernel knows the type by, if any (the outermost).
    pub const fn typedef(&self) -> Option<&'static str> {
        match self {
            Self::Typedef { name, .. } => Some(name),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DESC: StructDescriptor = StructDescriptor {
        name: "task_struct",
        rust_path: "demo::task_struct",
        size: 8,
        fields: &[],
    };

    #[test]
    fn ids_follow_the_scheme() {
        assert_eq!(DESC.type_id(), id_seed("demo::task_struct"));
        assert_eq!(DESC.field_id(2), id_step(id_seed("demo::task_struct"), 2));
        let other = StructDescriptor {
            rust_path: "demo::other",
            ..DESC
        };
        assert_ne!(DESC.field_id(0), DESC.field_id(1));
        assert_ne!(DESC.field_id(0), other.field_id(0));
    }

    #[test]
    fn enum_sizes() {
        assert_eq!(EnumDescriptor::size_of_values(&[0, 1, u32::MAX as i64]), 4);
        assert_eq!(EnumDescriptor::size_of_values(&[i32::MIN as i64]), 4);
        assert_eq!(EnumDescriptor::size_of_values(&[1 << 32]), 8);
        assert!(EnumDescriptor::signed_values(&[0, -1]));
        assert!(!EnumDescriptor::signed_values(&[0, 1]));
    }
}
