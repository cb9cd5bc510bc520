// Enums are rejected: only structs with named fields mirror kernel structs.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable)]
#[repr(C)]
pub enum task_state {
    Running,
    Sleeping,
}

fn main() {}
