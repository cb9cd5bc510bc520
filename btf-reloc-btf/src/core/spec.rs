//! Access specs: libbpf's `bpf_core_parse_spec` (what an access string means in the local BTF)
//! and `bpf_core_spec_match` / `bpf_core_match_member` (where the same field is in a candidate
//! target type, searching anonymous members in place).

use btf_reloc_format::{essential_name, KindClass, RelocKind};

use super::compat::fields_are_compat;
use super::{CoreError, Mismatch, Relocation};
use crate::types::{Kind, TypeId};
use crate::Btf;

/// libbpf's `BPF_CORE_SPEC_MAX_LEN`: the longest access path.
pub(super) const MAX_SPEC_LEN: usize = 64;

/// One step of a spec: a named member, an array index (no name), or an enumerator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accessor {
    /// The struct/union the member is in, the array's element type, or the enum.
    pub type_id: TypeId,
    /// Member, element or enumerator index.
    pub idx: u32,
    /// The member's or enumerator's name; `None` for an array index (and the root).
    pub name: Option<String>,
}

/// A relocation's access path resolved in one BTF (libbpf's `struct bpf_core_spec`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spec {
    /// The type the path starts at.
    pub root_type_id: TypeId,
    /// The relocation kind.
    pub kind: RelocKind,
    /// Every index, anonymous members included: the access string of this spec.
    pub raw: Vec<u32>,
    /// The named members and array indices of the path (anonymous members are not accessors).
    pub accessors: Vec<Accessor>,
    /// Offset of the field from the start of the root type, in bits.
    pub bit_offset: u64,
}

impl Spec {
    fn new(root_type_id: TypeId, kind: RelocKind) -> Self {
        Self {
            root_type_id,
            kind,
            raw: Vec::new(),
            accessors: Vec::new(),
            bit_offset: 0,
        }
    }

    /// The access string of this spec (`0:2:1`).
    pub fn access_string(&self) -> String {
        let mut out = String::new();
        for (i, idx) in self.raw.iter().enumerate() {
            if i > 0 {
                out.push(':');
            }
            out.push_str(&idx.to_string());
        }
        out
    }

    fn add_bits(&mut self, bits: u64) -> Result<(), CoreError> {
        self.bit_offset = self
            .bit_offset
            .checked_add(bits)
            .filter(|&b| b <= u64::from(u32::MAX))
            .ok_or_else(|| CoreError::BadTarget("field offset overflows 32 bits".into()))?;
        Ok(())
    }
}

/// Bits from the start of an array to element `idx` of `size`-byte elements (`None` on
/// overflow).
fn element_bits(idx: u32, size: u64) -> Option<u64> {
    u64::from(idx).checked_mul(size)?.checked_mul(8)
}

/// Most members [`match_member`] looks at for one accessor: libbpf searches anonymous members
/// without a bound, which crafted BTF (anonymous structs of anonymous structs, each holding
/// several) turns into an exponential search; past this, the target is reported as malformed.
const MAX_MEMBER_VISITS: usize = 1 << 16;

/// Whether the array whose element accessor follows `parent` is a flexible array member
/// (libbpf's `is_flex_arr`): of length 0 and the last member of a struct.
fn is_flex_arr(btf: &Btf, parent: Option<&Accessor>, len: u32) -> bool {
    let Some(parent) = parent.filter(|p| p.name.is_some() && len == 0) else {
        return false;
    };
    btf.ty(parent.type_id)
        .and_then(|t| t.kind.composite())
        .is_some_and(|c| parent.idx as usize + 1 == c.members.len())
}

