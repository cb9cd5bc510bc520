//! The libbpf loader of the e2e tests: a small C program (`xtask/c/libbpf_loader.c`) that loads
//! a post-linked object with Debian's libbpf instead of aya. This module installs what it needs
//! (`libbpf-dev`), compiles it with gcc into the workspace's target dir, runs it and parses what
//! it printed.
//!
//! It is a separate process in C on purpose: nothing of aya or btf-reloc is involved in loading,
//! so the relocations libbpf applies can only come from the records `btf-reloc link` wrote.

use std::{
    collections::HashMap,
    fs,
    path::{Path, PathBuf},
    process::Command,
    time::SystemTime,
};

use crate::{
    cmd,
    outcome::{Outcome, Raw},
    Result,
};

/// The header the loader needs; its absence means the libbpf development files are missing.
const LIBBPF_HEADER: &str = "/usr/include/bpf/libbpf.h";
/// The Debian package that provides it (and pulls in the shared library).
const LIBBPF_PACKAGE: &str = "libbpf-dev";

/// Installs `libbpf-dev` with apt-get unless its header is already there. Quiet when present.
pub(crate) fn ensure_installed() -> Result<()> {
    if Path::new(LIBBPF_HEADER).is_file() {
        return Ok(());
    }
    eprintln!("installing {LIBBPF_PACKAGE} (for the libbpf loader test)...");
    // A fresh machine may have no package lists yet.
    cmd::run(
        Command::new("apt-get")
            .env("DEBIAN_FRONTEND", "noninteractive")
            .args(["update", "-q"]),
        "apt-get update",
    )?;
    cmd::run(
        Command::new("apt-get")
            .env("DEBIAN_FRONTEND", "noninteractive")
            .args(["install", "-y", "-q", LIBBPF_PACKAGE]),
        &format!("apt-get install {LIBBPF_PACKAGE}"),
    )
    .map_err(|error| {
        format!("{error}\n(the libbpf loader test needs {LIBBPF_HEADER}; install libbpf's development files)")
    })?;
    Ok(())
}

/// The loader's C source.
fn source() -> PathBuf {
    crate::workspace_root().join("xtask/c/libbpf_loader.c")
}

/// Compiles the loader unless an up-to-date binary exists; returns the binary's path.
pub(crate) fn build() -> Result<PathBuf> {
    ensure_installed()?;
    let source = source();
    let dir = crate::workspace_root().join("target/xtask-c");
    let binary = dir.join("libbpf_loader");
    if modified(&binary).is_some_and(|built| modified(&source).is_some_and(|src| built >= src)) {
        return Ok(binary);
    }
    fs::create_dir_all(&dir)
        .map_err(|error| format!("cannot create {}: {error}", dir.display()))?;
    cmd::run(
        Command::new("gcc")
            .args(["-O2", "-g", "-Wall", "-Wextra", "-Werror", "-o"])
            .arg(&binary)
            .arg(&source)
            .args(["-lbpf", "-lpthread"]),
        "compiling the libbpf loader",
    )?;
    Ok(binary)
}

fn modified(path: &Path) -> Option<SystemTime> {
    fs::metadata(path).and_then(|meta| meta.modified()).ok()
}

/// What one run of the loader reported.
#[derive(Debug)]
pub(crate) struct Report {
    /// The loader's tgid (`getpid()`), which it wrote into `TARGET_TGID`.
    pub(crate) tgid: u32,
    /// `gettid()` of the thread that triggered the program.
    pub(crate) tid: u32,
    /// That thread's `/proc/thread-self/comm`.
    pub(crate) thread_comm: String,
    /// How many times the program ran for the loader's process.
    pub(crate) hits: u64,
    /// The getter results, read back from the `.bss` global `RESULTS`.
    pub(crate) pid: Outcome,
    pub(crate) tgid_field: Outcome,
    pub(crate) state: Outcome,
    pub(crate) missing: Outcome,
    pub(crate) flags: Outcome,
    /// `[exists(missing), exists(pid), byte_size(pid), byte_offset(pid)]`.
    pub(crate) queries: Raw,
    /// `comm` as read in the kernel through btf-reloc.
    pub(crate) kernel_comm: String,
    /// libbpf's whole debug log (stderr).
    pub(crate) log: String,
}

impl Report {
    /// The lines of libbpf's log about CO-RE relocation, and the verifier's statistics.
    pub(crate) fn relocation_log(&self) -> impl Iterator<Item = &str> {
        // `sec '.rel…': relo #N` lines are ELF relocations (map references), not CO-RE ones.
        self.log.lines().filter(|line| {
            line.contains("CO-RE")
                || (line.contains("prog '") && line.contains(": relo #"))
                || line.starts_with("processed ")
        })
    }
}

