//! `btf-reloc dump`: the CO-RE relocation records of an object, or its pending markers.

use std::process::ExitCode;

use super::{emit, read, Failure, Outcome, PathArg};

/// List an object's CO-RE relocation records, or its markers waiting for `link`.
///
/// Each record is shown with its access path spelled out against the object's own `.BTF`
/// (`task_struct.se.vruntime`); an object not yet post-linked shows its pending markers instead.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The eBPF object.
    object: PathArg,
    /// Print JSON instead of tables: {"version":1, "relocations":[{"section","insn","kind",
    /// "type_id","type","access","path"}], "pending":[{"section","insn","kind","id","path"}]}
    /// (the full description: `Dump::to_json` in the btf-reloc-link documentation).
    #[arg(long)]
    json: bool,
}

pub(crate) fn run(args: Args) -> Outcome {
    let bytes = read(&args.object)?;
    let dump = btf_reloc_link::dump(&bytes).map_err(Failure::about(&args.object))?;
    emit(&if args.json {
        dump.to_json()
    } else {
        dump.to_string()
    })?;
    Ok(ExitCode::SUCCESS)
}
