//! Typed handles to memory that is not Rust memory: kernel memory ([`KernelPtr`]) and the memory
//! of a user process ([`UserPtr`]).
//!
//! See [`Ptr`]: an address plus an access path, never a Rust reference.

use core::fmt;
use core::marker::PhantomData;
use core::ops::Deref;

use crate::backend;
use crate::error::RelocatableFieldAccessError;
use crate::field::BtfRelocatable;
use crate::path::{Offset, Path, Root, Unchecked};

mod sealed {
    pub trait Sealed {}
}

/// Which probe-read helper family reads an address space.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Space {
    /// Kernel memory: `bpf_probe_read_kernel`.
    Kernel,
    /// User memory of the current task: `bpf_probe_read_user`.
    User,
}

/// An address space a [`Ptr`] points into: [`Kernel`] or [`User`].
pub trait AddressSpace: sealed::Sealed + 'static {
    /// The helper family that reads it.
    const SPACE: Space;
}

/// Kernel memory, read with `bpf_probe_read_kernel`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kernel {}

/// User memory of the current task, read with `bpf_probe_read_user`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum User {}

impl sealed::Sealed for Kernel {}
impl sealed::Sealed for User {}

impl AddressSpace for Kernel {
    const SPACE: Space = Space::Kernel;
}

impl AddressSpace for User {
    const SPACE: Space = Space::User;
}

/// A typed address of a `T` in address space `S`: [`KernelPtr<T>`] or [`UserPtr<T>`].
///
/// A handle is only an address, never a Rust reference: a `&task_struct` would claim a readable,
/// full-size value with exactly the declared layout, and kernel memory promises none of that.
/// Reads go through probe-read helpers, field by field, at relocated offsets; the getters the
/// derive generates are reached through `Deref` (`task.pid()`).
///
/// `P` is the access path from the struct the address points at (an implementation detail of
/// the derive): the empty path for a handle made from an address, longer for the handle an
/// embedded-struct getter returns (`task.se()` holds `task`'s address and the path `se`, so
/// `task.se()?.vruntime()` is one relocation of `task_struct.se.vruntime`).
///
/// The handle's own operations are associated functions, so that they never hide the getter of a
/// kernel field of the same name: `KernelPtr::addr(task)`, `KernelPtr::cast::<U>(task)`,
/// `KernelPtr::is_null(task)`. The getters are methods of a type the derive generates for each
/// struct (`task_structFields` for `task_struct`; its documentation lists them), reached through
/// `Deref`.
///
/// Creating one is safe: every read through it is a probe read, which reports a bad address as
/// [`RelocatableFieldAccessError::ProbeRead`](crate::RelocatableFieldAccessError::ProbeRead)
/// instead of faulting.
#[repr(transparent)]
pub struct Ptr<T, S: AddressSpace = Kernel, P = Root<T>> {
    /// Address of the path's root struct.
    base: *const u8,
    marker: PhantomData<Marker<T, S, P>>,
}

/// The type parameters of a [`Ptr`], as a variance- and auto-trait-neutral marker (a handle is
/// only an address: it owns no `T`).
type Marker<T, S, P> = fn() -> (T, S, P);

/// A typed address in kernel memory.
pub type KernelPtr<T> = Ptr<T, Kernel>;

/// A typed address in the current task's user memory.
pub type UserPtr<T> = Ptr<T, User>;

// The handle's own operations are associated functions (`KernelPtr::addr(task)`), not methods,
// like `Rc::strong_count`: a method would silently shadow the getter of a kernel field of the same
// name, which `Deref` only reaches after the handle's own methods.
impl<T, S: AddressSpace> Ptr<T, S> {
    /// Wraps a raw pointer.
    #[inline(always)]
    pub const fn new(ptr: *const T) -> Self {
        Self::from_base(ptr.cast())
    }

    /// Wraps a numeric address, e.g. one returned by `bpf_get_current_task()`.
    #[inline(always)]
    pub fn from_addr(addr: u64) -> Self {
        Self::new(addr as usize as *const T)
    }

    /// The null handle.
    #[inline(always)]
    pub const fn null() -> Self {
        Self::new(core::ptr::null())
    }

    /// The raw pointer: `KernelPtr::as_ptr(task)`.
    #[inline(always)]
    pub const fn as_ptr(this: Self) -> *const T {
        this.base.cast()
    }

    /// The same address, seen as a `U`: `KernelPtr::cast::<U>(task)`.
    #[inline(always)]
    pub const fn cast<U>(this: Self) -> Ptr<U, S> {
        Ptr::from_base(this.base)
    }
}

