//! The ELF container at byte level: validating that the input is a 64-bit little-endian
//! relocatable eBPF object, reading its section headers, section data and relocation offsets, and
//! rewriting it. A rewrite never moves a section's start: instructions are patched in place (a
//! compacted code section shrinks where it is), replaced or new sections are appended at the end
//! of the file, and the section header table is written anew after them. Existing section
//! indices, and therefore symbols and relocations, stay valid.

use std::collections::HashSet;

use btf_reloc_format::{is_descriptor_section, is_direct_section};
use object::elf::{
    ELFCLASS64, ELFDATA2LSB, ELFMAG, EM_BPF, ET_REL, SHN_LORESERVE, SHN_XINDEX, SHT_NOBITS,
    SHT_PROGBITS, SHT_REL, SHT_RELA, SHT_SYMTAB,
};

use crate::{
    bytes::{
        pad_to, range, set, set_u16, set_u32, set_u64, slice, u16_at, u32_at, u64_at, u8_at, us,
    },
    error::{Error, Result},
    link::{BTF_EXT_SECTION, BTF_SECTION},
};

const EHDR_SIZE: usize = 64;
const SHDR_SIZE: usize = 64;
const E_TYPE: usize = 0x10;
const E_MACHINE: usize = 0x12;
const E_SHOFF: usize = 0x28;
const E_SHENTSIZE: usize = 0x3a;
const E_SHNUM: usize = 0x3c;
const E_SHSTRNDX: usize = 0x3e;

/// One section header, decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Section {
    pub(crate) index: usize,
    /// The name, lossily decoded; `name_off` is the exact reference.
    pub(crate) name: String,
    pub(crate) name_off: u32,
    pub(crate) sh_type: u32,
    pub(crate) flags: u64,
    pub(crate) addr: u64,
    pub(crate) offset: u64,
    pub(crate) size: u64,
    pub(crate) link: u32,
    pub(crate) info: u32,
    pub(crate) addralign: u64,
    pub(crate) entsize: u64,
}

impl Section {
    /// Whether the section holds instructions.
    pub(crate) fn is_exec(&self) -> bool {
        self.sh_type != SHT_NOBITS && self.flags & u64::from(object::elf::SHF_EXECINSTR) != 0
    }

    fn encode(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.name_off.to_le_bytes());
        out.extend_from_slice(&self.sh_type.to_le_bytes());
        out.extend_from_slice(&self.flags.to_le_bytes());
        out.extend_from_slice(&self.addr.to_le_bytes());
        out.extend_from_slice(&self.offset.to_le_bytes());
        out.extend_from_slice(&self.size.to_le_bytes());
        out.extend_from_slice(&self.link.to_le_bytes());
        out.extend_from_slice(&self.info.to_le_bytes());
        out.extend_from_slice(&self.addralign.to_le_bytes());
        out.extend_from_slice(&self.entsize.to_le_bytes());
    }
}

/// A parsed eBPF object, borrowing the input bytes.
#[derive(Debug)]
pub(crate) struct Elf<'a> {
    pub(crate) data: &'a [u8],
    pub(crate) sections: Vec<Section>,
    pub(crate) shstrndx: usize,
}

fn malformed(msg: impl Into<String>) -> Error {
    Error::MalformedElf(msg.into())
}

