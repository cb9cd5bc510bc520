//! Finding marker instructions: `ld_imm64` whose immediate is a marker (`btf_reloc_format::marker`)
//! and that no ELF relocation targets (map and global-data references are `ld_imm64` too, but the
//! linker leaves a relocation on them); and direct loads, which a direct-load section lists with
//! their markers (the entry format is `btf_reloc_format::DIRECT_SECTION`'s).

use std::collections::{BTreeMap, HashMap};

use btf_reloc_format::{
    is_direct_section, marker::Marker as Immediate, RelocKind, DIRECT_ENTRY_SIZE,
    DIRECT_UNLINKED_SHIFT,
};
use object::elf::{SHN_XINDEX, SHT_NOBITS, SHT_RELA};

use crate::{
    bytes::{slice, u16_at, u32_at, u64_at, u8_at, us},
    elf::{relocation_entry_size, Elf, Section},
    error::{Error, Result},
};

/// Opcode of `ld_imm64` (`BPF_LD | BPF_IMM | BPF_DW`).
pub(crate) const LD_IMM64: u8 = 0x18;
/// Size of one instruction slot.
pub(crate) const INSN_SIZE: usize = 8;
/// `BPF_LDX | BPF_MEM`, with the size bits clear.
const LDX_MEM: u8 = 0x61;
/// The size bits of a load or store opcode (`BPF_W`, `BPF_H`, `BPF_B`, `BPF_DW`).
const SIZE_BITS: u8 = 0x18;
/// `BPF_ALU64 | BPF_K` shifts by an immediate: left, right, arithmetic right.
const ALU64_LSH_K: u8 = 0x67;
const ALU64_RSH_K: u8 = 0x77;
const ALU64_ARSH_K: u8 = 0xc7;
/// `R_BPF_64_ABS64`: what LLVM puts on the `.quad` of a code address.
const R_BPF_64_ABS64: u32 = 2;

/// The instruction a marker is, which says where its local value goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    /// An `ld_imm64` whose immediate is the marker: the value goes into the immediate.
    LdImm64,
    /// A direct load (`BPF_LDX | BPF_MEM`) whose marker is in a direct-load section: the value
    /// (a field's byte offset) goes into the load's `off`, as clang's
    /// `__builtin_preserve_access_index` loads carry it.
    Ldx,
    /// A 64-bit shift by an immediate (`BPF_ALU64 | BPF_K`: `<<=`, `>>=`, `s>>=`) whose marker is
    /// in a direct-load section: the value (a bitfield's `LSHIFT_U64` or `RSHIFT_U64`) goes into
    /// the immediate, as clang relocates `BPF_CORE_READ_BITFIELD`'s shifts.
    Shift,
}

impl Form {
    /// Size of the instruction in bytes.
    pub(crate) fn len(self) -> usize {
        match self {
            Self::LdImm64 => 2 * INSN_SIZE,
            Self::Ldx | Self::Shift => INSN_SIZE,
        }
    }

    /// Whether a marker of this form may have relocation kind `kind`.
    pub(crate) fn takes(self, kind: RelocKind) -> bool {
        match self {
            Self::LdImm64 => true,
            Self::Ldx => kind == RelocKind::FieldByteOffset,
            Self::Shift => matches!(kind, RelocKind::FieldLshiftU64 | RelocKind::FieldRshiftU64),
        }
    }
}

/// One marker instruction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Marker {
    /// Index of the ELF section holding it.
    pub(crate) section: usize,
    /// Byte offset of its first slot in the section.
    pub(crate) offset: usize,
    /// Bits 32..48 of the immediate: the relocation kind.
    pub(crate) kind: u32,
    /// Low 32 bits of the immediate: the id of an access path, a type or an enum value,
    /// depending on the kind (see `paths`).
    pub(crate) id: u32,
    /// Whether the instruction has the exact form libbpf patches (no source register, zero
    /// offsets, zero second opcode/registers); always true for a direct load, whose form
    /// [`find_direct`] checks.
    pub(crate) well_formed: bool,
    /// What instruction it is.
    pub(crate) form: Form,
}

impl Marker {
    /// Instruction index in the section.
    pub(crate) fn insn(&self) -> usize {
        self.offset / INSN_SIZE
    }
}

