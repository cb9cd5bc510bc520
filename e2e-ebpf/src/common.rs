//! What every e2e object needs: the process filter set by the loader, the panic handler and the
//! license. Included by each binary (`#[path = "common.rs"]`).

use aya_ebpf::{helpers::bpf_get_current_pid_tgid, Global};

/// Tgid of the userspace process under test, set with
/// `EbpfLoader::override_global` (a `.rodata` global, so the verifier sees the
/// loaded value as a constant). Userspace names it `btf_reloc_e2e_common::TARGET_TGID`.
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
/// path were ever emitted, the verifier would reject the endless loop. (On the
/// host, where the crate is only checked, the runtime brings std's.)
#[cfg(target_arch = "bpf")]
#[panic_handler]
fn panic(_info: &core::panic::PanicInfo<'_>) -> ! {
    loop {}
}

/// The probe-read and several tracing helpers are GPL-only; the kernel checks
/// this section at load time.
#[no_mangle]
#[link_section = "license"]
pub(crate) static LICENSE: [u8; 4] = *b"GPL\0";
