//! Inspecting an object: the `core_relo` records it carries (resolved against its `.BTF`) and,
//! for an object not yet post-linked, its pending marker instructions (resolved against its
//! descriptor records). Both are shown with their access paths spelled out:
//! `task_struct.se.vruntime`, `task_struct.comm[0]`, `struct task_struct`,
//! `pid_type::PIDTYPE_TGID`. [`dump`] returns data; the [`fmt::Display`] impl of [`Dump`]
//! renders the table the CLI prints.

use std::fmt;

use btf_reloc_runtime::descriptor::DESCRIPTOR_SECTION;
use object::elf::SHT_NOBITS;

use crate::{
    btf::{Btf, KIND_ARRAY, KIND_ENUM, KIND_ENUM64, KIND_STRUCT, KIND_UNION},
    btf_ext::BtfExt,
    descriptors::{self, Descriptors},
    elf::Elf,
    error::Result,
    link::{pending_markers, BTF_EXT_SECTION, BTF_SECTION},
    paths::{self, Index},
};

/// The uapi name of relocation kind `kind` (`enum bpf_core_relo_kind`, without the `BPF_CORE_`
/// prefix), or `None` for an unknown value.
pub fn kind_name(kind: u32) -> Option<&'static str> {
    Some(match kind {
        0 => "FIELD_BYTE_OFFSET",
        1 => "FIELD_BYTE_SIZE",
        2 => "FIELD_EXISTS",
        3 => "FIELD_SIGNED",
        4 => "FIELD_LSHIFT_U64",
        5 => "FIELD_RSHIFT_U64",
        6 => "TYPE_ID_LOCAL",
        7 => "TYPE_ID_TARGET",
        8 => "TYPE_EXISTS",
        9 => "TYPE_SIZE",
        10 => "ENUMVAL_EXISTS",
        11 => "ENUMVAL_VALUE",
        12 => "TYPE_MATCHES",
        _ => return None,
    })
}

fn kind_label(kind: u32) -> String {
    kind_name(kind).map_or_else(|| format!("unknown({kind})"), str::to_owned)
}

/// One `bpf_core_relo` record of `.BTF.ext`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoreReloEntry {
    /// ELF section the record applies to (`?` when its name is not in `.BTF`).
    pub section: String,
    /// Instruction index (`insn_off / 8`).
    pub insn_index: u32,
    /// Local BTF type id.
    pub type_id: u32,
    /// That type, e.g. `struct task_struct` (`?` when unknown).
    pub type_name: String,
    /// The access string, e.g. `0:2:1`.
    pub access: String,
    /// What the access string resolves to in the local types: `task_struct.se.vruntime` for a
    /// field kind, `struct task_struct` for a type kind, `pid_type::PIDTYPE_TGID` for an enum
    /// value kind.
    pub path: Option<String>,
    /// The relocation kind (see [`kind_name`]).
    pub kind: u32,
}

/// A marker instruction waiting for `btf-reloc link`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingMarker {
    /// ELF section holding the instruction.
    pub section: String,
    /// Instruction index in the section.
    pub insn_index: usize,
    /// The relocation kind encoded in the marker.
    pub kind: u32,
    /// The id encoded in the marker (an access path, type or enum value id, by kind).
    pub id: u32,
    /// What the id stands for, rendered like [`CoreReloEntry::path`], when a descriptor record
    /// defines it.
    pub path: Option<String>,
}

/// Everything [`dump`] found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dump {
    /// The `core_relo` records, in `.BTF.ext` order.
    pub relocations: Vec<CoreReloEntry>,
    /// Markers not yet post-linked, in section and instruction order.
    pub pending: Vec<PendingMarker>,
}

/// Reads the CO-RE relocation records and pending markers of an eBPF object.
pub fn dump(object: &[u8]) -> Result<Dump> {
    let elf = Elf::parse(object)?;
    let btf = match elf.section_by_name(BTF_SECTION) {
        Some(s) => Some(Btf::parse(elf.section_data(s)?)?),
        None => None,
    };
    let mut relocations = Vec::new();
    if let Some(s) = elf.section_by_name(BTF_EXT_SECTION) {
        let ext = BtfExt::parse(elf.section_data(s)?)?;
        for group in ext.core_relos()? {
            let section = btf
                .as_ref()
                .and_then(|b| b.string(group.sec_name_off))
                .unwrap_or("?");
            for r in group.records {
                let access = btf
                    .as_ref()
                    .and_then(|b| b.string(r.access_str_off))
                    .unwrap_or("?");
                relocations.push(CoreReloEntry {
                    section: section.to_owned(),
                    insn_index: r.insn_off / 8,
                    type_id: r.type_id,
                    type_name: btf
                        .as_ref()
                        .map_or_else(|| "?".to_owned(), |b| type_name(b, r.type_id)),
                    access: access.to_owned(),
                    path: btf
                        .as_ref()
                        .and_then(|b| render_access(b, r.type_id, access, r.kind)),
                    kind: r.kind,
                });
            }
        }
    }

    let mut records = Vec::new();
    for s in elf.sections.iter().filter(|s| s.name == DESCRIPTOR_SECTION) {
        if s.sh_type != SHT_NOBITS {
            records.extend(descriptors::decode(elf.section_data(s)?)?);
        }
    }
    let descriptors = Descriptors::new(records)?;
    // A collision or the path bound makes `link` fail; the dump still names what it can.
    let index = Index::new(&descriptors);
    let pending = pending_markers(&elf)?
        .into_iter()
        .map(|m| PendingMarker {
            section: elf
                .sections
                .get(m.section)
                .map(|s| s.name.clone())
                .unwrap_or_default(),
            insn_index: m.insn(),
            kind: m.kind,
            id: m.id,
            path: paths::kind_class(m.kind)
                .and_then(|class| index.lookup(class, m.id))
                .map(|target| paths::render(&descriptors, &target)),
        })
        .collect();
    Ok(Dump {
        relocations,
        pending,
    })
}

