//! The post-link pass: markers + descriptors in, genuine CO-RE relocations out.
//!
//! For every marker it adds (once per struct record) a local `BTF_KIND_STRUCT` to `.BTF`, a
//! `bpf_core_relo` record to `.BTF.ext`, and sets the marker's immediate to the local value that
//! libbpf expects to find there. It then neutralises the descriptor section (see
//! [`neutralise_descriptors`]) so that loaders ignore it.

use std::{
    collections::{BTreeMap, HashMap, HashSet},
    fmt,
    path::Path,
};

use btf_reloc_runtime::descriptor::{relo_kind, DESCRIPTOR_SECTION};
use object::elf::SHT_NOBITS;

use crate::{
    btf::{Btf, BtfAppender},
    btf_ext::{self, BtfExt, CoreRelo, CoreReloSec, CORE_RELO_RECORD_SIZE},
    bytes::u32_of,
    descriptors::{self, Record},
    elf::{Elf, Rewrite, Section},
    error::{Error, Result},
    layout,
    markers::{self, Marker},
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
    /// `FIELD_BYTE_OFFSET` records.
    pub field_byte_offset: usize,
    /// `FIELD_BYTE_SIZE` records.
    pub field_byte_size: usize,
    /// `FIELD_EXISTS` records.
    pub field_exists: usize,
}

impl SectionSummary {
    /// All records of the section.
    pub fn total(&self) -> usize {
        self.field_byte_offset + self.field_byte_size + self.field_exists
    }
}

/// Summary of a [`link`] run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LinkSummary {
    /// Per ELF section, in section order.
    pub sections: Vec<SectionSummary>,
    /// Local struct types added to `.BTF`.
    pub structs_added: usize,
    /// All types added to `.BTF` (structs and their member types).
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
}

