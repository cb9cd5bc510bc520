//! The host backend: intrinsics and reads answered by the thread's [`Simulation`](crate::sim).
//!
//! With no simulation installed the target is the local declaration itself (every field exists
//! where Rust put it) and every read fails with `EFAULT`, since there is no memory to read.

use core::mem::{size_of, MaybeUninit};

use crate::field::{FieldType, RelocatableField};
use crate::ptr::Space;
use crate::sim::{self, Resolved};

fn resolve<T: RelocatableField<I>, const I: usize>() -> Option<Resolved> {
    let desc = T::DESCRIPTOR;
    sim::with_current(|sim| match sim {
        Some(sim) => sim.resolve(&desc, I),
        None => desc.fields.get(I).map(|f| Resolved {
            offset: f.offset,
            size: f.size,
        }),
    })
}

pub(crate) fn field_exists<T: RelocatableField<I>, const I: usize>() -> bool {
    resolve::<T, I>().is_some()
}

pub(crate) fn field_byte_size<T: RelocatableField<I>, const I: usize>() -> usize {
    resolve::<T, I>().map_or(0, |r| r.size)
}

pub(crate) fn field_byte_offset<T: RelocatableField<I>, const I: usize>() -> usize {
    resolve::<T, I>().map_or(0, |r| r.offset)
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
