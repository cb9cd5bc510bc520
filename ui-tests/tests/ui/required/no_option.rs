// A required getter returns the value itself: matching it as an `Option` is a type error.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable)]
#[repr(C)]
pub struct task_struct {
    #[btf(required)]
    pub pid: i32,
}

fn pid(task: KernelPtr<task_struct>) -> Option<i32> {
    match task.pid() {
        Ok(Some(pid)) => Some(pid),
        _ => None,
    }
}

fn main() {}
