//! The libbpf loader of the kernel tests: a small C program (`e2e-tests/c/libbpf_loader.c`) that
//! loads a post-linked object with Debian's libbpf instead of aya. This module compiles it with
//! gcc, runs it and parses what it printed; `cargo xtask setup` installs [`PACKAGE`].
//!
//! It is a separate process in C on purpose: nothing of aya or btf-reloc is involved in loading,
//! so the relocations libbpf applies can only come from the records `btf-reloc link` wrote.
//! [`Report::core_relocations`] reads back, from libbpf's debug log, what it did with each
//! CO-RE record: the witness `btf-reloc check` is compared with.

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
///
/// Where the source is absent, the tests run away from the source tree (`cargo xtask matrix`
/// boots other kernels with the prebuilt test executable and the objects directory, which
/// holds the loader built on the host): a binary already in `dir` is then used as it is.
pub fn build(dir: &Path) -> Result<PathBuf> {
    let source = source();
    let binary = dir.join("libbpf_loader");
    if !source.exists() && binary.is_file() {
        return Ok(binary);
    }
    if !Path::new(HEADER).is_file() {
        return Err(format!(
            "{HEADER} is missing: the libbpf loader needs libbpf's development files \
             (`cargo xtask setup` installs {PACKAGE})"
        )
        .into());
    }
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
    /// Every program of the object with its ELF section, as libbpf names them.
    pub programs: Vec<(String, String)>,
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
    /// What libbpf's log says it did with each CO-RE record, in log order.
    pub fn core_relocations(&self) -> Result<Vec<CoreRelocation>> {
        parse_core_log(&self.log)
    }

    /// The ELF section of program `name`.
    pub fn section_of(&self, name: &str) -> Option<&str> {
        self.programs
            .iter()
            .find(|(program, _)| program == name)
            .map(|(_, section)| section.as_str())
    }

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

/// What libbpf did with one CO-RE record, from its `prog 'NAME': relo #N: ...` log lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoreRelocation {
    /// The program the record's instruction belongs to.
    pub program: String,
    /// libbpf's `relo #N`: the record's position among its section's records.
    pub relo: usize,
    /// The patched instruction, counted from the program's first.
    pub insn: u32,
    /// What it wrote.
    pub patch: Patch,
    /// The target types that matched: `(type id, access string in the target)`.
    pub candidates: Vec<(u32, String)>,
}

/// How libbpf patched an instruction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Patch {
    /// `patched insn #I (LDIMM64) imm64 FROM -> TO` (or `(ALU/ALU64) imm`).
    Value {
        /// What the instruction held: the record's local value.
        from: u64,
        /// What libbpf wrote.
        to: u64,
    },
    /// `substituting insn #I w/ invalid insn` (for an `ld_imm64`, both halves).
    Poisoned,
}

