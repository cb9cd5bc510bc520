// The path is checked at compile time, field by field.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable)]
#[repr(C)]
pub struct task_struct {
    pub pid: i32,
}

fn pid(task: BtfPtr<task_struct>) -> i32 {
    task.read(|t| t.pdi)
}

fn main() {}