/// Parses `relo`'s access string against the local BTF (libbpf's `bpf_core_parse_spec`).
pub(super) fn parse(btf: &Btf, relo: &Relocation<'_>) -> Result<Spec, CoreError> {
    let bad = |why: String| CoreError::BadLocal(why);
    let mut spec = Spec::new(relo.type_id, relo.kind);
    if relo.kind.class() == KindClass::Type {
        if relo.access != "0" {
            return Err(bad(format!(
                "a type relocation's access string must be \"0\", not {:?}",
                relo.access
            )));
        }
        return Ok(spec);
    }
    for part in relo.access.split(':') {
        let idx = part
            .parse::<u32>()
            .map_err(|_| bad(format!("access string {:?} is not `N[:N]...`", relo.access)))?;
        if spec.raw.len() >= MAX_SPEC_LEN {
            return Err(bad(format!(
                "access string longer than {MAX_SPEC_LEN} steps"
            )));
        }
        spec.raw.push(idx);
    }
    let (mut id, root) = btf
        .skip_mods_and_typedefs(relo.type_id)
        .ok_or_else(|| bad(format!("type {} is void, unknown or a loop", relo.type_id)))?;
    let first = spec.raw[0];
    if relo.kind.class() == KindClass::EnumValue {
        let e = root.kind.any_enum().ok_or_else(|| {
            bad(format!(
                "type {id} of an enum value relocation is not an enum"
            ))
        })?;
        let value = e
            .values
            .get(first as usize)
            .filter(|_| spec.raw.len() == 1)
            .ok_or_else(|| bad(format!("enum type {id} has no enumerator #{first}")))?;
        spec.accessors.push(Accessor {
            type_id: id,
            idx: first,
            name: Some(btf.str_at(value.name_off).unwrap_or_default().to_owned()),
        });
        return Ok(spec);
    }
    spec.accessors.push(Accessor {
        type_id: id,
        idx: first,
        name: None,
    });
    let size = btf.resolve_size(id).map_err(|e| bad(e.to_string()))?;
    spec.add_bits(element_bits(first, size).ok_or_else(|| bad("root index overflows".into()))?)
        .map_err(|_| bad("root index overflows".into()))?;
    for &idx in &spec.raw.clone()[1..] {
        let (here, ty) = btf
            .skip_mods_and_typedefs(id)
            .ok_or_else(|| bad(format!("type {id} is void, unknown or a loop")))?;
        id = here;
        match &ty.kind {
            Kind::Struct(c) | Kind::Union(c) => {
                let m = c
                    .members
                    .get(idx as usize)
                    .ok_or_else(|| bad(format!("type {id} has no member #{idx}")))?;
                spec.add_bits(u64::from(c.bit_offset(m)))
                    .map_err(|_| bad("member offset overflows".into()))?;
                if m.name_off != 0 {
                    let name = btf
                        .str_at(m.name_off)
                        .filter(|n| !n.is_empty())
                        .ok_or_else(|| bad(format!("member #{idx} of type {id} has a bad name")))?;
                    spec.accessors.push(Accessor {
                        type_id: id,
                        idx,
                        name: Some(name.to_owned()),
                    });
                }
                id = m.ty;
            }
            Kind::Array(a) => {
                let flex = is_flex_arr(btf, spec.accessors.last(), a.len);
                let (elem, _) = btf
                    .skip_mods_and_typedefs(a.elem)
                    .ok_or_else(|| bad(format!("element of array {id} is void or unknown")))?;
                if !flex && idx >= a.len {
                    return Err(bad(format!(
                        "index {idx} is past the end of array type {id} ({} elements{})",
                        a.len,
                        if a.len == 0 {
                            "; libbpf indexes a zero-length array only as the last member of a \
                             struct"
                        } else {
                            ""
                        }
                    )));
                }
                spec.accessors.push(Accessor {
                    type_id: elem,
                    idx,
                    name: None,
                });
                let size = btf.resolve_size(elem).map_err(|e| bad(e.to_string()))?;
                spec.add_bits(
                    element_bits(idx, size)
                        .ok_or_else(|| bad("element offset overflows".into()))?,
                )
                .map_err(|_| bad("element offset overflows".into()))?;
                id = elem;
            }
            other => {
                return Err(bad(format!(
                    "the access path goes into type {id} of kind {}, which has no members",
                    other.name()
                )))
            }
        }
    }
    Ok(spec)
}

