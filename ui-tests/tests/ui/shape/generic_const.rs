// A const generic parameter is rejected like any generic parameter.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable)]
#[repr(C)]
pub struct task_struct<const N: usize> {
    pub comm: [u8; N],
}

fn main() {}
