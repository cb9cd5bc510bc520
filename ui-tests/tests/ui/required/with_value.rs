// `required` is a word, not a key with a value.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable)]
#[repr(C)]
pub struct task_struct {
    #[btf(required = true)]
    pub pid: i32,
}

fn main() {}
