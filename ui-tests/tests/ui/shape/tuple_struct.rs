// Tuple structs are rejected: kernel fields are matched by name.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable)]
#[repr(C)]
pub struct pid_t(pub i32);

fn main() {}
