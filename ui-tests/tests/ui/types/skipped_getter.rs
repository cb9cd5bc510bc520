// A skipped field has no getter.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable)]
#[repr(C)]
pub struct task_struct {
    pub pid: i32,
    #[btf(skip)]
    pub flags: u32,
}

fn flags(task: KernelPtr<task_struct>) -> Result<Option<u32>, RelocatableFieldAccessError> {
    task.flags()
}

fn main() {}
