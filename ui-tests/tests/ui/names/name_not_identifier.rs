// A kernel type name must be a C identifier (`struct` is implied, not written).
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable)]
#[repr(C)]
#[btf(name = "struct task_struct")]
pub struct task {
    pub pid: i32,
}

fn main() {}
