//! `btf-reloc gen` (work in progress).

use super::{Failure, Outcome};

/// Generate Rust declarations of kernel types for #[derive(BtfRelocatable)] from BTF.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {}

pub(crate) fn run(_args: Args) -> Outcome {
    Err(Failure::Message("`gen` is not implemented yet".into()))
}
