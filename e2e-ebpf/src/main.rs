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

use aya_ebpf::{
    helpers::{bpf_get_current_comm, bpf_get_current_pid_tgid},
    macros::{map, tracepoint},
    maps::Array,
    programs::TracePointContext,
    Global, TASK_COMM_LEN,
};

/// Tgid of the userspace process under test, set with
/// `EbpfLoader::override_global` (a `.rodata` global, so the verifier sees the
/// loaded value as a constant).
#[no_mangle]
static TARGET_TGID: Global<u32> = Global::new(0);

/// `bpf_get_current_pid_tgid()` as seen by [`pid_tgid`]: `tgid << 32 | pid`.
#[map]
static PID_TGID: Array<u64> = Array::with_max_entries(1, 0);

/// `bpf_get_current_pid_tgid()` as seen by [`demo`].
#[map]
static DEMO_PID_TGID: Array<u64> = Array::with_max_entries(1, 0);

/// `bpf_get_current_comm()` as seen by [`demo`].
#[map]
static DEMO_COMM: Array<[u8; TASK_COMM_LEN]> = Array::with_max_entries(1, 0);

/// Returns `bpf_get_current_pid_tgid()` if the current task belongs to the
/// process under test.
#[inline(always)]
fn current_target_pid_tgid() -> Option<u64> {
    let pid_tgid = bpf_get_current_pid_tgid();
    ((pid_tgid >> 32) as u32 == TARGET_TGID.load()).then_some(pid_tgid)
}

#[tracepoint(category = "syscalls", name = "sys_enter_getppid")]
pub fn pid_tgid(_ctx: TracePointContext) -> u32 {
    if let Some(pid_tgid) = current_target_pid_tgid() {
        // A failed update leaves the map at 0, which the test reports.
        let _ = PID_TGID.set(0, pid_tgid, 0);
    }
    0
}

#[tracepoint(category = "syscalls", name = "sys_enter_getppid")]
pub fn demo(_ctx: TracePointContext) -> u32 {
    if let Some(pid_tgid) = current_target_pid_tgid() {
        let _ = DEMO_PID_TGID.set(0, pid_tgid, 0);
        if let Ok(comm) = bpf_get_current_comm() {
            let _ = DEMO_COMM.set(0, comm, 0);
        }
    }
    0
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
