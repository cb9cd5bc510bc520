//! The intrinsics: the three of the "[Pre-RFC] BTF relocations" for field `I` of `T`, their
//! forms for any [access path](crate::path), and the type and enum-value relocations.
//!
//! On `target_arch = "bpf"` each is one marker instruction that the post-link step turns into a
//! CO-RE relocation, so the loader writes the running kernel's value into it; elsewhere the host
//! simulation ([`crate::sim`]) answers.

use crate::backend;
use crate::field::{BtfEnum, BtfType, RelocatableField};
use crate::path::{Member, Path, Root};
use btf_reloc_format::RelocKind;

/// Whether field `I` of `T` exists in the target (`BPF_CORE_FIELD_EXISTS`).
///
/// On eBPF this is a constant the verifier knows, so it prunes the branch a missing field guards.
#[inline(always)]
pub fn relocatable_field_exists<T: RelocatableField<I>, const I: usize>() -> bool {
    field_exists::<Member<Root<T>, I>>()
}

/// Size in bytes of field `I` of `T` in the target (`BPF_CORE_FIELD_BYTE_SIZE`).
///
/// Only meaningful where [`relocatable_field_exists`] is true: on eBPF the loader poisons this
/// instruction for a missing field and the verifier rejects the program if it is reachable, so
/// always call it behind the existence check (the generated getters do). The host simulation
/// returns 0 for a missing field.
#[inline(always)]
pub fn relocatable_field_byte_size<T: RelocatableField<I>, const I: usize>() -> usize {
    field_byte_size::<Member<Root<T>, I>>()
}

/// Offset in bytes of field `I` from the start of `T` in the target
/// (`BPF_CORE_FIELD_BYTE_OFFSET`).
///
/// Same precondition as [`relocatable_field_byte_size`].
#[inline(always)]
pub fn relocatable_field_byte_offset<T: RelocatableField<I>, const I: usize>() -> usize {
    field_byte_offset::<Member<Root<T>, I>>()
}

/// Whether the field at path `P` exists in the target.
#[inline(always)]
pub fn field_exists<P: Path>() -> bool {
    backend::flag(backend::field_info::<P, { RelocKind::FieldExists as u32 }>())
}

/// Size in bytes of the field at path `P` in the target; same precondition as
/// [`relocatable_field_byte_size`].
#[inline(always)]
pub fn field_byte_size<P: Path>() -> usize {
    backend::field_info::<P, { RelocKind::FieldByteSize as u32 }>() as usize
}

/// Offset in bytes of the field at path `P` from the start of the path's root in the target;
/// same precondition as [`relocatable_field_byte_size`].
#[inline(always)]
pub fn field_byte_offset<P: Path>() -> usize {
    backend::field_info::<P, { RelocKind::FieldByteOffset as u32 }>() as usize
}

/// Whether the type `T` exists in the target (`BPF_CORE_TYPE_EXISTS`).
#[inline(always)]
pub fn type_exists<T: BtfType>() -> bool {
    backend::flag_value(backend::type_info::<T, { RelocKind::TypeExists as u32 }>())
}

/// The size of `T` in the target (`BPF_CORE_TYPE_SIZE`), `None` if it does not exist there.
#[inline(always)]
pub fn type_size<T: BtfType>() -> Option<usize> {
    if type_exists::<T>() {
        Some(backend::type_info::<T, { RelocKind::TypeSize as u32 }>() as usize)
    } else {
        None
    }
}

/// The id of `T`'s own type in the program's BTF (`bpf_core_type_id_local`,
/// `BPF_CORE_TYPE_ID_LOCAL`): the id `btf-reloc link` gave the local type, which the loader
/// writes back unchanged. Needs no target: it is the same on every kernel. (Under the host
/// simulation, the id in the simulation's own local BTF of `T`, not the object's.)
#[inline(always)]
pub fn type_id_local<T: BtfType>() -> u32 {
    backend::type_info::<T, { RelocKind::TypeIdLocal as u32 }>() as u32
}

/// The id of the target's type that `T` stands for (`bpf_core_type_id_kernel`,
/// `BPF_CORE_TYPE_ID_TARGET`), `None` if the target has no such type: the candidate `type_exists`
/// would find (the same name after stripping `___flavor`s, a compatible kind).
///
/// libbpf writes 0 for an absent type, which this returns as `None`. aya 0.14 instead refuses
/// the whole object when one target lacks the type (as it does for `type_size`), so under aya
/// ask it only of types every target kernel has.
#[inline(always)]
pub fn type_id_target<T: BtfType>() -> Option<u32> {
    match backend::type_info::<T, { RelocKind::TypeIdTarget as u32 }>() as u32 {
        0 => None,
        id => Some(id),
    }
}

/// Whether the target has a type that matches `T` by libbpf's `TYPE_MATCHES` rules
/// (`bpf_core_type_matches`, `BPF_CORE_TYPE_MATCHES`): stricter than [`type_exists`], it also
/// compares every member of a struct or union by name and type (the names of member types too,
/// after typedefs; ints by size and signedness; behind a pointer, the pointee's name and kind),
/// and the enumerator names and size of an enum.
///
/// Names matter here: the local BTF names ints as the kernel's BTF names most ints of their
/// size and signedness (`u32` is `unsigned int`, `i64` is `long long int`, `u8` is
/// `unsigned char`, …; a C `long` or a `char` array does not match them), and a `KernelPtr<T>`
/// points to `T` (a raw pointer to `void`).
///
/// libbpf 1.0 and later apply it; aya 0.14 refuses any object with a `TYPE_MATCHES` relocation
/// (it does not know the kind), so keep it out of objects aya loads.
#[inline(always)]
pub fn type_matches<T: BtfType>() -> bool {
    backend::flag(backend::type_info::<T, { RelocKind::TypeMatches as u32 }>())
}

/// Whether variant `I` of the enum `E` exists in the target (`BPF_CORE_ENUMVAL_EXISTS`).
#[inline(always)]
pub fn enum_value_exists<E: BtfEnum, const I: usize>() -> bool {
    backend::flag_value(backend::enum_info::<
        E,
        I,
        { RelocKind::EnumvalExists as u32 },
    >())
}

/// The value of variant `I` of the enum `E` in the target (`BPF_CORE_ENUMVAL_VALUE`), `None` if
/// it does not exist there.
#[inline(always)]
pub fn enum_value<E: BtfEnum, const I: usize>() -> Option<i64> {
    if enum_value_exists::<E, I>() {
        Some(backend::enum_info::<E, I, { RelocKind::EnumvalValue as u32 }>() as i64)
    } else {
        None
    }
}
