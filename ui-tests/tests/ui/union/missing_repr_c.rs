// A union needs #[repr(C)] too: its members must all start at offset 0, as C's do.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable, Clone, Copy)]
pub union sigval {
    pub sival_int: i32,
    pub sival_ptr: u64,
}

fn main() {}
