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

/// libbpf's recursion budget for `bpf_core_types_match` (`libbpf.c`: `level` 32): how deep
/// members and function parameters are compared.
const MATCH_LEVELS: usize = 32;

/// libbpf's `bpf_core_types_match` (`relo_core.c` `__bpf_core_types_match`, called with
/// `behind_ptr = false` and `level = 32`), for `TYPE_MATCHES`: stricter than
/// [`types_are_compat`]. Typedefs and modifiers are skipped at every level, then:
///
/// - the names must match (`bpf_core_names_match`: after stripping `___flavor`s; an anonymous
///   target type only matches an anonymous local one), at every level, members' types included;
/// - the kinds must be equal (an `ENUM` may match an `ENUM64`; behind a pointer, a struct or
///   union also matches a forward declaration of the same kind, and a forward declaration
///   matches a struct or union);
/// - ints: the same size and signedness; enums: the same size, and every local enumerator name
///   in the target; pointers and arrays (of the same length): their pointees and elements;
///   function prototypes: as many parameters, each matching, and the return type;
/// - structs and unions: every local member has a target member of the same name whose type
///   matches, compared in full unless already behind a pointer (then by name and kind only).
///
/// Every other kind (a `FLOAT`, …) matches nothing, as in libbpf. More than 32 levels of
/// members, or a chain of more than 32 pointers, arrays and return types, is an error there
/// (`-EINVAL`, the relocation fails): [`CoreError::BadTarget`] here.
pub(super) fn types_match(
    local_btf: &Btf,
    local_id: TypeId,
    target: &Btf,
    targ_id: TypeId,
) -> Result<bool, CoreError> {
    match_at(local_btf, local_id, target, targ_id, false, MATCH_LEVELS)
}

/// `bpf_core_names_match`.
fn names_match(local: &str, target: &str) -> bool {
    if target.is_empty() {
        return local.is_empty();
    }
    essential_name(local) == essential_name(target)
}

fn match_at(
    local_btf: &Btf,
    local_id: TypeId,
    target: &Btf,
    targ_id: TypeId,
    behind_ptr: bool,
    level: usize,
) -> Result<bool, CoreError> {
    let too_deep = |what: &str| {
        CoreError::BadTarget(format!(
            "TYPE_MATCHES: {what} nested deeper than libbpf's limit of {MAX_DEPTH}"
        ))
    };
    if level == 0 {
        return Err(too_deep("members or parameters"));
    }
    let (mut local_id, mut targ_id, mut behind_ptr) = (local_id, targ_id, behind_ptr);
    for _ in 0..MAX_DEPTH {
        let (l, t) = match (resolve(local_btf, local_id), resolve(target, targ_id)) {
            (Resolved::Broken, _) | (_, Resolved::Broken) => {
                return Err(CoreError::BadTarget(format!(
                    "type {local_id} (local) or {targ_id} (target) is an unknown id or a loop"
                )))
            }
            // `void` (libbpf's `BTF_KIND_UNKN`, named ""): only `void` matches it.
            (Resolved::Void, Resolved::Void) => return Ok(true),
            (Resolved::Void, Resolved::Type(_)) | (Resolved::Type(_), Resolved::Void) => {
                return Ok(false)
            }
            (Resolved::Type(l), Resolved::Type(t)) => (l, t),
        };
        if !names_match(local_btf.name(l), target.name(t)) {
            return Ok(false);
        }
        match (&l.kind, &t.kind) {
            (Kind::Fwd { union: lu }, _) => {
                return Ok(match &t.kind {
                    Kind::Fwd { union: tu } => lu == tu,
                    Kind::Struct(_) => behind_ptr && !lu,
                    Kind::Union(_) => behind_ptr && *lu,
                    _ => false,
                })
            }
            (Kind::Enum(le) | Kind::Enum64(le), _) => {
                let Some(te) = t.kind.any_enum() else {
                    return Ok(false);
                };
                return Ok(le.size == te.size
                    && le.values.len() <= te.values.len()
                    && le.values.iter().all(|lv| {
                        let ln = local_btf.str_at(lv.name_off).unwrap_or_default();
                        te.values.iter().any(|tv| {
                            names_match(ln, target.str_at(tv.name_off).unwrap_or_default())
                        })
                    }));
            }
            (Kind::Struct(lc), _) | (Kind::Union(lc), _) => {
                let same_kind = l.kind.number() == t.kind.number();
                if behind_ptr {
                    return Ok(same_kind
                        || matches!(t.kind, Kind::Fwd { union } if union == matches!(l.kind, Kind::Union(_))));
                }
                let Some(tc) = t.kind.composite().filter(|_| same_kind) else {
                    return Ok(false);
                };
                if lc.members.len() > tc.members.len() {
                    return Ok(false);
                }
                for lm in &lc.members {
                    let ln = local_btf.str_at(lm.name_off).unwrap_or_default();
                    let mut matched = false;
                    for tm in &tc.members {
                        if !names_match(ln, target.str_at(tm.name_off).unwrap_or_default()) {
                            continue;
                        }
                        if match_at(local_btf, lm.ty, target, tm.ty, behind_ptr, level - 1)? {
                            matched = true;
                            break;
                        }
                    }
                    if !matched {
                        return Ok(false);
                    }
                }
                return Ok(true);
            }
            (Kind::Int(li), Kind::Int(ti)) => {
                return Ok(li.size == ti.size && li.is_signed() == ti.is_signed())
            }
            (Kind::Ptr(lp), Kind::Ptr(tp)) => {
                behind_ptr = true;
                local_id = *lp;
                targ_id = *tp;
            }
            (Kind::Array(la), Kind::Array(ta)) => {
                if la.len != ta.len {
                    return Ok(false);
                }
                local_id = la.elem;
                targ_id = ta.elem;
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
                    if !match_at(local_btf, a.ty, target, b.ty, behind_ptr, level - 1)? {
                        return Ok(false);
                    }
                }
                local_id = *lr;
                targ_id = *tr;
            }
            // Other kinds of the same kind as the target (a `FLOAT`, …) are "unexpected" in
            // libbpf, which matches them with nothing; different kinds never match.
            _ => return Ok(false),
        }
    }
    Err(too_deep("pointers, arrays and return types"))
}
