// Direct reads: integers, raw pointers, a `KernelPtr` read as the next `BtfPtr`, a path through
// an embedded struct, and the checked getters one call away.
#![allow(non_camel_case_types, dead_code)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable)]
#[repr(C)]
pub struct sched_entity {
    pub vruntime: u64,
}

#[derive(BtfRelocatable)]
#[repr(C)]
pub struct task_struct {
    pub pid: i32,
    pub flags: u32,
    pub stack: *const u8,
    pub real_parent: KernelPtr<task_struct>,
    pub se: sched_entity,
    pub comm: [u8; 16],
}

fn reads(task: BtfPtr<task_struct>) -> Result<u64, RelocatableFieldAccessError> {
    let pid: i32 = task.read(|t| t.pid);
    let flags: u32 = task.read(|t| t.flags);
    let _: *const u8 = task.read(|t| t.stack);
    let parent: BtfPtr<task_struct> = task.read(|t| t.real_parent);
    let vruntime: u64 = parent.read(|t| t.se.vruntime);
    let mut comm = [0u8; 16];
    let _ = task.to_kernel_ptr().comm_str(&mut comm)?;
    Ok(pid as u64 + u64::from(flags) + vruntime)
}

fn main() {}
