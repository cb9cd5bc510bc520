//! The offline check of a post-linked object: every CO-RE record of its `.BTF.ext` resolved
//! against one or more target BTFs (kernels' `/sys/kernel/btf/vmlinux`, or made-up ones), by
//! libbpf's rules, without loading anything.
//!
//! This module owns what the check adds to those rules: grouping the records into the fields
//! (types, enumerators) the program reads, predicting what each btf-reloc getter returns there
//! (the decision order of `btf-reloc-runtime`'s `read.rs`), the instruction checks libbpf makes
//! before patching, where aya 0.14 departs from libbpf ([`aya_0_14`], the one place that knows),
//! and whether each loader would refuse the object. Resolving one record is
//! [`btf_reloc_btf::core::resolve`], never re-implemented here. Rendering is in [`text`] (the
//! table the CLI prints) and [`json`] (the `--json` shape, documented there).

mod json;
mod text;

use std::collections::HashMap;

use btf_reloc_btf::{
    core::{self, CoreError, Relocation, Resolution},
    ext::BtfExt,
    Btf, Kind,
};
use btf_reloc_format::{bitfield::bitfield_load, KindClass, RelocKind};

use crate::{
    elf::Elf,
    error::{Error, Result},
    link::{group_section_name, pending_markers, BTF_EXT_SECTION, BTF_SECTION},
    markers::LD_IMM64,
};

/// One target to check against: a BTF (a kernel's vmlinux BTF, or a made-up one) and the name
/// the report gives it (a file name, a kernel release).
#[derive(Debug, Clone)]
pub struct Target {
    /// How the report names this target.
    pub name: String,
    /// Its BTF.
    pub btf: Btf,
}

impl Target {
    /// A target called `name`.
    pub fn new(name: impl Into<String>, btf: Btf) -> Self {
        Self {
            name: name.into(),
            btf,
        }
    }
}

/// One `bpf_core_relo` record of the object, as the object states it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The ELF section the record applies to.
    pub section: String,
    /// Its position among its section's records: libbpf's `relo #N`.
    pub index: usize,
    /// The instruction index in the section (`insn_off / 8`).
    pub insn: u32,
    /// The relocation kind (uapi value; [`RelocKind::from_u32`] names it).
    pub kind: u32,
    /// The local root type id.
    pub type_id: u32,
    /// The local root type, e.g. `struct task_struct` (`?` when the record does not parse).
    pub type_name: String,
    /// The access string, e.g. `0:2:1` (`?` when its offset is not a string of `.BTF`).
    pub access: String,
    /// What the record is about, e.g. `task_struct.se.vruntime` (`?` when it does not parse).
    pub path: String,
    /// The value the instruction must hold before relocation (what `btf-reloc link` wrote);
    /// `None` when the record does not resolve in the object's own BTF.
    pub local_value: Option<u64>,
    /// The [`Field`] this record belongs to (an index into [`Report::fields`]).
    pub field: usize,
}

/// What the records of one root type and access path relocate together: a field (with the
/// kinds a getter or query needs), a type, or an enumerator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// What it is: `task_struct.se.vruntime`, `struct task_struct`, `pid_type::PIDTYPE_TGID`;
    /// followed by ` (local type [ID])` when several local types (two declarations of one
    /// kernel type) have this path.
    pub path: String,
    /// Field, type or enumerator; `None` for records of an unknown kind.
    pub class: Option<KindClass>,
    /// The kinds relocated for it, in uapi order, each once.
    pub kinds: Vec<RelocKind>,
    /// Its records (indices into [`Report::records`]).
    pub records: Vec<usize>,
    /// A member of an enum type (an `EnumOf<E>` field), whose getter reads the kernel's value
    /// into an `i64` whatever the local size.
    pub enum_member: bool,
}

/// What one loader does with one record against one target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Applied {
    /// The instruction gets this value.
    Value(u64),
    /// The instruction is poisoned (the field, enumerator or type is missing): the verifier
    /// rejects the program if it can reach it, which the existence check prevents.
    Poisoned,
    /// The loader refuses the relocation, and with it the whole object.
    Refused(String),
    /// `check` cannot tell: a kind it does not model, or a record libbpf skips (its
    /// instruction lies past its section's end).
    Unknown(String),
}

/// The target type a record matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matched {
    /// Its id in the target BTF.
    pub type_id: u32,
    /// Its name there (with any `___flavor`).
    pub type_name: String,
    /// The access string of the same path in the target (anonymous members included), as
    /// libbpf logs it.
    pub access: String,
    /// Bit offset of the field from the start of the target type.
    pub bit_offset: u64,
}

/// One record resolved against one target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordResult {
    /// What libbpf 1.x does with it.
    pub libbpf: Applied,
    /// What aya 0.14 does with it, when that differs from libbpf (where it does:
    /// `btf-reloc check --help`).
    pub aya: Option<Applied>,
    /// The target type the path matched; `None` when nothing matched.
    pub matched: Option<Matched>,
    /// Why nothing matched: no candidate type, or each candidate's mismatch (`[id] name: no
    /// member `x` in `y``, `… is a pointer in the target but an int locally`); or, when
    /// something matched but libbpf poisons the record's load (a field whose size differs and
    /// that is no pointer or unsigned integer), why. Empty otherwise.
    pub why: Vec<String>,
    /// For a `FIELD_BYTE_OFFSET` record on a load or store (a direct load) whose field has
    /// another size in the target: the size in bytes the loaders that patch it give the access
    /// (both resize the load of a pointer or an unsigned integer).
    pub resized_to: Option<u64>,
}

/// What a getter (or query) of a field, type or enumerator returns on a target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Getter {
    /// `Ok(Some(value))`: the `size` bytes at `offset` from the root are read.
    Value {
        /// Byte offset from the start of the root type.
        offset: u64,
        /// Bytes read (equal to the declared size).
        size: u64,
    },
    /// `Ok(Some(value))` of a `#[btf(bitfield)]` field: `size` bytes loaded at `offset`, then
    /// the `bits` bits at `bit_offset` (from the start of the root type) extracted.
    Bitfield {
        /// Byte offset of the load.
        offset: u64,
        /// Bytes loaded.
        size: u64,
        /// Bit offset of the field from the start of the root type.
        bit_offset: u64,
        /// Width in bits.
        bits: u64,
        /// Sign-extended (the target field is signed).
        signed: bool,
    },
    /// The field exists; only its existence (and maybe its offset: an embedded struct's
    /// handle) is relocated, so nothing is read or size-checked.
    Present {
        /// Its offset, when relocated.
        offset: Option<u64>,
    },
    /// `Ok(None)` of a getter; `false` of `*_exists()`, `type_exists()`, `exists()`; `None` of
    /// `type_size()`, `value()`.
    Missing,
    /// `Err(SizeMismatch { expected, actual })`.
    SizeMismatch {
        /// The declared size.
        expected: u64,
        /// The target's size (for a bitfield: its width in whole bytes, or the oversized load).
        actual: u64,
    },
    /// `type_exists()` is true; `type_size()` is `size` when relocated (the type's
    /// `type_id_target()` and `type_matches()` are in [`FieldResult`]). For a type the program only
    /// asks `type_matches` of, this means it matches.
    Type {
        /// Its size, when relocated.
        size: Option<u64>,
    },
    /// The enumerator exists; `value()` is `value` when relocated.
    EnumValue {
        /// Its value (64-bit, as the loader writes it), when relocated.
        value: Option<u64>,
    },
    /// A record of this field is refused: the object does not load, nothing runs.
    Refused,
    /// `check` cannot tell (a record of it is [`Applied::Unknown`]).
    Unknown,
}

