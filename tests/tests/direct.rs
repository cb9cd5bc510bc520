//! Direct reads (`BtfPtr::read`) on the host simulation: a load at the target's offset of the
//! whole path, pointers read as `BtfPtr`s, the loaders' resizing of unsigned loads, a fault
//! reading 0, and a missing field or a mismatch the loaders refuse as a program that does not
//! load (a panic here).

use btf_reloc_runtime::prelude::*;
use btf_reloc_runtime::sim::{Memory, Simulation, Struct, Type};

#[derive(BtfRelocatable)]
#[repr(C)]
struct sched_entity {
    vruntime: u64,
}

#[derive(BtfRelocatable)]
#[repr(C)]
struct task_struct {
    pid: i32,
    real_parent: KernelPtr<task_struct>,
    se: sched_entity,
    /// Declared 8 bytes; the kernel's `unsigned int flags` is 4: both unsigned, so the loaders
    /// resize the load.
    flags: u64,
    /// No kernel has it.
    btf_reloc_no_such_field: u32,
    /// `int nice_bits:5` at bits 3..8 of the word at byte 200.
    nice_bits: i8,
    /// `unsigned in_iowait:1` at bit 8 of that word.
    in_iowait: u8,
}

/// `task_struct.flags` declared signed: no loader resizes that.
#[derive(BtfRelocatable)]
#[repr(C)]
#[btf(name = "task_struct___signed")]
struct TaskSigned {
    flags: i64,
}

const TASK: u64 = 0x1000;
const PARENT: u64 = 0x2000;

fn kernel() -> Simulation {
    let task = Struct::new("task_struct", 256)
        .int("flags", 4, 4)
        .int("pid", 40, 4)
        .ptr("real_parent", 48)
        .field("se", 64, Type::struct_named("sched_entity", 32))
        .bitfield("nice_bits", 200 * 8 + 3, 5, 4, true)
        .bitfield("in_iowait", 200 * 8 + 8, 1, 4, false);
    let mut memory = Memory::new();
    memory.map(TASK, vec![0; 256]);
    memory.map(PARENT, vec![0; 256]);
    memory.write(TASK + 4, 0x0040_0100u32.to_ne_bytes());
    memory.write(TASK + 40, (-7i32).to_ne_bytes());
    memory.write(TASK + 48, PARENT.to_ne_bytes());
    memory.write(PARENT + 40, 1i32.to_ne_bytes());
    memory.write(TASK + 64 + 24, 99u64.to_ne_bytes());
    // bits 3..8 = 0b11110 (-2 as a signed 5-bit value), bit 8 set.
    memory.write(TASK + 200, [0b1111_0000u8, 0b1]);
    Simulation::new()
        .with_struct(task)
        .with_struct(Struct::new("sched_entity", 32).int("vruntime", 24, 8))
        .with_kernel_memory(memory)
}

fn task() -> BtfPtr<task_struct> {
    BtfPtr::new(TASK as usize as *const task_struct)
}

#[test]
fn reads_at_the_targets_offsets() {
    let _sim = kernel().install();
    let pid: i32 = task().read(|t| t.pid);
    assert_eq!(pid, -7);
    assert_eq!(task().read(|t| t.se.vruntime), 99);
}

#[test]
fn a_pointer_field_reads_as_the_next_btf_pointer() {
    let _sim = kernel().install();
    let parent: BtfPtr<task_struct> = task().read(|t| t.real_parent);
    assert_eq!(parent.as_ptr() as usize as u64, PARENT);
    assert_eq!(parent.read(|t| t.pid), 1);
    // The checked getters are one call away.
    assert_eq!(parent.to_kernel_ptr().pid(), Ok(Some(1)));
}

#[test]
fn an_unsigned_field_of_another_size_is_resized_as_the_loaders_do() {
    let _sim = kernel().install();
    assert_eq!(task().read(|t| t.flags), 0x0040_0100);
}

#[test]
fn a_fault_reads_zero() {
    let _sim = kernel().install();
    let unmapped = BtfPtr::<task_struct>::new(0x9000 as *const task_struct);
    assert_eq!(unmapped.read(|t| t.pid), 0);
}

#[test]
#[should_panic(
    expected = "its directly read field `task_struct___signed.flags` is 4 bytes in the target, \
                declared 8"
)]
fn a_signed_field_of_another_size_does_not_load() {
    let _sim = kernel().install();
    let task = BtfPtr::<TaskSigned>::new(TASK as usize as *const TaskSigned);
    let _ = task.read(|t| t.flags);
}

#[test]
#[should_panic(expected = "`task_struct.btf_reloc_no_such_field` does not exist in the target")]
fn a_missing_field_does_not_load() {
    let _sim = kernel().install();
    let _ = task().read(|t| t.btf_reloc_no_such_field);
}

#[test]
fn bitfields_read_with_direct_loads() {
    let _sim = kernel().install();
    assert_eq!(task().read_bitfield(|t| t.nice_bits), -2);
    assert_eq!(task().read_bitfield(|t| t.in_iowait), 1);
    // Any integer field too, as libbpf's `BPF_CORE_READ_BITFIELD`.
    assert_eq!(task().read_bitfield(|t| t.pid), -7);
}