impl<'a> Elf<'a> {
    /// Validates the ELF header and decodes every section header; fails on anything that is not
    /// a 64-bit little-endian `ET_REL` object for `EM_BPF`, or whose sections lie outside the file.
    pub(crate) fn parse(data: &'a [u8]) -> Result<Self> {
        if data.len() < EHDR_SIZE || data.get(..4) != Some(&ELFMAG[..]) {
            return Err(Error::NotElf);
        }
        if u8_at(data, 4) != Some(ELFCLASS64) {
            return Err(Error::Unsupported(
                "not a 64-bit ELF (eBPF objects are ELFCLASS64)".into(),
            ));
        }
        if u8_at(data, 5) != Some(ELFDATA2LSB) {
            return Err(Error::Unsupported(
                "not little-endian (only bpfel objects are supported)".into(),
            ));
        }
        let machine = u16_at(data, E_MACHINE).ok_or(Error::NotElf)?;
        if machine != EM_BPF {
            return Err(Error::Unsupported(format!(
                "ELF machine {machine} is not EM_BPF ({EM_BPF})"
            )));
        }
        let e_type = u16_at(data, E_TYPE).ok_or(Error::NotElf)?;
        if e_type != ET_REL {
            return Err(Error::Unsupported(format!(
                "ELF type {e_type} is not ET_REL ({ET_REL}); expected the relocatable object \
                 written by bpf-linker"
            )));
        }
        let shoff = u64_at(data, E_SHOFF).ok_or(Error::NotElf)?;
        let shentsize = u16_at(data, E_SHENTSIZE).ok_or(Error::NotElf)?;
        let mut shnum = usize::from(u16_at(data, E_SHNUM).ok_or(Error::NotElf)?);
        let mut shstrndx = usize::from(u16_at(data, E_SHSTRNDX).ok_or(Error::NotElf)?);
        if shoff == 0 {
            return Err(malformed("no section header table"));
        }
        if usize::from(shentsize) != SHDR_SIZE {
            return Err(malformed(format!(
                "section header size {shentsize}, expected {SHDR_SIZE}"
            )));
        }
        let shoff = us(shoff).ok_or_else(|| malformed("section header offset too large"))?;
        // Extended numbering: the real counts live in section header 0.
        if shnum == 0 || shstrndx == usize::from(SHN_XINDEX) {
            let sh0 = slice(data, shoff, SHDR_SIZE)
                .ok_or_else(|| malformed("section header table lies past the end of the file"))?;
            if shnum == 0 {
                shnum = u64_at(sh0, 0x20)
                    .and_then(us)
                    .ok_or_else(|| malformed("bad extended section count"))?;
            }
            if shstrndx == usize::from(SHN_XINDEX) {
                shstrndx = u32_at(sh0, 0x28)
                    .and_then(us)
                    .ok_or_else(|| malformed("bad extended section name table index"))?;
            }
        }
        let table_len = shnum
            .checked_mul(SHDR_SIZE)
            .ok_or_else(|| malformed("section count overflows"))?;
        let table = slice(data, shoff, table_len).ok_or_else(|| {
            malformed(format!(
                "section header table ({shnum} headers at {shoff:#x}) lies past the end of the \
                 file ({} bytes)",
                data.len()
            ))
        })?;
        let mut sections = Vec::new();
        for (index, raw) in table.chunks_exact(SHDR_SIZE).enumerate() {
            let field = |off: usize| u64_at(raw, off).unwrap_or_default();
            let field32 = |off: usize| u32_at(raw, off).unwrap_or_default();
            sections.push(Section {
                index,
                name: String::new(),
                name_off: field32(0),
                sh_type: field32(4),
                flags: field(8),
                addr: field(0x10),
                offset: field(0x18),
                size: field(0x20),
                link: field32(0x28),
                info: field32(0x2c),
                addralign: field(0x30),
                entsize: field(0x38),
            });
        }
        let mut elf = Self {
            data,
            sections,
            shstrndx,
        };
        // Names first, so that every later message can say which section it is about.
        let names = {
            let strtab = elf.sections.get(shstrndx).ok_or_else(|| {
                malformed(format!(
                    "section name table index {shstrndx} out of range ({} sections)",
                    elf.sections.len()
                ))
            })?;
            if strtab.sh_type == SHT_NOBITS || shstrndx == 0 {
                return Err(malformed(format!(
                    "section name table (section {shstrndx}) holds no bytes"
                )));
            }
            elf.section_data(strtab).map_err(|_| {
                malformed(format!(
                    "section name table (section {shstrndx}) spans {:#x}..{:#x}, past the end of \
                     the file ({} bytes)",
                    strtab.offset,
                    strtab.offset.saturating_add(strtab.size),
                    data.len()
                ))
            })?
        };
        for section in elf.sections.iter_mut().skip(1) {
            section.name = c_str_at(names, section.name_off)
                .map(|s| String::from_utf8_lossy(s).into_owned())
                .ok_or_else(|| {
                    malformed(format!(
                        "section {} has name offset {:#x} outside the name table",
                        section.index, section.name_off
                    ))
                })?;
        }
        for section in elf.sections.iter().skip(1) {
            elf.section_data(section)?;
            // Code is `SHT_PROGBITS`; the post-link step rewrites the other sections, and these
            // named ones, as data (found by the `link` fuzz target: an executable `.BTF.ext`, or
            // section name table, came out of `link` no longer a whole number of instructions).
            let data_only = section.sh_type != SHT_PROGBITS
                || section.name == BTF_SECTION
                || section.name == BTF_EXT_SECTION
                || is_descriptor_section(&section.name)
                || is_direct_section(&section.name);
            if data_only && section.is_exec() {
                return Err(malformed(format!(
                    "section `{}` (section {}, type {}) is marked executable (SHF_EXECINSTR), \
                     but holds data",
                    section.name, section.index, section.sh_type
                )));
            }
        }
        elf.check_overlaps(shoff, table_len)?;
        Ok(elf)
    }

