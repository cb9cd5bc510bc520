// `task.clone()` on a handle would call `Clone::clone` of the handle, never the getter.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable)]
#[repr(C)]
pub struct kernel_clone_args {
    pub flags: u64,
    pub clone: u64,
}

fn main() {}
