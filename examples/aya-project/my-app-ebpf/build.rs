//! rustc calls `bpf-linker` by name, so which one links the object depends on `PATH`, which
//! cargo does not track. Relink when the `bpf-linker` found on `PATH` changes, e.g. after it was
//! rebuilt for a new nightly. (aya-template does the same with the `which` crate. Tracking `PATH`
//! itself would rebuild on every change of the shell's `PATH`.)

use std::env;

fn main() {
    let linker = env::var_os("PATH").and_then(|path| {
        env::split_paths(&path)
            .map(|dir| dir.join("bpf-linker"))
            .find(|candidate| candidate.is_file())
    });
    match linker {
        Some(linker) => println!("cargo:rerun-if-changed={}", linker.display()),
        // This script also runs when `my-app` builds this crate's (empty) library for the host,
        // which needs no linker. For the eBPF build, say what is missing before rustc fails.
        None if env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("bpf") => println!(
            "cargo:warning=bpf-linker is not on PATH: the eBPF build needs one built against \
             the LLVM of the nightly rustc (see the btf-reloc README)"
        ),
        None => {}
    }
}
