//! `btf-reloc gen`: Rust declarations of kernel types from BTF (the work is in
//! [`crate::gen`]); this module reads the file, finds the kernel release when the BTF is the
//! running kernel's, and prints.

use std::path::Path;
use std::process::ExitCode;

use crate::gen::{self, Source, Spec};

use super::{emit, read, Failure, Outcome, PathArg};

/// The running kernel's BTF.
const VMLINUX: &str = "/sys/kernel/btf/vmlinux";

/// Generate Rust declarations of kernel types for #[derive(BtfRelocatable)] from BTF.
///
/// Prints a Rust module that compiles as it is: one `#[derive(BtfRelocatable)]` struct per
/// requested struct and per struct they embed, `#[derive(BtfEnum)]` for requested enums, each
/// field documented with its offset and size in this BTF. Members of anonymous structs and
/// unions become fields of the enclosing struct; pointers to declared structs are `KernelPtr`s;
/// what the derive cannot express is left out with a comment saying why.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  btf-reloc gen task_struct:pid,tgid,comm,real_parent,mm mm_struct:arg_start,arg_end
  btf-reloc gen task_struct:pid,mm.arg_start,mm.arg_end   (the same through a pointer)
  btf-reloc gen --btf vmlinux-5.10 cred pid_type")]
pub(crate) struct Args {
    /// The BTF to read: a kernel's vmlinux BTF or an object's raw `.BTF`.
    #[arg(long, value_name = "FILE", default_value = VMLINUX)]
    btf: PathArg,
    /// A type and optionally its members: `task_struct` (every member) or
    /// `task_struct:pid,comm,se.vruntime,mm.arg_start` (dotted paths go through embedded
    /// structs and through pointers to named structs, which are then declared too). Enums:
    /// `pid_type` or `pid_type:PIDTYPE_PID,PIDTYPE_TGID`.
    #[arg(required = true, value_name = "SPEC", value_parser = parse_spec)]
    specs: Vec<Spec>,
}

fn parse_spec(spec: &str) -> Result<Spec, String> {
    spec.parse().map_err(|e: gen::Error| e.to_string())
}

pub(crate) fn run(args: Args) -> Outcome {
    let Args { btf, specs } = args;
    let bytes = read(&btf)?;
    let source = Source::new(btf.display().to_string(), &bytes, kernel_release(&btf));
    let generated = gen::generate(&bytes, &specs, &source)
        .map_err(|e| Failure::Message(format!("{}: {e}", btf.display())))?;
    for warning in &generated.warnings {
        eprintln!("btf-reloc: warning: {warning}");
    }
    emit(&generated.source)?;
    Ok(ExitCode::SUCCESS)
}

/// The running kernel's release when `path` is its BTF: what the header names next to the path.
fn kernel_release(path: &Path) -> Option<String> {
    let running = Path::new(VMLINUX);
    let same = path == running
        || path
            .canonicalize()
            .ok()
            .zip(running.canonicalize().ok())
            .is_some_and(|(a, b)| a == b);
    if !same {
        return None;
    }
    let release = std::fs::read_to_string("/proc/sys/kernel/osrelease").ok()?;
    Some(release.trim().to_owned()).filter(|r| !r.is_empty())
}
