//! `btf-reloc gen`: snapshots of what it prints for a subset of a real kernel's BTF
//! (`fixtures/vmlinux-subset.btf`) and for a made-up BTF of edge cases, the checks that
//! `generated.rs` runs on them, rustfmt-cleanliness, errors, and the command line itself.
//!
//! `BLESS=1` rewrites the snapshots (and their checks). `cargo test -p btf-reloc --test gen --
//! --ignored regenerate_fixture` cuts the fixture anew out of the running kernel's BTF.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "the helpers of these tests fail them by panicking"
)]

#[path = "support/edge_btf.rs"]
mod edge_btf;

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::Command;

use btf_reloc::gen::{self, Item, Plan, Source, Spec, StructItem};
use btf_reloc_btf::Btf;

/// The kernel types of the fixture: at least twenty a user of btf-reloc reads, with everything
/// they embed.
const KERNEL_TYPES: &[&str] = &[
    "task_struct",
    "cred",
    "mm_struct",
    "fs_struct",
    "files_struct",
    "fdtable",
    "file",
    "path",
    "dentry",
    "qstr",
    "inode",
    "super_block",
    "nsproxy",
    "uts_namespace",
    "new_utsname",
    "pid",
    "upid",
    "signal_struct",
    "sched_entity",
    "list_head",
    "kuid_t",
    "kgid_t",
    "pid_type",
];

/// What the kernel test (`e2e-ebpf/src/generated.rs`) reads, as a user would ask for it.
const E2E_TYPES: &[&str] = &[
    "task_struct:pid,tgid,comm,real_parent,cred,nsproxy,mm,fs,sched_reset_on_fork",
    "cred:uid,gid,suid,sgid,euid,egid,fsuid,fsgid",
    "nsproxy:uts_ns.name.nodename,uts_ns.name.release",
    "mm_struct:arg_start,arg_end",
    "fs_struct:pwd.dentry.d_name.name",
    "pid_type:PIDTYPE_TGID,PIDTYPE_MAX",
];

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests")
}

/// The fixture's path as the snapshots' headers name it.
const FIXTURE: &str = "tests/fixtures/vmlinux-subset.btf";

fn fixture() -> Vec<u8> {
    let path = dir().join("fixtures/vmlinux-subset.btf");
    std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; create it with `cargo test -p btf-reloc --test gen -- --ignored \
             regenerate_fixture`",
            path.display()
        )
    })
}

fn specs(specs: &[&str]) -> Vec<Spec> {
    specs.iter().map(|s| s.parse().unwrap()).collect()
}

