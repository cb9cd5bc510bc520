// type_matches needs a type declared with a btf-reloc derive.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::type_matches;

pub struct mm_struct {
    pub mmap_base: u64,
}

fn main() {
    let _ = type_matches::<mm_struct>();
}
