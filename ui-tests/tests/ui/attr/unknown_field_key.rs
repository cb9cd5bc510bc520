// A misspelt field key (`renam`) is rejected with a suggestion.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable)]
#[repr(C)]
pub struct task_struct {
    #[btf(renam = "__state")]
    pub state: u32,
}

fn main() {}
