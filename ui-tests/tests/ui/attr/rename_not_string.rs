// `rename` takes a string literal, not an integer.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable)]
#[repr(C)]
pub struct task_struct {
    #[btf(rename = 5)]
    pub state: u32,
}

fn main() {}
