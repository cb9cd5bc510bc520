// core_read! needs a handle at every step but the last: pid is a value, and two steps follow it.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable)]
#[repr(C)]
pub struct task_struct {
    pub pid: i32,
    pub real_parent: KernelPtr<task_struct>,
    pub tgid: i32,
}

fn broken(task: KernelPtr<task_struct>) -> Result<Option<i32>, RelocatableFieldAccessError> {
    core_read!(task, pid, real_parent, tgid)
}

fn main() {}