/// Parses the CO-RE part of libbpf 1.x's debug log (`relo_core.c`'s messages).
fn parse_core_log(log: &str) -> Result<Vec<CoreRelocation>> {
    let mut out: Vec<CoreRelocation> = Vec::new();
    for line in log.lines() {
        let Some(rest) = line.split_once("prog '").map(|(_, rest)| rest) else {
            continue;
        };
        let Some((program, rest)) = rest.split_once("': relo #") else {
            continue;
        };
        let Some((relo, what)) = rest.split_once(": ") else {
            continue;
        };
        let bad = || format!("unexpected libbpf log line: {line}");
        let relo: usize = relo.parse().map_err(|_| bad())?;
        let number = |text: &str| text.trim().parse::<u64>().map_err(|_| bad());
        let entry = |out: &mut Vec<CoreRelocation>, insn: u32, patch: Patch| {
            match out
                .iter_mut()
                .find(|r| r.program == program && r.relo == relo)
            {
                Some(r) => {
                    // An `ld_imm64` is poisoned second half first: keep the first half's index.
                    r.insn = r.insn.min(insn);
                    r.patch = patch;
                }
                None => out.push(CoreRelocation {
                    program: program.to_owned(),
                    relo,
                    insn,
                    patch,
                    candidates: Vec::new(),
                }),
            }
        };
        if let Some(patched) = what.strip_prefix("patched insn #") {
            // `232 (LDIMM64) imm64 8 -> 44`, or `232 (ALU/ALU64) imm 8 -> 44` for a marker
            // the post-link step made a 1-slot `mov64`.
            let (insn, values) = patched
                .split_once(" (LDIMM64) imm64 ")
                .or_else(|| patched.split_once(" (ALU/ALU64) imm "))
                .ok_or_else(bad)?;
            let (from, to) = values.split_once(" -> ").ok_or_else(bad)?;
            let insn = u32::try_from(number(insn)?).map_err(|_| bad())?;
            let patch = Patch::Value {
                from: number(from)?,
                to: number(to)?,
            };
            entry(&mut out, insn, patch);
        } else if let Some(poisoned) = what.strip_prefix("substituting insn #") {
            let (insn, _) = poisoned.split_once(' ').ok_or_else(bad)?;
            let insn = u32::try_from(number(insn)?).map_err(|_| bad())?;
            entry(&mut out, insn, Patch::Poisoned);
        } else if what.starts_with("matching candidate #") {
            // `matching candidate #0 <byte_off> [114] struct task_struct.pid (0:92 @ offset 1264)`
            let id = what
                .split_once(" [")
                .and_then(|(_, rest)| rest.split_once(']'))
                .map(|(id, _)| id)
                .ok_or_else(bad)?;
            // A type relocation's candidate has no access path: `... [14] struct task_struct`.
            let access = match what.rsplit_once(" (") {
                Some((_, rest)) => rest
                    .split_once(" @ ")
                    .map(|(access, _)| access)
                    .ok_or_else(bad)?,
                None if what
                    .split_once('<')
                    .and_then(|(_, rest)| rest.split_once('>'))
                    .is_some_and(|(kind, _)| kind.contains("type_")) =>
                {
                    ""
                }
                None => return Err(bad().into()),
            };
            let candidate = (
                u32::try_from(number(id)?).map_err(|_| bad())?,
                access.to_owned(),
            );
            // The patch line comes after the candidates; remember them on a placeholder.
            match out
                .iter_mut()
                .find(|r| r.program == program && r.relo == relo)
            {
                Some(r) => r.candidates.push(candidate),
                None => out.push(CoreRelocation {
                    program: program.to_owned(),
                    relo,
                    insn: u32::MAX,
                    patch: Patch::Poisoned,
                    candidates: vec![candidate],
                }),
            }
        }
    }
    Ok(out)
}

/// Runs the loader on `object` and parses its report.
pub fn run(loader: &Path, object: &Path) -> Result<Report> {
    let mut command = Command::new(loader);
    command
        .arg(object)
        .args([libbpf::PROGRAM, TARGET_TGID, libbpf::RESULTS]);
    let (stdout, log) = output_of(command, loader, object)?;
    parse(&stdout, log)
}

