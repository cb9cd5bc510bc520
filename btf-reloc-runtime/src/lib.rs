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
//! A field the program cannot work without can be declared `#[btf(required)]`: its getter
//! returns `Result<T, _>`, and a kernel without the field (or with one of another size) refuses
//! the program at load time. A pointer the verifier knows by its BTF type (fentry, `tp_btf`,
//! LSM, iterators) reads fields directly, one load each: [`BtfPtr::read`].
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
pub mod btf;
mod direct;
mod error;
mod field;
mod intrinsics;
mod path;
mod ptr;
mod read;
#[cfg(not(target_arch = "bpf"))]
pub mod sim;

pub use direct::{BtfPtr, DirectBitfield, DirectLeaf, DirectValue};
pub use error::RelocatableFieldAccessError;
pub use field::{BtfEnum, BtfRelocatable, BtfType, EnumOf, EnumRepr, RelocatableField};
// Named by the compiler's diagnostics for a field type that cannot be read (a crate-root path
// prints as `FieldType`; only generated code names it).
#[doc(hidden)]
pub use field::{BtfPointee, FieldType};
pub use intrinsics::{
    enum_value, enum_value_exists, relocatable_field_byte_offset, relocatable_field_byte_size,
    relocatable_field_exists, type_exists, type_id_local, type_id_target, type_matches, type_size,
};
pub use ptr::{AddressSpace, Kernel, KernelPtr, Ptr, User, UserPtr};
pub use read::{read_field, read_kernel_field, read_user_field};

// Named by rustc's "no field `x` on type `Leaf<i32, Member<Root<task_struct>, 0>>`" for a
// `btf::field_byte_offset!` path that goes on past a field without fields (crate-root paths print
// short, as for `FieldType`); only generated code names them (through `__private`).
#[doc(hidden)]
pub use path::{Leaf, Member, Root};

/// Derives [`BtfRelocatable`] for a `#[repr(C)]` struct with named fields, or a `#[repr(C)]`
/// union (a kernel union: the same items, and a `BTF_KIND_UNION` in the local BTF; as a root it
/// matches only a kernel union, embedded it stands for any struct or union, as in libbpf).
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
/// - `#[btf(bitfield)]` (integer fields): read with the bitfield relocations, sign-extended when
///   the kernel's field is signed (`BPF_CORE_READ_BITFIELD_PROBED`).
/// - `#[btf(required)]`: the program cannot work without the field. Its getter returns
///   `Result<T, RelocatableFieldAccessError>` and checks neither existence nor null: a kernel
///   without the field, or with one of another size, refuses the program at load time (the
///   verifier's log names the field); a null handle fails the probe read. Not on an embedded
///   struct (its getter reads nothing).
///
/// # Generated items
/// For `struct S { f: T }`: `impl BtfRelocatable for S`, `impl RelocatableField<0> for S`, and
/// `S::f_exists()`, `S::f_byte_size()`, `S::f_byte_offset()`; the getters are methods of a
/// companion type the derive defines next to `S`:
///
/// - `pub struct SFields<A, P>` (named after the struct, with `S`'s visibility) holds the getter
///   `f(&self) -> Result<Option<T>, _>`; `KernelPtr<S>` and `UserPtr<S>` dereference to it, so
///   `ptr.f()` works with no import. Its rustdoc page lists every getter. It takes that name in
///   `S`'s module: a type of your own called `SFields` there is a "defined multiple times"
///   error.
/// - An embedded `#[derive(BtfRelocatable)]` struct's getter returns its handle (its fields are
///   then relocated as one access path from `S`); an array field also gets `f_at(index)`, a byte
///   array or byte pointer `f_str(&mut buf)`.
/// - The handle's own operations are associated functions (`KernelPtr::addr(ptr)`), so they
///   never hide a getter. A field named like a method the handle has through a std prelude
///   trait (`clone`, `eq`, `into`, …) would be hidden: the derive rejects it and suggests
///   `#[btf(rename = "clone")]` on a field of another Rust name.
///
/// ```
/// use btf_reloc_runtime::prelude::*;
/// use btf_reloc_runtime::sim::{Memory, Simulation, Struct, Type};
///
/// #[derive(BtfRelocatable)]
/// #[repr(C)]
/// struct sched_entity {
///     vruntime: u64,
/// }
///
/// #[derive(BtfRelocatable)]
/// #[repr(C)]
/// struct task_struct {
///     se: sched_entity,
///     comm: [u8; 16],
///     #[btf(bitfield)]
///     in_iowait: u8,
/// }
///
/// let kernel = Struct::new("task_struct", 64)
///     .field("comm", 0, Type::array(Type::int(1, true), 16))
///     .field("se", 16, Type::struct_named("sched_entity", 16))
///     .bitfield("in_iowait", 40 * 8 + 1, 1, 4, false);
/// let mut memory = Memory::new();
/// memory.map(0x1000, vec![0; 64]);
/// memory.write(0x1000, *b"init\0");
/// memory.write(0x1000 + 16 + 8, 42u64.to_ne_bytes());
/// memory.write(0x1000 + 40, [0b10]);
/// let _sim = Simulation::new()
///     .with_struct(kernel)
///     .with_struct(Struct::new("sched_entity", 16).int("vruntime", 8, 8))
///     .with_kernel_memory(memory)
///     .install();
///
/// let task = KernelPtr::<task_struct>::from_addr(0x1000);
/// let se = task.se().unwrap().unwrap(); // a handle: nothing read yet
/// assert_eq!(se.vruntime(), Ok(Some(42))); // one relocation of `task_struct.se.vruntime`
/// assert_eq!(task.comm_at(3), Ok(Some(b't')));
/// let mut buf = [0u8; 16];
/// assert_eq!(task.comm_str(&mut buf), Ok(Some(5)));
/// assert_eq!(task.in_iowait(), Ok(Some(1)));
/// ```
pub use btf_reloc_derive::BtfRelocatable;

