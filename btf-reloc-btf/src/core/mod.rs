//! libbpf's CO-RE relocation rules (`tools/lib/bpf/relo_core.c`), implemented once for every
//! part of btf-reloc: the value the post-link step writes into a marker (the relocation applied
//! to the program's own, local BTF), the host simulation (applied to a simulated target), and
//! offline checks against a kernel's BTF.
//!
//! [`resolve`] takes a relocation record (kind, local type id, access string) and two BTFs, and
//! follows libbpf step by step: parse the access string in the local BTF into a [`Spec`]; find
//! the target's candidates (same flavor-less name, compatible kind); match the spec against each
//! (members by name through anonymous members, compatible field types, array bounds); compute
//! the value for every matching candidate and refuse the relocation when they disagree; with no
//! match, `FIELD_EXISTS`/`ENUMVAL_EXISTS`/the type kinds give 0 and the rest poison the
//! instruction.
//!
//! Where this differs from libbpf, and why it does not matter yet:
//! - libbpf keeps one candidate list per local root type for the whole object and drops, after
//!   each relocation, the candidates that did not match it, so a later relocation of that root
//!   sees fewer candidates. [`resolve`] looks at every candidate each time. The results differ
//!   only when a target has several candidates of one name (flavors) that disagree on a member
//!   one relocation names and another does not.
//! - libbpf looks in kernel modules' (split) BTF when vmlinux has no candidate; this crate reads
//!   one BTF.
//! - A target with unknown type ids or typedef loops makes libbpf fail (or loop); here the
//!   candidate simply does not match, or the search stops with [`CoreError::BadTarget`].

mod calc;
mod compat;
mod spec;

use std::fmt;

use btf_reloc_format::{KindClass, RelocKind};

use self::calc::Calc;
pub use self::spec::{Accessor, Spec};
use crate::types::TypeId;
use crate::Btf;

/// One CO-RE relocation record, as `.BTF.ext` holds it (without the instruction offset).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Relocation<'a> {
    /// What is relocated.
    pub kind: RelocKind,
    /// The root type in the local BTF.
    pub type_id: TypeId,
    /// The access string (`0:2:1`; `0` for type kinds; the enumerator index for enum values).
    pub access: &'a str,
}

/// Why a candidate target type does not have what a relocation asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mismatch {
    /// No member of that name (after searching anonymous members).
    NoMember {
        /// The member looked for.
        name: String,
        /// The type it was looked for in.
        in_type: String,
    },
    /// A member of that name whose type is of another kind.
    Incompatible {
        /// The member.
        name: String,
        /// Its local kind.
        local: String,
        /// Its target kind.
        target: String,
    },
    /// The path indexes something that is not an array in the target.
    NotAnArray,
    /// The path indexes past the end of the target array.
    IndexOutOfRange {
        /// The index.
        index: u32,
        /// The target array's length.
        len: u32,
    },
    /// The candidate of an enum value relocation is not an enum.
    NotAnEnum,
    /// The enum has no enumerator of that name.
    NoEnumerator(String),
    /// A type relocation's candidate is not compatible with the local type.
    IncompatibleType,
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoMember { name, in_type } => {
                write!(f, "no member `{name}` in `{in_type}`")
            }
            Self::Incompatible {
                name,
                local,
                target,
            } => write!(
                f,
                "member `{name}` is {} {target} in the target but {} {local} locally",
                article(target),
                article(local)
            ),
            Self::NotAnArray => f.write_str("the path indexes a non-array"),
            Self::IndexOutOfRange { index, len } => {
                write!(f, "index {index} is past the target array's {len} elements")
            }
            Self::NotAnEnum => f.write_str("not an enum"),
            Self::NoEnumerator(name) => write!(f, "no enumerator `{name}`"),
            Self::IncompatibleType => f.write_str("a type of an incompatible kind"),
        }
    }
}

fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

