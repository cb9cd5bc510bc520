//! Integration tests of btf-reloc on the host simulation (in `tests/`), and this `no_std` library,
//! whose build proves that generated code needs neither `std` nor `alloc`.
#![no_std]
// The README's examples are compiled and run as doctests of this crate. It is Markdown for
// readers of the repository, where `a[2]` in a table is an index, not a rustdoc link.
#![doc = include_str!("../../README.md")]
#![allow(rustdoc::broken_intra_doc_links)]

pub mod walkthrough;

use btf_reloc_runtime::prelude::*;

/// A kernel struct declared in a `no_std` crate.
#[derive(BtfRelocatable, Debug)]
#[repr(C)]
pub struct sk_buff {
    /// Packet length.
    pub len: u32,
    /// Device pointer.
    pub dev: *const u8,
}

/// Reads `len` through a handle, as eBPF code would.
pub fn skb_len(skb: KernelPtr<sk_buff>) -> Result<Option<u32>, RelocatableFieldAccessError> {
    skb.len()
}
