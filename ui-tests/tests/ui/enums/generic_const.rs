// Every generic parameter is rejected, not only type parameters.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfEnum)]
pub enum pid_type<const N: usize> {
    PIDTYPE_PID,
}

fn main() {}
