//! The three intrinsics of the "[Pre-RFC] BTF relocations", made real on today's toolchain, and
//! the safe read built on them.
//!
//! Field `I` of `T` is named by the type and the field's index (see [`RelocatableField`]). On
//! `target_arch = "bpf"` each intrinsic is one marker instruction that the post-link step turns
//! into a CO-RE relocation, so the loader writes the running kernel's value into it; elsewhere
//! the host simulation ([`crate::sim`]) answers.

use core::mem::size_of;

use crate::backend;
use crate::error::RelocatableFieldAccessError;
use crate::field::RelocatableField;
use crate::ptr::{AddressSpace, Kernel, Ptr, User};

/// Whether field `I` of `T` exists in the target (`BPF_CORE_FIELD_EXISTS`).
///
/// On eBPF this is a constant the verifier knows, so it prunes the branch a missing field guards.
#[inline(always)]
pub fn relocatable_field_exists<T: RelocatableField<I>, const I: usize>() -> bool {
    backend::field_exists::<T, I>()
}

/// Size in bytes of field `I` of `T` in the target (`BPF_CORE_FIELD_BYTE_SIZE`).
///
/// Only meaningful where [`relocatable_field_exists`] is true: on eBPF the loader poisons this
/// instruction for a missing field and the verifier rejects the program if it is reachable, so
/// always call it behind the existence check (the generated getters do). The host simulation
/// returns 0 for a missing field.
#[inline(always)]
pub fn relocatable_field_byte_size<T: RelocatableField<I>, const I: usize>() -> usize {
    backend::field_byte_size::<T, I>()
}

/// Offset in bytes of field `I` from the start of `T` in the target
/// (`BPF_CORE_FIELD_BYTE_OFFSET`).
///
/// Same precondition as [`relocatable_field_byte_size`].
#[inline(always)]
pub fn relocatable_field_byte_offset<T: RelocatableField<I>, const I: usize>() -> usize {
    backend::field_byte_offset::<T, I>()
}

/// Reads field `I` of the `T` at `ptr`, at the target's offset.
///
/// `Ok(None)` when the field does not exist in the target, `Err(SizeMismatch)` when its target
/// size differs from the declared type's, `Err(ProbeRead)` when the memory read fails.
#[inline(always)]
pub fn read_field<T, S, const I: usize>(
    ptr: Ptr<T, S>,
) -> Result<Option<T::Type>, RelocatableFieldAccessError>
where
    T: RelocatableField<I>,
    S: AddressSpace,
{
    // The order matters on eBPF: the size and offset markers of a missing field are poisoned by
    // the loader, so they must only be reachable behind the existence check.
    if !relocatable_field_exists::<T, I>() {
        return Ok(None);
    }
    let expected = size_of::<T::Type>();
    let actual = relocatable_field_byte_size::<T, I>();
    if actual != expected {
        return Err(RelocatableFieldAccessError::SizeMismatch { expected, actual });
    }
    let offset = relocatable_field_byte_offset::<T, I>();
    let src = ptr.as_ptr().cast::<u8>().wrapping_add(offset);
    match backend::probe_read::<T::Type>(S::SPACE, src) {
        Ok(value) => Ok(Some(value)),
        Err(code) => Err(RelocatableFieldAccessError::ProbeRead(code)),
    }
}

/// [`read_field`] on kernel memory (`bpf_probe_read_kernel`).
#[inline(always)]
pub fn read_kernel_field<T: RelocatableField<I>, const I: usize>(
    ptr: *const T,
) -> Result<Option<T::Type>, RelocatableFieldAccessError> {
    read_field::<T, Kernel, I>(Ptr::new(ptr))
}

/// [`read_field`] on the current task's user memory (`bpf_probe_read_user`).
#[inline(always)]
pub fn read_user_field<T: RelocatableField<I>, const I: usize>(
    ptr: *const T,
) -> Result<Option<T::Type>, RelocatableFieldAccessError> {
    read_field::<T, User, I>(Ptr::new(ptr))
}
