// A skipped `bool` is fine, but then the struct cannot be embedded in another relocatable struct.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable)]
#[repr(C)]
pub struct sched_entity {
    pub vruntime: u64,
    #[btf(skip)]
    pub on_rq: bool,
}

#[derive(BtfRelocatable)]
#[repr(C)]
pub struct task_struct {
    pub se: sched_entity,
}

fn main() {}
