// `rename` on a skipped field has no effect and is rejected.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable)]
#[repr(C)]
pub struct task_struct {
    pub pid: i32,
    #[btf(skip, rename = "__state")]
    pub state: u32,
}

fn main() {}
