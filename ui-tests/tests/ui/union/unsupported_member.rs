// A union member's type must be readable as a struct field's is (here a bool, which not every
// byte is a valid value of).
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable, Clone, Copy)]
#[repr(C)]
pub union flag_or_word {
    pub flag: bool,
    pub word: u32,
}

fn main() {}