/// One field resolved against one target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldResult {
    /// What its getter returns under libbpf.
    pub getter: Getter,
    /// Under aya 0.14, when that differs.
    pub aya: Option<Getter>,
    /// `*_exists()`.
    pub exists: bool,
    /// `*_byte_offset()`: the relocated offset (`None` when missing or not relocated).
    pub byte_offset: Option<u64>,
    /// `*_byte_size()`: the relocated size (`None` when missing or not relocated).
    pub byte_size: Option<u64>,
    /// For an array whose element path is relocated too (`comm_at(i)`): the target's length,
    /// its size over its element's size; `comm_at(i)` reads element `i < len`.
    pub elements: Option<u64>,
    /// For a type, `type_id_local()`, when relocated: its id in the object's BTF, which the
    /// loaders write back unchanged.
    pub local_type_id: Option<u64>,
    /// For a type, `type_id_target()`, when relocated: the target's type id (`None` where the
    /// target has no such type).
    pub target_type_id: Option<u64>,
    /// For a type, `type_matches()`, when relocated (libbpf's value; aya 0.14 refuses such
    /// objects).
    pub matches: Option<bool>,
    /// Why it is missing (from its records' [`RecordResult::why`]).
    pub why: Vec<String>,
}

/// Whether a loader loads the object against a target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Every record relocates.
    Loads,
    /// The object is refused; why, one line per refused record.
    Refuses(Vec<String>),
}

impl Verdict {
    /// Whether the loader refuses the object.
    pub fn refuses(&self) -> bool {
        matches!(self, Self::Refuses(_))
    }
}

/// The object checked against one target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetReport {
    /// The target's name.
    pub name: String,
    /// One result per [`Report::records`] entry.
    pub records: Vec<RecordResult>,
    /// One result per [`Report::fields`] entry.
    pub fields: Vec<FieldResult>,
    /// libbpf 1.x.
    pub libbpf: Verdict,
    /// aya 0.14.
    pub aya: Verdict,
}

/// Everything [`check`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The object's records, in `.BTF.ext` order.
    pub records: Vec<Record>,
    /// Its fields, types and enumerators, in the order of their first record.
    pub fields: Vec<Field>,
    /// One per target, in the order given.
    pub targets: Vec<TargetReport>,
}

/// Which loaders refuse the object against at least one target.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Refusals {
    /// libbpf 1.x refuses it.
    pub libbpf: bool,
    /// aya 0.14 refuses it.
    pub aya: bool,
}

impl Report {
    /// The field whose path is `path` (`task_struct.pid`, `struct task_struct`,
    /// `pid_type::PIDTYPE_TGID`), with its index.
    pub fn field(&self, path: &str) -> Option<(usize, &Field)> {
        self.fields.iter().enumerate().find(|(_, f)| f.path == path)
    }

    /// Which loaders refuse the object, on any target.
    pub fn refusals(&self) -> Refusals {
        self.targets
            .iter()
            .fold(Refusals::default(), |r, t| Refusals {
                libbpf: r.libbpf || t.libbpf.refuses(),
                aya: r.aya || t.aya.refuses(),
            })
    }

    /// The report as one line of JSON, in this shape (stable: a change that is not an addition
    /// bumps `version`; per-target arrays follow the order of `"targets"`):
    ///
    /// ```text
    /// {
    ///   "version": 1,
    ///   "refused_by": { "libbpf": bool, "aya": bool },      // on any target
    ///   "targets": [ { "name": str,
    ///                  "libbpf": { "loads": bool, "refusals": [str] },
    ///                  "aya":    { "loads": bool, "refusals": [str] } } ],
    ///   "records": [ { "section": str,
    ///                  "relo": int,                          // libbpf's `relo #N` in the section
    ///                  "insn": int, "kind": str,             // "FIELD_BYTE_OFFSET", …
    ///                  "type_id": int, "type": str, "access": str, "path": str,
    ///                  "local_value": int | null, "field": int,   // index into "fields"
    ///                  "targets": [ { "libbpf": APPLIED,
    ///                                 "aya": APPLIED | null,  // null: as libbpf
    ///                                 "matched": { "type_id": int, "type": str, "access": str,
    ///                                              "bit_offset": int } | null,
    ///                                 "why": [str],
    ///                                 "resized_to": int | null } ] } ],  // one per target
    ///   "fields": [ { "path": str, "class": "field" | "type" | "enum_value" | null,
    ///                 "kinds": [str], "records": [int],
    ///                 "targets": [ { "getter": GETTER, "aya": GETTER | null,
    ///                                "exists": bool, "byte_offset": int | null,
    ///                                "byte_size": int | null, "elements": int | null,
    ///                                "local_type_id": int | null,   // types: type_id_local()
    ///                                "target_type_id": int | null,  // type_id_target()
    ///                                "matches": bool | null,        // type_matches()
    ///                                "why": [str] } ] } ]
    /// }
    /// APPLIED = { "outcome": "value", "value": int } | { "outcome": "poisoned" }
    ///         | { "outcome": "refused", "why": str } | { "outcome": "unknown", "why": str }
    /// GETTER  = { "outcome": "value", "offset": int, "size": int }
    ///         | { "outcome": "bitfield", "offset": int, "size": int, "bit_offset": int,
    ///             "bits": int, "signed": bool }
    ///         | { "outcome": "present", "offset": int | null }
    ///         | { "outcome": "missing" }
    ///         | { "outcome": "size_mismatch", "expected": int, "actual": int }
    ///         | { "outcome": "type", "size": int | null }
    ///         | { "outcome": "enum_value", "value": int | null }   // the 64 bits, unsigned
    ///         | { "outcome": "refused" } | { "outcome": "unknown" }
    /// ```
    pub fn to_json(&self) -> String {
        json::report(self)
    }
}