impl fmt::Display for LinkSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sum = |g: fn(&SectionSummary) -> usize| self.sections.iter().map(g).sum::<usize>();
        write!(
            f,
            "{} CO-RE relocation(s) ({} FIELD_BYTE_OFFSET, {} FIELD_BYTE_SIZE, {} FIELD_EXISTS); \
             {} local struct(s), {} BTF type(s) added{}{}",
            self.total(),
            sum(|s| s.field_byte_offset),
            sum(|s| s.field_byte_size),
            sum(|s| s.field_exists),
            self.structs_added,
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
        if !self.sections.is_empty() {
            f.write_str("\n  ")?;
            for (i, s) in self.sections.iter().enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                write!(
                    f,
                    "{}: {} ({}/{}/{})",
                    s.section,
                    s.total(),
                    s.field_byte_offset,
                    s.field_byte_size,
                    s.field_exists
                )?;
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
    let elf = Elf::parse(object)?;
    let descriptor_sections: Vec<&Section> = elf
        .sections
        .iter()
        .filter(|s| s.name == DESCRIPTOR_SECTION)
        .collect();
    let mut live_descriptors = false;
    let mut records = Vec::new();
    for section in &descriptor_sections {
        if section.sh_type != SHT_NOBITS {
            live_descriptors = true;
            records.extend(descriptors::decode(elf.section_data(section)?)?);
        }
    }
    let markers = markers::find(&elf)?;
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
    let records = dedup(records);
    let fields = index_fields(&records)?;
    let resolved = resolve(&elf, &markers, &fields)?;

    let mut rewrite = Rewrite::new(&elf)?;
    let mut summary = LinkSummary {
        descriptor_records: records.len(),
        ..LinkSummary::default()
    };
    if !resolved.is_empty() {
        emit_relocations(&elf, &records, &resolved, &mut rewrite, &mut summary)?;
    }
    neutralise_descriptors(&elf, &descriptor_sections, &mut rewrite);
    layout::lay_out_descriptors(&elf, &mut rewrite)?;
    Ok(LinkOutcome::Linked {
        object: rewrite.finish()?,
        summary,
    })
}

/// Post-links the object at `input`, writing the result to `output` (or over `input` when
/// `None`, through a temporary file and a rename). Returns `None` when there was nothing to do;
/// then `output`, if given, receives an unchanged copy.
pub fn link_file(input: &Path, output: Option<&Path>) -> Result<Option<LinkSummary>> {
    let io = |path: &Path| {
        let path = path.to_owned();
        move |source| Error::Io { path, source }
    };
    let object = std::fs::read(input).map_err(io(input))?;
    let (bytes, summary) = match link(&object)? {
        LinkOutcome::NothingToDo => (object, None),
        LinkOutcome::Linked { object, summary } => (object, Some(summary)),
    };
    match output {
        Some(out) => std::fs::write(out, &bytes).map_err(io(out))?,
        None if summary.is_some() => {
            let mut tmp = input.as_os_str().to_owned();
            tmp.push(".btf-reloc.tmp");
            let tmp = Path::new(&tmp);
            std::fs::write(tmp, &bytes).map_err(io(tmp))?;
            std::fs::rename(tmp, input).map_err(io(input))?;
        }
        None => {}
    }
    Ok(summary)
}

fn section_name(elf: &Elf<'_>, index: usize) -> String {
    elf.sections
        .get(index)
        .map_or_else(|| format!("#{index}"), |s| s.name.clone())
}

/// Drops exact duplicate records (the same type described twice), keeping first-seen order.
fn dedup(records: Vec<Record>) -> Vec<Record> {
    let mut seen = HashSet::new();
    records
        .into_iter()
        .filter(|r| seen.insert(r.clone()))
        .collect()
}

/// Field id → (record index, field index); a shared id is a collision.
fn index_fields(records: &[Record]) -> Result<HashMap<u32, (usize, usize)>> {
    let mut by_id: HashMap<u32, (usize, usize)> = HashMap::new();
    let describe = |(r, f): (usize, usize)| {
        records
            .get(r)
            .and_then(|rec| Some(format!("{}.{}", rec.name, rec.fields.get(f)?.name)))
            .unwrap_or_default()
    };
    for (ri, record) in records.iter().enumerate() {
        for (fi, field) in record.fields.iter().enumerate() {
            if let Some(&prev) = by_id.get(&field.id) {
                return Err(Error::IdCollision {
                    id: field.id,
                    first: describe(prev),
                    second: describe((ri, fi)),
                });
            }
            by_id.insert(field.id, (ri, fi));
        }
    }
    Ok(by_id)
}

/// A marker with its descriptor.
#[derive(Debug, Clone, Copy)]
struct Resolved {
    marker: Marker,
    record: usize,
    field: usize,
}

fn resolve(
    elf: &Elf<'_>,
    markers: &[Marker],
    fields: &HashMap<u32, (usize, usize)>,
) -> Result<Vec<Resolved>> {
    markers
        .iter()
        .map(|&marker| {
            let fail = |message: String| Error::Marker {
                section: section_name(elf, marker.section),
                insn: marker.insn(),
                message,
            };
            if !matches!(
                marker.kind,
                relo_kind::FIELD_BYTE_OFFSET | relo_kind::FIELD_BYTE_SIZE | relo_kind::FIELD_EXISTS
            ) {
                return Err(fail(format!(
                    "marker has unknown relocation kind {} (expected 0, 1 or 2)",
                    marker.kind
                )));
            }
            if !marker.well_formed {
                return Err(fail(
                    "marker ld_imm64 has a source register or non-zero offset fields; libbpf \
                     would refuse to patch it"
                        .into(),
                ));
            }
            let &(record, field) = fields.get(&marker.id).ok_or_else(|| {
                fail(format!(
                    "marker refers to field id {:#010x}, which no descriptor record defines",
                    marker.id
                ))
            })?;
            Ok(Resolved {
                marker,
                record,
                field,
            })
        })
        .collect()
}

/// A section's bytes, parsed lazily with `parse`.
fn section_bytes<'a>(elf: &Elf<'a>, name: &str) -> Result<Option<(&'a [u8], usize)>> {
    elf.section_by_name(name)
        .map(|s| Ok((elf.section_data(s)?, s.index)))
        .transpose()
}

