//! The format btf-reloc's crates share: what the derive and the runtime put into an eBPF object
//! and what the post-link step reads back out of it.
//!
//! This crate owns, in one place each:
//! - the relocation kinds ([`RelocKind`], the uapi `enum bpf_core_relo_kind`) and their names;
//! - the naming rules BTF and libbpf impose ([`is_c_identifier`], [`essential_name`]);
//! - the compile-time descriptors of relocatable types ([`descriptor`]) and their byte encoding
//!   ([`encode`], the `const` encoder the derive's statics use);
//! - the marker instruction immediates ([`marker`]) and the id scheme behind them ([`id`]);
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

/// The name of the descriptor section, as a macro: `#[link_section]` takes a literal (or a macro
/// that expands to one), not a constant.
#[macro_export]
macro_rules! descriptor_section {
    () => {
        ".btf_reloc.descriptors"
    };
}

/// ELF section holding the encoded descriptors in an eBPF object before post-linking.
pub const DESCRIPTOR_SECTION: &str = descriptor_section!();
