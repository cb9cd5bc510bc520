// A skipped field may have any type: it only shapes the layout and gets no getter.
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable)]
#[repr(C)]
pub struct task_struct {
    pub pid: i32,
    #[btf(skip)]
    pub in_execve: bool,
    #[btf(skip)]
    pub comm: &'static [u8; 16],
}

fn pid(task: KernelPtr<task_struct>) -> Result<Option<i32>, RelocatableFieldAccessError> {
    task.pid()
}

fn main() {
    let _ = pid;
}
