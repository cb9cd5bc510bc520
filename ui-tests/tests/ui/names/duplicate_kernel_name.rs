// Two fields mapping to the same kernel field (an explicit rename onto another field's name).
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable)]
#[repr(C)]
pub struct task_struct {
    pub pid: i32,
    #[btf(rename = "pid")]
    pub tgid: i32,
}

fn main() {}
