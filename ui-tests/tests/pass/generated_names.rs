// Getters live on the handle's `<Name>Fields`, queries on the struct: a field named like a query
// does not clash. A field named like a handle method compiles when skipped or renamed.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable)]
#[repr(C)]
pub struct task_struct {
    pub comm: [u8; 16],
    pub comm_exists: u32,
    pub comm_byte_size: u32,
    #[btf(skip)]
    pub eq: u32,
    #[btf(rename = "clone")]
    pub clone_flags: u64,
}

fn read(task: KernelPtr<task_struct>) -> Result<Option<u32>, RelocatableFieldAccessError> {
    let _: Option<u64> = task.clone_flags()?;
    let _: Option<u8> = task.comm_at(0)?;
    task.comm_exists()
}

fn main() {
    let _ = read;
    let _: bool = task_struct::comm_exists();
    let _: bool = task_struct::comm_exists_exists();
    let _: Option<usize> = task_struct::comm_byte_size();
    let _: Option<usize> = task_struct::comm_byte_size_byte_size();
    let _: bool = task_struct::clone_flags_exists();
}
