// repr(C) with align(N), in one attribute or two, is accepted: the C offsets stay.
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable)]
#[repr(C, align(8))]
pub struct task_struct {
    pub pid: i32,
}

#[derive(BtfRelocatable)]
#[repr(C)]
#[repr(align(16))]
pub struct mm_struct {
    pub map_count: i32,
}

fn main() {
    assert_eq!(core::mem::align_of::<task_struct>(), 8);
    assert_eq!(core::mem::align_of::<mm_struct>(), 16);
}
