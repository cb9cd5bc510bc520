//! `btf-reloc link`: the post-link step on a file.

use std::process::ExitCode;

use super::{emit, Failure, Outcome, PathArg};

/// Post-link an eBPF object: its markers and descriptors become CO-RE relocations.
///
/// Turns the markers and descriptors btf-reloc-runtime left in the object into `.BTF` types and
/// `.BTF.ext` CO-RE relocation records, in place or into OUTPUT. Running it twice is harmless:
/// the second run has nothing to do.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The linked eBPF object (bpf-linker's output).
    object: PathArg,
    /// Write the post-linked object here instead of over OBJECT.
    #[arg(short, long, value_name = "OUTPUT")]
    output: Option<PathArg>,
}

pub(crate) fn run(args: Args) -> Outcome {
    let Args { object, output } = args;
    let target = output.as_deref().unwrap_or(&object).display().to_string();
    let linked =
        btf_reloc_link::link_file(&object, output.as_deref()).map_err(Failure::about(&object))?;
    match linked {
        Some(summary) => emit(&format!("{target}: {summary}\n"))?,
        None => emit(&format!(
            "{}: nothing to do (no descriptors and no markers: already post-linked, or not built \
             with btf-reloc-runtime){}\n",
            object.display(),
            if output.is_some() {
                format!("; copied unchanged to {target}")
            } else {
                String::new()
            }
        ))?,
    }
    Ok(ExitCode::SUCCESS)
}
