//! The object of `synthetic_types` (see `synthetic_types.rs`): unions and type ids against
//! synthetic kernels. Its own object because it relocates `TYPE_SIZE` and `TYPE_ID_TARGET` of
//! types only the synthetic kernels have, and aya 0.14 fails a whole object whose target BTF
//! lacks the type of either relocation (libbpf writes 0 there).
#![no_std]
#![no_main]

#[path = "common.rs"]
mod common;
#[path = "synthetic_types.rs"]
mod synthetic_types;

pub(crate) use common::current_target_pid_tgid;
