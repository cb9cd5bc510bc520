// Unions: a root union, a union embedded in a struct (one access path through it), a struct
// embedded in a union, typed pointers to both, and the type relocations of each.
#![allow(non_camel_case_types)]
use core::ffi::c_void;

use btf_reloc_runtime::prelude::*;
use btf_reloc_runtime::{type_exists, type_id_local, type_id_target, type_matches, type_size};

#[derive(BtfRelocatable, Clone, Copy)]
#[repr(C)]
pub struct pair {
    pub a: u32,
    pub b: u32,
}

#[derive(BtfRelocatable, Clone, Copy)]
#[repr(C)]
#[btf(name = "value___v2")]
pub union Value {
    pub word: u64,
    pub pair: pair,
    #[btf(rename = "bytes")]
    pub raw: [u8; 8],
    pub next: KernelPtr<holder>,
    pub any: KernelPtr<c_void>,
}

#[derive(BtfRelocatable)]
#[repr(C)]
pub struct holder {
    pub tag: u32,
    pub value: Value,
    pub values: KernelPtr<Value>,
    pub raw: *const u8,
}

fn reads(h: KernelPtr<holder>) -> Result<Option<u32>, RelocatableFieldAccessError> {
    let _ = core_read!(h, value, word)?;
    let _ = h.value()?.map(|v| v.raw_at(3));
    let _ = core_read!(h, values, pair, a)?;
    core_read!(h, value, pair, b)
}

fn root(v: UserPtr<Value>) -> Result<Option<u64>, RelocatableFieldAccessError> {
    v.word()
}

fn types() -> (bool, Option<usize>, u32, Option<u32>, bool) {
    (
        type_exists::<Value>(),
        type_size::<Value>(),
        type_id_local::<holder>(),
        type_id_target::<Value>(),
        type_matches::<holder>(),
    )
}

fn main() {
    let _ = (reads, root, types);
    let _ = (Value::word_exists(), Value::pair_byte_offset(), holder::value_byte_size());
}
