//! The post-link pass: markers + descriptors in, genuine CO-RE relocations out.
//!
//! This module owns the pass itself: it decodes the descriptors (`btf_reloc_format`), maps every
//! marker to its target through the format's path index, adds the local types the relocations
//! need to `.BTF` and computes each marker's local value with libbpf's rules
//! (`btf_reloc_btf::local` and `btf_reloc_btf::core`), writes one `bpf_core_relo` record per
//! marker to `.BTF.ext`, gives each relocated instruction but the existence checks a line info
//! record naming its relocation (see [`annotate_lines`]), patches the markers (an `ld_imm64`'s
//! immediate, a direct load's offset), neutralises the descriptor and direct-load sections (see
//! [`neutralise_descriptors`]) so that loaders ignore them, and finally hands the object to
//! `compact`, which makes the markers 1-slot where it can (a direct load is 1-slot already).

use std::{
    collections::{BTreeMap, BTreeSet, HashSet},
    fmt,
    io::Write as _,
    path::Path,
};

use btf_reloc_btf::{
    core::{self, Relocation},
    ext::{
        self, BtfExt, CoreRelo, CoreReloSec, LineInfo, LineInfoSec, CORE_RELO_RECORD_SIZE,
        LINE_INFO_RECORD_SIZE,
    },
    local, Btf,
};
use btf_reloc_format::{
    decode, is_descriptor_section, is_direct_section,
    paths::{self, Index, Target},
    records::{Descriptors, TypeRef},
    KindClass, RelocKind,
};
use object::elf::SHT_NOBITS;

use crate::{
    bytes::u32_of,
    compact,
    elf::{Elf, Rewrite, Section},
    error::{Error, Result},
    file, layout,
    markers::{self, Form, Marker},
};

/// Name of the BTF section.
pub(crate) const BTF_SECTION: &str = ".BTF";
/// Name of the BTF extension section.
pub(crate) const BTF_EXT_SECTION: &str = ".BTF.ext";

/// What [`link`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(clippy::large_enum_variant)]
pub enum LinkOutcome {
    /// The object has neither descriptors nor markers: it is already post-linked (or never
    /// used btf-reloc). The input is left as it is.
    NothingToDo,
    /// The object was rewritten.
    Linked {
        /// The post-linked object.
        object: Vec<u8>,
        /// What was added.
        summary: LinkSummary,
    },
}

/// The relocations [`link`] emitted for one ELF section.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SectionSummary {
    /// The ELF section (program) name.
    pub section: String,
    /// Number of records per relocation kind.
    pub kinds: BTreeMap<RelocKind, usize>,
    /// Of those, the `FIELD_BYTE_OFFSET` records on direct loads (listed in a
    /// `btf_reloc_format::DIRECT_SECTION`), whose offset is the load's own.
    pub direct_loads: usize,
    /// Markers rewritten to the 1-slot `mov64` form (the section compacted).
    pub compacted: usize,
    /// Why the section's markers stayed 2-slot `ld_imm64` although some could be 1-slot.
    pub kept_two_slot: Option<String>,
}

impl SectionSummary {
    /// All records of the section.
    pub fn total(&self) -> usize {
        self.kinds.values().sum()
    }

    /// Records of relocation kind `kind`.
    pub fn count(&self, kind: RelocKind) -> usize {
        self.kinds.get(&kind).copied().unwrap_or(0)
    }
}

/// Summary of a [`link`] run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LinkSummary {
    /// Per ELF section, in section order.
    pub sections: Vec<SectionSummary>,
    /// Local struct types added to `.BTF`.
    pub structs_added: usize,
    /// Local enum types added to `.BTF`.
    pub enums_added: usize,
    /// All types added to `.BTF` (structs, enums and their member types).
    pub types_added: u32,
    /// Descriptor records found (after removing exact duplicates).
    pub descriptor_records: usize,
    /// Whether `.BTF` was created (the object had none).
    pub created_btf: bool,
    /// Whether `.BTF.ext` was created (the object had none).
    pub created_btf_ext: bool,
}

impl LinkSummary {
    /// All relocation records emitted.
    pub fn total(&self) -> usize {
        self.sections.iter().map(SectionSummary::total).sum()
    }

    /// Records of relocation kind `kind`, over all sections.
    pub fn count(&self, kind: RelocKind) -> usize {
        self.sections.iter().map(|s| s.count(kind)).sum()
    }

