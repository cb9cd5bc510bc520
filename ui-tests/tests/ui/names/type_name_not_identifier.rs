// The kernel type name defaults to the Rust name, which may be non-ASCII; a kernel name cannot.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable)]
#[repr(C)]
pub struct tâche {
    pub pid: i32,
}

fn main() {}
