//! The post-link step between building an eBPF object and loading it: `btf_reloc_link` turns the
//! markers and descriptors btf-reloc-runtime leaves in the object into genuine CO-RE relocation
//! records, which aya (and any other CO-RE loader) then applies against the running kernel.

use std::path::{Path, PathBuf};

use crate::Result;

/// Post-links the object at `obj` into `<obj>.linked` and returns that path.
///
/// The result goes next to the input rather than over it: cargo does not rebuild an unchanged
/// object, so an in-place rewrite would be applied to an already post-linked file (a no-op, but
/// then the build output would no longer be what the linker wrote).
pub(crate) fn post_link(obj: &Path) -> Result<PathBuf> {
    let out = obj.with_extension("linked");
    btf_reloc_link::link_file(obj, Some(&out))
        .map_err(|error| format!("btf-reloc link {}: {error}", obj.display()))?;
    Ok(out)
}
