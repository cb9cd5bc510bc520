//! The traits the derives implement, and the field types a relocatable getter can produce.

use crate::error::RelocatableFieldAccessError;
use crate::path::{Leaf, Member, Path, Projection, Root};
use crate::ptr::{AddressSpace, Ptr};
use crate::read;
use btf_reloc_format::descriptor::{
    EnumDescriptor, PointeeShape, StructDescriptor, TypeDescriptor, TypeShape,
};

/// A `#[repr(C)]` struct (or union) whose fields are read at the offsets of the running kernel's
/// layout.
///
/// Implement it with `#[derive(BtfRelocatable)]`; see the crate documentation.
///
/// # Safety
///
/// `Fields<S, P>` must be a `#[repr(transparent)]` wrapper around [`Ptr<Self, S, P>`](Ptr) (the
/// handle dereferences to it by a pointer cast), and `DESCRIPTOR` must describe `Self` truthfully
/// (local offsets and sizes from `offset_of!` and `size_of`), as a struct or a union as
/// [`BtfType::TYPE`] says.
pub unsafe trait BtfRelocatable: BtfType + Sized + 'static {
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

/// A kernel type the type relocations can be asked about (`bpf_core_type_exists`,
/// `bpf_core_type_size`, `bpf_core_type_id_local`, `bpf_core_type_id_kernel`,
/// `bpf_core_type_matches`): every `#[derive(BtfRelocatable)]` struct or union and
/// `#[derive(BtfEnum)]` enum.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a kernel type btf-reloc can relocate",
    label = "no BTF description",
    note = "derive BtfRelocatable (for a struct or union) or BtfEnum (for an enum) on it"
)]
pub trait BtfType: 'static {
    /// The type's descriptor.
    const TYPE: TypeDescriptor;
}

/// A fieldless enum mirroring a kernel enum; implement it with `#[derive(BtfEnum)]`.
pub trait BtfEnum: BtfType + Sized + 'static {
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

    /// [`access`](Self::access) where the caller has made its first checks already: the field
    /// at path `P` exists in the target, `base` is not null, and the field's target size is
    /// `size_of::<Self>()`. Plain data then only computes the offset and reads; the default
    /// makes every check again. (How an array element is read once its array's checks have
    /// found the element as wide as declared.)
    #[doc(hidden)]
    #[inline(always)]
    fn access_checked<S: AddressSpace, P: Path>(
        base: *const u8,
    ) -> Result<Option<Self::Value<S, P>>, RelocatableFieldAccessError> {
        Self::access::<S, P>(base)
    }
}

/// A field type a `#[btf(required)]` getter can read: plain data (integers, pointers, arrays of
/// them) and [`EnumOf`]. An embedded struct is not one: its getter reads nothing (it returns a
/// handle), so there is nothing to require; the fields read through it are what can be
/// required.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be read by a `#[btf(required)]` getter",
    label = "not a value the getter reads",
    note = "`#[btf(required)]` is for fields whose value the getter reads (integers, pointers, \
            arrays, EnumOf); an embedded struct's getter returns a handle and reads nothing: mark \
            the fields read through it `#[btf(required)]` instead"
)]
pub trait RequiredField: FieldType {
    /// The getter of a `#[btf(required)]` field at path `P` of the root struct at `base`: no
    /// existence check (a kernel without the field refuses the program at load time), no null
    /// check (a null `base` fails the probe read), the size still checked.
    fn access_required<S: AddressSpace, P: Path>(
        base: *const u8,
    ) -> Result<Self::Value<S, P>, RelocatableFieldAccessError>;
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

