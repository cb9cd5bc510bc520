//! The command line's grammar ([`Cli`], one subcommand per module) and what every command shares:
//! writing to stdout without panicking on a closed pipe, and how errors end the process.

mod check;
mod dump;
mod gen;
mod link;

use std::{
    fmt,
    io::{self, Write},
    path::{Path, PathBuf},
    process::ExitCode,
};

use clap::{Parser, Subcommand};

/// Post-link eBPF objects built with btf-reloc-runtime, list and check their CO-RE relocations,
/// and generate Rust declarations of kernel types from BTF.
#[derive(Debug, Parser)]
#[command(
    name = "btf-reloc",
    version,
    about,
    long_about = None,
    after_help = "\
Exit status: 0 done; 1 the command failed (unreadable or malformed input, nothing written);
2 usage error. `check` also exits 3, 4 or 5 when libbpf, aya or both would refuse the
object (see `btf-reloc check --help`)."
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    Link(link::Args),
    Dump(dump::Args),
    Gen(gen::Args),
    Check(check::Args),
}

/// Runs the parsed command line and turns its outcome into the exit status.
pub fn run(cli: Cli) -> ExitCode {
    let result = match cli.command {
        Command::Link(args) => link::run(args),
        Command::Dump(args) => dump::run(args),
        Command::Gen(args) => gen::run(args),
        Command::Check(args) => check::run(args),
    };
    match result {
        Ok(code) => code,
        // `btf-reloc dump x.o | head`: a reader that went away is not an error.
        Err(Failure::Stdout(error)) if error.kind() == io::ErrorKind::BrokenPipe => {
            ExitCode::SUCCESS
        }
        Err(failure) => {
            eprintln!("btf-reloc: error: {failure}");
            ExitCode::FAILURE
        }
    }
}

/// Why a command stopped.
#[derive(Debug)]
pub(crate) enum Failure {
    /// The command's own error, already worded for the user.
    Message(String),
    /// Writing to stdout failed.
    Stdout(io::Error),
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Message(message) => f.write_str(message),
            Self::Stdout(error) => write!(f, "writing to stdout: {error}"),
        }
    }
}

impl Failure {
    /// A library error about the file at `path`, worded so that it names the file (an I/O error
    /// names it already).
    pub(crate) fn about(path: &Path) -> impl FnOnce(btf_reloc_link::Error) -> Self + '_ {
        move |error| match error {
            btf_reloc_link::Error::Io { .. } | btf_reloc_link::Error::Write { .. } => {
                Self::Message(error.to_string())
            }
            _ => Self::Message(format!("{}: {error}", path.display())),
        }
    }
}

/// A command's result: the exit status it asks for, or why it failed.
pub(crate) type Outcome = Result<ExitCode, Failure>;

/// Writes `text` to stdout. `print!` would panic when the reader has gone away; Rust ignores
/// SIGPIPE, so that shows up here as `BrokenPipe`, which [`run`] turns into a quiet exit.
pub(crate) fn emit(text: &str) -> Result<(), Failure> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(Failure::Stdout)
}

/// The bytes of the file at `path`, or an error naming it.
pub(crate) fn read(path: &Path) -> Result<Vec<u8>, Failure> {
    std::fs::read(path).map_err(|error| Failure::Message(format!("{}: {error}", path.display())))
}

/// A path argument.
pub(crate) type PathArg = PathBuf;
