// An embedded struct's getter reads nothing (it returns a handle): there is nothing to require.
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
    #[btf(required)]
    pub se: sched_entity,
}

fn main() {}
