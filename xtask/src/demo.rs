//! `cargo xtask demo`: what an eBPF program reads about the current task,
//! next to the same values from syscalls and procfs.

use aya::Ebpf;

use crate::{
    ebpf::{Objects, Variant},
    kernel, Result,
};

struct Row {
    field: &'static str,
    kernel: String,
    user: String,
    source: &'static str,
}

/// Loads the demo program of the BTF object, triggers it from this thread and
/// prints the table.
pub(crate) fn run(objects: &Objects) -> Result<()> {
    let mut ebpf = kernel::load(objects.path(Variant::Btf))?;
    kernel::attach(&mut ebpf, "demo")?;
    kernel::trigger();
    let rows = rows(&ebpf)?;
    print(&rows);
    if rows.iter().any(|row| row.kernel != row.user) {
        return Err("the kernel and userspace values differ".into());
    }
    Ok(())
}

fn rows(ebpf: &Ebpf) -> Result<Vec<Row>> {
    let pid_tgid: u64 = kernel::read_first(ebpf, "DEMO_PID_TGID")?;
    let comm: [u8; 16] = kernel::read_first(ebpf, "DEMO_COMM")?;
    Ok(vec![
        Row {
            field: "pid",
            kernel: (pid_tgid & 0xffff_ffff).to_string(),
            user: kernel::gettid().to_string(),
            source: "gettid()",
        },
        Row {
            field: "tgid",
            kernel: (pid_tgid >> 32).to_string(),
            user: std::process::id().to_string(),
            source: "getpid()",
        },
        Row {
            field: "comm",
            kernel: kernel::comm_from_bytes(&comm),
            user: kernel::comm()?,
            source: "/proc/self/comm",
        },
    ])
}

fn print(rows: &[Row]) {
    println!(
        "{:<6} {:<18} {:<18} {:<16} match",
        "field", "in-kernel", "userspace", "from"
    );
    for row in rows {
        let matches = if row.kernel == row.user { "yes" } else { "NO" };
        println!(
            "{:<6} {:<18} {:<18} {:<16} {matches}",
            row.field, row.kernel, row.user, row.source
        );
    }
}
