//! CO-RE ("compile once, run everywhere") field access for Rust eBPF programs.
//!
//! A kernel struct such as `task_struct` changes layout between kernel versions and configs. C
//! eBPF programs survive this through clang's CO-RE relocations, which the loader resolves against
//! the running kernel's BTF; Rust has no such intrinsics yet, so Rust programs hard-code offsets
//! and read garbage on other kernels. This crate provides the derive, the three intrinsics of the
//! "[Pre-RFC] BTF relocations" and the safe reads built on them, so a Rust declaration of a kernel
//! struct is read at the *running kernel's* offsets.
//!
//! ```
//! use btf_reloc_runtime::prelude::*;
//!
//! /// Only the fields we need, in any order: offsets come from the running kernel.
//! #[derive(BtfRelocatable)]
//! #[repr(C)]
//! pub struct task_struct {
//!     pub pid: i32,
//!     pub tgid: i32,
//!     pub comm: [u8; 16],
//!     #[btf(rename = "__state")]
//!     pub state: u32,
//! }
//!
//! fn current_pid(task: KernelPtr<task_struct>) -> Result<Option<i32>, RelocatableFieldAccessError> {
//!     task.pid()
//! }
//! ```
//!
//! For every field `f: T` the derive generates
//! - a getter `f()` on [`KernelPtr<Self>`] / [`UserPtr<Self>`] returning
//!   `Result<Option<T>, RelocatableFieldAccessError>`: `Ok(Some(v))` when the field exists in the
//!   target with `size_of::<T>()` bytes, `Ok(None)` when it does not exist,
//!   `Err(SizeMismatch { expected, actual })` when its size differs, `Err(ProbeRead(code))` when
//!   the memory read fails;
//! - queries `Self::f_exists() -> bool`, `Self::f_byte_size() -> Option<usize>` and
//!   `Self::f_byte_offset() -> Option<usize>` (`None` when the field does not exist).
//!
//! On `target_arch = "bpf"` the answers come from CO-RE relocations (after `btf-reloc link`);
//! everywhere else from the [host simulation](sim), so the same logic is unit-tested with
//! `cargo test`.
#![no_std]
#![cfg_attr(target_arch = "bpf", feature(asm_experimental_arch))]
#![deny(missing_docs)]
#![forbid(unsafe_op_in_unsafe_fn)]

// The host backend (the simulation) uses std; eBPF code never does.
#[cfg(not(target_arch = "bpf"))]
extern crate std;

mod backend;
pub mod descriptor;
mod error;
mod field;
mod intrinsics;
mod ptr;
#[cfg(not(target_arch = "bpf"))]
pub mod sim;

pub use error::RelocatableFieldAccessError;
pub use field::{BtfRelocatable, FieldType, RelocatableField};
pub use intrinsics::{
    read_field, read_kernel_field, read_user_field, relocatable_field_byte_offset,
    relocatable_field_byte_size, relocatable_field_exists,
};
pub use ptr::{AddressSpace, Kernel, KernelPtr, Ptr, Space, User, UserPtr};

/// Derives [`BtfRelocatable`] for a `#[repr(C)]` struct with named fields.
///
/// # Container attributes
/// - `#[btf(name = "task_struct")]`: the kernel type name (default: the Rust name). A
///   `___flavor` suffix (`task_struct___v58`) is ignored when matching, as in libbpf, so several
///   declarations of one kernel type can live side by side.
/// - `#[btf(crate = "path::to::btf_reloc_runtime")]`: where this crate is, when renamed.
///
/// # Field attributes
/// - `#[btf(rename = "__state")]`: the kernel field name (default: the Rust name).
/// - `#[btf(skip)]`: no accessor and no relocation for this field.
///
/// # Generated items
/// For `struct S { f: T }`: `impl BtfRelocatable for S`, `impl RelocatableField<0> for S`, a
/// `SFields<S: AddressSpace>` type with the getter `f(&self) -> Result<Option<T>, _>` (reached
/// from `KernelPtr<S>` / `UserPtr<S>` through `Deref`), and `S::f_exists()`,
/// `S::f_byte_size()`, `S::f_byte_offset()`.
pub use btf_reloc_derive::BtfRelocatable;

/// What eBPF code using relocatable structs needs in scope.
pub mod prelude {
    pub use crate::{BtfRelocatable, KernelPtr, RelocatableFieldAccessError, UserPtr};
}

/// Used by the code `#[derive(BtfRelocatable)]` generates; not a public API.
#[doc(hidden)]
pub mod __private {
    pub use crate::descriptor::{
        encode, encoded_len, CompositeKind, FieldDescriptor, StructDescriptor, TypeShape,
    };
    pub use crate::field::{BtfRelocatable, FieldType, RelocatableField};
    pub use crate::intrinsics::{
        read_field, relocatable_field_byte_offset, relocatable_field_byte_size,
        relocatable_field_exists,
    };
    pub use crate::ptr::{AddressSpace, Kernel, Ptr};
    pub use crate::RelocatableFieldAccessError;
    pub use core;

    /// Places the encoded descriptor of a relocatable struct in the descriptor section, for
    /// `btf-reloc link` (on `bpf` only; nothing elsewhere).
    pub use crate::__emit_descriptor as emit_descriptor;

    /// Size of field `I`'s declared type. (Through `RelocatableField`, so that a field type that
    /// cannot be read is reported once, at the generated `type Type`.)
    pub const fn field_size<T: RelocatableField<I>, const I: usize>() -> usize {
        core::mem::size_of::<T::Type>()
    }

    /// Shape of field `I`'s declared type; see [`field_size`].
    pub const fn field_shape<T: RelocatableField<I>, const I: usize>() -> TypeShape {
        <T::Type as FieldType>::SHAPE
    }

    /// Compile-time checks of a derived layout, evaluated in a `const _` of the user's crate.
    pub const fn check_layout<T: BtfRelocatable>() {
        // BTF member offsets are 32-bit *bit* offsets.
        assert!(
            T::DESCRIPTOR.size <= (u32::MAX / 8) as usize,
            "this struct is too large for BTF: member offsets are 32-bit bit offsets"
        );
    }

    /// `Option<usize>` from an existence check, without evaluating `value` when absent (on eBPF
    /// the size/offset markers of a missing field must stay unreachable).
    #[inline(always)]
    pub fn if_exists(exists: bool, value: impl FnOnce() -> usize) -> Option<usize> {
        if exists {
            Some(value())
        } else {
            None
        }
    }
}

#[cfg(target_arch = "bpf")]
#[doc(hidden)]
#[macro_export]
macro_rules! __emit_descriptor {
    ($ty:ty) => {
        const _: () = {
            #[used]
            #[link_section = ".btf_reloc.descriptors"]
            static DESCRIPTOR: [u8; $crate::__private::encoded_len(
                &<$ty as $crate::__private::BtfRelocatable>::DESCRIPTOR,
            )] = $crate::__private::encode(&<$ty as $crate::__private::BtfRelocatable>::DESCRIPTOR);
        };
    };
}

#[cfg(not(target_arch = "bpf"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __emit_descriptor {
    ($ty:ty) => {};
}
