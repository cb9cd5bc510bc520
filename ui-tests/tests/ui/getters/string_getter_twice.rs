// A byte pointer generates a `_str` getter, which a field cannot also be called.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable)]
#[repr(C)]
pub struct linux_binprm {
    pub filename_str: u64,
    pub filename: *const u8,
}

fn main() {}
