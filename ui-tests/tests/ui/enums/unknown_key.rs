// Unknown keys are rejected with a suggestion.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfEnum)]
#[btf(nmae = "pid_type")]
pub enum PidType {
    Pid,
}

fn main() {}
