// A typedef name must be a name BTF can hold.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable)]
#[repr(C)]
#[btf(typedef = "kuid-t")]
pub struct Kuid {
    pub val: u32,
}

fn main() {}
