// `name` needs a value.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable)]
#[repr(C)]
#[btf(name)]
pub struct task_struct {
    pub pid: i32,
}

fn main() {}
