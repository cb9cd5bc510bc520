//! The safe reads built on the intrinsics: a plain value, an embedded-struct handle, an array
//! element, a string, a bitfield. Each follows the same order, which matters on eBPF: the
//! existence check first (the loader poisons the other relocations of a missing field, and only
//! the pruned branch may hold them), then the null check, then sizes, then the probe read.

use core::mem::size_of;

use crate::backend;
use crate::error::RelocatableFieldAccessError;
use crate::field::{FieldOf, FieldType, RelocatableField};
use crate::intrinsics::field_exists;
use crate::path::{Member, Path, Root};
use crate::ptr::{AddressSpace, Kernel, Ptr, Space, User};
use btf_reloc_format::bitfield::bitfield_load;
use btf_reloc_format::RelocKind;

type Result<T> = core::result::Result<T, RelocatableFieldAccessError>;

/// The checks every read starts with: `Ok(false)` when the field does not exist in the target
/// (then nothing else may be relocated), `Err(NullPointer)` when there is nothing to read from.
#[inline(always)]
fn present<P: Path>(base: *const u8) -> Result<bool> {
    if !field_exists::<P>() {
        return Ok(false);
    }
    if base.is_null() {
        return Err(RelocatableFieldAccessError::NullPointer);
    }
    Ok(true)
}

#[inline(always)]
fn byte_size<P: Path>() -> usize {
    backend::field_info::<P, { RelocKind::FieldByteSize as u32 }>() as usize
}

#[inline(always)]
fn byte_offset<P: Path>() -> usize {
    backend::field_info::<P, { RelocKind::FieldByteOffset as u32 }>() as usize
}

/// Reads the plain-data field at path `P` of the root struct at `base`.
#[inline(always)]
pub(crate) fn read_value<V: FieldType, S: AddressSpace, P: Path>(
    base: *const u8,
) -> Result<Option<V>> {
    if !present::<P>(base)? {
        return Ok(None);
    }
    let expected = size_of::<V>();
    let actual = byte_size::<P>();
    if actual != expected {
        return Err(RelocatableFieldAccessError::SizeMismatch { expected, actual });
    }
    read_value_checked::<V, S, P>(base)
}

/// The read of a `#[btf(required)]` field: [`read_value`] without its existence and null checks,
/// and with its size check made at load time.
///
/// A required field is one the program cannot work without. Nothing here asks whether it
/// exists, so on a kernel without it the loader poisons this read's relocations and the kernel
/// refuses the program at load time, as it refuses a C program's plain `BPF_CORE_READ` of it. A
/// field of another size than declared is refused at load time too
/// (`backend::require_size`): never a truncated or overlong read. Like `BPF_CORE_READ`, a null
/// `base` is not tested apart: the probe read of an address in the first page fails
/// (`Err(ProbeRead(-EFAULT))`).
#[inline(always)]
pub(crate) fn read_value_required<V: FieldType, S: AddressSpace, P: Path>(
    base: *const u8,
) -> Result<V> {
    backend::require_field::<P>();
    let size = backend::require_size::<P, V>(byte_size::<P>());
    let src = base.wrapping_add(byte_offset::<P>());
    // SAFETY: `require_size` returns only when the size is `size_of::<V>()` (otherwise the program
    // ends there, and the verifier refuses it before it runs).
    unsafe { backend::probe_read_sized::<V>(S::SPACE, src, size) }
        .map_err(RelocatableFieldAccessError::ProbeRead)
}

/// [`read_value`] after its checks: the field exists, `base` is not null, the target size is
/// `size_of::<V>()`.
#[inline(always)]
pub(crate) fn read_value_checked<V: FieldType, S: AddressSpace, P: Path>(
    base: *const u8,
) -> Result<Option<V>> {
    read_at::<V, S, P>(base).map(Some)
}

/// The probe read of the `V` at the target's offset of path `P` from `base`.
#[inline(always)]
fn read_at<V: FieldType, S: AddressSpace, P: Path>(base: *const u8) -> Result<V> {
    let src = base.wrapping_add(byte_offset::<P>());
    backend::probe_read::<V>(S::SPACE, src).map_err(RelocatableFieldAccessError::ProbeRead)
}

