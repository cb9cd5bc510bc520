//! Direct reads of BTF-typed kernel pointers: [`BtfPtr`].
//!
//! fentry/fexit, `tp_btf`, LSM and iterator programs get kernel pointers the verifier tracks by
//! their kernel BTF type (`PTR_TO_BTF_ID`); so does `bpf_get_current_task_btf()`. Through such a
//! pointer a program may load a field with one instruction, `r0 = *(u32 *)(r1 + off)`: the
//! verifier checks `off` against the kernel's type, and the kernel handles a fault (the load
//! gives 0). This module owns that read: one load whose offset is a CO-RE relocation
//! (`FIELD_BYTE_OFFSET` on the load itself, as clang's `__builtin_preserve_access_index` makes
//! it), no helper call, no check left in the program.

use core::fmt;
use core::marker::PhantomData;

use crate::backend;
use crate::field::{BtfRelocatable, Projectable};
use crate::path::{Leaf, Path, Projection, Root};
use crate::ptr::{Kernel, Ptr};
use crate::read::BitfieldValue;
use btf_reloc_format::RelocKind;

/// A pointer to a kernel `T` that the verifier knows by its BTF type: an argument of an
/// fentry/fexit, `tp_btf`, LSM or iterator program, or `bpf_get_current_task_btf()`.
///
/// [`read`](Self::read) loads a field directly, at the running kernel's offset: one instruction
/// carrying the CO-RE relocation, as clang's `task->pid` with `__builtin_preserve_access_index`
/// compiles. What the checked getters check at run time, the loader and the verifier check at
/// load time instead:
/// - a field the running kernel lacks: the loader poisons the load and the kernel refuses the
///   program, the verifier's log naming the field (as for a `#[btf(required)]` field);
/// - a field of another size: both loaders resize the load of an unsigned integer or a pointer
///   (the value is then right) and refuse any other mismatch;
/// - a pointer the verifier does not know by its BTF type (`bpf_get_current_task()`'s number, a
///   probe-read pointer): the verifier refuses the load;
/// - a fault at run time (a bad pointer): the kernel's exception table makes the load give 0.
///
/// So a read returns the value itself, never an error: a program whose reads would be wrong
/// does not load.
///
/// ```ignore
/// #[fentry(function = "wake_up_new_task")]
/// fn new_task(ctx: FEntryContext) -> u32 {
///     // SAFETY: wake_up_new_task(struct task_struct *p).
///     let p = BtfPtr::<task_struct>::new(unsafe { ctx.arg(0) });
///     let pid: i32 = p.read(|t| t.pid);
///     let parent: BtfPtr<task_struct> = p.read(|t| t.real_parent);
///     let vruntime: u64 = p.read(|t| t.se.vruntime); // one relocation of the whole path
///     0
/// }
/// ```
#[repr(transparent)]
pub struct BtfPtr<T> {
    ptr: *const T,
    marker: PhantomData<fn() -> T>,
}

impl<T> Clone for BtfPtr<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for BtfPtr<T> {}

impl<T> fmt::Debug for BtfPtr<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("BtfPtr").field(&self.ptr).finish()
    }
}

impl<T> BtfPtr<T> {
    /// Wraps a pointer the verifier knows by its BTF type (a program argument). Safe: through
    /// any other pointer, the verifier refuses the loads.
    #[inline(always)]
    pub const fn new(ptr: *const T) -> Self {
        Self {
            ptr,
            marker: PhantomData,
        }
    }

    /// The raw pointer.
    #[inline(always)]
    pub const fn as_ptr(self) -> *const T {
        self.ptr
    }

    /// The same address as a [`KernelPtr`](crate::KernelPtr), for the checked getters (probe
    /// reads: for what the loaded program must decide at run time).
    #[inline(always)]
    pub const fn to_kernel_ptr(self) -> Ptr<T, Kernel> {
        Ptr::new(self.ptr)
    }
}

impl<T: Projectable> BtfPtr<T> {
    /// Loads the field at `path`, a path of field names from `T` (`|t| t.pid`,
    /// `|t| t.se.vruntime` through embedded `#[derive(BtfRelocatable)]` structs), with one
    /// instruction at the running kernel's offset of the whole path.
    ///
    /// The field is an integer, a raw pointer, or a `KernelPtr<U>`, which reads as a
    /// `BtfPtr<U>` (the verifier types a pointer loaded from a BTF-typed struct by the kernel's
    /// BTF); an array or an embedded struct as a whole cannot be loaded by one instruction (a
    /// compile error: read them with the checked getters, [`to_kernel_ptr`](Self::to_kernel_ptr)),
    /// and a bitfield is [`read_bitfield`](Self::read_bitfield)'s. `path` is never called: only
    /// its type matters.
    #[inline(always)]
    pub fn read<L, F>(self, path: F) -> <L as DirectLeaf>::Value
    where
        F: FnOnce(T::Projection<Root<T>>) -> L,
        L: DirectLeaf,
    {
        let _ = path;
        L::load(self.ptr.cast())
    }
}