/// Why libbpf would fail a relocation (and with it, the program load).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CoreError {
    /// The record does not make sense in the local BTF (bad access string, index past an
    /// array, a path into a scalar, …).
    BadLocal(String),
    /// The target BTF is malformed where the relocation looks (unknown ids, loops, nesting
    /// deeper than libbpf allows).
    BadTarget(String),
    /// Several candidates match but give different values (libbpf: "ambiguity").
    Ambiguous(String),
    /// The relocation cannot be computed (a bitfield wider than a 64-bit load, `FIELD_SIGNED`
    /// of an array element, …).
    Refused(String),
    /// A kind this crate does not implement yet.
    Unsupported(RelocKind),
}

impl fmt::Display for CoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::BadLocal(why) => write!(f, "invalid relocation: {why}"),
            Self::BadTarget(why) => write!(f, "malformed target BTF: {why}"),
            Self::Ambiguous(why) => write!(f, "ambiguous relocation: {why}"),
            Self::Refused(why) => write!(f, "relocation refused: {why}"),
            Self::Unsupported(kind) => write!(f, "{kind} relocations are not supported yet"),
        }
    }
}

impl std::error::Error for CoreError {}

/// What a relocation resolves to against one target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolution {
    /// The value in the local BTF: what the instruction must hold before relocation (libbpf
    /// refuses the record otherwise, where [`validate`](Self::validate) says it checks).
    pub local_value: u64,
    /// Whether libbpf checks the instruction's value against [`local_value`](Self::local_value).
    pub validate: bool,
    /// The value written into the instruction; `None` when the instruction is poisoned (the
    /// field or enumerator does not exist, so only unreachable code may use it).
    pub value: Option<u64>,
    /// The matching target spec (the first of equal candidates); `None` when nothing matched.
    pub target: Option<Spec>,
    /// Why each non-matching candidate did not match, by candidate type id; empty with no
    /// candidates at all.
    pub mismatches: Vec<(TypeId, Mismatch)>,
    /// Number of candidate types (same flavor-less name and compatible kind).
    pub candidates: usize,
}

/// The local side of a relocation: its spec and value in `local` (what the post-link step
/// writes into a marker).
pub fn local_value(local: &Btf, relo: &Relocation<'_>) -> Result<(Spec, u64, bool), CoreError> {
    let spec = spec::parse(local, relo)?;
    let (calc, validate) = calc_one(local, relo.kind, Some(&spec))?;
    match calc {
        Calc::Value(v) => Ok((spec, v, validate)),
        Calc::Poison => Err(CoreError::BadLocal(
            "the relocation has no value in its own BTF".into(),
        )),
    }
}

fn calc_one(btf: &Btf, kind: RelocKind, spec: Option<&Spec>) -> Result<(Calc, bool), CoreError> {
    match kind.class() {
        KindClass::Field => calc::field(btf, kind, spec),
        KindClass::Type => Ok((calc::ty(btf, kind, spec)?, kind != RelocKind::TypeIdTarget)),
        KindClass::EnumValue => Ok((calc::enumval(btf, kind, spec)?, true)),
    }
}

