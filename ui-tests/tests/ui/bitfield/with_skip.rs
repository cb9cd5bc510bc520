// `bitfield` and `skip` contradict each other.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable)]
#[repr(C)]
pub struct task_struct {
    #[btf(bitfield, skip)]
    pub in_execve: u8,
}

fn main() {}
