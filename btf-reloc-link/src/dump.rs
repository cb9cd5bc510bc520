//! Inspecting an object: the `core_relo` records it carries (resolved against its `.BTF`) and,
//! for an object not yet post-linked, its pending marker instructions (resolved against its
//! descriptor records). Both are shown with their access paths spelled out:
//! `task_struct.se.vruntime`, `task_struct.comm[0]`, `struct task_struct`,
//! `pid_type::PIDTYPE_TGID`. [`dump`] returns data; the [`fmt::Display`] impl of [`Dump`]
//! renders the table the CLI prints, [`Dump::to_json`] its `--json` form.

use std::fmt;

use btf_reloc_btf::{core, ext::BtfExt, Btf, Kind};
use btf_reloc_format::{
    decode, is_descriptor_section,
    paths::{self, Index},
    records::Descriptors,
    RelocKind,
};
use object::elf::SHT_NOBITS;

use crate::{
    check::kind_name,
    elf::Elf,
    error::{Error, Result},
    json::{self, Json},
    link::{pending_markers, BTF_EXT_SECTION, BTF_SECTION},
};

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
    /// The relocation kind (uapi value; see [`RelocKind`]).
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
        let ext = BtfExt::parse(elf.section_data(s)?).map_err(|e| Error::BtfExt(e.to_string()))?;
        for group in ext.core_relos() {
            let section = btf
                .as_ref()
                .and_then(|b| b.str_at(group.sec_name_off))
                .unwrap_or("?");
            for r in group.records {
                let access = btf
                    .as_ref()
                    .and_then(|b| b.str_at(r.access_str_off))
                    .unwrap_or("?");
                let path = btf.as_ref().and_then(|b| {
                    let relo = core::Relocation {
                        kind: RelocKind::from_u32(r.kind)?,
                        type_id: r.type_id,
                        access,
                    };
                    core::describe(b, &relo)
                });
                relocations.push(CoreReloEntry {
                    section: section.to_owned(),
                    insn_index: r.insn_off / 8,
                    type_id: r.type_id,
                    type_name: btf
                        .as_ref()
                        .map_or_else(|| "?".to_owned(), |b| type_name(b, r.type_id)),
                    access: access.to_owned(),
                    path,
                    kind: r.kind,
                });
            }
        }
    }

    let mut records = Vec::new();
    for s in elf
        .sections
        .iter()
        .filter(|s| is_descriptor_section(&s.name))
    {
        if s.sh_type != SHT_NOBITS {
            records.extend(decode::decode(elf.section_data(s)?)?);
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
            path: RelocKind::from_u32(m.kind)
                .and_then(|kind| index.lookup(kind.class(), m.id))
                .map(|target| paths::render(&descriptors, &target)),
        })
        .collect();
    Ok(Dump {
        relocations,
        pending,
    })
}

fn type_name(btf: &Btf, id: u32) -> String {
    let Some(t) = btf.ty(id) else {
        return format!("? (no type {id})");
    };
    let prefix = match t.kind {
        Kind::Struct(_) => "struct ",
        Kind::Union(_) => "union ",
        Kind::Enum(_) | Kind::Enum64(_) => "enum ",
        _ => "",
    };
    let name = match btf.name(t) {
        "" => "<anon>",
        name => name,
    };
    format!("{prefix}{name}")
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

impl Dump {
    /// The dump as one line of JSON (`btf-reloc dump --json`), in this shape (version 1; a
    /// field may be added, none removed or changed without a new version):
    ///
    /// ```text
    /// {
    ///   "version": 1,
    ///   "relocations": [ { "section": str, "insn": int, "kind": str, "type_id": int,
    ///                      "type": str, "access": str, "path": str | null } ],
    ///   "pending": [ { "section": str, "insn": int, "kind": str, "id": int,
    ///                  "path": str | null } ]
    /// }
    /// ```
    ///
    /// `kind` is libbpf's name (`FIELD_BYTE_OFFSET`, …; `unknown(N)` for a value it does not
    /// define); `path` is the access spelled out (`task_struct.se.vruntime`), null when the
    /// object's own BTF (or, for a pending marker, its descriptors) cannot say.
    pub fn to_json(&self) -> String {
        let path = |p: &Option<String>| p.as_deref().map_or(Json::Null, Json::str);
        let relocations = self
            .relocations
            .iter()
            .map(|r| {
                Json::Obj(vec![
                    ("section", Json::str(&r.section)),
                    ("insn", Json::Int(r.insn_index.into())),
                    ("kind", Json::Str(kind_name(r.kind))),
                    ("type_id", Json::Int(r.type_id.into())),
                    ("type", Json::str(&r.type_name)),
                    ("access", Json::str(&r.access)),
                    ("path", path(&r.path)),
                ])
            })
            .collect();
        let pending = self
            .pending
            .iter()
            .map(|m| {
                Json::Obj(vec![
                    ("section", Json::str(&m.section)),
                    ("insn", Json::Int(m.insn_index as u64)),
                    ("kind", Json::Str(kind_name(m.kind))),
                    ("id", Json::Int(m.id.into())),
                    ("path", path(&m.path)),
                ])
            })
            .collect();
        json::line(&Json::Obj(vec![
            ("version", Json::Int(1)),
            ("relocations", Json::Arr(relocations)),
            ("pending", Json::Arr(pending)),
        ]))
    }
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
                        kind_name(r.kind),
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
                        kind_name(m.kind),
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
