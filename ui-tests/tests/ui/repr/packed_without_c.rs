// #[repr(packed)] alone reports packed, not also a missing repr(C).
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable)]
#[repr(packed)]
pub struct task_struct {
    pub pid: i32,
}

fn main() {}
