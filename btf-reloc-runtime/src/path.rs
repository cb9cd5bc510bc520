//! Access paths: which field, of which root struct, a handle or an intrinsic is about.
//!
//! `task->se.vruntime` is one access path from the root `task_struct`: member `se`, then member
//! `vruntime` of the embedded `sched_entity`. It is one CO-RE relocation (access string
//! `0:<se>:<vruntime>`), so the loader resolves the whole path in the target, not each step
//! separately. Paths are types, so that their ids (`btf_reloc_format::id`) are compile-time
//! constants: [`Root<T>`] is the empty path at a `T`, [`Member<P, I>`] extends `P` with member
//! (or array element) `I`.
//!
//! A [`Projection`] is a path as a value, for the `btf::field_byte_offset!` family: each
//! derived struct has a hidden projection type with one field per relocatable field, named as
//! that field, whose type is the projection of the field's type one step further
//! (`FieldType::Projection`); a field that cannot be stepped into projects to a [`Leaf`], which
//! has no fields. So `task_struct.se.vruntime`, written as a field access on the root projection,
//! type-checks exactly when the path exists in the declaration, and its type carries the path.

use core::marker::PhantomData;

use btf_reloc_format::id::{id_seed, id_step};

use crate::field::BtfRelocatable;

/// An access path from a root struct (see the module docs).
pub trait Path: 'static {
    /// The struct the path starts at.
    type Root: BtfRelocatable;
    /// The id of the path: `id_seed(root)` stepped with every index.
    const ID: u32;
    /// Number of steps.
    const DEPTH: usize;
    /// The index taken at step `depth` (`0..DEPTH`).
    fn index(depth: usize) -> usize;

    /// Whether the path is an [`Unchecked`] mark.
    #[doc(hidden)]
    const UNCHECKED: bool = false;

    /// Whether the last step was taken from an [`Unchecked`] mark: then an embedded struct's
    /// handle is made without checking that the path exists (see [`Unchecked`]).
    #[doc(hidden)]
    const STEP_UNCHECKED: bool = false;
}

/// The empty path at a `T`: where a [`KernelPtr<T>`](crate::KernelPtr) points.
#[allow(missing_debug_implementations)] // A type-level marker: never a value.
pub struct Root<T>(PhantomData<fn() -> T>);

/// Path `P` followed by member `I` (or, after an array member, element `I`, always 0 in ids).
#[allow(missing_debug_implementations)] // A type-level marker: never a value.
pub struct Member<P, const I: usize>(PhantomData<fn() -> P>);

/// Path `P`, marked so that the next step into an embedded struct makes its handle without an
/// existence check: how `core_read!` goes through embedded structs. C's
/// `BPF_CORE_READ(in, b.b.b)` is one relocation of the whole path, and so is the read at the end
/// of `core_read!(in, b, b, b)`; checking `b` and `b.b` on the way would add relocations of
/// those prefixes, which the loader resolves (and checks for ambiguity between candidate
/// types) on their own. They are redundant too: where the leaf exists, so does every prefix, and
/// where it does not, the final read is `Ok(None)`. The same path otherwise (same id, same
/// steps), so every relocation made through it is `P`'s own.
#[allow(missing_debug_implementations)] // A type-level marker: never a value.
pub struct Unchecked<P>(PhantomData<fn() -> P>);

impl<T: BtfRelocatable + 'static> Path for Root<T> {
    type Root = T;
    const ID: u32 = id_seed(T::DESCRIPTOR.rust_path);
    const DEPTH: usize = 0;

    #[inline(always)]
    fn index(_depth: usize) -> usize {
        0
    }
}

impl<P: Path, const I: usize> Path for Member<P, I> {
    type Root = P::Root;
    const ID: u32 = id_step(P::ID, I);
    const DEPTH: usize = P::DEPTH + 1;
    const STEP_UNCHECKED: bool = P::UNCHECKED;

    #[inline(always)]
    fn index(depth: usize) -> usize {
        if depth == P::DEPTH {
            I
        } else {
            P::index(depth)
        }
    }
}

impl<P: Path> Path for Unchecked<P> {
    type Root = P::Root;
    const ID: u32 = P::ID;
    const DEPTH: usize = P::DEPTH;
    const UNCHECKED: bool = true;

    #[inline(always)]
    fn index(depth: usize) -> usize {
        P::index(depth)
    }
}

/// Where a handle's path puts its struct relative to the path's root: nothing for a root
/// handle, the relocated offset of the path for the handle of an embedded struct.
pub trait Offset {
    /// Bytes from the root to the struct the handle points at (0 when the path does not exist
    /// in the target; a handle is only made for a path that does).
    fn offset() -> usize;
}

impl<T> Offset for Root<T> {
    #[inline(always)]
    fn offset() -> usize {
        0
    }
}

impl<P: Path, const I: usize> Offset for Member<P, I> {
    #[inline(always)]
    fn offset() -> usize {
        crate::__private::existing_offset::<Self>().unwrap_or(0)
    }
}

impl<P: Offset> Offset for Unchecked<P> {
    #[inline(always)]
    fn offset() -> usize {
        P::offset()
    }
}

/// A path as a value (see the module docs): the type of a field access on a root projection.
///
/// Zero-sized and never a runtime value: `btf::field_byte_offset!` only reads the path from the
/// type of the access. (Fields, not methods, so that no trait method in scope can answer a
/// step the way `.into()` would answer a field named `into`.)
pub trait Projection: Sized {
    /// The path this projection stands for.
    type Path: Path;
    /// The value (every projection is a zero-sized type, built of projections).
    const HERE: Self;
}

/// The projection of a field that cannot be stepped into: an integer, a pointer, an array. It
/// has no fields, so `pid.x` is "no field `x` on type `Leaf<i32, …>`", naming the field's
/// declared type.
#[allow(missing_debug_implementations)] // A type-level marker: never printed.
pub struct Leaf<T, P> {
    // Private: no field of a `Leaf` is visible to a path in the user's crate.
    _path: PhantomData<fn() -> (T, P)>,
}

impl<T, P: Path> Projection for Leaf<T, P> {
    type Path = P;
    const HERE: Self = Self { _path: PhantomData };
}
