//! Typed handles to memory that is not Rust memory: kernel memory ([`KernelPtr`]) and the memory
//! of a user process ([`UserPtr`]).
//!
//! A handle is only an address. It never becomes a Rust reference, because a `&task_struct` would
//! claim a readable, full-size value with exactly the declared layout, and kernel memory promises
//! none of that. Reads go through probe-read helpers, field by field, at relocated offsets; the
//! getters the derive generates are reached through `Deref` (`task.pid()`).

use core::fmt;
use core::marker::PhantomData;
use core::ops::Deref;

use crate::field::BtfRelocatable;

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
/// Creating one is safe: every read through it is a probe read, which reports a bad address as
/// [`RelocatableFieldAccessError::ProbeRead`](crate::RelocatableFieldAccessError::ProbeRead)
/// instead of faulting.
#[repr(transparent)]
pub struct Ptr<T, S: AddressSpace = Kernel> {
    ptr: *const T,
    space: PhantomData<S>,
}

/// A typed address in kernel memory.
pub type KernelPtr<T> = Ptr<T, Kernel>;

/// A typed address in the current task's user memory.
pub type UserPtr<T> = Ptr<T, User>;

impl<T, S: AddressSpace> Ptr<T, S> {
    /// Wraps a raw pointer.
    #[inline(always)]
    pub const fn new(ptr: *const T) -> Self {
        Self {
            ptr,
            space: PhantomData,
        }
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

    /// The raw pointer.
    #[inline(always)]
    pub const fn as_ptr(self) -> *const T {
        self.ptr
    }

    /// The numeric address.
    #[inline(always)]
    pub fn addr(self) -> u64 {
        self.ptr as usize as u64
    }

    /// Whether the address is null.
    #[inline(always)]
    pub fn is_null(self) -> bool {
        self.ptr.is_null()
    }

    /// The same address, seen as a `U`.
    #[inline(always)]
    pub const fn cast<U>(self) -> Ptr<U, S> {
        Ptr::new(self.ptr.cast())
    }
}

impl<T, S: AddressSpace> Clone for Ptr<T, S> {
    #[inline(always)]
    fn clone(&self) -> Self {
        *self
    }
}

impl<T, S: AddressSpace> Copy for Ptr<T, S> {}

impl<T, S: AddressSpace> PartialEq for Ptr<T, S> {
    #[inline(always)]
    fn eq(&self, other: &Self) -> bool {
        self.ptr == other.ptr
    }
}

impl<T, S: AddressSpace> Eq for Ptr<T, S> {}

impl<T, S: AddressSpace> fmt::Debug for Ptr<T, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Ptr<{:?}>({:p})", S::SPACE, self.ptr)
    }
}

impl<T: BtfRelocatable, S: AddressSpace> Deref for Ptr<T, S> {
    type Target = T::Fields<S>;

    #[inline(always)]
    fn deref(&self) -> &Self::Target {
        // SAFETY: `BtfRelocatable`'s contract makes `T::Fields<S>` a `repr(transparent)` wrapper
        // of `Ptr<T, S>`, so the two have the same layout and this reference to our own (Rust)
        // memory stays valid for `self`'s lifetime.
        unsafe { &*(self as *const Self).cast::<T::Fields<S>>() }
    }
}
