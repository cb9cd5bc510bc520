// A naming error still generates the getters, so their uses do not fail as well.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable)]
#[repr(C)]
pub struct task_struct {
    #[btf(rename = "foo-bar")]
    pub pid: i32,
}

fn pid(task: KernelPtr<task_struct>) -> Result<Option<i32>, RelocatableFieldAccessError> {
    task.pid()
}

fn main() {}
