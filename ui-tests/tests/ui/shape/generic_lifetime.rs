// A lifetime parameter is rejected like any generic parameter.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable)]
#[repr(C)]
pub struct task_struct<'a> {
    pub comm: &'a [u8; 16],
}

fn main() {}
