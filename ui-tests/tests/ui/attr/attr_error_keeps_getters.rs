// After an attribute error the getters are still generated (fallback), so only the attribute error shows.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable)]
#[repr(C)]
pub struct task_struct {
    #[btf(renam = "_pid")]
    pub pid: i32,
}

fn pid(task: KernelPtr<task_struct>) -> Result<Option<i32>, RelocatableFieldAccessError> {
    task.pid()
}

fn main() {}