    /// Refuses sections whose file bytes overlap each other, the ELF header or the section
    /// header table: the post-link step would rewrite one while patching another (instructions
    /// aliased by data, the same code relocated twice). Sections that occupy no file bytes
    /// (`SHT_NOBITS`, or empty) may sit anywhere, as the ELF format allows.
    fn check_overlaps(&self, shoff: usize, table_len: usize) -> Result<()> {
        /// What occupies a span: a section (by index), the ELF header, the header table.
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
        enum Owner {
            Header,
            Section(usize),
            Table,
        }
        let mut spans: Vec<(u64, u64, Owner)> = self
            .sections
            .iter()
            .skip(1)
            .filter(|s| s.sh_type != SHT_NOBITS && s.size > 0)
            .map(|s| {
                (
                    s.offset,
                    s.offset.saturating_add(s.size),
                    Owner::Section(s.index),
                )
            })
            .collect();
        spans.push((0, EHDR_SIZE as u64, Owner::Header));
        spans.push((
            shoff as u64,
            shoff.saturating_add(table_len) as u64,
            Owner::Table,
        ));
        spans.sort_unstable();
        let name = |owner: Owner| match owner {
            Owner::Header => "the ELF header".to_owned(),
            Owner::Table => "the section header table".to_owned(),
            Owner::Section(i) => self.sections.get(i).map_or_else(
                || format!("section {i}"),
                |s| format!("section {i} `{}`", s.name),
            ),
        };
        // The span reaching furthest so far: anything starting before its end overlaps it.
        let mut furthest: Option<(u64, u64, Owner)> = None;
        for &span in &spans {
            if let Some(prev) = furthest {
                if span.0 < prev.1 {
                    return Err(malformed(format!(
                        "{} ({:#x}..{:#x}) overlaps {} ({:#x}..{:#x}); every byte of the file \
                         belongs to one section at most",
                        name(span.2),
                        span.0,
                        span.1,
                        name(prev.2),
                        prev.0,
                        prev.1
                    )));
                }
            }
            if furthest.is_none_or(|prev| span.1 > prev.1) {
                furthest = Some(span);
            }
        }
        Ok(())
    }

