//! Bounds-checked little-endian reads and writes: every access to input bytes goes through here,
//! so a truncated or lying header yields `None` instead of a panic.

use std::ops::Range;

/// `off..off + len`, or `None` on overflow.
pub(crate) fn range(off: usize, len: usize) -> Option<Range<usize>> {
    Some(off..off.checked_add(len)?)
}

/// `data[off..off + len]`, or `None` when it does not fit.
pub(crate) fn slice(data: &[u8], off: usize, len: usize) -> Option<&[u8]> {
    data.get(range(off, len)?)
}

fn array<const N: usize>(data: &[u8], off: usize) -> Option<[u8; N]> {
    slice(data, off, N)?.try_into().ok()
}

pub(crate) fn u8_at(data: &[u8], off: usize) -> Option<u8> {
    data.get(off).copied()
}

pub(crate) fn u16_at(data: &[u8], off: usize) -> Option<u16> {
    array(data, off).map(u16::from_le_bytes)
}

pub(crate) fn u32_at(data: &[u8], off: usize) -> Option<u32> {
    array(data, off).map(u32::from_le_bytes)
}

pub(crate) fn u64_at(data: &[u8], off: usize) -> Option<u64> {
    array(data, off).map(u64::from_le_bytes)
}

/// Overwrites `buf[off..off + bytes.len()]`; `None` when it does not fit.
pub(crate) fn set(buf: &mut [u8], off: usize, bytes: &[u8]) -> Option<()> {
    buf.get_mut(range(off, bytes.len())?)?
        .copy_from_slice(bytes);
    Some(())
}

pub(crate) fn set_u16(buf: &mut [u8], off: usize, v: u16) -> Option<()> {
    set(buf, off, &v.to_le_bytes())
}

pub(crate) fn set_u32(buf: &mut [u8], off: usize, v: u32) -> Option<()> {
    set(buf, off, &v.to_le_bytes())
}

pub(crate) fn set_u64(buf: &mut [u8], off: usize, v: u64) -> Option<()> {
    set(buf, off, &v.to_le_bytes())
}

/// Pads `buf` with zeros to a multiple of `align` (a power of two).
pub(crate) fn pad_to(buf: &mut Vec<u8>, align: usize) {
    while !buf.len().is_multiple_of(align) {
        buf.push(0);
    }
}

/// `usize` from a `u64`/`u32` file quantity, or `None` on a 32-bit host overflow.
pub(crate) fn us(v: impl TryInto<usize>) -> Option<usize> {
    v.try_into().ok()
}

/// `u32` from a length we produced, or `None` when it does not fit the format.
pub(crate) fn u32_of(v: usize) -> Option<u32> {
    u32::try_from(v).ok()
}
