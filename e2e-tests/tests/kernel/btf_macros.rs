//! `btf::field_byte_offset!` and `btf::field_byte_size!` (`e2e-ebpf/src/btf_macros.rs`) on the
//! running kernel: every path's relocated offset and size must be what a walk of the kernel's
//! `/sys/kernel/btf/vmlinux` finds (and a path no kernel has, `None`); each in both object
//! variants. The walk is independent of the relocation code: it follows member names and adds
//! bit offsets.

use btf_reloc_btf::{Btf, Kind, TypeId};
use btf_reloc_e2e_common::{
    btf_macros::{self, PATHS},
    objects::{Bin, Variant},
    outcome::decode_option,
};
use btf_reloc_e2e_tests::{btf_layout, kernel, objects::Objects, Result};
use btf_reloc_runtime::sim::Simulation;

use crate::harness::run;

#[test]
fn running_kernel_btf() {
    run(|objects| running_kernel(objects, Variant::Btf));
}

#[test]
fn running_kernel_no_btf() {
    run(|objects| running_kernel(objects, Variant::NoBtf));
}

/// Offset and size, in bytes, of the member at `path` from the start of the struct `root` in
/// `btf`; `None` if some step has no such member. Anonymous struct/union members are searched
/// through, as libbpf does.
fn walk(btf: &Btf, root: &str, path: &[&str]) -> Result<Option<(u64, u64)>> {
    fn member(btf: &Btf, id: TypeId, name: &str) -> Option<(TypeId, u64)> {
        let (_, ty) = btf.skip_mods_and_typedefs(id)?;
        let composite = ty.kind.composite()?;
        composite.members.iter().find_map(|m| {
            let bits = u64::from(composite.bit_offset(m));
            match btf.str_at(m.name_off)? {
                "" => member(btf, m.ty, name).map(|(ty, inner)| (ty, bits + inner)),
                n if n == name => Some((m.ty, bits)),
                _ => None,
            }
        })
    }

    let (mut id, _) = btf
        .types_named(root)
        .find(|(_, ty)| matches!(ty.kind, Kind::Struct(_)))
        .ok_or_else(|| format!("the kernel's BTF has no struct {root}"))?;
    let mut bits = 0;
    for name in path {
        let Some((ty, at)) = member(btf, id, name) else {
            return Ok(None);
        };
        bits += at;
        id = ty;
    }
    if bits % 8 != 0 {
        return Err(format!("{root}.{} is a bitfield", path.join(".")).into());
    }
    let size = btf
        .resolve_size(id)
        .map_err(|error| format!("size of {root}.{}: {error}", path.join(".")))?;
    Ok(Some((bits / 8, size)))
}

fn running_kernel(objects: &Objects, variant: Variant) -> Result<()> {
    let mut ebpf = kernel::load(&objects.path(Bin::Main, variant))?;
    kernel::attach(&mut ebpf, btf_macros::PROGRAM)?;
    kernel::trigger();
    let vmlinux = btf_layout::vmlinux()?;
    let simulated = {
        let _simulation = Simulation::from_vmlinux()?.install();
        btf_macros::values()
    };

    let mut wrong = Vec::new();
    for (i, path) in PATHS.iter().enumerate() {
        let slot = 2 * i as u32;
        let stored: [i64; 2] = [
            kernel::read_at(&ebpf, btf_macros::MAP, slot)?,
            kernel::read_at(&ebpf, btf_macros::MAP, slot + 1)?,
        ];
        let got = (decode_option(stored[0]), decode_option(stored[1]));
        let want = match walk(&vmlinux, "task_struct", path)? {
            Some((offset, size)) => (Some(offset), Some(size)),
            None => (None, None),
        };
        // The host simulation of the same BTF must agree too (the README's promise).
        let on_host = (
            decode_option(simulated[2 * i]),
            decode_option(simulated[2 * i + 1]),
        );
        if got != want || on_host != want {
            wrong.push(format!(
                "task_struct.{}: (offset, size) in the kernel {got:?}, in vmlinux {want:?}, \
                 simulated {on_host:?}",
                path.join(".")
            ));
        }
    }
    // What the paths are for: the real ones exist, the made-up one does not.
    let exists: Vec<bool> = PATHS
        .iter()
        .map(|path| walk(&vmlinux, "task_struct", path).map(|found| found.is_some()))
        .collect::<Result<_>>()?;
    if exists != [true, true, true, true, false] {
        wrong.push(format!("the paths' existence in vmlinux is {exists:?}"));
    }
    if wrong.is_empty() {
        Ok(())
    } else {
        Err(wrong.join("\n").into())
    }
}
