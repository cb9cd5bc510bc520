// A bitfield is extracted into an integer; an array cannot hold it.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable)]
#[repr(C)]
pub struct task_struct {
    #[btf(bitfield)]
    pub flags: [u8; 4],
}

fn main() {}
