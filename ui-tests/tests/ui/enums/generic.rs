// BtfEnum cannot be generic.
#![allow(non_camel_case_types)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfEnum)]
pub enum pid_type<T> {
    PIDTYPE_PID,
    Other(core::marker::PhantomData<T>),
}

fn main() {}
