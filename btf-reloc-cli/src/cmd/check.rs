//! `btf-reloc check` (work in progress).

use super::{Failure, Outcome};

/// Resolve every CO-RE relocation of a post-linked object against target BTF, offline.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {}

pub(crate) fn run(_args: Args) -> Outcome {
    Err(Failure::Message("`check` is not implemented yet".into()))
}
