//! What the fuzz targets share: the property each one checks (beyond "no panic"), the input
//! format of the targets that take two files, and a minimal ELF section reader for the seeds.
//!
//! | target | input | property |
//! | --- | --- | --- |
//! | `link` | an object | a linked output parses back, dumps with no pending marker, relinks as a no-op and checks; `dump`'s JSON is JSON |
//! | `btf` | a `.BTF` blob | what is written back parses to the same types and writes the same bytes; a subset parses |
//! | `btf_ext` | a `.BTF.ext` section | its records rewritten parse back to the same records, and rewriting is idempotent |
//! | `gen` | specs + a BTF ([`split`]) | the output is deterministic and the same for the BTF written back |
//! | `check` | an object + a target BTF ([`split`]) | the report is deterministic and its JSON is JSON |

use btf_reloc::gen::{generate, Source, Spec};
use btf_reloc_btf::{
    ext::{self, BtfExt},
    subset::subset,
    Btf,
};
use btf_reloc_format::{
    encode::{checksum, RECORD_CHECKSUM},
    is_descriptor_section,
};
use btf_reloc_link::{check, dump, link, LinkOutcome, Target};

/// Splits an input holding two files: a little-endian `u32` length, that many bytes, the rest.
pub fn split(data: &[u8]) -> (&[u8], &[u8]) {
    let Some((len, rest)) = data.split_first_chunk::<4>() else {
        return (&[], data);
    };
    let len = (u32::from_le_bytes(*len) as usize).min(rest.len());
    rest.split_at(len)
}

/// The input [`split`] turns back into `first` and `second`.
pub fn join(first: &[u8], second: &[u8]) -> Vec<u8> {
    let mut out = (first.len() as u32).to_le_bytes().to_vec();
    out.extend_from_slice(first);
    out.extend_from_slice(second);
    out
}

/// `(name, file range)` of every section of a 64-bit little-endian ELF file that has bytes;
/// empty when the headers do not hold together. (Seeds and resealing only: the targets test the
/// real parser.)
pub fn sections(elf: &[u8]) -> Vec<(String, std::ops::Range<usize>)> {
    let u16_at = |at: usize| {
        Some(u16::from_le_bytes(
            elf.get(at..at.checked_add(2)?)?.try_into().ok()?,
        ))
    };
    let u32_at = |at: usize| {
        Some(u32::from_le_bytes(
            elf.get(at..at.checked_add(4)?)?.try_into().ok()?,
        ))
    };
    let u64_at = |at: usize| {
        Some(u64::from_le_bytes(
            elf.get(at..at.checked_add(8)?)?.try_into().ok()?,
        ))
    };
    let read = || -> Option<Vec<(String, std::ops::Range<usize>)>> {
        if elf.get(..4)? != b"\x7fELF" {
            return None;
        }
        let shoff = usize::try_from(u64_at(0x28)?).ok()?;
        let shnum = usize::from(u16_at(0x3c)?);
        let shstrndx = usize::from(u16_at(0x3e)?);
        let header = |i: usize| shoff.checked_add(i.checked_mul(64)?);
        let field = |i: usize, at: usize| header(i)?.checked_add(at);
        let range = |i: usize| -> Option<std::ops::Range<usize>> {
            if u32_at(field(i, 4)?)? == 8 {
                return None; // SHT_NOBITS
            }
            let off = usize::try_from(u64_at(field(i, 0x18)?)?).ok()?;
            let size = usize::try_from(u64_at(field(i, 0x20)?)?).ok()?;
            let r = off..off.checked_add(size)?;
            (r.end <= elf.len()).then_some(r)
        };
        let names = elf.get(range(shstrndx)?)?;
        let mut out = Vec::new();
        for i in 1..shnum {
            let Some(r) = range(i) else { continue };
            let name_off = usize::try_from(u32_at(header(i)?)?).ok()?;
            let name = names.get(name_off..)?;
            let name = &name[..name.iter().position(|&b| b == 0)?];
            out.push((String::from_utf8_lossy(name).into_owned(), r));
        }
        Some(out)
    };
    read().unwrap_or_default()
}

/// The bytes of the first section called `name`.
pub fn section<'a>(elf: &'a [u8], name: &str) -> Option<&'a [u8]> {
    let (_, range) = sections(elf).into_iter().find(|(n, _)| n == name)?;
    elf.get(range)
}

/// `object` with the checksum of every descriptor record recomputed, when that changes it: a
/// mutated record then reaches the checks behind its checksum (the target runs both).
pub fn resealed(object: &[u8]) -> Option<Vec<u8>> {
    let mut out = object.to_vec();
    for (_, range) in sections(object)
        .into_iter()
        .filter(|(n, _)| is_descriptor_section(n))
    {
        let section = &mut out[range];
        let mut pos = 0;
        while let Some(&byte) = section.get(pos) {
            if byte == 0 {
                pos += 1;
                continue;
            }
            let Some(len) = section
                .get(pos + 8..pos + 12)
                .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
            else {
                break;
            };
            let Some(record) = section
                .get_mut(pos..pos.saturating_add(len))
                .filter(|r| r.len() >= RECORD_CHECKSUM.end)
            else {
                break;
            };
            let sum = checksum(record).to_le_bytes();
            record[RECORD_CHECKSUM].copy_from_slice(&sum);
            pos += len;
        }
    }
    (out != object).then_some(out)
}

