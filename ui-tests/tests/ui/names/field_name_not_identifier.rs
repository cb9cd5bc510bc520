// A field's kernel name defaults to its Rust name, which may be non-ASCII; a kernel name cannot.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable)]
#[repr(C)]
pub struct task_struct {
    pub pïd: i32,
}

fn main() {}
