//! `cargo xtask demo`: what btf-reloc does, in one screen.
//!
//! It loads the `task_fields` program of the post-linked e2e object (its `task_struct` is
//! declared wrong on purpose in `e2e-ebpf/src/live.rs`: other order, invented padding, renamed
//! fields, a field no kernel has, a field declared too wide), lets aya relocate it against the
//! running kernel, triggers it from a named thread, and prints
//! - each field as the program read it in the kernel, next to the value from syscalls/procfs;
//! - where each field is in the Rust declaration and in this kernel (both read from BTF: the
//!   object's local type and `/sys/kernel/btf/vmlinux`), next to the offset the program's own
//!   queries returned after relocation.
//!
//! It fails when a value or offset disagrees, so it doubles as a smoke test.

use std::{fs, path::Path};

use aya::{programs::TracePoint, Ebpf};
use btf_reloc_e2e_common::{
    live::{slot, TASK_COMM_MAP, TASK_FIELDS_MAP, TASK_FIELDS_PROGRAM as PROGRAM},
    objects::{Bin, Variant},
    outcome::{decode, decode_option, Outcome, Raw},
    COMM_LEN,
};
use btf_reloc_e2e_tests::{
    btf_layout::{self, Member},
    kernel,
};

use crate::Result;

/// The object the demo loads (post-linked).
pub(crate) const BIN: Bin = Bin::Main;
pub(crate) const VARIANT: Variant = Variant::Btf;

/// The kernel truncates thread names to 15 bytes.
const THREAD_NAME: &str = "btf-reloc-demo";

/// The declared struct, named after the kernel's type, and one of its fields no other local
/// `task_struct` has (the object holds several declarations of the type).
const LOCAL_STRUCT: (&str, &str) = ("task_struct", "btf_reloc_no_such_field");

/// One field of the declaration, as the tables show it.
struct Field {
    /// Its name in the kernel (and in the object's BTF).
    kernel_name: &'static str,
    /// How `e2e-ebpf/src/live.rs` declares it.
    declaration: &'static str,
}

const PID: Field = Field {
    kernel_name: "pid",
    declaration: "pid: i32",
};
const TGID: Field = Field {
    kernel_name: "tgid",
    declaration: "thread_group_id: i32, rename = \"tgid\"",
};
const COMM: Field = Field {
    kernel_name: "comm",
    declaration: "comm: [u8; 16]",
};
const STATE: Field = Field {
    kernel_name: "__state",
    declaration: "state: u32, rename = \"__state\"",
};
const MISSING: Field = Field {
    kernel_name: "btf_reloc_no_such_field",
    declaration: "btf_reloc_no_such_field: u64",
};
const FLAGS: Field = Field {
    kernel_name: "flags",
    declaration: "flags: u64",
};

/// What the trigger thread knows about itself from syscalls and procfs.
#[derive(Debug)]
struct Thread {
    tid: u32,
    comm: String,
    /// The state letter of `/proc/thread-self/stat` (`R` while it runs).
    state: char,
}

