// A struct without #[repr(C)] is rejected: its offsets would not follow the C layout.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable)]
pub struct task_struct {
    pub pid: i32,
}

fn main() {}
