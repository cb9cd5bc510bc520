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

/// A member of a kernel struct, as the kernel's BTF declares it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KernelField {
    /// Byte offset from the start of the struct.
    pub offset: u64,
    /// Size in bytes.
    pub size: u64,
    /// Whether it is a signed integer (or enum); `None` for anything else.
    pub signed: Option<bool>,
}

/// Member `name` of the struct `id` in `btf`, searched through anonymous struct and union
/// members as libbpf searches a target (so it is where a relocation would find it).
pub fn field(btf: &Btf, id: TypeId, name: &str) -> Result<Option<KernelField>> {
    fn search(
        btf: &Btf,
        id: TypeId,
        name: &str,
        base_bits: u64,
        depth: u32,
    ) -> Option<(u64, TypeId)> {
        if depth > 32 {
            return None;
        }
        let (_, ty) = btf.skip_mods_and_typedefs(id)?;
        let (Kind::Struct(c) | Kind::Union(c)) = &ty.kind else {
            return None;
        };
        c.members.iter().find_map(|m| {
            let bits = base_bits + u64::from(c.bit_offset(m));
            match btf.str_at(m.name_off) {
                Some(n) if n == name => Some((bits, m.ty)),
                Some("") | None => search(btf, m.ty, name, bits, depth + 1),
                Some(_) => None,
            }
        })
    }
    let Some((bits, ty)) = search(btf, id, name, 0, 0) else {
        return Ok(None);
    };
    let signed = match btf.skip_mods_and_typedefs(ty).map(|(_, t)| &t.kind) {
        Some(Kind::Int(int)) => Some(int.is_signed()),
        Some(Kind::Enum(e) | Kind::Enum64(e)) => Some(e.signed),
        _ => None,
    };
    Ok(Some(KernelField {
        offset: bits / 8,
        size: btf
            .resolve_size(ty)
            .map_err(|error| format!("the size of `{name}`: {error}"))?,
        signed,
    }))
}

/// How the kernel's `task_struct` holds a task's state: `unsigned int __state` since 5.14,
/// `volatile long state` before. The tests that read it expect what their kernel has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskState {
    /// A 4-byte `__state` (5.14 and later).
    Dunder(KernelField),
    /// No `__state`, and an 8-byte signed `state` (before 5.14).
    Long(KernelField),
}

/// [`TaskState`] of the kernel whose BTF is `btf`; an error if its `task_struct` has neither
/// shape.
pub fn task_state(btf: &Btf) -> Result<TaskState> {
    let task = find_struct(btf, "task_struct", "pid").ok_or("the BTF has no task_struct")?;
    let dunder = field(btf, task, "__state")?;
    let state = field(btf, task, "state")?;
    match (dunder, state) {
        (Some(f), _) if f.size == 4 => Ok(TaskState::Dunder(f)),
        (None, Some(f)) if f.size == 8 && f.signed == Some(true) => Ok(TaskState::Long(f)),
        _ => Err(format!(
            "the kernel's task_struct has neither a 4-byte `__state` nor an 8-byte signed \
             `state`: __state {dunder:?}, state {state:?}"
        )
        .into()),
    }
}

#[cfg(test)]
mod tests {
    use btf_reloc_btf::NewMember;

    use super::*;

    /// A `task_struct` with `pid` and, inside an anonymous union at 16, the given state member.
    fn kernel(state: &str, size: u32, signed: bool) -> Btf {
        let mut btf = Btf::new();
        let int = btf.add_int("int", 4, true).unwrap();
        let state_ty = btf.add_int("state_t", size, signed).unwrap();
        let volatile = btf
            .add(btf_reloc_btf::Type {
                name_off: 0,
                kind: Kind::Volatile(state_ty),
            })
            .unwrap();
        let union = btf
            .add_composite("", true, 8, &[NewMember::new(state, volatile, 0)])
            .unwrap();
        btf.add_composite(
            "task_struct",
            false,
            32,
            &[NewMember::new("pid", int, 0), NewMember::new("", union, 16)],
        )
        .unwrap();
        btf
    }

    #[test]
    fn finds_the_task_state() {
        let new = task_state(&kernel("__state", 4, false)).unwrap();
        assert_eq!(
            new,
            TaskState::Dunder(KernelField {
                offset: 16,
                size: 4,
                signed: Some(false)
            })
        );
        let old = task_state(&kernel("state", 8, true)).unwrap();
        assert_eq!(
            old,
            TaskState::Long(KernelField {
                offset: 16,
                size: 8,
                signed: Some(true)
            })
        );
        assert!(task_state(&kernel("state", 4, true)).is_err());
        assert!(task_state(&kernel("other", 4, true)).is_err());
    }
}
