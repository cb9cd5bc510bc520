// A misspelled field in a `btf::field_byte_offset!` path is rustc's own error, on that token.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::btf;
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable)]
#[repr(C)]
pub struct sched_entity {
    pub vruntime: u64,
}

#[derive(BtfRelocatable)]
#[repr(C)]
pub struct task_struct {
    pub pid: i32,
    pub se: sched_entity,
}

fn main() {
    let _ = btf::field_byte_offset!(task_struct, se.vrntime);
}
