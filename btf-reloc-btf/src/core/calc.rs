//! The value of a relocation in one BTF, from its spec: libbpf's `bpf_core_calc_field_relo`,
//! `bpf_core_calc_type_relo` and `bpf_core_calc_enumval_relo` (little-endian targets).

use btf_reloc_format::RelocKind;

use super::spec::Spec;
use super::CoreError;
use crate::types::Kind;
use crate::Btf;

/// A relocation's value in one BTF: the value, or "poison the instruction" (libbpf's
/// `-EUCLEAN`): the field or enumerator is missing, so only an unreachable instruction may use
/// it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Calc {
    Value(u64),
    Poison,
}

/// The value of field relocation `kind` (`spec` is `None` when no candidate matched), and
/// whether libbpf checks the instruction's original value against it (not for bitfields).
pub(super) fn field(
    btf: &Btf,
    kind: RelocKind,
    spec: Option<&Spec>,
) -> Result<(Calc, bool), CoreError> {
    if kind == RelocKind::FieldExists {
        return Ok((Calc::Value(u64::from(spec.is_some())), true));
    }
    let Some(spec) = spec else {
        return Ok((Calc::Poison, false));
    };
    let refuse = |why: String| CoreError::Refused(format!("{kind}: {why}"));
    let acc = spec
        .accessors
        .last()
        .ok_or_else(|| refuse("empty access path".into()))?;
    if acc.name.is_none() {
        // An array element (or the root itself).
        let size = || {
            btf.resolve_size(acc.type_id)
                .map_err(|e| refuse(e.to_string()))
        };
        let value =
            match kind {
                RelocKind::FieldByteOffset => spec.bit_offset / 8,
                RelocKind::FieldByteSize => size()?,
                _ => return Err(refuse(
                    "libbpf applies only FIELD_BYTE_OFFSET, FIELD_BYTE_SIZE and FIELD_EXISTS to \
                     an array element"
                        .into(),
                )),
            };
        return Ok((Calc::Value(value), true));
    }
    let (c, member) = btf
        .ty(acc.type_id)
        .and_then(|t| t.kind.composite())
        .and_then(|c| Some((c, c.members.get(acc.idx as usize)?)))
        .ok_or_else(|| refuse("the accessor's member vanished".into()))?;
    let (field_id, mt) = btf
        .skip_mods_and_typedefs(member.ty)
        .ok_or_else(|| refuse("the member's type is void or unknown".into()))?;
    let bit_off = spec.bit_offset;
    let mut bit_sz = u64::from(c.bitfield_size(member));
    let bitfield = bit_sz > 0;
    let (byte_off, byte_sz) = if bitfield {
        let mut byte_sz = match &mt.kind {
            Kind::Int(i) => u64::from(i.size),
            Kind::Enum(e) | Kind::Enum64(e) => u64::from(e.size),
            other => {
                return Err(refuse(format!(
                    "a bitfield of kind {} has no integer size",
                    other.name()
                )))
            }
        };
        if byte_sz == 0 {
            return Err(refuse("a bitfield of a zero-sized type".into()));
        }
        let mut byte_off = bit_off / 8 / byte_sz * byte_sz;
        // The smallest naturally aligned load (of at most 8 bytes) that holds the bitfield.
        while bit_off + bit_sz - byte_off * 8 > byte_sz * 8 {
            if byte_sz >= 8 {
                return Err(refuse(
                    "the bitfield cannot be read with a 64-bit load".into(),
                ));
            }
            byte_sz *= 2;
            byte_off = bit_off / 8 / byte_sz * byte_sz;
        }
        (byte_off, byte_sz)
    } else {
        let byte_sz = btf
            .resolve_size(field_id)
            .map_err(|e| refuse(e.to_string()))?;
        bit_sz = byte_sz * 8;
        (bit_off / 8, byte_sz)
    };
    // libbpf computes the shifts in 32-bit unsigned arithmetic (which wraps for fields wider
    // than 8 bytes); so do we, to report the value it writes.
    let u32_sub = |a: u64, b: u64| u64::from((a as u32).wrapping_sub(b as u32));
    let value = match kind {
        RelocKind::FieldByteOffset => byte_off,
        RelocKind::FieldByteSize => byte_sz,
        RelocKind::FieldSigned => {
            let signed = match &mt.kind {
                Kind::Enum(e) | Kind::Enum64(e) => e.signed,
                Kind::Int(i) => i.is_signed(),
                _ => false,
            };
            return Ok((Calc::Value(u64::from(signed)), true));
        }
        RelocKind::FieldLshiftU64 => u32_sub(64, bit_off + bit_sz - byte_off * 8),
        RelocKind::FieldRshiftU64 => {
            return Ok((Calc::Value(u32_sub(64, bit_sz)), true));
        }
        other => return Err(refuse(format!("{other} is not a field relocation"))),
    };
    Ok((Calc::Value(value), !bitfield))
}

/// The value of a type relocation; a missing type gives 0 for every kind (libbpf does not
/// poison type relocations).
pub(super) fn ty(btf: &Btf, kind: RelocKind, spec: Option<&Spec>) -> Result<Calc, CoreError> {
    let Some(spec) = spec else {
        return Ok(Calc::Value(0));
    };
    Ok(Calc::Value(match kind {
        RelocKind::TypeIdTarget | RelocKind::TypeIdLocal => u64::from(spec.root_type_id),
        RelocKind::TypeExists | RelocKind::TypeMatches => 1,
        RelocKind::TypeSize => btf
            .resolve_size(spec.root_type_id)
            .map_err(|e| CoreError::Refused(format!("TYPE_SIZE: {e}")))?,
        other => {
            return Err(CoreError::Refused(format!(
                "{other} is not a type relocation"
            )))
        }
    }))
}

/// The value of an enumerator relocation; a missing enumerator is 0 for `ENUMVAL_EXISTS` and
/// poisons `ENUMVAL_VALUE`.
pub(super) fn enumval(btf: &Btf, kind: RelocKind, spec: Option<&Spec>) -> Result<Calc, CoreError> {
    match (kind, spec) {
        (RelocKind::EnumvalExists, spec) => Ok(Calc::Value(u64::from(spec.is_some()))),
        (RelocKind::EnumvalValue, None) => Ok(Calc::Poison),
        (RelocKind::EnumvalValue, Some(spec)) => {
            let acc = spec
                .accessors
                .first()
                .ok_or_else(|| CoreError::Refused("ENUMVAL_VALUE: no accessor".into()))?;
            btf.ty(acc.type_id)
                .and_then(|t| t.kind.any_enum())
                .and_then(|e| e.values.get(acc.idx as usize))
                .map(|v| Calc::Value(v.value))
                .ok_or_else(|| CoreError::Refused("ENUMVAL_VALUE: the enumerator vanished".into()))
        }
        (other, _) => Err(CoreError::Refused(format!(
            "{other} is not an enum value relocation"
        ))),
    }
}
