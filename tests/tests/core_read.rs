//! What libbpf's `bpf_core_read.h` reads, on the host simulation: pointer chains, embedded
//! structs as one access path, array elements, strings, bitfields, enum values and types.

use btf_reloc_runtime::prelude::*;
use btf_reloc_runtime::sim::{Enum, Memory, Simulation, Struct, Type, EFAULT};
use btf_reloc_runtime::{type_exists, type_size, Ptr};

#[derive(BtfRelocatable)]
#[repr(C)]
struct sched_entity {
    vruntime: u64,
}

#[derive(BtfRelocatable)]
#[repr(C)]
struct mm_struct {
    arg_start: u64,
}

#[derive(BtfRelocatable)]
#[repr(C)]
struct task_struct {
    pid: i32,
    real_parent: KernelPtr<task_struct>,
    mm: KernelPtr<mm_struct>,
    se: sched_entity,
    comm: [u8; 16],
    name: *const u8,
    #[btf(bitfield)]
    sched_reset_on_fork: u8,
    #[btf(bitfield)]
    nice_bits: i32,
}

const TASK: u64 = 0x1000;
const PARENT: u64 = 0x2000;
const NAME: u64 = 0x3000;

/// A kernel whose `sched_entity` sits deep in `task_struct` with `vruntime` moved, `comm`
/// shorter than declared, and bitfields packed in one word.
fn kernel() -> Simulation {
    let task = Struct::new("task_struct", 512)
        .field("se", 128, Type::struct_named("sched_entity", 96))
        .int("pid", 40, 4)
        .ptr("real_parent", 48)
        .ptr("mm", 56)
        .field("comm", 300, Type::array(Type::int(1, true), 8))
        .ptr("name", 320)
        // `unsigned sched_reset_on_fork:1` at bit 2 and `int nice_bits:5` at bits 3..8 of the
        // word at byte 400.
        .bitfield("sched_reset_on_fork", 400 * 8 + 2, 1, 4, false)
        .bitfield("nice_bits", 400 * 8 + 3, 5, 4, true);
    let se = Struct::new("sched_entity", 96).int("vruntime", 88, 8);
    let mut memory = Memory::new();
    memory.map(TASK, vec![0; 512]);
    memory.map(PARENT, vec![0; 512]);
    memory.map(NAME, b"kworker\0".to_vec());
    memory.write(TASK + 40, 7i32.to_ne_bytes());
    memory.write(TASK + 48, PARENT.to_ne_bytes());
    memory.write(PARENT + 40, 1i32.to_ne_bytes());
    memory.write(TASK + 128 + 88, 123_456u64.to_ne_bytes());
    memory.write(TASK + 300, *b"bash\0\0\0\0");
    memory.write(TASK + 320, NAME.to_ne_bytes());
    // bit 2 set (reset_on_fork = 1); bits 3..8 = 0b11110 = -2 as a signed 5-bit value.
    memory.write(TASK + 400, [0b1111_0100u8]);
    Simulation::new()
        .with_struct(task)
        .with_struct(se)
        .with_struct(Struct::new("mm_struct", 64))
        .with_kernel_memory(memory)
}

fn task() -> KernelPtr<task_struct> {
    KernelPtr::from_addr(TASK)
}

#[test]
fn pointer_chains_follow_each_link() {
    let _sim = kernel().install();
    assert_eq!(core_read!(task(), real_parent, pid), Ok(Some(1)));
    let parent = task().real_parent().unwrap().unwrap();
    assert_eq!(KernelPtr::addr(parent), PARENT);
}

#[test]
fn a_null_link_is_its_own_error() {
    let _sim = kernel().install();
    // The parent's own `real_parent` is null (zeroed memory).
    assert_eq!(
        core_read!(task(), real_parent, real_parent, pid),
        Err(RelocatableFieldAccessError::NullPointer)
    );
    assert_eq!(
        KernelPtr::<task_struct>::null().pid(),
        Err(RelocatableFieldAccessError::NullPointer)
    );
    // A field missing in the target is still `Ok(None)`, before any pointer is looked at.
    assert_eq!(core_read!(task(), mm, arg_start), Ok(None));
}