/// Loads and runs `task_fields` of `object` ([`BIN`], [`VARIANT`]), prints the tables; fails on a
/// mismatch.
pub(crate) fn run(object: &Path) -> Result<()> {
    let mut ebpf = kernel::load(object)?;
    kernel::attach(&mut ebpf, PROGRAM)?;
    let thread = trigger_on_named_thread()?;
    let tgid = std::process::id();

    let read = |slot| kernel::read_at::<Raw>(&ebpf, TASK_FIELDS_MAP, slot).map(decode);
    let comm =
        kernel::string_from_bytes(&kernel::read_first::<[u8; COMM_LEN]>(&ebpf, TASK_COMM_MAP)?);
    let [missing_exists, _, pid_size, pid_offset] =
        kernel::read_at::<Raw>(&ebpf, TASK_FIELDS_MAP, slot::QUERIES)?;
    let (pid_size, pid_offset) = (decode_option(pid_size), decode_option(pid_offset));

    let local_btf = btf_layout::of_object(object)?;
    let local = btf_layout::find_struct(&local_btf, LOCAL_STRUCT.0, LOCAL_STRUCT.1)
        .ok_or_else(|| format!("{} has no local {}", object.display(), LOCAL_STRUCT.0))?;
    let vmlinux = btf_layout::vmlinux()?;
    let layout = |field: &Field| -> Result<(Option<Member>, Option<Member>)> {
        btf_layout::member(&local_btf, local, field.kernel_name, &vmlinux)
    };

    let mut mismatches = Vec::new();
    let mut values = Table::new([
        "kernel field",
        "Rust declaration",
        "read in the kernel through btf-reloc",
        "from syscalls / procfs",
        "match",
    ]);
    let mut value_row = |field: &Field, kernel: String, user: String, ok: bool| {
        if !ok {
            mismatches.push(field.kernel_name);
        }
        values.row([
            field.kernel_name.to_owned(),
            field.declaration.to_owned(),
            kernel,
            user,
            yes_no(ok),
        ]);
    };
    let pid = read(slot::PID)?;
    value_row(
        &PID,
        show(pid),
        format!("{} (gettid)", thread.tid),
        pid == Outcome::Value(thread.tid.into()),
    );
    let tgid_read = read(slot::TGID)?;
    value_row(
        &TGID,
        show(tgid_read),
        format!("{tgid} (getpid)"),
        tgid_read == Outcome::Value(tgid.into()),
    );
    value_row(
        &COMM,
        format!("{comm:?}"),
        format!("{:?} (/proc/thread-self/comm)", thread.comm),
        comm == thread.comm,
    );
    let state = read(slot::STATE)?;
    value_row(
        &STATE,
        match state {
            Outcome::Value(0) => "0 (TASK_RUNNING)".to_owned(),
            other => show(other),
        },
        format!("{} (/proc/thread-self/stat)", thread.state),
        state == Outcome::Value(0) && thread.state == 'R',
    );
    let missing = read(slot::MISSING)?;
    let (_, missing_in_kernel) = layout(&MISSING)?;
    value_row(
        &MISSING,
        missing.to_string(),
        "absent from vmlinux BTF".to_owned(),
        missing == Outcome::Missing && missing_in_kernel.is_none(),
    );
    let flags = read(slot::FLAGS)?;
    let (_, flags_in_kernel) = layout(&FLAGS)?;
    let flags_size = flags_in_kernel.map_or(0, |member| member.size);
    value_row(
        &FLAGS,
        flags.to_string(),
        format!("{flags_size} bytes in vmlinux BTF"),
        flags
            == Outcome::SizeMismatch {
                expected: 8,
                actual: i64::try_from(flags_size)?,
            },
    );

    let mut offsets = Table::new([
        "kernel field",
        "declared at",
        "in this kernel at",
        "the program's queries, relocated",
    ]);
    for field in [&PID, &TGID, &COMM, &STATE, &MISSING, &FLAGS] {
        let (declared, actual) = layout(field)?;
        let query = match field.kernel_name {
            "pid" => {
                if actual.map(|m| (m.offset, m.size)) != pid_offset.zip(pid_size) {
                    mismatches.push("pid_byte_offset/pid_byte_size");
                }
                format!("pid_byte_offset() = {pid_offset:?}, pid_byte_size() = {pid_size:?}")
            }
            "btf_reloc_no_such_field" => {
                if missing_exists != 0 {
                    mismatches.push("btf_reloc_no_such_field_exists");
                }
                format!("btf_reloc_no_such_field_exists() = {}", missing_exists != 0)
            }
            _ => String::new(),
        };
        offsets.row([
            field.kernel_name.to_owned(),
            place(declared),
            place(actual),
            query,
        ]);
    }

    println!(
        "The eBPF program `{PROGRAM}` (e2e-ebpf/src/live.rs) declares task_struct wrongly on purpose: \
         other field order,\ninvented padding, renamed fields, a field no kernel has, a field declared \
         too wide. btf-reloc made each field\naccess a CO-RE relocation, which aya resolved against this \
         kernel's BTF (Linux {}). The program ran on\nthread {THREAD_NAME:?} (tid {}) of this process, \
         {:?} (tgid {tgid}).\n",
        kernel_release(),
        thread.tid,
        kernel::comm()?,
    );
    values.print();
    println!("\nWhere each field is (byte offset / size):\n");
    offsets.print();
    if let Some(stats) = verifier_stats(&ebpf) {
        println!("\n{stats}");
    }
    if !mismatches.is_empty() {
        return Err(format!(
            "the kernel and userspace disagree on: {}",
            mismatches.join(", ")
        )
        .into());
    }
    println!(
        "\nEvery value matches although no declared offset is right: each read used this kernel's offset."
    );
    Ok(())
}

