//! The program `cargo xtask e2e` loads with libbpf (not aya) to show that the post-linked
//! relocations are genuine CO-RE records any loader applies. libbpf 1.x refuses legacy
//! `maps`-section maps, so this object has none.
#![no_std]
#![no_main]

use aya_ebpf::{macros::tracepoint, programs::TracePointContext};

#[tracepoint(category = "syscalls", name = "sys_enter_getppid")]
pub fn libbpf_task_fields(_ctx: TracePointContext) -> u32 {
    0
}

/// Required by `no_std`; nothing here can panic.
#[panic_handler]
fn panic(_info: &core::panic::PanicInfo<'_>) -> ! {
    loop {}
}

/// The probe-read helpers are GPL-only.
#[no_mangle]
#[link_section = "license"]
pub static LICENSE: [u8; 4] = *b"GPL\0";
