// An enum without variants has no enumerator to relocate.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfEnum)]
pub enum pid_type {}

fn main() {}