/// Matches `local` against candidate `targ_id` of `target` (libbpf's `bpf_core_spec_match`):
/// `Ok(Ok(spec))` on a match, `Ok(Err(why))` when the candidate does not have the field (or
/// has it with an incompatible type), `Err` when libbpf would fail the whole relocation.
pub(super) fn match_spec(
    local_btf: &Btf,
    local: &Spec,
    target: &Btf,
    targ_id: TypeId,
) -> Result<Result<Spec, Mismatch>, CoreError> {
    let mut spec = Spec::new(targ_id, local.kind);
    match local.kind.class() {
        KindClass::Type => unreachable_type_kind(),
        KindClass::EnumValue => {
            let Some(acc) = local.accessors.first() else {
                return Err(CoreError::BadLocal(
                    "enum value spec without accessor".into(),
                ));
            };
            let (id, ty) = target
                .skip_mods_and_typedefs(targ_id)
                .ok_or_else(|| CoreError::BadTarget(format!("type {targ_id} is void or a loop")))?;
            let Some(e) = ty.kind.any_enum() else {
                return Ok(Err(Mismatch::NotAnEnum));
            };
            let wanted = essential_name(acc.name.as_deref().unwrap_or_default());
            for (i, value) in e.values.iter().enumerate() {
                let name = target.str_at(value.name_off).unwrap_or_default();
                if essential_name(name) == wanted {
                    spec.accessors.push(Accessor {
                        type_id: id,
                        idx: i as u32,
                        name: Some(name.to_owned()),
                    });
                    spec.raw.push(i as u32);
                    return Ok(Ok(spec));
                }
            }
            Ok(Err(Mismatch::NoEnumerator(wanted.to_owned())))
        }
        KindClass::Field => {
            let mut targ_id = targ_id;
            for (i, acc) in local.accessors.iter().enumerate() {
                // A chain that ends in `void` (or an unknown id) has no members and is no
                // array: the candidate does not match, as in libbpf.
                let resolved = target.skip_mods_and_typedefs(targ_id);
                if let Some((id, _)) = resolved {
                    targ_id = id;
                }
                if acc.name.is_some() {
                    let mut budget = MAX_MEMBER_VISITS;
                    match match_member(local_btf, acc, target, targ_id, &mut spec, &mut budget)? {
                        Some(Ok(next)) => targ_id = next,
                        Some(Err(why)) => return Ok(Err(why)),
                        None => {
                            return Ok(Err(Mismatch::NoMember {
                                name: acc.name.clone().unwrap_or_default(),
                                in_type: target.name_of(targ_id).to_owned(),
                            }))
                        }
                    }
                } else {
                    if i > 0 {
                        let Some((id, Kind::Array(a))) = resolved.map(|(id, ty)| (id, &ty.kind))
                        else {
                            return Ok(Err(Mismatch::NotAnArray));
                        };
                        let flex = is_flex_arr(target, spec.accessors.last(), a.len);
                        if !flex && acc.idx >= a.len {
                            return Ok(Err(Mismatch::IndexOutOfRange {
                                index: acc.idx,
                                len: a.len,
                            }));
                        }
                        targ_id = target
                            .skip_mods_and_typedefs(a.elem)
                            .ok_or_else(|| {
                                CoreError::BadTarget(format!("element of array {id} is void"))
                            })?
                            .0;
                    }
                    if spec.raw.len() >= MAX_SPEC_LEN {
                        return Err(CoreError::BadTarget(format!(
                            "struct/union/array nesting deeper than {MAX_SPEC_LEN}"
                        )));
                    }
                    spec.accessors.push(Accessor {
                        type_id: targ_id,
                        idx: acc.idx,
                        name: None,
                    });
                    spec.raw.push(acc.idx);
                    let size = target
                        .resolve_size(targ_id)
                        .map_err(|e| CoreError::BadTarget(e.to_string()))?;
                    let bits = element_bits(acc.idx, size)
                        .ok_or_else(|| CoreError::BadTarget("element offset overflows".into()))?;
                    spec.add_bits(bits)?;
                }
            }
            Ok(Ok(spec))
        }
    }
}

