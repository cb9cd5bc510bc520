// EnumOf<E> needs E to be a #[derive(BtfEnum)] enum: its local BTF type is E's.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

pub enum PidType {
    Pid,
}

#[derive(BtfRelocatable)]
#[repr(C)]
pub struct upid {
    pub kind: EnumOf<PidType>,
}

fn main() {}
