// A generic union is rejected: a kernel type has one layout.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable, Clone, Copy)]
#[repr(C)]
pub union sigval<T: Copy> {
    pub sival_int: i32,
    pub sival_ptr: T,
}

fn main() {}
