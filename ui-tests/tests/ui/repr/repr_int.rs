// An integer repr (here on a struct, which rustc rejects as well) is an unsupported representation.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable)]
#[repr(C, u8)]
pub struct task_struct {
    pub pid: i32,
}

fn main() {}
