// Unit structs are rejected: there is nothing to relocate.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable)]
#[repr(C)]
pub struct task_struct;

fn main() {}
