//! BTF for btf-reloc: every kind the kernel emits, read and written in one model, and libbpf's
//! CO-RE relocation rules implemented once.
//!
//! - [`Btf`]: parse a `.BTF` section or `/sys/kernel/btf/vmlinux`, look types up, add types and
//!   strings, write it back keeping existing ids, string offsets and type positions.
//! - [`types`]: the type model ([`Type`], [`Kind`]) and its binary layout.
//! - [`ext`]: the `.BTF.ext` section (its `core_relo` and `line_info` parts).
//! - [`core`]: libbpf's `relo_core.c`: access specs, candidate types, field and type
//!   compatibility, the values of every relocation kind, ambiguity.
//! - [`local`]: the local types of btf-reloc's descriptor records, and their access strings.
//!
//! Why not an existing crate: btf-rs only reads; aya-obj's BTF is tied to aya's object model and
//! keeps aya's own relocation rules (which differ from libbpf's: see the README's loader notes);
//! neither exposes relocation resolution as an API the post-link step, the host simulation and
//! an offline checker can share.

mod btf;
pub mod core;
mod error;
pub mod ext;
pub mod local;
pub mod subset;
pub mod types;

pub use crate::btf::{Btf, NewMember, MAGIC, MAX_NAME_OFFSET, MAX_TYPE_ID};
pub use crate::error::{Error, Result};
pub use crate::types::{Kind, Type, TypeId};
