//! The field queries rustc's `core::btf` will have, today: [`field_byte_offset!`] and
//! [`field_byte_size!`] of a path of field names, with the shape of RFC rust-lang/rfcs#3966 and
//! tracking issue rust-lang/rust#160616, over this crate's intrinsics. Code written with them
//! moves to rustc's by changing an import.
//!
//! ```
//! use btf_reloc_runtime::btf; // with rustc's feature: `use core::btf;`
//! use btf_reloc_runtime::prelude::*;
//! use btf_reloc_runtime::sim::{Simulation, Struct, Type};
//!
//! #[derive(BtfRelocatable)]
//! #[repr(C)]
//! struct sched_entity {
//!     vruntime: u64,
//! }
//!
//! #[derive(BtfRelocatable)]
//! #[repr(C)]
//! struct task_struct {
//!     pid: i32,
//!     se: sched_entity,
//!     comm: [u8; 16],
//!     numa_faults: u64,
//! }
//!
//! // A made-up kernel: `se` at 64, `vruntime` 24 bytes into it, and no `numa_faults`.
//! let _kernel = Simulation::new()
//!     .with_struct(
//!         Struct::new("task_struct", 256)
//!             .int("pid", 8, 4)
//!             .field("se", 64, Type::struct_named("sched_entity", 32))
//!             .field("comm", 128, Type::array(Type::int(1, true), 16)),
//!     )
//!     .with_struct(Struct::new("sched_entity", 32).int("vruntime", 24, 8))
//!     .install();
//!
//! // One relocation of the whole path (access string `0:1:0`), not one per step.
//! assert_eq!(btf::field_byte_offset!(task_struct, se.vruntime), Some(64 + 24));
//! assert_eq!(btf::field_byte_size!(task_struct, se.vruntime), Some(8));
//! assert_eq!(btf::field_byte_size!(task_struct, se), Some(32));
//! assert_eq!(btf::field_byte_size!(task_struct, comm), Some(16));
//! // Not in this kernel: `None`, and nothing else is relocated.
//! assert_eq!(btf::field_byte_offset!(task_struct, numa_faults), None);
//! ```
//!
//! | today | once rustc ships `core::btf` |
//! | --- | --- |
//! | `#[derive(BtfRelocatable)]` with `#[repr(C)]` | `#[btf_relocatable]` (the RFC's text: `#[repr(Btf)]`), with `#![feature(btf_relocations)]` |
//! | `use btf_reloc_runtime::btf;` | `use core::btf;` |
//! | `btf::field_byte_offset!(task_struct, se.vruntime)` | unchanged |
//!
//! A path is what `offset_of!` takes: field names from the struct, through embedded
//! `#[derive(BtfRelocatable)]` structs, and it obeys field privacy as `offset_of!` does. It may
//! end at an array field (`comm`: the whole array's size) but not step into an element
//! (`comm[0]` is not in the RFC's syntax; read elements with the `comm_at(i)` getter), nor through
//! a pointer (a pointer is another object: a second relocation, as `core_read!` chains them).
//! Paths use Rust field names: a field renamed with `#[btf(rename = "__state")]` is `state` here
//! and `__state` in the kernel (rustc's attribute has no renaming; there the Rust name must be the
//! kernel's).
//!
//! The Pre-RFC intrinsics (`relocatable_field_byte_offset::<T, I>()` …) and the generated
//! queries (`task_struct::pid_byte_offset()` …) stay; these macros answer the same relocations.