/// The handle of the embedded struct at path `P` of the root struct at `base`: nothing is read,
/// so its size may differ from the declaration's (it usually does).
///
/// A step `core_read!` takes on the way to its leaf ([`Path::STEP_UNCHECKED`]) checks nothing:
/// the leaf's own read checks the whole path, existence and null pointer alike, and no
/// relocation of the prefix `P` is left in the program (see [`Unchecked`](crate::path::Unchecked)).
#[inline(always)]
pub fn project<T, S: AddressSpace, P: Path>(base: *const u8) -> Result<Option<Ptr<T, S, P>>> {
    if P::STEP_UNCHECKED {
        return Ok(Some(Ptr::from_base(base)));
    }
    if !present::<P>(base)? {
        return Ok(None);
    }
    Ok(Some(Ptr::from_base(base)))
}

/// Element `index` of the array at path `A` of the root struct at `base`, bounds-checked against
/// the target array's length (its size over its element's size, both relocated).
#[inline(always)]
pub fn read_element<E: FieldType, S: AddressSpace, A: Path>(
    base: *const u8,
    index: usize,
) -> Result<Option<E::Value<S, Member<A, 0>>>> {
    if !present::<A>(base)? {
        return Ok(None);
    }
    let stride = byte_size::<Member<A, 0>>();
    let declared = size_of::<E>();
    if stride == declared && declared != 0 {
        // The usual case, the element as wide as declared: the same bounds check and read as
        // below, with the element's checks already made (the array exists, so its element does,
        // and `base` is not null) and a stride known here, so that the length is a division by
        // a constant and the offset of a constant index one constant. On eBPF `stride` is a
        // constant the verifier knows, so only one of the two branches is left after loading.
        let len = byte_size::<A>() / declared;
        if index >= len {
            return Err(RelocatableFieldAccessError::IndexOutOfBounds { index, len });
        }
        return E::access_checked::<S, Member<A, 0>>(
            base.wrapping_add(index.wrapping_mul(declared)),
        );
    }
    let len = match stride {
        0 => 0,
        stride => byte_size::<A>() / stride,
    };
    if index >= len {
        return Err(RelocatableFieldAccessError::IndexOutOfBounds { index, len });
    }
    // Element `index` sits `index * stride` bytes after element 0, whose path is relocated.
    E::access::<S, Member<A, 0>>(base.wrapping_add(index.wrapping_mul(stride)))
}

/// A type whose field can be read as a NUL-terminated string: a byte array holds it, a byte
/// pointer points at it.
pub trait StrField {
    /// Copies the string of the field at path `P` of the root at `base` into `buf`.
    fn read_str<S: AddressSpace, P: Path>(base: *const u8, buf: &mut [u8])
        -> Result<Option<usize>>;
}

impl<const N: usize> StrField for [u8; N] {
    #[inline(always)]
    fn read_str<S: AddressSpace, P: Path>(
        base: *const u8,
        buf: &mut [u8],
    ) -> Result<Option<usize>> {
        read_str_in_place::<S, P>(base, buf)
    }
}

impl<const N: usize> StrField for [i8; N] {
    #[inline(always)]
    fn read_str<S: AddressSpace, P: Path>(
        base: *const u8,
        buf: &mut [u8],
    ) -> Result<Option<usize>> {
        read_str_in_place::<S, P>(base, buf)
    }
}

macro_rules! str_pointer {
    ($($ty:ty => $space:ty),* $(,)?) => {$(
        impl StrField for $ty {
            #[inline(always)]
            fn read_str<S: AddressSpace, P: Path>(
                base: *const u8,
                buf: &mut [u8],
            ) -> Result<Option<usize>> {
                read_str_behind::<Self, S, $space, P>(base, buf, |p| p.cast())
            }
        }
    )*};
}

// Raw pointers point into the same memory as the struct holding them; `KernelPtr` / `UserPtr`
// say where they point.
str_pointer! {
    *const u8 => S, *mut u8 => S, *const i8 => S, *mut i8 => S,
}

impl StrField for Ptr<u8, Kernel> {
    #[inline(always)]
    fn read_str<S: AddressSpace, P: Path>(
        base: *const u8,
        buf: &mut [u8],
    ) -> Result<Option<usize>> {
        read_str_behind::<Self, S, Kernel, P>(base, buf, Ptr::as_ptr)
    }
}

impl StrField for Ptr<u8, User> {
    #[inline(always)]
    fn read_str<S: AddressSpace, P: Path>(
        base: *const u8,
        buf: &mut [u8],
    ) -> Result<Option<usize>> {
        read_str_behind::<Self, S, User, P>(base, buf, Ptr::as_ptr)
    }
}

