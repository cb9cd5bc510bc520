// An enumerator name must be a C identifier.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfEnum)]
pub enum pid_type {
    #[btf(rename = "PIDTYPE-PID")]
    Pid,
}

fn main() {}