    /// Markers rewritten to the 1-slot `mov64` form, over all sections.
    pub fn compacted(&self) -> usize {
        self.sections.iter().map(|s| s.compacted).sum()
    }

    /// Records on direct loads, over all sections.
    pub fn direct_loads(&self) -> usize {
        self.sections.iter().map(|s| s.direct_loads).sum()
    }
}

/// `3 FIELD_BYTE_OFFSET, 1 FIELD_EXISTS`
fn write_kinds(f: &mut fmt::Formatter<'_>, kinds: &BTreeMap<RelocKind, usize>) -> fmt::Result {
    for (i, (kind, n)) in kinds.iter().filter(|(_, &n)| n > 0).enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        write!(f, "{n} {kind}")?;
    }
    Ok(())
}

impl fmt::Display for LinkSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut kinds = BTreeMap::new();
        for s in &self.sections {
            for (kind, n) in &s.kinds {
                *kinds.entry(*kind).or_insert(0) += n;
            }
        }
        write!(f, "{} CO-RE relocation(s) (", self.total())?;
        write_kinds(f, &kinds)?;
        f.write_str(")")?;
        if self.direct_loads() > 0 {
            write!(f, ", {} on a direct load", self.direct_loads())?;
        }
        write!(
            f,
            ", {} on a 1-slot mov64; {} local struct(s), {} local enum(s), {} BTF type(s) added{}{}",
            self.compacted(),
            self.structs_added,
            self.enums_added,
            self.types_added,
            if self.created_btf {
                "; created .BTF"
            } else {
                ""
            },
            if self.created_btf_ext {
                "; created .BTF.ext"
            } else {
                ""
            },
        )?;
        for s in &self.sections {
            write!(f, "\n  {}: {} (", s.section, s.total())?;
            write_kinds(f, &s.kinds)?;
            f.write_str(")")?;
            if s.direct_loads > 0 {
                write!(f, ", {} on a direct load", s.direct_loads)?;
            }
            if s.compacted > 0 {
                write!(f, ", {} on a 1-slot mov64", s.compacted)?;
            }
            if let Some(why) = &s.kept_two_slot {
                write!(f, "; markers kept 2-slot: {why}")?;
            }
        }
        Ok(())
    }
}

/// Post-links an eBPF object held in memory; see the crate documentation for the steps.
///
/// Returns [`LinkOutcome::NothingToDo`] for an object without descriptors and markers (running
/// the pass twice is therefore harmless).
pub fn link(object: &[u8]) -> Result<LinkOutcome> {
    link_with(object, true)
}

