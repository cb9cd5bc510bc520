//! The post-link step of btf-reloc: turns the marker instructions and field descriptors that
//! `btf-reloc-runtime` leaves in a linked eBPF object into genuine CO-RE relocations, so that any
//! CO-RE loader (aya, libbpf/bpftool, cilium/ebpf) relocates the program natively.
//!
//! [`link`] (or [`link_file`]) takes the ET_REL object written by bpf-linker and
//!
//! 1. decodes the records of the descriptor section
//!    ([`DESCRIPTOR_SECTION`](btf_reloc_runtime::descriptor::DESCRIPTOR_SECTION));
//! 2. finds the marker `ld_imm64` instructions of every executable section (skipping those that
//!    carry an ELF relocation, i.e. map and data references);
//! 3. appends to `.BTF` (creating it if needed) one local struct per referenced record, with its
//!    member types;
//! 4. writes one `bpf_core_relo` record per marker into the `core_relo` part of `.BTF.ext`
//!    (creating it if needed), keeping `func_info`/`line_info` in place;
//! 5. sets each marker's immediate to the local value libbpf checks (offset, size, or 1);
//! 6. neutralises the descriptor section.
//!
//! An object without descriptors and markers is left alone ([`LinkOutcome::NothingToDo`]).
//! [`dump`] lists the relocation records (or pending markers) of an object.

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

#[cfg(test)]
mod tests;

pub use crate::{
    dump::{dump, kind_name, CoreReloEntry, Dump, PendingMarker},
    error::{Error, Result},
    link::{link, link_file, LinkOutcome, LinkSummary, SectionSummary},
};
