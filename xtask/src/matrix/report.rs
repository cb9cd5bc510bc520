//! What each kernel's run of the kernel tests says, from libtest's output, and the matrix of
//! kernels × test groups (a group is the first segment of a test's path: `live`, `loaders`, …).

use std::{collections::BTreeMap, fmt::Write as _, time::Duration};

/// How one test ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    Passed,
    Failed,
    Ignored,
}

/// The tests `expected` (from `--list`) as one kernel's run reported them; a test it never
/// reported (the guest crashed, or the run timed out) counts as failed.
#[derive(Debug)]
pub(crate) struct Run {
    /// The column's title: `host 6.18.44`, `5.10.251`, …
    pub(crate) kernel: String,
    pub(crate) tests: BTreeMap<String, Outcome>,
    /// Why the run is incomplete, if it is.
    pub(crate) problem: Option<String>,
    pub(crate) wall: Duration,
}

impl Run {
    pub(crate) fn new(
        kernel: String,
        output: &str,
        expected: &[String],
        problem: Option<String>,
        wall: Duration,
    ) -> Self {
        let reported = parse(output);
        let tests = expected
            .iter()
            .map(|name| {
                let outcome = reported.get(name).copied().unwrap_or(Outcome::Failed);
                (name.clone(), outcome)
            })
            .collect();
        let unreported = expected
            .iter()
            .filter(|name| !reported.contains_key(*name))
            .count();
        let problem = match (problem, unreported) {
            (Some(problem), _) => Some(problem),
            (None, 0) => None,
            (None, n) => Some(format!("no result from {n} of {} tests", expected.len())),
        };
        Self {
            kernel,
            tests,
            problem,
            wall,
        }
    }

    pub(crate) fn count(&self, outcome: Outcome) -> usize {
        self.tests.values().filter(|o| **o == outcome).count()
    }

    /// `N passed, M failed` of this run, and why it is incomplete.
    pub(crate) fn summary(&self) -> String {
        let mut line = format!(
            "{} passed, {} failed",
            self.count(Outcome::Passed),
            self.count(Outcome::Failed)
        );
        if let Some(problem) = &self.problem {
            let _ = write!(line, " ({problem})");
        }
        line
    }
}

/// `test NAME ... ok|FAILED|ignored` lines of libtest's output.
pub(crate) fn parse(output: &str) -> BTreeMap<String, Outcome> {
    let mut tests = BTreeMap::new();
    for line in output.lines() {
        let Some(rest) = line.trim_end().strip_prefix("test ") else {
            continue;
        };
        let Some((name, result)) = rest.split_once(" ... ") else {
            continue;
        };
        // `ignored, REASON` for an ignored test with a reason.
        let word = result
            .split_whitespace()
            .next()
            .map(|w| w.trim_end_matches(','));
        let outcome = match word {
            Some("ok") => Outcome::Passed,
            Some("FAILED") => Outcome::Failed,
            Some("ignored") => Outcome::Ignored,
            _ => continue,
        };
        tests.insert(name.trim().to_owned(), outcome);
    }
    tests
}

/// The test names of `--list --format terse` output (`name: test`).
pub(crate) fn parse_list(output: &str) -> Vec<String> {
    output
        .lines()
        .filter_map(|line| line.strip_suffix(": test"))
        .map(str::to_owned)
        .collect()
}

/// The group of a test: the first segment of its path.
fn group(name: &str) -> &str {
    name.split("::").next().unwrap_or(name)
}

