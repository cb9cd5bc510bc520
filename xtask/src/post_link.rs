//! The post-link step between building an eBPF object and loading it.
//!
//! HOOK: this is where `btf_reloc_link` gets wired in. It must turn the
//! linked object (markers + descriptor section) into one with genuine
//! `core_relo` records that any CO-RE loader applies. Everything after the
//! build (`cargo xtask e2e`, `cargo xtask demo`) loads the path returned here,
//! for both the `.BTF` and the no-`.BTF` variant.

use std::path::{Path, PathBuf};

use crate::Result;

/// Post-links the object at `obj` and returns the path of the object to load.
///
/// For now the identity. When wiring in `btf_reloc_link`, write the result
/// next to the input (e.g. `obj.with_extension("linked.o")`) rather than in
/// place: cargo does not rebuild an unchanged object, so an in-place rewrite
/// would be applied twice to the same file.
pub(crate) fn post_link(obj: &Path) -> Result<PathBuf> {
    Ok(obj.to_path_buf())
}
