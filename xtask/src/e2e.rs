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
    Test {
        name: "live_task_struct_wrong_layout_btf",
        run: |ctx| live_task_fields(ctx, Variant::Btf),
    },
    Test {
        name: "live_task_struct_wrong_layout_no_btf",
        run: |ctx| live_task_fields(ctx, Variant::NoBtf),
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

/// One getter's outcome as the `task_fields` program stores it: `[status, value, expected,
/// actual]` (see `e2e-ebpf/src/main.rs`).
type Outcome = [i64; 4];

/// Slots of the `TASK_FIELDS` map (`e2e-ebpf/src/main.rs`, `mod slot`).
mod slot {
    pub(super) const PID: u32 = 0;
    pub(super) const TGID: u32 = 1;
    pub(super) const STATE: u32 = 2;
    pub(super) const MISSING: u32 = 3;
    pub(super) const FLAGS: u32 = 4;
    pub(super) const QUERIES: u32 = 5;
}

/// Renders an outcome as the getter's `Result`, for messages.
fn describe(outcome: Outcome) -> String {
    match outcome {
        [0, value, ..] => format!("Ok(Some({value}))"),
        [1, ..] => "Ok(None)".to_owned(),
        [2, _, expected, actual] => {
            format!("Err(SizeMismatch {{ expected: {expected}, actual: {actual} }})")
        }
        [3, code, ..] => format!("Err(ProbeRead({code}))"),
        other => format!("unknown outcome {other:?}"),
    }
}

fn expect_outcome(what: &str, got: Outcome, want: Outcome) -> Result<()> {
    if got == want {
        Ok(())
    } else {
        Err(format!("{what}: got {}, expected {}", describe(got), describe(want)).into())
    }
}

/// `task_struct` declared with the wrong order, invented padding, a renamed field, a field no
/// kernel has and a field declared too wide, read through btf-reloc from a non-main thread:
/// `pid`, `tgid`, `comm` and `__state` must be the kernel's, the invented field `Ok(None)`, the
/// wide one `SizeMismatch { expected: 8, actual: 4 }`.
fn live_task_fields(ctx: &mut Ctx, variant: Variant) -> Result<()> {
    let mut ebpf = ctx.load(variant)?;
    kernel::attach(&mut ebpf, "task_fields")?;
    let thread = kernel::trigger_on_named_thread("btf-reloc-e2e")?;
    let tgid = std::process::id();
    if thread.tid == tgid {
        return Err(format!("the trigger thread's tid {} equals the tgid", thread.tid).into());
    }
    let read = |slot| kernel::read_at::<Outcome>(&ebpf, "TASK_FIELDS", slot);
    expect_outcome(
        "pid (vs gettid)",
        read(slot::PID)?,
        [0, thread.tid.into(), 0, 0],
    )?;
    expect_outcome(
        "tgid, renamed `thread_group_id` (vs getpid)",
        read(slot::TGID)?,
        [0, tgid.into(), 0, 0],
    )?;
    // The task is running (TASK_RUNNING = 0) while it enters a syscall.
    expect_outcome("__state, renamed `state`", read(slot::STATE)?, [0, 0, 0, 0])?;
    expect_outcome(
        "btf_reloc_no_such_field",
        read(slot::MISSING)?,
        [1, 0, 0, 0],
    )?;
    expect_outcome("flags declared u64", read(slot::FLAGS)?, [2, 0, 8, 4])?;
    let [missing_exists, pid_exists, pid_size, pid_offset] = read(slot::QUERIES)?;
    if (missing_exists, pid_exists, pid_size) != (0, 1, 4) || pid_offset <= 0 {
        return Err(format!(
            "queries: btf_reloc_no_such_field_exists={missing_exists}, pid_exists={pid_exists}, \
             pid_byte_size={pid_size}, pid_byte_offset={pid_offset}; expected 0, 1, 4, > 0"
        )
        .into());
    }
    let comm_bytes: [u8; 16] = kernel::read_first(&ebpf, "TASK_COMM")?;
    let comm = kernel::comm_from_bytes(&comm_bytes);
    if comm != thread.comm {
        return Err(format!(
            "comm: kernel read {comm:?}, /proc/thread-self/comm says {:?}",
            thread.comm
        )
        .into());
    }
    Ok(())
}
