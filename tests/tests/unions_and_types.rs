//! Unions as relocatable types, and the type relocations `TYPE_ID_LOCAL`, `TYPE_ID_TARGET` and
//! `TYPE_MATCHES`, against simulated kernels: libbpf's rules as `btf_reloc_btf::core` implements
//! them (a root's kind must be the target's; below the root, a union stands for a struct and the
//! reverse; `TYPE_MATCHES` compares members, int names, sizes and signedness, and pointees'
//! names and kinds).

use btf_reloc_runtime::prelude::*;
use btf_reloc_runtime::sim::{Memory, Simulation, Struct, Type};
use btf_reloc_runtime::{type_exists, type_id_local, type_id_target, type_matches, type_size};

#[derive(BtfRelocatable, Clone, Copy)]
#[repr(C)]
struct pair {
    a: u32,
    b: u32,
}

/// A kernel union (`union value`), read as a root and embedded.
#[derive(BtfRelocatable, Clone, Copy)]
#[repr(C)]
union value {
    word: u64,
    half: u32,
    pair: pair,
    bytes: [u8; 8],
}

#[derive(BtfRelocatable)]
#[repr(C)]
struct holder {
    tag: u32,
    value: value,
    next: KernelPtr<holder>,
}

const HOLDER: u64 = 0x1000;
const VALUE: u64 = 0x2000;

/// `struct holder { u64 pad; union value value @ 16; u32 tag @ 40; struct holder *next @ 48 }`
/// with `union value { u8 bytes[8]; struct pair pair; u64 word; u32 half; }` (24 bytes) and
/// `struct pair { u32 b; u32 a; }`.
fn kernel() -> Simulation {
    Simulation::new()
        .with_struct(
            Struct::new("holder", 64)
                .int("pad", 0, 8)
                .field("value", 16, Type::union_named("value", 24))
                .int("tag", 40, 4)
                .field(
                    "next",
                    48,
                    Type::PtrTo(Box::new(Type::struct_named("holder", 64))),
                ),
        )
        .with_struct(
            Struct::union("value", 24)
                .field("bytes", 0, Type::array(Type::int(1, false), 8))
                .field("pair", 0, Type::struct_named("pair", 8))
                .int("word", 0, 8)
                .int("half", 0, 4),
        )
        .with_struct(Struct::new("pair", 8).int("b", 0, 4).int("a", 4, 4))
}

fn memory() -> Memory {
    let mut memory = Memory::new();
    memory.map(HOLDER, vec![0; 64]).map(VALUE, vec![0; 24]);
    memory.write(HOLDER + 16, 0x1122_3344_5566_7788u64.to_ne_bytes());
    memory.write(HOLDER + 40, 7u32.to_ne_bytes());
    memory.write(VALUE, 0x0000_0009_0000_0008u64.to_ne_bytes());
    memory
}

#[test]
fn a_union_reads_as_a_struct_whose_members_all_start_at_zero() {
    let _on = kernel().with_kernel_memory(memory()).install();
    let h = KernelPtr::<holder>::from_addr(HOLDER);
    assert_eq!(h.tag(), Ok(Some(7)));
    // `holder.value.word`: one access path through the union, at 16 + 0.
    assert_eq!(core_read!(h, value, word), Ok(Some(0x1122_3344_5566_7788)));
    assert_eq!(core_read!(h, value, half), Ok(Some(0x5566_7788)));
    // `holder.value.pair.b`: `b` is first in the kernel's `pair`.
    assert_eq!(core_read!(h, value, pair, b), Ok(Some(0x5566_7788)));
    assert_eq!(core_read!(h, value, pair, a), Ok(Some(0x1122_3344)));
    let v = h.value().expect("read").expect("exists");
    assert_eq!(v.bytes_at(7), Ok(Some(0x11)));
    assert_eq!(btf_reloc_runtime::Ptr::addr(v), HOLDER + 16);
    assert_eq!(holder::value_byte_offset(), Some(16));
    assert_eq!(holder::value_byte_size(), Some(24));

    // A root union.
    let v = KernelPtr::<value>::from_addr(VALUE);
    assert_eq!(v.word(), Ok(Some(0x0000_0009_0000_0008)));
    assert_eq!(core_read!(v, pair, a), Ok(Some(9)));
    assert_eq!(value::pair_byte_offset(), Some(0));
    assert!(type_exists::<value>());
    assert_eq!(type_size::<value>(), Some(24));
}