#[test]
fn embedded_structs_are_one_access_path() {
    let _sim = kernel().install();
    assert_eq!(core_read!(task(), se, vruntime), Ok(Some(123_456)));
    let se = task().se().unwrap().unwrap();
    // The handle's address is the embedded struct's: the root's plus the path's relocated
    // offset.
    assert_eq!(Ptr::addr(se), TASK + 128);
    assert_eq!(se.vruntime(), Ok(Some(123_456)));
}

#[test]
fn array_elements_are_bounds_checked_against_the_target() {
    let _sim = kernel().install();
    assert_eq!(task().comm_at(0), Ok(Some(b'b')));
    assert_eq!(task().comm_at(7), Ok(Some(0)));
    assert_eq!(
        task().comm_at(8),
        Err(RelocatableFieldAccessError::IndexOutOfBounds { index: 8, len: 8 })
    );
    assert_eq!(
        task().comm(),
        Err(RelocatableFieldAccessError::SizeMismatch {
            expected: 16,
            actual: 8
        })
    );
}

#[test]
fn strings_in_arrays_and_behind_pointers() {
    let _sim = kernel().install();
    let mut buf = [0xffu8; 16];
    assert_eq!(task().comm_str(&mut buf), Ok(Some(5)));
    assert_eq!(&buf[..5], b"bash\0");
    let mut small = [0u8; 3];
    assert_eq!(task().comm_str(&mut small), Ok(Some(3)));
    assert_eq!(&small, b"ba\0");
    let mut buf = [0u8; 16];
    assert_eq!(task().name_str(&mut buf), Ok(Some(8)));
    assert_eq!(&buf[..8], b"kworker\0");
    let parent = KernelPtr::<task_struct>::from_addr(PARENT);
    assert_eq!(
        parent.name_str(&mut buf),
        Err(RelocatableFieldAccessError::NullPointer)
    );
}

#[test]
fn bitfields_are_extracted_and_sign_extended() {
    let _sim = kernel().install();
    assert_eq!(task().sched_reset_on_fork(), Ok(Some(1)));
    assert_eq!(task().nice_bits(), Ok(Some(-2)));
}

#[test]
fn bitfields_follow_the_target_when_they_move_and_widen() {
    let mut memory = Memory::new();
    memory.map(TASK, vec![0; 64]);
    memory.write(TASK + 8, 0x0000_0f00u32.to_ne_bytes());
    let task_v2 = Struct::new("task_struct", 64)
        .bitfield("sched_reset_on_fork", 8 * 8 + 8, 4, 4, false)
        .bitfield("nice_bits", 8 * 8 + 8, 40, 8, true);
    let _sim = Simulation::new()
        .with_struct(task_v2)
        .with_kernel_memory(memory)
        .install();
    assert_eq!(task().sched_reset_on_fork(), Ok(Some(0xf)));
    // 40 bits do not fit the declared i32.
    assert_eq!(
        task().nice_bits(),
        Err(RelocatableFieldAccessError::SizeMismatch {
            expected: 4,
            actual: 5
        })
    );
}

#[derive(BtfEnum, Debug, Clone, Copy)]
#[btf(name = "pid_type")]
enum PidType {
    #[btf(rename = "PIDTYPE_PID")]
    Pid = 0,
    #[btf(rename = "PIDTYPE_TGID")]
    Tgid = 1,
    #[btf(rename = "PIDTYPE_MAX_OLD")]
    MaxOld = 4,
}

#[test]
fn enum_values_come_from_the_target() {
    let target = Enum::new("pid_type", 4)
        .variant("PIDTYPE_PID", 0)
        .variant("PIDTYPE_TGID", 7);
    let _sim = Simulation::new().with_enum(target).install();
    assert_eq!(PidType::Pid.value(), Some(0));
    assert_eq!(PidType::Tgid.value(), Some(7));
    assert_eq!(PidType::MaxOld.value(), None);
    assert!(!PidType::MaxOld.exists());
    assert!(type_exists::<PidType>());
    assert_eq!(type_size::<PidType>(), Some(4));
}

#[test]
fn types_exist_or_not() {
    let _sim = kernel().install();
    assert!(type_exists::<task_struct>());
    assert_eq!(type_size::<task_struct>(), Some(512));
    assert_eq!(type_size::<sched_entity>(), Some(96));
    assert!(!type_exists::<PidType>());
    drop(_sim);
    let _empty = Simulation::new().install();
    assert!(!type_exists::<task_struct>());
    assert_eq!(type_size::<task_struct>(), None);
}

