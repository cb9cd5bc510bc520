// type_exists / type_size need a type declared with #[derive(BtfRelocatable)] or #[derive(BtfEnum)].
#![allow(non_camel_case_types)]
use btf_reloc_runtime::type_exists;

pub struct task_struct {
    pub pid: i32,
}

fn main() {
    let _ = type_exists::<task_struct>();
}
