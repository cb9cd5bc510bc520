// A kernel enum is a set of named integers: no data in variants.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfEnum)]
pub enum pid_type {
    PIDTYPE_PID,
    PIDTYPE_TGID(u32),
}

fn main() {}
