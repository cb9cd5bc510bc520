// `skip` is a flag and takes no value.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable)]
#[repr(C)]
pub struct task_struct {
    pub pid: i32,
    #[btf(skip = "yes")]
    pub flags: u32,
}

fn main() {}