/// Resolves every CO-RE record of the post-linked `object` against each of `targets`.
///
/// Fails on a malformed object (ELF, `.BTF`, `.BTF.ext`), and on an object that still has
/// markers waiting for `btf-reloc link` (a loader would run their placeholder values as
/// offsets). An object without CO-RE records gives an empty report.
pub fn check(object: &[u8], targets: &[Target]) -> Result<Report> {
    let elf = Elf::parse(object)?;
    let pending = pending_markers(&elf)?;
    if let Some(first) = pending.first() {
        let section = elf
            .sections
            .get(first.section)
            .map_or("?", |s| s.name.as_str());
        return Err(Error::Unsupported(format!(
            "{} marker instruction(s) are not post-linked (the first in section `{section}`, \
             instruction {}): run `btf-reloc link` on the object first",
            pending.len(),
            first.insn()
        )));
    }
    let Some(ext_section) = elf.section_by_name(BTF_EXT_SECTION) else {
        return Ok(empty_report(targets));
    };
    let ext =
        BtfExt::parse(elf.section_data(ext_section)?).map_err(|e| Error::BtfExt(e.to_string()))?;
    let groups = ext.core_relos();
    if groups.iter().all(|g| g.records.is_empty()) {
        return Ok(empty_report(targets));
    }
    let local = match elf.section_by_name(BTF_SECTION) {
        Some(s) => Btf::parse(elf.section_data(s)?)?,
        None => {
            return Err(Error::Btf(
                "the object has CO-RE records in .BTF.ext but no .BTF section".into(),
            ))
        }
    };

    let mut records = Vec::new();
    let mut locals = Vec::new();
    let mut fields: Vec<Field> = Vec::new();
    let mut by_key: HashMap<(u32, String, Option<KindClass>), usize> = HashMap::new();
    for group in &groups {
        let section = group_section_name(&local, group.sec_name_off)?;
        let code = elf
            .section_by_name(section)
            .map(|s| elf.section_data(s))
            .transpose()?;
        for (index, raw) in group.records.iter().enumerate() {
            let kind = RelocKind::from_u32(raw.kind);
            let access = local.str_at(raw.access_str_off).map(str::to_owned);
            let relo = kind
                .zip(access.as_deref())
                .map(|(kind, access)| Relocation {
                    kind,
                    type_id: raw.type_id,
                    access,
                });
            let local_value = relo.as_ref().map(|r| core::local_value(&local, r));
            let path = relo
                .as_ref()
                .and_then(|r| core::describe(&local, r))
                .unwrap_or_else(|| "?".to_owned());
            let class = kind.map(RelocKind::class);
            let enum_member = match (&local_value, class) {
                (Some(Ok((spec, _, _))), Some(KindClass::Field)) => member_is_enum(&local, spec),
                _ => false,
            };
            let key = (raw.type_id, access.clone().unwrap_or_default(), class);
            let field = *by_key.entry(key).or_insert_with(|| {
                fields.push(Field {
                    path: path.clone(),
                    class,
                    kinds: Vec::new(),
                    records: Vec::new(),
                    enum_member,
                });
                fields.len() - 1
            });
            if let Some(f) = fields.get_mut(field) {
                f.records.push(records.len());
                if let Some(kind) = kind.filter(|k| !f.kinds.contains(k)) {
                    f.kinds.push(kind);
                    f.kinds.sort();
                }
            }
            records.push(Record {
                section: section.to_owned(),
                index,
                insn: raw.insn_off / 8,
                kind: raw.kind,
                type_id: raw.type_id,
                type_name: type_name(&local, raw.type_id),
                access: access.clone().unwrap_or_else(|| "?".to_owned()),
                path,
                local_value: match &local_value {
                    Some(Ok((_, value, _))) => Some(*value),
                    _ => None,
                },
                field,
            });
            let problem = match (&relo, &local_value) {
                (None, _) => Some(match kind {
                    None => format!("unknown relocation kind {}", raw.kind),
                    Some(_) => format!(
                        "access string offset {:#x} is not a string of .BTF",
                        raw.access_str_off
                    ),
                }),
                (Some(_), Some(Err(e))) if !matches!(e, CoreError::Unsupported(_)) => {
                    Some(e.to_string())
                }
                _ => None,
            };
            locals.push(LocalRecord {
                kind,
                access,
                problem,
                insn: Insn::at(code, raw.insn_off),
            });
        }
    }

    // Two declarations of one kernel type (two Rust structs named `task_struct`) are two local
    // types with the same paths: tell them apart by local type id.
    let paths: Vec<String> = fields.iter().map(|f| f.path.clone()).collect();
    for field in &mut fields {
        let type_id = field
            .records
            .first()
            .and_then(|&i| records.get(i))
            .map(|r| r.type_id);
        let shared = paths.iter().filter(|p| **p == field.path).count() > 1;
        if let (true, Some(id)) = (shared, type_id) {
            field.path = format!("{} (local type [{id}])", field.path);
        }
    }

    let targets = targets
        .iter()
        .map(|target| check_target(&local, &records, &locals, &fields, target))
        .collect();
    Ok(Report {
        records,
        fields,
        targets,
    })
}

/// Whether the member a field spec ends at has an enum type.
fn member_is_enum(btf: &Btf, spec: &core::Spec) -> bool {
    let Some(acc) = spec.accessors.last().filter(|a| a.name.is_some()) else {
        return false;
    };
    btf.ty(acc.type_id)
        .and_then(|t| t.kind.composite())
        .and_then(|c| c.members.get(acc.idx as usize))
        .and_then(|m| btf.skip_mods_and_typedefs(m.ty))
        .is_some_and(|(_, t)| t.kind.any_enum().is_some())
}

fn empty_report(targets: &[Target]) -> Report {
    Report {
        records: Vec::new(),
        fields: Vec::new(),
        targets: targets
            .iter()
            .map(|t| TargetReport {
                name: t.name.clone(),
                records: Vec::new(),
                fields: Vec::new(),
                libbpf: Verdict::Loads,
                aya: Verdict::Loads,
            })
            .collect(),
    }
}

/// `struct task_struct`, `enum pid_type`, … for the local root type `id`.
fn type_name(btf: &Btf, id: u32) -> String {
    let relo = Relocation {
        kind: RelocKind::TypeExists,
        type_id: id,
        access: "0",
    };
    core::describe(btf, &relo).unwrap_or_else(|| "?".to_owned())
}

