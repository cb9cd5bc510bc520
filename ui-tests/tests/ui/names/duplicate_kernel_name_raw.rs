// `r#type` maps to kernel field `type`, so renaming another field to `type` collides.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable)]
#[repr(C)]
pub struct file {
    pub r#type: u32,
    #[btf(rename = "type")]
    pub kind: u32,
}

fn main() {}
