//! `cargo xtask bench`: what one btf-reloc access costs next to the same access in C (clang and
//! libbpf's `bpf_core_read.h`), after loading and statically. It owns the list of access kinds
//! and the pipeline: build the Rust programs (`xtask/bench/ebpf`, nightly and bpf-linker as for
//! the kernel tests) and post-link them, compile the C programs (`xtask/bench/bench.bpf.c`),
//! load every program of both objects with aya (never attached), and print one table of what
//! the kernel reports for each ([`measure`]) as Rust / C ratios ([`table`]).
//!
//! Every program has the same frame (`task = bpf_get_current_task(); <access>; out = result`), and
//! the table shows whole programs, the frame included; its own row says what the frame costs.
//! Figures only, no thresholds: a ratio above 1 is a finding, not a failure.

mod measure;
mod table;

use std::{fs, path::Path, process::Command};

use btf_reloc_e2e_common::objects::Variant;

use crate::{cmd, ebpf, post_link, setup, workspace_root, Result};

use self::table::{Access, Anchor, Row};

/// The Rust programs' crate (a member of the root workspace, built like `e2e-ebpf`) and its bin.
const PACKAGE: &str = "bench-ebpf";
/// The C programs, relative to the repository root.
const C_SOURCE: &str = "xtask/bench/bench.bpf.c";

/// Every access kind: its Rust program, and its C programs with btf-reloc's checks and without
/// (the same program where C needs the checks too). The names are the programs' symbols.
const ACCESSES: [Access; 17] = [
    Access::new("frame only", "frame", "frame", "frame"),
    Access::new("plain field `pid`", "pid", "checked_pid", "pid"),
    Access::new(
        "required field `pid` (`#[btf(required)]`)",
        "pid_required",
        "required_pid",
        "pid",
    ),
    Access::new(
        "pointer chain `real_parent, tgid`",
        "chain",
        "checked_chain",
        "chain",
    ),
    Access::new("nested path `se.vruntime`", "path", "checked_path", "path"),
    Access::new(
        "string `comm` into a global buffer",
        "str_global",
        "checked_str_global",
        "str_global",
    ),
    Access::new(
        "string `comm` into a stack buffer",
        "str_stack",
        "checked_str_stack",
        "str_stack",
    ),
    Access::new("array element `comm[3]`", "elem", "checked_elem", "elem"),
    Access::new(
        "bitfield, unsigned `sched_reset_on_fork`",
        "bitfield_u",
        "checked_bitfield_u",
        "bitfield_u",
    ),
    Access::new(
        "bitfield, signed `bpf_reg_state.iter.depth`",
        "bitfield_s",
        "checked_bitfield_s",
        "bitfield_s",
    ),
    Access::new(
        "enum value `PIDTYPE_TGID`",
        "enum_value",
        "checked_enum_value",
        "enum_value",
    ),
    Access::new(
        "type exists `task_struct`",
        "type_exists_task",
        "type_exists_task",
        "type_exists_task",
    ),
    Access::new(
        "type size `task_struct`",
        "type_size_task",
        "checked_type_size_task",
        "type_size_task",
    ),
    Access::new(
        "missing field, guarded read",
        "missing",
        "checked_missing",
        "missing",
    ),
    Access::new(
        "direct read `p->pid` (tp_btf, `BtfPtr`)",
        "direct_pid",
        "direct_pid",
        "direct_pid",
    ),
    Access::new(
        "direct chain `p->real_parent->tgid`",
        "direct_chain",
        "direct_chain",
        "direct_chain",
    ),
    Access::new(
        "direct path `p->se.vruntime`",
        "direct_path",
        "direct_path",
        "direct_path",
    ),
];

/// Builds, loads and measures both sides, prints the table.
pub(crate) fn run() -> Result<()> {
    let toolchain = setup::toolchain()?;
    let clang = setup::clang()?;
    let dir = workspace_root().join("target/bench");

    let built = ebpf::build_package(&toolchain, ebpf::Profile::Release, Variant::Btf, PACKAGE)?;
    let rust_object = dir.join(format!("{PACKAGE}.o"));
    post_link::link(&built.join(PACKAGE), &rust_object)?;
    let c_object = dir.join("bench.bpf.o");
    let clang_version = compile_c(&clang, &workspace_root().join(C_SOURCE), &c_object)?;

    let rust = measure::object(&rust_object)?;
    let c = measure::object(&c_object)?;
    let rows = ACCESSES
        .iter()
        .map(|access| {
            let figures = |side: &measure::Programs, name: &str, what: &str| {
                side.get(name).copied().ok_or_else(|| {
                    format!(
                        "the {what} object has no program `{name}` ({})",
                        access.what
                    )
                })
            };
            Ok(Row {
                access: *access,
                rust: figures(&rust, access.rust, "Rust")?,
                checked: figures(&c, access.checked, "C")?,
                plain: figures(&c, access.plain, "C")?,
            })
        })
        .collect::<Result<Vec<_>>>()?;

    println!(
        "Linux {}, {clang_version}; whole programs (the frame row is what every program shares).\n\
         Each cell: Rust / C = ratio. C {}: the checks a btf-reloc getter makes, by hand; C {}: \
         BPF_CORE_READ and friends.\n",
        kernel_release(),
        Anchor::Checked.name(),
        Anchor::Plain.name(),
    );
    print!("{}", table::markdown(&rows));
    Ok(())
}

/// Compiles the C programs as libbpf users do (`clang -O2 -g -target bpf`); returns clang's
/// version line.
fn compile_c(clang: &Path, source: &Path, object: &Path) -> Result<String> {
    if let Some(dir) = object.parent() {
        fs::create_dir_all(dir)
            .map_err(|error| format!("cannot create {}: {error}", dir.display()))?;
    }
    cmd::run(
        Command::new(clang)
            .args(["-O2", "-g", "-Wall", "-Werror", "-target", "bpf", "-c"])
            .arg(source)
            .arg("-o")
            .arg(object),
        &format!("compiling {}", source.display()),
    )?;
    let version = cmd::run(Command::new(clang).arg("--version"), "clang --version")?;
    Ok(version.lines().next().unwrap_or("clang").trim().to_owned())
}

/// `uname -r`, or `?`.
fn kernel_release() -> String {
    fs::read_to_string("/proc/sys/kernel/osrelease")
        .map_or_else(|_| "?".to_owned(), |release| release.trim().to_owned())
}