/// Derives [`BtfEnum`] for a fieldless enum mirroring a kernel enum.
///
/// - `#[btf(name = "pid_type")]` on the enum: the kernel type name (default: the Rust name;
///   a `___flavor` suffix is ignored when matching); `#[btf(crate = "...")]` as for structs.
/// - `#[btf(rename = "PIDTYPE_TGID")]` on a variant: the kernel enumerator name (default: the
///   Rust name).
///
/// Generates `value(&self) -> Option<i64>` (the enumerator's value in the running kernel,
/// `ENUMVAL_VALUE`) and `exists(&self) -> bool` (`ENUMVAL_EXISTS`); the Rust discriminants are the
/// local values. `type_exists::<E>()` / `type_size::<E>()` work on it too.
///
/// ```
/// use btf_reloc_runtime::prelude::*;
/// use btf_reloc_runtime::sim::{Enum, Simulation};
/// use btf_reloc_runtime::{type_exists, type_size};
///
/// #[derive(BtfEnum)]
/// #[btf(name = "pid_type")]
/// enum PidType {
///     #[btf(rename = "PIDTYPE_TGID")]
///     Tgid = 10, // only the local value
///     #[btf(rename = "PIDTYPE_GONE")]
///     Gone,
/// }
///
/// let kernel = Enum::new("pid_type", 4).variant("PIDTYPE_PID", 0).variant("PIDTYPE_TGID", 1);
/// let _sim = Simulation::new().with_enum(kernel).install();
/// assert_eq!(PidType::Tgid.value(), Some(1));
/// assert!(!PidType::Gone.exists());
/// assert!(type_exists::<PidType>());
/// assert_eq!(type_size::<PidType>(), Some(4));
/// ```
pub use btf_reloc_derive::BtfEnum;

