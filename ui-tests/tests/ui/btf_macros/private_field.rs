// Like `offset_of!`, a path obeys field privacy.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::btf;

mod kernel {
    use btf_reloc_runtime::prelude::*;

    #[derive(BtfRelocatable)]
    #[repr(C)]
    pub struct task_struct {
        pub pid: i32,
        loginuid: u32,
    }
}

fn main() {
    let _ = btf::field_byte_offset!(kernel::task_struct, pid);
    let _ = btf::field_byte_offset!(kernel::task_struct, loginuid);
}
