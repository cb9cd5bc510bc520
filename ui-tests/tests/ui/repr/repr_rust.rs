// #[repr(Rust)] is rejected: the Rust layout is unspecified.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable)]
#[repr(Rust)]
pub struct task_struct {
    pub pid: i32,
}

fn main() {}