fn emit_relocations(
    elf: &Elf<'_>,
    records: &[Record],
    resolved: &[Resolved],
    rewrite: &mut Rewrite,
    summary: &mut LinkSummary,
) -> Result<()> {
    let btf_data = section_bytes(elf, BTF_SECTION)?;
    let ext_data = section_bytes(elf, BTF_EXT_SECTION)?;
    let btf = btf_data.map(|(d, _)| Btf::parse(d)).transpose()?;
    let ext = ext_data.map(|(d, _)| BtfExt::parse(d)).transpose()?;
    if ext.is_some() && btf.is_none() {
        return Err(Error::BtfExt(
            "the object has .BTF.ext but no .BTF to hold its strings".into(),
        ));
    }
    let mut app = BtfAppender::new(btf.as_ref())?;

    // One local struct per referenced record. Members are sorted by offset because the kernel
    // rejects a struct whose member offsets decrease; access strings use the sorted position.
    let referenced: BTreeMap<usize, ()> = resolved.iter().map(|r| (r.record, ())).collect();
    let mut struct_ids = HashMap::new();
    let mut member_index = HashMap::new();
    for &ri in referenced.keys() {
        let Some(record) = records.get(ri) else {
            continue;
        };
        let mut order: Vec<usize> = (0..record.fields.len()).collect();
        order.sort_by_key(|&i| record.fields.get(i).map(|f| f.offset));
        let mut members = Vec::with_capacity(order.len());
        for (position, &fi) in order.iter().enumerate() {
            let Some(field) = record.fields.get(fi) else {
                continue;
            };
            let ty = app.shape(&field.shape)?;
            members.push((field.name.clone(), ty, field.offset));
            member_index.insert((ri, fi), position);
        }
        struct_ids.insert(ri, app.add_struct(&record.name, record.size, &members)?);
    }
    summary.structs_added = struct_ids.len();

    // Existing core_relo records stay; new ones join their section's group.
    let mut groups: Vec<CoreReloSec> = match &ext {
        Some(ext) => ext.core_relos()?,
        None => Vec::new(),
    };
    if let Some(size) = ext.as_ref().and_then(BtfExt::core_record_size) {
        if size != CORE_RELO_RECORD_SIZE && groups.iter().any(|g| !g.records.is_empty()) {
            return Err(Error::BtfExt(format!(
                "existing core_relo records have size {size}; only {CORE_RELO_RECORD_SIZE} can be \
                 merged"
            )));
        }
    }
    let mut per_section: BTreeMap<usize, SectionSummary> = BTreeMap::new();
    for r in resolved {
        let section = elf
            .sections
            .get(r.marker.section)
            .ok_or_else(|| Error::MalformedElf("marker in a vanished section".into()))?;
        let (Some(record), Some(&type_id), Some(&index)) = (
            records.get(r.record),
            struct_ids.get(&r.record),
            member_index.get(&(r.record, r.field)),
        ) else {
            continue;
        };
        let Some(field) = record.fields.get(r.field) else {
            continue;
        };
        let name_off = app.string(&section.name)?;
        let access_str_off = app.string(&format!("0:{index}"))?;
        let insn_off = u32_of(r.marker.offset)
            .ok_or_else(|| Error::MalformedElf(format!("section `{}` too large", section.name)))?;
        let relo = CoreRelo {
            insn_off,
            type_id,
            access_str_off,
            kind: r.marker.kind,
        };
        let existing = groups.iter_mut().find(|g| {
            g.sec_name_off == name_off
                || btf.as_ref().and_then(|b| b.string(g.sec_name_off)) == Some(&section.name)
        });
        match existing {
            Some(group) => group.records.push(relo),
            None => groups.push(CoreReloSec {
                sec_name_off: name_off,
                records: vec![relo],
            }),
        }

        let value = match r.marker.kind {
            relo_kind::FIELD_BYTE_OFFSET => field.offset,
            relo_kind::FIELD_BYTE_SIZE => field.size,
            _ => 1,
        };
        let at = rewrite.file_offset(section.index, r.marker.offset, 2 * markers::INSN_SIZE)?;
        rewrite.patch_u32(at + 4, value)?;
        rewrite.patch_u32(at + 12, 0)?;

        let stats = per_section
            .entry(section.index)
            .or_insert_with(|| SectionSummary {
                section: section.name.clone(),
                ..SectionSummary::default()
            });
        match r.marker.kind {
            relo_kind::FIELD_BYTE_OFFSET => stats.field_byte_offset += 1,
            relo_kind::FIELD_BYTE_SIZE => stats.field_byte_size += 1,
            _ => stats.field_exists += 1,
        }
    }
    summary.sections = per_section.into_values().collect();
    summary.types_added = app.added();

    let btf_bytes = app.finish()?;
    match btf_data {
        Some((_, index)) => rewrite.replace_section_data(index, &btf_bytes)?,
        None => {
            rewrite.add_section(BTF_SECTION, &btf_bytes, 4);
            summary.created_btf = true;
        }
    }
    let built = btf_ext::build(ext.as_ref(), &groups)?;
    match ext_data {
        Some((_, index)) => {
            if built.shift > 0 {
                let header = ext.as_ref().map_or(0, BtfExt::hdr_len) as u64;
                rewrite.shift_relocations(index, header, built.shift)?;
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

/// Turns each descriptor section into an empty, non-allocated `SHT_NOBITS` section that keeps its
/// name, index and size, and empties relocation sections that apply to it.
///
/// Why not delete or rename it: with `-C debuginfo=2` the descriptor statics may appear in `.BTF`
/// as `VAR`s of a `DATASEC` named after the section with size 0, and both libbpf
/// (`btf_fixup_datasec` → `find_elf_sec_sz`) and aya (`fixup_and_sanitize`) look the section up by
/// name to learn its size — a missing section makes them refuse the object. Keeping the index
/// keeps symbols that point into the section valid. `SHT_NOBITS` with no flags carries no bytes,
/// is not loaded, and both loaders skip sections of unknown name (libbpf: "skipping section",
/// aya: an undefined section kind). A second run sees no live descriptors and does nothing.
fn neutralise_descriptors(elf: &Elf<'_>, descriptor_sections: &[&Section], rewrite: &mut Rewrite) {
    for section in descriptor_sections {
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
