// A typed pointer field must point to a type the local BTF can describe (a derived struct or
// union, an integer, c_void, an array, a pointer): here a plain Rust struct. A raw pointer or
// KernelPtr<c_void> is the way to point to anything else.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

pub struct opaque {
    pub x: u32,
}

#[derive(BtfRelocatable)]
#[repr(C)]
pub struct task_struct {
    pub thing: KernelPtr<opaque>,
}

fn main() {}
