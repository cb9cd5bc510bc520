//! The format btf-reloc's crates share: what the derive and the runtime put into an eBPF object
//! and what the post-link step reads back out of it.
//!
//! This crate owns, in one place each:
//! - the relocation kinds ([`RelocKind`], the uapi `enum bpf_core_relo_kind`) and their names;
//! - the naming rules BTF and libbpf impose ([`is_c_identifier`], [`essential_name`]);
//! - the compile-time descriptors of relocatable types ([`descriptor`]) and their byte encoding
//!   ([`encode`], the `const` encoder the derive's statics use);
//! - the marker instruction immediates ([`marker`]) and the id scheme behind them ([`id`]);
//! - the sections listing direct loads ([`DIRECT_SECTION`]) and their entries;
//! - how a bitfield getter loads its field from the relocated values ([`bitfield`]);
//! - with the `alloc` feature: the decoder and validator of descriptor sections ([`decode`],
//!   [`records`]) and the inversion of the id scheme ([`paths`]).
//!
//! It has no dependencies and builds with `core` alone, so the `no_std` runtime (compiled for
//! `bpfel-unknown-none`) and the host tools use the same definitions.
#![no_std]
#![deny(missing_docs)]
#![forbid(unsafe_code)]

#[cfg(feature = "alloc")]
extern crate alloc;

pub mod bitfield;
pub mod descriptor;
pub mod encode;
pub mod id;
mod kind;
pub mod marker;
mod name;

#[cfg(feature = "alloc")]
pub mod decode;
#[cfg(feature = "alloc")]
pub mod paths;
#[cfg(feature = "alloc")]
pub mod records;

pub use kind::{KindClass, RelocKind};
pub use name::{essential_name, is_c_identifier, MAX_NAME_LEN};

/// The name of the descriptor sections, as a macro: `#[link_section]` takes a literal (or a
/// macro that expands to one), not a constant.
///
/// With a type name, the name of that type's own section, `.btf_reloc.descriptors.<type>.<line>.
/// <column>` (where its derive is): one section per derived type, so that each descriptor has a
/// `DATASEC` of its own in the object's BTF. (LLVM gives every `#[used]` static a section of its
/// own anyway; under one shared name their variables would all sit at offset 0 of one `DATASEC`,
/// which the kernel rejects, and an object whose post-link step was forgotten would lose its BTF
/// before the verifier could say why it is refused.) `<type>` is the Rust name without `r#`, cut
/// to 64 bytes, so that the whole name stays a valid BTF section name on every kernel
/// (`[A-Za-z0-9_.]`, under 128 bytes).
#[macro_export]
macro_rules! descriptor_section {
    () => {
        ".btf_reloc.descriptors"
    };
    ($type_name:literal) => {
        ::core::concat!(
            $crate::descriptor_section!(),
            ".",
            $type_name,
            ".",
            ::core::line!(),
            ".",
            ::core::column!()
        )
    };
}

/// The name of the section the direct reads (`BtfPtr::read` of btf-reloc-runtime) record their
/// loads in, as a macro: the runtime's assembly names it in a `.pushsection` directive, which
/// takes a literal. See [`DIRECT_SECTION`] for the entries.
#[macro_export]
macro_rules! direct_section {
    () => {
        ".btf_reloc.direct"
    };
}

/// The prefix of the ELF sections holding the encoded descriptors in an eBPF object before
/// post-linking (see [`descriptor_section!`]).
pub const DESCRIPTOR_SECTION: &str = descriptor_section!();

/// The `<type>` part of a type's descriptor section name (see [`descriptor_section!`]) for its
/// Rust name: bytes other than `[A-Za-z0-9_]` become `_`, and at most 64 are kept.
pub fn section_type_name(rust_name: &str) -> impl Iterator<Item = char> + '_ {
    rust_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(64)
}

/// Whether an ELF section of this name holds descriptors: [`DESCRIPTOR_SECTION`] itself, or a
/// type's own section under it.
pub fn is_descriptor_section(name: &str) -> bool {
    name.strip_prefix(DESCRIPTOR_SECTION)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
}

