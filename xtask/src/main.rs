//! `cargo xtask`: the steps around btf-reloc that plain cargo cannot do — installing the eBPF
//! toolchain pieces, building the eBPF objects of `e2e-ebpf` with nightly, post-linking them, and
//! running the kernel tests (`e2e-tests`) and the demo on them; building and running the
//! template project `examples/aya-project`; measuring btf-reloc's accesses against C's.
//!
//! Every command prints nothing on success except its result; the output of child builds is
//! shown only when they fail. The kernel tests themselves are ordinary `#[test]`s: this crate
//! only prepares their objects and hands their directory to `cargo test`.

mod bench;
mod cmd;
mod demo;
mod ebpf;
mod example;
mod matrix;
mod post_link;
mod setup;

use std::{
    ffi::OsStr,
    path::{Path, PathBuf},
    process::{Command as Process, ExitCode},
};

use btf_reloc_e2e_common::objects::DIR_VAR;
use btf_reloc_e2e_tests::{error_chain, objects::Objects};

/// The error type of every task: a message, possibly with sources (shared with the helpers of
/// `e2e-tests` that the demo uses).
pub(crate) use btf_reloc_e2e_tests::{Error, Result};

/// The package of the kernel tests.
const KERNEL_TESTS: &str = "btf-reloc-e2e-tests";

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  setup [--print-bin-dir]   install nightly + rust-src, build bpf-linker, mount tracefs,
                            install libbpf-dev; --print-bin-dir prints the directory to put
                            on PATH
  build-ebpf [--release]    build e2e-ebpf with and without .BTF, print the object paths
  e2e [ARGS...]             build and post-link the objects, then run the kernel tests:
                            `cargo test -p btf-reloc-e2e-tests -- ARGS` (a name FILTER,
                            --nocapture, --list, ...)
  demo                      show values read in-kernel next to the same values from syscalls
  example                   build the template project examples/aya-project (a user's Aya
                            project) and run it: it checks what it reads against syscalls
  matrix [--kernel K]... [--timeout S] [ARGS...]
                            the kernel tests on the host and on Debian's 5.10, 6.1 and 6.12
                            under qemu (K: host, 5.10, 6.1, 6.12; ARGS as for e2e); prints
                            kernels x test groups
  test                      `cargo test` (everything but the kernel tests), then e2e, then
                            example, then matrix: what the README and CI run
  bench                     load each kind of access in btf-reloc and in C (clang and
                            bpf_core_read.h) and print their sizes and verifier counts";

enum Command {
    Setup { print_bin_dir: bool },
    BuildEbpf { profile: ebpf::Profile },
    E2e { args: Vec<String> },
    Matrix { options: matrix::Options },
    Demo,
    Example,
    Test,
    Bench,
    Help,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Command, String> {
    let command = args.next();
    let rest: Vec<String> = args.collect();
    if command.as_deref() == Some("e2e") {
        return Ok(Command::E2e { args: rest });
    }
    if command.as_deref() == Some("matrix") {
        let options = matrix::parse_args(rest)?;
        return Ok(Command::Matrix { options });
    }
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
        (Some("demo"), []) => Command::Demo,
        (Some("example"), []) => Command::Example,
        (Some("test"), []) => Command::Test,
        (Some("bench"), []) => Command::Bench,
        (None | Some("help" | "-h" | "--help"), _) => Command::Help,
        (
            Some(command @ ("setup" | "build-ebpf" | "demo" | "example" | "test" | "bench")),
            args,
        ) => {
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
            for (bin, variant, path) in ebpf::build(&toolchain, profile)?.iter() {
                println!("{bin:?} {variant}: {}", path.display());
            }
        }
        Command::E2e { args } => return kernel_tests(&loadable_objects()?, &args),
        Command::Matrix { options } => return matrix::run(&loadable_objects()?, &options),
        Command::Demo => {
            let objects = loadable_objects()?;
            demo::run(&objects.path(demo::BIN, demo::VARIANT))?;
        }
        Command::Example => example_project()?,
        Command::Test => {
            if !cargo(["test"])?.success() {
                return Err("cargo test failed".into());
            }
            let objects = loadable_objects()?;
            let kernel = kernel_tests(&objects, &[])?;
            if kernel != ExitCode::SUCCESS {
                return Ok(kernel);
            }
            example_project()?;
            return matrix::run(&objects, &matrix::Options::default());
        }
        Command::Bench => bench::run()?,
        Command::Help => println!("{USAGE}"),
    }
    Ok(ExitCode::SUCCESS)
}

/// The root of the btf-reloc repository (this crate's parent directory).
pub(crate) fn workspace_root() -> &'static Path {
    let xtask = Path::new(env!("CARGO_MANIFEST_DIR"));
    xtask.parent().unwrap_or(xtask)
}

/// Where the post-linked objects go (and what the kernel tests get as [`DIR_VAR`]).
fn objects_dir() -> PathBuf {
    workspace_root().join("target/e2e-objects")
}

/// The pipeline up to loading: setup, build (release), post-link.
fn loadable_objects() -> Result<Objects> {
    let toolchain = setup::all()?;
    let built = ebpf::build(&toolchain, ebpf::Profile::Release)?;
    let objects = Objects::at(objects_dir());
    post_link::post_link(&built, &objects)?;
    Ok(objects)
}

/// The template project, built and run after the setup it needs (no libbpf: aya loads it).
fn example_project() -> Result<()> {
    let toolchain = setup::toolchain()?;
    setup::tracefs()?;
    example::run(&toolchain)
}

/// `cargo test -p btf-reloc-e2e-tests -- ARGS` on `objects`; its exit code is ours.
fn kernel_tests(objects: &Objects, args: &[String]) -> Result<ExitCode> {
    let mut process = cargo_command(["test", "--package", KERNEL_TESTS, "--"]);
    process.args(args).env(DIR_VAR, objects.dir());
    let status = process
        .status()
        .map_err(|error| format!("cannot run cargo test: {error}"))?;
    Ok(if status.success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Runs the cargo of this `cargo xtask` in the workspace root, its output shown as it comes.
fn cargo<I: IntoIterator<Item = S>, S: AsRef<OsStr>>(args: I) -> Result<std::process::ExitStatus> {
    cargo_command(args)
        .status()
        .map_err(|error| format!("cannot run cargo: {error}").into())
}

/// The cargo (and so the toolchain) this `cargo xtask` runs with, in the workspace root.
fn cargo_command<I: IntoIterator<Item = S>, S: AsRef<OsStr>>(args: I) -> Process {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut process = Process::new(cargo);
    process.current_dir(workspace_root()).args(args);
    process
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