    /// The file bytes of `section` (empty for `SHT_NOBITS`).
    pub(crate) fn section_data(&self, section: &Section) -> Result<&'a [u8]> {
        if section.sh_type == SHT_NOBITS {
            return Ok(&[]);
        }
        let off = us(section.offset);
        let len = us(section.size);
        off.zip(len)
            .and_then(|(off, len)| slice(self.data, off, len))
            .ok_or_else(|| {
                malformed(format!(
                    "section {} `{}` spans {:#x}..{:#x}, past the end of the file ({} bytes)",
                    section.index,
                    section.name,
                    section.offset,
                    section.offset.saturating_add(section.size),
                    self.data.len()
                ))
            })
    }

    /// The first section called `name`.
    pub(crate) fn section_by_name(&self, name: &str) -> Option<&Section> {
        // Never the null section 0, whose header is not validated (found by the `link` fuzz
        // target: a `.BTF.ext` group named "" led `check` to section 0's bytes).
        self.sections.iter().skip(1).find(|s| s.name == name)
    }

    /// Relocation sections (`SHT_REL`/`SHT_RELA`) applying to section `target`.
    pub(crate) fn relocation_sections(&self, target: usize) -> impl Iterator<Item = &Section> {
        self.sections.iter().filter(move |s| {
            (s.sh_type == SHT_REL || s.sh_type == SHT_RELA) && us(s.info) == Some(target)
        })
    }

    /// Offsets (in section `target`) that carry an ELF relocation.
    pub(crate) fn relocated_offsets(&self, target: usize) -> Result<HashSet<u64>> {
        let mut offsets = HashSet::new();
        for rel in self.relocation_sections(target) {
            let data = self.section_data(rel)?;
            let entsize = relocation_entry_size(rel)?;
            for entry in data.chunks_exact(entsize) {
                if let Some(off) = u64_at(entry, 0) {
                    offsets.insert(off);
                }
            }
        }
        Ok(offsets)
    }
}

/// One symbol, as a relocation names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Symbol {
    /// `st_shndx`: the section it is defined in (or `SHN_UNDEF`, `SHN_ABS`, …).
    pub(crate) shndx: u16,
    /// `st_value`: its offset in that section.
    pub(crate) value: u64,
}

/// Size of one symbol table entry (`Elf64_Sym`).
const SYM_SIZE: usize = 24;

impl Elf<'_> {
    /// Symbol `index` of the symbol table relocation section `rel` links to.
    pub(crate) fn symbol(&self, rel: &Section, index: usize) -> Result<Symbol> {
        let symtab = us(rel.link)
            .and_then(|i| self.sections.get(i))
            .filter(|s| s.sh_type == SHT_SYMTAB && s.index != 0)
            .ok_or_else(|| {
                malformed(format!(
                    "relocation section `{}` links to section {}, which is no symbol table",
                    rel.name, rel.link
                ))
            })?;
        let entry = index
            .checked_mul(SYM_SIZE)
            .and_then(|at| slice(self.section_data(symtab).ok()?, at, SYM_SIZE))
            .ok_or_else(|| {
                malformed(format!(
                    "relocation section `{}` names symbol {index}, past the end of `{}`",
                    rel.name, symtab.name
                ))
            })?;
        Ok(Symbol {
            shndx: u16_at(entry, 6).unwrap_or_default(),
            value: u64_at(entry, 8).unwrap_or_default(),
        })
    }
}

/// Size of one entry of relocation section `rel`.
pub(crate) fn relocation_entry_size(rel: &Section) -> Result<usize> {
    let expected = if rel.sh_type == SHT_RELA { 24 } else { 16 };
    if rel.entsize != 0 && rel.entsize != expected {
        return Err(malformed(format!(
            "relocation section `{}` has entry size {}, expected {expected}",
            rel.name, rel.entsize
        )));
    }
    if !rel.size.is_multiple_of(expected) {
        return Err(malformed(format!(
            "relocation section `{}` size {} is not a multiple of {expected}",
            rel.name, rel.size
        )));
    }
    // `expected` is 16 or 24.
    Ok(expected as usize)
}

/// The NUL-terminated string at `off` in `table`, without its terminator.
pub(crate) fn c_str_at(table: &[u8], off: u32) -> Option<&[u8]> {
    let rest = table.get(us(off)?..)?;
    let end = rest.iter().position(|&b| b == 0)?;
    rest.get(..end)
}

/// An object being rewritten: a copy of the input plus mutable section headers.
#[derive(Debug)]
pub(crate) struct Rewrite {
    pub(crate) bytes: Vec<u8>,
    pub(crate) sections: Vec<Section>,
    shstrndx: usize,
    /// The section name table as it will be written (grown when sections are added).
    shstrtab: Vec<u8>,
    shstrtab_grown: bool,
    /// Where the input's section header table is, and how many headers it has: a rewrite that
    /// appends nothing (a compaction) writes the table back in place.
    table: (usize, usize),
    appended: bool,
}

