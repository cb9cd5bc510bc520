//! Which types libbpf considers the same across BTFs: candidate roots by flavor-less name and
//! kind (`bpf_core_add_cands`), fields by shape (`bpf_core_fields_are_compat`), whole types for
//! the type relocations (`bpf_core_types_are_compat`).

use btf_reloc_format::essential_name;

use super::CoreError;
use crate::types::{Kind, Type, TypeId};
use crate::Btf;

/// libbpf's recursion limit for `bpf_core_types_are_compat`; also bounds the array chains of
/// `fields_are_compat`, which libbpf follows without a limit.
const MAX_DEPTH: usize = 32;

/// libbpf's `btf_kind_core_compat`: the same kind, or both enums (`ENUM` and `ENUM64` match).
fn kind_core_compat(a: &Kind, b: &Kind) -> bool {
    a.number() == b.number() || (a.any_enum().is_some() && b.any_enum().is_some())
}

/// The ids of `target`'s candidates for the local type `local` (libbpf's `bpf_core_add_cands`):
/// named types of a core-compatible kind whose names match after stripping `___flavor`s.
pub(super) fn candidates(local_btf: &Btf, local: &Type, target: &Btf) -> Vec<TypeId> {
    let wanted = essential_name(local_btf.name(local));
    target
        .types_by_essential_name(wanted)
        .iter()
        .copied()
        .filter(|&id| {
            target
                .ty(id)
                .is_some_and(|t| kind_core_compat(&t.kind, &local.kind))
        })
        .collect()
}

/// libbpf's `bpf_core_fields_are_compat`: composites match composites, ints match ints (but not
/// deprecated bitfield-like ints), pointers and floats match their kind, enums and forward
/// declarations match by flavor-less name (or when one is anonymous), arrays element-wise.
pub(super) fn fields_are_compat(
    local_btf: &Btf,
    local_id: TypeId,
    target: &Btf,
    targ_id: TypeId,
) -> Result<bool, CoreError> {
    let (mut local_id, mut targ_id) = (local_id, targ_id);
    for _ in 0..MAX_DEPTH {
        let (Some((_, l)), Some((_, t))) = (
            local_btf.skip_mods_and_typedefs(local_id),
            target.skip_mods_and_typedefs(targ_id),
        ) else {
            // `void` (or a broken chain) on either side matches nothing.
            return Ok(false);
        };
        if l.kind.composite().is_some() && t.kind.composite().is_some() {
            return Ok(true);
        }
        if !kind_core_compat(&l.kind, &t.kind) {
            return Ok(false);
        }
        return Ok(match (&l.kind, &t.kind) {
            (Kind::Ptr(_), _) | (Kind::Float { .. }, _) => true,
            (Kind::Fwd { .. } | Kind::Enum(_) | Kind::Enum64(_), _) => {
                let (ln, tn) = (
                    essential_name(local_btf.name(l)),
                    essential_name(target.name(t)),
                );
                ln.is_empty() || tn.is_empty() || ln == tn
            }
            (Kind::Int(a), Kind::Int(b)) => a.offset == 0 && b.offset == 0,
            (Kind::Array(a), Kind::Array(b)) => {
                local_id = a.elem;
                targ_id = b.elem;
                continue;
            }
            _ => false,
        });
    }
    Err(CoreError::BadTarget(format!(
        "arrays nested deeper than {MAX_DEPTH} levels"
    )))
}

/// Where a chain of typedefs and modifiers ends: `void`, a type, or nowhere (an unknown id or a
/// loop).
enum Resolved<'a> {
    Void,
    Type(&'a Type),
    Broken,
}

fn resolve(btf: &Btf, id: TypeId) -> Resolved<'_> {
    let mut id = id;
    for _ in 0..MAX_DEPTH {
        if id == 0 {
            return Resolved::Void;
        }
        let Some(ty) = btf.ty(id) else {
            return Resolved::Broken;
        };
        match ty.kind {
            Kind::Typedef(next)
            | Kind::Volatile(next)
            | Kind::Const(next)
            | Kind::Restrict(next)
            | Kind::TypeTag { ty: next, .. } => id = next,
            _ => return Resolved::Type(ty),
        }
    }
    Resolved::Broken
}

/// libbpf's `bpf_core_types_are_compat`, for `TYPE_EXISTS`, `TYPE_SIZE` and `TYPE_ID_TARGET`:
/// the kinds match, pointers and arrays recursively, function prototypes by their parameters;
/// composites and enums match by name alone (the caller matched the names).
pub(super) fn types_are_compat(
    local_btf: &Btf,
    local_id: TypeId,
    target: &Btf,
    targ_id: TypeId,
) -> Result<bool, CoreError> {
    if let (Some(l), Some(t)) = (local_btf.ty(local_id), target.ty(targ_id)) {
        if !kind_core_compat(&l.kind, &t.kind) {
            return Ok(false);
        }
    }
    types_compat_at(local_btf, local_id, target, targ_id, MAX_DEPTH)
}

fn types_compat_at(
    local_btf: &Btf,
    local_id: TypeId,
    target: &Btf,
    targ_id: TypeId,
    mut budget: usize,
) -> Result<bool, CoreError> {
    let too_deep = || CoreError::BadTarget(format!("types nested deeper than {MAX_DEPTH} levels"));
    let (mut local_id, mut targ_id) = (local_id, targ_id);
    loop {
        budget = budget.checked_sub(1).ok_or_else(too_deep)?;
        let (l, t) = match (resolve(local_btf, local_id), resolve(target, targ_id)) {
            (Resolved::Type(l), Resolved::Type(t)) => (l, t),
            // libbpf's `BTF_KIND_UNKN` case.
            (Resolved::Void, Resolved::Void) => return Ok(true),
            (Resolved::Broken, _) | (_, Resolved::Broken) => {
                return Err(CoreError::BadTarget(format!(
                    "type {local_id} (local) or {targ_id} (target) is an unknown id or a loop"
                )))
            }
            _ => return Ok(false),
        };
        if !kind_core_compat(&l.kind, &t.kind) {
            return Ok(false);
        }
        match (&l.kind, &t.kind) {
            (Kind::Struct(_) | Kind::Union(_) | Kind::Enum(_) | Kind::Enum64(_), _)
            | (Kind::Fwd { .. }, _) => return Ok(true),
            (Kind::Int(a), Kind::Int(b)) => return Ok(a.offset == 0 && b.offset == 0),
            (Kind::Ptr(a), Kind::Ptr(b)) => {
                local_id = *a;
                targ_id = *b;
            }
            (Kind::Array(a), Kind::Array(b)) => {
                local_id = a.elem;
                targ_id = b.elem;
            }
            (
                Kind::FuncProto {
                    ret: lr,
                    params: lp,
                },
                Kind::FuncProto {
                    ret: tr,
                    params: tp,
                },
            ) => {
                if lp.len() != tp.len() {
                    return Ok(false);
                }
                for (a, b) in lp.iter().zip(tp) {
                    if !types_compat_at(local_btf, a.ty, target, b.ty, budget)? {
                        return Ok(false);
                    }
                }
                local_id = *lr;
                targ_id = *tr;
            }
            _ => return Ok(false),
        }
    }
}
