// A where clause alone (no parameters) is rejected as generic too.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable)]
#[repr(C)]
pub struct task_struct
where
    i32: Copy,
{
    pub pid: i32,
}

fn main() {}
