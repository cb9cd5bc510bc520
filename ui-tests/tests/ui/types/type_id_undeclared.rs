// type_id_local / type_id_target need a type declared with a btf-reloc derive: a type without
// one has no local BTF type to name.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::{type_id_local, type_id_target};

pub struct task_struct {
    pub pid: i32,
}

fn main() {
    let _ = type_id_local::<task_struct>();
    let _ = type_id_target::<u32>();
}
