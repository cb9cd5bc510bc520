//! Building the `e2e-ebpf` crate into eBPF objects, in two variants: with
//! `.BTF`/`.BTF.ext` (`-C link-arg=--btf`, what the crate's own
//! `.cargo/config.toml` does) and without them, since btf-reloc must work on
//! objects the linker gave no BTF.

use std::{
    fmt, fs,
    path::{Path, PathBuf},
    process::Command,
};

use object::{Object as _, ObjectSection as _};

use crate::{cmd, setup::Toolchain, Result};

/// The e2e eBPF crate, next to this one.
fn crate_dir() -> PathBuf {
    crate::workspace_root().join("e2e-ebpf")
}

const TARGET: &str = "bpfel-unknown-none";
/// The eBPF objects (cargo binaries) of the crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Bin {
    /// Every aya-loaded e2e program (`src/main.rs`); its maps are legacy `maps`-section maps.
    Main,
    /// The program libbpf loads (`src/libbpf.rs`): no legacy maps, which libbpf 1.x refuses.
    Libbpf,
    /// `bpf_core_read.h` on the running kernel (`src/core.rs`): apart, because it relocates
    /// `TYPE_SIZE`, which aya refuses for types absent from a synthetic target BTF.
    Core,
    /// `bpf_core_read.h` against synthetic kernels (`src/synthetic_core_main.rs`): apart, because
    /// it relocates `TYPE_SIZE` of types only the synthetic kernels have.
    SyntheticCore,
}

impl Bin {
    const ALL: [Self; 4] = [Self::Main, Self::Libbpf, Self::Core, Self::SyntheticCore];

    fn name(self) -> &'static str {
        match self {
            Self::Main => "e2e-ebpf",
            Self::Libbpf => "e2e-libbpf",
            Self::Core => "e2e-core",
            Self::SyntheticCore => "e2e-synthetic-core",
        }
    }
}

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
}

/// Whether the object carries the linker's BTF.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Variant {
    Btf,
    NoBtf,
}

impl Variant {
    const ALL: [Self; 2] = [Self::Btf, Self::NoBtf];

    /// Each variant has its own target dir: the flags differ, and cargo would
    /// otherwise rebuild everything on every switch.
    fn target_dir(self) -> PathBuf {
        let target = crate_dir().join("target");
        match self {
            // Shared with a plain `cargo build` in the crate.
            Self::Btf => target,
            Self::NoBtf => target.join("no-btf"),
        }
    }

    /// Replaces the crate's configured rustflags, if needed.
    /// `CARGO_ENCODED_RUSTFLAGS` beats `[target.*] rustflags` in cargo's
    /// precedence, so the no-BTF build drops `-C link-arg=--btf` there.
    fn rustflags(self) -> Option<&'static str> {
        match self {
            Self::Btf => None,
            Self::NoBtf => Some("-Cdebuginfo=2"),
        }
    }
}

impl fmt::Display for Variant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Btf => "btf",
            Self::NoBtf => "no-btf",
        })
    }
}

/// The built (or post-linked) objects, one per [`Bin`] and [`Variant`].
#[derive(Debug, Clone)]
pub(crate) struct Objects {
    paths: Vec<(Bin, Variant, PathBuf)>,
}

impl Objects {
    /// The main object of `variant`.
    pub(crate) fn path(&self, variant: Variant) -> &Path {
        self.path_of(Bin::Main, variant)
    }

    /// The object of `bin` and `variant`.
    pub(crate) fn path_of(&self, bin: Bin, variant: Variant) -> &Path {
        self.paths
            .iter()
            .find(|(b, v, _)| (*b, *v) == (bin, variant))
            .map(|(_, _, path)| path.as_path())
            // `build` fills every combination; an empty path fails loudly at load time.
            .unwrap_or(Path::new(""))
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = (Bin, Variant, &Path)> {
        self.paths
            .iter()
            .map(|(bin, variant, path)| (*bin, *variant, path.as_path()))
    }

    /// Applies `f` to every object, e.g. a post-link step.
    pub(crate) fn try_map(&self, mut f: impl FnMut(&Path) -> Result<PathBuf>) -> Result<Self> {
        let paths = self
            .paths
            .iter()
            .map(|(bin, variant, path)| Ok((*bin, *variant, f(path)?)))
            .collect::<Result<_>>()?;
        Ok(Self { paths })
    }
}

/// Builds both variants and returns their object paths.
pub(crate) fn build(toolchain: &Toolchain, profile: Profile) -> Result<Objects> {
    let mut paths = Vec::new();
    for variant in Variant::ALL {
        for (bin, path) in build_variant(toolchain, profile, variant)? {
            paths.push((bin, variant, path));
        }
    }
    Ok(Objects { paths })
}

/// Builds every [`Bin`] of one variant.
fn build_variant(
    toolchain: &Toolchain,
    profile: Profile,
    variant: Variant,
) -> Result<Vec<(Bin, PathBuf)>> {
    let target_dir = variant.target_dir();
    let mut cargo = Command::new("cargo");
    cmd::scrub_env(&mut cargo)
        .current_dir(crate_dir())
        .env("PATH", path_with(&toolchain.bin_dir)?)
        // The crate's .cargo/config.toml sets the target and build-std; say
        // them again so the build does not depend on where it is started.
        .args([
            "+nightly",
            "build",
            "--target",
            TARGET,
            "-Z",
            "build-std=core",
        ])
        .args(["--bins", "--target-dir"])
        .arg(&target_dir);
    if let Profile::Release = profile {
        cargo.arg("--release");
    }
    if let Some(flags) = variant.rustflags() {
        cargo.env("CARGO_ENCODED_RUSTFLAGS", flags);
    }
    cmd::run(&mut cargo, &format!("building the {variant} eBPF object"))?;
    Bin::ALL
        .into_iter()
        .map(|bin| {
            let object = target_dir.join(TARGET).join(profile.dir()).join(bin.name());
            check_sections(&object, variant)?;
            Ok((bin, object))
        })
        .collect()
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
fn path_with(dir: &Path) -> Result<std::ffi::OsString> {
    let rest = std::env::var_os("PATH").unwrap_or_default();
    let paths = std::iter::once(dir.to_path_buf()).chain(std::env::split_paths(&rest));
    Ok(std::env::join_paths(paths)?)
}

/// Which of the BTF sections an object has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct BtfSections {
    pub(crate) btf: bool,
    pub(crate) btf_ext: bool,
}

/// Reads the section table of the ELF object at `path`.
pub(crate) fn btf_sections(path: &Path) -> Result<BtfSections> {
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
