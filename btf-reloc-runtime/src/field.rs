//! The traits the derives implement, and the field types a relocatable getter can produce.

use crate::error::RelocatableFieldAccessError;
use crate::path::{Leaf, Member, Path, Projection, Root};
use crate::ptr::{AddressSpace, Ptr};
use crate::read;
use btf_reloc_format::descriptor::{EnumDescriptor, StructDescriptor, TypeDescriptor, TypeShape};

/// A `#[repr(C)]` struct whose fields are read at the offsets of the running kernel's layout.
///
/// Implement it with `#[derive(BtfRelocatable)]`; see the crate documentation.
///
/// # Safety
///
/// `Fields<S, P>` must be a `#[repr(transparent)]` wrapper around [`Ptr<Self, S, P>`](Ptr) (the
/// handle dereferences to it by a pointer cast), and `DESCRIPTOR` must describe `Self` truthfully
/// (local offsets and sizes from `offset_of!` and `size_of`).
pub unsafe trait BtfRelocatable: Sized + 'static {
    /// The compile-time description of the struct the backends relocate against.
    const DESCRIPTOR: StructDescriptor;

    /// The generated type carrying one getter per field; `Ptr<Self, S, P>` dereferences to it.
    type Fields<S: AddressSpace, P: Path>;
}

/// The field paths of a relocatable struct, as values: how `btf::field_byte_offset!` turns field
/// names into a [`Path`] (see [`Projection`]).
///
/// Implemented by the derive, for the projection type it generates in a block of its own: a
/// struct named like `Self`, with one field per relocatable field, of the same name and
/// visibility (so a path obeys field privacy, as `offset_of!` does).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a relocatable struct",
    label = "not `#[derive(BtfRelocatable)]`",
    note = "the `btf::field_byte_offset!` family takes a struct declared with \
            `#[derive(BtfRelocatable)]` and `#[repr(C)]`"
)]
pub trait Projectable: BtfRelocatable {
    /// `Self`'s fields at path `P`.
    type Projection<P: Path>: Projection<Path = P>;

    /// The empty path at `Self`: a path of field names is a field access on it.
    const ROOT: Self::Projection<Root<Self>> = <Self::Projection<Root<Self>> as Projection>::HERE;
}

/// Field number `I` (in declaration order, skipped fields not counted) of a relocatable struct.
///
/// Implemented by the derive. The intrinsics and reads are generic over it.
pub trait RelocatableField<const I: usize>: BtfRelocatable {
    /// The declared Rust type of the field.
    type Type: FieldType;
}

/// A kernel type whose existence and size can be asked about (`BPF_CORE_TYPE_EXISTS`,
/// `BPF_CORE_TYPE_SIZE`): every `#[derive(BtfRelocatable)]` struct and `#[derive(BtfEnum)]` enum.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a kernel type btf-reloc can relocate",
    label = "no BTF description",
    note = "derive BtfRelocatable (for a struct) or BtfEnum (for an enum) on it"
)]
pub trait BtfType: 'static {
    /// The type's descriptor.
    const TYPE: TypeDescriptor;
}

/// A fieldless enum mirroring a kernel enum; implement it with `#[derive(BtfEnum)]`.
pub trait BtfEnum: Sized + 'static {
    /// The compile-time description the backends relocate against.
    const DESCRIPTOR: EnumDescriptor;
}

/// The value a getter returns for field `I` of `T` after path `P` (see [`FieldValue`]); named
/// through `RelocatableField` so that an unreadable field type is reported once.
pub type FieldOf<T, S, P, const I: usize> =
    <<T as RelocatableField<I>>::Type as FieldType>::Value<S, crate::path::Member<P, I>>;

/// The projection of field `I` of `T` after path `P`: the type of the projection's field of
/// that name. (Named through `RelocatableField`, as [`FieldOf`].)
pub type ProjectionOf<T, P, const I: usize> =
    <<T as RelocatableField<I>>::Type as FieldType>::Projection<Member<P, I>>;

