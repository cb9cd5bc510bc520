//! The host backend: intrinsics and reads answered by the thread's [`Simulation`](crate::sim).
//!
//! With no simulation installed the target is the local declaration itself (every field exists
//! where Rust put it) and every read fails with `EFAULT`, since there is no memory to read.

use core::mem::{size_of, MaybeUninit};

use std::vec::Vec;

use btf_reloc_format::RelocKind;

use crate::direct::DirectValue;
use crate::field::{BtfEnum, BtfType, FieldType};
use crate::path::Path;
use crate::ptr::Space;
use crate::sim::{self, EFAULT};

fn kind(value: u32) -> RelocKind {
    RelocKind::from_u32(value).unwrap_or(RelocKind::FieldExists)
}

/// An existence relocation's value as a `bool`.
#[inline(always)]
pub(crate) fn flag(value: u64) -> bool {
    value != 0
}

/// [`flag`]: the host has one form.
pub(crate) fn flag_value(value: u64) -> bool {
    flag(value)
}

pub(crate) fn field_info<P: Path, const KIND: u32>() -> u64 {
    let indices: Vec<usize> = (0..P::DEPTH).map(P::index).collect();
    sim::field_value(<P::Root as BtfType>::TYPE, &indices, kind(KIND))
}

/// What the simulation's refusals call a `#[btf(required)]` getter's field.
const REQUIRED: &str = "`#[btf(required)]` field";
/// What they call a direct read's field (refused for its size where the loaders do not resize
/// the load: they do for unsigned integers and pointers).
const DIRECT: &str = "directly read field";

/// A `#[btf(required)]` read of a field the target lacks does not load on eBPF: here, a panic.
pub(crate) fn require_field<P: Path>() {
    let indices: Vec<usize> = (0..P::DEPTH).map(P::index).collect();
    sim::require_field(<P::Root as BtfType>::TYPE, &indices, REQUIRED);
}

/// A `#[btf(required)]` field whose size `actual` is not `V`'s does not load on eBPF: here, a
/// panic. Returns `actual`.
pub(crate) fn require_size<P: Path, V>(actual: usize) -> usize {
    let expected = size_of::<V>();
    if actual != expected {
        let indices: Vec<usize> = (0..P::DEPTH).map(P::index).collect();
        sim::refuse_size(
            <P::Root as BtfType>::TYPE,
            &indices,
            REQUIRED,
            actual,
            expected,
        );
    }
    actual
}

/// [`probe_read`] with the size the caller has: the host reads `size_of::<V>()` bytes.
///
/// # Safety
///
/// `size` must be `size_of::<V>()` (as on eBPF, where the helper writes `size` bytes).
pub(crate) unsafe fn probe_read_sized<V: FieldType>(
    space: Space,
    src: *const u8,
    size: usize,
) -> Result<V, i32> {
    debug_assert_eq!(size, size_of::<V>());
    probe_read::<V>(space, src)
}

/// A direct load (`BtfPtr::read`) on the simulation: what the loaders and the kernel make of it.
/// A missing field, or one of another size where the loaders refuse to resize the load (unless
/// both are unsigned integers or pointers), does not load on eBPF: here, a panic. The target's
/// bytes are read zero-extended; an unreadable address gives 0, as the kernel's exception table
/// makes a faulting load give.
pub(crate) fn direct_load<V: DirectValue, P: Path>(base: *const u8) -> u64 {
    let indices: Vec<usize> = (0..P::DEPTH).map(P::index).collect();
    let root = <P::Root as BtfType>::TYPE;
    sim::require_field(root, &indices, DIRECT);
    let offset = sim::field_value(root, &indices, RelocKind::FieldByteOffset);
    let size = sim::field_value(root, &indices, RelocKind::FieldByteSize) as usize;
    let target_signed = sim::field_value(root, &indices, RelocKind::FieldSigned) != 0;
    if size != size_of::<V>() && (V::SIGNED || target_signed || size > 8) {
        sim::refuse_size(root, &indices, DIRECT, size, size_of::<V>());
    }
    load_sized(base.wrapping_add(offset as usize), size as u64)
}

/// The `size` bytes (at most 8) at `at` in the simulation's kernel memory, zero-extended; an
/// unreadable address gives 0, as the kernel's exception table makes a faulting load give.
pub(crate) fn load_sized(at: *const u8, size: u64) -> u64 {
    let mut bytes = [0u8; 8];
    let size = if size > 8 { 8 } else { size as usize };
    if let Some(dst) = bytes.get_mut(..size) {
        if sim::read(Space::Kernel, at as usize as u64, dst).is_err() {
            return 0;
        }
    }
    u64::from_le_bytes(bytes)
}

/// `value << LSHIFT_U64` of the bitfield at path `P` (the eBPF backend relocates the shift's
/// immediate; libbpf's shifts of a field of at most 8 bytes are below 64).
pub(crate) fn shift_left<P: Path>(value: u64) -> u64 {
    value.wrapping_shl(field_info::<P, { RelocKind::FieldLshiftU64 as u32 }>() as u32)
}

/// `value >> RSHIFT_U64` of the bitfield at path `P`, arithmetic if `arithmetic`.
pub(crate) fn shift_right<P: Path>(value: u64, arithmetic: bool) -> u64 {
    let amount = field_info::<P, { RelocKind::FieldRshiftU64 as u32 }>() as u32;
    if arithmetic {
        (value as i64).wrapping_shr(amount) as u64
    } else {
        value.wrapping_shr(amount)
    }
}

pub(crate) fn type_info<T: BtfType, const KIND: u32>() -> u64 {
    sim::type_value(T::TYPE, kind(KIND))
}

pub(crate) fn enum_info<E: BtfEnum, const I: usize, const KIND: u32>() -> u64 {
    sim::enum_value(<E as BtfType>::TYPE, I, kind(KIND))
}

pub(crate) fn probe_read<V: FieldType>(space: Space, src: *const u8) -> Result<V, i32> {
    // Zeroed, so that every byte is initialised before we view them as a `[u8]`.
    let mut out = MaybeUninit::<V>::zeroed();
    // SAFETY: `out` is `size_of::<V>()` initialised bytes of our own stack, borrowed mutably
    // only here.
    let bytes =
        unsafe { core::slice::from_raw_parts_mut(out.as_mut_ptr().cast::<u8>(), size_of::<V>()) };
    sim::read(space, src as usize as u64, bytes)?;
    // SAFETY: every byte was written by the successful read, and `V: FieldType` is valid for
    // any bit pattern.
    Ok(unsafe { out.assume_init() })
}

pub(crate) fn probe_read_bytes(space: Space, dst: &mut [u8], src: *const u8) -> Result<(), i32> {
    sim::read(space, src as usize as u64, dst)
}

/// `bpf_probe_read_*_str`: copies up to `dst.len() - 1` bytes and a NUL, stops after a NUL;
/// returns the bytes written including the NUL.
pub(crate) fn probe_read_str(space: Space, dst: &mut [u8], src: *const u8) -> Result<usize, i32> {
    let Some(max) = dst.len().checked_sub(1) else {
        return Ok(0);
    };
    let mut byte = [0u8; 1];
    for i in 0..max {
        let at = (src as usize as u64).checked_add(i as u64).ok_or(EFAULT)?;
        if let Err(code) = sim::read(space, at, &mut byte) {
            dst.fill(0);
            return Err(code);
        }
        dst[i] = byte[0];
        if byte[0] == 0 {
            return Ok(i + 1);
        }
    }
    dst[max] = 0;
    Ok(max + 1)
}
