// Array elements are not part of a path (nor are they in rustc's `core::btf`).
#![allow(non_camel_case_types)]
use btf_reloc_runtime::btf;
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable)]
#[repr(C)]
pub struct task_struct {
    pub comm: [u8; 16],
}

fn main() {
    let _ = btf::field_byte_offset!(task_struct, comm[0]);
}
