//! Members of an enum type (`EnumOf<E>`), against simulated kernels, by libbpf's rules
//! (`bpf_core_fields_are_compat`): an enum member matches a local enum of the same name (after
//! `___flavor`s) or when either is anonymous, never an int; its value is read with the kernel's
//! width and signedness (libbpf's `FIELD_SIGNED` is the enum's `kind_flag`). The core_reloc
//! selftest `primitives` reads such a member (`c`), `size` asks its size and offset.

use btf_reloc_runtime::prelude::*;
use btf_reloc_runtime::sim::{Enum, Memory, Simulation, Struct, Type};

#[derive(BtfEnum, Clone, Copy, Debug)]
#[btf(name = "core_reloc_primitives_enum")]
enum PrimitivesEnum {
    #[btf(rename = "A")]
    A = 0,
    #[btf(rename = "B")]
    B = 1,
}

#[derive(BtfRelocatable)]
#[repr(C)]
struct core_reloc_primitives {
    a: u8,
    b: i32,
    c: EnumOf<PrimitivesEnum>,
}

const AT: u64 = 0x1000;

fn kernel(c: Type, value: &[u8]) -> Simulation {
    let mut memory = Memory::new();
    memory.map(AT, vec![0; 32]);
    memory.write(AT + 16, value);
    Simulation::new()
        .with_struct(
            Struct::new("core_reloc_primitives", 32)
                .int("a", 0, 1)
                .field("b", 4, Type::int(4, true))
                .field("c", 16, c),
        )
        .with_enum(Enum::new("core_reloc_primitives_enum___diff", 4).variant("B", 7))
        .with_kernel_memory(memory)
}

#[test]
fn an_enum_member_is_read_with_the_kernels_width_and_sign() {
    let p = KernelPtr::<core_reloc_primitives>::from_addr(AT);
    // The named enum (a flavor of it): 3.
    let _on = kernel(
        Type::enum_named("core_reloc_primitives_enum___diff", 4),
        &3u32.to_ne_bytes(),
    )
    .install();
    assert_eq!(p.c(), Ok(Some(3)));
    assert_eq!(core_reloc_primitives::c_byte_offset(), Some(16));
    assert_eq!(core_reloc_primitives::c_byte_size(), Some(4));
    // The value to compare with is the kernel's, not the Rust discriminant.
    assert_eq!(PrimitivesEnum::B.value(), Some(7));
    drop(_on);

    // `primitives___diff_enum_def`: an anonymous enum matches any local enum.
    let _on = kernel(Type::Enum { size: 4 }, &100u32.to_ne_bytes()).install();
    assert_eq!(p.c(), Ok(Some(100)));
    drop(_on);

    // An 8-byte signed enum (`size___diff_sz`): all 8 bytes, sign-extended.
    let mut k = kernel(Type::enum_named("wide_enum", 8), &(-5i64).to_ne_bytes());
    k = k.with_enum(Enum::new("wide_enum", 8).variant("NEG", -5));
    let _on = k.install();
    // Another name: not this enum, so the member does not match.
    assert_eq!(p.c(), Ok(None));
    drop(_on);
    let k = kernel(
        Type::enum_named("core_reloc_primitives_enum", 8),
        &(-5i64).to_ne_bytes(),
    )
    .with_enum(Enum::new("core_reloc_primitives_enum", 8).variant("NEG", -5));
    let _on = k.install();
    assert_eq!(p.c(), Ok(Some(-5)));
    assert_eq!(core_reloc_primitives::c_byte_size(), Some(8));
}

#[test]
fn an_int_member_is_no_enum() {
    // `primitives___err_non_enum`: `int c` where the local member is an enum.
    let _on = kernel(Type::int(4, true), &3u32.to_ne_bytes()).install();
    let p = KernelPtr::<core_reloc_primitives>::from_addr(AT);
    assert_eq!(p.c(), Ok(None));
    assert!(!core_reloc_primitives::c_exists());
    assert_eq!(p.b(), Ok(Some(0)));
}
