//! `btf-reloc dump`: the CO-RE relocation records of an object, or its pending markers.

use std::process::ExitCode;

use super::{emit, read, Outcome, PathArg};

/// List an object's CO-RE relocation records, or its markers waiting for `link`.
///
/// Each record is shown with its access path spelled out against the object's own `.BTF`
/// (`task_struct.se.vruntime`); an object not yet post-linked shows its pending markers instead.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The eBPF object.
    object: PathArg,
}

pub(crate) fn run(args: Args) -> Outcome {
    let bytes = read(&args.object)?;
    emit(&btf_reloc_link::dump(&bytes)?.to_string())?;
    Ok(ExitCode::SUCCESS)
}
