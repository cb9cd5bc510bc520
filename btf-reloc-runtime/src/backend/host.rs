//! The host backend: intrinsics and reads answered by the thread's [`Simulation`](crate::sim).
//!
//! With no simulation installed the target is the local declaration itself (every field exists
//! where Rust put it) and every read fails with `EFAULT`, since there is no memory to read.

use core::mem::{size_of, MaybeUninit};

use std::vec::Vec;

use crate::descriptor::{relo_kind, StructDescriptor, TypeDescriptor, TypeShape};
use crate::field::{BtfEnum, BtfRelocatable, BtfType, FieldType};
use crate::path::Path;
use crate::ptr::Space;
use crate::sim::{self, Resolved, EFAULT};

/// The path's indices, root first.
fn indices<P: Path>() -> Vec<usize> {
    (0..P::DEPTH).map(P::index).collect()
}

/// The local layout along `indices`, for when no simulation is installed.
fn resolve_locally(root: StructDescriptor, indices: &[usize]) -> Option<Resolved> {
    let mut offset = 0usize;
    let mut fields = root.fields;
    let mut shape: Option<&TypeShape> = None;
    for &index in indices {
        match shape {
            Some(TypeShape::Array { elem, .. }) if index == 0 => shape = Some(elem),
            None | Some(TypeShape::Struct(_)) => {
                if let Some(TypeShape::Struct(desc)) = shape {
                    fields = desc.fields;
                }
                let field = fields.get(index)?;
                offset = offset.checked_add(field.offset)?;
                shape = Some(&field.shape);
            }
            Some(_) => return None,
        }
    }
    let shape = shape?;
    let signed = matches!(shape, TypeShape::Int { signed: true, .. });
    Some(Resolved::plain(offset, shape_size(shape), signed))
}

fn shape_size(shape: &TypeShape) -> usize {
    match shape {
        TypeShape::Int { size, .. } => *size,
        TypeShape::Ptr => size_of::<usize>(),
        TypeShape::Array { elem, len } => shape_size(elem).saturating_mul(*len),
        TypeShape::Struct(desc) => desc.size,
    }
}

pub(crate) fn field_info<P: Path, const KIND: u32>() -> u64 {
    let root = <P::Root as BtfRelocatable>::DESCRIPTOR;
    let indices = indices::<P>();
    let resolved = sim::with_current(|sim| match sim {
        Some(sim) => sim.resolve(root, &indices),
        None => resolve_locally(root, &indices),
    });
    let Some(r) = resolved else {
        return 0;
    };
    match KIND {
        relo_kind::FIELD_EXISTS => 1,
        relo_kind::FIELD_BYTE_SIZE => r.byte_size as u64,
        relo_kind::FIELD_BYTE_OFFSET => r.byte_offset as u64,
        relo_kind::FIELD_SIGNED => u64::from(r.signed),
        relo_kind::FIELD_LSHIFT_U64 => u64::from(r.lshift),
        relo_kind::FIELD_RSHIFT_U64 => u64::from(r.rshift),
        _ => 0,
    }
}

pub(crate) fn type_info<T: BtfType, const KIND: u32>() -> u64 {
    let (name, is_enum, local_size) = match T::TYPE {
        TypeDescriptor::Struct(desc) => (desc.name, false, desc.size),
        TypeDescriptor::Enum(desc) => (desc.name, true, desc.size),
    };
    let size = sim::with_current(|sim| match sim {
        Some(sim) => sim.type_size(name, is_enum),
        None => Some(local_size),
    });
    match (KIND, size) {
        (relo_kind::TYPE_EXISTS, Some(_)) => 1,
        (relo_kind::TYPE_SIZE, Some(size)) => size as u64,
        _ => 0,
    }
}

pub(crate) fn enum_info<E: BtfEnum, const I: usize, const KIND: u32>() -> u64 {
    let desc = E::DESCRIPTOR;
    let Some(variant) = desc.variants.get(I) else {
        return 0;
    };
    let value = sim::with_current(|sim| match sim {
        Some(sim) => sim.enum_value(desc.name, variant.name),
        None => Some(variant.value),
    });
    match (KIND, value) {
        (relo_kind::ENUMVAL_EXISTS, Some(_)) => 1,
        (relo_kind::ENUMVAL_VALUE, Some(value)) => value as u64,
        _ => 0,
    }
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
