// A reference cannot be read from kernel memory; the error is on the type.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable)]
#[repr(C)]
pub struct task_struct {
    pub comm: &'static u8,
}

fn main() {}
