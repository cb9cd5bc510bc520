//! Lays the descriptor statics of each descriptor section name out as one block, so that the
//! `.BTF` DATASEC that describes them stays valid after their sections are neutralised.
//!
//! The derive emits one `#[used]` static per type into a descriptor section of that type's own
//! name (`btf_reloc_format::descriptor_section!`); LLVM gives each retained static an ELF
//! section of its own, and bpf-linker describes the statics of one name in one `DATASEC`. When
//! two types share a name (same type name, derive at the same line and column in two files),
//! their variables all sit at offset 0 of that `DATASEC`: loaders size a DATASEC from the (first)
//! ELF section of that name and place its variables at their symbols' values, and the kernel
//! rejects overlapping variables. So, per name, the descriptor sections all get the size of the
//! name's whole block, every descriptor symbol a distinct offset in it (in DATASEC order), and the
//! DATASEC the same size and offsets. The sections are `SHT_NOBITS` by then, so no bytes move.

use std::collections::{BTreeMap, HashMap, HashSet};

use btf_reloc_btf::{Btf, Kind};
use btf_reloc_format::is_descriptor_section;
use object::elf::{SHT_SYMTAB, STT_OBJECT};

use crate::{
    bytes::{set_u64, u16_at, u32_at, u64_at, u8_at, us},
    elf::{c_str_at, Elf, Rewrite},
    error::{Error, Result},
};

const SYM_SIZE: usize = 24;

/// One descriptor symbol: where its entry is in the file, its name and its size.
struct Symbol {
    entry: usize,
    name: String,
    size: u64,
}

/// Gives the descriptor symbols of each descriptor section name consecutive offsets, sizes those
/// sections to the name's whole block and patches the DATASEC of that name in `btf` (the
/// object's `.BTF`, if any) to match.
pub(crate) fn lay_out_descriptors(
    elf: &Elf<'_>,
    rewrite: &mut Rewrite,
    mut btf: Option<&mut Btf>,
) -> Result<()> {
    let mut by_name: BTreeMap<&str, HashSet<usize>> = BTreeMap::new();
    for section in elf
        .sections
        .iter()
        .filter(|s| is_descriptor_section(&s.name))
    {
        by_name
            .entry(section.name.as_str())
            .or_default()
            .insert(section.index);
    }
    for (name, sections) in by_name {
        lay_out(elf, rewrite, btf.as_deref_mut(), name, &sections)?;
    }
    Ok(())
}

/// [`lay_out_descriptors`] for the sections of one name.
fn lay_out(
    elf: &Elf<'_>,
    rewrite: &mut Rewrite,
    btf: Option<&mut Btf>,
    name: &str,
    descriptor_sections: &HashSet<usize>,
) -> Result<()> {
    let mut symbols = descriptor_symbols(elf, descriptor_sections)?;
    let datasec = btf.and_then(|btf| {
        let id = btf.types().find_map(|(id, t)| {
            (matches!(t.kind, Kind::Datasec { .. }) && btf.name(t) == name).then_some(id)
        })?;
        Some((btf, id))
    });
    // DATASEC order first (the kernel wants its variables in increasing offset order).
    if let Some((btf, id)) = &datasec {
        let names = var_names(btf, *id);
        let rank: HashMap<&str, usize> = names
            .iter()
            .enumerate()
            .map(|(i, name)| (name.as_str(), i))
            .collect();
        symbols.sort_by_key(|s| rank.get(s.name.as_str()).copied().unwrap_or(usize::MAX));
    }
    let mut offsets = HashMap::new();
    let mut total: u64 = 0;
    for symbol in &symbols {
        set_u64(&mut rewrite.bytes, symbol.entry + 8, total)
            .ok_or_else(|| Error::MalformedElf("symbol table past the end of the file".into()))?;
        offsets.insert(symbol.name.clone(), total);
        total = total.saturating_add(symbol.size.max(1));
    }
    for index in descriptor_sections {
        if let Some(section) = rewrite.sections.get_mut(*index) {
            section.size = total;
        }
    }
    if let Some((btf, id)) = datasec {
        let too_large = || Error::Btf("descriptor block larger than 4 GiB".into());
        let names = var_names(btf, id);
        if let Some(Kind::Datasec { size, vars }) = btf.ty_mut(id).map(|t| &mut t.kind) {
            *size = u32::try_from(total).map_err(|_| too_large())?;
            for (var, name) in vars.iter_mut().zip(&names) {
                if let Some(offset) = offsets.get(name) {
                    var.offset = u32::try_from(*offset).map_err(|_| too_large())?;
                }
            }
        }
    }
    Ok(())
}

/// The names of the variables of DATASEC `id`, in its order.
fn var_names(btf: &Btf, id: u32) -> Vec<String> {
    match btf.ty(id).map(|t| &t.kind) {
        Some(Kind::Datasec { vars, .. }) => {
            vars.iter().map(|v| btf.name_of(v.ty).to_owned()).collect()
        }
        _ => Vec::new(),
    }
}

fn descriptor_symbols(elf: &Elf<'_>, sections: &HashSet<usize>) -> Result<Vec<Symbol>> {
    let malformed = |msg: &str| Error::MalformedElf(msg.to_owned());
    let Some(symtab) = elf.sections.iter().find(|s| s.sh_type == SHT_SYMTAB) else {
        return Ok(Vec::new());
    };
    let table = elf.section_data(symtab)?;
    let strtab = elf
        .sections
        .get(us(symtab.link).unwrap_or(usize::MAX))
        .ok_or_else(|| malformed("the symbol table's string table does not exist"))?;
    let strings = elf.section_data(strtab)?;
    let base = us(symtab.offset).ok_or_else(|| malformed("symbol table offset too large"))?;
    let mut out = Vec::new();
    for (i, entry) in table.chunks_exact(SYM_SIZE).enumerate() {
        let shndx = u16_at(entry, 6).and_then(us).unwrap_or(0);
        let is_object = u8_at(entry, 4).is_some_and(|info| info & 0xf == STT_OBJECT);
        if !is_object || !sections.contains(&shndx) {
            continue;
        }
        let name = u32_at(entry, 0)
            .and_then(|off| c_str_at(strings, off))
            .map(|s| String::from_utf8_lossy(s).into_owned())
            .unwrap_or_default();
        out.push(Symbol {
            entry: base + i * SYM_SIZE,
            name,
            size: u64_at(entry, 16).unwrap_or(0),
        });
    }
    Ok(out)
}
