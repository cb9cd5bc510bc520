//! The post-link step of btf-reloc: turns the marker instructions and descriptor records that
//! `btf-reloc-runtime` leaves in a linked eBPF object into genuine CO-RE relocations, so that any
//! CO-RE loader (aya, libbpf/bpftool, cilium/ebpf) relocates the program natively.
//!
//! [`link`] (or [`link_file`]) takes the ET_REL object written by bpf-linker and
//!
//! 1. decodes the struct and enum records (encoding version 2) of the descriptor section
//!    ([`DESCRIPTOR_SECTION`](btf_reloc_runtime::descriptor::DESCRIPTOR_SECTION)) and checks
//!    them, including the `rust_path` references of embedded structs;
//! 2. finds the marker `ld_imm64` instructions of every executable section (skipping those that
//!    carry an ELF relocation, i.e. map and data references);
//! 3. maps each marker id back to what it stands for: an access path from a root struct
//!    (`FIELD_*` kinds), a struct or enum (`TYPE_EXISTS`, `TYPE_SIZE`), or an enum value
//!    (`ENUMVAL_*`), by enumerating the access paths of every record;
//! 4. appends to `.BTF` (creating it if needed) the local types: every struct on a used path or
//!    named by a type relocation, with all its members and the structs it embeds, and every enum
//!    a relocation names (`ENUM`, or `ENUM64` for 64-bit values);
//! 5. writes one `bpf_core_relo` record per marker into the `core_relo` part of `.BTF.ext`
//!    (creating it if needed), keeping `func_info`/`line_info` in place;
//! 6. sets each marker's immediate to the local value libbpf checks (the value libbpf's
//!    `relo_core.c` computes from the local type);
//! 7. neutralises the descriptor section.
//!
//! An object without descriptors and markers is left alone ([`LinkOutcome::NothingToDo`]).
//! [`dump`] lists the relocation records (or pending markers) of an object, with their access
//! paths spelled out.

mod btf;
mod btf_ext;
mod bytes;
mod descriptors;
mod dump;
mod elf;
mod error;
mod layout;
mod link;
mod markers;
mod paths;

#[cfg(test)]
mod tests;

pub use crate::{
    dump::{dump, kind_name, CoreReloEntry, Dump, PendingMarker},
    error::{Error, Result},
    link::{link, link_file, LinkOutcome, LinkSummary, SectionSummary},
};
