// Embedding a struct that does not derive BtfRelocatable is rejected on the field type.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[repr(C)]
pub struct list_head {
    pub next: u64,
    pub prev: u64,
}

#[derive(BtfRelocatable)]
#[repr(C)]
pub struct task_struct {
    pub tasks: list_head,
}

fn main() {}
