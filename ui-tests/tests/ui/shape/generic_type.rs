// A type parameter is rejected: a kernel type has one layout.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable)]
#[repr(C)]
pub struct list_head<T> {
    pub next: T,
}

fn main() {}
