//! `cargo xtask matrix`: the kernel tests on the kernels users deploy, not only on this
//! machine's. The kernel-test executable is built once (release: under TCG a debug build is
//! five times slower) and run on the host kernel, then booted with each of Debian's 5.10, 6.1
//! and 6.12 kernels ([`kernels::SERIES`]) under qemu from an initramfs that holds it, its
//! libraries and the post-linked objects ([`initramfs`]). The result is a matrix of kernels ×
//! test groups and one closing `N passed, M failed` line.
//!
//! Downloads (kernel images, a static busybox, private apt lists) are cached in
//! `$XDG_CACHE_HOME/btf-reloc/` (default `~/.cache/btf-reloc/`); the logs of each boot are
//! in `target/matrix/<kernel>/`. qemu is installed with apt-get when missing.

mod apt;
mod cpio;
mod initramfs;
mod kernels;
mod qemu;
mod report;

use std::{
    fs,
    io::{BufRead as _, BufReader, Write as _},
    path::{Path, PathBuf},
    process::{ExitCode, Stdio},
    time::{Duration, Instant},
};

use btf_reloc_e2e_common::objects::DIR_VAR;
use btf_reloc_e2e_tests::{libbpf_loader, objects::Objects};

use self::{kernels::Kernel, report::Run};
use crate::{cargo_command, setup, workspace_root, Result, KERNEL_TESTS};

/// The name of the host in `--kernel`.
const HOST: &str = "host";
/// The time a kernel gets to boot and run every test (about 30 s is usual under TCG).
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10 * 60);

/// What `cargo xtask matrix` was asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Options {
    /// The series to run (`host`, `5.10`, …); empty for all.
    kernels: Vec<String>,
    timeout: Duration,
    /// Passed to every run of the test executable.
    test_args: Vec<String>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            kernels: Vec::new(),
            timeout: DEFAULT_TIMEOUT,
            test_args: Vec::new(),
        }
    }
}

/// `[--kernel SERIES]... [--timeout SECONDS] [LIBTEST ARGS...]`.
pub(crate) fn parse_args(args: Vec<String>) -> Result<Options, String> {
    let mut options = Options::default();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--kernel" => {
                let series = args.next().ok_or("--kernel needs a kernel series")?;
                let known: Vec<&str> = std::iter::once(HOST)
                    .chain(kernels::SERIES.iter().map(|s| s.name))
                    .collect();
                if !known.contains(&series.as_str()) {
                    return Err(format!(
                        "unknown kernel `{series}` (one of: {})",
                        known.join(", ")
                    ));
                }
                options.kernels.push(series);
            }
            "--timeout" => {
                let seconds = args.next().ok_or("--timeout needs a number of seconds")?;
                let seconds: u64 = seconds
                    .parse()
                    .ok()
                    .filter(|&s| s > 0)
                    .ok_or_else(|| format!("--timeout {seconds}: not a number of seconds"))?;
                options.timeout = Duration::from_secs(seconds);
            }
            _ => options.test_args.push(arg),
        }
    }
    Ok(options)
}

impl Options {
    fn wants(&self, series: &str) -> bool {
        self.kernels.is_empty() || self.kernels.iter().any(|k| k == series)
    }
}

