//! The post-link step of btf-reloc: turns the marker instructions and descriptor records that
//! `btf-reloc-runtime` leaves in a linked eBPF object into genuine CO-RE relocations, so that any
//! CO-RE loader (aya, libbpf/bpftool, cilium/ebpf) relocates the program natively.
//!
//! [`link`] (or [`link_file`]) takes the ET_REL object written by bpf-linker and
//!
//! 1. decodes and checks the struct and enum records of the descriptor section (the format of
//!    `btf_reloc_format`, including the `rust_path` references of embedded structs);
//! 2. finds the marker `ld_imm64` instructions of every executable section (skipping those that
//!    carry an ELF relocation, i.e. map and data references), and the direct loads (`BPF_LDX`
//!    through a BTF-typed kernel pointer) that the direct-load sections list with their markers
//!    (`btf_reloc_format::DIRECT_SECTION`);
//! 3. maps each marker id back to what it stands for: an access path from a root struct
//!    (`FIELD_*` kinds), a struct or enum (`TYPE_EXISTS`, `TYPE_SIZE`), or an enum value
//!    (`ENUMVAL_*`), by enumerating the access paths of every record;
//! 4. appends to `.BTF` (creating it if needed) the local types: every struct on a used path or
//!    named by a type relocation, with all its members and the structs it embeds, and every enum
//!    a relocation names (`ENUM`, or `ENUM64` for 64-bit values) — `btf_reloc_btf::local`;
//! 5. writes one `bpf_core_relo` record per marker into the `core_relo` part of `.BTF.ext`
//!    (creating it if needed), keeping `func_info` in place; where the object has line info,
//!    gives each relocated instruction that a loader may poison a `line_info` record whose text
//!    names the relocation (the verifier log prints it above a refused instruction), and the
//!    instruction after it a copy of the record that covered it;
//! 6. sets each marker's immediate (a direct load's offset) to the local value libbpf checks,
//!    computed by libbpf's rules applied to the local types (`btf_reloc_btf::core`);
//! 7. neutralises the descriptor and direct-load sections;
//! 8. compacts: each marker whose value always fits a signed 32-bit immediate becomes the 1-slot
//!    `mov64 rX, imm32` clang emits, and the code, with everything that names a position in it,
//!    moves up (`compact`; a section where something cannot move keeps its 2-slot markers).
//!
//! This crate owns the ELF side (sections, symbols, relocations, instructions); BTF and the
//! descriptor format belong to `btf-reloc-btf` and `btf-reloc-format`.
//!
//! An object without descriptors and markers is left alone ([`LinkOutcome::NothingToDo`]).
//! [`dump`] lists the relocation records (or pending markers) of an object, with their access
//! paths spelled out; [`check`] resolves its records against target BTFs offline, predicts
//! what each getter returns there, and says whether libbpf and aya would load it.

mod bytes;
mod check;
mod compact;
mod dump;
mod elf;
mod error;
mod file;
mod json;
mod layout;
mod link;
mod markers;

#[cfg(test)]
mod tests;

pub use crate::{
    check::{
        check, Applied, Field, FieldResult, Getter, Matched, Record, RecordResult, Refusals,
        Report, Target, TargetReport, Verdict,
    },
    dump::{dump, CoreReloEntry, Dump, PendingMarker},
    error::{Error, Result},
    link::{link, link_file, LinkOutcome, LinkSummary, SectionSummary},
};
pub use btf_reloc_format::RelocKind;
