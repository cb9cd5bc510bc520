//! eBPF programs for `cargo xtask e2e` and `cargo xtask demo`.
//!
//! Every program attaches to `syscalls/sys_enter_getppid`: userspace triggers
//! it with a plain `getppid()` and nothing else on the machine is likely to
//! call it often. Each program only records events of the process whose tgid
//! the loader wrote into `TARGET_TGID`, and writes its results into its own
//! maps, so a test can load the object, attach one program, trigger it and
//! compare the maps with what it learns from syscalls.
//!
//! The maps are legacy (`maps` section) maps, not BTF-defined ones, so that
//! the variant of this object built without `.BTF` loads as well.
#![no_std]
#![no_main]

use aya_ebpf::{helpers::bpf_get_current_pid_tgid, Global};

mod flavors;
mod core_read;
mod live;
mod synthetic;

/// Tgid of the userspace process under test, set with
/// `EbpfLoader::override_global` (a `.rodata` global, so the verifier sees the
/// loaded value as a constant).
#[no_mangle]
pub(crate) static TARGET_TGID: Global<u32> = Global::new(0);

/// Returns `bpf_get_current_pid_tgid()` if the current task belongs to the
/// process under test.
#[inline(always)]
pub(crate) fn current_target_pid_tgid() -> Option<u64> {
    let pid_tgid = bpf_get_current_pid_tgid();
    ((pid_tgid >> 32) as u32 == TARGET_TGID.load()).then_some(pid_tgid)
}

/// Required by `no_std`. Nothing here can panic (no indexing, no arithmetic
/// that overflows), and an eBPF program cannot unwind or abort: if a panic
/// path were ever emitted, the verifier would reject the endless loop.
#[panic_handler]
fn panic(_info: &core::panic::PanicInfo<'_>) -> ! {
    loop {}
}

/// The probe-read and several tracing helpers are GPL-only; the kernel checks
/// this section at load time.
#[no_mangle]
#[link_section = "license"]
pub static LICENSE: [u8; 4] = *b"GPL\0";
