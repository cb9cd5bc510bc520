// Unions are rejected; the message says how to read a union's members.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable)]
#[repr(C)]
pub union sigval {
    pub sival_int: i32,
    pub sival_ptr: u64,
}

fn main() {}