impl<T: Projectable> BtfPtr<T> {
    /// Reads the bitfield at `path` with direct loads, as libbpf's `BPF_CORE_READ_BITFIELD`
    /// (the non-probed one): the relocated byte size at the relocated byte offset, then the
    /// shifts relocated on their immediates, arithmetic when the kernel's field is signed; the
    /// value truncated to the declared integer type.
    ///
    /// Like [`read`](Self::read) it returns the value itself: a field the kernel lacks, or one in
    /// a storage integer wider than 8 bytes (which one load cannot hold; libbpf's macro does not
    /// read those either), makes the program fail to load. It also reads a plain integer field
    /// (`FIELD_LSHIFT_U64`/`RSHIFT_U64` describe any integer), as libbpf's macro does.
    #[inline(always)]
    pub fn read_bitfield<L, F>(self, path: F) -> <L as DirectBitfield>::Value
    where
        F: FnOnce(T::Projection<Root<T>>) -> L,
        L: DirectBitfield,
    {
        let _ = path;
        L::load_bitfield(self.ptr.cast())
    }
}

/// The projection of an integer field [`BtfPtr::read_bitfield`] reads.
#[diagnostic::on_unimplemented(
    message = "`BtfPtr::read_bitfield` reads integer fields only",
    label = "not an integer field",
    note = "name a bitfield (or any integer field) of the struct"
)]
pub trait DirectBitfield: Projection {
    /// The declared integer type.
    type Value;
    /// The bitfield of the root struct at `base`.
    fn load_bitfield(base: *const u8) -> Self::Value;
}

impl<V: BitfieldValue, P: Path> DirectBitfield for Leaf<V, P>
where
    P::Root: BtfRelocatable,
{
    type Value = V;

    #[inline(always)]
    fn load_bitfield(base: *const u8) -> V {
        backend::require_field::<P>();
        let offset = backend::field_info::<P, { RelocKind::FieldByteOffset as u32 }>();
        let size = backend::field_info::<P, { RelocKind::FieldByteSize as u32 }>();
        let signed = backend::field_info::<P, { RelocKind::FieldSigned as u32 }>() != 0;
        let raw = backend::load_sized(base.wrapping_add(offset as usize), size);
        let value = backend::shift_left::<P>(raw);
        <V as BitfieldValue>::from_bits(backend::shift_right::<P>(value, signed))
    }
}

/// The projection of a field one instruction can load ([`BtfPtr::read`]).
#[diagnostic::on_unimplemented(
    message = "`BtfPtr::read` cannot load this field with one instruction",
    label = "not an integer or a pointer",
    note = "a direct read loads an integer, a raw pointer or a KernelPtr (read as a BtfPtr); \
            read arrays, embedded structs as a whole and bitfields with the checked getters \
            (`BtfPtr::to_kernel_ptr`)"
)]
pub trait DirectLeaf: Projection {
    /// What the load gives.
    type Value;
    /// The load from the root struct at `base`.
    fn load(base: *const u8) -> Self::Value;
}

/// A field type one instruction loads: 1, 2, 4 or 8 bytes.
#[diagnostic::on_unimplemented(
    message = "`BtfPtr::read` cannot load a `{Self}` with one instruction",
    label = "not an integer or a pointer",
    note = "a direct read loads an integer, a raw pointer or a KernelPtr (read as a BtfPtr); \
            read an array with the checked getters: `BtfPtr::to_kernel_ptr(p).comm_at(i)`, \
            `.comm_str(&mut buf)`"
)]
pub trait DirectValue: Sized {
    /// What a direct read of it returns.
    type Value;
    /// Whether it is a signed integer (the loaders resize a load only for unsigned integers and
    /// pointers).
    const SIGNED: bool;
    /// Its value from the loaded bits (zero-extended by the load).
    fn from_bits(bits: u64) -> Self::Value;
}

macro_rules! direct_ints {
    ($($ty:ty => $signed:expr),*) => {$(
        impl DirectValue for $ty {
            type Value = $ty;
            const SIGNED: bool = $signed;
            #[inline(always)]
            fn from_bits(bits: u64) -> $ty {
                bits as $ty
            }
        }
    )*};
}

direct_ints!(
    u8 => false, u16 => false, u32 => false, u64 => false, usize => false,
    i8 => true, i16 => true, i32 => true, i64 => true, isize => true
);

impl<U> DirectValue for *const U {
    const SIGNED: bool = false;
    type Value = *const U;
    #[inline(always)]
    fn from_bits(bits: u64) -> *const U {
        bits as usize as *const U
    }
}

impl<U> DirectValue for *mut U {
    const SIGNED: bool = false;
    type Value = *mut U;
    #[inline(always)]
    fn from_bits(bits: u64) -> *mut U {
        bits as usize as *mut U
    }
}

impl<U> DirectValue for Ptr<U, Kernel> {
    const SIGNED: bool = false;
    type Value = BtfPtr<U>;
    #[inline(always)]
    fn from_bits(bits: u64) -> BtfPtr<U> {
        BtfPtr::new(bits as usize as *const U)
    }
}

impl<V: DirectValue, P: Path> DirectLeaf for Leaf<V, P>
where
    P::Root: BtfRelocatable,
{
    type Value = V::Value;

    #[inline(always)]
    fn load(base: *const u8) -> V::Value {
        V::from_bits(backend::direct_load::<V, P>(base))
    }
}
