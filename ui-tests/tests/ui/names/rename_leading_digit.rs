// A kernel field name must be a C identifier: no leading digit.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable)]
#[repr(C)]
pub struct task_struct {
    #[btf(rename = "1abc")]
    pub state: u32,
}

fn main() {}
