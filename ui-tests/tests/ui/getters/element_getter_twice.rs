// `comm: [u8; 16]` generates `comm_at`, which a field cannot also be called.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable)]
#[repr(C)]
pub struct task_struct {
    pub comm: [u8; 16],
    pub comm_at: u32,
}

fn main() {}