/// A string stored in the field itself (`char comm[16]`): at most the target array's size.
#[inline(always)]
fn read_str_in_place<S: AddressSpace, P: Path>(
    base: *const u8,
    buf: &mut [u8],
) -> Result<Option<usize>> {
    if !present::<P>(base)? {
        return Ok(None);
    }
    let size = byte_size::<P>();
    let len = if buf.len() < size { buf.len() } else { size };
    let src = base.wrapping_add(byte_offset::<P>());
    match buf.get_mut(..len) {
        Some(dst) => probe_read_str(S::SPACE, dst, src),
        None => Ok(Some(0)),
    }
}

/// A string a pointer field points at (`const char *name`), read from `Target`'s memory.
#[inline(always)]
fn read_str_behind<F, S: AddressSpace, Target: AddressSpace, P: Path>(
    base: *const u8,
    buf: &mut [u8],
    to_ptr: impl FnOnce(F) -> *const u8,
) -> Result<Option<usize>>
where
    F: FieldType<Value<S, P> = F>,
{
    let Some(pointer) = F::access::<S, P>(base)? else {
        return Ok(None);
    };
    let src = to_ptr(pointer);
    if src.is_null() {
        return Err(RelocatableFieldAccessError::NullPointer);
    }
    probe_read_str(Target::SPACE, buf, src)
}

#[inline(always)]
fn probe_read_str(space: Space, buf: &mut [u8], src: *const u8) -> Result<Option<usize>> {
    match backend::probe_read_str(space, buf, src) {
        Ok(len) => Ok(Some(len)),
        Err(code) => Err(RelocatableFieldAccessError::ProbeRead(code)),
    }
}

/// An integer a bitfield can be read into.
#[diagnostic::on_unimplemented(
    message = "a bitfield cannot be read into a `{Self}`",
    label = "not an integer",
    note = "bitfields (`#[btf(bitfield)]`, `BtfPtr::read_bitfield`) are read into integer fields \
            (u8..u64, i8..i64, usize, isize)"
)]
pub trait BitfieldValue: Sized {
    /// Truncates the extracted (and, if signed, sign-extended) 64 bits to `Self`.
    fn from_bits(bits: u64) -> Self;
}

macro_rules! bitfield_value {
    ($($ty:ty),*) => {$(
        impl BitfieldValue for $ty {
            #[inline(always)]
            fn from_bits(bits: u64) -> Self {
                bits as $ty
            }
        }
    )*};
}

bitfield_value!(u8, u16, u32, u64, usize, i8, i16, i32, i64, isize);

/// Reads the bitfield at path `P` as libbpf's `BPF_CORE_READ_BITFIELD_PROBED` does: load the
/// relocated byte size at the relocated byte offset into a `u64`, shift left then right
/// (arithmetically if the target field is signed) by the relocated amounts. A field of a 16-byte
/// storage integer is loaded through the aligned 8 bytes of it that hold it
/// (`btf_reloc_format::bitfield`).
#[inline(always)]
pub fn read_bitfield<V: BitfieldValue, S: AddressSpace, P: Path>(
    base: *const u8,
) -> Result<Option<V>> {
    if !present::<P>(base)? {
        return Ok(None);
    }
    read_bitfield_required::<V, S, P>(base).map(Some)
}

