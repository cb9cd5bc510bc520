//! The getters, queries and intrinsics against simulated kernels whose layout differs from the
//! Rust declaration: the values must come from the target's offsets, never the local ones.

use btf_reloc_runtime::prelude::*;
use btf_reloc_runtime::sim::{Memory, Simulation, Struct, Type, EFAULT};
use btf_reloc_runtime::{
    read_kernel_field, read_user_field, relocatable_field_byte_offset, relocatable_field_byte_size,
    relocatable_field_exists,
};

/// The declaration eBPF code would use: a guess at the layout, in an arbitrary order.
#[derive(BtfRelocatable)]
#[repr(C)]
struct task_struct {
    pid: i32,
    tgid: i32,
    comm: [u8; 16],
    #[btf(rename = "__state")]
    state: u32,
    /// Declared 8 bytes wide; the simulated kernels below have 4.
    flags: u64,
    /// Absent from most simulated kernels.
    loginuid: u32,
    mm: KernelPtr<mm_struct>,
}

#[derive(BtfRelocatable)]
#[repr(C)]
struct mm_struct {
    arg_start: u64,
}

const TASK: u64 = 0x10_000;
const MM: u64 = 0x20_000;

/// A kernel whose `task_struct` has padding, another order, `__state` instead of `state`, a
/// 4-byte `flags` and no `loginuid`.
fn reordered_kernel() -> Struct {
    Struct::new("task_struct", 256)
        .field("comm", 8, Type::array(Type::int(1, false), 16))
        .int("__state", 24, 4)
        .int("flags", 28, 4)
        .ptr("mm", 40)
        .int("tgid", 96, 4)
        .int("pid", 100, 4)
}

fn task_memory(layout: &[(u64, &[u8])]) -> Memory {
    let mut memory = Memory::new();
    memory.map(TASK, vec![0; 256]);
    memory.map(MM, vec![0; 64]);
    for (offset, bytes) in layout {
        memory.write(TASK + offset, bytes);
    }
    memory
}

fn install_reordered() -> btf_reloc_runtime::sim::SimulationGuard {
    let memory = task_memory(&[
        (8, b"kworker/0:1\0\0\0\0\0"),
        (24, &0x402u32.to_ne_bytes()),
        (28, &0xdeadu32.to_ne_bytes()),
        (40, &MM.to_ne_bytes()),
        (96, &4242i32.to_ne_bytes()),
        (100, &4243i32.to_ne_bytes()),
    ]);
    Simulation::new()
        .with_struct(reordered_kernel())
        .with_struct(Struct::new("mm_struct", 64).int("arg_start", 16, 8))
        .with_kernel_memory(memory)
        .install()
}

fn task() -> KernelPtr<task_struct> {
    KernelPtr::from_addr(TASK)
}

#[test]
fn reads_at_the_target_offsets_not_the_local_ones() {
    let _sim = install_reordered();
    assert_eq!(task().pid(), Ok(Some(4243)));
    assert_eq!(task().tgid(), Ok(Some(4242)));
    assert_eq!(task().comm(), Ok(Some(*b"kworker/0:1\0\0\0\0\0")));
}

#[test]
fn rename_reads_the_kernel_field_name() {
    let _sim = install_reordered();
    assert_eq!(task().state(), Ok(Some(0x402)));
    assert_eq!(task_struct::state_byte_offset(), Some(24));
}

#[test]
fn missing_field_is_none_everywhere() {
    let _sim = install_reordered();
    assert_eq!(task().loginuid(), Ok(None));
    assert!(!task_struct::loginuid_exists());
    assert_eq!(task_struct::loginuid_byte_size(), None);
    assert_eq!(task_struct::loginuid_byte_offset(), None);
}

#[test]
fn size_mismatch_reports_both_sizes() {
    let _sim = install_reordered();
    assert_eq!(
        task().flags(),
        Err(RelocatableFieldAccessError::SizeMismatch {
            expected: 8,
            actual: 4
        })
    );
    assert_eq!(task_struct::flags_byte_size(), Some(4));
}

#[test]
fn unmapped_memory_is_a_probe_read_error() {
    let _sim = install_reordered();
    let stray = KernelPtr::<task_struct>::from_addr(0xdead_0000);
    assert_eq!(
        stray.pid(),
        Err(RelocatableFieldAccessError::ProbeRead(EFAULT))
    );
    // A read straddling the end of a mapping fails too.
    let edge = KernelPtr::<task_struct>::from_addr(TASK + 256 - 100 - 2);
    assert_eq!(
        edge.pid(),
        Err(RelocatableFieldAccessError::ProbeRead(EFAULT))
    );
}

