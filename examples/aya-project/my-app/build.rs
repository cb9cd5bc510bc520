//! Builds the eBPF program and post-links it, so that `src/main.rs` embeds an object any CO-RE
//! loader relocates.
//!
//! 1. `aya_build::build_ebpf` builds `my-app-ebpf` with nightly for `bpfel-unknown-none`
//!    (`-Z build-std=core`, linked by the `bpf-linker` on `PATH`) and copies each of its binaries
//!    to `$OUT_DIR/<binary name>`.
//! 2. `btf_reloc_link::link_file` turns the marker instructions and field descriptors that
//!    btf-reloc-runtime left in the object into CO-RE relocation records (`.BTF`, `.BTF.ext`).
//!    Without it the object does not load: the verifier refuses it with
//!    `invalid func unknown#201842688`.

use std::{env, path::PathBuf};

use anyhow::Context as _;

/// The eBPF crate's *binary* name (`[[bin]] name` in `my-app-ebpf/Cargo.toml`), which is the
/// object's file name in `OUT_DIR`. Not the package name `my-app-ebpf`: aya-template names the
/// binary after the project, and `$OUT_DIR/my-app-ebpf` does not exist.
const EBPF_BIN: &str = "my-app";

fn main() -> anyhow::Result<()> {
    let ebpf = aya_build::Package {
        name: "my-app-ebpf",
        // Watched for changes (`cargo:rerun-if-changed`).
        root_dir: concat!(env!("CARGO_MANIFEST_DIR"), "/../my-app-ebpf"),
        ..Default::default()
    };
    aya_build::build_ebpf([ebpf], aya_build::Toolchain::default())?;

    // In place: aya_build has just copied a fresh object there from its own target dir. (With
    // `AYA_BUILD_SKIP=1` it builds nothing, and the object the last build left is already
    // post-linked: `link_file` then has nothing to do.)
    let out_dir = env::var_os("OUT_DIR").context("OUT_DIR is not set")?;
    let object = PathBuf::from(out_dir).join(EBPF_BIN);
    btf_reloc_link::link_file(&object, None)
        .with_context(|| format!("post-linking {} (btf-reloc link)", object.display()))?;
    Ok(())
}