/// [`read_bitfield`] of a `#[btf(required)]` field: without the existence and null checks, as
/// `read_value_required` (a missing field fails the load; a field wider than `V` is still
/// `Err(SizeMismatch)`).
#[inline(always)]
pub fn read_bitfield_required<V: BitfieldValue, S: AddressSpace, P: Path>(
    base: *const u8,
) -> Result<V> {
    backend::require_field::<P>();
    let offset = backend::field_info::<P, { RelocKind::FieldByteOffset as u32 }>();
    let size = backend::field_info::<P, { RelocKind::FieldByteSize as u32 }>();
    let rshift = backend::field_info::<P, { RelocKind::FieldRshiftU64 as u32 }>();
    let signed = backend::field_info::<P, { RelocKind::FieldSigned as u32 }>() != 0;
    let mismatch = |actual: u64| RelocatableFieldAccessError::SizeMismatch {
        expected: size_of::<V>(),
        actual: actual as usize,
    };
    if size <= 8 {
        // libbpf's own load, `BPF_CORE_READ_BITFIELD_PROBED`'s: `size` bytes at `offset`, then
        // the shifts, each relocated on its immediate as clang relocates them (below 64 for a
        // load of at most 8 bytes). On eBPF `size` is a constant the verifier knows, so only one
        // of the two paths is left after loading. The field fits when its width does.
        let bits = 64u32.wrapping_sub(rshift as u32) as u64;
        if bits > size_of::<V>() as u64 * 8 {
            return Err(mismatch(bits.div_ceil(8)));
        }
        let mut raw = [0u8; 8];
        // Also bounds the probe read for the verifier.
        let Some(dst) = raw.get_mut(..size as usize) else {
            return Err(mismatch(size));
        };
        if let Err(code) =
            backend::probe_read_bytes(S::SPACE, dst, base.wrapping_add(offset as usize))
        {
            return Err(RelocatableFieldAccessError::ProbeRead(code));
        }
        // Little-endian: the loaded bytes are the low bytes of the u64.
        let value = backend::shift_left::<P>(u64::from_le_bytes(raw));
        return Ok(V::from_bits(backend::shift_right::<P>(value, signed)));
    }
    // A field of a 16-byte storage integer: the 8 aligned bytes that hold it, with shifts
    // computed from the relocated ones (`bitfield_load`).
    let lshift = backend::field_info::<P, { RelocKind::FieldLshiftU64 as u32 }>();
    let load = match bitfield_load(offset, size, lshift, rshift) {
        // The field's own width in whole bytes, when it is what does not fit.
        Ok(load) if load.bits > size_of::<V>() as u64 * 8 => {
            return Err(mismatch(load.bits.div_ceil(8)))
        }
        Ok(load) => load,
        Err(error) => return Err(mismatch(error.actual())),
    };
    let mut raw = [0u8; 8];
    let src = base.wrapping_add(load.offset as usize);
    // Also bounds the probe read for the verifier.
    let Some(dst) = raw.get_mut(..load.size as usize) else {
        return Err(mismatch(load.size));
    };
    // Little-endian: the loaded bytes are the low bytes of the u64.
    if let Err(code) = backend::probe_read_bytes(S::SPACE, dst, src) {
        return Err(RelocatableFieldAccessError::ProbeRead(code));
    }
    // The computed shifts are below 64. Testing that on the values (on eBPF constants the
    // verifier knows) spares the shifts the masks of the wrapping forms; beyond, each shift is
    // the exact one (all bits out: 0, or the sign for an arithmetic one).
    let value = u64::from_le_bytes(raw);
    let value = if load.lshift > 63 {
        0
    } else {
        value.wrapping_shl(load.lshift as u32)
    };
    let value = match (load.rshift > 63, signed) {
        (false, true) => (value as i64).wrapping_shr(load.rshift as u32) as u64,
        (false, false) => value.wrapping_shr(load.rshift as u32),
        (true, true) => ((value as i64) >> 63) as u64,
        (true, false) => 0,
    };
    Ok(V::from_bits(value))
}

/// Reads field `I` of the `T` at `ptr`, at the target's offset.
///
/// `Ok(None)` when the field does not exist in the target, `Err(SizeMismatch)` when its target
/// size differs from the declared type's, `Err(NullPointer)` for a null `ptr`, `Err(ProbeRead)`
/// when the memory read fails. For an embedded struct the result is its handle.
#[inline(always)]
pub fn read_field<T, S, const I: usize>(ptr: Ptr<T, S>) -> Result<Option<FieldOf<T, S, Root<T>, I>>>
where
    T: RelocatableField<I>,
    S: AddressSpace,
{
    <T::Type as FieldType>::access::<S, Member<Root<T>, I>>(ptr.base())
}

/// [`read_field`] on kernel memory (`bpf_probe_read_kernel`).
#[inline(always)]
pub fn read_kernel_field<T: RelocatableField<I>, const I: usize>(
    ptr: *const T,
) -> Result<Option<FieldOf<T, Kernel, Root<T>, I>>> {
    read_field::<T, Kernel, I>(Ptr::new(ptr))
}

/// [`read_field`] on the current task's user memory (`bpf_probe_read_user`).
#[inline(always)]
pub fn read_user_field<T: RelocatableField<I>, const I: usize>(
    ptr: *const T,
) -> Result<Option<FieldOf<T, User, Root<T>, I>>> {
    read_field::<T, User, I>(Ptr::new(ptr))
}