/// What [`check`] keeps of a record besides [`Record`]: its parsed parts, and what is wrong with
/// it whatever the target.
struct LocalRecord {
    kind: Option<RelocKind>,
    access: Option<String>,
    /// Why libbpf refuses the record on every target (it does not parse, or does not resolve
    /// in the object's own BTF).
    problem: Option<String>,
    insn: Insn,
}

/// The instruction a record patches, as libbpf's `bpf_core_patch_insn` sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Insn {
    /// `ld_imm64` (what btf-reloc's markers are); `plain` when its second half and registers
    /// have the form libbpf requires.
    LdImm64 { imm: u64, plain: bool },
    /// An ALU instruction; `imm` only matters with an immediate source.
    Alu { imm: i32, immediate: bool },
    /// A load or store, whose offset is relocated; `size` is its access size in bytes.
    Mem { off: i16, size: u64 },
    /// Anything else (or an `ld_imm64` cut off by the end of its section): not relocatable.
    Other { code: u8 },
    /// The record names a section the object lacks, or an offset that is not an instruction
    /// boundary.
    Bad,
    /// The record points past the end of its section.
    PastEnd,
}

/// Why a loader does not simply patch a record's instruction.
#[derive(Debug, Clone, PartialEq, Eq)]
enum InsnProblem {
    /// No loader can patch it: both refuse.
    Unpatchable(String),
    /// libbpf refuses it; aya 0.14, which does not look at what the instruction holds, patches
    /// it.
    Unexpected(String),
    /// libbpf skips the record (it takes it for one of a weak subprogram a linker dropped);
    /// aya 0.14 finds no function holding it and refuses the object.
    NotInProgram,
}

impl Insn {
    fn at(code: Option<&[u8]>, insn_off: u32) -> Self {
        let Some(code) = code.filter(|_| insn_off.is_multiple_of(8)) else {
            return Self::Bad;
        };
        let at = insn_off as usize;
        let Some(insn) = at.checked_add(8).and_then(|end| code.get(at..end)) else {
            return Self::PastEnd;
        };
        let imm = i32::from_le_bytes([insn[4], insn[5], insn[6], insn[7]]);
        let off = i16::from_le_bytes([insn[2], insn[3]]);
        match insn[0] & 0x07 {
            // BPF_LD: only `ld_imm64` (BPF_LD | BPF_IMM | BPF_DW) is relocatable.
            0x00 if insn[0] == LD_IMM64 => {
                let Some(next) = at.checked_add(16).and_then(|end| code.get(at + 8..end)) else {
                    return Self::Other { code: insn[0] };
                };
                let hi = u32::from_le_bytes([next[4], next[5], next[6], next[7]]);
                Self::LdImm64 {
                    imm: u64::from(hi) << 32 | u64::from(imm as u32),
                    // src_reg 0 (not a map or BTF reference), offsets 0, an all-zero second
                    // opcode and registers.
                    plain: insn[1] >> 4 == 0 && off == 0 && next[..4] == [0; 4],
                }
            }
            0x04 | 0x07 => Self::Alu {
                imm,
                immediate: insn[0] & 0x08 == 0,
            },
            0x01..=0x03 => Self::Mem {
                off,
                size: match insn[0] & 0x18 {
                    0x00 => 4,
                    0x08 => 2,
                    0x10 => 1,
                    _ => 8,
                },
            },
            _ => Self::Other { code: insn[0] },
        }
    }

    /// What stops libbpf from patching this instruction with `new` (`None`: poisoning it) for a
    /// relocation whose local value is `local` (compared when `validate`), following
    /// `bpf_object__relocate_core` and `bpf_core_patch_insn`.
    fn problem(self, local: u64, new: Option<u64>, validate: bool) -> Option<InsnProblem> {
        use InsnProblem::{NotInProgram, Unexpected, Unpatchable};
        let validate = validate && new.is_some();
        match self {
            Self::Bad => Some(Unpatchable(
                "the record's instruction is not in a section of the object".into(),
            )),
            Self::PastEnd => Some(NotInProgram),
            // A poisoned instruction is replaced whatever it was.
            _ if new.is_none() => None,
            Self::Other { code } => Some(Unpatchable(format!(
                "instruction opcode {code:#04x} cannot be relocated"
            ))),
            Self::LdImm64 { plain: false, .. } => Some(Unexpected(
                "the ld_imm64 instruction has an unexpected form".into(),
            )),
            Self::LdImm64 { imm, .. } if validate && imm != local => Some(Unexpected(format!(
                "the instruction holds {imm}, not the local value {local} (libbpf: unexpected \
                 insn value; was the object post-linked by this btf-reloc?)"
            ))),
            Self::Alu {
                immediate: false, ..
            } => Some(Unpatchable(
                "the ALU instruction has a register source".into(),
            )),
            // libbpf compares the sign-extended immediate with the 64-bit local value.
            Self::Alu { imm, .. } if validate && i64::from(imm) as u64 != local => {
                Some(Unexpected(format!(
                    "the instruction holds {imm}, not the local value {local}"
                )))
            }
            Self::Mem { off, .. } if validate && i64::from(off) as u64 != local => {
                Some(Unexpected(format!(
                    "the instruction's offset is {off}, not the local value {local}"
                )))
            }
            Self::Mem { .. } if new.is_some_and(|v| v > i16::MAX as u64) => {
                Some(Unpatchable(format!(
                    "the target offset {} overflows the load/store's 16-bit offset field \
                     (libbpf: \"value too big\"; aya: \"overflows 16 bits offset field\")",
                    new.unwrap_or_default()
                )))
            }
            _ => None,
        }
    }
}

