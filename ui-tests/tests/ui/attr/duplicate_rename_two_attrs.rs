// The same key in two #[btf] attributes on one field is rejected.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable)]
#[repr(C)]
pub struct task_struct {
    #[btf(rename = "__state")]
    #[btf(rename = "state")]
    pub state: u32,
}

fn main() {}
