// Only byte arrays and byte pointers have a _str getter.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable)]
#[repr(C)]
pub struct task_struct {
    pub pid: i32,
}

fn broken(task: KernelPtr<task_struct>) {
    let mut buf = [0u8; 8];
    let _ = task.pid_str(&mut buf);
}

fn main() {}
