#!/usr/bin/env bash
# Instruction counts of one CO-RE access: btf-reloc (post-linked Rust) vs clang + libbpf's
# bpf_core_read.h (C), statically (llvm-objdump) and after loading (bpftool: xlated, processed).
#
# Every program of both objects has the same frame:
#     task = bpf_get_current_task(); <ONE access>; OUT = result (64-bit store to a .bss global)
# The "access" count is the program's count minus that of the baseline program (`OUT = task`):
# call + `rX = OUT ll` + store + `r0 = 0` + exit (programs without a task: minus the call too).
# ld_imm64 counts as 1 instruction and 2 slots.
#
# Needs: root, /sys/kernel/btf/vmlinux, clang/llvm/libbpf-dev/bpftool (Debian 12: clang 14),
# nightly + rust-src, and bpf-linker (`cargo xtask setup`). Writes under $WORK, plus pins under
# /sys/fs/bpf/btf_reloc_bench_{rust,c} that it removes again (unloading the programs).
# Usage: [BPF_LINKER_DIR=$(cargo xtask setup --print-bin-dir)] xtask/bench/core_read_size.sh
#        (WORK defaults to /tmp/btf-reloc-bench; CARGO_TARGET_DIR is used for the btf-reloc CLI)
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${WORK:-/tmp/btf-reloc-bench}
HOST_TARGET=${CARGO_TARGET_DIR:-$WORK/host-target}
mkdir -p "$WORK/rust/src" "$WORK/c"

# ---------------------------------------------------------------- Rust side (scratch crate)
# A crate of its own, outside the workspace: its target, build-std and flags may then be set for
# the whole crate, as in a user's eBPF project. The workspace's lock file pins the versions.
mkdir -p "$WORK/rust/.cargo"
cp "$REPO/Cargo.lock" "$WORK/rust/Cargo.lock"
cat > "$WORK/rust/rust-toolchain.toml" <<'EOF'
[toolchain]
channel = "nightly"
components = ["rust-src"]
EOF
cat > "$WORK/rust/.cargo/config.toml" <<'EOF'
[build]
target = "bpfel-unknown-none"

[unstable]
build-std = ["core"]

[target.bpfel-unknown-none]
rustflags = ["-C", "debuginfo=2", "-C", "link-arg=--btf"]

# Newer build-dependencies of aya-ebpf need a newer rustc than nightly may be.
[resolver]
incompatible-rust-versions = "fallback"
EOF
cat > "$WORK/rust/Cargo.toml" <<EOF
[package]
name = "bench-ebpf"
version = "0.0.0"
edition = "2021"
publish = false

[workspace]

[dependencies]
aya-ebpf = "=0.2.1"
btf-reloc-runtime = { path = "$REPO/btf-reloc-runtime" }

[[bin]]
name = "bench"
path = "src/main.rs"
test = false
bench = false

[profile.release]
panic = "abort"
debug = 2
codegen-units = 1
EOF
cat > "$WORK/rust/src/main.rs" <<'EOF'
//! One CO-RE access per tracepoint program: task = bpf_get_current_task(); <access>; OUT = result.
#![no_std]
#![no_main]

use core::ptr::{addr_of_mut, write_volatile};

use aya_ebpf::{helpers::bpf_get_current_task, macros::tracepoint, programs::TracePointContext};
use btf_reloc_runtime::prelude::*;
use btf_reloc_runtime::{type_exists, type_size};

#[derive(BtfRelocatable)]
#[repr(C)]
pub struct sched_entity {
    vruntime: u64,
}

#[derive(BtfRelocatable)]
#[repr(C)]
#[btf(name = "task_struct")]
pub struct TaskStruct {
    se: sched_entity,
    comm: [u8; 16],
    real_parent: KernelPtr<TaskStruct>,
    pid: i32,
    tgid: i32,
    #[btf(bitfield)]
    sched_reset_on_fork: u8,
    /// No kernel has this field.
    btf_reloc_no_such_field: u64,
}

#[derive(BtfEnum, Clone, Copy)]
#[btf(name = "pid_type")]
pub enum PidType {
    #[btf(rename = "PIDTYPE_TGID")]
    Tgid = 1,
}

#[no_mangle]
static mut OUT: i64 = 0;

