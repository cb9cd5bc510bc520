// BtfEnum is for enums.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfEnum)]
pub struct pid_type {
    pub x: u32,
}

fn main() {}