/// [`link`], with the final compaction (`compact`) or without it (tests compare the two).
pub(crate) fn link_with(object: &[u8], compaction: bool) -> Result<LinkOutcome> {
    let elf = Elf::parse(object)?;
    // The sections the pass neutralises: the descriptors, and the lists of direct loads.
    let btf_reloc_sections: Vec<&Section> = elf
        .sections
        .iter()
        .filter(|s| is_descriptor_section(&s.name) || is_direct_section(&s.name))
        .collect();
    let mut live_descriptors = false;
    let mut records = Vec::new();
    for section in btf_reloc_sections
        .iter()
        .filter(|s| is_descriptor_section(&s.name))
    {
        if section.sh_type != SHT_NOBITS {
            live_descriptors = true;
            records.extend(decode::decode(elf.section_data(section)?)?);
        }
    }
    let markers = pending_markers(&elf)?;
    if !live_descriptors && markers.is_empty() {
        return Ok(LinkOutcome::NothingToDo);
    }
    if let (Some(first), true) = (markers.first(), records.is_empty()) {
        return Err(Error::MarkersWithoutDescriptors {
            count: markers.len(),
            section: section_name(&elf, first.section),
            insn: first.insn(),
        });
    }
    let descriptors = Descriptors::new(records)?;
    let index = Index::new(&descriptors);
    if let Some(c) = index.collisions.first() {
        let describe = |t: &Target| {
            format!(
                "{} ({})",
                paths::render(&descriptors, t),
                paths::rust_path(&descriptors, t)
            )
        };
        return Err(Error::IdCollision {
            id: c.id,
            first: describe(&c.first),
            second: describe(&c.second),
        });
    }
    if index.truncated {
        return Err(Error::TooManyPaths {
            limit: paths::MAX_PATHS,
        });
    }
    let planned = plan(&elf, &index, &markers)?;

    let btf_section = section_bytes(&elf, BTF_SECTION)?;
    let mut btf = btf_section.map(|(d, _)| Btf::parse(d)).transpose()?;
    // An existing `.BTF.ext` must parse even when no record is added to it: the output keeps
    // it, and every loader reads it (found by the `link` fuzz target: an object whose
    // descriptors planned no relocation passed a `.BTF.ext` with a bad magic through).
    let ext = section_bytes(&elf, BTF_EXT_SECTION)?
        .map(|(data, index)| BtfExt::parse(data).map(|ext| (ext, index)))
        .transpose()
        .map_err(|e| Error::BtfExt(e.to_string()))?;
    if let Some((ext, _)) = &ext {
        check_section_names(ext, btf.as_ref())?;
    }
    let mut rewrite = Rewrite::new(&elf)?;
    let mut summary = LinkSummary {
        descriptor_records: descriptors.structs.len() + descriptors.enums.len(),
        ..LinkSummary::default()
    };
    if !planned.is_empty() {
        let btf = btf.get_or_insert_with(|| {
            summary.created_btf = true;
            Btf::new()
        });
        emit_relocations(
            &elf,
            &descriptors,
            &planned,
            btf,
            ext,
            &mut rewrite,
            &mut summary,
        )?;
    }
    neutralise_descriptors(&elf, &btf_reloc_sections, &mut rewrite);
    layout::lay_out_descriptors(&elf, &mut rewrite, btf.as_mut())?;
    if let Some(btf) = &btf {
        let bytes = btf.to_bytes()?;
        match btf_section {
            Some((original, _)) if original == bytes.as_slice() => {}
            Some((_, index)) => rewrite.replace_section_data(index, &bytes)?,
            None => {
                rewrite.add_section(BTF_SECTION, &bytes, 4);
            }
        }
    }
    let object = rewrite.finish()?;
    let compacted = if compaction {
        compact::compact(&object)?
    } else {
        compact::Outcome::default()
    };
    for s in &mut summary.sections {
        s.compacted = compacted.compacted.get(&s.section).copied().unwrap_or(0);
        s.kept_two_slot = compacted.kept.get(&s.section).cloned();
    }
    Ok(LinkOutcome::Linked {
        object: compacted.object.unwrap_or(object),
        summary,
    })
}

/// Post-links the object at `input`, writing the result to `output` (or over `input` when
/// `None`). Returns `None` when there was nothing to do; then `output`, if given and not the
/// input itself, receives an unchanged copy.
///
/// The write is atomic: the object goes to a new temporary file next to the destination, is
/// synced, gets the input's permission bits, and is renamed over the destination, so a failure
/// (a full disk, …) leaves the destination as it was and no temporary file behind. A symbolic
/// link is followed (the file it points to is replaced, the link stays); an `output` that is
/// the input under another name (the same device and inode) is the in-place case; in place, a
/// file with several hard links is refused ([`Error::Write`]), since replacing one name would
/// leave the others with the old object.
pub fn link_file(input: &Path, output: Option<&Path>) -> Result<Option<LinkSummary>> {
    link_file_with(input, output, &mut |file, bytes| file.write_all(bytes))
}

/// [`link_file`] with the final write done by `write` (tests inject a failing one).
pub(crate) fn link_file_with(
    input: &Path,
    output: Option<&Path>,
    write: file::Writer<'_>,
) -> Result<Option<LinkSummary>> {
    let io = |path: &Path| {
        let path = path.to_owned();
        move |source| Error::Io { path, source }
    };
    let object = std::fs::read(input).map_err(io(input))?;
    let meta = std::fs::metadata(input).map_err(io(input))?;
    let (bytes, summary) = match link(&object)? {
        LinkOutcome::NothingToDo => (object, None),
        LinkOutcome::Linked { object, summary } => (object, Some(summary)),
    };
    let refused = |path: &Path| {
        let path = path.to_owned();
        move |source| Error::Write { path, source }
    };
    let dest = file::destination(input, &meta, output).map_err(refused(output.unwrap_or(input)))?;
    if dest.in_place && summary.is_none() {
        return Ok(None);
    }
    if dest.in_place {
        file::refuse_hard_links(&meta).map_err(refused(&dest.path))?;
    }
    file::replace(&dest.path, &bytes, &meta, write).map_err(refused(&dest.path))?;
    Ok(summary)
}