#[no_mangle]
static mut BUF: [u8; 16] = [0; 16];

#[inline(always)]
fn out(v: i64) {
    // SAFETY: a .bss global; concurrent writers only race on a benchmark value.
    unsafe { write_volatile(addr_of_mut!(OUT), v) }
}

#[inline(always)]
fn task() -> KernelPtr<TaskStruct> {
    // SAFETY: no preconditions.
    KernelPtr::from_addr(unsafe { bpf_get_current_task() })
}

macro_rules! prog {
    ($name:ident $body:block) => {
        #[tracepoint(category = "syscalls", name = "sys_enter_getppid")]
        pub fn $name(_ctx: TracePointContext) -> u32 {
            let () = $body;
            0
        }
    };
}

prog!(r0_base { out(KernelPtr::addr(task()) as i64); });
prog!(r1_pid { if let Ok(Some(v)) = task().pid() { out(v as i64); } });
prog!(r2_chain { let t = task(); if let Ok(Some(v)) = core_read!(t, real_parent, tgid) { out(v as i64); } });
prog!(r3_path { let t = task(); if let Ok(Some(v)) = core_read!(t, se, vruntime) { out(v as i64); } });
prog!(r4_str {
    let mut buf = [0u8; 16];
    if let Ok(Some(n)) = task().comm_str(&mut buf) { out(n as i64); }
});
prog!(r4g_str_global {
    // SAFETY: a .bss global; concurrent writers only race on benchmark bytes.
    let buf = unsafe { &mut *addr_of_mut!(BUF) };
    if let Ok(Some(n)) = task().comm_str(buf) { out(n as i64); }
});
prog!(r5_bitfield { if let Ok(Some(v)) = task().sched_reset_on_fork() { out(v as i64); } });
prog!(r6_enum { if let Some(v) = PidType::Tgid.value() { out(v); } });
prog!(r7a_type_exists { out(type_exists::<TaskStruct>() as i64); });
prog!(r7b_type_size { if let Some(v) = type_size::<TaskStruct>() { out(v as i64); } });
prog!(r8_missing { if let Ok(Some(v)) = task().btf_reloc_no_such_field() { out(v as i64); } });
prog!(r9_elem { if let Ok(Some(v)) = task().comm_at(3) { out(v as i64); } });

#[panic_handler]
fn panic(_info: &core::panic::PanicInfo<'_>) -> ! {
    loop {}
}

#[no_mangle]
#[link_section = "license"]
pub static LICENSE: [u8; 4] = *b"GPL\0";
EOF

# bpf-linker's directory: $BPF_LINKER_DIR, else what the repo's xtask reports.
BIN_DIR=${BPF_LINKER_DIR:-$(cd "$REPO" && cargo xtask setup --print-bin-dir | tail -1)}
(cd "$WORK/rust" && PATH="$BIN_DIR:$PATH" cargo +nightly build --release -q)
(cd "$REPO" && CARGO_TARGET_DIR=$HOST_TARGET cargo run -q -p btf-reloc -- \
    link "$WORK/rust/target/bpfel-unknown-none/release/bench" -o "$WORK/rust.o" >/dev/null)

# ---------------------------------------------------------------- C side
bpftool btf dump file /sys/kernel/btf/vmlinux format c > "$WORK/c/vmlinux.h"
cat > "$WORK/c/bench.bpf.c" <<'EOF'
// One CO-RE access per program: task = bpf_get_current_task(); <access>; out = result.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

char LICENSE[] SEC("license") = "GPL";

long out = 0;
char buf_global[16] = {};

struct task_struct___bench {
	u64 btf_reloc_no_such_field;
} __attribute__((preserve_access_index));

#define TASK ((struct task_struct *)bpf_get_current_task())
#define PROG(name) SEC("tracepoint/syscalls/sys_enter_getppid") int name(void *ctx)