#[test]
fn a_root_union_needs_a_union_below_the_root_a_struct_does() {
    // The kernel's `value` is a struct: the union root has no candidate (libbpf's
    // `bpf_core_add_cands` keeps the root's kind), so reading it as a root finds nothing; through
    // `holder`, composites match composites and the path reads.
    let kernel = Simulation::new()
        .with_struct(
            Struct::new("holder", 64)
                .field("value", 8, Type::struct_named("value", 16))
                .int("tag", 0, 4),
        )
        .with_struct(
            Struct::new("value", 16)
                .int("half", 12, 4)
                .int("word", 0, 8),
        );
    let mut memory = Memory::new();
    memory.map(HOLDER, vec![0; 64]).map(VALUE, vec![0; 16]);
    memory.write(HOLDER + 8 + 12, 5u32.to_ne_bytes());
    let _on = kernel.with_kernel_memory(memory).install();
    assert_eq!(
        core_read!(KernelPtr::<holder>::from_addr(HOLDER), value, half),
        Ok(Some(5))
    );
    assert_eq!(KernelPtr::<value>::from_addr(VALUE).half(), Ok(None));
    assert!(!type_exists::<value>());
    assert_eq!(type_id_target::<value>(), None);
}

#[test]
fn type_ids_are_the_local_and_the_target_ones() {
    let sim = kernel();
    let target = sim.target_btf().expect("btf");
    let id_of = |name: &str| {
        target
            .types_named(name)
            .find(|(_, t)| t.kind.composite().is_some())
            .map(|(id, _)| id)
    };
    let _on = sim.install();
    assert_eq!(type_id_target::<value>(), id_of("value"));
    assert_eq!(type_id_target::<holder>(), id_of("holder"));
    assert_eq!(type_id_target::<pair>(), id_of("pair"));
    // The local ids: the simulation's own local BTF of each type (nonzero, and distinct types
    // of one local BTF have distinct ids).
    assert_ne!(type_id_local::<holder>(), 0);
    assert_ne!(type_id_local::<value>(), 0);
}

/// What `type_matches` compares (libbpf's `__bpf_core_types_match`).
#[derive(BtfRelocatable)]
#[repr(C)]
#[btf(name = "holder___local")]
struct HolderMatch {
    tag: u32,
    next: KernelPtr<mm_struct___wrong>,
}

/// Behind a pointer only the name (flavor stripped) and kind are compared.
#[derive(BtfRelocatable)]
#[repr(C)]
struct mm_struct___wrong {
    does_not_exist: u64,
}

#[test]
fn type_matches_compares_members_int_names_and_pointees() {
    let with = |tag: Type, next: Type| {
        Simulation::new().with_struct(
            Struct::new("holder", 64)
                .field("tag", 0, tag)
                .field("next", 8, next)
                .int("other", 16, 8),
        )
    };
    let mm_ptr = || Type::PtrTo(Box::new(Type::struct_named("mm_struct", 128)));
    let cases = [
        // `unsigned int tag` (a u32 is named so locally), `struct mm_struct *next`.
        (with(Type::int(4, false), mm_ptr()), true, true),
        // A signed `tag`: exists, does not match.
        (with(Type::int(4, true), mm_ptr()), true, false),
        // An 8-byte `tag`.
        (with(Type::int(8, false), mm_ptr()), true, false),
        // `next` points to a union, or to `void`, or is no pointer.
        (
            with(
                Type::int(4, false),
                Type::PtrTo(Box::new(Type::union_named("mm_struct", 8))),
            ),
            true,
            false,
        ),
        (with(Type::int(4, false), Type::Ptr), true, false),
        (with(Type::int(4, false), Type::int(8, false)), true, false),
        // A typedef of the int is skipped.
        (
            with(
                Type::Typedef("u32".into(), Box::new(Type::int(4, false))),
                mm_ptr(),
            ),
            true,
            true,
        ),
    ];
    for (i, (kernel, exists, matches)) in cases.into_iter().enumerate() {
        let _on = kernel.install();
        assert_eq!(type_exists::<HolderMatch>(), exists, "case {i}");
        assert_eq!(type_matches::<HolderMatch>(), matches, "case {i}");
    }
    // No `holder` at all.
    let _on = Simulation::new().install();
    assert!(!type_matches::<HolderMatch>());
}
