//! The Rust side of `cargo xtask bench`: one btf-reloc access per tracepoint program, each in the
//! same frame as its C counterpart in `../bench.bpf.c`:
//!
//! ```text
//! task = bpf_get_current_task(); <one access>; OUT = result (a 64-bit store to a .bss global)
//! ```
//!
//! The programs are only loaded, never attached: what is measured is their size and the
//! verifier's work. `xtask/src/bench.rs` pairs each with its C programs by name.
#![no_std]
#![no_main]

use core::ptr::{addr_of_mut, write_volatile};

use aya_ebpf::{
    helpers::bpf_get_current_task,
    macros::{btf_tracepoint, tracepoint},
    programs::{BtfTracePointContext, TracePointContext},
};
use btf_reloc_runtime::prelude::*;
use btf_reloc_runtime::{type_exists, type_size};

#[derive(BtfRelocatable)]
#[repr(C)]
pub(crate) struct sched_entity {
    vruntime: u64,
}

#[derive(BtfRelocatable)]
#[repr(C)]
#[btf(name = "task_struct")]
pub(crate) struct TaskStruct {
    se: sched_entity,
    comm: [u8; 16],
    real_parent: KernelPtr<TaskStruct>,
    pid: i32,
    tgid: i32,
    /// `unsigned sched_reset_on_fork:1`.
    #[btf(bitfield)]
    sched_reset_on_fork: u8,
    /// No kernel has this field.
    btf_reloc_no_such_field: u64,
}

/// `task_struct` with a field the program cannot work without: a kernel without `pid` refuses
/// the program at load time (`#[btf(required)]`), so the getter has no `Option`.
#[derive(BtfRelocatable)]
#[repr(C)]
#[btf(name = "task_struct___required")]
pub(crate) struct TaskRequired {
    #[btf(required)]
    pid: i32,
}

/// The iterator state of a verifier register: `struct { …; int depth:30; } iter`, this kernel's
/// one signed bitfield.
#[derive(BtfRelocatable)]
#[repr(C)]
pub(crate) struct bpf_reg_state_iter {
    #[btf(bitfield)]
    depth: i32,
}

/// The kernel's `iter` is in an anonymous union, which relocation looks through.
#[derive(BtfRelocatable)]
#[repr(C)]
pub(crate) struct bpf_reg_state {
    iter: bpf_reg_state_iter,
}

#[derive(BtfEnum, Clone, Copy)]
#[btf(name = "pid_type")]
pub(crate) enum PidType {
    #[btf(rename = "PIDTYPE_TGID")]
    Tgid = 1,
}

#[no_mangle]
static mut OUT: i64 = 0;

#[no_mangle]
static mut BUF: [u8; 16] = [0; 16];

#[inline(always)]
fn out(v: i64) {
    // SAFETY: a .bss global; concurrent writers only race on a benchmark value.
    unsafe { write_volatile(addr_of_mut!(OUT), v) }
}

#[inline(always)]
fn task() -> KernelPtr<TaskStruct> {
    // SAFETY: no preconditions.
    KernelPtr::from_addr(unsafe { bpf_get_current_task() })
}

macro_rules! prog {
    ($name:ident $body:block) => {
        #[tracepoint(category = "syscalls", name = "sys_enter_getppid")]
        pub(crate) fn $name(_ctx: TracePointContext) -> u32 {
            let () = $body;
            0
        }
    };
}

prog!(frame {
    out(KernelPtr::addr(task()) as i64);
});
prog!(pid {
    if let Ok(Some(v)) = task().pid() {
        out(v as i64);
    }
});
prog!(pid_required {
    if let Ok(v) = KernelPtr::cast::<TaskRequired>(task()).pid() {
        out(v as i64);
    }
});
prog!(chain {
    let t = task();
    if let Ok(Some(v)) = core_read!(t, real_parent, tgid) {
        out(v as i64);
    }
});
prog!(path {
    let t = task();
    if let Ok(Some(v)) = core_read!(t, se, vruntime) {
        out(v as i64);
    }
});
prog!(str_global {
    // SAFETY: a .bss global; concurrent writers only race on benchmark bytes.
    let buf = unsafe { &mut *addr_of_mut!(BUF) };
    if let Ok(Some(n)) = task().comm_str(buf) {
        out(n as i64);
    }
});
prog!(str_stack {
    let mut buf = [0u8; 16];
    if let Ok(Some(n)) = task().comm_str(&mut buf) {
        out(n as i64);
    }
});
prog!(elem {
    if let Ok(Some(v)) = task().comm_at(3) {
        out(v as i64);
    }
});
prog!(bitfield_u {
    if let Ok(Some(v)) = task().sched_reset_on_fork() {
        out(v as i64);
    }
});
// Only loaded, never run: any address will do.
prog!(bitfield_s {
    let r = KernelPtr::cast::<bpf_reg_state>(task());
    if let Ok(Some(v)) = core_read!(r, iter, depth) {
        out(v as i64);
    }
});
prog!(enum_value {
    if let Some(v) = PidType::Tgid.value() {
        out(v);
    }
});
prog!(type_exists_task {
    out(type_exists::<TaskStruct>() as i64);
});
prog!(type_size_task {
    if let Some(v) = type_size::<TaskStruct>() {
        out(v as i64);
    }
});
prog!(missing {
    if let Ok(Some(v)) = task().btf_reloc_no_such_field() {
        out(v as i64);
    }
});

/// The frame of the direct reads: a `tp_btf` program on `sched_process_fork(struct task_struct
/// *parent, struct task_struct *child)`, whose `parent` the verifier knows by its BTF type, then
/// `out = <direct read of parent>`.
macro_rules! direct_prog {
    ($name:ident, |$p:ident| $body:expr) => {
        #[btf_tracepoint(function = "sched_process_fork")]
        pub(crate) fn $name(ctx: BtfTracePointContext) -> i32 {
            let $p = BtfPtr::<TaskStruct>::new(ctx.arg(0));
            out($body);
            0
        }
    };
}

direct_prog!(direct_pid, |p| p.read(|t| t.pid) as i64);
direct_prog!(direct_chain, |p| p.read(|t| t.real_parent).read(|t| t.tgid)
    as i64);
direct_prog!(direct_path, |p| p.read(|t| t.se.vruntime) as i64);

/// Required by `no_std`; an eBPF program cannot unwind or abort. (On the host, where the crate is
/// only checked, the runtime brings std's.)
#[cfg(target_arch = "bpf")]
#[panic_handler]
fn panic(_info: &core::panic::PanicInfo<'_>) -> ! {
    loop {}
}

/// The probe-read helpers are GPL-only.
#[no_mangle]
#[link_section = "license"]
pub(crate) static LICENSE: [u8; 4] = *b"GPL\0";
