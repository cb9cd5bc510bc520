// #[repr(C, packed)] is rejected on a union as on a struct; the message says "union".
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable, Clone, Copy)]
#[repr(C, packed)]
pub union sigval {
    pub sival_int: i32,
    pub sival_ptr: u64,
}

fn main() {}
