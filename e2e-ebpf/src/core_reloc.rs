//! libbpf's selftest table `core_reloc`, its field and enumerator cases: one tracepoint program
//! per group of cases (`btf_reloc_e2e_common::core_reloc::Family`), each reading the case's
//! input, which the loader writes into the `.rodata` global `CORE_RELOC_INPUT` laid out as the
//! case's target BTF says, through the local declarations of
//! `btf_reloc_e2e_common::core_reloc`, and storing what it read into the `.bss` global
//! `CORE_RELOC_OUTPUT` (`core_reloc_io.rs`).
//!
//! Its own object, with no legacy maps (libbpf 1.x refuses them): the kernel test loads it
//! under aya (`EbpfLoader::btf`) and under libbpf (`btf_custom_path`) against made-up kernels
//! that have only the case's types, and attaches the one program of the case's family. The
//! cases that relocate `TYPE_SIZE`, `TYPE_ID_TARGET` or `TYPE_MATCHES` of their types are in
//! objects of their own (`core_reloc_types.rs`, `core_reloc_type_id.rs`,
//! `core_reloc_ptr_as_arr.rs`): aya 0.14 refuses a whole object with one of those relocations
//! whose type the target lacks.
#![no_std]
#![no_main]

#[path = "common.rs"]
mod common;
#[path = "core_reloc_io.rs"]
mod core_reloc_io;

pub(crate) use common::current_target_pid_tgid;
use core_reloc_io::programs;

programs! {
    core_reloc_flavors => Flavors,
    core_reloc_nesting => Nesting,
    core_reloc_arrays => Arrays,
    core_reloc_primitives => Primitives,
    core_reloc_mods => Mods,
    core_reloc_ints => Ints,
    core_reloc_existence => Existence,
    core_reloc_bitfields => Bitfields,
    core_reloc_size => Size,
    core_reloc_enumval => Enumval,
    core_reloc_enum64val => Enum64val,
}
