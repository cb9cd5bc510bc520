// #[repr(C, packed)] is rejected: fields are read at their natural alignment.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable)]
#[repr(C, packed)]
pub struct task_struct {
    pub pid: i32,
}

fn main() {}
