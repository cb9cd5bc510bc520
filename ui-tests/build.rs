//! Decides, at build time, whether the UI tests can run. Their `.stderr` files are the wording of
//! the rustc that `rust-toolchain.toml` pins (rustc rewords its diagnostics between releases), so
//! on any other compiler `tests/ui.rs` marks the suite ignored: cargo's summary then says
//! "1 ignored" instead of failing on wording or passing without having run.

use std::path::Path;
use std::process::Command;

/// Set when the compiler is the pinned one.
const CFG: &str = "pinned_rustc";

fn main() {
    println!("cargo::rustc-check-cfg=cfg({CFG})");
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".to_owned());
    let toolchain_file = Path::new(&manifest_dir).join("../rust-toolchain.toml");
    println!("cargo::rerun-if-changed={}", toolchain_file.display());
    match (pinned_version(&toolchain_file), compiler_version()) {
        (Ok(pinned), Ok(running)) if running.split_whitespace().nth(1) == Some(pinned.as_str()) => {
            println!("cargo::rustc-cfg={CFG}");
        }
        (pinned, running) => {
            let pinned = pinned.unwrap_or_else(|e| format!("? ({e})"));
            let running = running.unwrap_or_else(|e| format!("? ({e})"));
            println!(
                "cargo::warning=the UI tests will be ignored: their .stderr files are for \
                 rustc {pinned} (rust-toolchain.toml); this is `{running}`"
            );
        }
    }
}

/// The `channel` of `rust-toolchain.toml`: an exact version like `1.95.0`.
fn pinned_version(file: &Path) -> Result<String, String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    // The file is ours and simple; a TOML parser would be a dependency for one line.
    text.lines()
        .filter_map(|line| line.trim().strip_prefix("channel"))
        .filter_map(|rest| rest.trim_start().strip_prefix('='))
        .map(|value| value.trim().trim_matches('"').to_owned())
        .next()
        .ok_or_else(|| format!("no `channel = \"...\"` in {}", file.display()))
}

/// `rustc -V` of the compiler cargo builds with (trybuild's cargo uses the same one).
fn compiler_version() -> Result<String, String> {
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let output = Command::new(&rustc)
        .arg("-V")
        .output()
        .map_err(|e| format!("cannot run {}: {e}", rustc.to_string_lossy()))?;
    if !output.status.success() {
        return Err(format!("`rustc -V` failed: {}", output.status));
    }
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
}