/// Where aya 0.14 (aya-obj 0.3.0, `btf/relocation.rs`) departs from libbpf for a record that
/// libbpf resolves as `res`: the value aya writes instead, or why it refuses the whole object.
/// `None` when aya does what libbpf does. The one place that knows these differences (the
/// README's "Loaders: what to know"):
///
/// - It does not know relocation kind 12, `TYPE_MATCHES`: parsing an object's `.BTF.ext` with
///   such a record fails (`invalid BTF relocation kind `12``), so aya refuses the whole object
///   on every target. Pinned by the kernel test `e2e-tests/tests/kernel/type_matches.rs`.
/// - `find_candidates` keeps only target types of the local root type's own BTF kind, so a local
///   `ENUM` does not match a target `ENUM64`, nor the reverse (libbpf's
///   `btf_kind_core_compat` matches them): aya sees no candidate. (aya also lets a local
///   `ENUM64` it sanitised into a `UNION` on a kernel older than 6.0 match a target `ENUM64`;
///   that depends on the running kernel, not on the target BTF, so it is not modelled.)
/// - `ComputedRelocation::new` computes the *local* value of `TYPE_SIZE` and `TYPE_ID_TARGET`
///   from the target spec and fails when there is none: a target without the type makes aya
///   refuse the whole object (libbpf writes 0 for a missing type). Pinned by the kernel test
///   `e2e-tests/tests/kernel/synthetic_core.rs::type_absent`.
///
/// - `fields_are_compatible` matches a member of an enum type only with one whose enum has the
///   same name cut at its first `___` (libbpf: after its flavor, or either anonymous): an
///   `EnumOf<E>` field finds no anonymous kernel enum under aya. Pinned by the kernel test
///   `synthetic_types::state_anonymous_enum`.
/// - It does not look at what an instruction holds before patching it (libbpf refuses one that
///   does not hold the local value), and refuses a record whose instruction is in no function
///   (libbpf skips it): see [`InsnProblem`].
///
/// Ambiguity (`synthetic.rs::flavors_conflicting`) and every other error of
/// [`core::resolve`] make aya refuse the object as libbpf does; those are not differences.
fn aya_0_14(
    local: &Btf,
    relo: &Relocation<'_>,
    res: &Resolution,
    target: &Btf,
    insn: Option<&InsnProblem>,
) -> Option<Applied> {
    if relo.kind == RelocKind::TypeMatches {
        return Some(Applied::Refused(
            "aya 0.14 does not know relocation kind 12 (TYPE_MATCHES): it fails to parse the \
             object's .BTF.ext (\"invalid BTF relocation kind `12`\")"
                .into(),
        ));
    }
    match insn {
        Some(InsnProblem::NotInProgram) => {
            return Some(Applied::Refused(
                "aya 0.14 finds no function holding the record's instruction".into(),
            ))
        }
        Some(InsnProblem::Unpatchable(_)) => return None,
        Some(InsnProblem::Unexpected(_)) | None => {}
    }
    if relo.kind.class() == KindClass::Field && enum_member_names_differ(local, relo, res, target) {
        // aya matches no candidate: what it computes with none.
        return Some(match relo.kind {
            RelocKind::FieldExists => Applied::Value(0),
            _ => Applied::Poisoned,
        });
    }
    let kind_of = |btf: &Btf, id| btf.ty(id).map(|t| t.kind.number());
    let enum_kinds_differ = match (local.ty(relo.type_id), &res.target) {
        (Some(l), Some(spec)) => {
            l.kind.any_enum().is_some()
                && kind_of(target, spec.root_type_id) != Some(l.kind.number())
        }
        _ => false,
    };
    let matched = res.target.is_some() && !enum_kinds_differ;
    if !matched && matches!(relo.kind, RelocKind::TypeSize | RelocKind::TypeIdTarget) {
        let why = if enum_kinds_differ {
            "aya 0.14 matches no enum of the other BTF kind (ENUM vs ENUM64)"
        } else {
            "the target has no such type"
        };
        return Some(Applied::Refused(format!(
            "aya 0.14 refuses a {} relocation whose type it finds no match for ({why})",
            relo.kind
        )));
    }
    if enum_kinds_differ {
        // What aya computes with no candidate at all.
        return Some(match relo.kind {
            RelocKind::EnumvalValue => Applied::Poisoned,
            _ => Applied::Value(0),
        });
    }
    match (insn, res.value) {
        (Some(InsnProblem::Unexpected(_)), Some(value)) => Some(Applied::Value(value)),
        _ => None,
    }
}

/// Whether the enum-typed member a field relocation ends at (an `EnumOf` field) matched libbpf's
/// candidate only through libbpf's rule that an anonymous enum matches any: aya 0.14's
/// `fields_are_compatible` wants the enums' names, cut at their first `___`, equal.
fn enum_member_names_differ(
    local: &Btf,
    relo: &Relocation<'_>,
    res: &Resolution,
    target: &Btf,
) -> bool {
    let member_enum = |btf: &Btf, spec: &core::Spec| -> Option<String> {
        let acc = spec.accessors.last().filter(|a| a.name.is_some())?;
        let member = btf
            .ty(acc.type_id)?
            .kind
            .composite()?
            .members
            .get(acc.idx as usize)?;
        let (_, ty) = btf.skip_mods_and_typedefs(member.ty)?;
        ty.kind.any_enum()?;
        Some(btf.name(ty).to_owned())
    };
    let aya_name = |name: &str| name.split_once("___").map_or(name, |(n, _)| n).to_owned();
    let Some(target_spec) = &res.target else {
        return false;
    };
    let Ok((local_spec, _, _)) = core::local_value(local, relo) else {
        return false;
    };
    match (
        member_enum(local, &local_spec),
        member_enum(target, target_spec),
    ) {
        (Some(l), Some(t)) => aya_name(&l) != aya_name(&t),
        _ => false,
    }
}

fn check_target(
    local: &Btf,
    records: &[Record],
    locals: &[LocalRecord],
    fields: &[Field],
    target: &Target,
) -> TargetReport {
    let results: Vec<RecordResult> = records
        .iter()
        .zip(locals)
        .map(|(record, l)| resolve_record(local, record, l, &target.btf))
        .collect();
    let fields: Vec<FieldResult> = fields
        .iter()
        .map(|field| predict_field(field, fields, records, &results))
        .collect();
    let verdict = |applied: &dyn Fn(&RecordResult) -> &Applied| {
        let reasons: Vec<String> = records
            .iter()
            .zip(&results)
            .filter_map(|(record, result)| match applied(result) {
                Applied::Refused(why) => Some(format!(
                    "relo #{} of `{}` (insn {}, {} {}): {why}",
                    record.index,
                    record.section,
                    record.insn,
                    kind_name(record.kind),
                    record.path
                )),
                _ => None,
            })
            .collect();
        if reasons.is_empty() {
            Verdict::Loads
        } else {
            Verdict::Refuses(reasons)
        }
    };
    TargetReport {
        name: target.name.clone(),
        libbpf: verdict(&|r| &r.libbpf),
        aya: verdict(&|r| r.aya.as_ref().unwrap_or(&r.libbpf)),
        records: results,
        fields,
    }
}

/// `FIELD_BYTE_OFFSET`, or `unknown(N)`.
pub(crate) fn kind_name(kind: u32) -> String {
    RelocKind::from_u32(kind).map_or_else(|| format!("unknown({kind})"), |k| k.name().to_owned())
}

