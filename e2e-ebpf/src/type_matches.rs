//! `TYPE_MATCHES` (`type_matches::<T>()`), with `type_exists`, `type_id_target` and
//! `type_size` of the same types, for libbpf: aya 0.14 does not know relocation kind 12 and
//! refuses any object that has one, which the kernel tests check too.
//!
//! Like `e2e-libbpf`, it has no legacy `maps`-section maps (libbpf 1.x refuses them): the
//! loader sets the tgid under test in a `.rodata` global and reads [`RESULTS`] back from `.bss`
//! (`btf_reloc_e2e_common::type_matches::Results`), whose bytes it prints as they are.
#![no_std]
#![no_main]

#[path = "common.rs"]
mod common;

use core::ptr::addr_of_mut;

use aya_ebpf::{macros::tracepoint, programs::TracePointContext};
use btf_reloc_e2e_common::type_matches::{read, Results, TYPES};

use crate::common::current_target_pid_tgid;

/// The answers, in `.bss` (zero-initialised and mutable): libbpf exposes it as the object's
/// `.bss` map.
#[no_mangle]
static mut RESULTS: Results = Results {
    hits: 0,
    types: [[0; 4]; TYPES.len()],
};

#[tracepoint(category = "syscalls", name = "sys_enter_getppid")]
pub(crate) fn type_matches(_ctx: TracePointContext) -> u32 {
    if current_target_pid_tgid().is_none() {
        return 0;
    }
    let types = read();
    let results = addr_of_mut!(RESULTS);
    // SAFETY: `results` points to `RESULTS`, which lives for the whole program. Only threads of
    // the process under test get here, and its loader triggers the program from one thread at a
    // time; volatile writes keep the compiler from merging or dropping the stores the loader
    // reads back.
    unsafe {
        addr_of_mut!((*results).types).write_volatile(types);
        let hits = addr_of_mut!((*results).hits);
        hits.write_volatile(hits.read_volatile().wrapping_add(1));
    }
    0
}