// Methods, unlike the operations above: a `Ptr<u8, _>` has no getters (`u8` derives nothing), so
// they cannot hide one.
impl<S: AddressSpace> Ptr<u8, S> {
    /// Copies `buf.len()` raw bytes from this address (`bpf_probe_read_{kernel,user}`): for
    /// memory no struct describes, such as a process's arguments between `mm->arg_start` and
    /// `mm->arg_end`.
    #[inline(always)]
    pub fn read_bytes(self, buf: &mut [u8]) -> Result<(), RelocatableFieldAccessError> {
        if self.base.is_null() {
            return Err(RelocatableFieldAccessError::NullPointer);
        }
        backend::probe_read_bytes(S::SPACE, buf, self.base)
            .map_err(RelocatableFieldAccessError::ProbeRead)
    }

    /// Copies the NUL-terminated string at this address into `buf`
    /// (`bpf_probe_read_{kernel,user}_str`); returns the bytes written, NUL included.
    #[inline(always)]
    pub fn read_str(self, buf: &mut [u8]) -> Result<usize, RelocatableFieldAccessError> {
        if self.base.is_null() {
            return Err(RelocatableFieldAccessError::NullPointer);
        }
        backend::probe_read_str(S::SPACE, buf, self.base)
            .map_err(RelocatableFieldAccessError::ProbeRead)
    }
}

impl<T, S: AddressSpace, P> Ptr<T, S, P> {
    /// A handle at path `P` from the root struct at `base`.
    #[inline(always)]
    pub(crate) const fn from_base(base: *const u8) -> Self {
        Self {
            base,
            marker: PhantomData,
        }
    }

    /// Address of the root struct of the path (for a plain handle: the address it holds).
    #[inline(always)]
    pub(crate) const fn base(self) -> *const u8 {
        self.base
    }

    /// Whether the handle is null (for an embedded struct's handle: its root's address).
    #[inline(always)]
    pub fn is_null(this: Self) -> bool {
        this.base.is_null()
    }
}

impl<T, S: AddressSpace, P: Offset> Ptr<T, S, P> {
    /// The numeric address the handle points at: `KernelPtr::addr(task)`. For the handle of an
    /// embedded struct (`task.se()`), its root's address plus the path's offset in the running
    /// kernel.
    #[inline(always)]
    pub fn addr(this: Self) -> u64 {
        (this.base as usize as u64).wrapping_add(P::offset() as u64)
    }
}

impl<T, S: AddressSpace, P> Clone for Ptr<T, S, P> {
    #[inline(always)]
    fn clone(&self) -> Self {
        *self
    }
}

impl<T, S: AddressSpace, P> Copy for Ptr<T, S, P> {}

impl<T, S: AddressSpace, P> PartialEq for Ptr<T, S, P> {
    #[inline(always)]
    fn eq(&self, other: &Self) -> bool {
        self.base == other.base
    }
}

impl<T, S: AddressSpace, P> Eq for Ptr<T, S, P> {}

impl<T, S: AddressSpace, P> fmt::Debug for Ptr<T, S, P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Ptr<{:?}>({:p})", S::SPACE, self.base)
    }
}

impl<T: BtfRelocatable, S: AddressSpace, P: Path> Deref for Ptr<T, S, P> {
    type Target = T::Fields<S, P>;

    #[inline(always)]
    fn deref(&self) -> &Self::Target {
        // SAFETY: `BtfRelocatable`'s contract makes `T::Fields<S, P>` a `repr(transparent)`
        // wrapper of `Ptr<T, S, P>`, so the two have the same layout and this reference to our own (Rust)
        // memory stays valid for `self`'s lifetime.
        unsafe { &*(self as *const Self).cast::<T::Fields<S, P>>() }
    }
}

/// A handle `core_read!` steps through: the same handle, its path marked [`Unchecked`] so that a
/// step into an embedded struct leaves every check to the read at the end of the path.
#[diagnostic::on_unimplemented(
    message = "`core_read!` goes on past a `{Self}`, which is not a handle",
    label = "every step but the last must give a handle (a pointer field or an embedded struct)"
)]
pub trait CoreReadHandle {
    /// The handle with its path marked.
    type Unchecked;

    /// Marks the path.
    fn unchecked(self) -> Self::Unchecked;
}

impl<T, S: AddressSpace, P: Path> CoreReadHandle for Ptr<T, S, P> {
    type Unchecked = Ptr<T, S, Unchecked<P>>;

    #[inline(always)]
    fn unchecked(self) -> Self::Unchecked {
        Ptr::from_base(self.base)
    }
}

impl<H: CoreReadHandle + Copy> CoreReadHandle for &H {
    type Unchecked = H::Unchecked;

    #[inline(always)]
    fn unchecked(self) -> Self::Unchecked {
        (*self).unchecked()
    }
}
