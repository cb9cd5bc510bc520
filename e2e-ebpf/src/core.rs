//! The object of `core_read`: everything `bpf_core_read.h` reads, on the running kernel (see
//! `core_read.rs`). Its own object because it relocates `TYPE_SIZE` of `task_struct`, and aya 0.14
//! fails a whole object whose target BTF lacks a `TYPE_SIZE` relocation's type (libbpf writes 0
//! there), which would break the synthetic-kernel tests of the main object.
#![no_std]
#![no_main]

#[path = "common.rs"]
mod common;
#[path = "core_read.rs"]
mod core_read;

pub(crate) use common::current_target_pid_tgid;
