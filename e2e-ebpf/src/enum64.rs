//! The object of `synthetic_core::enum64_type_size`: `type_size` of a 64-bit enum, whose local
//! type is an `ENUM64` (`btf_reloc_e2e_common::synthetic_core::enum64`). Its own object because
//! aya 0.14, on a kernel without `ENUM64` BTF (before 6.0), turns the object's `ENUM64` types
//! into `UNION`s before relocating and then refuses the whole object over this relocation; in
//! the `synthetic_core` object it would take every read of that test down on those kernels.
#![no_std]
#![no_main]

#[path = "common.rs"]
mod common;

use aya_ebpf::{
    macros::{map, tracepoint},
    maps::Array,
    programs::TracePointContext,
};
use btf_reloc_e2e_common::{outcome::Raw, synthetic_core::enum64};

use crate::common::current_target_pid_tgid;

/// [`enum64::read`]'s result.
#[map]
static ENUM64_TYPE: Array<Raw> = Array::with_max_entries(1, 0);

#[tracepoint(category = "syscalls", name = "sys_enter_getppid")]
pub(crate) fn enum64_type(_ctx: TracePointContext) -> u32 {
    if current_target_pid_tgid().is_none() {
        return 0;
    }
    let _ = ENUM64_TYPE.set(0, enum64::read(), 0);
    0
}
