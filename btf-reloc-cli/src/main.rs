//! `btf-reloc`: post-link eBPF objects built with btf-reloc-runtime, list and check their CO-RE
//! relocations, and generate Rust declarations of kernel types from BTF.
//!
//! Exit status: 0 on success, 1 when the command failed (a bad input, a write error), 2 for a
//! usage error; `check` also ends with 3, 4 or 5 when libbpf, aya or both would refuse the
//! object (see `btf-reloc check --help`).

use std::process::ExitCode;

use btf_reloc::cmd::{self, Cli};
use clap::Parser as _;

fn main() -> ExitCode {
    let cli = Cli::parse();
    cmd::run(cli)
}
