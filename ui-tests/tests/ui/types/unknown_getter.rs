// Calling a getter for a field that is not declared.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable)]
#[repr(C)]
pub struct task_struct {
    pub pid: i32,
}

fn tgid(task: KernelPtr<task_struct>) -> Result<Option<i32>, RelocatableFieldAccessError> {
    task.tgid()
}

fn main() {}