/// Runs the loader on `object` and parses its report.
pub(crate) fn run(loader: &Path, object: &Path) -> Result<Report> {
    let output = Command::new(loader)
        .arg(object)
        .output()
        .map_err(|error| format!("cannot run {}: {error}", loader.display()))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let log = String::from_utf8_lossy(&output.stderr).into_owned();
    if !output.status.success() {
        // The interesting part (the error, the verifier's complaint) is at the end.
        let lines: Vec<&str> = log.lines().collect();
        let tail = lines[lines.len().saturating_sub(60)..].join("\n");
        return Err(format!(
            "the libbpf loader failed ({}) on {}:\n{tail}",
            output.status,
            object.display()
        )
        .into());
    }
    parse(&stdout, log)
}

/// Parses the loader's `key value...` lines.
fn parse(stdout: &str, log: String) -> Result<Report> {
    let fields: HashMap<&str, &str> = stdout
        .lines()
        .map(|line| line.split_once(' ').unwrap_or((line, "")))
        .collect();
    let get = |key: &str| -> Result<&str> {
        fields
            .get(key)
            .copied()
            .ok_or_else(|| format!("the libbpf loader printed no `{key}`:\n{stdout}").into())
    };
    let number = |key: &str| -> Result<i64> {
        let text = get(key)?;
        text.trim()
            .parse()
            .map_err(|error| format!("libbpf loader `{key} {text}`: {error}").into())
    };
    let raw = |key: &str| -> Result<Raw> {
        let text = get(key)?;
        let values = text
            .split_whitespace()
            .map(str::parse)
            .collect::<Result<Vec<i64>, _>>()
            .map_err(|error| format!("libbpf loader `{key} {text}`: {error}"))?;
        <Raw>::try_from(values)
            .map_err(|_| format!("libbpf loader `{key} {text}`: expected 4 numbers").into())
    };
    let outcome = |key: &str| raw(key).map(Outcome::decode);
    Ok(Report {
        tgid: u32::try_from(number("tgid")?)?,
        tid: u32::try_from(number("tid")?)?,
        thread_comm: get("thread_comm")?.to_owned(),
        hits: u64::try_from(number("hits")?)?,
        pid: outcome("pid")?,
        tgid_field: outcome("tgid_field")?,
        state: outcome("state")?,
        missing: outcome("missing")?,
        flags: outcome("flags")?,
        queries: raw("queries")?,
        kernel_comm: get("kernel_comm")?.to_owned(),
        log,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_report() {
        let stdout = "tgid 10\ntid 11\nthread_comm btf-reloc-lbpf\nhits 1\npid 0 11 0 0\n\
                      tgid_field 0 10 0 0\nstate 0 0 0 0\nmissing 1 0 0 0\nflags 2 0 8 4\n\
                      queries 0 1 4 1264\nkernel_comm btf-reloc-lbpf\n";
        let log = "libbpf: prog 'p': relo #0: patched insn #8 (LDIMM64) imm64 1 -> 0\n\
                   libbpf: sec '.relx': relo #0: insn #1 against 'TARGET_TGID'\n\
                   libbpf: map 'x': created\nprocessed 357 insns (limit 1000000)\n";
        let report = parse(stdout, log.to_owned()).unwrap();
        assert_eq!((report.tgid, report.tid, report.hits), (10, 11, 1));
        assert_eq!(report.pid, Outcome::Value(11));
        assert_eq!(report.missing, Outcome::Missing);
        assert_eq!(report.queries, [0, 1, 4, 1264]);
        assert_eq!(report.kernel_comm, "btf-reloc-lbpf");
        assert_eq!(report.relocation_log().count(), 2);
    }

    #[test]
    fn an_empty_comm_is_allowed_but_a_missing_key_is_not() {
        let stdout = "tgid 10\ntid 11\nthread_comm x\nhits 0\npid 0 0 0 0\ntgid_field 0 0 0 0\n\
                      state 0 0 0 0\nmissing 0 0 0 0\nflags 0 0 0 0\nqueries 0 0 0 0\nkernel_comm \n";
        assert_eq!(parse(stdout, String::new()).unwrap().kernel_comm, "");
        let truncated = stdout.replace("hits 0\n", "");
        assert!(parse(&truncated, String::new()).is_err());
    }
}
