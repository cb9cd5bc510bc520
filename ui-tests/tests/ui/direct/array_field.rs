// One instruction cannot load an array: read it with the checked getters.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable)]
#[repr(C)]
pub struct task_struct {
    pub comm: [u8; 16],
}

fn comm(task: BtfPtr<task_struct>) {
    let _ = task.read(|t| t.comm);
}

fn main() {}