/// Compares `actual` with the committed `tests/snapshots/<name>`, or rewrites it with `BLESS=1`.
fn snapshot(name: &str, actual: &str) {
    let path = dir().join("snapshots").join(name);
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; run with BLESS=1 to create it", path.display()));
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(expected.lines().count().min(actual.lines().count()));
        panic!(
            "{name} changed (first at line {}); run with BLESS=1 to accept:\n{}",
            line + 1,
            actual
                .lines()
                .skip(line.saturating_sub(3))
                .take(12)
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
}

/// `rustfmt --check` of a snapshot: the output must be what rustfmt would write. Skipped (with
/// a note) when rustfmt is not installed.
fn assert_rustfmt_clean(name: &str) {
    let path = dir().join("snapshots").join(name);
    let output = match Command::new("rustfmt")
        .args(["--edition", "2021", "--check"])
        .arg(&path)
        .output()
    {
        Ok(output) => output,
        Err(e) => {
            eprintln!("rustfmt not run ({e}): formatting of {name} not checked");
            return;
        }
    };
    assert!(
        output.status.success(),
        "{name} is not rustfmt-clean:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Generates `specs` from `bytes`, snapshots the source and its checks, and checks formatting.
fn check_snapshot(name: &str, bytes: &[u8], path: &str, specs: &[Spec]) -> Plan {
    let btf = Btf::parse(bytes).unwrap();
    let plan = gen::plan(&btf, specs).unwrap();
    let source = plan.render(&Source::new(path, bytes, None), specs);
    let generated = gen::generate(bytes, specs, &Source::new(path, bytes, None)).unwrap();
    assert_eq!(
        generated.source, source,
        "generate() and plan().render() agree"
    );
    snapshot(&format!("{name}.rs"), &source);
    snapshot(&format!("{name}_checks.rs"), &render_checks(name, &plan));
    assert_rustfmt_clean(&format!("{name}.rs"));
    plan
}

#[test]
fn kernel_types() {
    let plan = check_snapshot("kernel_types", &fixture(), FIXTURE, &specs(KERNEL_TYPES));
    let structs = plan
        .items
        .iter()
        .filter(|i| matches!(i, Item::Struct(_)))
        .count();
    let fields: usize = plan
        .items
        .iter()
        .map(|i| match i {
            Item::Struct(s) => s.fields.len(),
            Item::Enum(_) => 0,
        })
        .sum();
    // The twenty-three requested types and what they embed, every member of each.
    assert!(
        structs > 100 && fields > 1000,
        "{structs} structs, {fields} fields"
    );
    assert!(plan.warnings.is_empty(), "{:?}", plan.warnings);
}

#[test]
fn e2e_types() {
    let plan = check_snapshot("e2e_types", &fixture(), FIXTURE, &specs(E2E_TYPES));
    let names: Vec<&str> = plan
        .items
        .iter()
        .map(|i| match i {
            Item::Struct(s) => s.rust_name.as_str(),
            Item::Enum(e) => e.rust_name.as_str(),
        })
        .collect();
    // Pointer steps of the paths declared their pointees, embedded steps their types.
    for name in [
        "task_struct",
        "uts_namespace",
        "new_utsname",
        "path",
        "dentry",
        "qstr",
        "kuid_t",
    ] {
        assert!(names.contains(&name), "{name} missing from {names:?}");
    }
}

#[test]
fn edge_cases() {
    let bytes = edge_btf::build().unwrap().to_bytes().unwrap();
    let plan = check_snapshot(
        "edge_cases",
        &bytes,
        "edge-cases.btf",
        &specs(edge_btf::SPECS),
    );
    let edge = plan
        .items
        .iter()
        .find_map(|i| match i {
            Item::Struct(s) if s.rust_name == "edge" => Some(s),
            _ => None,
        })
        .unwrap();
    let rust = |kernel: &str| {
        edge.fields
            .iter()
            .find(|f| f.kernel_name == kernel)
            .map(|f| (f.rust_name.as_str(), f.ty.as_str()))
    };
    assert_eq!(rust("type"), Some(("r#type", "i32")));
    assert_eq!(rust("self"), Some(("self_field", "i32")));
    assert_eq!(rust("clone"), Some(("clone_field", "i32")));
    assert_eq!(rust("sigPending"), Some(("sig_pending", "u32")));
    assert_eq!(rust("comm"), Some(("comm_field", "[u8; 16]")));
    assert_eq!(rust("bits_b"), Some(("bits_b", "i16")));
    assert_eq!(rust("bits_d"), Some(("bits_d", "u64")));
    assert_eq!(rust("ubuf"), Some(("ubuf", "UserPtr<u8>")));
    assert_eq!(rust("uedge"), Some(("uedge", "UserPtr<edge>")));
    assert_eq!(rust("next"), Some(("next", "KernelPtr<edge>")));
    assert_eq!(rust("pp"), Some(("pp", "*const *const i32")));
    assert_eq!(rust("grid"), Some(("grid", "[[i32; 3]; 2]")));
    assert_eq!(rust("y"), Some(("y", "i32")));
    assert_eq!(rust("u"), Some(("u", "edge__u")));
    assert_eq!(rust("flex"), Some(("flex", "[inner; 0]")));
    for left_out in ["wide", "ratio", "state"] {
        assert_eq!(rust(left_out), None);
        assert!(
            edge.omitted.iter().any(|o| o.name == left_out),
            "{left_out}"
        );
    }
}

#[test]
fn members_asked_for_but_not_declarable_are_warned_about() {
    let bytes = edge_btf::build().unwrap().to_bytes().unwrap();
    let source = Source::new("edge-cases.btf", &bytes, None);
    let generated = gen::generate(&bytes, &specs(&["edge:state,ratio,x"]), &source).unwrap();
    assert_eq!(generated.warnings.len(), 2, "{:?}", generated.warnings);
    assert!(generated.warnings[0].contains("struct edge.ratio is not declared"));
    assert!(generated.source.contains("// Not declared: `state`"));
    assert!(generated.source.contains("pub x: i32,"));
}

#[test]
fn errors_name_what_is_wrong_and_what_is_near() {
    let kernel = fixture();
    let edge = edge_btf::build().unwrap().to_bytes().unwrap();
    let cases: &[(&[u8], &str, &str)] = &[
        (
            &kernel,
            "task_strct",
            "no struct, union, enum or typedef named `task_strct` in the BTF; nearest: \
             `task_struct`",
        ),
        (
            &kernel,
            "task_struct:pidd,tgid",
            "`struct task_struct` has no member `pidd`; nearest: `pid`",
        ),
        (
            &kernel,
            "task_struct:se.vruntim",
            "`struct sched_entity` has no member `vruntim`; nearest: `vruntime`",
        ),
        (
            &kernel,
            "task_struct:pid.x",
            "`task_struct:pid.x`: member `pid` is `pid_t`, neither a struct nor a pointer to a \
             named struct, so `.x` cannot follow it",
        ),
        (
            &kernel,
            "task_struct:se.vruntime.x",
            "`task_struct:se.vruntime.x`: member `vruntime` is `u64`",
        ),
        (
            &kernel,
            "task_struct:mm.arg_start,mm.arg_strt",
            "`struct mm_struct` has no member `arg_strt`; nearest: `arg_start`",
        ),
        (
            &kernel,
            "pid_type:PIDTYPE_TGIDD",
            "`enum pid_type` has no member `PIDTYPE_TGIDD`; nearest: `PIDTYPE_TGID`",
        ),
        (
            &edge,
            "edge_union",
            "`edge_union`: a union: a union cannot be the root",
        ),
        (&edge, "kid_t:val", "nothing: no error"),
        (
            &edge,
            "not_declared",
            "`not_declared`: only declared (a forward declaration)",
        ),
        (
            &kernel,
            "pid_t",
            "`pid_t`: a typedef of `int`, which has no members: a member of this type is \
             declared as `i32`",
        ),
        (&kernel[..100], "task_struct", "malformed BTF: type section"),
        (b"not btf", "task_struct", "malformed BTF: bad magic"),
    ];
    for (bytes, spec, want) in cases {
        let source = Source::new("x", bytes, None);
        let result = gen::generate(bytes, &specs(&[spec]), &source);
        match (result, *want) {
            (Ok(_), "nothing: no error") => {}
            (Ok(_), _) => panic!("{spec}: generated; expected `{want}`"),
            (Err(e), _) => assert!(e.to_string().contains(want), "{spec}: `{e}` lacks `{want}`"),
        }
    }
}

/// Corrupted BTF gives declarations or an error, never a panic or a hang: bytes of the
/// fixture flipped at random (a fixed seed), four at a time, many times over.
#[test]
fn corrupted_btf_never_panics() {
    let good = fixture();
    let specs = specs(&["task_struct", "kuid_t", "pid_type", "dentry:d_name.name"]);
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let (mut ok, mut failed) = (0, 0);
    for _ in 0..300 {
        let mut bytes = good.clone();
        for _ in 0..4 {
            let at = 24 + (next() as usize) % (bytes.len() - 24);
            bytes[at] = next() as u8;
        }
        match gen::generate(&bytes, &specs, &Source::new("fuzz", &bytes, None)) {
            Ok(_) => ok += 1,
            Err(_) => failed += 1,
        }
    }
    assert!(ok > 0 && failed > 0, "{ok} generated, {failed} refused");
}

/// Found by the `gen` fuzz target: an int claiming more than 2^29 bytes (its size in bits
/// overflowed 32 bits while deciding whether it is a bitfield).
#[test]
fn an_int_of_absurd_size_is_no_overflow() {
    let mut btf = Btf::new();
    let int = btf.add_int("huge", 4, false).unwrap();
    btf.add_composite("s", false, 8, &[btf_reloc_btf::NewMember::new("x", int, 0)])
        .unwrap();
    let mut bytes = btf.to_bytes().unwrap();
    // The int is type 1, the first after the 24-byte header: name, info, then its size.
    assert_eq!(bytes[32..36], 4u32.to_le_bytes());
    bytes[32..36].copy_from_slice(&0x2000_0001u32.to_le_bytes());
    assert!(
        Btf::parse(&bytes).is_ok(),
        "the parser takes it: gen must cope"
    );
    // Declarations or an error: the point is that it returns.
    let _ = gen::generate(&bytes, &specs(&["s"]), &Source::new("x", &bytes, None));
}

/// The fixture's roots, kept with the layout closure of each.
#[test]
#[ignore = "rewrites tests/fixtures from the running kernel's BTF"]
fn regenerate_fixture() {
    let path = "/sys/kernel/btf/vmlinux";
    let bytes = std::fs::read(path).unwrap();
    let btf = Btf::parse(&bytes).unwrap();
    let mut roots = Vec::new();
    for name in KERNEL_TYPES {
        let (id, _) = btf
            .types_named(name)
            .min_by_key(|(id, t)| {
                (
                    t.kind.composite().is_none() && t.kind.any_enum().is_none(),
                    *id,
                )
            })
            .unwrap_or_else(|| panic!("{path} has no {name}"));
        roots.push(id);
    }
    let cut = btf_reloc_btf::subset::subset(&btf, &roots).unwrap();
    let out = cut.btf.to_bytes().unwrap();
    assert!(out.len() < 512 * 1024, "the fixture is {} bytes", out.len());
    std::fs::write(dir().join("fixtures/vmlinux-subset.btf"), &out).unwrap();
    let source = Source::new(
        path,
        &bytes,
        std::fs::read_to_string("/proc/sys/kernel/osrelease")
            .ok()
            .map(|r| r.trim().to_owned()),
    );
    let readme = format!(
        "# Fixtures\n\n\
         `vmlinux-subset.btf`: the layout closure of {} types of a kernel's BTF, cut out by\n\
         `btf_reloc_btf::subset` (structs only pointed to became forward declarations).\n\
         Regenerate with `cargo test -p btf-reloc --test gen -- --ignored regenerate_fixture`.\n\n\
         - source: `{}`, kernel {}\n\
         - source size: {} bytes\n\
         - source FNV-1a-64: {:#018x}\n\
         - subset: {} types, {} bytes\n",
        KERNEL_TYPES.len(),
        path,
        source.kernel_release.as_deref().unwrap_or("unknown"),
        source.len,
        source.fnv1a64,
        cut.btf.len(),
        out.len()
    );
    std::fs::write(dir().join("fixtures/README.md"), readme).unwrap();
}

/// Generated from the whole BTF the fixture was cut from, the declarations are the ones the
/// fixture gives (only the header differs): the cut kept everything the generator reads. Runs
/// where the running kernel's BTF is that BTF, and says so otherwise.
#[test]
fn the_fixture_generates_what_its_source_does() {
    let vmlinux = "/sys/kernel/btf/vmlinux";
    let Ok(bytes) = std::fs::read(vmlinux) else {
        eprintln!("{vmlinux} cannot be read: not compared");
        return;
    };
    let readme = std::fs::read_to_string(dir().join("fixtures/README.md")).unwrap();
    let source = Source::new(vmlinux, &bytes, None);
    if !readme.contains(&format!("{:#018x}", source.fnv1a64)) {
        eprintln!("{vmlinux} is not the BTF the fixture was cut from: not compared");
        return;
    }
    let body = |text: String| {
        text.lines()
            .skip_while(|l| l.starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    for list in [KERNEL_TYPES, E2E_TYPES] {
        let specs = specs(list);
        let whole = gen::generate(&bytes, &specs, &source).unwrap().source;
        let cut = gen::generate(&fixture(), &specs, &Source::new(FIXTURE, &fixture(), None))
            .unwrap()
            .source;
        assert!(
            body(whole) == body(cut),
            "{list:?}: the vmlinux and its subset generate different declarations"
        );
    }
}

/// The command line prints what the library generates, and fails with a message and status 1.
#[test]
fn the_command_line() {
    let exe = env!("CARGO_BIN_EXE_btf-reloc");
    let fixture_path = dir().join("fixtures/vmlinux-subset.btf");
    let run = |args: &[&str]| {
        Command::new(exe)
            .arg("gen")
            .arg("--btf")
            .arg(&fixture_path)
            .args(args)
            .output()
            .unwrap()
    };
    let out = run(E2E_TYPES);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let expected = std::fs::read_to_string(dir().join("snapshots/e2e_types.rs")).unwrap();
    let body = |text: &str| {
        text.lines()
            .skip_while(|l| l.starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(body(&stdout), body(&expected));
    assert!(stdout.starts_with(&format!(
        "// Generated by `btf-reloc gen` from {}",
        fixture_path.display()
    )));

    let out = run(&["task_struct:pidd"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("btf-reloc: error: ") && stderr.contains("nearest: `pid`"),
        "{stderr}"
    );

    let out = run(&["task_struct:"]);
    assert_eq!(out.status.code(), Some(2), "a bad spec is a usage error");
    assert!(String::from_utf8_lossy(&out.stderr).contains("an empty member name"));

    let out = Command::new(exe)
        .args(["gen", "--btf", "/nonexistent/btf", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/btf: No such file"));
}

/// The checks `generated.rs` runs on a snapshot: for each struct the relocations can start at,
/// a function that installs a simulation of the snapshot's BTF over patterned memory and
/// compares every field's offset and size queries, and what its getter reads, with the place
/// the doc comment gives; through embedded structs that are not roots (anonymous structs,
/// unions declared as structs) the reads go down the path. Bitfields are read from memory with
/// only their bits set, then with only their bits clear.
fn render_checks(name: &str, plan: &Plan) -> String {
    let structs: Vec<&StructItem> = plan
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Struct(s) => Some(s),
            Item::Enum(_) => None,
        })
        .collect();
    let mut out = format!(
        "// Checks of `{name}.rs`, rendered from its plan by `tests/gen.rs`; `BLESS=1` \
         rewrites them.\n\n"
    );
    let roots: Vec<&&StructItem> = structs.iter().filter(|s| s.is_root()).collect();
    out.push_str("pub(crate) fn all(c: &mut Checker) {\n");
    out.push_str("    let _sim = c.install(0);\n");
    for s in &roots {
        let _ = writeln!(out, "    {}(c);", check_fn(s));
    }
    for s in structs.iter().filter(|s| !s.is_root()) {
        for f in &s.fields {
            let _ = writeln!(
                out,
                "    c.not_root(\"{}.{}\", {}::{}_byte_offset());",
                s.rust_name,
                f.kernel_name,
                s.rust_name,
                f.method_base()
            );
        }
    }
    out.push_str("}\n");
    for s in roots {
        let _ = writeln!(out, "\nfn {}(c: &mut Checker) {{", check_fn(s));
        let _ = writeln!(out, "    let _sim = c.install({});", s.size);
        let mut body = String::new();
        reads(&mut body, &structs, s, "p", &s.rust_name, 0, s.size, 0);
        if !body.is_empty() {
            let _ = writeln!(
                out,
                "    let p = KernelPtr::<{}>::from_addr(BASE);",
                s.rust_name
            );
        }
        for f in &s.fields {
            if f.bitfield.is_none() {
                let _ = writeln!(
                    out,
                    "    c.offset(\"{0}.{1}\", {0}::{2}_byte_offset(), {0}::{2}_byte_size(), \
                     {3}, {4});",
                    s.rust_name,
                    f.kernel_name,
                    f.method_base(),
                    f.bit_offset / 8,
                    f.size
                );
            }
        }
        out.push_str(&body);
        out.push_str("}\n");
    }
    out
}

fn check_fn(s: &StructItem) -> String {
    format!("check_{}", s.rust_name)
}

/// The read checks of the fields of `s`, reached through `chain` (an expression of the
/// getter chain so far) at `base` bytes from the root of `root_size` bytes.
#[allow(clippy::too_many_arguments)]
fn reads(
    out: &mut String,
    structs: &[&StructItem],
    s: &StructItem,
    chain: &str,
    what: &str,
    base: u64,
    root_size: u32,
    depth: usize,
) {
    for f in &s.fields {
        let path = format!("{what}.{}", f.kernel_name);
        let getter = if chain == "p" {
            format!("p.{}()", f.rust_name)
        } else {
            format!("{chain}.and_get(|h| h.{}())", f.rust_name)
        };
        let at = base + f.bit_offset / 8;
        if let Some(bits) = f.bitfield {
            let _ = writeln!(
                out,
                "    c.bitfield(\"{path}\", {root_size}, {}, {bits}, {}, || {getter});",
                base * 8 + f.bit_offset,
                f.signed
            );
            continue;
        }
        let embedded = structs.iter().find(|t| t.rust_name == f.ty);
        match embedded {
            Some(t) => {
                let _ = writeln!(
                    out,
                    "    c.embedded(\"{path}\", {getter}.map(|h| h.map(Ptr::addr)), {at});"
                );
                // A root is checked on its own; the others only through their paths.
                if !t.is_root() && depth < 8 {
                    reads(out, structs, t, &getter, &path, at, root_size, depth + 1);
                }
            }
            // Arrays of structs: their elements are handles, checked through `_byte_offset`.
            None if f.ty.starts_with('[')
                && structs
                    .iter()
                    .any(|t| f.ty.contains(&format!("[{};", t.rust_name))) => {}
            None => {
                let _ = writeln!(out, "    c.value(\"{path}\", {getter}, {at});");
            }
        }
    }
}

#[test]
fn source_digest_is_fnv1a64() {
    // The published FNV-1a 64 test vector for "a".
    assert_eq!(Source::new("x", b"a", None).fnv1a64, 0xaf63_dc4c_8601_ec8c);
}