            #[inline(always)]
            fn access_checked<S: AddressSpace, P: Path>(
                base: *const u8,
            ) -> Result<Option<Self>, RelocatableFieldAccessError> {
                read::read_value_checked::<Self, S, P>(base)
            }
        }

        impl<$($generics)*> RequiredField for $ty {
            #[inline(always)]
            fn access_required<S: AddressSpace, P: Path>(
                base: *const u8,
            ) -> Result<Self, RelocatableFieldAccessError> {
                read::read_value_required::<Self, S, P>(base)
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
    // SAFETY: `Ptr` is a `repr(transparent)` raw pointer, valid for any bit pattern; its shape is
    // a pointer (to what `T` says it is).
    [T: BtfPointee, A: AddressSpace] Ptr<T, A> => <T as BtfPointee>::POINTER
}

plain_field_type! {
    // SAFETY: an array of types valid for any bit pattern is valid for any bit pattern.
    [T: FieldType, const N: usize] [T; N] => TypeShape::Array { elem: &T::SHAPE, len: N }
}

/// A field of a kernel enum type (`enum pid_type type;`), declared with the
/// `#[derive(BtfEnum)]` enum `E`: the local BTF member is that enum, as libbpf needs it to be
/// (it matches a member of an enum type only with a local enum, of the same name or an
/// anonymous one), and the getter returns the kernel's value as an `i64`, read at the kernel's
/// offset with the kernel's width and signedness (an enum may be 4 or 8 bytes, signed or not);
/// compare it with `E::Variant.value()`, the kernel's value of that enumerator.
///
/// `R` is how the value is stored in the local layout, the local enum's size: `u32` (the
/// default) or `i32` for a 4-byte enum, `u64` or `i64` for an 8-byte one (a value beyond 32
/// bits); another size is a compile error where the field is declared.
///
/// ```
/// use btf_reloc_runtime::prelude::*;
/// use btf_reloc_runtime::sim::{Enum, Memory, Simulation, Struct, Type};
///
/// #[derive(BtfEnum, Clone, Copy)]
/// #[btf(name = "pid_type")]
/// enum PidType {
///     #[btf(rename = "PIDTYPE_TGID")]
///     Tgid,
/// }
///
/// #[derive(BtfRelocatable)]
/// #[repr(C)]
/// struct upid_ref {
///     kind: EnumOf<PidType>,
/// }
///
/// let mut memory = Memory::new();
/// memory.map(0x1000, vec![0; 16]);
/// memory.write(0x1000 + 8, 1u32.to_ne_bytes());
/// let _sim = Simulation::new()
///     .with_struct(Struct::new("upid_ref", 16).field("kind", 8, Type::enum_named("pid_type", 4)))
///     .with_enum(Enum::new("pid_type", 4).variant("PIDTYPE_TGID", 1))
///     .with_kernel_memory(memory)
///     .install();
/// let r = KernelPtr::<upid_ref>::from_addr(0x1000);
/// assert_eq!(r.kind(), Ok(Some(1)));
/// assert_eq!(r.kind().ok().flatten(), PidType::Tgid.value());
/// ```
#[repr(transparent)]
pub struct EnumOf<E, R = u32> {
    raw: R,
    enumeration: core::marker::PhantomData<fn() -> E>,
}

impl<E, R: Copy> Clone for EnumOf<E, R> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<E, R: Copy> Copy for EnumOf<E, R> {}

impl<E, R: core::fmt::Debug> core::fmt::Debug for EnumOf<E, R> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_tuple("EnumOf").field(&self.raw).finish()
    }
}

mod sealed {
    pub trait Sealed {}
}

/// How an [`EnumOf`] is stored locally: `u32`, `i32`, `u64` or `i64`.
pub trait EnumRepr: sealed::Sealed + Copy {}

macro_rules! enum_reprs {
    ($($ty:ty),*) => {$(
        impl sealed::Sealed for $ty {}
        impl EnumRepr for $ty {}
    )*};
}

enum_reprs!(u32, i32, u64, i64);

/// `E`'s local size must be `R`'s: the record of the field claims `R`'s size for a member of
/// `E`'s type.
const fn check_enum_repr<E: BtfEnum, R>() {
    assert!(
        core::mem::size_of::<R>() == E::DESCRIPTOR.size,
        "EnumOf<E, R>: R must have the size of the enum E (4 bytes, or 8 for an enum with a \
         value beyond 32 bits): use u32/i32 or u64/i64"
    );
}

// SAFETY: `EnumOf` is a `repr(transparent)` integer, valid for any bit pattern; its shape is the
// enum `E`, whose local size `check_enum_repr` holds equal to `R`'s (a compile-time panic
// otherwise). The getter never reads `Self`: it reads the kernel's value as a bitfield-like
// integer of the kernel's width and signedness.
unsafe impl<E: BtfEnum, R: EnumRepr> FieldType for EnumOf<E, R> {
    const SHAPE: TypeShape = {
        check_enum_repr::<E, R>();
        TypeShape::Enum(&<E as BtfEnum>::DESCRIPTOR)
    };
    type Value<S: AddressSpace, P: Path> = i64;
    type Projection<P: Path> = Leaf<Self, P>;

