// All naming errors of one struct are reported together.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable)]
#[repr(C)]
#[btf(name = "task-struct")]
pub struct task {
    #[btf(rename = "foo-bar")]
    pub state: u32,
    pub pid: i32,
    #[btf(rename = "pid")]
    pub tgid: i32,
}

fn main() {}