/// Chains getters like libbpf's `BPF_CORE_READ(task, real_parent, tgid)`: every step but the last
/// must return a handle (a pointer field or an embedded struct); a missing field anywhere gives
/// `Ok(None)`, a null pointer `Err(NullPointer)`.
///
/// Steps through embedded structs are one access path, relocated once as a whole, as C's
/// `BPF_CORE_READ(task, se.vruntime)`: `core_read!(task, se, vruntime)` checks and relocates
/// `task_struct.se.vruntime` only, not `se` on its own (where `vruntime` exists, so does `se`),
/// where `task.se()?` followed by `.vruntime()` checks `se` first.
///
/// ```
/// use btf_reloc_runtime::prelude::*;
///
/// #[derive(BtfRelocatable)]
/// #[repr(C)]
/// struct task_struct {
///     real_parent: KernelPtr<task_struct>,
///     tgid: i32,
/// }
///
/// fn parent_tgid(task: KernelPtr<task_struct>) -> Result<Option<i32>, RelocatableFieldAccessError> {
///     core_read!(task, real_parent, tgid)
/// }
/// ```
#[macro_export]
macro_rules! core_read {
    ($base:expr, $first:ident $(, $rest:ident)* $(,)?) => {
        (|| {
            let __btf_reloc_handle = $base;
            $crate::__core_read_steps!(__btf_reloc_handle, $first $(, $rest)*)
        })()
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __core_read_steps {
    ($handle:ident, $last:ident) => {
        $handle
            .$last()
            .map($crate::__private::CoreReadValue::into_option)
    };
    ($handle:ident, $next:ident, $($rest:ident),+) => {{
        // A step on the way to the leaf: an embedded struct's handle is made unchecked, and the
        // leaf's read checks the whole path, as one relocation (`__private::Unchecked`).
        let $handle = match $crate::__private::CoreReadValue::into_option(
            $crate::__private::unchecked($handle).$next()?,
        ) {
            ::core::option::Option::Some(next) => next,
            ::core::option::Option::None => return ::core::result::Result::Ok(::core::option::Option::None),
        };
        $crate::__core_read_steps!($handle, $($rest),+)
    }};
}

/// What eBPF code using relocatable structs needs in scope.
pub mod prelude {
    pub use crate::{
        core_read, BtfEnum, BtfPtr, BtfRelocatable, EnumOf, KernelPtr, RelocatableFieldAccessError,
        UserPtr,
    };
}

/// Used by the code the derives generate; not a public API.
#[doc(hidden)]
pub mod __private {
    pub use crate::field::{
        BtfEnum, BtfPointee, BtfRelocatable, BtfType, FieldOf, FieldType, FieldValue, Projectable,
        ProjectionOf, RelocatableField, RequiredField,
    };
    pub use crate::intrinsics::{
        enum_value, enum_value_exists, field_byte_offset, field_byte_size, field_exists,
    };
    pub use crate::path::{Leaf, Member, Offset, Path, Projection, Root, Unchecked};
    pub use crate::ptr::{AddressSpace, CoreReadHandle, Kernel, Ptr, Space};
    pub use crate::read::{
        project, read_bitfield, read_bitfield_required, read_element, BitfieldValue, StrField,
    };
    pub use crate::RelocatableFieldAccessError;
    pub use btf_reloc_format::descriptor::{
        EnumDescriptor, FieldDescriptor, PointeeShape, StructDescriptor, TypeDescriptor, TypeShape,
        VariantDescriptor,
    };
    pub use btf_reloc_format::descriptor_section;
    pub use btf_reloc_format::encode::{encode_type, encoded_type_len};
    pub use core;

    /// Places the encoded descriptor of a relocatable struct, union or enum (its `BtfType::TYPE`,
    /// typedef name included) in its descriptor section, for `btf-reloc link` (on `bpf` only;
    /// nothing elsewhere).
    pub use crate::__emit_type_descriptor as emit_type_descriptor;

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

    /// Local size of an enum with these values: 4 bytes unless a value needs 8.
    pub const fn enum_size(values: &[i64]) -> usize {
        EnumDescriptor::size_of_values(values)
    }

    /// Whether an enum with these values is signed (has a negative value).
    pub const fn enum_signed(values: &[i64]) -> bool {
        EnumDescriptor::signed_values(values)
    }

    /// `handle`, its path marked so that `core_read!`'s next step into an embedded struct
    /// checks nothing (see [`Unchecked`]).
    #[inline(always)]
    pub fn unchecked<H: CoreReadHandle>(handle: H) -> H::Unchecked {
        handle.unchecked()
    }

    /// The address a handle holds (its path's root).
    #[inline(always)]
    pub fn base<T, S: AddressSpace, P>(ptr: Ptr<T, S, P>) -> *const u8 {
        ptr.base()
    }

    /// Field `I` of `T`, after path `P`, of the root at `base`, through its type's getter.
    /// (Named through `RelocatableField`, so that an unreadable field type is reported once.)
    #[inline(always)]
    pub fn access<T: RelocatableField<I>, S: AddressSpace, P: Path, const I: usize>(
        base: *const u8,
    ) -> Result<Option<FieldOf<T, S, P, I>>, RelocatableFieldAccessError> {
        <T::Type as FieldType>::access::<S, Member<P, I>>(base)
    }

    /// Field `I` of `T` as [`access`] reads it, for a `#[btf(required)]` field: the value itself
    /// (see [`RequiredField`]).
    #[inline(always)]
    pub fn access_required<T: RelocatableField<I>, S: AddressSpace, P: Path, const I: usize>(
        base: *const u8,
    ) -> Result<FieldOf<T, S, P, I>, RelocatableFieldAccessError>
    where
        T::Type: RequiredField,
    {
        <T::Type as RequiredField>::access_required::<S, Member<P, I>>(base)
    }

    /// What a getter's `Ok` holds, as `core_read!` chains it: `Some(value)` or `None` (a missing
    /// field) from a checked getter, always `Some` from a `#[btf(required)]` one.
    pub trait CoreReadValue {
        /// The value (or handle) itself.
        type Value;
        /// `self` as an `Option`.
        fn into_option(self) -> Option<Self::Value>;
    }

    impl<V> CoreReadValue for Option<V> {
        type Value = V;
        #[inline(always)]
        fn into_option(self) -> Option<V> {
            self
        }
    }

    impl<V: RequiredField> CoreReadValue for V {
        type Value = V;
        #[inline(always)]
        fn into_option(self) -> Option<V> {
            Some(self)
        }
    }

    /// The string in (or behind) the field at path `P` of the root at `base`.
    #[inline(always)]
    pub fn read_str<T: StrField, S: AddressSpace, P: Path>(
        base: *const u8,
        buf: &mut [u8],
    ) -> Result<Option<usize>, RelocatableFieldAccessError> {
        T::read_str::<S, P>(base, buf)
    }

    /// `Some(size)` of the field at path `P` if it exists (one existence check).
    #[inline(always)]
    pub fn existing_size<P: Path>() -> Option<usize> {
        if field_exists::<P>() {
            Some(field_byte_size::<P>())
        } else {
            None
        }
    }

    /// `Some(offset)` of the field at path `P` if it exists (one existence check).
    #[inline(always)]
    pub fn existing_offset<P: Path>() -> Option<usize> {
        if field_exists::<P>() {
            Some(field_byte_offset::<P>())
        } else {
            None
        }
    }

    /// [`existing_offset`] of the path a projection stands for (`btf::field_byte_offset!`).
    #[inline(always)]
    pub fn projection_offset<L: Projection>(_: &L) -> Option<usize> {
        existing_offset::<L::Path>()
    }

    /// [`existing_size`] of the path a projection stands for (`btf::field_byte_size!`).
    #[inline(always)]
    pub fn projection_size<L: Projection>(_: &L) -> Option<usize> {
        existing_size::<L::Path>()
    }
}

#[cfg(target_arch = "bpf")]
#[doc(hidden)]
#[macro_export]
macro_rules! __emit_type_descriptor {
    ($ty:ty, $section_name:literal) => {
        const _: () = {
            #[used]
            #[link_section = $crate::__private::descriptor_section!($section_name)]
            static DESCRIPTOR: [u8; $crate::__private::encoded_type_len(
                &<$ty as $crate::__private::BtfType>::TYPE,
            )] = $crate::__private::encode_type(&<$ty as $crate::__private::BtfType>::TYPE);
        };
    };
}

#[cfg(not(target_arch = "bpf"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __emit_type_descriptor {
    ($ty:ty, $section_name:literal) => {};
}
