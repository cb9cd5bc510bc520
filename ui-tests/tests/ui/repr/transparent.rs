// #[repr(transparent)] is rejected: a kernel struct mirror needs repr(C).
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable)]
#[repr(transparent)]
pub struct task_struct {
    pub pid: i32,
}

fn main() {}