fn resolve_record(local: &Btf, record: &Record, l: &LocalRecord, target: &Btf) -> RecordResult {
    let refused = |why: String| RecordResult {
        libbpf: Applied::Refused(why),
        aya: None,
        matched: None,
        why: Vec::new(),
        resized_to: None,
    };
    if let Some(problem) = &l.problem {
        return refused(problem.clone());
    }
    let (Some(kind), Some(access)) = (l.kind, l.access.as_deref()) else {
        return refused("the record does not parse".into());
    };
    let relo = Relocation {
        kind,
        type_id: record.type_id,
        access,
    };
    let res = match core::resolve(local, &relo, target) {
        Ok(res) => res,
        Err(CoreError::Unsupported(kind)) => {
            let why = format!("btf-reloc check does not model {kind} relocations yet");
            return RecordResult {
                libbpf: Applied::Unknown(why),
                aya: None,
                matched: None,
                why: Vec::new(),
                resized_to: None,
            };
        }
        Err(e) => return refused(e.to_string()),
    };
    let problem = l.insn.problem(res.local_value, res.value, res.validate);
    let aya = aya_0_14(local, &relo, &res, target, problem.as_ref());
    let libbpf = match (problem, res.value) {
        (Some(InsnProblem::Unpatchable(why) | InsnProblem::Unexpected(why)), _) => {
            Applied::Refused(why)
        }
        (Some(InsnProblem::NotInProgram), _) => Applied::Unknown(
            "libbpf skips this record: its instruction is past the end of its section (as for \
             a weak subprogram a linker dropped)"
                .into(),
        ),
        (None, None) => Applied::Poisoned,
        (None, Some(value)) => Applied::Value(value),
    };
    // A load or store: whether the loaders can give it the target field's size.
    let mem = match (l.insn, &res.target, &libbpf) {
        (Insn::Mem { size, .. }, Some(target_spec), Applied::Value(_))
            if kind == RelocKind::FieldByteOffset =>
        {
            core::local_value(local, &relo)
                .ok()
                .and_then(|(spec, _, _)| mem_size(local, &spec, target, target_spec, size))
        }
        _ => None,
    };
    let mut poisoned_because = None;
    let (libbpf, aya, resized_to) = match mem {
        None | Some(MemSize::Same) => (libbpf, aya, None),
        Some(MemSize::Resized(size)) => (libbpf, aya, Some(size)),
        Some(MemSize::Incompatible {
            local,
            local_size,
            target,
            target_size,
        }) => {
            poisoned_because = Some(format!(
                "libbpf poisons the load: the field is `{local}` of {local_size} bytes locally \
                 but `{target}` of {target_size} in the target, and only a pointer or an \
                 unsigned integer is loaded with another size (\"accesses field incorrectly\")"
            ));
            let aya_refuses = Applied::Refused(format!(
                "aya 0.14: original type {local} has size {local_size} but target type {target} \
                 has size {target_size}"
            ));
            (Applied::Poisoned, aya.or(Some(aya_refuses)), None)
        }
        Some(MemSize::UnexpectedSize {
            insn,
            local,
            target,
        }) => {
            let refused = Applied::Refused(format!(
                "the instruction accesses {insn} bytes but the local field has {local}, and the \
                 target's has {target} (libbpf: \"unexpected mem size\")"
            ));
            // aya 0.14 does not compare the access with the local size: it resizes.
            match (is_access_size(target), libbpf) {
                (true, Applied::Value(value)) => {
                    (refused, aya.or(Some(Applied::Value(value))), Some(target))
                }
                _ => (refused, aya, None),
            }
        }
        Some(MemSize::InvalidSize(size)) => (
            Applied::Refused(format!(
                "the target field has {size} bytes, which no load or store accesses (libbpf: \
                 \"invalid new mem size\"; aya: \"invalid target size\")"
            )),
            aya,
            None,
        ),
    };
    let why = if let Some(why) = poisoned_because {
        vec![why]
    } else if res.target.is_some() {
        Vec::new()
    } else if res.mismatches.is_empty() {
        vec![no_candidate(local, record.type_id)]
    } else {
        res.mismatches
            .iter()
            .map(|(id, why)| format!("[{id}] {}: {why}", target.name_of(*id)))
            .collect()
    };
    RecordResult {
        libbpf,
        aya,
        matched: res.target.as_ref().map(|spec| Matched {
            type_id: spec.root_type_id,
            type_name: target.name_of(spec.root_type_id).to_owned(),
            access: spec
                .raw
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(":"),
            bit_offset: spec.bit_offset,
        }),
        why,
        resized_to,
    }
}

/// What becomes of the size of a load or store whose `FIELD_BYTE_OFFSET` record is applied
/// (libbpf's `bpf_core_calc_relo` and `bpf_core_patch_insn`, aya-obj's
/// `ComputedRelocation::apply`), when the field's size differs in the target.
#[derive(Debug, Clone, PartialEq, Eq)]
enum MemSize {
    /// The field has the same size in the target: the access is left as it is.
    Same,
    /// Both loaders give the access this many bytes (a pointer, or an unsigned integer, whose
    /// value the zero-extending load keeps).
    Resized(u64),
    /// The field is not two pointers nor two unsigned integers: libbpf poisons the instruction,
    /// aya 0.14 refuses the object.
    Incompatible {
        local: String,
        local_size: u64,
        target: String,
        target_size: u64,
    },
    /// The access is not the local field's size: libbpf refuses it; aya 0.14 resizes it.
    UnexpectedSize { insn: u64, local: u64, target: u64 },
    /// The target field's size is no access size: both loaders refuse it.
    InvalidSize(u64),
}

/// Whether a load or store can access `size` bytes.
fn is_access_size(size: u64) -> bool {
    matches!(size, 1 | 2 | 4 | 8)
}

/// [`MemSize`] for a load or store of `insn_size` bytes relocated by a `FIELD_BYTE_OFFSET`
/// record whose spec is `local_spec` locally and `target_spec` in the target.
fn mem_size(
    local: &Btf,
    local_spec: &core::Spec,
    target: &Btf,
    target_spec: &core::Spec,
    insn_size: u64,
) -> Option<MemSize> {
    let (local_size, local_id) = mem_operand(local, local_spec)?;
    let (target_size, target_id) = mem_operand(target, target_spec)?;
    if local_size == target_size {
        return Some(MemSize::Same);
    }
    let is_ptr = |btf: &Btf, id| matches!(btf.ty(id).map(|t| &t.kind), Some(Kind::Ptr(_)));
    let is_unsigned =
        |btf: &Btf, id| matches!(btf.ty(id).map(|t| &t.kind), Some(Kind::Int(i)) if !i.is_signed());
    let compatible = (is_ptr(local, local_id) && is_ptr(target, target_id))
        || (is_unsigned(local, local_id) && is_unsigned(target, target_id));
    Some(if !compatible {
        let name = |btf: &Btf, id| match btf.ty(id) {
            Some(t) if !btf.name(t).is_empty() => btf.name(t).to_owned(),
            Some(t) => t.kind.name().to_lowercase(),
            None => "void".to_owned(),
        };
        MemSize::Incompatible {
            local: name(local, local_id),
            local_size,
            target: name(target, target_id),
            target_size,
        }
    } else if insn_size != local_size {
        MemSize::UnexpectedSize {
            insn: insn_size,
            local: local_size,
            target: target_size,
        }
    } else if !is_access_size(target_size) {
        MemSize::InvalidSize(target_size)
    } else {
        MemSize::Resized(target_size)
    })
}