impl Rewrite {
    pub(crate) fn new(elf: &Elf<'_>) -> Result<Self> {
        let mut shstrtab = match elf.sections.get(elf.shstrndx) {
            Some(s) => elf.section_data(s)?.to_vec(),
            None => return Err(malformed("no section name table")),
        };
        if shstrtab.last() != Some(&0) {
            shstrtab.push(0);
        }
        let shoff = u64_at(elf.data, E_SHOFF)
            .and_then(us)
            .ok_or_else(|| malformed("section header offset too large"))?;
        Ok(Self {
            bytes: elf.data.to_vec(),
            sections: elf.sections.clone(),
            shstrndx: elf.shstrndx,
            shstrtab,
            shstrtab_grown: false,
            table: (shoff, elf.sections.len()),
            appended: false,
        })
    }

    /// Appends `data` at the end of the file (8-aligned) and returns its file offset.
    fn append(&mut self, data: &[u8]) -> u64 {
        self.appended = true;
        pad_to(&mut self.bytes, 8);
        let off = self.bytes.len() as u64;
        self.bytes.extend_from_slice(data);
        off
    }

    /// Points section `index` at a fresh copy of `data` appended to the file.
    pub(crate) fn replace_section_data(&mut self, index: usize, data: &[u8]) -> Result<()> {
        let off = self.append(data);
        let section = self
            .sections
            .get_mut(index)
            .ok_or_else(|| malformed(format!("no section {index}")))?;
        section.offset = off;
        section.size = data.len() as u64;
        Ok(())
    }

    /// Replaces the contents of section `index` with `data`, which is no longer than them, in
    /// place: the section keeps its offset, gets the new size, and the bytes it no longer covers
    /// are zeroed (a gap the ELF format allows). Used when instructions are compacted.
    pub(crate) fn shrink_section_data(&mut self, index: usize, data: &[u8]) -> Result<()> {
        let section = self
            .sections
            .get_mut(index)
            .ok_or_else(|| malformed(format!("no section {index}")))?;
        let base = us(section.offset);
        let old = us(section.size);
        let (Some(base), Some(old)) = (base, old) else {
            return Err(malformed(format!("section `{}` too large", section.name)));
        };
        if data.len() > old {
            return Err(malformed(format!(
                "section `{}` would grow from {old} to {} bytes in place",
                section.name,
                data.len()
            )));
        }
        let bytes = self
            .bytes
            .get_mut(base..base.saturating_add(old))
            .ok_or_else(|| {
                malformed(format!(
                    "section `{}` past the end of the file",
                    section.name
                ))
            })?;
        let (kept, freed) = bytes.split_at_mut(data.len());
        kept.copy_from_slice(data);
        freed.fill(0);
        section.size = data.len() as u64;
        Ok(())
    }

    /// Adds a non-alloc `SHT_PROGBITS` section called `name` holding `data`; returns its index.
    pub(crate) fn add_section(&mut self, name: &str, data: &[u8], align: u64) -> usize {
        let name_off = self.shstrtab.len() as u32;
        self.shstrtab.extend_from_slice(name.as_bytes());
        self.shstrtab.push(0);
        self.shstrtab_grown = true;
        let offset = self.append(data);
        let index = self.sections.len();
        self.sections.push(Section {
            index,
            name: name.to_owned(),
            name_off,
            sh_type: object::elf::SHT_PROGBITS,
            flags: 0,
            addr: 0,
            offset,
            size: data.len() as u64,
            link: 0,
            info: 0,
            addralign: align,
            entsize: 0,
        });
        index
    }

