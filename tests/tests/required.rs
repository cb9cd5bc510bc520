//! `#[btf(required)]` fields on the host simulation: the getter returns the value itself, a null
//! handle fails the read, `core_read!` chains through required steps, and a kernel without the
//! field, or with a field of another width, is a program that does not load (a panic here).

use btf_reloc_runtime::prelude::*;
use btf_reloc_runtime::sim::{Enum, Memory, Simulation, Struct, Type, EFAULT};

#[derive(BtfEnum, Clone, Copy)]
#[btf(name = "pid_type")]
enum PidType {
    #[btf(rename = "PIDTYPE_TGID")]
    Tgid,
}

#[derive(BtfRelocatable)]
#[repr(C)]
struct sched_entity {
    #[btf(required)]
    vruntime: u64,
}

#[derive(BtfRelocatable)]
#[repr(C)]
struct task_struct {
    #[btf(required)]
    pid: i32,
    /// Checked, next to the required fields: its `Option` stays.
    tgid: i32,
    #[btf(required)]
    real_parent: KernelPtr<task_struct>,
    se: sched_entity,
    #[btf(required)]
    comm: [u8; 8],
    /// Declared 8 bytes wide; the kernel's is 4.
    #[btf(required)]
    flags: u64,
    /// A bitfield wider than declared is an error at run time.
    #[btf(required, bitfield)]
    wide_bits: u8,
    #[btf(required, bitfield)]
    nice_bits: i32,
    #[btf(required)]
    kind: EnumOf<PidType>,
}

/// The same kernel struct, with a field no kernel has.
#[derive(BtfRelocatable)]
#[repr(C)]
#[btf(name = "task_struct")]
struct TaskWithMissing {
    #[btf(required)]
    btf_reloc_no_such_field: u32,
}

const TASK: u64 = 0x1000;
const PARENT: u64 = 0x2000;

fn kernel() -> Simulation {
    let task = Struct::new("task_struct", 256)
        .int("flags", 4, 4)
        .int("pid", 40, 4)
        .int("tgid", 44, 4)
        .ptr("real_parent", 48)
        .field("se", 64, Type::struct_named("sched_entity", 32))
        .field("comm", 120, Type::array(Type::int(1, true), 8))
        // `int nice_bits:5` at bits 3..8 of the word at byte 200.
        .bitfield("nice_bits", 200 * 8 + 3, 5, 4, true)
        .bitfield("wide_bits", 200 * 8 + 8, 12, 4, false)
        .field("kind", 208, Type::enum_named("pid_type", 4));
    let mut memory = Memory::new();
    memory.map(TASK, vec![0; 256]);
    memory.map(PARENT, vec![0; 256]);
    memory.write(TASK + 40, 7i32.to_ne_bytes());
    memory.write(TASK + 44, 8i32.to_ne_bytes());
    memory.write(TASK + 48, PARENT.to_ne_bytes());
    memory.write(PARENT + 40, 1i32.to_ne_bytes());
    memory.write(TASK + 64 + 24, 99u64.to_ne_bytes());
    memory.write(TASK + 120, *b"bash\0\0\0\0");
    // bits 3..8 = 0b11110: -2 as a signed 5-bit value.
    memory.write(TASK + 200, [0b1111_0000u8]);
    memory.write(TASK + 208, 1u32.to_ne_bytes());
    Simulation::new()
        .with_struct(task)
        .with_struct(Struct::new("sched_entity", 32).int("vruntime", 24, 8))
        .with_enum(Enum::new("pid_type", 4).variant("PIDTYPE_TGID", 1))
        .with_kernel_memory(memory)
}

fn task() -> KernelPtr<task_struct> {
    KernelPtr::from_addr(TASK)
}

#[test]
fn required_getters_return_the_value_itself() {
    let _sim = kernel().install();
    let pid: Result<i32, RelocatableFieldAccessError> = task().pid();
    assert_eq!(pid, Ok(7));
    assert_eq!(task().tgid(), Ok(Some(8)));
    assert_eq!(task().comm(), Ok(*b"bash\0\0\0\0"));
    assert_eq!(task().nice_bits(), Ok(-2));
    assert_eq!(task().kind(), Ok(1));
    assert_eq!(Some(1), PidType::Tgid.value());
    let parent = task().real_parent().expect("a pointer read");
    assert_eq!(KernelPtr::addr(parent), PARENT);
    assert_eq!(parent.pid(), Ok(1));
}

#[test]
#[should_panic(
    expected = "the program would not load: its `#[btf(required)]` field `task_struct.flags` is \
                4 bytes in the target, declared 8"
)]
fn a_required_field_of_another_width_does_not_load_the_program() {
    let _sim = kernel().install();
    let _ = task().flags();
}

#[test]
fn a_required_bitfield_wider_than_declared_is_a_size_mismatch() {
    let _sim = kernel().install();
    assert_eq!(
        task().wide_bits(),
        Err(RelocatableFieldAccessError::SizeMismatch {
            expected: 1,
            actual: 2
        })
    );
}

#[test]
fn a_null_handle_fails_the_probe_read() {
    let _sim = kernel().install();
    let null = KernelPtr::<task_struct>::from_addr(0);
    assert_eq!(
        null.pid(),
        Err(RelocatableFieldAccessError::ProbeRead(EFAULT))
    );
    // A checked getter tells the null pointer apart.
    assert_eq!(null.tgid(), Err(RelocatableFieldAccessError::NullPointer));
}

#[test]
fn core_read_chains_through_required_steps() {
    let _sim = kernel().install();
    assert_eq!(core_read!(task(), real_parent, pid), Ok(Some(1)));
    assert_eq!(core_read!(task(), real_parent, tgid), Ok(Some(0)));
    assert_eq!(core_read!(task(), se, vruntime), Ok(Some(99)));
    assert_eq!(core_read!(task(), pid), Ok(Some(7)));
}

#[test]
#[should_panic(expected = "the program would not load: its `#[btf(required)]` field \
                `task_struct.btf_reloc_no_such_field` does not exist in the target")]
fn a_kernel_without_a_required_field_does_not_load_the_program() {
    let _sim = kernel().install();
    let task = KernelPtr::<TaskWithMissing>::from_addr(TASK);
    let _ = task.btf_reloc_no_such_field();
}

#[test]
#[should_panic(expected = "`task_struct.se.vruntime` does not exist in the target")]
fn a_required_field_along_a_path_names_the_whole_path() {
    let sim = Simulation::new()
        .with_struct(Struct::new("task_struct", 64).field(
            "se",
            0,
            Type::struct_named("sched_entity", 8),
        ))
        .with_struct(Struct::new("sched_entity", 8))
        .install();
    let _ = core_read!(task(), se, vruntime);
    drop(sim);
}