/// The name of the sections listing direct loads ([`direct_section!`]), and their format. A
/// direct load reads a field through a BTF-typed kernel pointer (`PTR_TO_BTF_ID`, in
/// `fentry`/`tp_btf` programs); the post-link step relocates it on the load instruction
/// itself, as clang does for `__builtin_preserve_access_index`.
///
/// The runtime emits, per direct load, the load and one entry of a section of this name (or of
/// a name under it, see [`is_direct_section`]):
///
/// ```text
/// 1: {out} = *(u32 *)({base} - 1)     // BPF_LDX | BPF_MEM | B/H/W/DW, off = -1, imm = 0
/// .pushsection .btf_reloc.direct, "a"
/// .quad 1b                            // the load's address
/// .quad MARKER                        // marker::marker(RelocKind::FieldByteOffset, path id)
/// .popsection
/// ```
///
/// An entry is [`DIRECT_ENTRY_SIZE`] bytes, little-endian:
/// - at 0, the load's address: 8 bytes that one ELF relocation (`SHT_REL`, type
///   `R_BPF_64_ABS64`, against a symbol of the executable section holding the load, usually
///   that section's symbol) resolves, the 8 bytes being its implicit addend: the load is at
///   byte `st_value + addend` of the symbol's section, on an instruction boundary;
/// - at 8, the [marker immediate](marker::marker), of kind `FIELD_BYTE_OFFSET` only.
///
/// An entry may instead name a 64-bit shift by an immediate (`BPF_ALU64 | BPF_K`, `<<=`, `>>=`
/// or `s>>=`, offset 0) whose immediate is [`DIRECT_UNLINKED_SHIFT`], with a marker of kind
/// `FIELD_LSHIFT_U64` (for `<<=`) or `FIELD_RSHIFT_U64` (for the others): a bitfield's shift,
/// which the post-link step relocates on the shift itself, as clang relocates
/// `BPF_CORE_READ_BITFIELD`'s, writing the local value into the immediate.
///
/// The load is `BPF_LDX | BPF_MEM` of any size, with offset -1 and immediate 0. The post-link
/// step gives it a `FIELD_BYTE_OFFSET` record, writes the field's local offset into its `off`
/// (refusing one above `i16::MAX`), and neutralises the section and its relocations (as it does
/// the descriptor sections). The offset -1 is deliberate: an object whose post-link step was
/// forgotten is refused by the verifier (a negative access), never reads the wrong field.
pub const DIRECT_SECTION: &str = direct_section!();

/// The immediate of a relocated shift before post-linking: a shift by 64, which the verifier
/// refuses, so that an object whose post-link step was forgotten does not load.
pub const DIRECT_UNLINKED_SHIFT: u32 = 64;

/// Size of one entry of a [`DIRECT_SECTION`]: the load's address, then the marker.
pub const DIRECT_ENTRY_SIZE: usize = 16;

/// Whether an ELF section of this name lists direct loads: [`DIRECT_SECTION`] itself, or a name
/// under it (`.btf_reloc.direct.<anything>`).
pub fn is_direct_section(name: &str) -> bool {
    name.strip_prefix(DIRECT_SECTION)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
}

#[cfg(test)]
mod tests {
    use super::{
        is_descriptor_section, is_direct_section, section_type_name, DESCRIPTOR_SECTION,
        DIRECT_SECTION,
    };

    #[test]
    fn direct_sections_are_the_name_and_the_names_under_it() {
        assert!(is_direct_section(DIRECT_SECTION));
        assert!(is_direct_section(".btf_reloc.direct.prog"));
        for other in [
            ".btf_reloc.directX",
            ".btf_reloc",
            ".btf_reloc.descriptors",
            ".rel.btf_reloc.direct",
            "",
        ] {
            assert!(!is_direct_section(other), "{other}");
        }
    }

    #[test]
    fn descriptor_sections_are_the_prefix_and_the_names_under_it() {
        assert!(is_descriptor_section(DESCRIPTOR_SECTION));
        assert!(is_descriptor_section(descriptor_section!("task_struct")));
        for other in [".btf_reloc.descriptorsX", ".btf_reloc", ".data", ""] {
            assert!(!is_descriptor_section(other), "{other}");
        }
        let name = descriptor_section!("task_struct");
        let rest = name
            .strip_prefix(".btf_reloc.descriptors.task_struct.")
            .unwrap_or_default();
        let (line, column) = rest.split_once('.').unwrap_or_default();
        assert!(
            line.parse::<u32>().is_ok() && column.parse::<u32>().is_ok(),
            "{name}"
        );
    }

    #[test]
    fn type_names_become_valid_section_names() {
        assert!(section_type_name("task_struct").eq("task_struct".chars()));
        assert!(section_type_name("Tâche").eq("T_che".chars()));
        assert_eq!(
            section_type_name(core::str::from_utf8(&[b'a'; 100]).unwrap_or_default()).count(),
            64
        );
        // The longest section name stays a BTF name every kernel takes: under 128 bytes.
        let longest = DESCRIPTOR_SECTION.len() + 1 + 64 + ".4294967295.4294967295".len();
        assert!(longest < 128, "{longest}");
    }
}
