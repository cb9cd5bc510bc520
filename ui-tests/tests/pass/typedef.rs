// Types the kernel knows by a typedef name: anonymous or named, struct, union or enum; their
// relocations are rooted at the typedef.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;
use btf_reloc_runtime::{type_exists, type_id_target, type_matches};

/// `typedef struct { uid_t val; } kuid_t;`
#[derive(BtfRelocatable, Clone, Copy)]
#[repr(C)]
#[btf(typedef = "kuid_t")]
pub struct Kuid {
    pub val: u32,
}

/// `typedef struct a_struct named_struct_typedef;`
#[derive(BtfRelocatable)]
#[repr(C)]
#[btf(name = "a_struct", typedef = "named_struct_typedef")]
pub struct Named {
    pub x: i32,
    /// A pointer to an anonymous typedef'd struct is a `void *` locally.
    pub owner: KernelPtr<Kuid>,
}

/// `typedef union { int a; unsigned int b; } either_t;`
#[derive(BtfRelocatable, Clone, Copy)]
#[repr(C)]
#[btf(typedef = "either_t")]
pub union Either {
    pub a: i32,
    pub b: u32,
}

/// `typedef enum { ANON_ENUM_VAL1 = 0x10 } anon_enum;`
#[derive(BtfEnum)]
#[btf(typedef = "anon_enum")]
pub enum AnonEnum {
    #[btf(rename = "ANON_ENUM_VAL1")]
    Val1 = 0x10,
}

#[derive(BtfRelocatable)]
#[repr(C)]
pub struct cred {
    pub uid: Kuid,
}

fn reads(c: KernelPtr<cred>) -> Result<Option<u32>, RelocatableFieldAccessError> {
    core_read!(c, uid, val)
}

fn main() {
    let _ = reads;
    let _ = (
        type_exists::<Kuid>(),
        type_id_target::<Named>(),
        type_matches::<Either>(),
        AnonEnum::Val1.value(),
    );
}
