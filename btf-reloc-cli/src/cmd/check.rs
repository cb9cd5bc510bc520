//! `btf-reloc check`: a post-linked object's CO-RE records resolved against kernels' BTF,
//! offline. This module reads the files and picks the exit status; the check itself and its
//! text and JSON forms are `btf_reloc_link::check`'s.

use std::{
    path::{Path, PathBuf},
    process::ExitCode,
};

use btf_reloc_btf::Btf;
use btf_reloc_link::Target;

use super::{emit, read, Failure, Outcome, PathArg};

/// The BTF of the running kernel.
const VMLINUX: &str = "/sys/kernel/btf/vmlinux";

/// Exit status when libbpf would refuse the object (against at least one target) but aya not.
const LIBBPF_REFUSES: u8 = 3;
/// Exit status when aya 0.14 would refuse the object but libbpf not.
const AYA_REFUSES: u8 = 4;
/// Exit status when both would (on the same target or on different ones).
const BOTH_REFUSE: u8 = 5;

/// Resolve an object's CO-RE relocations against kernels' BTF, offline, without root.
///
/// Every CO-RE record of the post-linked OBJECT is resolved against each target BTF by
/// libbpf's rules (the ones btf-reloc implements once, in btf-reloc-btf). The output shows,
/// per field, type and enumerator the program relocates, what its getter returns on each
/// target (`read 4 B at 2456`, `Ok(None)`, `SizeMismatch { .. }`, a bitfield's bits); per
/// record, the value each instruction gets (or `poisoned`); why anything is missing (which
/// member is absent from which type, or of which other kind it is); and whether libbpf 1.x and
/// aya 0.14 load the object. Several targets make each table a matrix, one column per kernel.
#[derive(Debug, clap::Args)]
#[command(after_long_help = AFTER_HELP)]
pub(crate) struct Args {
    /// The post-linked eBPF object (`btf-reloc link`'s output).
    object: PathArg,
    /// Target BTF: a file (a kernel's /sys/kernel/btf/vmlinux, or a copy), or a directory, which
    /// means every file in it starting with the BTF magic (e.g. copies of several kernels'
    /// vmlinux BTF), in name order. Repeatable; each target is named by its file name.
    /// Default: /sys/kernel/btf/vmlinux.
    #[arg(long = "btf", value_name = "FILE_OR_DIR")]
    btf: Vec<PathArg>,
    /// Print JSON instead of tables (shape below, under `--help`).
    #[arg(long)]
    json: bool,
}

const AFTER_HELP: &str = "\
Exit status:
  0  every target: libbpf 1.x and aya 0.14 both load the object
  1  the check could not run (unreadable or malformed object or BTF, or an object that
     still has markers waiting for `btf-reloc link`)
  2  usage error
  3  libbpf 1.x would refuse the object against at least one target (aya 0.14 would not)
  4  aya 0.14 would refuse it against at least one target (libbpf would not)
  5  both would (each against at least one target)
A missing field is not a refusal: its existence check is 0, its getter returns Ok(None), and
the offset and size instructions the loader poisons are never reached.

libbpf refuses a relocation it cannot compute: two candidate types that disagree (ambiguity),
an access path that does not make sense in the object's own BTF, a bitfield no 64-bit load
holds, an instruction that does not hold the local value. aya 0.14 refuses those too, and
also a TYPE_SIZE or TYPE_ID_TARGET relocation of a type the target lacks (the whole object;
libbpf writes 0), any TYPE_MATCHES relocation (a kind it does not know: the whole object, on
every target), and it does not match a local ENUM with a target ENUM64 (nor the reverse).

