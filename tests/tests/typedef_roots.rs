//! Types the kernel knows by a typedef name (`#[btf(typedef = "...")]`): the typedef is the root
//! of their relocations, as clang makes it for `bpf_core_type_exists(kuid_t)`. libbpf's rules:
//! a typedef root's candidates are the target's typedefs of that name (flavor stripped), under
//! which fields, sizes, enumerators and `TYPE_MATCHES` look at the type named; the cases are
//! those of libbpf's `core_reloc` selftests (`enumval___diff`, `type_based___diff`).

use btf_reloc_runtime::prelude::*;
use btf_reloc_runtime::sim::btf::{Kind, NewMember};
use btf_reloc_runtime::sim::{Btf, Memory, Simulation};
use btf_reloc_runtime::{type_exists, type_id_target, type_matches, type_size};

/// `typedef enum { ANON_ENUM_VAL1 = 0x10, ANON_ENUM_VAL2 = 0x20, ANON_ENUM_VAL3 = 0x30 }
/// anon_enum;`
#[derive(BtfEnum, Clone, Copy, Debug)]
#[btf(typedef = "anon_enum")]
enum AnonEnum {
    #[btf(rename = "ANON_ENUM_VAL1")]
    Val1 = 0x10,
    #[btf(rename = "ANON_ENUM_VAL2")]
    Val2 = 0x20,
    #[btf(rename = "ANON_ENUM_VAL3")]
    Val3 = 0x30,
}

/// `typedef struct { int x, y, z; } anon_struct_typedef;`
#[derive(BtfRelocatable)]
#[repr(C)]
#[btf(typedef = "anon_struct_typedef")]
struct AnonStruct {
    x: i32,
    y: i32,
    z: i32,
}

/// `typedef struct a_struct named_struct_typedef;`
#[derive(BtfRelocatable)]
#[repr(C)]
#[btf(name = "a_struct", typedef = "named_struct_typedef")]
struct NamedStruct {
    x: i32,
}

/// The `___diff` targets of libbpf's selftests, and `anon_struct_typedef`'s `z, x, y` at 0, 4,
/// 8.
fn diff() -> Btf {
    let mut b = Btf::new();
    let int = b.add_int("int", 4, true).expect("BTF");
    let anon = b
        .add_enum(
            "",
            4,
            false,
            false,
            &[
                ("ANON_ENUM_VAL1___diff", 0x11),
                ("ANON_ENUM_VAL2___diff", 0x22),
                ("ANON_ENUM_VAL3___diff", 0x33),
            ],
        )
        .expect("BTF");
    b.add_named("anon_enum___diff", Kind::Typedef(anon))
        .expect("BTF");
    let zxy = b
        .add_composite(
            "",
            false,
            12,
            &[
                NewMember::new("z", int, 0),
                NewMember::new("x", int, 4),
                NewMember::new("y", int, 8),
            ],
        )
        .expect("BTF");
    b.add_named("anon_struct_typedef___diff", Kind::Typedef(zxy))
        .expect("BTF");
    let a_struct = b
        .add_composite(
            "a_struct___diff",
            false,
            8,
            &[NewMember::new("x", int, 0), NewMember::new("a", int, 4)],
        )
        .expect("BTF");
    b.add_named("named_struct_typedef___diff", Kind::Typedef(a_struct))
        .expect("BTF");
    b
}

#[test]
fn enumerators_through_a_typedef_root() {
    let _on = Simulation::new().with_btf(diff()).install();
    assert_eq!(AnonEnum::Val1.value(), Some(0x11));
    assert_eq!(AnonEnum::Val2.value(), Some(0x22));
    assert!(AnonEnum::Val3.exists());
    assert!(type_exists::<AnonEnum>());
    assert_eq!(type_size::<AnonEnum>(), Some(4));
    assert!(type_matches::<AnonEnum>());
}

#[test]
fn structs_through_a_typedef_root() {
    let target = diff();
    let id_of = |name: &str| target.types_named(name).next().map(|(id, _)| id);
    let (anon_id, named_id) = (
        id_of("anon_struct_typedef___diff"),
        id_of("named_struct_typedef___diff"),
    );
    let mut memory = Memory::new();
    memory.map(0x1000, vec![0; 12]);
    memory.write(0x1000 + 4, 7i32.to_ne_bytes());
    let _on = Simulation::new()
        .with_btf(target)
        .with_kernel_memory(memory)
        .install();
    // Field paths start at the typedef and go on in the type it names.
    assert_eq!(KernelPtr::<AnonStruct>::from_addr(0x1000).x(), Ok(Some(7)));
    assert_eq!(AnonStruct::z_byte_offset(), Some(0));
    assert_eq!(type_size::<AnonStruct>(), Some(12));
    // `type_id_target` is the typedef's id (the relocation's root is the typedef).
    assert_eq!(type_id_target::<AnonStruct>(), anon_id);
    assert_eq!(type_id_target::<NamedStruct>(), named_id);
    // TYPE_MATCHES: anonymous matches anonymous (member order does not matter); `a_struct`
    // matches `a_struct___diff`.
    assert!(type_matches::<AnonStruct>());
    assert!(type_matches::<NamedStruct>());
    assert_eq!(type_size::<NamedStruct>(), Some(8));
}

#[test]
fn a_typedef_root_finds_no_struct_or_enum_of_its_name() {
    // A kernel with `enum anon_enum` and `struct anon_struct_typedef` (no typedefs): a typedef
    // root's candidates are typedefs only, as in libbpf (`btf_kind_core_compat`).
    let mut b = Btf::new();
    let int = b.add_int("int", 4, true).expect("BTF");
    b.add_enum("anon_enum", 4, false, false, &[("ANON_ENUM_VAL1", 1)])
        .expect("BTF");
    b.add_composite(
        "anon_struct_typedef",
        false,
        4,
        &[NewMember::new("x", int, 0)],
    )
    .expect("BTF");
    let _on = Simulation::new().with_btf(b).install();
    assert_eq!(AnonEnum::Val1.value(), None);
    assert!(!type_exists::<AnonEnum>());
    assert!(!AnonStruct::x_exists());
    assert_eq!(type_id_target::<AnonStruct>(), None);
}
