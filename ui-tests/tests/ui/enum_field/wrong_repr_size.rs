// EnumOf<E, R>: R must have the enum's local size (4 bytes here, so u32 or i32, not u64).
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfEnum)]
#[btf(name = "pid_type")]
pub enum PidType {
    #[btf(rename = "PIDTYPE_PID")]
    Pid,
}

#[derive(BtfRelocatable)]
#[repr(C)]
pub struct upid {
    pub kind: EnumOf<PidType, u64>,
}

fn main() {
    let _ = upid::kind_exists();
}
