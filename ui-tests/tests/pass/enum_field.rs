// Members of an enum type: EnumOf<E> (4 bytes by default, R for another width), also in arrays
// and unions.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfEnum)]
#[btf(name = "pid_type")]
pub enum PidType {
    #[btf(rename = "PIDTYPE_PID")]
    Pid,
}

#[derive(BtfEnum)]
#[repr(i64)]
#[btf(name = "wide")]
pub enum Wide {
    #[btf(rename = "WIDE_BIG")]
    Big = 1 << 40,
}

#[derive(BtfRelocatable)]
#[repr(C)]
pub struct upid {
    pub kind: EnumOf<PidType>,
    pub signed_kind: EnumOf<PidType, i32>,
    pub wide: EnumOf<Wide, i64>,
    pub kinds: [EnumOf<PidType>; 4],
}

#[derive(BtfRelocatable, Clone, Copy)]
#[repr(C)]
pub union either {
    pub kind: EnumOf<PidType>,
    pub raw: u32,
}

fn reads(p: KernelPtr<upid>) -> Result<Option<i64>, RelocatableFieldAccessError> {
    let _ = p.kinds_at(1)?;
    let _ = p.wide()?;
    p.kind()
}

fn main() {
    let _ = reads;
    let _ = (upid::kind_byte_size(), either::kind_exists());
}