/// `uname -r`, or `?`.
fn kernel_release() -> String {
    fs::read_to_string("/proc/sys/kernel/osrelease")
        .map_or_else(|_| "?".to_owned(), |release| release.trim().to_owned())
}

/// A getter's result: the bare value when it is `Ok(Some(_))`.
fn show(outcome: Outcome) -> String {
    match outcome {
        Outcome::Value(value) => value.to_string(),
        other => other.to_string(),
    }
}

fn yes_no(ok: bool) -> String {
    if ok { "yes" } else { "NO" }.to_owned()
}

fn place(member: Option<Member>) -> String {
    member.map_or_else(
        || "(absent)".to_owned(),
        |m| format!("{} / {}", m.offset, m.size),
    )
}

/// The program's size after loading and the verifier's work, from the kernel's program info.
fn verifier_stats(ebpf: &Ebpf) -> Option<String> {
    let program: &TracePoint = ebpf.program(PROGRAM)?.try_into().ok()?;
    let info = program.info().ok()?;
    let xlated = info.size_translated()? / 8;
    let verified = info.verified_instruction_count()?;
    Some(format!(
        "`{PROGRAM}` after relocation: {xlated} BPF instructions (xlated), {} bytes of machine code; \
         the verifier processed {verified} instructions.",
        info.size_jitted()
    ))
}

/// Fires the trigger from a new thread called [`THREAD_NAME`] and returns what that thread read
/// about itself just before.
fn trigger_on_named_thread() -> Result<Thread> {
    let thread = std::thread::Builder::new()
        .name(THREAD_NAME.to_owned())
        .spawn(|| -> Result<Thread> {
            let read = |path: &str| {
                fs::read_to_string(path).map_err(|error| format!("cannot read {path}: {error}"))
            };
            let comm = read("/proc/thread-self/comm")?;
            let stat = read("/proc/thread-self/stat")?;
            // `pid (comm) S ...`: the comm may hold spaces and parentheses, the state follows the
            // last `)`.
            let state = stat
                .rfind(')')
                .and_then(|end| stat[end + 1..].trim_start().chars().next())
                .ok_or_else(|| format!("no state in /proc/thread-self/stat: {stat:?}"))?;
            kernel::trigger();
            Ok(Thread {
                tid: kernel::gettid(),
                comm: comm.trim_end_matches('\n').to_owned(),
                state,
            })
        })?;
    thread
        .join()
        .map_err(|_| -> crate::Error { "the trigger thread panicked".into() })?
}

/// A text table with columns as wide as their widest cell.
struct Table<const N: usize> {
    rows: Vec<[String; N]>,
}

impl<const N: usize> Table<N> {
    fn new(header: [&str; N]) -> Self {
        Self {
            rows: vec![header.map(str::to_uppercase)],
        }
    }

    fn row(&mut self, cells: [String; N]) {
        self.rows.push(cells);
    }

    fn print(&self) {
        let mut widths = [0; N];
        for row in &self.rows {
            for (width, cell) in widths.iter_mut().zip(row) {
                *width = (*width).max(cell.chars().count());
            }
        }
        for row in &self.rows {
            let line: Vec<String> = row
                .iter()
                .zip(widths)
                .map(|(cell, width)| format!("{cell:<width$}"))
                .collect();
            println!("  {}", line.join("  ").trim_end());
        }
    }
}