/// Every marker in the executable sections of `elf`, in section then offset order.
pub(crate) fn find(elf: &Elf<'_>) -> Result<Vec<Marker>> {
    let mut markers = Vec::new();
    for section in elf.sections.iter().filter(|s| s.is_exec()) {
        let code = elf.section_data(section)?;
        if code.len() % INSN_SIZE != 0 {
            return Err(Error::MalformedElf(format!(
                "executable section `{}` is {} bytes, not a whole number of instructions",
                section.name,
                code.len()
            )));
        }
        let relocated = elf.relocated_offsets(section.index)?;
        let mut pos = 0;
        while let Some(insn) = slice(code, pos, 2 * INSN_SIZE) {
            if u8_at(insn, 0) != Some(LD_IMM64) {
                pos += INSN_SIZE;
                continue;
            }
            let lo = u32_at(insn, 4).unwrap_or_default();
            let hi = u32_at(insn, 12).unwrap_or_default();
            let imm = u64::from(hi) << 32 | u64::from(lo);
            let has_reloc = relocated.contains(&(pos as u64))
                || relocated.contains(&((pos + INSN_SIZE) as u64));
            if let (Some(found), false) = (Immediate::decode(imm), has_reloc) {
                let src_reg = u8_at(insn, 1).unwrap_or_default() >> 4;
                let zero = |range: std::ops::Range<usize>| {
                    insn.get(range).is_some_and(|b| b.iter().all(|&x| x == 0))
                };
                markers.push(Marker {
                    section: section.index,
                    offset: pos,
                    kind: found.kind,
                    id: found.id,
                    well_formed: src_reg == 0 && zero(2..4) && zero(8..12),
                    form: Form::LdImm64,
                });
            }
            pos += 2 * INSN_SIZE;
        }
    }
    Ok(markers)
}

/// Every direct load that the live (not yet neutralised) direct-load sections of `elf` list, in
/// section then offset order; an entry that does not name a well-formed load is an error.
pub(crate) fn find_direct(elf: &Elf<'_>) -> Result<Vec<Marker>> {
    let mut markers = Vec::new();
    // Each load's first entry: a second one would give it a second, conflicting record.
    let mut first_entry: HashMap<(usize, usize), (String, usize)> = HashMap::new();
    let sections = elf
        .sections
        .iter()
        .filter(|s| s.sh_type != SHT_NOBITS && is_direct_section(&s.name));
    for section in sections {
        let data = elf.section_data(section)?;
        let fail = |entry: usize, message: String| Error::Direct {
            section: section.name.clone(),
            entry,
            message,
        };
        if !data.len().is_multiple_of(DIRECT_ENTRY_SIZE) {
            return Err(fail(
                data.len() / DIRECT_ENTRY_SIZE,
                format!(
                    "the section is {} bytes, not a whole number of {DIRECT_ENTRY_SIZE}-byte \
                     entries (a load's address, then its marker): the last entry is cut off",
                    data.len()
                ),
            ));
        }
        let entries = data.len() / DIRECT_ENTRY_SIZE;
        let relocations = entry_relocations(elf, section, entries)?;
        for (k, entry) in data.chunks_exact(DIRECT_ENTRY_SIZE).enumerate() {
            let (code, offset) =
                match relocations.get(&k).map(Vec::as_slice) {
                    None | Some([]) => return Err(fail(
                        k,
                        "no ELF relocation names the load's address (the entry's first 8 bytes \
                         are relocated against the code section holding the load)"
                            .into(),
                    )),
                    Some(&[EntryRelocation { rel, sym, r_type }]) => {
                        if r_type != R_BPF_64_ABS64 {
                            return Err(fail(
                                k,
                                format!(
                                "the load's address has a relocation of type {r_type}; expected \
                                 R_BPF_64_ABS64 ({R_BPF_64_ABS64})"
                            ),
                            ));
                        }
                        let symbol = elf.symbol(rel, sym)?;
                        let code = (symbol.shndx != SHN_XINDEX)
                            .then(|| elf.sections.get(usize::from(symbol.shndx)))
                            .flatten()
                            .filter(|s| s.index != 0 && s.is_exec())
                            .ok_or_else(|| {
                                let name = elf
                                    .sections
                                    .get(usize::from(symbol.shndx))
                                    .filter(|s| s.index != 0)
                                    .map_or_else(String::new, |s| format!(" `{}`", s.name));
                                fail(
                                    k,
                                    format!(
                                    "the load's address is relative to symbol {sym}, defined in \
                                     section {}{name}, which holds no code",
                                    symbol.shndx
                                ),
                                )
                            })?;
                        let addend = u64_at(entry, 0).unwrap_or_default();
                        let offset = symbol.value.checked_add(addend).and_then(us);
                        let offset = offset.ok_or_else(|| {
                            fail(
                                k,
                                format!(
                                "the load's address, symbol value {:#x} plus addend {addend:#x}, \
                                 overflows",
                                symbol.value
                            ),
                            )
                        })?;
                        (code, offset)
                    }
                    Some(many) => {
                        return Err(fail(
                            k,
                            format!(
                                "{} ELF relocations name the load's address; expected one",
                                many.len()
                            ),
                        ))
                    }
                };
            let bad_load = |message: String| Error::Marker {
                section: code.name.clone(),
                insn: offset / INSN_SIZE,
                message: format!(
                    "direct load (entry {k} of `{}` names it): {message}",
                    section.name
                ),
            };
            if !offset.is_multiple_of(INSN_SIZE) {
                return Err(bad_load(format!(
                    "byte {offset:#x} is not an instruction boundary"
                )));
            }
            let code_bytes = elf.section_data(code)?;
            let Some(insn) = slice(code_bytes, offset, INSN_SIZE) else {
                return Err(bad_load(format!(
                    "byte {offset:#x} is past the end of the section ({} bytes)",
                    code_bytes.len()
                )));
            };
            let opcode = u8_at(insn, 0).unwrap_or_default();
            let regs = u8_at(insn, 1).unwrap_or_default();
            let off = u16_at(insn, 2).unwrap_or_default() as i16;
            let imm = u32_at(insn, 4).unwrap_or_default() as i32;
            let (form, kinds) = if opcode & !SIZE_BITS == LDX_MEM {
                if off != -1 {
                    return Err(bad_load(format!(
                        "the load's offset is {off}, not the -1 a direct load has before \
                         post-linking"
                    )));
                }
                if imm != 0 {
                    return Err(bad_load(format!("the load's immediate is {imm}, not 0")));
                }
                (Form::Ldx, "FIELD_BYTE_OFFSET")
            } else if matches!(opcode, ALU64_LSH_K | ALU64_RSH_K | ALU64_ARSH_K) {
                if off != 0 || regs >> 4 != 0 {
                    return Err(bad_load(
                        "the shift has a source register or an offset".to_owned(),
                    ));
                }
                if i64::from(imm) != i64::from(DIRECT_UNLINKED_SHIFT) {
                    return Err(bad_load(format!(
                        "the shift's immediate is {imm}, not the {DIRECT_UNLINKED_SHIFT} a \
                         relocated shift has before post-linking"
                    )));
                }
                let kinds = if opcode == ALU64_LSH_K {
                    "FIELD_LSHIFT_U64"
                } else {
                    "FIELD_RSHIFT_U64"
                };
                (Form::Shift, kinds)
            } else {
                return Err(bad_load(format!(
                    "opcode {opcode:#04x} is neither a load from memory (BPF_LDX | BPF_MEM) nor \
                     a 64-bit shift by an immediate"
                )));
            };
            let raw = u64_at(entry, 8).unwrap_or_default();
            let Some(found) = Immediate::decode(raw) else {
                return Err(bad_load(format!(
                    "the entry's marker {raw:#018x} does not have the marker magic"
                )));
            };
            let kind = RelocKind::from_u32(found.kind);
            let fits = kind.is_some_and(|kind| match form {
                Form::Shift if opcode == ALU64_LSH_K => kind == RelocKind::FieldLshiftU64,
                Form::Shift => kind == RelocKind::FieldRshiftU64,
                _ => form.takes(kind),
            });
            if !fits {
                let name = kind.map_or("unknown", RelocKind::name);
                return Err(bad_load(format!(
                    "the entry's marker has relocation kind {} ({name}); this instruction takes \
                     {kinds} only",
                    found.kind
                )));
            }
            if let Some((other, first)) =
                first_entry.insert((code.index, offset), (section.name.clone(), k))
            {
                return Err(bad_load(format!(
                    "entry {first} of `{other}` names this load already"
                )));
            }
            markers.push(Marker {
                section: code.index,
                offset,
                kind: found.kind,
                id: found.id,
                well_formed: true,
                form,
            });
        }
    }
    markers.sort_by_key(|m| (m.section, m.offset));
    Ok(markers)
}

