//! The program the kernel tests load with libbpf (not aya) to show that the post-linked
//! relocations are genuine CO-RE records any loader applies.
//!
//! libbpf 1.x refuses legacy `maps`-section maps, so this object has none: the loader sets the
//! tgid under test in a `.rodata` global ([`TARGET_TGID`]) and reads the outcomes back from a
//! `.bss` global ([`RESULTS`]), both of which libbpf turns into global-data maps, and the program
//! counts its runs in a BTF-defined map ([`RUNS`], as a user's aya-template project has). The
//! loader finds the variables in those maps through the `.BTF` DATASECs bpf-linker emits, so only
//! the BTF variant of this object is loaded. The C loader (`e2e-tests/c/libbpf_loader.c`) mirrors the
//! layout of [`Results`].
#![no_std]
#![no_main]

use core::ptr::addr_of_mut;

use aya_ebpf::{
    btf_maps::Array,
    helpers::{bpf_get_current_pid_tgid, bpf_get_current_task},
    macros::{btf_map, tracepoint},
    programs::TracePointContext,
    Global,
};
use btf_reloc_e2e_common::{
    outcome::{encode, encode_option, Raw},
    COMM_LEN,
};
use btf_reloc_runtime::prelude::*;

/// Tgid of the process under test (`btf_reloc_e2e_common::TARGET_TGID`); the loader sets it
/// before loading. A `.rodata` global, so the verifier sees the loaded value as a constant.
#[no_mangle]
static TARGET_TGID: Global<u32> = Global::new(0);

/// How many times the program ran for the process under test (`.maps`: a BTF-defined map, which
/// both aya and libbpf create from the object's `.BTF`).
#[btf_map]
static RUNS: Array<u64, 1> = Array::new();

/// `task_struct` declared wrong in other ways than `e2e-ebpf`'s: fields in another order,
/// invented padding between them, a renamed field, a field no kernel has, and a field declared
/// wider than the kernel's. Only the CO-RE relocations libbpf applies make the reads right.
#[derive(BtfRelocatable)]
#[repr(C)]
pub(crate) struct task_struct {
    /// No kernel has this field.
    btf_reloc_libbpf_missing: u32,
    /// The kernel's `flags` is an `unsigned int` (4 bytes); declared 8 bytes wide here.
    flags: u64,
    /// Invented padding: not a kernel field, never relocated.
    #[btf(skip)]
    _invented: [u8; 200],
    pid: i32,
    /// `state` was renamed `__state` in 5.14.
    #[btf(rename = "__state")]
    run_state: u32,
    /// `tgid`, under another Rust name.
    #[btf(rename = "tgid")]
    process_id: i32,
    #[btf(skip)]
    _more_padding: [u64; 3],
    comm: [u8; COMM_LEN],
}

/// What [`libbpf_task_fields`] read, as the loader finds it in the `.bss` map. Keep in step with
/// `struct results` in `e2e-tests/c/libbpf_loader.c`.
#[repr(C)]
pub(crate) struct Results {
    /// How many times the program ran for the process under test.
    hits: u64,
    pid: Raw,
    tgid: Raw,
    state: Raw,
    missing: Raw,
    flags: Raw,
    /// `[exists(missing), exists(pid), byte_size(pid) or -1, byte_offset(pid) or -1]`.
    queries: [i64; 4],
    /// `comm` as read through btf-reloc (all zero if the read failed).
    comm: [u8; COMM_LEN],
}

/// The outcomes, in `.bss` (zero-initialised and mutable): libbpf exposes it as the object's
/// `.bss` map.
#[no_mangle]
static mut RESULTS: Results = Results {
    hits: 0,
    pid: [0; 4],
    tgid: [0; 4],
    state: [0; 4],
    missing: [0; 4],
    flags: [0; 4],
    queries: [0; 4],
    comm: [0; COMM_LEN],
};

#[tracepoint(category = "syscalls", name = "sys_enter_getppid")]
pub(crate) fn libbpf_task_fields(_ctx: TracePointContext) -> u32 {
    if (bpf_get_current_pid_tgid() >> 32) as u32 != TARGET_TGID.load() {
        return 0;
    }
    // SAFETY: the helper has no preconditions; it returns the address of the current task.
    let task = KernelPtr::<task_struct>::from_addr(unsafe { bpf_get_current_task() });
    let results = addr_of_mut!(RESULTS);
    let queries = [
        task_struct::btf_reloc_libbpf_missing_exists() as i64,
        task_struct::pid_exists() as i64,
        encode_option(task_struct::pid_byte_size()),
        encode_option(task_struct::pid_byte_offset()),
    ];
    // SAFETY: `results` points to `RESULTS`, which lives for the whole program. Runs of this
    // program on other CPUs could race on it, but only threads of the process under test get
    // here and its loader triggers the program from one thread at a time; volatile writes keep
    // the compiler from merging or dropping the stores the loader reads back.
    unsafe {
        addr_of_mut!((*results).pid).write_volatile(encode(task.pid()));
        addr_of_mut!((*results).tgid).write_volatile(encode(task.process_id()));
        addr_of_mut!((*results).state).write_volatile(encode(task.run_state()));
        addr_of_mut!((*results).missing).write_volatile(encode(task.btf_reloc_libbpf_missing()));
        addr_of_mut!((*results).flags)
            .write_volatile(encode(task.flags().map(|v| v.map(|v| v as i64))));
        addr_of_mut!((*results).queries).write_volatile(queries);
        if let Ok(Some(comm)) = task.comm() {
            addr_of_mut!((*results).comm).write_volatile(comm);
        }
        let hits = addr_of_mut!((*results).hits);
        hits.write_volatile(hits.read_volatile().wrapping_add(1));
    }
    if let Some(runs) = RUNS.get_ptr_mut(0) {
        // SAFETY: the map returned a valid pointer to its element 0; see `RESULTS` for races.
        unsafe { runs.write_volatile(runs.read_volatile().wrapping_add(1)) };
    }
    0
}

/// Required by `no_std`. Nothing here can panic (no indexing, no overflowing arithmetic), and an
/// eBPF program cannot unwind or abort. (On the host, where the crate is only checked, the
/// runtime brings std's.)
#[cfg(target_arch = "bpf")]
#[panic_handler]
fn panic(_info: &core::panic::PanicInfo<'_>) -> ! {
    loop {}
}

/// The probe-read helpers are GPL-only; the kernel checks this section at load time.
#[no_mangle]
#[link_section = "license"]
pub(crate) static LICENSE: [u8; 4] = *b"GPL\0";
