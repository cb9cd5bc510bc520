//! The traits the derive implements, and the field types a relocatable read can produce.

use crate::descriptor::{StructDescriptor, TypeShape};
use crate::ptr::{AddressSpace, Ptr};

/// A `#[repr(C)]` struct whose fields are read at the offsets of the running kernel's layout.
///
/// Implement it with `#[derive(BtfRelocatable)]`; see the crate documentation.
///
/// # Safety
///
/// `Fields<S>` must be a `#[repr(transparent)]` wrapper around [`Ptr<Self, S>`](Ptr) (the
/// handle dereferences to it by a pointer cast), and `DESCRIPTOR` must describe `Self` truthfully
/// (local offsets and sizes from `offset_of!` and `size_of`).
pub unsafe trait BtfRelocatable: Sized {
    /// The compile-time description of the struct the backends relocate against.
    const DESCRIPTOR: StructDescriptor;

    /// The generated type carrying one getter per field; `Ptr<Self, S>` dereferences to it.
    type Fields<S: AddressSpace>;
}

/// Field number `I` (in declaration order, skipped fields not counted) of a relocatable struct.
///
/// Implemented by the derive. The intrinsics and reads are generic over it.
pub trait RelocatableField<const I: usize>: BtfRelocatable {
    /// The declared Rust type of the field.
    type Type: FieldType;
}

/// A type a relocatable read can produce: plain data with a BTF shape.
///
/// Implemented for integers, raw pointers, [`Ptr`] (`KernelPtr` / `UserPtr`), arrays of these, and
/// every `#[derive(BtfRelocatable)]` struct.
///
/// # Safety
///
/// Every bit pattern of `size_of::<Self>()` bytes must be a valid `Self` (a read copies raw bytes
/// from kernel or user memory), and `SHAPE` must describe the type's size truthfully.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be the type of a relocatable field",
    label = "not plain data with a BTF shape",
    note = "use an integer, an array, a raw pointer, KernelPtr/UserPtr or a struct deriving \
            BtfRelocatable, or mark the field #[btf(skip)]"
)]
pub unsafe trait FieldType: Sized {
    /// How BTF sees this type.
    const SHAPE: TypeShape;
}

macro_rules! int_field_type {
    ($($ty:ty => $signed:expr),* $(,)?) => {$(
        // SAFETY: every bit pattern is a valid integer; the size is the type's own.
        unsafe impl FieldType for $ty {
            const SHAPE: TypeShape = TypeShape::Int {
                size: core::mem::size_of::<$ty>(),
                signed: $signed,
            };
        }
    )*};
}

int_field_type! {
    u8 => false, u16 => false, u32 => false, u64 => false, usize => false,
    i8 => true, i16 => true, i32 => true, i64 => true, isize => true,
}

// SAFETY: any bit pattern is a valid raw pointer (reading through it is another matter, and goes
// through a probe read again).
unsafe impl<T> FieldType for *const T {
    const SHAPE: TypeShape = TypeShape::Ptr;
}

// SAFETY: as for `*const T`.
unsafe impl<T> FieldType for *mut T {
    const SHAPE: TypeShape = TypeShape::Ptr;
}

// SAFETY: `Ptr` is a `repr(transparent)` raw pointer, valid for any bit pattern.
unsafe impl<T, S: AddressSpace> FieldType for Ptr<T, S> {
    const SHAPE: TypeShape = TypeShape::Ptr;
}

// SAFETY: an array of types valid for any bit pattern is valid for any bit pattern.
unsafe impl<T: FieldType, const N: usize> FieldType for [T; N] {
    const SHAPE: TypeShape = TypeShape::Array {
        elem: &T::SHAPE,
        len: N,
    };
}