/// The offset in bytes, in the target (the running kernel on eBPF, the installed simulation on
/// the host), of the field at a path from the start of a `#[derive(BtfRelocatable)]` struct;
/// `None` when the path does not exist there. `core::btf::field_byte_offset!` of rustc's
/// `btf_relocations` feature.
///
/// `field_byte_offset!(task_struct, se.vruntime)` is one CO-RE relocation of the whole path
/// (`FIELD_BYTE_OFFSET`, access string `0:<se>:<vruntime>`), behind its existence check
/// (`FIELD_EXISTS` of the same path), so the loader's poisoned instruction for a missing field is
/// never reached. On eBPF it compiles to those two relocated constants and nothing else.
///
/// ```
/// use btf_reloc_runtime::btf::field_byte_offset;
/// use btf_reloc_runtime::prelude::*;
/// use btf_reloc_runtime::sim::{Simulation, Struct, Type};
///
/// #[derive(BtfRelocatable)]
/// #[repr(C)]
/// struct sched_entity {
///     vruntime: u64,
///     vlag: i64,
/// }
///
/// #[derive(BtfRelocatable)]
/// #[repr(C)]
/// struct task_struct {
///     se: sched_entity,
/// }
///
/// // This kernel's `sched_entity` has no `vlag`.
/// let _kernel = Simulation::new()
///     .with_struct(Struct::new("task_struct", 512).field("se", 192, Type::struct_named("sched_entity", 64)))
///     .with_struct(Struct::new("sched_entity", 64).int("vruntime", 40, 8))
///     .install();
/// assert_eq!(field_byte_offset!(task_struct, se), Some(192));
/// assert_eq!(field_byte_offset!(task_struct, se.vruntime), Some(192 + 40));
/// assert_eq!(field_byte_offset!(task_struct, se.vlag), None);
/// ```
#[doc(inline)]
pub use crate::__btf_field_byte_offset as field_byte_offset;

/// The size in bytes, in the target, of the field at a path in a `#[derive(BtfRelocatable)]`
/// struct; `None` when the path does not exist there. `core::btf::field_byte_size!` of rustc's
/// `btf_relocations` feature.
///
/// One `FIELD_BYTE_SIZE` relocation of the whole path, behind its `FIELD_EXISTS`, as
/// [`field_byte_offset!`]. An array field's size is the whole array's, an embedded struct's
/// the whole struct's, in the target.
///
/// ```
/// use btf_reloc_runtime::btf::field_byte_size;
/// use btf_reloc_runtime::prelude::*;
/// use btf_reloc_runtime::sim::{Simulation, Struct, Type};
///
/// #[derive(BtfRelocatable)]
/// #[repr(C)]
/// struct task_struct {
///     comm: [u8; 16],
///     pid: i32,
/// }
///
/// // This kernel's `pid` is 8 bytes wide (a declaration that says `i32` would be wrong there).
/// let _kernel = Simulation::new()
///     .with_struct(
///         Struct::new("task_struct", 64)
///             .field("comm", 0, Type::array(Type::int(1, true), 16))
///             .int("pid", 16, 8),
///     )
///     .install();
/// assert_eq!(field_byte_size!(task_struct, comm), Some(16));
/// assert_eq!(field_byte_size!(task_struct, pid), Some(8));
/// ```
#[doc(inline)]
pub use crate::__btf_field_byte_size as field_byte_size;

// The macros are `#[macro_export]` (so at the crate root, hidden) and reach users through the
// re-exports above, as `core::btf`'s will be reached.
//
// A path is a field access on the root projection of `$Carrier` (see `path.rs`): each step is
// a field of the projection type the derive generates, so a misspelled or private field is
// rustc's own error on the user's token, and the type of the whole access carries the path.

#[doc(hidden)]
#[macro_export]
macro_rules! __btf_field_byte_offset {
    ($Carrier:ty, $first:ident $(. $rest:ident)* $(,)?) => {
        $crate::__private::projection_offset(
            &<$Carrier as $crate::__private::Projectable>::ROOT.$first $(.$rest)*,
        )
    };
    ($Carrier:ty $(, $($path:tt)*)?) => {
        $crate::__btf_bad_path!(field_byte_offset)
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __btf_field_byte_size {
    ($Carrier:ty, $first:ident $(. $rest:ident)* $(,)?) => {
        $crate::__private::projection_size(
            &<$Carrier as $crate::__private::Projectable>::ROOT.$first $(.$rest)*,
        )
    };
    ($Carrier:ty $(, $($path:tt)*)?) => {
        $crate::__btf_bad_path!(field_byte_size)
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __btf_bad_path {
    ($name:ident) => {
        ::core::compile_error!(::core::concat!(
            "`",
            ::core::stringify!($name),
            "!` takes a struct type and a path of field names: `",
            ::core::stringify!($name),
            "!(task_struct, se.vruntime)`; array elements (`comm[0]`) and tuple fields (`.0`) \
             are not part of a path"
        ))
    };
}
