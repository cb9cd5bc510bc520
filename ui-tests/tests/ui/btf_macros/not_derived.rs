// The carrier must be a `#[derive(BtfRelocatable)]` struct.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::btf;

#[repr(C)]
pub struct task_struct {
    pub pid: i32,
}

fn main() {
    let _ = btf::field_byte_offset!(task_struct, pid);
}
