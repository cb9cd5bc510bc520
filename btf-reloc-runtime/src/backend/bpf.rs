//! The eBPF backend: each intrinsic is one `ld_imm64` marker instruction, reads are BPF helper
//! calls.
//!
//! A marker's immediate is `descriptor::marker(kind, field_id)`. `btf-reloc link` replaces it with
//! the local value and records a `.BTF.ext` CO-RE relocation for it, so the loader (aya, libbpf,
//! cilium/ebpf) writes the running kernel's value into the instruction.

use core::ffi::c_void;
use core::mem::{size_of, MaybeUninit};

use crate::descriptor::{marker, relo_kind};
use crate::field::{FieldType, RelocatableField};
use crate::ptr::Space;

/// One marker instruction for `kind` of field `I` of `T`.
#[inline(always)]
fn marker_value<T: RelocatableField<I>, const I: usize, const KIND: u32>() -> u64 {
    let value: u64;
    // SAFETY: the instruction only loads a 64-bit constant into the output register: it reads
    // and writes no memory and leaves the stack alone. It is deliberately not `pure`: a pure asm
    // could be hoisted above the existence check that must guard the size and offset markers.
    unsafe {
        core::arch::asm!(
            "{0} = {1} ll",
            out(reg) value,
            const marker(KIND, T::DESCRIPTOR.field_id(I)),
            options(nomem, nostack),
        );
    }
    value
}

#[inline(always)]
pub(crate) fn field_exists<T: RelocatableField<I>, const I: usize>() -> bool {
    marker_value::<T, I, { relo_kind::FIELD_EXISTS }>() != 0
}

#[inline(always)]
pub(crate) fn field_byte_size<T: RelocatableField<I>, const I: usize>() -> usize {
    marker_value::<T, I, { relo_kind::FIELD_BYTE_SIZE }>() as usize
}

#[inline(always)]
pub(crate) fn field_byte_offset<T: RelocatableField<I>, const I: usize>() -> usize {
    marker_value::<T, I, { relo_kind::FIELD_BYTE_OFFSET }>() as usize
}

/// `long bpf_probe_read_{kernel,user}(void *dst, u32 size, const void *unsafe_ptr)`.
type ProbeReadHelper = unsafe extern "C" fn(*mut c_void, u32, *const c_void) -> i64;

const BPF_FUNC_PROBE_READ_USER: usize = 112;
const BPF_FUNC_PROBE_READ_KERNEL: usize = 113;

#[inline(always)]
pub(crate) fn probe_read<V: FieldType>(space: Space, src: *const u8) -> Result<V, i32> {
    let id = match space {
        Space::Kernel => BPF_FUNC_PROBE_READ_KERNEL,
        Space::User => BPF_FUNC_PROBE_READ_USER,
    };
    // SAFETY: on the bpf target a call through a function pointer whose value is a helper id is
    // how helper calls are expressed (`call <id>`); both helpers have this signature.
    let helper: ProbeReadHelper = unsafe { core::mem::transmute::<usize, ProbeReadHelper>(id) };
    let mut out = MaybeUninit::<V>::uninit();
    // SAFETY: `out` is a writable buffer of exactly `size_of::<V>()` bytes; the helper validates
    // `src` itself and zeroes `out` on failure.
    let ret = unsafe {
        helper(
            out.as_mut_ptr().cast::<c_void>(),
            size_of::<V>() as u32,
            src.cast::<c_void>(),
        )
    };
    if ret < 0 {
        return Err(ret as i32);
    }
    // SAFETY: the helper succeeded, so all `size_of::<V>()` bytes were written, and `V:
    // FieldType` is valid for any bit pattern.
    Ok(unsafe { out.assume_init() })
}