fn section_name(elf: &Elf<'_>, index: usize) -> String {
    elf.sections
        .get(index)
        .map_or_else(|| format!("#{index}"), |s| s.name.clone())
}

/// The markers of `elf` that still wait for post-linking, `ld_imm64` and direct loads, in section
/// then offset order: an instruction that already has a `core_relo` record is not one. This
/// matters for a second run, when a local enum value that was written into a marker happens to
/// carry the marker magic in its top 16 bits. A `.BTF` or `.BTF.ext` that does not parse hides
/// no records here; the pass reports it later if it needs those sections.
pub(crate) fn pending_markers(elf: &Elf<'_>) -> Result<Vec<Marker>> {
    let mut markers = markers::find(elf)?;
    let direct = markers::find_direct(elf)?;
    if !direct.is_empty() {
        markers.extend(direct);
        markers.sort_by_key(|m| (m.section, m.offset));
    }
    if markers.is_empty() {
        return Ok(markers);
    }
    let relocated = existing_relocations(elf).unwrap_or_default();
    if relocated.is_empty() {
        return Ok(markers);
    }
    Ok(markers
        .into_iter()
        .filter(|m| {
            let name = elf.sections.get(m.section).map(|s| s.name.as_str());
            let off = u32_of(m.offset);
            !matches!((name, off), (Some(n), Some(o)) if relocated.contains(&(n.to_owned(), o)))
        })
        .collect())
}

/// `(section name, insn_off)` of every `core_relo` record already in the object.
fn existing_relocations(elf: &Elf<'_>) -> Option<HashSet<(String, u32)>> {
    let btf = Btf::parse(elf.section_data(elf.section_by_name(BTF_SECTION)?).ok()?).ok()?;
    let ext_section = elf.section_by_name(BTF_EXT_SECTION)?;
    let ext = BtfExt::parse(elf.section_data(ext_section).ok()?).ok()?;
    let mut out = HashSet::new();
    for group in ext.core_relos() {
        let name = btf.str_at(group.sec_name_off)?;
        out.extend(group.records.iter().map(|r| (name.to_owned(), r.insn_off)));
    }
    Some(out)
}

/// A marker resolved to what it is about.
#[derive(Debug, Clone)]
struct Planned {
    marker: Marker,
    kind: RelocKind,
    target: Target,
}

impl Planned {
    /// The record whose local type is the relocation's root.
    fn root(&self) -> TypeRef {
        match &self.target {
            Target::Field(path) => TypeRef::Struct(path.root),
            Target::Type(record) => *record,
            Target::EnumValue { record, .. } => TypeRef::Enum(*record),
        }
    }
}

/// Maps every marker to its target; a marker that names nothing is an error.
fn plan(elf: &Elf<'_>, index: &Index, markers: &[Marker]) -> Result<Vec<Planned>> {
    markers
        .iter()
        .map(|&marker| {
            let fail = |message: String| Error::Marker {
                section: section_name(elf, marker.section),
                insn: marker.insn(),
                message,
            };
            let kind = RelocKind::from_u32(marker.kind).ok_or_else(|| {
                fail(format!(
                    "marker has relocation kind {}, which is no CO-RE relocation kind \
                     (expected 0-12)",
                    marker.kind
                ))
            })?;
            if !marker.form.takes(kind) {
                return Err(fail(format!(
                    "a direct-load section's marker has relocation kind {kind}, which its \
                     instruction does not take"
                )));
            }
            if !marker.well_formed {
                return Err(fail(
                    "marker ld_imm64 has a source register or non-zero offset fields; libbpf \
                     would refuse to patch it"
                        .into(),
                ));
            }
            let target = index.lookup(kind.class(), marker.id).ok_or_else(|| {
                fail(match kind.class() {
                    KindClass::Field => format!(
                        "marker refers to field path id {:#010x}, which no access path of the \
                         descriptor records has (paths longer than {} steps are not \
                         enumerated)",
                        marker.id,
                        paths::MAX_PATH_DEPTH
                    ),
                    KindClass::Type => format!(
                        "marker refers to type id {:#010x}, which no struct or enum record has",
                        marker.id
                    ),
                    KindClass::EnumValue => format!(
                        "marker refers to enum value id {:#010x}, which no enum record has",
                        marker.id
                    ),
                })
            })?;
            Ok(Planned {
                marker,
                kind,
                target,
            })
        })
        .collect()
}