PROG(c0_base) { out = (long)TASK; return 0; }
PROG(c1_pid) { struct task_struct *t = TASK; out = BPF_CORE_READ(t, pid); return 0; }
PROG(c2_chain) { struct task_struct *t = TASK; out = BPF_CORE_READ(t, real_parent, tgid); return 0; }
PROG(c3_path) { struct task_struct *t = TASK; out = BPF_CORE_READ(t, se.vruntime); return 0; }
PROG(c4_str) {
	struct task_struct *t = TASK;
	char buf[16];
	out = BPF_CORE_READ_STR_INTO(&buf, t, comm);
	return 0;
}
PROG(c4g_str_global) { struct task_struct *t = TASK; out = BPF_CORE_READ_STR_INTO(&buf_global, t, comm); return 0; }
PROG(c5_bitfield) { struct task_struct *t = TASK; out = BPF_CORE_READ_BITFIELD_PROBED(t, sched_reset_on_fork); return 0; }
PROG(c6_enum) { out = bpf_core_enum_value(enum pid_type, PIDTYPE_TGID); return 0; }
PROG(c7a_type_exists) { out = bpf_core_type_exists(struct task_struct); return 0; }
PROG(c7b_type_size) { out = bpf_core_type_size(struct task_struct); return 0; }
PROG(c8_missing) {
	struct task_struct___bench *t = (void *)bpf_get_current_task();
	if (bpf_core_field_exists(t->btf_reloc_no_such_field))
		out = BPF_CORE_READ(t, btf_reloc_no_such_field);
	return 0;
}
PROG(c9_elem) { struct task_struct *t = TASK; out = BPF_CORE_READ(t, comm[3]); return 0; }

/* btf-reloc's checks written by hand: exists, non-null, size, probe-read result. */
PROG(c1x_pid_checked) {
	struct task_struct *t = TASK;
	int v;
	if (bpf_core_field_exists(t->pid) && t && bpf_core_field_size(t->pid) == sizeof(v) &&
	    bpf_core_read(&v, sizeof(v), &t->pid) >= 0)
		out = v;
	return 0;
}
PROG(c6x_enum_checked) {
	if (bpf_core_enum_value_exists(enum pid_type, PIDTYPE_TGID))
		out = bpf_core_enum_value(enum pid_type, PIDTYPE_TGID);
	return 0;
}
EOF
clang -O2 -g -target bpf -c "$WORK/c/bench.bpf.c" -o "$WORK/c.o"

