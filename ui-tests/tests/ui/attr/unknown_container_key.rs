// A misspelt container key (`nmae`) is rejected with a suggestion.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable)]
#[repr(C)]
#[btf(nmae = "task_struct")]
pub struct task {
    pub pid: i32,
}

fn main() {}