/// Resolves `relo` (about the local BTF `local`) against `target`, as libbpf's
/// `bpf_core_calc_relo_insn` does.
pub fn resolve(local: &Btf, relo: &Relocation<'_>, target: &Btf) -> Result<Resolution, CoreError> {
    let (local_spec, local_value, validate) = local_value(local, relo)?;
    if relo.kind == RelocKind::TypeIdLocal {
        return Ok(Resolution {
            local_value,
            validate: false,
            value: Some(local_value),
            target: None,
            mismatches: Vec::new(),
            candidates: 0,
        });
    }
    let local_type = local
        .ty(relo.type_id)
        .ok_or_else(|| CoreError::BadLocal(format!("no local type {}", relo.type_id)))?;
    if local.name(local_type).is_empty() {
        return Err(CoreError::BadLocal(
            "libbpf does not relocate anonymous types".into(),
        ));
    }
    let candidates = compat::candidates(local, local_type, target);
    let mut chosen: Option<(Spec, Calc)> = None;
    let mut mismatches = Vec::new();
    for &cand in &candidates {
        let matched = if relo.kind.class() == KindClass::Type {
            // `bpf_core_spec_match`: `TYPE_MATCHES` has rules of its own.
            let fits = match relo.kind {
                RelocKind::TypeMatches => compat::types_match(local, relo.type_id, target, cand)?,
                _ => compat::types_are_compat(local, relo.type_id, target, cand)?,
            };
            if fits {
                Ok(Spec {
                    root_type_id: cand,
                    kind: relo.kind,
                    raw: Vec::new(),
                    accessors: Vec::new(),
                    bit_offset: 0,
                })
            } else {
                Err(Mismatch::IncompatibleType)
            }
        } else {
            spec::match_spec(local, &local_spec, target, cand)?
        };
        let cand_spec = match matched {
            Ok(spec) => spec,
            Err(why) => {
                mismatches.push((cand, why));
                continue;
            }
        };
        let (calc, _) = calc_one(target, relo.kind, Some(&cand_spec))?;
        match &chosen {
            None => chosen = Some((cand_spec, calc)),
            Some((first, _)) if first.bit_offset != cand_spec.bit_offset => {
                return Err(CoreError::Ambiguous(format!(
                    "field offset ambiguity: candidates [{}] and [{cand}] put it at bit {} and \
                     bit {}",
                    first.root_type_id, first.bit_offset, cand_spec.bit_offset
                )))
            }
            Some((first, first_calc)) if *first_calc != calc => {
                return Err(CoreError::Ambiguous(format!(
                    "relocation decision ambiguity: candidates [{}] and [{cand}] give {} and {}",
                    first.root_type_id,
                    describe_calc(*first_calc),
                    describe_calc(calc)
                )))
            }
            Some(_) => {}
        }
    }
    let (target_spec, value) = match chosen {
        Some((spec, calc)) => (Some(spec), calc),
        None => (None, calc_one(target, relo.kind, None)?.0),
    };
    Ok(Resolution {
        local_value,
        validate,
        value: match value {
            Calc::Value(v) => Some(v),
            Calc::Poison => None,
        },
        target: target_spec,
        mismatches,
        candidates: candidates.len(),
    })
}

fn describe_calc(calc: Calc) -> String {
    match calc {
        Calc::Value(v) => format!("{v}"),
        Calc::Poison => "a poisoned instruction".to_owned(),
    }
}

/// The keyword C puts before the name of `id` (`struct `, `union `, `enum `, `typedef `; empty
/// for anything else).
fn type_keyword(btf: &Btf, id: TypeId) -> &'static str {
    match btf.ty(id).map(|t| &t.kind) {
        Some(crate::Kind::Struct(_)) => "struct ",
        Some(crate::Kind::Union(_)) => "union ",
        Some(crate::Kind::Enum(_) | crate::Kind::Enum64(_)) => "enum ",
        Some(crate::Kind::Typedef(_)) => "typedef ",
        _ => "",
    }
}

/// What a relocation is about, spelled out against the BTF it refers to: a field path
/// (`task_struct.se.vruntime`, `task_struct.comm[0]`; anonymous members are passed through
/// silently, as C code does), a type (`struct task_struct`) or an enumerator
/// (`pid_type::PIDTYPE_TGID`). `None` when the record does not parse.
pub fn describe(btf: &Btf, relo: &Relocation<'_>) -> Option<String> {
    let root = btf.ty(relo.type_id)?;
    let name = match btf.name(root) {
        "" => "<anon>",
        name => name,
    };
    let spec = spec::parse(btf, relo).ok()?;
    Some(match relo.kind.class() {
        KindClass::Type => format!("{}{name}", type_keyword(btf, relo.type_id)),
        KindClass::EnumValue => {
            format!("{name}::{}", spec.accessors.first()?.name.as_deref()?)
        }
        KindClass::Field => {
            let mut out = name.to_owned();
            for (i, acc) in spec.accessors.iter().enumerate() {
                match &acc.name {
                    Some(member) => {
                        out.push('.');
                        out.push_str(member);
                    }
                    None if i == 0 && acc.idx == 0 => {}
                    None => out.push_str(&format!("[{}]", acc.idx)),
                }
            }
            out
        }
    })
}