    #[inline(always)]
    fn access<S: AddressSpace, P: Path>(
        base: *const u8,
    ) -> Result<Option<i64>, RelocatableFieldAccessError> {
        // libbpf computes the bitfield relocations of any int or enum member: the load of its
        // bytes, and the shifts that extend its value (arithmetically when the enum is signed).
        read::read_bitfield::<i64, S, P>(base)
    }
}

impl<E: BtfEnum, R: EnumRepr> RequiredField for EnumOf<E, R> {
    #[inline(always)]
    fn access_required<S: AddressSpace, P: Path>(
        base: *const u8,
    ) -> Result<i64, RelocatableFieldAccessError> {
        read::read_bitfield_required::<i64, S, P>(base)
    }
}

/// A type a `KernelPtr<T>` / `UserPtr<T>` field can point to, and how the local BTF describes a
/// pointer to it: a pointer to the type for a `#[derive(BtfRelocatable)]` struct or union
/// (known by its kernel name and kind), an integer or a typed pointer; `void *` for anything
/// else.
///
/// Only `TYPE_MATCHES` ([`type_matches`](crate::type_matches)) looks at a pointee (libbpf
/// compares the names and kinds of pointees); every other relocation treats any two pointers
/// alike.
///
/// # Safety
///
/// `POINTER` must be a pointer shape ([`TypeShape::Ptr`] or [`TypeShape::PtrTo`]) whose pointee
/// is `Self` (or `void`).
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be the pointee of a `KernelPtr`/`UserPtr` field",
    label = "no BTF description",
    note = "a typed pointer field points to a struct or union deriving BtfRelocatable, an \
            integer, `core::ffi::c_void`, an array or another pointer; for anything else, \
            declare the field as a raw pointer (`*const T`) or `KernelPtr<c_void>`"
)]
pub unsafe trait BtfPointee {
    /// The shape of a pointer to `Self`.
    const POINTER: TypeShape;
}

/// The pointee a pointer shape describes (`None`: `void`).
const fn pointee_of(pointer: TypeShape) -> Option<&'static PointeeShape> {
    match pointer {
        TypeShape::PtrTo(pointee) => Some(pointee),
        _ => None,
    }
}

macro_rules! int_pointees {
    ($($ty:ty => $signed:expr),* $(,)?) => {$(
        // SAFETY: a pointer to the integer itself.
        unsafe impl BtfPointee for $ty {
            const POINTER: TypeShape = TypeShape::PtrTo(&PointeeShape::Int {
                size: core::mem::size_of::<$ty>(),
                signed: $signed,
            });
        }
    )*};
}

int_pointees! {
    u8 => false, u16 => false, u32 => false, u64 => false, usize => false,
    i8 => true, i16 => true, i32 => true, i64 => true, isize => true,
}

// SAFETY: `void *`.
unsafe impl BtfPointee for core::ffi::c_void {
    const POINTER: TypeShape = TypeShape::Ptr;
}

// SAFETY: `void *`: the local BTF does not describe pointers to arrays.
unsafe impl<T, const N: usize> BtfPointee for [T; N] {
    const POINTER: TypeShape = TypeShape::Ptr;
}

// SAFETY: a pointer to a `void *` (a raw pointer's pointee is not described).
unsafe impl<T> BtfPointee for *const T {
    const POINTER: TypeShape = TypeShape::PtrTo(&PointeeShape::Ptr(None));
}

// SAFETY: as for `*const T`.
unsafe impl<T> BtfPointee for *mut T {
    const POINTER: TypeShape = TypeShape::PtrTo(&PointeeShape::Ptr(None));
}

// SAFETY: a pointer to the pointer `Ptr<T, A>` is, whose pointee `T` gives.
unsafe impl<T: BtfPointee, A: AddressSpace> BtfPointee for Ptr<T, A> {
    const POINTER: TypeShape =
        TypeShape::PtrTo(&PointeeShape::Ptr(pointee_of(<T as BtfPointee>::POINTER)));
}