/// The matrix: one row per group, one column per run, `passed/failed` in each cell (a `*`
/// marks a cell with failures), then the totals, the wall times and the closing
/// `N passed, M failed` line over every run.
pub(crate) fn table(runs: &[Run]) -> String {
    let mut groups: Vec<&str> = runs
        .iter()
        .flat_map(|run| run.tests.keys().map(|name| group(name)))
        .collect();
    groups.sort_unstable();
    groups.dedup();
    let cell = |run: &Run, filter: &dyn Fn(&str) -> bool| {
        let (mut passed, mut failed) = (0, 0);
        for (name, outcome) in &run.tests {
            if filter(name) {
                match outcome {
                    Outcome::Passed => passed += 1,
                    Outcome::Failed => failed += 1,
                    Outcome::Ignored => {}
                }
            }
        }
        if passed + failed == 0 {
            "-".to_owned()
        } else if failed == 0 {
            format!("{passed}/0")
        } else {
            format!("{passed}/{failed} *")
        }
    };
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut header = vec!["passed/failed".to_owned()];
    header.extend(runs.iter().map(|run| run.kernel.clone()));
    rows.push(header);
    for g in &groups {
        let mut row = vec![(*g).to_owned()];
        row.extend(runs.iter().map(|run| cell(run, &|name| group(name) == *g)));
        rows.push(row);
    }
    let mut total = vec!["all".to_owned()];
    total.extend(runs.iter().map(|run| cell(run, &|_| true)));
    rows.push(total);
    let mut wall = vec!["wall time".to_owned()];
    wall.extend(
        runs.iter()
            .map(|run| format!("{:.0} s", run.wall.as_secs_f64())),
    );
    rows.push(wall);

    let widths: Vec<usize> = (0..rows[0].len())
        .map(|column| rows.iter().map(|row| row[column].len()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for (index, row) in rows.iter().enumerate() {
        let mut line = String::new();
        for (column, (text, width)) in row.iter().zip(&widths).enumerate() {
            if column == 0 {
                let _ = write!(line, "{text:<width$}");
            } else {
                let _ = write!(line, "  {text:>width$}");
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
        if index == 0 || index == groups.len() {
            let width = widths.iter().sum::<usize>() + 2 * (widths.len() - 1);
            out.push_str(&"-".repeat(width));
            out.push('\n');
        }
    }
    for run in runs.iter().filter(|run| run.problem.is_some()) {
        let _ = writeln!(out, "{}: {}", run.kernel, run.summary());
    }
    let passed: usize = runs.iter().map(|run| run.count(Outcome::Passed)).sum();
    let failed: usize = runs.iter().map(|run| run.count(Outcome::Failed)).sum();
    let _ = write!(out, "{passed} passed, {failed} failed");
    out
}

/// libtest's `failures:` section of `output` (each failed test's output), or its last lines.
pub(crate) fn failures(output: &str) -> String {
    let lines: Vec<&str> = output.lines().collect();
    let start = lines.iter().position(|line| *line == "failures:");
    let end = lines
        .iter()
        .rposition(|line| line.starts_with("test result:"))
        .unwrap_or(lines.len());
    let from = start.unwrap_or(end.saturating_sub(40)).min(end);
    lines[from..end].join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    const OUTPUT: &str = "\nrunning 3 tests\ntest live::a ... ok\ntest loaders::libbpf::b ... FAILED\n\
                          test vmlinux::c ... ignored, slow\n\nfailures:\n\n---- loaders::libbpf::b stdout ----\nboom\n\n\
                          failures:\n    loaders::libbpf::b\n\ntest result: FAILED. 1 passed; 1 failed; 1 ignored\n";

    fn names(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| (*n).to_owned()).collect()
    }

    #[test]
    fn reads_libtest_output() {
        let tests = parse(OUTPUT);
        assert_eq!(tests.get("live::a"), Some(&Outcome::Passed));
        assert_eq!(tests.get("loaders::libbpf::b"), Some(&Outcome::Failed));
        assert_eq!(tests.get("vmlinux::c"), Some(&Outcome::Ignored));
        assert_eq!(tests.len(), 3);
        assert!(failures(OUTPUT).starts_with("failures:\n\n---- loaders::libbpf::b stdout"));
        assert_eq!(
            parse_list("live::a: test\nvmlinux::c: test\n"),
            names(&["live::a", "vmlinux::c"])
        );
    }

    #[test]
    fn unreported_tests_fail_and_the_table_adds_up() {
        let expected = names(&["live::a", "live::z", "loaders::libbpf::b", "vmlinux::c"]);
        let host = Run::new(
            "host 6.18".into(),
            OUTPUT,
            &expected,
            None,
            Duration::from_secs(16),
        );
        assert_eq!(host.count(Outcome::Failed), 2);
        assert_eq!(host.problem.as_deref(), Some("no result from 1 of 4 tests"));
        let old = Run::new(
            "5.10.251".into(),
            "test live::a ... ok\n",
            &expected,
            Some("timed out after 600 s".into()),
            Duration::from_secs(600),
        );
        let table = table(&[host, old]);
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(
            lines[0].split_whitespace().collect::<Vec<_>>(),
            ["passed/failed", "host", "6.18", "5.10.251"]
        );
        assert_eq!(
            lines[2].split_whitespace().collect::<Vec<_>>(),
            ["live", "1/1", "*", "1/1", "*"]
        );
        assert_eq!(
            lines[4].split_whitespace().collect::<Vec<_>>(),
            ["vmlinux", "-", "0/1", "*"]
        );
        assert_eq!(*lines.last().unwrap(), "2 passed, 5 failed");
        assert!(table.contains("5.10.251: 1 passed, 3 failed (timed out after 600 s)"));
    }
}