/// Type kinds never reach [`match_spec`] (their candidates are checked with
/// `types_are_compat`); kept as a function so the match stays exhaustive without a panic.
fn unreachable_type_kind() -> Result<Result<Spec, Mismatch>, CoreError> {
    Err(CoreError::BadLocal(
        "internal: a type relocation was matched as a field".into(),
    ))
}

/// Looks for the member `local_acc` names in composite `targ_id`, descending into anonymous
/// members in place (libbpf's `bpf_core_match_member`). `Some(Ok(member type))` on a compatible
/// match (the accessor and raw indices pushed onto `spec`), `Some(Err(why))` when the first
/// member of that name is incompatible, `None` when there is no such member.
fn match_member(
    local_btf: &Btf,
    local_acc: &Accessor,
    target: &Btf,
    targ_id: TypeId,
    spec: &mut Spec,
    budget: &mut usize,
) -> Result<Option<Result<TypeId, Mismatch>>, CoreError> {
    let Some((targ_id, c)) = target
        .skip_mods_and_typedefs(targ_id)
        .and_then(|(id, ty)| Some((id, ty.kind.composite()?)))
    else {
        return Ok(None);
    };
    let local_member = local_btf
        .ty(local_acc.type_id)
        .and_then(|t| t.kind.composite())
        .and_then(|c| c.members.get(local_acc.idx as usize))
        .ok_or_else(|| CoreError::BadLocal("accessor of a missing local member".into()))?;
    let local_name = local_acc.name.as_deref().unwrap_or_default();
    for (i, m) in c.members.iter().enumerate() {
        if spec.raw.len() >= MAX_SPEC_LEN {
            return Err(CoreError::BadTarget(format!(
                "struct/union/array nesting deeper than {MAX_SPEC_LEN}"
            )));
        }
        *budget = budget.checked_sub(1).ok_or_else(|| {
            CoreError::BadTarget(format!(
                "more than {MAX_MEMBER_VISITS} members to search for `{local_name}` through \
                 anonymous structs and unions"
            ))
        })?;
        let bit_offset = u64::from(c.bit_offset(m));
        let saved = spec.bit_offset;
        spec.add_bits(bit_offset)?;
        spec.raw.push(i as u32);
        let name = target.str_at(m.name_off).unwrap_or_default();
        if name.is_empty() {
            let found = match_member(local_btf, local_acc, target, m.ty, spec, budget)?;
            if found.is_some() {
                return Ok(found);
            }
        } else if name == local_name {
            spec.accessors.push(Accessor {
                type_id: targ_id,
                idx: i as u32,
                name: Some(name.to_owned()),
            });
            return Ok(Some(
                if fields_are_compat(local_btf, local_member.ty, target, m.ty)? {
                    Ok(m.ty)
                } else {
                    spec.accessors.pop();
                    Err(Mismatch::Incompatible {
                        name: name.to_owned(),
                        local: kind_label(local_btf, local_member.ty),
                        target: kind_label(target, m.ty),
                    })
                },
            ));
        }
        spec.bit_offset = saved;
        spec.raw.pop();
    }
    Ok(None)
}

/// `int`, `pointer`, `struct`, … of the type `id` after typedefs and modifiers, for messages.
pub(super) fn kind_label(btf: &Btf, id: TypeId) -> String {
    match btf.skip_mods_and_typedefs(id) {
        Some((_, ty)) => ty.kind.name().to_lowercase(),
        None => "void".to_owned(),
    }
}