/// Runs the kernel tests on `objects` on every kernel of `options`, prints the matrix, and
/// fails if any test failed or any kernel did not finish.
pub(crate) fn run(objects: &Objects, options: &Options) -> Result<ExitCode> {
    let cache = setup::cache_root()?;
    let series: Vec<&kernels::Series> = kernels::SERIES
        .iter()
        .filter(|s| options.wants(s.name))
        .collect();
    let loader = libbpf_loader::build(objects.dir())?;
    let tests = build_tests()?;
    let expected = list(&tests, &options.test_args)?;
    let logs = workspace_root().join("target/matrix");

    let mut runs = Vec::new();
    if options.wants(HOST) {
        runs.push(host(&tests, objects, &expected, options, &logs.join(HOST))?);
    }
    if !series.is_empty() {
        if !qemu::available() {
            eprintln!("installing {} (for cargo xtask matrix)...", qemu::PACKAGE);
            apt::install(&[qemu::PACKAGE])?;
        }
        let busybox = initramfs::busybox(&cache)?;
        let kernels = series
            .iter()
            .map(|series| kernels::fetch(&cache, series))
            .collect::<Result<Vec<Kernel>>>()?;
        let image = logs.join("initramfs.cpio");
        initramfs::write(
            &initramfs::Contents {
                busybox: &busybox,
                tests: &tests,
                objects: objects.dir(),
                also_needs_libraries_of: &[&loader],
                test_args: &options.test_args,
            },
            &image,
        )?;
        for kernel in &kernels {
            runs.push(guest(kernel, &image, &expected, options, &logs)?);
        }
    }
    println!("\n{}", report::table(&runs));
    let failed = runs
        .iter()
        .any(|run| run.problem.is_some() || run.count(report::Outcome::Failed) > 0);
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Builds the kernel tests (release) without running them and returns the executable.
fn build_tests() -> Result<PathBuf> {
    let output = cargo_command([
        "test",
        "--release",
        "--package",
        KERNEL_TESTS,
        "--test",
        "kernel",
        "--no-run",
        "--message-format=json-render-diagnostics",
    ])
    .stderr(Stdio::piped())
    .output()
    .map_err(|error| format!("cannot run cargo test --no-run: {error}"))?;
    if !output.status.success() {
        return Err(format!(
            "building the kernel tests failed ({}):\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim_end()
        )
        .into());
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    test_executable(&stdout)
        .ok_or_else(|| "cargo test --no-run named no executable of the `kernel` test target".into())
}

/// The executable of the `kernel` test target in cargo's JSON messages.
fn test_executable(messages: &str) -> Option<PathBuf> {
    messages.lines().find_map(|line| {
        let message: serde_json::Value = serde_json::from_str(line).ok()?;
        let target = message.get("target")?;
        let is_test = target
            .get("kind")?
            .as_array()?
            .iter()
            .any(|kind| kind == "test");
        (message.get("reason")? == "compiler-artifact"
            && target.get("name")? == "kernel"
            && is_test)
            .then(|| message.get("executable")?.as_str().map(PathBuf::from))
            .flatten()
    })
}

/// The tests `args` select (`--list`: no root, no objects needed).
fn list(tests: &Path, args: &[String]) -> Result<Vec<String>> {
    let output = std::process::Command::new(tests)
        .args(["--list", "--format", "terse"])
        .args(args)
        .output()
        .map_err(|error| format!("cannot run {}: {error}", tests.display()))?;
    if !output.status.success() {
        return Err(format!(
            "{} --list failed ({}):\n{}",
            tests.display(),
            output.status,
            String::from_utf8_lossy(&output.stderr).trim_end()
        )
        .into());
    }
    let names = report::parse_list(&String::from_utf8_lossy(&output.stdout));
    if names.is_empty() {
        return Err(format!("no kernel test matches `{}`", args.join(" ")).into());
    }
    Ok(names)
}

/// The first line of an error, for one-line summaries.
pub(crate) fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or_default()
}

/// Runs the tests on this machine's kernel, as `cargo xtask e2e` does.
fn host(
    tests: &Path,
    objects: &Objects,
    expected: &[String],
    options: &Options,
    logs: &Path,
) -> Result<Run> {
    setup::tracefs()?;
    let release = fs::read_to_string("/proc/sys/kernel/osrelease")
        .map_err(|error| format!("cannot read /proc/sys/kernel/osrelease: {error}"))?;
    let version = release.trim().split(['-', '+']).next().unwrap_or_default();
    let title = format!("{HOST} {version}");
    println!("{title} ({})...", release.trim());
    let start = Instant::now();
    let mut child = std::process::Command::new(tests)
        .args(&options.test_args)
        .env(DIR_VAR, objects.dir())
        // Where `cargo test` runs them.
        .current_dir(workspace_root().join("e2e-tests"))
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|error| format!("cannot run {}: {error}", tests.display()))?;
    let mut output = String::new();
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines() {
            let line = line.map_err(|error| format!("reading the tests' output: {error}"))?;
            output.push_str(&line);
            output.push('\n');
        }
    }
    let status = child
        .wait()
        .map_err(|error| format!("waiting for {}: {error}", tests.display()))?;
    let wall = start.elapsed();
    save(logs, "tests.log", &output)?;
    // A failing run has failed tests in its output; one without them died some other way.
    let problem = (!status.success()
        && !report::parse(&output)
            .values()
            .any(|o| *o == report::Outcome::Failed))
    .then(|| format!("the test executable exited with {status}"));
    let run = Run::new(title, &output, expected, problem, wall);
    progress(&run, &output, logs);
    Ok(run)
}