fn assert_json(text: &str) {
    if let Err(e) = serde_json::from_str::<serde_json::Value>(text) {
        panic!("not JSON ({e}): {text}");
    }
}

/// `link`: see the table above.
pub fn link_object(object: &[u8]) {
    if let Ok(LinkOutcome::Linked {
        object: out,
        summary,
    }) = link(object)
    {
        let dumped = dump(&out).unwrap_or_else(|e| panic!("the linked object does not dump: {e}"));
        assert!(dumped.pending.is_empty(), "markers left: {dumped}");
        assert!(dumped.relocations.len() >= summary.total());
        assert_json(&dumped.to_json());
        match link(&out) {
            Ok(LinkOutcome::NothingToDo) => {}
            Ok(LinkOutcome::Linked { .. }) => panic!("relinking the output is not a no-op"),
            Err(e) => panic!("the linked object does not relink: {e}"),
        }
        check(&out, &[]).unwrap_or_else(|e| panic!("the linked object cannot be checked: {e}"));
        // Its BTF sections parse (the properties of their own targets hold for them too).
        if let Some(btf) = section(&out, ".BTF") {
            btf_blob(btf);
            Btf::parse(btf).unwrap_or_else(|e| panic!("the linked .BTF does not parse: {e}"));
        }
        if let Some(ext) = section(&out, ".BTF.ext") {
            BtfExt::parse(ext)
                .unwrap_or_else(|e| panic!("the linked .BTF.ext does not parse: {e}"));
        }
    }
    if let Ok(dumped) = dump(object) {
        let _ = dumped.to_string();
        assert_json(&dumped.to_json());
    }
}

/// `btf`: see the table above.
pub fn btf_blob(data: &[u8]) {
    let Ok(btf) = Btf::parse(data) else { return };
    let bytes = btf
        .to_bytes()
        .unwrap_or_else(|e| panic!("a parsed BTF cannot be written: {e}"));
    let again = Btf::parse(&bytes).unwrap_or_else(|e| panic!("written BTF does not parse: {e}"));
    assert!(btf.types().eq(again.types()), "the types changed");
    assert_eq!(again.to_bytes().ok(), Some(bytes), "writing is not stable");
    let mut roots = Vec::new();
    for (id, _) in btf.types().take(256) {
        let _ = btf.resolve_size(id);
        let _ = btf.skip_mods_and_typedefs(id);
        if roots.len() < 4 {
            roots.push(id);
        }
    }
    if let Ok(cut) = subset(&btf, &roots) {
        let bytes = cut
            .btf
            .to_bytes()
            .unwrap_or_else(|e| panic!("a subset cannot be written: {e}"));
        Btf::parse(&bytes).unwrap_or_else(|e| panic!("a subset does not parse: {e}"));
    }
}

/// `btf_ext`: see the table above.
pub fn btf_ext_section(data: &[u8]) {
    let Ok(ext) = BtfExt::parse(data) else { return };
    let groups = ext.core_relos();
    let Ok(built) = ext::build(Some(&ext), &groups) else {
        return;
    };
    let again = BtfExt::parse(&built.bytes)
        .unwrap_or_else(|e| panic!("a rewritten .BTF.ext does not parse: {e}"));
    let kept: Vec<_> = groups
        .into_iter()
        .filter(|g| !g.records.is_empty())
        .collect();
    assert_eq!(again.core_relos(), kept, "the records changed");
    let rebuilt = ext::build(Some(&again), &kept)
        .unwrap_or_else(|e| panic!("a rewritten .BTF.ext cannot be rewritten: {e}"));
    assert_eq!(rebuilt.bytes, built.bytes, "rewriting is not idempotent");
    assert_eq!(rebuilt.shift, 0);
}

/// `gen`: `specs` (space-separated, as on the command line) against `btf`.
pub fn gen_declarations(specs: &[u8], btf: &[u8]) {
    let specs: Vec<Spec> = String::from_utf8_lossy(specs)
        .split_whitespace()
        .take(16)
        .filter_map(|s| s.parse().ok())
        .collect();
    if specs.is_empty() {
        return;
    }
    let source = Source::new("fuzz", btf, None);
    let first = generate(btf, &specs, &source);
    assert_eq!(generate(btf, &specs, &source), first, "not deterministic");
    if let Ok(written) = Btf::parse(btf).and_then(|b| b.to_bytes()) {
        assert_eq!(
            generate(&written, &specs, &source),
            first,
            "the output depends on how the BTF is laid out"
        );
    }
}

/// `check`: `object` against the target `btf`.
pub fn check_object(object: &[u8], btf: &[u8]) {
    let Ok(btf) = Btf::parse(btf) else { return };
    let targets = [Target::new("fuzz", btf)];
    let Ok(report) = check(object, &targets) else {
        return;
    };
    let json = report.to_json();
    assert_json(&json);
    let _ = report.to_string();
    let _ = report.refusals();
    let again = check(object, &targets).unwrap_or_else(|e| panic!("a second check failed: {e}"));
    assert_eq!(again.to_json(), json, "not deterministic");
}