#[test]
fn injected_fault_returns_its_code() {
    let mut memory = task_memory(&[(100, &7i32.to_ne_bytes())]);
    memory.inject_fault(TASK + 100..TASK + 101, -1);
    let _sim = Simulation::new()
        .with_struct(reordered_kernel())
        .with_kernel_memory(memory)
        .install();
    assert_eq!(
        task().pid(),
        Err(RelocatableFieldAccessError::ProbeRead(-1))
    );
    assert_eq!(task().tgid(), Ok(Some(0)));
}

#[test]
fn pointer_fields_chain_into_the_next_struct() {
    let _sim = install_reordered();
    let mm = task().mm().expect("readable").expect("exists");
    assert_eq!(KernelPtr::addr(mm), MM);
    assert_eq!(mm_struct::arg_start_byte_offset(), Some(16));
}

#[test]
fn flavors_match_in_both_directions() {
    #[derive(BtfRelocatable)]
    #[repr(C)]
    #[btf(name = "task_struct___v1")]
    struct TaskV1 {
        pid: i32,
    }

    let memory = task_memory(&[(12, &99i32.to_ne_bytes())]);
    let _sim = Simulation::new()
        .with_struct(Struct::new("task_struct___whatever", 64).int("pid", 12, 4))
        .with_kernel_memory(memory)
        .install();
    assert_eq!(KernelPtr::<TaskV1>::from_addr(TASK).pid(), Ok(Some(99)));
    assert_eq!(task().pid(), Ok(Some(99)));
}

#[test]
fn anonymous_members_are_searched_through() {
    let kernel = Struct::new("task_struct", 128).anonymous(
        32,
        Struct::union("", 8)
            .int("pid", 0, 4)
            .anonymous(4, Struct::new("", 4).int("tgid", 0, 4)),
    );
    let memory = task_memory(&[(32, &5i32.to_ne_bytes()), (36, &6i32.to_ne_bytes())]);
    let _sim = Simulation::new()
        .with_struct(kernel)
        .with_kernel_memory(memory)
        .install();
    assert_eq!(task().pid(), Ok(Some(5)));
    assert_eq!(task().tgid(), Ok(Some(6)));
    assert_eq!(task_struct::tgid_byte_offset(), Some(36));
}

#[test]
fn incompatible_kinds_count_as_missing() {
    // `pid` is a pointer here and `comm` an array of pointers: libbpf rejects both matches.
    let kernel = Struct::new("task_struct", 64)
        .ptr("pid", 0)
        .field("comm", 8, Type::array(Type::Ptr, 2))
        .field("tgid", 24, Type::Enum { size: 4 });
    let _sim = Simulation::new().with_struct(kernel).install();
    assert!(!task_struct::pid_exists());
    assert!(!task_struct::comm_exists());
    assert!(!task_struct::tgid_exists());
}

#[test]
fn a_type_missing_from_the_target_has_no_fields() {
    let _sim = Simulation::new()
        .with_struct(Struct::new("mm_struct", 8))
        .install();
    assert_eq!(task().pid(), Ok(None));
}

#[test]
fn queries_agree_with_getters() {
    let _sim = install_reordered();
    let offset = task_struct::pid_byte_offset().expect("pid exists");
    let size = task_struct::pid_byte_size().expect("pid exists");
    assert_eq!((offset, size), (100, 4));
    assert_eq!(relocatable_field_byte_offset::<task_struct, 0>(), offset);
    assert_eq!(relocatable_field_byte_size::<task_struct, 0>(), size);
    assert!(relocatable_field_exists::<task_struct, 0>());
    // Reading the raw bytes at the queried offset gives what the getter returns.
    let raw = read_kernel_field::<task_struct, 0>(TASK as usize as *const task_struct);
    assert_eq!(raw, task().pid());
}

#[test]
fn user_memory_is_separate_from_kernel_memory() {
    let mut user = Memory::new();
    user.map(TASK, vec![0; 256]);
    user.write(TASK + 100, 77i32.to_ne_bytes());
    let _sim = Simulation::new()
        .with_struct(reordered_kernel())
        .with_user_memory(user)
        .install();
    assert_eq!(UserPtr::<task_struct>::from_addr(TASK).pid(), Ok(Some(77)));
    assert_eq!(
        read_user_field::<task_struct, 0>(TASK as usize as *const task_struct),
        Ok(Some(77))
    );
    assert_eq!(
        task().pid(),
        Err(RelocatableFieldAccessError::ProbeRead(EFAULT))
    );
}