    /// Writes the grown name table and the section header table; returns the new file.
    pub(crate) fn finish(mut self) -> Result<Vec<u8>> {
        if self.shstrtab_grown {
            let table = std::mem::take(&mut self.shstrtab);
            self.replace_section_data(self.shstrndx, &table)?;
        }
        let count = self.sections.len();
        let extended = count >= usize::from(SHN_LORESERVE);
        let strndx_extended = self.shstrndx >= usize::from(SHN_LORESERVE);
        if let Some(sh0) = self.sections.get_mut(0) {
            sh0.size = if extended { count as u64 } else { 0 };
            sh0.link = if strndx_extended {
                u32::try_from(self.shstrndx)
                    .map_err(|_| malformed("section name table index too large"))?
            } else {
                0
            };
        }
        let mut table = Vec::with_capacity(count * SHDR_SIZE);
        for section in &self.sections {
            section.encode(&mut table);
        }
        let shoff = if !self.appended && self.table.1 == count {
            set(&mut self.bytes, self.table.0, &table)
                .ok_or_else(|| malformed("section header table vanished"))?;
            self.table.0 as u64
        } else {
            self.append(&table)
        };
        let shnum = if extended { 0 } else { count as u16 };
        let shstrndx = if strndx_extended {
            SHN_XINDEX
        } else {
            self.shstrndx as u16
        };
        let header_ok = set_u64(&mut self.bytes, E_SHOFF, shoff)
            .and_then(|()| set_u16(&mut self.bytes, E_SHNUM, shnum))
            .and_then(|()| set_u16(&mut self.bytes, E_SHSTRNDX, shstrndx));
        header_ok.ok_or_else(|| malformed("ELF header vanished"))?;
        Ok(self.bytes)
    }

    /// Moves every relocation offset `r_offset` of the relocation sections that apply to
    /// section `target` to `to(r_offset)` (used when a section's content moves).
    pub(crate) fn remap_relocations(
        &mut self,
        target: usize,
        to: impl Fn(u64) -> u64,
    ) -> Result<()> {
        let rels: Vec<Section> = self
            .sections
            .iter()
            .filter(|s| {
                (s.sh_type == SHT_REL || s.sh_type == SHT_RELA) && us(s.info) == Some(target)
            })
            .cloned()
            .collect();
        for rel in rels {
            let entsize = relocation_entry_size(&rel)?;
            let base = us(rel.offset).ok_or_else(|| malformed("relocation offset too large"))?;
            let len = us(rel.size).ok_or_else(|| malformed("relocation size too large"))?;
            let mut pos = 0;
            while pos < len {
                let at = base + pos;
                let old = u64_at(&self.bytes, at)
                    .ok_or_else(|| malformed("relocation section past the end of the file"))?;
                let new = to(old);
                if new != old {
                    set_u64(&mut self.bytes, at, new)
                        .ok_or_else(|| malformed("relocation section past the end of the file"))?;
                }
                pos += entsize;
            }
        }
        Ok(())
    }

    /// Writes a 64-bit value at file offset `off`.
    pub(crate) fn patch_u64(&mut self, off: usize, v: u64) -> Result<()> {
        set_u64(&mut self.bytes, off, v)
            .ok_or_else(|| malformed(format!("patch at {off:#x} lies past the end of the file")))
    }

    /// Writes a 16-bit value at file offset `off`.
    pub(crate) fn patch_u16(&mut self, off: usize, v: u16) -> Result<()> {
        set_u16(&mut self.bytes, off, v)
            .ok_or_else(|| malformed(format!("patch at {off:#x} lies past the end of the file")))
    }

    /// Writes a 32-bit value at file offset `off`.
    pub(crate) fn patch_u32(&mut self, off: usize, v: u32) -> Result<()> {
        set_u32(&mut self.bytes, off, v)
            .ok_or_else(|| malformed(format!("patch at {off:#x} lies past the end of the file")))
    }

    /// File offset of byte `off` of section `index`, checked against the section's size.
    pub(crate) fn file_offset(&self, index: usize, off: usize, len: usize) -> Result<usize> {
        let section = self
            .sections
            .get(index)
            .ok_or_else(|| malformed(format!("no section {index}")))?;
        let end = range(off, len).map(|r| r.end);
        match (us(section.offset), us(section.size), end) {
            (Some(base), Some(size), Some(end)) if end <= size => Ok(base + off),
            _ => Err(malformed(format!(
                "offset {off:#x} outside section `{}`",
                section.name
            ))),
        }
    }
}