/// Every group of `ext` names its ELF section by a string of `.BTF`, as libbpf requires and as
/// `check` and `dump` read them (found by the `link` fuzz target: a `core_relo` group naming no
/// string went through `link` into an object `check` refused).
fn check_section_names(ext: &BtfExt<'_>, btf: Option<&Btf>) -> Result<()> {
    let names = ext
        .core_relos()
        .into_iter()
        .map(|group| group.sec_name_off)
        .chain(ext.insn_offsets().into_iter().map(|o| o.sec_name_off));
    for offset in names {
        let Some(btf) = btf else {
            return Err(Error::BtfExt(
                "the object has .BTF.ext but no .BTF to hold its strings".into(),
            ));
        };
        group_section_name(btf, offset)?;
    }
    Ok(())
}

/// The ELF section name a `.BTF.ext` group gives by `offset` in `.BTF`'s strings.
pub(crate) fn group_section_name(btf: &Btf, offset: u32) -> Result<&str> {
    btf.str_at(offset).ok_or_else(|| {
        Error::BtfExt(format!(
            "a group names its section with string offset {offset:#x}, which is not a string of \
             .BTF"
        ))
    })
}

/// A section's bytes and index, when the section exists.
fn section_bytes<'a>(elf: &Elf<'a>, name: &str) -> Result<Option<(&'a [u8], usize)>> {
    elf.section_by_name(name)
        .map(|s| Ok((elf.section_data(s)?, s.index)))
        .transpose()
}

