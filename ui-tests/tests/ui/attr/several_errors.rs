// Independent attribute errors on one struct are all reported in one go.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable)]
#[repr(C)]
#[btf(nmae = "task_struct")]
pub struct task {
    #[btf(renam = "__state")]
    pub state: u32,
    #[btf(rename = 5)]
    pub pid: i32,
}

fn main() {}
