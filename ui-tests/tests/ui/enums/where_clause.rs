// A where clause is rejected on an enum as on a struct.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfEnum)]
pub enum pid_type
where
    i32: Copy,
{
    PIDTYPE_PID,
}

fn main() {}
