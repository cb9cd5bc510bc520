// A direct read loads a field, not a whole embedded struct: name a field inside it.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable)]
#[repr(C)]
pub struct sched_entity {
    pub vruntime: u64,
}

#[derive(BtfRelocatable)]
#[repr(C)]
pub struct task_struct {
    pub se: sched_entity,
}

fn se(task: BtfPtr<task_struct>) {
    let _ = task.read(|t| t.se);
}

fn main() {}
