// #[repr(C, packed(2))] is rejected like plain packed.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable)]
#[repr(C, packed(2))]
pub struct task_struct {
    pub pid: i32,
}

fn main() {}
