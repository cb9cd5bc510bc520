//! `cargo xtask`: the steps around btf-reloc that plain cargo cannot do —
//! installing the eBPF toolchain pieces, building the e2e eBPF objects,
//! post-linking them, and loading them into the running kernel.
//!
//! Every command prints nothing on success except its result; the output of
//! child builds is shown only when they fail.

mod cmd;
mod demo;
mod e2e;
mod ebpf;
mod kernel;
mod libbpf_loader;
mod outcome;
mod post_link;
mod setup;

use std::{error::Error as StdError, path::Path, process::ExitCode};

/// The error type of every task: a message, possibly with sources.
pub(crate) type Error = Box<dyn StdError + Send + Sync>;
/// `Result` with [`Error`].
pub(crate) type Result<T, E = Error> = std::result::Result<T, E>;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  setup [--print-bin-dir]   install nightly + rust-src, build bpf-linker, mount tracefs;
                            --print-bin-dir prints the directory to put on PATH
  build-ebpf [--release]    build e2e-ebpf with and without .BTF, print the object paths
  e2e [FILTER]              build, post-link, load and run the kernel tests
                            (only those whose name contains FILTER)
  demo                      show values read in-kernel next to the same values from syscalls
  test                      `cargo test --workspace`, then e2e (what CI runs)";

enum Command {
    Setup { print_bin_dir: bool },
    BuildEbpf { profile: ebpf::Profile },
    E2e { filter: Option<String> },
    Demo,
    Test,
    Help,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Command, String> {
    let command = args.next();
    let rest: Vec<String> = args.collect();
    let rest: Vec<&str> = rest.iter().map(String::as_str).collect();
    let command = match (command.as_deref(), rest.as_slice()) {
        (Some("setup"), []) => Command::Setup {
            print_bin_dir: false,
        },
        (Some("setup"), ["--print-bin-dir"]) => Command::Setup {
            print_bin_dir: true,
        },
        (Some("build-ebpf"), []) => Command::BuildEbpf {
            profile: ebpf::Profile::Dev,
        },
        (Some("build-ebpf"), ["--release"]) => Command::BuildEbpf {
            profile: ebpf::Profile::Release,
        },
        (Some("e2e"), []) => Command::E2e { filter: None },
        (Some("e2e"), [filter]) if !filter.starts_with('-') => Command::E2e {
            filter: Some((*filter).to_owned()),
        },
        (Some("demo"), []) => Command::Demo,
        (Some("test"), []) => Command::Test,
        (None | Some("help" | "-h" | "--help"), _) => Command::Help,
        (Some(command @ ("setup" | "build-ebpf" | "e2e" | "demo" | "test")), args) => {
            return Err(format!(
                "unexpected arguments to {command}: `{}`",
                args.join(" ")
            ))
        }
        (Some(command), _) => return Err(format!("unknown command `{command}`")),
    };
    Ok(command)
}

fn run(command: Command) -> Result<ExitCode> {
    match command {
        Command::Setup { print_bin_dir } => {
            let toolchain = setup::all()?;
            if print_bin_dir {
                println!("{}", toolchain.bin_dir.display());
            }
        }
        Command::BuildEbpf { profile } => {
            let toolchain = setup::toolchain()?;
            let objects = ebpf::build(&toolchain, profile)?;
            for (bin, variant, path) in objects.iter() {
                println!("{bin:?} {variant}: {}", path.display());
            }
        }
        Command::E2e { filter } => return e2e::run(loadable_objects()?, filter.as_deref()),
        Command::Demo => demo::run(&loadable_objects()?)?,
        Command::Test => {
            host_tests()?;
            return e2e::run(loadable_objects()?, None);
        }
        Command::Help => println!("{USAGE}"),
    }
    Ok(ExitCode::SUCCESS)
}

/// The root of the btf-reloc repository (this crate's parent directory).
pub(crate) fn workspace_root() -> &'static Path {
    let xtask = Path::new(env!("CARGO_MANIFEST_DIR"));
    xtask.parent().unwrap_or(xtask)
}

/// The pipeline up to loading: setup, build (release), post-link.
fn loadable_objects() -> Result<ebpf::Objects> {
    let toolchain = setup::all()?;
    ebpf::build(&toolchain, ebpf::Profile::Release)?.try_map(post_link::post_link)
}

/// `cargo test --workspace` with the toolchain, environment and output of
/// this `cargo xtask`: unit, UI, expansion and host-simulation tests.
fn host_tests() -> Result<()> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = std::process::Command::new(cargo)
        .current_dir(workspace_root())
        .args(["test", "--workspace"])
        .status()
        .map_err(|error| format!("cannot run cargo test: {error}"))?;
    if !status.success() {
        return Err(format!("cargo test --workspace failed ({status})").into());
    }
    Ok(())
}

/// Formats `error` with its chain of sources, skipping a source whose text
/// the previous message already contains (thiserror messages often embed it).
pub(crate) fn error_chain(error: &(dyn StdError + 'static)) -> String {
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !message.contains(&text) {
            message = format!("{message}: {text}");
        }
        source = cause.source();
    }
    message
}

fn main() -> ExitCode {
    let command = match parse_args(std::env::args().skip(1)) {
        Ok(command) => command,
        Err(message) => {
            eprintln!("error: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(command) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {}", error_chain(error.as_ref()));
            ExitCode::FAILURE
        }
    }
}