/// Boots `kernel` with the initramfs `image` and reads what its tests reported.
fn guest(
    kernel: &Kernel,
    image: &Path,
    expected: &[String],
    options: &Options,
    logs: &Path,
) -> Result<Run> {
    let logs = logs.join(kernel.series.name);
    println!("{} ({}, qemu)...", kernel.version, kernel.package);
    let boot = qemu::boot(&kernel.vmlinuz, image, &logs, options.timeout)?;
    let problem = if boot.timed_out {
        Some(format!(
            "killed after {} s; console: {}",
            options.timeout.as_secs(),
            boot.console.display()
        ))
    } else if boot.exit.is_none() {
        Some(format!(
            "the guest stopped before the tests finished; console: {}",
            boot.console.display()
        ))
    } else {
        None
    };
    let run = Run::new(
        kernel.version.clone(),
        &boot.output,
        expected,
        problem,
        boot.wall,
    );
    progress(&run, &boot.output, &logs);
    Ok(run)
}

/// One line per finished run, with libtest's account of the failures when there are some.
fn progress(run: &Run, output: &str, logs: &Path) {
    println!(
        "  {}: {} in {:.0} s",
        run.kernel,
        run.summary(),
        run.wall.as_secs_f64()
    );
    if run.count(report::Outcome::Failed) > 0 {
        println!("{}", report::failures(output));
        println!("  (the whole output: {})", logs.join("tests.log").display());
    }
    let _ = std::io::stdout().flush();
}

fn save(dir: &Path, name: &str, text: &str) -> Result<()> {
    fs::create_dir_all(dir).map_err(|error| format!("cannot create {}: {error}", dir.display()))?;
    let path = dir.join(name);
    fs::write(&path, text)
        .map_err(|error| format!("cannot write {}: {error}", path.display()).into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(args: &[&str]) -> Vec<String> {
        args.iter().map(|a| (*a).to_owned()).collect()
    }

    #[test]
    fn parses_options() {
        assert_eq!(parse_args(Vec::new()), Ok(Options::default()));
        let options = parse_args(args(&[
            "--kernel",
            "5.10",
            "live",
            "--timeout",
            "60",
            "--nocapture",
        ]))
        .unwrap();
        assert_eq!(options.kernels, ["5.10"]);
        assert_eq!(options.timeout, Duration::from_secs(60));
        assert_eq!(options.test_args, ["live", "--nocapture"]);
        assert!(options.wants("5.10") && !options.wants(HOST));
        assert!(parse_args(args(&["--kernel", "4.19"])).is_err());
        assert!(parse_args(args(&["--kernel"])).is_err());
        assert!(parse_args(args(&["--timeout", "0"])).is_err());
    }

    #[test]
    fn finds_the_test_executable() {
        let messages = r#"{"reason":"compiler-artifact","target":{"name":"btf_reloc_e2e_tests","kind":["lib"]},"executable":null}
{"reason":"compiler-artifact","target":{"name":"kernel","kind":["test"]},"executable":"/t/release/deps/kernel-1"}
{"reason":"build-finished","success":true}"#;
        assert_eq!(
            test_executable(messages),
            Some(PathBuf::from("/t/release/deps/kernel-1"))
        );
        assert_eq!(test_executable("not json\n"), None);
    }
}