fn type_name(btf: &Btf<'_>, id: u32) -> String {
    let Some(t) = btf.type_by_id(id) else {
        return format!("? (no type {id})");
    };
    let name = btf.string(t.name_off).filter(|n| !n.is_empty());
    let prefix = match t.kind {
        KIND_STRUCT => "struct ",
        KIND_UNION => "union ",
        KIND_ENUM | KIND_ENUM64 => "enum ",
        _ => "",
    };
    format!("{prefix}{}", name.unwrap_or("<anon>"))
}

/// Renders a relocation's access string against the local type, the way libbpf's
/// `bpf_core_format_spec` reads it: a field access `0:1:3` as `root.a[3]` (unnamed members are
/// passed through silently, as C code does), a type access as the type, an enum value access
/// `1` as `enum_name::VALUE`.
fn render_access(btf: &Btf<'_>, type_id: u32, access: &str, kind: u32) -> Option<String> {
    let root_id = btf.skip_modifiers(type_id);
    let root = btf.type_by_id(root_id)?;
    let root_name = btf
        .string(root.name_off)
        .filter(|n| !n.is_empty())
        .unwrap_or("<anon>");
    match kind {
        0..=5 => {}
        10 | 11 => {
            let index = access.parse::<u32>().ok()?;
            let name = btf.string(btf.enumerator(root, index)?)?;
            return Some(format!("{root_name}::{name}"));
        }
        _ => return Some(type_name(btf, type_id)),
    }
    let mut indices = access.split(':').map(|s| s.parse::<u32>().ok());
    let first = indices.next()??;
    let mut path = root_name.to_owned();
    if first != 0 {
        path.push_str(&format!("[{first}]"));
    }
    let mut ty = root_id;
    for index in indices {
        let index = index?;
        let t = btf.type_by_id(ty)?;
        if t.kind == KIND_ARRAY {
            path.push_str(&format!("[{index}]"));
            ty = btf.skip_modifiers(btf.array_elem(t)?);
        } else {
            let (name_off, member_ty) = btf.member(t, index)?;
            if let Some(name) = btf.string(name_off).filter(|n| !n.is_empty()) {
                path.push('.');
                path.push_str(name);
            }
            ty = btf.skip_modifiers(member_ty);
        }
    }
    Some(path)
}

/// Writes `rows` as a left-aligned table under `headers`.
fn table(f: &mut fmt::Formatter<'_>, headers: &[&str], rows: &[Vec<String>]) -> fmt::Result {
    let mut widths: Vec<usize> = headers.iter().map(|h| h.len()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |f: &mut fmt::Formatter<'_>, cells: &mut dyn Iterator<Item = &str>| {
        let mut out = String::new();
        for (i, (cell, w)) in cells.zip(&widths).enumerate() {
            if i > 0 {
                out.push_str("  ");
            }
            out.push_str(&format!("{cell:<w$}"));
        }
        writeln!(f, "{}", out.trim_end())
    };
    line(f, &mut headers.iter().copied())?;
    for row in rows {
        line(f, &mut row.iter().map(String::as_str))?;
    }
    Ok(())
}

impl fmt::Display for Dump {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.relocations.is_empty() && self.pending.is_empty() {
            return writeln!(f, "no CO-RE relocation records and no pending markers");
        }
        if !self.relocations.is_empty() {
            writeln!(f, "{} CO-RE relocation record(s):", self.relocations.len())?;
            let rows: Vec<Vec<String>> = self
                .relocations
                .iter()
                .map(|r| {
                    vec![
                        r.section.clone(),
                        r.insn_index.to_string(),
                        kind_label(r.kind),
                        format!("[{}] {}", r.type_id, r.type_name),
                        r.access.clone(),
                        r.path.clone().unwrap_or_else(|| "-".to_owned()),
                    ]
                })
                .collect();
            table(
                f,
                &["SECTION", "INSN", "KIND", "TYPE", "ACCESS", "PATH"],
                &rows,
            )?;
        }
        if !self.pending.is_empty() {
            if !self.relocations.is_empty() {
                writeln!(f)?;
            }
            writeln!(
                f,
                "{} pending marker(s) (run `btf-reloc link`):",
                self.pending.len()
            )?;
            let rows: Vec<Vec<String>> = self
                .pending
                .iter()
                .map(|m| {
                    vec![
                        m.section.clone(),
                        m.insn_index.to_string(),
                        kind_label(m.kind),
                        format!("{:#010x}", m.id),
                        m.path
                            .clone()
                            .unwrap_or_else(|| "? (no descriptor)".to_owned()),
                    ]
                })
                .collect();
            table(f, &["SECTION", "INSN", "KIND", "ID", "PATH"], &rows)?;
        }
        Ok(())
    }
}
