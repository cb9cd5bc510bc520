//! Building the `e2e-ebpf` crate into eBPF objects, from the root workspace with nightly, in both
//! variants of `btf_reloc_e2e_common::objects::Variant`: with `.BTF`/`.BTF.ext`
//! (`-C link-arg=--btf`) and without them, since btf-reloc must work on objects the linker gave
//! no BTF.
//!
//! What an eBPF build needs and the host crates of the workspace must not get is passed here, for
//! this build only: the target, `-Z build-std=core`, the rustflags and the profile settings. Each
//! variant has its own target dir under `target/e2e-ebpf/`: the flags differ, and cargo would
//! otherwise rebuild everything on every switch. The benchmark's eBPF crate (`bench-ebpf`) is
//! built the same way, into the same target dir.

use std::{
    ffi::OsString,
    fs,
    path::{Path, PathBuf},
    process::Command,
};

use btf_reloc_e2e_common::objects::{Bin, Variant};
use object::{Object as _, ObjectSection as _};

use crate::{cmd, setup::Toolchain, Result};

/// The package of the eBPF programs.
const PACKAGE: &str = "e2e-ebpf";
const TARGET: &str = "bpfel-unknown-none";

/// Cargo profile of the eBPF build.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Profile {
    Dev,
    Release,
}

impl Profile {
    /// The directory cargo puts the profile's artifacts in.
    fn dir(self) -> &'static str {
        match self {
            Self::Dev => "debug",
            Self::Release => "release",
        }
    }

    /// The profile settings an eBPF object needs, as `CARGO_PROFILE_<NAME>_<KEY>` variables
    /// (aya-template sets the same in its eBPF crate's profiles).
    fn env(self) -> Vec<(String, &'static str)> {
        // aya-template's: no unwinding in eBPF, full debuginfo (bpf-linker makes the BTF from
        // it), one codegen unit.
        let mut settings = vec![("PANIC", "abort"), ("DEBUG", "2"), ("CODEGEN_UNITS", "1")];
        let name = match self {
            Self::Dev => {
                // The verifier needs optimised code even in dev builds.
                settings.extend([
                    ("OPT_LEVEL", "3"),
                    ("DEBUG_ASSERTIONS", "false"),
                    ("OVERFLOW_CHECKS", "false"),
                    ("INCREMENTAL", "false"),
                ]);
                "DEV"
            }
            Self::Release => "RELEASE",
        };
        settings
            .into_iter()
            .map(|(key, value)| (format!("CARGO_PROFILE_{name}_{key}"), value))
            .collect()
    }
}

/// The target dir of `variant`'s build.
fn target_dir(variant: Variant) -> PathBuf {
    crate::workspace_root()
        .join("target/e2e-ebpf")
        .join(variant.name())
}

/// The rustflags of `variant` (`CARGO_ENCODED_RUSTFLAGS`: arguments separated by `\x1f`). With
/// `--target`, cargo gives them to the eBPF crates only, not to build scripts and proc-macros.
fn rustflags(variant: Variant) -> &'static str {
    match variant {
        Variant::Btf => "-Cdebuginfo=2\x1f-Clink-arg=--btf",
        Variant::NoBtf => "-Cdebuginfo=2",
    }
}

/// The built objects, one per [`Bin`] and [`Variant`].
#[derive(Debug, Clone)]
pub(crate) struct Built {
    paths: Vec<(Bin, Variant, PathBuf)>,
}

impl Built {
    pub(crate) fn iter(&self) -> impl Iterator<Item = (Bin, Variant, &Path)> {
        self.paths
            .iter()
            .map(|(bin, variant, path)| (*bin, *variant, path.as_path()))
    }
}

/// Builds both variants and returns their object paths.
pub(crate) fn build(toolchain: &Toolchain, profile: Profile) -> Result<Built> {
    let mut paths = Vec::new();
    for variant in Variant::ALL {
        for (bin, path) in build_variant(toolchain, profile, variant)? {
            paths.push((bin, variant, path));
        }
    }
    Ok(Built { paths })
}

/// Builds every [`Bin`] of one variant.
fn build_variant(
    toolchain: &Toolchain,
    profile: Profile,
    variant: Variant,
) -> Result<Vec<(Bin, PathBuf)>> {
    let dir = build_package(toolchain, profile, variant, PACKAGE)?;
    Bin::ALL
        .into_iter()
        .map(|bin| {
            let object = dir.join(bin.name());
            check_sections(&object, variant)?;
            Ok((bin, object))
        })
        .collect()
}

/// Builds the bins of the eBPF crate `package` (a member of the root workspace) as `variant`,
/// in that variant's target dir, and returns the directory the objects are in (each named after
/// its bin). Other eBPF crates than [`PACKAGE`] share the target dir: their dependencies and
/// `core` are built with the same flags.
pub(crate) fn build_package(
    toolchain: &Toolchain,
    profile: Profile,
    variant: Variant,
    package: &str,
) -> Result<PathBuf> {
    let target_dir = target_dir(variant);
    let mut cargo = Command::new("cargo");
    cmd::scrub_env(&mut cargo)
        .current_dir(crate::workspace_root())
        .env("PATH", path_with(&toolchain.bin_dir)?)
        .env("CARGO_ENCODED_RUSTFLAGS", rustflags(variant))
        .envs(profile.env())
        .args(["+nightly", "build", "--package", package, "--bins"])
        .args(["--target", TARGET, "-Z", "build-std=core", "--target-dir"])
        .arg(&target_dir);
    if let Profile::Release = profile {
        cargo.arg("--release");
    }
    cmd::run(
        &mut cargo,
        &format!("building the {variant} eBPF objects of {package}"),
    )?;
    Ok(target_dir.join(TARGET).join(profile.dir()))
}

/// Catches a change in bpf-linker or in the flags that would silently make
/// both variants the same.
fn check_sections(object: &Path, variant: Variant) -> Result<()> {
    let sections = btf_sections(object)?;
    let want = variant == Variant::Btf;
    if sections
        == (BtfSections {
            btf: want,
            btf_ext: want,
        })
    {
        return Ok(());
    }
    Err(format!(
        "the {variant} object {} has unexpected BTF sections: {sections:?}",
        object.display()
    )
    .into())
}

/// `PATH` with `dir` in front.
pub(crate) fn path_with(dir: &Path) -> Result<OsString> {
    let rest = std::env::var_os("PATH").unwrap_or_default();
    let paths = std::iter::once(dir.to_path_buf()).chain(std::env::split_paths(&rest));
    Ok(std::env::join_paths(paths)?)
}

/// Which of the BTF sections an object has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct BtfSections {
    btf: bool,
    btf_ext: bool,
}

/// Reads the section table of the ELF object at `path`.
fn btf_sections(path: &Path) -> Result<BtfSections> {
    let data =
        fs::read(path).map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    let file = object::File::parse(&*data)
        .map_err(|error| format!("{} is not an object file: {error}", path.display()))?;
    let has = |name: &str| file.sections().any(|section| section.name() == Ok(name));
    Ok(BtfSections {
        btf: has(".BTF"),
        btf_ext: has(".BTF.ext"),
    })
}
