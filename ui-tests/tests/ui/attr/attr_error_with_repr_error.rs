// An attribute error is reported together with the missing repr(C).
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable)]
#[btf(nmae = "task_struct")]
pub struct task {
    pub pid: i32,
}

fn main() {}
