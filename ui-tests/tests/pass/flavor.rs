// A `___flavor` suffix, on the Rust name or in `name`, lets two versions of one kernel type coexist.
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable)]
#[repr(C)]
pub struct task_struct___v58 {
    pub state: u32,
}

#[derive(BtfRelocatable)]
#[repr(C)]
#[btf(name = "task_struct___v514")]
pub struct TaskStructV514 {
    #[btf(rename = "__state")]
    pub state: u32,
}

fn state(task: KernelPtr<task_struct___v58>) -> Result<Option<u32>, RelocatableFieldAccessError> {
    if task_struct___v58::state_exists() {
        task.state()
    } else {
        KernelPtr::cast::<TaskStructV514>(task).state()
    }
}

fn main() {
    let _ = state;
}
