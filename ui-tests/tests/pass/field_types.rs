// Integers, arrays, raw pointers, Ptr and embedded relocatable structs can all be read.
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable)]
#[repr(C)]
pub struct list_head {
    pub next: *const list_head,
    pub prev: *mut list_head,
}

#[derive(BtfRelocatable)]
#[repr(C)]
pub struct task_struct {
    pub pid: i32,
    pub flags: u64,
    pub comm: [u8; 16],
    pub tasks: list_head,
    pub real_parent: KernelPtr<task_struct>,
    pub ids: [[u16; 2]; 4],
}

fn parent_pid(task: KernelPtr<task_struct>) -> Result<Option<i32>, RelocatableFieldAccessError> {
    match task.real_parent()? {
        Some(parent) => parent.pid(),
        None => Ok(None),
    }
}

fn main() {
    let _ = parent_pid;
}