/// The size and type (modifiers and typedefs skipped) of what a `FIELD_BYTE_OFFSET` spec's
/// access reads: libbpf's `field_sz` and `type_id` of `bpf_core_calc_field_relo`, `(0, 0)` for a
/// bitfield.
fn mem_operand(btf: &Btf, spec: &core::Spec) -> Option<(u64, u32)> {
    let acc = spec.accessors.last()?;
    if acc.name.is_none() {
        // An array element (libbpf's accessor holds the element type) or the root.
        return Some((btf.resolve_size(acc.type_id).ok()?, acc.type_id));
    }
    let composite = btf.ty(acc.type_id)?.kind.composite()?;
    let member = composite.members.get(acc.idx as usize)?;
    if composite.bitfield_size(member) > 0 {
        return Some((0, 0));
    }
    let (id, _) = btf.skip_mods_and_typedefs(member.ty)?;
    Some((btf.resolve_size(id).ok()?, id))
}

/// "no struct named `task_struct` in the target" for the local root type `id`.
fn no_candidate(local: &Btf, id: u32) -> String {
    let Some(ty) = local.ty(id) else {
        return format!("no local type {id}");
    };
    let kind = match &ty.kind {
        Kind::Struct(_) | Kind::Union(_) => "struct or union",
        Kind::Enum(_) | Kind::Enum64(_) => "enum",
        Kind::Typedef(_) => "typedef",
        other => other.name(),
    };
    format!(
        "no {kind} named `{}` in the target",
        btf_reloc_format::essential_name(local.name(ty))
    )
}

/// The records of `field`, by kind, as one loader applied them: the value (or poison) and
/// whether the path matched.
struct View<'a> {
    by_kind: Vec<(RelocKind, &'a Applied)>,
    matched: Option<&'a Matched>,
    /// Whether a record that finds the type as `type_exists` does (`TYPE_EXISTS`, `TYPE_SIZE`,
    /// `TYPE_ID_TARGET`, all by libbpf's `bpf_core_types_are_compat`) matched; `TYPE_MATCHES`
    /// is stricter, `TYPE_ID_LOCAL` looks at no target.
    compat_matched: bool,
    /// Local value of the `FIELD_BYTE_SIZE` record: the declared size.
    declared_size: Option<u64>,
}

impl View<'_> {
    fn value(&self, kind: RelocKind) -> Option<u64> {
        self.by_kind
            .iter()
            .find(|(k, _)| *k == kind)
            .and_then(|(_, a)| match a {
                Applied::Value(v) => Some(*v),
                _ => None,
            })
    }

    fn has(&self, kind: RelocKind) -> bool {
        self.by_kind.iter().any(|(k, _)| *k == kind)
    }
}

fn predict_field(
    field: &Field,
    fields: &[Field],
    records: &[Record],
    results: &[RecordResult],
) -> FieldResult {
    let view = |aya: bool| {
        let mut by_kind = Vec::new();
        let mut declared_size = None;
        let mut matched = None;
        let mut compat_matched = false;
        for &i in &field.records {
            let (Some(record), Some(result)) = (records.get(i), results.get(i)) else {
                continue;
            };
            let applied = match (&result.aya, aya) {
                (Some(a), true) => a,
                _ => &result.libbpf,
            };
            if let Some(kind) = RelocKind::from_u32(record.kind) {
                if kind == RelocKind::FieldByteSize {
                    // An enum member's getter reads an `i64` (`EnumOf`).
                    declared_size = match field.enum_member {
                        true => Some(8),
                        false => record.local_value,
                    };
                }
                by_kind.push((kind, applied));
            }
            // Where aya departs from a libbpf that did not refuse, it saw no candidate or
            // refused the object (see `aya_0_14`): nothing matched for it.
            let aya_unmatched =
                aya && result.aya.is_some() && !matches!(result.libbpf, Applied::Refused(_));
            if result.matched.is_some() && !aya_unmatched {
                matched = result.matched.as_ref();
                compat_matched |= matches!(
                    RelocKind::from_u32(record.kind),
                    Some(RelocKind::TypeExists | RelocKind::TypeSize | RelocKind::TypeIdTarget)
                );
            }
        }
        View {
            by_kind,
            matched,
            compat_matched,
            declared_size,
        }
    };
    let libbpf = view(false);
    let getter = getter_for(field.class, &libbpf);
    let differs = field
        .records
        .iter()
        .any(|&i| results.get(i).is_some_and(|r| r.aya.is_some()));
    let aya = differs
        .then(|| getter_for(field.class, &view(true)))
        .filter(|g| *g != getter);
    let exists = !matches!(getter, Getter::Missing | Getter::Refused | Getter::Unknown);
    let mut why: Vec<String> = Vec::new();
    if getter == Getter::Missing {
        for &i in &field.records {
            for reason in results.get(i).map(|r| r.why.as_slice()).unwrap_or_default() {
                if !why.contains(reason) {
                    why.push(reason.clone());
                }
            }
        }
    }
    FieldResult {
        exists,
        byte_offset: exists
            .then(|| libbpf.value(RelocKind::FieldByteOffset))
            .flatten(),
        byte_size: exists
            .then(|| libbpf.value(RelocKind::FieldByteSize))
            .flatten(),
        elements: exists
            .then(|| elements(field, fields, records, results))
            .flatten(),
        local_type_id: libbpf.value(RelocKind::TypeIdLocal),
        target_type_id: libbpf.value(RelocKind::TypeIdTarget).filter(|&id| id != 0),
        matches: libbpf
            .has(RelocKind::TypeMatches)
            .then(|| libbpf.value(RelocKind::TypeMatches) == Some(1)),
        getter,
        aya,
        why,
    }
}

