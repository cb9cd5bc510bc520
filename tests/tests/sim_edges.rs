//! Layouts and mappings at the edges of what the host simulation accepts: each one gives an
//! answer or a documented error, never an arithmetic panic (these tests run in debug builds,
//! where an overflow would panic).

use btf_reloc_runtime::prelude::*;
use btf_reloc_runtime::sim::{Memory, Simulation, Struct, EFAULT};

/// Bitfields a kernel might carve from an `__int128`.
#[derive(BtfRelocatable)]
#[repr(C)]
struct wide {
    #[btf(bitfield)]
    low: u8,
    #[btf(bitfield)]
    high: u16,
    #[btf(bitfield)]
    signed_high: i16,
    #[btf(bitfield)]
    straddling: u8,
    #[btf(bitfield)]
    huge: u64,
}

const BASE: u64 = 0x1000;

#[test]
fn bitfields_of_a_16_byte_storage_are_read_through_8_bytes() {
    // The `__int128` at byte 16: bits 3..7 = 0b1011, bits 70..79 = 0x15a, bits 80..86 = -3 in
    // 6 bits; `straddling` covers bits 62..66, `huge` bits 0..100.
    let int128: u128 = 0b1011 << 3 | 0x15a << 70 | 0b11_1101 << 80;
    let mut memory = Memory::new();
    memory.map(BASE, vec![0; 64]);
    memory.write(BASE + 16, int128.to_le_bytes());
    let kernel = Struct::new("wide", 64)
        .bitfield("low", 16 * 8 + 3, 4, 16, false)
        .bitfield("high", 16 * 8 + 70, 9, 16, false)
        .bitfield("signed_high", 16 * 8 + 80, 6, 16, true)
        .bitfield("straddling", 16 * 8 + 62, 4, 16, false)
        .bitfield("huge", 16 * 8, 100, 16, false);
    let _sim = Simulation::new()
        .with_struct(kernel)
        .with_kernel_memory(memory)
        .install();
    let p = KernelPtr::<wide>::from_addr(BASE);
    assert_eq!(p.low(), Ok(Some(0b1011)));
    assert_eq!(p.high(), Ok(Some(0x15a)));
    assert_eq!(p.signed_high(), Ok(Some(-3)));
    // No aligned 8-byte load holds bits 62..66: the 16-byte load libbpf relocates does not fit.
    assert_eq!(
        p.straddling(),
        Err(RelocatableFieldAccessError::SizeMismatch {
            expected: 1,
            actual: 16
        })
    );
    // 100 bits: 13 bytes wide.
    assert_eq!(
        p.huge(),
        Err(RelocatableFieldAccessError::SizeMismatch {
            expected: 8,
            actual: 13
        })
    );
}

#[test]
fn layouts_beyond_btf_are_an_error_from_try_install() {
    for kernel in [
        Struct::new("wide", 64).bitfield("low", usize::MAX - 3, 4, 4, false),
        Struct::new("wide", 64).bitfield("low", 0, usize::MAX, 4, false),
        Struct::new("wide", usize::MAX).int("low", usize::MAX, 1),
    ] {
        let error = Simulation::new()
            .with_struct(kernel)
            .try_install()
            .err()
            .map(|e| e.to_string());
        assert!(
            error.as_deref().is_some_and(|e| e.contains("32 bits")),
            "{error:?}"
        );
    }
}

#[test]
fn memory_at_the_top_of_the_address_space() {
    let mut memory = Memory::new();
    // 8 bytes mapped at 2^64 - 4: only 4 of them have addresses.
    memory.map(u64::MAX - 3, vec![1, 2, 3, 4, 5, 6, 7, 8]);
    let mut four = [0u8; 4];
    assert_eq!(memory.read(u64::MAX - 3, &mut four), Ok(()));
    assert_eq!(four, [1, 2, 3, 4]);
    let mut one = [0u8; 1];
    assert_eq!(memory.read(u64::MAX, &mut one), Ok(()));
    assert_eq!(one, [4]);
    // Past the top: a fault, as for the kernel.
    let mut two = [0xffu8; 2];
    assert_eq!(memory.read(u64::MAX, &mut two), Err(EFAULT));
    assert_eq!(two, [0, 0]);
    // Nothing to read is never a fault.
    assert_eq!(memory.read(u64::MAX, &mut []), Ok(()));
    // A fault injected at the very top.
    memory.inject_fault(u64::MAX - 1..u64::MAX, -5);
    assert_eq!(memory.read(u64::MAX - 3, &mut four), Err(-5));
    assert_eq!(memory.read(u64::MAX, &mut one), Ok(()));
    // Writes past the top are dropped (not piled onto the last byte).
    memory.write(u64::MAX, [9, 8, 7]);
    assert_eq!(memory.read(u64::MAX, &mut one), Ok(()));
    assert_eq!(one, [9]);
}

#[test]
fn handle_arithmetic_wraps_as_in_ebpf() {
    #[derive(BtfRelocatable)]
    #[repr(C)]
    struct task_struct {
        pid: i32,
    }
    // `pid` 8 bytes in, read through a handle 4 bytes below the top: the address wraps to 4
    // (64-bit arithmetic, as the eBPF program computes it), no overflow panic.
    let mut memory = Memory::new();
    memory.map(0, vec![0; 16]);
    memory.write(4, 42i32.to_ne_bytes());
    let _sim = Simulation::new()
        .with_struct(Struct::new("task_struct", 16).int("pid", 8, 4))
        .with_kernel_memory(memory)
        .install();
    assert_eq!(
        KernelPtr::<task_struct>::from_addr(u64::MAX - 3).pid(),
        Ok(Some(42))
    );
}
