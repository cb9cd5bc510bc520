// Two variants cannot map to the same kernel enumerator.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfEnum)]
pub enum pid_type {
    PIDTYPE_PID,
    #[btf(rename = "PIDTYPE_PID")]
    Pid,
}

fn main() {}
