//! The kernel tests: `cargo xtask e2e [FILTER]` builds and post-links the objects and runs them;
//! `cargo test -p btf-reloc-e2e-tests -- --list` lists them. One module per group, each test
//! an ordinary `#[test]` that goes through [`harness::run`].
//!
//! | group | what it proves |
//! | --- | --- |
//! | [`live`] | a deliberately wrong `task_struct` reads the running kernel's values |
//! | [`flavors`] | two flavors of a type, chosen at run time by field existence |
//! | [`core_read`] | everything `bpf_core_read.h` reads, on the running kernel |
//! | [`generated`] | declarations `btf-reloc gen` generated, read on the running kernel |
//! | [`synthetic`] | made-up target layouts handed to aya, read by a uprobe through `UserPtr` |
//! | [`synthetic_core`] | the same for nested paths, bitfields, arrays, strings, enums, types |
//! | [`synthetic_types`] | the same for unions and type ids |
//! | [`core_reloc`] | libbpf's selftest table `core_reloc`, case by case, under aya and libbpf and `btf-reloc check` |
//! | [`type_matches`] | `TYPE_MATCHES` under libbpf (made-up kernels and the running one); aya refuses it |
//! | [`loaders`] | the objects under CO-RE loaders other than aya |
//! | [`direct`] | direct reads (`BtfPtr`) in `tp_btf` and fentry programs under aya and libbpf |
//! | [`required`] | `#[btf(required)]` reads under aya and libbpf; a kernel without the field refuses the program |
//! | [`readme`] | the host simulation of the running kernel's BTF gives the kernel's offsets |
//! | [`btf_macros`] | `btf::field_byte_offset!` / `field_byte_size!` equal a walk of the kernel's BTF |
//! | [`unlinked`] | an object whose post-link step was forgotten does not load |
//! | [`vmlinux`] | the running kernel's BTF round-trips through btf-reloc's BTF model |

mod harness;

mod btf_macros;
mod core_read;
mod core_reloc;
mod direct;
mod flavors;
mod generated;
mod live;
mod loaders;
mod readme;
mod required;
mod synthetic;
mod synthetic_core;
mod synthetic_types;
mod type_matches;
mod unlinked;
mod vmlinux;