/// One ELF relocation of a direct-load entry.
#[derive(Debug, Clone, Copy)]
struct EntryRelocation<'e> {
    /// The relocation section holding it.
    rel: &'e Section,
    /// The symbol index.
    sym: usize,
    /// The relocation type.
    r_type: u32,
}

/// The relocations on each entry of direct-load section `section` (`entries` long), by entry.
fn entry_relocations<'e>(
    elf: &'e Elf<'_>,
    section: &Section,
    entries: usize,
) -> Result<BTreeMap<usize, Vec<EntryRelocation<'e>>>> {
    let mut out: BTreeMap<usize, Vec<EntryRelocation<'e>>> = BTreeMap::new();
    for rel in elf.relocation_sections(section.index) {
        let size = relocation_entry_size(rel)?;
        for raw in elf.section_data(rel)?.chunks_exact(size) {
            let offset = u64_at(raw, 0).unwrap_or_default();
            let info = u64_at(raw, 8).unwrap_or_default();
            let entry = us(offset / DIRECT_ENTRY_SIZE as u64).unwrap_or(usize::MAX);
            let fail = |message: String| Error::Direct {
                section: section.name.clone(),
                entry,
                message,
            };
            if !offset.is_multiple_of(DIRECT_ENTRY_SIZE as u64) || entry >= entries {
                return Err(fail(format!(
                    "relocation section `{}` relocates byte {offset:#x}, which is no entry's \
                     address ({entries} entries of {DIRECT_ENTRY_SIZE} bytes)",
                    rel.name
                )));
            }
            if rel.sh_type == SHT_RELA {
                return Err(fail(format!(
                    "the load's address is relocated by RELA section `{}`; eBPF objects use \
                     SHT_REL, whose addend is the entry's first 8 bytes",
                    rel.name
                )));
            }
            let sym = us(info >> 32).unwrap_or(usize::MAX);
            out.entry(entry).or_default().push(EntryRelocation {
                rel,
                sym,
                r_type: info as u32,
            });
        }
    }
    Ok(out)
}