/// The value a getter returns for a field of type `T` at path `P`: the value itself for plain
/// data, a [`Ptr`] handle for an embedded relocatable struct.
pub type FieldValue<T, S, P> = <T as FieldType>::Value<S, P>;

/// A type a relocatable field can have.
///
/// Implemented for integers, raw pointers, [`Ptr`] (`KernelPtr` / `UserPtr`), arrays of these,
/// and every `#[derive(BtfRelocatable)]` struct.
///
/// # Safety
///
/// Every bit pattern of `size_of::<Self>()` bytes must be a valid `Self` (a read copies raw bytes
/// from kernel or user memory), and `SHAPE` must describe the type's size truthfully.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be the type of a relocatable field",
    label = "not plain data with a BTF shape",
    note = "use an integer, an array, a raw pointer, KernelPtr/UserPtr or a struct deriving \
            BtfRelocatable, or mark the field #[btf(skip)]",
    note = "a struct embedded in another relocatable struct must be plain data as a whole, its \
            #[btf(skip)] fields included: give a skipped field a plain type of the same size \
            (e.g. u8 for a C bool)"
)]
pub unsafe trait FieldType: Sized {
    /// How BTF sees this type.
    const SHAPE: TypeShape;

    /// What a getter returns for a field of this type: `Self` for plain data, a handle for an
    /// embedded struct.
    type Value<S: AddressSpace, P: Path>;

    /// What a path through a field of this type gives at path `P`: the struct's projection
    /// for an embedded relocatable struct (the path may go on into its fields), a [`Leaf`] for
    /// everything else (it ends there).
    type Projection<P: Path>: Projection<Path = P>;

    /// The getter: the field at path `P` of the root struct at `base`.
    fn access<S: AddressSpace, P: Path>(
        base: *const u8,
    ) -> Result<Option<Self::Value<S, P>>, RelocatableFieldAccessError>;
}

macro_rules! plain_field_type {
    ([$($generics:tt)*] $ty:ty => $shape:expr) => {
        // SAFETY: every invocation below says why its type is valid for any bit pattern and why
        // its shape is truthful.
        unsafe impl<$($generics)*> FieldType for $ty {
            const SHAPE: TypeShape = $shape;
            type Value<S: AddressSpace, P: Path> = Self;
            type Projection<P: Path> = Leaf<Self, P>;

            #[inline(always)]
            fn access<S: AddressSpace, P: Path>(
                base: *const u8,
            ) -> Result<Option<Self>, RelocatableFieldAccessError> {
                read::read_value::<Self, S, P>(base)
            }
        }
    };
}

macro_rules! int_field_types {
    ($($ty:ty => $signed:expr),* $(,)?) => {$(
        plain_field_type! {
            // SAFETY: every bit pattern is a valid integer; the size is the type's own.
            [] $ty => TypeShape::Int { size: core::mem::size_of::<$ty>(), signed: $signed }
        }
    )*};
}

int_field_types! {
    u8 => false, u16 => false, u32 => false, u64 => false, usize => false,
    i8 => true, i16 => true, i32 => true, i64 => true, isize => true,
}

plain_field_type! {
    // SAFETY: any bit pattern is a valid raw pointer (reading through it is another matter, and
    // goes through a probe read again).
    [T] *const T => TypeShape::Ptr
}

plain_field_type! {
    // SAFETY: as for `*const T`.
    [T] *mut T => TypeShape::Ptr
}

plain_field_type! {
    // SAFETY: `Ptr` is a `repr(transparent)` raw pointer, valid for any bit pattern.
    [T, A: AddressSpace] Ptr<T, A> => TypeShape::Ptr
}

plain_field_type! {
    // SAFETY: an array of types valid for any bit pattern is valid for any bit pattern.
    [T: FieldType, const N: usize] [T; N] => TypeShape::Array { elem: &T::SHAPE, len: N }
}
