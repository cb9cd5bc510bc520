//! What the objects of libbpf's `core_reloc` table share (included by each with `#[path]`):
//! the input the loader writes into `.rodata` ([`CORE_RELOC_INPUT`]), the `.bss` output
//! ([`CORE_RELOC_OUTPUT`]) and `programs!`, which makes one tracepoint program per
//! `btf_reloc_e2e_common::core_reloc::Family`.

use core::ptr::{addr_of, addr_of_mut};

use aya_ebpf::Global;
use btf_reloc_e2e_common::core_reloc::{Family, Output, Sink, INPUT_LEN, OUTPUT_WORDS, SLOTS};
use btf_reloc_e2e_common::outcome::Raw;

use crate::current_target_pid_tgid;

/// The case's input, written by the loader before loading (a `.rodata` global, frozen then).
#[no_mangle]
static CORE_RELOC_INPUT: Global<[u8; INPUT_LEN]> = Global::new([0; INPUT_LEN]);

/// What the program read: `[runs, slot 0, slot 1, ...]`, in `.bss`.
#[no_mangle]
static mut CORE_RELOC_OUTPUT: Output = [0; OUTPUT_WORDS];

/// [`CORE_RELOC_OUTPUT`] as a [`Sink`].
struct Bss;

impl Sink for Bss {
    #[inline(always)]
    fn slot(&mut self, slot: usize, value: Raw) {
        if slot >= SLOTS {
            return;
        }
        let output = addr_of_mut!(CORE_RELOC_OUTPUT);
        // SAFETY: `output` points to `CORE_RELOC_OUTPUT`, which lives for the whole program, and
        // `1 + 4 * slot + 3 < OUTPUT_WORDS` as `slot < SLOTS`. Only threads of the process under
        // test get here, and its loader triggers the program from one thread at a time; volatile
        // writes keep the compiler from merging or dropping the stores the loader reads back.
        unsafe {
            let words = output.cast::<i64>().add(1 + 4 * slot).cast::<Raw>();
            words.write_volatile(value);
        }
    }
}

/// Runs `family`'s reads on the input and counts the run.
#[inline(always)]
pub(crate) fn run(family: Family) -> u32 {
    if current_target_pid_tgid().is_none() {
        return 0;
    }
    // The address of the input, read through the probe-read helpers like kernel memory.
    let input = addr_of!(CORE_RELOC_INPUT) as u64;
    family.read(input, &mut Bss);
    let output = addr_of_mut!(CORE_RELOC_OUTPUT);
    // SAFETY: as in `Bss::slot`; word 0 is the run count.
    unsafe {
        let runs = output.cast::<i64>();
        runs.write_volatile(runs.read_volatile().wrapping_add(1));
    }
    0
}

/// One tracepoint program per `name => Family` pair.
macro_rules! programs {
    ($($name:ident => $family:ident),* $(,)?) => {$(
        #[aya_ebpf::macros::tracepoint(category = "syscalls", name = "sys_enter_getppid")]
        pub(crate) fn $name(_ctx: aya_ebpf::programs::TracePointContext) -> u32 {
            crate::core_reloc_io::run(btf_reloc_e2e_common::core_reloc::Family::$family)
        }
    )*};
}

pub(crate) use programs;