/// The getter's outcome, in the order `btf-reloc-runtime/src/read.rs` decides it: existence,
/// then sizes, then the read.
fn getter_for(class: Option<KindClass>, view: &View<'_>) -> Getter {
    if view
        .by_kind
        .iter()
        .any(|(_, a)| matches!(a, Applied::Refused(_)))
    {
        return Getter::Refused;
    }
    if class.is_none()
        || view
            .by_kind
            .iter()
            .any(|(_, a)| matches!(a, Applied::Unknown(_)))
    {
        return Getter::Unknown;
    }
    // Existence: the EXISTS relocation when there is one, else whether the path matched (the
    // other kinds are poisoned, or 0 for types, when it did not).
    let exists_kind = match class {
        Some(KindClass::Field) => RelocKind::FieldExists,
        Some(KindClass::Type) => RelocKind::TypeExists,
        _ => RelocKind::EnumvalExists,
    };
    let exists = match (view.has(exists_kind), class) {
        (true, _) => view.value(exists_kind).is_some_and(|v| v != 0),
        (false, Some(KindClass::Type)) => type_found(view),
        (false, _) => view.matched.is_some(),
    };
    if !exists {
        return Getter::Missing;
    }
    match class {
        Some(KindClass::Type) => Getter::Type {
            size: view.value(RelocKind::TypeSize),
        },
        Some(KindClass::EnumValue) => Getter::EnumValue {
            value: view.value(RelocKind::EnumvalValue),
        },
        _ => field_getter(view),
    }
}

/// Whether a type without a `TYPE_EXISTS` record is there: as its `TYPE_SIZE` or
/// `TYPE_ID_TARGET` records found it; else, asked only `type_matches`, whether it matches; else
/// (only `type_id_local`, which needs no target) it is.
fn type_found(view: &View<'_>) -> bool {
    if view.has(RelocKind::TypeSize) || view.has(RelocKind::TypeIdTarget) {
        view.compat_matched
    } else if view.has(RelocKind::TypeMatches) {
        view.value(RelocKind::TypeMatches) == Some(1)
    } else {
        true
    }
}

/// A field that exists: `read_bitfield` when its bitfield kinds are relocated, `read_value`
/// when its size is, else an existence (and offset) query or an embedded struct's handle.
fn field_getter(view: &View<'_>) -> Getter {
    let offset = view.value(RelocKind::FieldByteOffset);
    let size = view.value(RelocKind::FieldByteSize);
    let bit_offset = view.matched.map(|m| m.bit_offset);
    let bitfield = view.has(RelocKind::FieldRshiftU64) || view.has(RelocKind::FieldLshiftU64);
    match (size, view.declared_size) {
        (Some(size), Some(expected)) if bitfield => {
            let (Some(rshift), Some(lshift)) = (
                view.value(RelocKind::FieldRshiftU64),
                view.value(RelocKind::FieldLshiftU64),
            ) else {
                return Getter::Present { offset };
            };
            // What `read_bitfield` loads for these values.
            let load = match bitfield_load(offset.unwrap_or_default(), size, lshift, rshift) {
                Ok(load) if load.bits > expected.saturating_mul(8) => {
                    return Getter::SizeMismatch {
                        expected,
                        actual: load.bits.div_ceil(8),
                    }
                }
                Ok(load) => load,
                Err(error) => {
                    return Getter::SizeMismatch {
                        expected,
                        actual: error.actual(),
                    }
                }
            };
            Getter::Bitfield {
                offset: load.offset,
                size: load.size,
                bit_offset: bit_offset.unwrap_or_default(),
                bits: load.bits,
                signed: view.value(RelocKind::FieldSigned).is_some_and(|s| s != 0),
            }
        }
        (Some(actual), Some(expected)) if actual != expected => {
            Getter::SizeMismatch { expected, actual }
        }
        (Some(size), Some(_)) => Getter::Value {
            offset: offset.or(bit_offset.map(|b| b / 8)).unwrap_or_default(),
            size,
        },
        _ => Getter::Present { offset },
    }
}

/// The target length of the array `field`, when its element 0's path is relocated too (what
/// `f_at(i)` bounds `i` by): the array's size over the element's, 0 for a zero-sized element.
fn elements(
    field: &Field,
    fields: &[Field],
    records: &[Record],
    results: &[RecordResult],
) -> Option<u64> {
    let first = records.get(*field.records.first()?)?;
    let element_access = format!("{}:0", first.access);
    let size_of = |f: &Field| {
        f.records.iter().find_map(|&i| {
            let record = records.get(i)?;
            (record.kind == RelocKind::FieldByteSize as u32)
                .then(|| match results.get(i)?.libbpf {
                    Applied::Value(v) => Some(v),
                    _ => None,
                })
                .flatten()
        })
    };
    let element = fields.iter().find(|f| {
        f.class == Some(KindClass::Field)
            && f.path.ends_with("[0]")
            && f.records
                .first()
                .and_then(|&i| records.get(i))
                .is_some_and(|r| r.type_id == first.type_id && r.access == element_access)
    })?;
    let (total, stride) = (size_of(field)?, size_of(element)?);
    Some(total.checked_div(stride).unwrap_or(0))
}

#[cfg(test)]
mod unit {
    use super::{Insn, InsnProblem};

    #[test]
    fn libbpf_checks_the_instruction_before_patching() {
        let ld = |imm: u64, src: u8| {
            let mut code = vec![0u8; 16];
            code[0] = 0x18;
            code[1] = src << 4 | 1;
            code[4..8].copy_from_slice(&(imm as u32).to_le_bytes());
            code[12..16].copy_from_slice(&((imm >> 32) as u32).to_le_bytes());
            code
        };
        let code = ld(8, 0);
        let insn = Insn::at(Some(&code), 0);
        assert_eq!(
            insn,
            Insn::LdImm64 {
                imm: 8,
                plain: true
            }
        );
        assert_eq!(insn.problem(8, Some(44), true), None);
        assert!(matches!(
            insn.problem(9, Some(44), true),
            Some(InsnProblem::Unexpected(_))
        ));
        assert_eq!(insn.problem(9, Some(44), false), None);
        // A poisoned instruction is not compared.
        assert_eq!(insn.problem(9, None, true), None);
        let map_ref = ld(8, 1);
        assert!(matches!(
            Insn::at(Some(&map_ref), 0).problem(8, Some(8), true),
            Some(InsnProblem::Unexpected(_))
        ));
        assert_eq!(Insn::at(Some(&code), 8), Insn::Other { code: 0 });
        assert_eq!(Insn::at(Some(&code), 16), Insn::PastEnd);
        assert_eq!(
            Insn::at(Some(&code), 16).problem(0, None, true),
            Some(InsnProblem::NotInProgram)
        );
        assert_eq!(Insn::at(Some(&code), 4), Insn::Bad);
        assert_eq!(Insn::at(None, 0), Insn::Bad);
    }
}