/// Runs `command` (the loader on `object`): its standard output and its log (standard error),
/// or the end of the log as the error when it failed.
fn output_of(mut command: Command, loader: &Path, object: &Path) -> Result<(String, String)> {
    let output = command
        .output()
        .map_err(|error| format!("cannot run {}: {error}", loader.display()))?;
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
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
    Ok((stdout, log))
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
    let programs: Vec<(String, String)> = stdout
        .lines()
        .filter_map(|line| line.strip_prefix("program "))
        .filter_map(|rest| rest.split_once(' '))
        .map(|(name, section)| (name.to_owned(), section.to_owned()))
        .collect();
    if programs.is_empty() {
        return Err(format!("the libbpf loader printed no `program`:\n{stdout}").into());
    }
    Ok(Report {
        programs,
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

/// What one run of the loader with `--raw` reported: the bytes of a `.bss` variable of any
/// type, for objects other than `e2e-libbpf`.
#[derive(Debug)]
pub struct RawReport {
    /// Every program of the object with its ELF section, as libbpf names them.
    pub programs: Vec<(String, String)>,
    /// The bytes of the variable, as the kernel left them.
    pub bytes: Vec<u8>,
    /// The loader's process id (`getpid()`).
    pub tgid: u32,
    /// The id of the thread that triggered the program (`gettid()` there).
    pub tid: u32,
    /// That thread's name (`/proc/thread-self/comm`).
    pub thread_comm: String,
    /// libbpf's whole debug log (stderr).
    pub log: String,
}

impl RawReport {
    /// The variable's bytes as `N` native-endian 64-bit words; an error naming `what` if it is
    /// not `N` words long.
    pub fn words<const N: usize>(&self, what: &str) -> Result<[i64; N]> {
        let words: Vec<i64> = self
            .bytes
            .chunks_exact(8)
            .map(|w| i64::from_ne_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]))
            .collect();
        words
            .try_into()
            .map_err(|_| format!("`{what}` is {} bytes, not {N} words", self.bytes.len()).into())
    }

    /// What libbpf's log says it did with each CO-RE record, in log order.
    pub fn core_relocations(&self) -> Result<Vec<CoreRelocation>> {
        parse_core_log(&self.log)
    }
}

/// Runs the loader on `object` with `--raw` (and `--btf target_btf`: libbpf relocates against
/// that BTF file instead of the running kernel's, as `btf_custom_path`); triggers `program` and
/// returns the bytes of the `.bss` variable `results_var`.
pub fn run_raw(
    loader: &Path,
    object: &Path,
    target_btf: Option<&Path>,
    program: &str,
    results_var: &str,
) -> Result<RawReport> {
    run_raw_with(loader, object, target_btf, &[], program, results_var)
}

/// [`run_raw`], with the `.rodata` globals of `rodata` (name, bytes; at most 4) set before
/// loading.
pub fn run_raw_with(
    loader: &Path,
    object: &Path,
    target_btf: Option<&Path>,
    rodata: &[(&str, &[u8])],
    program: &str,
    results_var: &str,
) -> Result<RawReport> {
    raw_run(
        loader,
        object,
        target_btf,
        rodata,
        &[],
        program,
        results_var,
        false,
    )
}

/// [`run_raw`] loading `program` only (the object's other programs are not loaded), at libbpf's
/// default log level, as a libbpf user would: when the kernel refuses the program, the error
/// holds the end of the verifier's log as libbpf prints it, poisoned CO-RE relocations named.
pub fn run_only(
    loader: &Path,
    object: &Path,
    program: &str,
    results_var: &str,
) -> Result<RawReport> {
    run_only_with_tgid(loader, object, &[], program, results_var)
}

/// [`run_only`], with the loader's own tgid (its main thread's tid) written into the 4-byte
/// `.rodata` globals `tgid_vars` too.
pub fn run_only_with_tgid(
    loader: &Path,
    object: &Path,
    tgid_vars: &[&str],
    program: &str,
    results_var: &str,
) -> Result<RawReport> {
    raw_run(
        loader,
        object,
        None,
        &[],
        tgid_vars,
        program,
        results_var,
        true,
    )
}

/// The loader with `--raw`, and `--only` if `only`.
#[allow(clippy::too_many_arguments)]
fn raw_run(
    loader: &Path,
    object: &Path,
    target_btf: Option<&Path>,
    rodata: &[(&str, &[u8])],
    tgid_vars: &[&str],
    program: &str,
    results_var: &str,
    only: bool,
) -> Result<RawReport> {
    let mut command = Command::new(loader);
    if only {
        command.arg("--only");
    }
    for var in tgid_vars {
        command.args(["--tgid", var]);
    }
    if let Some(btf) = target_btf {
        command.arg("--btf").arg(btf);
    }
    for (name, bytes) in rodata {
        let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        command.args(["--rodata", name, &hex]);
    }
    command
        .arg("--raw")
        .arg(object)
        .args([program, TARGET_TGID, results_var]);
    let (stdout, log) = output_of(command, loader, object)?;
    let programs = stdout
        .lines()
        .filter_map(|line| line.strip_prefix("program "))
        .filter_map(|rest| rest.split_once(' '))
        .map(|(name, section)| (name.to_owned(), section.to_owned()))
        .collect();
    let hex = stdout
        .lines()
        .find_map(|line| line.strip_prefix("raw "))
        .ok_or_else(|| format!("the libbpf loader printed no `raw`:\n{stdout}"))?;
    let bytes = (0..hex.len() / 2)
        .map(|i| u8::from_str_radix(hex.get(2 * i..2 * i + 2).unwrap_or("zz"), 16))
        .collect::<std::result::Result<Vec<u8>, _>>()
        .map_err(|error| format!("libbpf loader `raw {hex}`: {error}"))?;
    let line = |key: &str| -> Result<&str> {
        stdout
            .lines()
            .find_map(|line| line.strip_prefix(key)?.strip_prefix(' '))
            .ok_or_else(|| format!("the libbpf loader printed no `{key}`:\n{stdout}").into())
    };
    let number = |key: &str| -> Result<u32> {
        let value = line(key)?;
        value
            .parse()
            .map_err(|error| format!("libbpf loader `{key} {value}`: {error}").into())
    };
    Ok(RawReport {
        programs,
        bytes,
        tgid: number("tgid")?,
        tid: number("tid")?,
        thread_comm: line("thread_comm")?.to_owned(),
        log,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_report() {
        let stdout = "program p tracepoint/x/y\ntgid 10\ntid 11\nthread_comm btf-reloc-lbpf\nhits 1\npid 1 11 0 0\n\
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
        assert_eq!(report.section_of("p"), Some("tracepoint/x/y"));
    }

    #[test]
    fn parses_libbpf_core_log() {
        let log = "\
libbpf: prog 'p': relo #0: <field_exists> [64] struct task_struct.x (0:0 @ offset 0)
libbpf: prog 'p': relo #0: non-matching candidate #0 <field_exists> [114] struct task_struct (0 @ offset 0)
libbpf: prog 'p': relo #0: patched insn #8 (LDIMM64) imm64 1 -> 0
libbpf: prog 'p': relo #1: matching candidate #0 <byte_off> [114] struct task_struct.pid (0:92 @ offset 1264)
libbpf: prog 'p': relo #1: patched insn #39 (LDIMM64) imm64 216 -> 1264
libbpf: prog 'p': relo #2: substituting insn #262 w/ invalid insn
libbpf: prog 'p': relo #2: substituting insn #261 w/ invalid insn
libbpf: sec '.relx': relo #0: insn #1 against 'TARGET_TGID'
";
        let relos = parse_core_log(log).unwrap();
        assert_eq!(relos.len(), 3);
        assert_eq!(relos[0].patch, Patch::Value { from: 1, to: 0 });
        assert!(relos[0].candidates.is_empty());
        assert_eq!(
            (relos[1].insn, relos[1].patch),
            (
                39,
                Patch::Value {
                    from: 216,
                    to: 1264
                }
            )
        );
        assert_eq!(relos[1].candidates, [(114, "0:92".to_owned())]);
        assert_eq!((relos[2].insn, relos[2].patch), (261, Patch::Poisoned));
        assert!(parse_core_log("prog 'p': relo #x: patched").is_err());
    }

    #[test]
    fn an_empty_comm_is_allowed_but_a_missing_key_is_not() {
        let stdout = "program p s\ntgid 10\ntid 11\nthread_comm x\nhits 0\npid 0 0 0 0\ntgid_field 0 0 0 0\n\
                      state 0 0 0 0\nmissing 0 0 0 0\nflags 0 0 0 0\nqueries 0 0 0 0\nkernel_comm \n";
        assert_eq!(parse(stdout, String::new()).unwrap().kernel_comm, "");
        let truncated = stdout.replace("hits 0\n", "");
        assert!(parse(&truncated, String::new()).is_err());
    }
}
