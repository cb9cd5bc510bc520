//! Where a field is, for the demo and the kernel tests to print and check: in an object's
//! `.BTF` (the local type `btf-reloc link` added) and in the running kernel's
//! `/sys/kernel/btf/vmlinux`. BTF is read by `btf_reloc_btf`, and a field's place in the kernel
//! is the `FIELD_BYTE_OFFSET` / `FIELD_BYTE_SIZE` relocation of the local member resolved by its
//! libbpf rules: a cross-check of what aya wrote into the program, from another implementation.

use std::{fs, path::Path};

use btf_reloc_btf::{
    core::{self, Relocation},
    Btf, Kind, TypeId,
};
use btf_reloc_format::RelocKind;
use object::{Object as _, ObjectSection as _};

use crate::Result;

/// Where a member is: bytes from the start of its struct, and its size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Member {
    /// Byte offset from the start of the struct.
    pub offset: u64,
    /// Size in bytes.
    pub size: u64,
}

/// The running kernel's BTF.
pub fn vmlinux() -> Result<Btf> {
    let path = "/sys/kernel/btf/vmlinux";
    let bytes = fs::read(path).map_err(|error| format!("cannot read {path}: {error}"))?;
    Btf::parse(&bytes).map_err(|error| format!("{path}: {error}").into())
}

/// The `.BTF` section of the ELF object at `path`.
pub fn of_object(path: &Path) -> Result<Btf> {
    let data =
        fs::read(path).map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    let file = object::File::parse(&*data)
        .map_err(|error| format!("{} is not an object file: {error}", path.display()))?;
    let section = file
        .section_by_name(".BTF")
        .ok_or_else(|| format!("{} has no .BTF", path.display()))?;
    let bytes = section
        .data()
        .map_err(|error| format!("{}: .BTF: {error}", path.display()))?;
    Btf::parse(bytes).map_err(|error| format!("{}: .BTF: {error}", path.display()).into())
}

/// The id of the struct called `name` that has a direct member `with_member` (an object may
/// hold several structs of one name).
pub fn find_struct(btf: &Btf, name: &str, with_member: &str) -> Option<TypeId> {
    btf.types().find_map(|(id, ty)| match &ty.kind {
        Kind::Struct(s)
            if btf.name(ty) == name
                && s.members
                    .iter()
                    .any(|m| btf.str_at(m.name_off) == Some(with_member)) =>
        {
            Some(id)
        }
        _ => None,
    })
}

/// Member `name` of the local struct `id` in `local` (an object's `.BTF`), and where the same
/// field is in `target` by libbpf's rules (`None` where it does not exist).
pub fn member(
    local: &Btf,
    id: TypeId,
    name: &str,
    target: &Btf,
) -> Result<(Option<Member>, Option<Member>)> {
    let Some(Kind::Struct(s)) = local.ty(id).map(|t| &t.kind) else {
        return Err(format!("local type {id} is not a struct").into());
    };
    let Some(index) = s
        .members
        .iter()
        .position(|m| local.str_at(m.name_off) == Some(name))
    else {
        return Ok((None, None));
    };
    let access = format!("0:{index}");
    let relocation = |kind| Relocation {
        kind,
        type_id: id,
        access: &access,
    };
    let place = |offset: Option<u64>, size: Option<u64>| {
        Some(Member {
            offset: offset?,
            size: size?,
        })
    };
    let local_value = |kind| {
        core::local_value(local, &relocation(kind))
            .map(|(_, value, _)| value)
            .map_err(|error| format!("local `{name}`: {error}"))
    };
    let target_value = |kind| {
        core::resolve(local, &relocation(kind), target)
            .map(|r| r.value)
            .map_err(|error| format!("`{name}` in the target: {error}"))
    };
    Ok((
        place(
            Some(local_value(RelocKind::FieldByteOffset)?),
            Some(local_value(RelocKind::FieldByteSize)?),
        ),
        place(
            target_value(RelocKind::FieldByteOffset)?,
            target_value(RelocKind::FieldByteSize)?,
        ),
    ))
}
