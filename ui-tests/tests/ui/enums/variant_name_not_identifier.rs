// An enumerator's kernel name defaults to the variant's name, which may be non-ASCII.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfEnum)]
pub enum pid_type {
    PIDTYPE_PÏD,
}

fn main() {}
