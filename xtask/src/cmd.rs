//! Child processes: run quietly, show their output only when they fail, and
//! keep the outer `cargo run`'s environment (toolchain, target dir, flags) from
//! leaking into nested cargo/rustc invocations.

use std::{
    ffi::OsStr,
    path::{Path, PathBuf},
    process::Command,
};

use crate::Result;

/// Variables that cargo and rustup set for `cargo xtask` (or that a user may
/// have exported for the host build) and that would redirect a nested build:
/// another toolchain, target dir, target, flags or compiler wrapper.
fn leaks_into_child(name: &OsStr) -> bool {
    let Some(name) = name.to_str() else {
        return false;
    };
    match name {
        // Where cargo and rustup live, not how to build: keep.
        "CARGO_HOME" | "RUSTUP_HOME" => false,
        "CARGO"
        | "RUSTUP_TOOLCHAIN"
        | "RUSTUP_TOOLCHAIN_SOURCE"
        | "RUSTC"
        | "RUSTC_WRAPPER"
        | "RUSTC_WORKSPACE_WRAPPER"
        | "RUSTDOC"
        | "RUSTFLAGS"
        | "RUSTDOCFLAGS" => true,
        _ => name.starts_with("CARGO_"),
    }
}

/// Removes from `cmd` the variables of this process that would change how a
/// nested cargo or rustc builds.
pub(crate) fn scrub_env(cmd: &mut Command) -> &mut Command {
    for (name, _) in std::env::vars_os() {
        if leaks_into_child(&name) {
            cmd.env_remove(name);
        }
    }
    scrub_library_path(cmd)
}

/// `cargo run` prepends the outer toolchain's `lib` dirs to
/// `LD_LIBRARY_PATH`; a nested nightly rustc or bpf-linker must load its own
/// libraries, so drop every entry inside a rustup toolchain.
fn scrub_library_path(cmd: &mut Command) -> &mut Command {
    const VAR: &str = "LD_LIBRARY_PATH";
    let (Some(rustup_home), Some(paths)) = (std::env::var_os("RUSTUP_HOME"), std::env::var_os(VAR))
    else {
        return cmd;
    };
    let toolchains = Path::new(&rustup_home).join("toolchains");
    let kept: Vec<PathBuf> = std::env::split_paths(&paths)
        .filter(|path| !path.starts_with(&toolchains))
        .collect();
    match std::env::join_paths(kept) {
        Ok(kept) if kept.is_empty() => cmd.env_remove(VAR),
        Ok(kept) => cmd.env(VAR, kept),
        // Unrepresentable entries cannot come from cargo; leave them alone.
        Err(_) => cmd,
    }
}

/// Runs `cmd` with captured output and returns its stdout. On failure the
/// error starts with "`what` failed" and carries the child's output.
pub(crate) fn run(cmd: &mut Command, what: &str) -> Result<String> {
    let output = cmd.output().map_err(|error| {
        format!(
            "{what} failed: cannot run `{}`: {error}",
            cmd.get_program().to_string_lossy()
        )
    })?;
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    if output.status.success() {
        return Ok(stdout);
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    Err(format!(
        "{what} failed ({}): `{}`\n{}{}",
        output.status,
        display(cmd),
        stdout,
        stderr.trim_end()
    )
    .into())
}

/// The command line of `cmd`, for error messages.
fn display(cmd: &Command) -> String {
    std::iter::once(cmd.get_program())
        .chain(cmd.get_args())
        .map(OsStr::to_string_lossy)
        .collect::<Vec<_>>()
        .join(" ")
}