/// libbpf's name of a relocation kind, as its log prints it (`<byte_off>`, `<type_size>`, …).
pub fn libbpf_kind_name(kind: RelocKind) -> &'static str {
    match kind {
        RelocKind::FieldByteOffset => "<byte_off>",
        RelocKind::FieldByteSize => "<byte_sz>",
        RelocKind::FieldExists => "<field_exists>",
        RelocKind::FieldSigned => "<signed>",
        RelocKind::FieldLshiftU64 => "<lshift_u64>",
        RelocKind::FieldRshiftU64 => "<rshift_u64>",
        RelocKind::TypeIdLocal => "<local_type_id>",
        RelocKind::TypeIdTarget => "<target_type_id>",
        RelocKind::TypeExists => "<type_exists>",
        RelocKind::TypeMatches => "<type_matches>",
        RelocKind::TypeSize => "<type_size>",
        RelocKind::EnumvalExists => "<enumval_exists>",
        RelocKind::EnumvalValue => "<enumval_value>",
    }
}

/// The immediate of the `call` a loader writes over an instruction whose relocation found
/// nothing in the kernel (libbpf's and aya's `BPF_POISON`); the verifier refuses a reachable one
/// as `invalid func unknown#195896080`.
pub const POISON_CALL_IMM: u32 = 0xbad_2310;

/// The line text the post-link step gives the BTF line info of a relocated instruction. The
/// verifier log prints an instruction's line info above it, so a program refused on a poisoned
/// instruction names the relocation, even with a loader (aya) that does not rewrite the log as
/// libbpf does. The relocation is spelled as libbpf's log spells it (kind, keyword, [`describe`]):
///
/// `btf-reloc: CO-RE <byte_off> of struct task_struct.pid; a verifier error here
/// (unknown#195896080) means the running kernel has no such field`
///
/// The type kinds never poison (a missing type gives 0; `TYPE_ID_LOCAL` does not depend on the
/// kernel), and their text says so. `None` for the existence kinds, which never poison either
/// and are the checks a program makes before the access, so the instruction keeps its source
/// line, and for a record that does not parse.
pub fn line_note(btf: &Btf, relo: &Relocation<'_>) -> Option<String> {
    if matches!(
        relo.kind,
        RelocKind::FieldExists | RelocKind::TypeExists | RelocKind::EnumvalExists
    ) {
        return None;
    }
    let what = describe(btf, relo)?;
    let kind = libbpf_kind_name(relo.kind);
    let missing = match relo.kind.class() {
        // `describe` names a type with its keyword already; the local id is the program's own.
        KindClass::Type if relo.kind == RelocKind::TypeIdLocal => {
            return Some(format!("btf-reloc: CO-RE {kind} of {what}"))
        }
        KindClass::Type => {
            return Some(format!(
                "btf-reloc: CO-RE {kind} of {what}; 0 when the running kernel has no such type"
            ))
        }
        KindClass::Field => "field",
        KindClass::EnumValue => "enumerator",
    };
    Some(format!(
        "btf-reloc: CO-RE {kind} of {}{what}; a verifier error here (unknown#{POISON_CALL_IMM}) \
         means the running kernel has no such {missing}",
        type_keyword(btf, relo.type_id),
    ))
}

#[cfg(test)]
mod match_tests;
#[cfg(test)]
mod tests;
