//! The post-link step between building an eBPF object and loading it: `btf_reloc_link` turns the
//! markers and descriptors btf-reloc-runtime leaves in the object into genuine CO-RE relocation
//! records, which aya (and any other CO-RE loader) then applies against the running kernel.

use std::{fs, path::Path};

use btf_reloc_e2e_tests::objects::Objects;

use crate::{ebpf::Built, Result};

/// Post-links every built object into its place in `objects`.
///
/// The results go to a directory of their own rather than over the build output: cargo does not
/// rebuild an unchanged object, so an in-place rewrite would be applied to an already post-linked
/// file (a no-op, but then the build output would no longer be what the linker wrote).
pub(crate) fn post_link(built: &Built, objects: &Objects) -> Result<()> {
    for (bin, variant, input) in built.iter() {
        link(input, &objects.path(bin, variant))?;
        // Kept as it was too, for the tests of what happens when the step is forgotten.
        let unlinked = objects.unlinked_path(bin, variant);
        fs::copy(input, &unlinked).map_err(|error| {
            format!(
                "cannot copy {} to {}: {error}",
                input.display(),
                unlinked.display()
            )
        })?;
    }
    Ok(())
}

/// Post-links the object `input` into `output`, creating `output`'s directory.
pub(crate) fn link(input: &Path, output: &Path) -> Result<()> {
    if let Some(dir) = output.parent() {
        fs::create_dir_all(dir)
            .map_err(|error| format!("cannot create {}: {error}", dir.display()))?;
    }
    btf_reloc_link::link_file(input, Some(output))
        .map_err(|error| format!("btf-reloc link {}: {error}", input.display()))?;
    Ok(())
}