JSON (--json), version 1:
  {\"version\":1, \"refused_by\":{\"libbpf\":bool,\"aya\":bool},
   \"targets\":[{\"name\",\"libbpf\":{\"loads\",\"refusals\":[str]},\"aya\":{...}}],
   \"records\":[{\"section\",\"relo\",\"insn\",\"kind\",\"type_id\",\"type\",\"access\",\"path\",
                \"local_value\",\"field\",
                \"targets\":[{\"libbpf\":APPLIED,\"aya\":APPLIED|null,\"matched\":{...}|null,
                             \"why\":[str]}]}],
   \"fields\":[{\"path\",\"class\",\"kinds\",\"records\",
               \"targets\":[{\"getter\":GETTER,\"aya\":GETTER|null,\"exists\",\"byte_offset\",
                            \"byte_size\",\"elements\",\"local_type_id\",\"target_type_id\",
                            \"matches\",\"why\":[str]}]}]}
  APPLIED: {\"outcome\":\"value\",\"value\"} | poisoned | refused {\"why\"} | unknown {\"why\"}
  GETTER:  {\"outcome\":\"value\",\"offset\",\"size\"} | bitfield {offset,size,bit_offset,bits,
           signed} | present {offset} | missing | size_mismatch {expected,actual} | type {size}
           | enum_value {value} | refused | unknown
  Per-target arrays follow the order of \"targets\". An \"aya\" of null: as libbpf.
  The full description: `Report::to_json` in the btf-reloc-link documentation.";

pub(crate) fn run(args: Args) -> Outcome {
    let paths = if args.btf.is_empty() {
        vec![PathBuf::from(VMLINUX)]
    } else {
        args.btf
    };
    let targets = targets(&paths)?;
    let object = read(&args.object)?;
    let report = btf_reloc_link::check(&object, &targets)
        .map_err(|e| Failure::Message(format!("{}: {e}", args.object.display())))?;
    if args.json {
        emit(&report.to_json())?;
    } else {
        emit(&format!("{}: {report}", args.object.display()))?;
    }
    let refused = report.refusals();
    Ok(match (refused.libbpf, refused.aya) {
        (false, false) => ExitCode::SUCCESS,
        (true, false) => ExitCode::from(LIBBPF_REFUSES),
        (false, true) => ExitCode::from(AYA_REFUSES),
        (true, true) => ExitCode::from(BOTH_REFUSE),
    })
}

/// The targets the `--btf` arguments name, parsed.
fn targets(paths: &[PathBuf]) -> Result<Vec<Target>, Failure> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let entries = std::fs::read_dir(path)
                .map_err(|e| Failure::Message(format!("{}: {e}", path.display())))?;
            let mut in_dir = Vec::new();
            for entry in entries {
                let entry =
                    entry.map_err(|e| Failure::Message(format!("{}: {e}", path.display())))?;
                let file = entry.path();
                if file.is_file() && starts_with_btf_magic(&file) {
                    in_dir.push(file);
                }
            }
            if in_dir.is_empty() {
                return Err(Failure::Message(format!(
                    "{}: no BTF file in this directory",
                    path.display()
                )));
            }
            in_dir.sort();
            files.extend(in_dir);
        } else {
            files.push(path.clone());
        }
    }
    let names: Vec<String> = files.iter().map(|f| file_name(f)).collect();
    files
        .iter()
        .zip(&names)
        .map(|(file, name)| {
            let bytes = read(file)?;
            let btf = Btf::parse(&bytes).map_err(|e| {
                Failure::Message(format!("{}: not a usable BTF file: {e}", file.display()))
            })?;
            // Two targets of one file name (two directories of kernels) are told apart by path.
            let unique = names.iter().filter(|n| *n == name).count() == 1;
            let name = if unique {
                name.clone()
            } else {
                file.display().to_string()
            };
            Ok(Target::new(name, btf))
        })
        .collect()
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Whether the file starts with the BTF magic (either byte order, so that a big-endian BTF is
/// reported as such rather than skipped).
fn starts_with_btf_magic(path: &Path) -> bool {
    use std::io::Read as _;
    let mut magic = [0u8; 2];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut magic))
        .is_ok_and(|()| {
            let m = u16::from_le_bytes(magic);
            m == btf_reloc_btf::MAGIC || m == btf_reloc_btf::MAGIC.swap_bytes()
        })
}
