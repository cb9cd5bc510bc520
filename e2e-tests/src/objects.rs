//! Where the post-linked objects are: `<dir>/<variant>/<bin>` (and the linker's output before
//! post-linking, `<bin>.unlinked`), the directory named by
//! `BTF_RELOC_E2E_OBJECTS` (`btf_reloc_e2e_common::objects`). `cargo xtask` writes them there
//! through [`Objects::path`] too, so the layout is decided here only.

use std::path::{Path, PathBuf};

use btf_reloc_e2e_common::objects::{Bin, Variant, DIR_VAR};

use crate::Result;

/// A directory of post-linked objects.
#[derive(Debug, Clone)]
pub struct Objects {
    dir: PathBuf,
}

impl Objects {
    /// The objects in `dir`.
    pub fn at(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    /// The objects `cargo xtask e2e` built for this test run. Without them a kernel test cannot
    /// run, and it must not pass: the error says how to get them.
    pub fn from_env() -> Result<Self> {
        let Some(dir) = std::env::var_os(DIR_VAR) else {
            return Err(format!(
                "{DIR_VAR} is not set: the kernel tests load eBPF objects that `cargo xtask e2e` \
                 builds and post-links; run them with `cargo xtask e2e [FILTER]`"
            )
            .into());
        };
        let objects = Self::at(dir);
        if !objects.dir.is_dir() {
            return Err(format!(
                "{DIR_VAR}={} is not a directory; run the kernel tests with `cargo xtask e2e \
                 [FILTER]`",
                objects.dir.display()
            )
            .into());
        }
        Ok(objects)
    }

    /// The directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The object of `bin` in `variant`.
    pub fn path(&self, bin: Bin, variant: Variant) -> PathBuf {
        self.dir.join(variant.name()).join(bin.name())
    }

    /// The object of `bin` in `variant` as the linker wrote it, before the post-link step: what
    /// a user who forgot `btf-reloc link` would load.
    pub fn unlinked_path(&self, bin: Bin, variant: Variant) -> PathBuf {
        self.path(bin, variant).with_extension("unlinked")
    }
}
