//! The object of `synthetic_core` (see `synthetic_core.rs`): `bpf_core_read.h` against synthetic
//! kernels. Its own object because it relocates `TYPE_SIZE` of types only the synthetic kernels
//! have, and aya 0.14 fails a whole object whose target BTF lacks a `TYPE_SIZE` relocation's type
//! (libbpf writes 0 there): in the main object it would break every test loaded
//! against the running kernel, and every other synthetic kernel.
#![no_std]
#![no_main]

#[path = "common.rs"]
mod common;
#[path = "synthetic_core.rs"]
mod synthetic_core;

pub(crate) use common::current_target_pid_tgid;