#[test]
fn reads_fail_like_the_helpers() {
    let _sim = kernel().install();
    let stray = KernelPtr::<task_struct>::from_addr(0xdead_0000);
    let mut buf = [0u8; 4];
    assert_eq!(
        stray.comm_str(&mut buf),
        Err(RelocatableFieldAccessError::ProbeRead(EFAULT))
    );
    assert_eq!(
        stray.sched_reset_on_fork(),
        Err(RelocatableFieldAccessError::ProbeRead(EFAULT))
    );
}

#[test]
fn raw_bytes_and_strings_at_an_address() {
    let _sim = kernel().install();
    let mut buf = [0u8; 4];
    KernelPtr::<u8>::from_addr(NAME)
        .read_bytes(&mut buf)
        .unwrap();
    assert_eq!(&buf, b"kwor");
    let mut buf = [0u8; 16];
    assert_eq!(KernelPtr::<u8>::from_addr(NAME).read_str(&mut buf), Ok(8));
    assert_eq!(
        KernelPtr::<u8>::null().read_bytes(&mut buf),
        Err(RelocatableFieldAccessError::NullPointer)
    );
    assert_eq!(
        UserPtr::<u8>::from_addr(NAME).read_bytes(&mut buf),
        Err(RelocatableFieldAccessError::ProbeRead(EFAULT))
    );
}

#[derive(BtfRelocatable)]
#[repr(C)]
struct leaf_t {
    x: i32,
}

#[derive(BtfRelocatable)]
#[repr(C)]
struct mid_t {
    leaf: leaf_t,
}

#[derive(BtfRelocatable)]
#[repr(C)]
struct outer_t {
    mid: mid_t,
}

/// Two flavors of `outer_t` (libbpf's `nesting___dup_compat_types`): `mid` at 8 in one, at 12
/// in the other, `mid.leaf.x` at 12 in both.
fn two_flavors() -> Simulation {
    let mut memory = Memory::new();
    memory.map(TASK, vec![0; 32]);
    memory.write(TASK + 12, 42i32.to_ne_bytes());
    Simulation::new()
        .with_struct(Struct::new("outer_t___a", 16).field(
            "mid",
            8,
            Type::struct_named("mid_t___a", 8),
        ))
        .with_struct(Struct::new("mid_t___a", 8).field("leaf", 4, Type::struct_named("leaf_t", 4)))
        .with_struct(Struct::new("outer_t___b", 16).field(
            "mid",
            12,
            Type::struct_named("mid_t___b", 4),
        ))
        .with_struct(Struct::new("mid_t___b", 4).field("leaf", 0, Type::struct_named("leaf_t", 4)))
        .with_struct(Struct::new("leaf_t", 4).int("x", 0, 4))
        .with_kernel_memory(memory)
}

#[test]
fn core_read_through_embedded_structs_relocates_only_the_whole_path() {
    let _sim = two_flavors().install();
    let outer = KernelPtr::<outer_t>::from_addr(TASK);
    // `mid` and `mid.leaf` are ambiguous between the flavors, `mid.leaf.x` is not: as C's
    // `BPF_CORE_READ(outer, mid.leaf.x)`, the read relocates the whole path only.
    assert_eq!(core_read!(outer, mid, leaf, x), Ok(Some(42)));
}

#[test]
#[should_panic(expected = "libbpf would refuse the relocation")]
fn a_handle_of_its_own_checks_its_path() {
    let _sim = two_flavors().install();
    // `outer.mid()` is an access of its own: its existence check relocates `mid`, which the
    // flavors put at two offsets.
    let _ = KernelPtr::<outer_t>::from_addr(TASK).mid();
}

#[test]
fn core_read_checks_the_whole_path_before_the_pointer() {
    let sim = kernel().install();
    let null = KernelPtr::<task_struct>::null();
    assert_eq!(
        core_read!(null, se, vruntime),
        Err(RelocatableFieldAccessError::NullPointer)
    );
    drop(sim);
    // The leaf missing: `Ok(None)`, before the null root is looked at (as for a plain field).
    let _sim = Simulation::new()
        .with_struct(Struct::new("task_struct", 256).field(
            "se",
            0,
            Type::struct_named("sched_entity", 8),
        ))
        .with_struct(Struct::new("sched_entity", 8))
        .install();
    assert_eq!(core_read!(null, se, vruntime), Ok(None));
}
