//! Compile-fail (`tests/ui/<category>/*.rs`) and must-compile (`tests/pass/*.rs`) tests of
//! `#[derive(BtfRelocatable)]`, through the `btf-reloc-runtime` facade as users write it.
//!
//! The committed `.stderr` files are the output of the stable toolchain named in
//! `tests/ui/TOOLCHAIN` (rustc 1.95, the one CI uses): rustc rewords its own diagnostics between
//! releases, so on any other compiler this test prints a notice and passes without running.
//! Regenerate after a toolchain bump with
//! `TRYBUILD=overwrite cargo test -p btf-reloc-ui-tests`, read every changed `.stderr`, and update
//! `TOOLCHAIN`.

use std::io::Write as _;
use std::process::Command;

#[test]
fn ui() {
    if let Some(reason) = toolchain_mismatch() {
        // Straight to stderr: libtest captures `eprintln!` of passing tests, and a silent skip
        // would hide that the suite did not run.
        let _ = writeln!(
            std::io::stderr(),
            "note: skipping the trybuild UI tests: {reason}"
        );
        return;
    }
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/**/*.rs");
    t.pass("tests/pass/*.rs");
}

/// Why the running compiler is not the one the `.stderr` files were generated with, if it is not.
fn toolchain_mismatch() -> Option<String> {
    let dir = env!("CARGO_MANIFEST_DIR");
    let expected = std::fs::read_to_string(format!("{dir}/tests/ui/TOOLCHAIN"))
        .expect("tests/ui/TOOLCHAIN names the toolchain of the .stderr files, e.g. `1.95`");
    let expected = expected.trim();
    // trybuild builds through cargo, which honours `RUSTC` and the toolchain selected for this
    // directory; ask the same compiler.
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let output = match Command::new(&rustc).arg("-V").current_dir(dir).output() {
        Ok(output) if output.status.success() => output,
        Ok(output) => return Some(format!("`rustc -V` failed: {}", output.status)),
        Err(e) => return Some(format!("cannot run `rustc -V`: {e}")),
    };
    let version = String::from_utf8_lossy(&output.stdout);
    // "rustc 1.95.0 (59807616e 2026-04-14)" -> "1.95.0"
    let full = version.split_whitespace().nth(1).unwrap_or_default();
    let minor = full.splitn(3, '.').take(2).collect::<Vec<_>>().join(".");
    if full.contains('-') {
        // beta and nightly word diagnostics differently from the stable release of that number.
        Some(format!(
            "the .stderr files are for stable {expected}, this is `{}`",
            version.trim()
        ))
    } else if minor != expected {
        Some(format!(
            "the .stderr files are for rustc {expected}, this is `{}`",
            version.trim()
        ))
    } else {
        None
    }
}