/// Adds the local types to `btf`, writes the `core_relo` records (into the object's `.BTF.ext`,
/// `ext` with its section index, or a new one) and patches every marker with its local value.
fn emit_relocations(
    elf: &Elf<'_>,
    d: &Descriptors,
    planned: &[Planned],
    btf: &mut Btf,
    ext: Option<(BtfExt<'_>, usize)>,
    rewrite: &mut Rewrite,
    summary: &mut LinkSummary,
) -> Result<()> {
    let (ext, ext_index) = match ext {
        Some((ext, index)) => (Some(ext), Some(index)),
        None => (None, None),
    };
    if ext.is_some() && summary.created_btf {
        return Err(Error::BtfExt(
            "the object has .BTF.ext but no .BTF to hold its strings".into(),
        ));
    }
    let roots: Vec<TypeRef> = planned
        .iter()
        .map(Planned::root)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let types_before = btf.len();
    let local_types =
        local::add_local_types(btf, d, &roots).map_err(|e| Error::LocalTypes(e.to_string()))?;
    summary.structs_added = local_types.structs();
    summary.enums_added = local_types.enums();

    // Existing core_relo records stay; new ones join their section's group.
    let mut groups: Vec<CoreReloSec> = ext.as_ref().map(BtfExt::core_relos).unwrap_or_default();
    if let Some(size) = ext.as_ref().and_then(BtfExt::core_record_size) {
        if size != CORE_RELO_RECORD_SIZE && groups.iter().any(|g| !g.records.is_empty()) {
            return Err(Error::BtfExt(format!(
                "existing core_relo records have size {size}; only {CORE_RELO_RECORD_SIZE} can be \
                 merged"
            )));
        }
    }
    let mut per_section: BTreeMap<usize, SectionSummary> = BTreeMap::new();
    let mut notes: Vec<LineNote> = Vec::new();
    for p in planned {
        let section = elf
            .sections
            .get(p.marker.section)
            .ok_or_else(|| Error::MalformedElf("marker in a vanished section".into()))?;
        let fail = |message: String| Error::Marker {
            section: section.name.clone(),
            insn: p.marker.insn(),
            message,
        };
        let type_id = local_types
            .root(p.root())
            .ok_or_else(|| fail("the relocation's local type was not added".into()))?;
        let access = match &p.target {
            Target::Field(path) => {
                local::access_string(d, path).map_err(|e| fail(e.to_string()))?
            }
            Target::Type(_) => "0".to_owned(),
            Target::EnumValue { variant, .. } => variant.to_string(),
        };
        let relo = Relocation {
            kind: p.kind,
            type_id,
            access: &access,
        };
        // The value libbpf computes from the local type, and insists on finding in the
        // instruction.
        let refuse = |why: String| {
            fail(format!(
                "{} of `{}`: {why}",
                p.kind,
                paths::render(d, &p.target)
            ))
        };
        let (_, value, _) = core::local_value(btf, &relo).map_err(|e| refuse(e.to_string()))?;
        if let Some(text) = core::line_note(btf, &relo) {
            notes.push(LineNote {
                section: section.name.clone(),
                insn_off: p.marker.offset as u64,
                next: (p.marker.offset + p.marker.form.len()) as u64,
                section_size: section.size,
                text,
            });
        }
        // libbpf computes the shifts in 32-bit arithmetic and writes a wrapped, meaningless
        // shift for a field wider than 8 bytes; refuse to emit such a relocation at all.
        if matches!(
            p.kind,
            RelocKind::FieldLshiftU64 | RelocKind::FieldRshiftU64
        ) && value > 64
        {
            return Err(refuse(
                "the field is wider than 8 bytes; the shift relocations describe fields a \
                 64-bit load holds"
                    .into(),
            ));
        }
        let name_off = btf.add_str(&section.name)?;
        let access_str_off = btf.add_str(&access)?;
        let insn_off = u32_of(p.marker.offset)
            .ok_or_else(|| Error::MalformedElf(format!("section `{}` too large", section.name)))?;
        let record = CoreRelo {
            insn_off,
            type_id,
            access_str_off,
            kind: p.kind as u32,
        };
        match groups
            .iter_mut()
            .find(|g| btf.str_at(g.sec_name_off) == Some(section.name.as_str()))
        {
            Some(group) => group.records.push(record),
            None => groups.push(CoreReloSec {
                sec_name_off: name_off,
                records: vec![record],
            }),
        }

        let at = rewrite.file_offset(section.index, p.marker.offset, p.marker.form.len())?;
        match p.marker.form {
            // libbpf reads an ld_imm64 immediate as `(u32)insn[0].imm | (u64)insn[1].imm << 32`
            // and compares all 64 bits with the local value.
            Form::LdImm64 => {
                rewrite.patch_u32(at + 4, value as u32)?;
                rewrite.patch_u32(at + 12, (value >> 32) as u32)?;
            }
            // libbpf compares the load's `off` with the local value; both loaders refuse a
            // value the signed 16-bit field cannot hold.
            Form::Ldx => {
                let off = i16::try_from(value).map_err(|_| {
                    refuse(format!(
                        "the local offset {value} does not fit a load's 16-bit signed offset \
                         (at most {})",
                        i16::MAX
                    ))
                })?;
                rewrite.patch_u16(at + 2, off as u16)?;
            }
            // libbpf compares an ALU instruction's immediate with the local value (a shift,
            // at most 64, checked above).
            Form::Shift => rewrite.patch_u32(at + 4, value as u32)?,
        }

        let summary = per_section
            .entry(section.index)
            .or_insert_with(|| SectionSummary {
                section: section.name.clone(),
                ..SectionSummary::default()
            });
        *summary.kinds.entry(p.kind).or_insert(0) += 1;
        if p.marker.form == Form::Ldx {
            summary.direct_loads += 1;
        }
    }
    summary.sections = per_section.into_values().collect();
    summary.types_added = u32::try_from(btf.len() - types_before).unwrap_or(u32::MAX);

    let lines = match &ext {
        Some(ext) => annotate_lines(ext, btf, &notes)?,
        None => None,
    };
    let built = match &lines {
        Some(lines) => ext::build_with_line_info(ext.as_ref(), &groups, lines),
        None => ext::build(ext.as_ref(), &groups),
    }
    .map_err(|e| Error::BtfExt(e.to_string()))?;
    match ext_index {
        Some(index) => {
            if built.moves_anything() {
                rewrite.remap_relocations(index, |old| built.relocated(old))?;
            }
            rewrite.replace_section_data(index, &built.bytes)?;
        }
        None => {
            rewrite.add_section(BTF_EXT_SECTION, &built.bytes, 4);
            summary.created_btf_ext = true;
        }
    }
    Ok(())
}

/// A relocated instruction whose line info is to name its relocation.
#[derive(Debug)]
struct LineNote {
    /// Its ELF section.
    section: String,
    /// Its byte offset there.
    insn_off: u64,
    /// The byte offset of the instruction after it (an `ld_imm64` marker has 2 slots, a direct
    /// load 1).
    next: u64,
    /// The size of its section.
    section_size: u64,
    /// The line text ([`core::line_note`]).
    text: String,
}

/// The `line_info` part of `ext` with `notes` applied, or `None` when nothing changes.
///
/// The verifier log prints an instruction's line info above it, so the line info is where a
/// refused poisoned instruction can name its relocation whatever the loader. Each noted
/// instruction gets a record with the note as its line text and the file and line/column of the
/// record that covered it; the instruction after it gets a copy of that covering record, unless
/// a record starts there already, another noted instruction does, or it is the section's end,
/// so that the following instructions keep their source line. A section without line info, or
/// an instruction no record covers, gets none; a group whose offsets do not strictly increase
/// (the kernel refuses it anyway) is left alone, as is a part whose records are not the 16-byte
/// ones. Compaction later maps every offset, which stays an instruction start, and keeps the
/// order.
fn annotate_lines(
    ext: &BtfExt<'_>,
    btf: &mut Btf,
    notes: &[LineNote],
) -> Result<Option<Vec<LineInfoSec>>> {
    if notes.is_empty() || ext.line_record_size() != Some(LINE_INFO_RECORD_SIZE) {
        return Ok(None);
    }
    let mut groups = ext.line_infos();
    let mut changed = false;
    let mut seen = HashSet::new();
    for group in &mut groups {
        let Some(name) = btf.str_at(group.sec_name_off).map(str::to_owned) else {
            continue;
        };
        // Records of a section split over several groups: only the first gets the notes.
        if !seen.insert(name.clone()) {
            continue;
        }
        let increasing = group
            .records
            .windows(2)
            .all(|w| w[0].insn_off < w[1].insn_off);
        let here: Vec<&LineNote> = notes.iter().filter(|n| n.section == name).collect();
        if here.is_empty() || !increasing {
            continue;
        }
        let original: BTreeMap<u32, LineInfo> =
            group.records.iter().map(|r| (r.insn_off, *r)).collect();
        let covering = |off: u32| original.range(..=off).next_back().map(|(_, r)| *r);
        let offset = |off: u64| {
            u32::try_from(off)
                .map_err(|_| Error::MalformedElf(format!("section `{name}` too large")))
        };
        let mut records = original.clone();
        let mut after = Vec::new();
        for note in &here {
            let at = offset(note.insn_off)?;
            let Some(cover) = covering(at) else {
                continue;
            };
            let line_off = btf.add_str(&note.text)?;
            records.insert(
                at,
                LineInfo {
                    insn_off: at,
                    line_off,
                    ..cover
                },
            );
            if note.next < note.section_size {
                let next = offset(note.next)?;
                if let Some(cover) = covering(next) {
                    after.push(LineInfo {
                        insn_off: next,
                        ..cover
                    });
                }
            }
        }
        // After every note: a noted instruction's record wins over a copy.
        for record in after {
            records.entry(record.insn_off).or_insert(record);
        }
        let records: Vec<LineInfo> = records.into_values().collect();
        if records != group.records {
            group.records = records;
            changed = true;
        }
    }
    Ok(changed.then_some(groups))
}

/// Turns each descriptor section, and each direct-load section, into an empty, non-allocated
/// `SHT_NOBITS` section that keeps its name, index and size, and empties relocation sections
/// that apply to it (a direct-load section's relocations name code, which would otherwise stop
/// compaction, and which loaders need not see).
///
/// Why not delete or rename it: with `-C debuginfo=2` the descriptor statics may appear in `.BTF`
/// as `VAR`s of a `DATASEC` named after the section with size 0, and both libbpf
/// (`btf_fixup_datasec` → `find_elf_sec_sz`) and aya (`fixup_and_sanitize`) look the section up by
/// name to learn its size — a missing section makes them refuse the object. Keeping the index
/// keeps symbols that point into the section valid. `SHT_NOBITS` with no flags carries no bytes,
/// is not loaded, and both loaders skip sections of unknown name (libbpf: "skipping section",
/// aya: an undefined section kind). A second run sees no live descriptors and no direct-load
/// entries, and does nothing.
fn neutralise_descriptors(elf: &Elf<'_>, sections: &[&Section], rewrite: &mut Rewrite) {
    for section in sections {
        if let Some(header) = rewrite.sections.get_mut(section.index) {
            header.sh_type = SHT_NOBITS;
            header.flags = 0;
        }
        for rel in elf.relocation_sections(section.index) {
            if let Some(header) = rewrite.sections.get_mut(rel.index) {
                header.size = 0;
            }
        }
    }
}
