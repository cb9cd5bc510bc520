// `rename` maps a Rust field onto a kernel field name; the getter keeps the Rust name.
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable)]
#[repr(C)]
pub struct task_struct {
    #[btf(rename = "__state")]
    pub state: u32,
    #[btf(rename = "_pid")]
    pub pid: i32,
}

fn state(task: KernelPtr<task_struct>) -> Result<Option<u32>, RelocatableFieldAccessError> {
    task.state()
}

fn main() {
    let _ = state;
    let _: bool = task_struct::state_exists();
    let _: Option<usize> = task_struct::pid_byte_offset();
}
