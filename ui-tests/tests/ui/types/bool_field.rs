// `bool` cannot be read from kernel memory (not every byte is a valid bool); the error is on the type.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable)]
#[repr(C)]
pub struct task_struct {
    pub pid: i32,
    pub in_execve: bool,
}

fn main() {}
