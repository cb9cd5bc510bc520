// A kernel field name must be a C identifier: not empty.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable)]
#[repr(C)]
pub struct task_struct {
    #[btf(rename = "")]
    pub state: u32,
}

fn main() {}