#[test]
fn local_layout_simulation_reads_a_declared_struct() {
    let mut memory = Memory::new();
    memory.map(TASK, vec![0; core::mem::size_of::<mm_struct>()]);
    memory.write(TASK, 0x1234u64.to_ne_bytes());
    let _sim = Simulation::new()
        .with_struct(Struct::from_local::<mm_struct>())
        .with_kernel_memory(memory)
        .install();
    assert_eq!(
        KernelPtr::<mm_struct>::from_addr(TASK).arg_start(),
        Ok(Some(0x1234))
    );
}

#[test]
fn without_a_simulation_the_declaration_is_the_target_and_memory_is_empty() {
    assert_eq!(task_struct::pid_byte_offset(), Some(0));
    assert_eq!(task_struct::comm_byte_size(), Some(16));
    assert_eq!(
        task().pid(),
        Err(RelocatableFieldAccessError::ProbeRead(EFAULT))
    );
}

#[test]
fn guards_nest_and_restore() {
    let outer = install_reordered();
    {
        let _inner = Simulation::new().install();
        assert!(!task_struct::pid_exists());
    }
    assert_eq!(task_struct::pid_byte_offset(), Some(100));
    drop(outer);
    assert_eq!(task_struct::pid_byte_offset(), Some(0));
}

#[test]
fn errors_display_their_numbers() {
    let mismatch = RelocatableFieldAccessError::SizeMismatch {
        expected: 8,
        actual: 4,
    };
    assert_eq!(
        mismatch.to_string(),
        "field size mismatch: declared 8 bytes, target has 4 bytes"
    );
    assert_eq!(
        RelocatableFieldAccessError::ProbeRead(-14).to_string(),
        "probe read failed with error -14"
    );
    let _: &dyn core::error::Error = &mismatch;
}

/// A target given as BTF bytes (as a kernel's `/sys/kernel/btf/vmlinux` would be): typedefs and
/// anonymous members as BTF has them, resolved by libbpf's rules.
#[test]
fn a_simulation_from_btf_bytes() {
    use btf_reloc_runtime::sim::btf::{Btf, Kind, NewMember};

    let mut btf = Btf::new();
    let int = btf.add_int("int", 4, true).unwrap();
    let pid_t = btf.add_named("pid_t", Kind::Typedef(int)).unwrap();
    let anon = btf
        .add_composite(
            "",
            false,
            8,
            &[
                NewMember::new("tgid", pid_t, 0),
                NewMember::new("pid", pid_t, 4),
            ],
        )
        .unwrap();
    btf.add_composite(
        "task_struct",
        false,
        64,
        &[
            NewMember::new("flags", int, 0),
            NewMember::new("", anon, 40),
        ],
    )
    .unwrap();
    let bytes = btf.to_bytes().unwrap();

    let mut memory = Memory::new();
    memory.map(TASK, vec![0; 64]);
    memory.write(TASK + 44, 7i32.to_ne_bytes());
    let _sim = Simulation::from_btf(&bytes)
        .unwrap()
        .with_kernel_memory(memory)
        .install();
    assert_eq!(task_struct::pid_byte_offset(), Some(44));
    assert_eq!(task_struct::tgid_byte_offset(), Some(40));
    assert_eq!(task().pid(), Ok(Some(7)));
    assert_eq!(task().state(), Ok(None));

    let error = Simulation::from_btf(&bytes[..30]).map(drop).unwrap_err();
    assert!(error.to_string().contains("runs past the end"), "{error}");
}

/// A struct added on top of a BTF the simulation starts from embeds that BTF's struct of the
/// name it gives, instead of an empty stand-in.
#[test]
fn structs_added_to_a_btf_embed_its_structs() {
    use btf_reloc_runtime::sim::btf::{Btf, NewMember};

    #[derive(BtfRelocatable)]
    #[repr(C)]
    struct inner {
        x: u64,
    }

    #[derive(BtfRelocatable)]
    #[repr(C)]
    struct outer {
        i: inner,
    }

    let mut btf = Btf::new();
    let u64_ = btf.add_int("u64", 8, false).unwrap();
    btf.add_composite("inner", false, 16, &[NewMember::new("x", u64_, 8)])
        .unwrap();
    let kernel = Struct::new("outer", 32).field("i", 8, Type::struct_named("inner", 16));
    let mut memory = Memory::new();
    memory.map(0x1000, vec![0; 32]);
    memory.write(0x1000 + 16, 5u64.to_ne_bytes());
    let _sim = Simulation::new()
        .with_btf(btf)
        .with_struct(kernel)
        .with_kernel_memory(memory)
        .install();
    assert_eq!(outer::i_byte_offset(), Some(8));
    assert_eq!(inner::x_byte_offset(), Some(8));
    let o = KernelPtr::<outer>::from_addr(0x1000);
    assert_eq!(core_read!(o, i, x), Ok(Some(5)));
}
