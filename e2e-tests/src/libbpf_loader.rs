//! The libbpf loader of the kernel tests: a small C program (`e2e-tests/c/libbpf_loader.c`) that
//! loads a post-linked object with Debian's libbpf instead of aya. This module compiles it with
//! gcc, runs it and parses what it printed; `cargo xtask setup` installs [`PACKAGE`].
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

use btf_reloc_e2e_common::{
    libbpf,
    outcome::{decode, Outcome, Raw},
    TARGET_TGID,
};

use crate::Result;

/// The header the loader needs; its absence means the libbpf development files are missing.
pub const HEADER: &str = "/usr/include/bpf/libbpf.h";
/// The Debian package that provides it (and pulls in the shared library).
pub const PACKAGE: &str = "libbpf-dev";

/// The loader's C source.
fn source() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("c/libbpf_loader.c")
}

/// Compiles the loader into `dir` unless an up-to-date binary is there; returns its path.
pub fn build(dir: &Path) -> Result<PathBuf> {
    if !Path::new(HEADER).is_file() {
        return Err(format!(
            "{HEADER} is missing: the libbpf loader needs libbpf's development files \
             (`cargo xtask setup` installs {PACKAGE})"
        )
        .into());
    }
    let source = source();
    let binary = dir.join("libbpf_loader");
    if modified(&binary).is_some_and(|built| modified(&source).is_some_and(|src| built >= src)) {
        return Ok(binary);
    }
    fs::create_dir_all(dir).map_err(|error| format!("cannot create {}: {error}", dir.display()))?;
    let output = Command::new("gcc")
        .args(["-O2", "-g", "-Wall", "-Wextra", "-Werror", "-o"])
        .arg(&binary)
        .arg(&source)
        .args(["-lbpf", "-lpthread"])
        .output()
        .map_err(|error| format!("cannot run gcc: {error}"))?;
    if !output.status.success() {
        return Err(format!(
            "compiling the libbpf loader failed ({}):\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim_end()
        )
        .into());
    }
    Ok(binary)
}

fn modified(path: &Path) -> Option<SystemTime> {
    fs::metadata(path).and_then(|meta| meta.modified()).ok()
}

/// What one run of the loader reported.
#[derive(Debug)]
pub struct Report {
    /// The loader's tgid (`getpid()`), which it wrote into [`TARGET_TGID`].
    pub tgid: u32,
    /// `gettid()` of the thread that triggered the program.
    pub tid: u32,
    /// That thread's `/proc/thread-self/comm`.
    pub thread_comm: String,
    /// How many times the program ran for the loader's process.
    pub hits: u64,
    /// `pid()`, read back from the `.bss` global `RESULTS`.
    pub pid: Outcome,
    /// `process_id()`, the kernel's `tgid`.
    pub tgid_field: Outcome,
    /// `run_state()`, the kernel's `__state`.
    pub state: Outcome,
    /// `btf_reloc_libbpf_missing()`, a field no kernel has.
    pub missing: Outcome,
    /// `flags()`, declared wider than the kernel's.
    pub flags: Outcome,
    /// `[exists(missing), exists(pid), byte_size(pid), byte_offset(pid)]`.
    pub queries: Raw,
    /// `comm` as read in the kernel through btf-reloc.
    pub kernel_comm: String,
    /// libbpf's whole debug log (stderr).
    pub log: String,
}

impl Report {
    /// The lines of libbpf's log about CO-RE relocation, and the verifier's statistics.
    pub fn relocation_log(&self) -> impl Iterator<Item = &str> {
        // `sec '.rel…': relo #N` lines are ELF relocations (map references), not CO-RE ones.
        self.log.lines().filter(|line| {
            line.contains("CO-RE")
                || (line.contains("prog '") && line.contains(": relo #"))
                || line.starts_with("processed ")
        })
    }
}

/// Runs the loader on `object` and parses its report.
pub fn run(loader: &Path, object: &Path) -> Result<Report> {
    let output = Command::new(loader)
        .arg(object)
        .args([libbpf::PROGRAM, TARGET_TGID, libbpf::RESULTS])
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
    let outcome = |key: &str| raw(key).map(decode);
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
        let stdout = "tgid 10\ntid 11\nthread_comm btf-reloc-lbpf\nhits 1\npid 1 11 0 0\n\
                      tgid_field 1 10 0 0\nstate 1 0 0 0\nmissing 2 0 0 0\nflags 3 0 8 4\n\
                      queries 0 1 4 1264\nkernel_comm btf-reloc-lbpf\n";
        let log = "libbpf: prog 'p': relo #0: patched insn #8 (LDIMM64) imm64 1 -> 0\n\
                   libbpf: sec '.relx': relo #0: insn #1 against 'TARGET_TGID'\n\
                   libbpf: map 'x': created\nprocessed 357 insns (limit 1000000)\n";
        let report = parse(stdout, log.to_owned()).unwrap();
        assert_eq!((report.tgid, report.tid, report.hits), (10, 11, 1));
        assert_eq!(report.pid, Outcome::Value(11));
        assert_eq!(report.missing, Outcome::Missing);
        assert_eq!(
            report.flags,
            Outcome::SizeMismatch {
                expected: 8,
                actual: 4
            }
        );
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
