//! The kernel end-to-end tests: a table of named tests, each loading the
//! post-linked objects into the running kernel and checking what its
//! programs saw against ground truth from syscalls. Prints `ok NAME` or
//! `FAILED NAME: reason` per test, then `N passed, M failed`.
//!
//! To add a test: write `fn(&mut Ctx) -> Result<()>` and add it to [`TESTS`].

use std::{path::Path, process::ExitCode};

use aya::Ebpf;

use crate::{
    ebpf::{Objects, Variant},
    error_chain, kernel, Result,
};

/// What every test gets: the objects to load (already post-linked).
#[derive(Debug)]
pub(crate) struct Ctx {
    objects: Objects,
}

impl Ctx {
    /// The object of `variant`, as the post-link step left it.
    pub(crate) fn object(&self, variant: Variant) -> &Path {
        self.objects.path(variant)
    }

    /// Loads the object of `variant` for this process (see [`kernel::load`]).
    pub(crate) fn load(&self, variant: Variant) -> Result<Ebpf> {
        kernel::load(self.object(variant))
    }
}

struct Test {
    name: &'static str,
    run: fn(&mut Ctx) -> Result<()>,
}

const TESTS: &[Test] = &[
    Test {
        name: "pid_tgid_btf",
        run: |ctx| pid_tgid(ctx, Variant::Btf),
    },
    Test {
        name: "pid_tgid_no_btf",
        run: |ctx| pid_tgid(ctx, Variant::NoBtf),
    },
];

/// Runs the tests whose name contains `filter` against `objects`; fails if
/// any test fails.
pub(crate) fn run(objects: Objects, filter: Option<&str>) -> Result<ExitCode> {
    let selected: Vec<&Test> = TESTS
        .iter()
        .filter(|test| filter.is_none_or(|filter| test.name.contains(filter)))
        .collect();
    if selected.is_empty() {
        return Err(format!("no test name contains `{}`", filter.unwrap_or_default()).into());
    }
    let mut ctx = Ctx { objects };
    let (mut passed, mut failed) = (0, 0);
    for test in selected {
        match (test.run)(&mut ctx) {
            Ok(()) => {
                passed += 1;
                println!("ok {}", test.name);
            }
            Err(error) => {
                failed += 1;
                // Verifier logs span lines: indent them under the test.
                let reason = error_chain(error.as_ref()).replace('\n', "\n    ");
                println!("FAILED {}: {reason}", test.name);
            }
        }
    }
    println!("{passed} passed, {failed} failed");
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// `bpf_get_current_pid_tgid()` on a non-main thread is `tgid << 32 | tid`,
/// with tgid = getpid() and tid = gettid() != tgid.
fn pid_tgid(ctx: &mut Ctx, variant: Variant) -> Result<()> {
    let mut ebpf = ctx.load(variant)?;
    kernel::attach(&mut ebpf, "pid_tgid")?;
    let tid = kernel::trigger_on_new_thread()?;
    let tgid = std::process::id();
    if tid == tgid {
        return Err(format!("the trigger thread's tid {tid} equals the tgid").into());
    }
    let got: u64 = kernel::read_first(&ebpf, "PID_TGID")?;
    let want = (u64::from(tgid) << 32) | u64::from(tid);
    if got != want {
        return Err(format!(
            "kernel saw pid_tgid {got:#x} (tgid {}, pid {}), expected {want:#x} (getpid {tgid}, gettid {tid})",
            got >> 32,
            got & 0xffff_ffff
        )
        .into());
    }
    Ok(())
}
