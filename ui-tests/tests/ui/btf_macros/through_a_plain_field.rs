// A path goes on only through embedded relocatable structs: `pid` is an integer.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::btf;
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable)]
#[repr(C)]
pub struct task_struct {
    pub pid: i32,
    pub comm: [u8; 16],
}

fn main() {
    let _ = btf::field_byte_size!(task_struct, pid.x);
}
