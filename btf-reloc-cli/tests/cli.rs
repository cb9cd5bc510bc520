//! The command line as a user meets it: `--version`, `--help` on every command, the documented
//! exit statuses, and errors on bad input that name the file and leave it as it was.

use std::path::PathBuf;
use std::process::{Command, Output};

fn btf_reloc(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_btf-reloc"))
        .args(args)
        .output()
        .expect("runs btf-reloc")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A scratch file of this test's own, holding `bytes`.
fn scratch(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli");
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("scratch file");
    path
}

#[test]
fn version_is_the_packages() {
    let out = btf_reloc(&["--version"]);
    assert!(out.status.success());
    assert_eq!(
        text(&out.stdout),
        format!("btf-reloc {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn every_command_has_help() {
    let out = btf_reloc(&["--help"]);
    assert!(out.status.success());
    let top = text(&out.stdout);
    assert!(top.contains("Exit status:"), "{top}");
    for command in ["link", "dump", "gen", "check"] {
        assert!(
            top.contains(&format!("  {command} ")),
            "{command} in\n{top}"
        );
        let out = btf_reloc(&[command, "--help"]);
        assert!(out.status.success(), "{command} --help");
        let help = text(&out.stdout);
        assert!(
            help.contains(&format!("Usage: btf-reloc {command} ")),
            "{help}"
        );
    }
    let check = text(&btf_reloc(&["check", "--help"]).stdout);
    assert!(
        check.contains("--json") && check.contains("Exit status:"),
        "{check}"
    );
    assert!(text(&btf_reloc(&["dump", "--help"]).stdout).contains("--json"));
}

#[test]
fn usage_errors_exit_2() {
    for args in [&["frob"][..], &[], &["dump"], &["link", "--nope", "x"]] {
        let out = btf_reloc(args);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            text(&out.stderr)
        );
    }
}

#[test]
fn bad_input_is_an_error_naming_the_file_which_is_left_alone() {
    let not_elf = b"not an ELF object at all".as_slice();
    for command in ["link", "dump", "check"] {
        let path = scratch(&format!("{command}.o"), not_elf);
        let shown = path.display().to_string();
        let mut args = vec![command, shown.as_str()];
        if command == "dump" {
            args.push("--json");
        }
        let out = btf_reloc(&args);
        assert_eq!(out.status.code(), Some(1), "{command}");
        let stderr = text(&out.stderr);
        assert!(
            stderr.starts_with(&format!("btf-reloc: error: {shown}")) && stderr.contains("ELF"),
            "{command}: {stderr}"
        );
        assert!(out.stdout.is_empty(), "{command}: nothing on stdout");
        assert_eq!(std::fs::read(&path).expect("still there"), not_elf);
    }
}

/// A real object before the post-link step (see `btf-reloc-link/tests/fixtures/README.md`).
fn unlinked_object() -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../btf-reloc-link/tests/fixtures/e2e-libbpf.o");
    std::fs::read(path).expect("btf-reloc-link/tests/fixtures/e2e-libbpf.o (see its README)")
}

/// The names in the scratch directory that start with `prefix` or `.prefix` (temporary files).
fn scratch_names(prefix: &str) -> Vec<String> {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("scratch dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.trim_start_matches('.').starts_with(prefix))
        .collect();
    names.sort();
    names
}

#[cfg(unix)]
#[test]
fn output_onto_the_input_is_in_place_and_failures_change_nothing() {
    use std::os::unix::fs::PermissionsExt;

    let original = unlinked_object();
    // What an earlier run left.
    let _ = std::fs::remove_dir_all(
        PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli/onto-itself.dir"),
    );
    let path = scratch("onto-itself.o", &original);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o750)).expect("chmod");
    let shown = path.display().to_string();

    // `-o` naming the input itself used to truncate it before writing.
    let out = btf_reloc(&["link", &shown, "-o", &shown]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("CO-RE relocation(s)"));
    let linked = std::fs::read(&path).expect("read");
    assert_ne!(linked, original);
    let dump = btf_reloc(&["dump", &shown]);
    assert!(
        text(&dump.stdout).contains("CO-RE relocation record(s)")
            && !text(&dump.stdout).contains("pending"),
        "{}",
        text(&dump.stdout)
    );
    let mode = std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode, 0o750);
    assert_eq!(scratch_names("onto-itself"), ["onto-itself.o"]);

    // A destination that cannot be written: an error naming it, nothing changed.
    let dir = scratch_dir("onto-itself.dir");
    let out = btf_reloc(&["link", &shown, "-o", &dir.display().to_string()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("not written"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(std::fs::read(&path).expect("read"), linked);
    assert_eq!(
        scratch_names("onto-itself"),
        ["onto-itself.dir", "onto-itself.o"]
    );
    std::fs::remove_dir(&dir).expect("cleanup");
}

/// An empty scratch directory called `name`.
fn scratch_dir(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("cli")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}
