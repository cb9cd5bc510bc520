// `read_bitfield` reads integer fields.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable)]
#[repr(C)]
pub struct task_struct {
    pub real_parent: KernelPtr<task_struct>,
}

fn parent(task: BtfPtr<task_struct>) {
    let _ = task.read_bitfield(|t| t.real_parent);
}

fn main() {}