# ---------------------------------------------------------------- disassembly and load
for l in rust c; do
    llvm-objdump -d --no-show-raw-insn "$WORK/$l.o" > "$WORK/$l.dis"
    pin=/sys/fs/bpf/btf_reloc_bench_$l
    rm -rf "$pin"
    mountpoint -q /sys/fs/bpf || mount -t bpf bpf /sys/fs/bpf
    bpftool -d prog loadall "$WORK/$l.o" "$pin" > "$WORK/$l.load.log" 2>&1
    : > "$WORK/$l.xlated"
    for p in "$pin"/*; do
        echo "PROG $(basename "$p") $(bpftool -j prog show pinned "$p" | python3 -c 'import json,sys; print(json.load(sys.stdin)["bytes_xlated"])')" >> "$WORK/$l.xlated"
        bpftool prog dump xlated pinned "$p" | grep -v '^;' >> "$WORK/$l.xlated"
    done
    rm -rf "$pin"
done

python3 - "$WORK" <<'EOF'
import re, sys
work = sys.argv[1]

def static(lang):
    progs, cur = {}, None
    for line in open(f"{work}/{lang}.dis"):
        m = re.match(r"^[0-9a-f]{16} <(\w+)>:", line)
        if m:
            sym = m.group(1)
            if sym.startswith("LBB"):        # a branch target label inside the current function
                pass
            elif sym.startswith(("r", "c")) and sym[1].isdigit():
                cur = sym
                progs.setdefault(cur, [0, 0, 0])
            else:                            # .text helpers (memset, memcpy, ...)
                cur = None
            continue
        m = re.match(r"^\s+\d+:\t(.*)$", line)
        if m and cur:
            ll = m.group(1).rstrip().endswith(" ll")
            progs[cur][0] += 1; progs[cur][1] += 2 if ll else 1; progs[cur][2] += ll
    return progs

def loaded(lang):
    log = open(f"{work}/{lang}.load.log").read()
    processed = {}
    for m in re.finditer(r"prog '(\w+)': -- BEGIN PROG LOAD LOG --.*?processed (\d+) insns", log, re.S):
        processed[m.group(1)] = int(m.group(2))
    subprog = {m.group(1): (int(m.group(2)), m.group(3)) for m in
               re.finditer(r"prog '(\w+)': added (\d+) insns from sub-prog '(\w+)'", log)}
    xlated = {m.group(1): int(m.group(2)) // 8 for m in
              re.finditer(r"^PROG (\w+) (\d+)", open(f"{work}/{lang}.xlated").read(), re.M)}
    return processed, xlated, subprog

S = {"rust": static("rust"), "c": static("c")}
L = {"rust": loaded("rust"), "c": loaded("c")}
rows = [
    ("1 plain field `pid`", "r1_pid", "c1_pid", 1),
    ("1' same, C hand-checked like btf-reloc", "r1_pid", "c1x_pid_checked", 1),
    ("2 chain `real_parent, tgid`", "r2_chain", "c2_chain", 1),
    ("3 path `se.vruntime`", "r3_path", "c3_path", 1),
    ("4 string `comm`, stack buf", "r4_str", "c4_str", 1),
    ("4'' string, .bss buf both", "r4g_str_global", "c4g_str_global", 1),
    ("5 bitfield `sched_reset_on_fork`", "r5_bitfield", "c5_bitfield", 1),
    ("6 enum value PIDTYPE_TGID", "r6_enum", "c6_enum", 0),
    ("6' same, C checks exists first", "r6_enum", "c6x_enum_checked", 0),
    ("7a type_exists(task_struct)", "r7a_type_exists", "c7a_type_exists", 0),
    ("7b type_size(task_struct)", "r7b_type_size", "c7b_type_size", 0),
    ("8 missing field, guarded read", "r8_missing", "c8_missing", 1),
    ("+ array element `comm[3]`", "r9_elem", "c9_elem", 1),
]
def base(lang, task):
    b = S[lang]["r0_base" if lang == "rust" else "c0_base"]
    p, x, _ = L[lang]
    bp, bx = p["r0_base" if lang == "rust" else "c0_base"], x["r0_base" if lang == "rust" else "c0_base"]
    k = 0 if task else 1   # without a task, the frame has no `call bpf_get_current_task`
    return b[0] - k, b[1] - k, b[2], bp - k, bx - k

def cost(lang, prog, task):
    i, s, ll = S[lang][prog]
    bi, bs, bl, bp, bx = base(lang, task)
    p, x, sub = L[lang]
    extra = sub.get(prog)
    return i - bi, s - bs, ll - bl, p[prog] - bp, x[prog] - bx, extra

print("| access | Rust insns (slots, ld_imm64) | C insns (slots, ld_imm64) | ratio insns | ratio slots | xlated slots Rust / C | verifier processed Rust / C |")
print("|---|---|---|---|---|---|---|")
for name, r, c, task in rows:
    ri, rs, rl, rp, rx, rsub = cost("rust", r, task)
    ci, cs, cl, cp, cx, csub = cost("c", c, task)
    note = f" + {rsub[0]}-insn `{rsub[1]}` subprog" if rsub else ""
    ratio = lambda a, b: f"{a / b:.1f}" if b else "n/a (C: 0)"
    if r == "r8_missing":  # the verifier removes the read *and* the store: show whole programs
        rx, cx = f"whole prog {L['rust'][1][r]}", f"{L['c'][1][c]}"
        rp, cp = f"whole prog {L['rust'][0][r]}", f"{L['c'][0][c]}"
    print(f"| {name} | {ri} ({rs}, {rl}){note} | {ci} ({cs}, {cl}) | {ratio(ri, ci)} | {ratio(rs, cs)} | {rx} / {cx} | {rp} / {cp} |")

print()
print("| program | static insns | static slots | ld_imm64 | xlated slots | verifier processed |")
print("|---|---|---|---|---|---|")
for lang in ("rust", "c"):
    p, x, sub = L[lang]
    for prog, (i, s, ll) in sorted(S[lang].items()):
        extra = f" (+{sub[prog][0]} {sub[prog][1]})" if prog in sub else ""
        print(f"| {prog} | {i}{extra} | {s} | {ll} | {x.get(prog)} | {p.get(prog)} |")
EOF
echo "objects, disassembly, load logs and xlated dumps: $WORK"
