//! `.BTF.ext`: parse the header and its three parts (`func_info`, `line_info`, `core_relo`),
//! read the `core_relo` and `line_info` records, and write a section whose `core_relo` part
//! holds given records (and, optionally, whose `line_info` part holds given records).
//!
//! Each part is `u32 record_size`, then per ELF section `{u32 sec_name_off, u32 num_info}` and
//! `num_info` records. When writing, `func_info` and `line_info` keep their bytes and offsets
//! (their `.rel.BTF.ext` relocations point into them) and the new `core_relo` part goes after
//! them. A 24-byte header (no `core_relo` fields) is grown to 32 bytes, which moves everything
//! after it by 8 bytes ([`Built::shift`]). A rewritten `line_info` part takes the old one's place
//! and moves what followed it; [`Built::relocated`] tells the caller where each byte the
//! relocations name went.

use std::collections::{BTreeMap, HashMap};

use crate::btf::MAGIC;
use crate::error::{Error, Result};

/// Size of a `bpf_core_relo` record.
pub const CORE_RELO_RECORD_SIZE: u32 = 16;
/// Size of a `bpf_line_info` record.
pub const LINE_INFO_RECORD_SIZE: u32 = 16;
/// Length of the header with the `core_relo` fields.
pub const HEADER_LEN: u32 = 32;
/// Length of the original header, without them.
const HEADER_LEN_V1: u32 = 24;
/// libbpf's smallest record of each part (`bpf_func_info`, `bpf_line_info`, `bpf_core_relo`).
const MIN_RECORD: [(&str, u32); 3] = [("func_info", 8), ("line_info", 16), ("core_relo", 16)];

fn err(msg: impl Into<String>) -> Error {
    Error::new(msg)
}

fn word(data: &[u8], at: usize) -> Option<u32> {
    let b = data.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// One part: offset and length after the header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Part {
    off: usize,
    len: usize,
}

/// A `bpf_core_relo` record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CoreRelo {
    /// Byte offset of the instruction in its section.
    pub insn_off: u32,
    /// The local root type.
    pub type_id: u32,
    /// Offset of the access string in `.BTF`'s string section.
    pub access_str_off: u32,
    /// The relocation kind (uapi value).
    pub kind: u32,
}

/// The `core_relo` records of one ELF section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoreReloSec {
    /// Offset of the section name in `.BTF`'s string section.
    pub sec_name_off: u32,
    /// Its records.
    pub records: Vec<CoreRelo>,
}

/// A `bpf_line_info` record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineInfo {
    /// Byte offset of the first instruction it covers, in its section.
    pub insn_off: u32,
    /// Offset of the source file name in `.BTF`'s string section.
    pub file_name_off: u32,
    /// Offset of the line text in `.BTF`'s string section (the verifier log prints it).
    pub line_off: u32,
    /// Line number (top 22 bits) and column (low 10 bits).
    pub line_col: u32,
}

/// The `line_info` records of one ELF section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineInfoSec {
    /// Offset of the section name in `.BTF`'s string section.
    pub sec_name_off: u32,
    /// Its records, by increasing `insn_off` (the kernel refuses anything else).
    pub records: Vec<LineInfo>,
}

/// A parsed `.BTF.ext` section.
#[derive(Debug)]
pub struct BtfExt<'a> {
    data: &'a [u8],
    hdr_len: usize,
    func: Part,
    line: Part,
    core: Option<Part>,
}

impl<'a> BtfExt<'a> {
    /// Parses the header and checks that every part lies in the section and is a well-formed
    /// sequence of per-section groups of records at least as large as libbpf's.
    pub fn parse(data: &'a [u8]) -> Result<Self> {
        let magic = data
            .get(..2)
            .map(|b| u16::from_le_bytes([b[0], b[1]]))
            .ok_or_else(|| err("shorter than its header"))?;
        if magic != MAGIC {
            return Err(err(format!(
                "bad magic {magic:#06x} (expected {MAGIC:#06x}, little-endian)"
            )));
        }
        let version = data.get(2).copied().unwrap_or_default();
        if version != 1 {
            return Err(err(format!("unsupported version {version}")));
        }
        let hdr_len = word(data, 4).ok_or_else(|| err("shorter than its header"))?;
        if hdr_len < HEADER_LEN_V1 {
            return Err(err(format!(
                "header length {hdr_len} is below {HEADER_LEN_V1}"
            )));
        }
        let hdr_len = usize::try_from(hdr_len)
            .ok()
            .filter(|&h| h <= data.len())
            .ok_or_else(|| err(format!("header length {hdr_len} exceeds the section")))?;
        let part = |at: usize, (what, min): (&str, u32)| -> Result<Part> {
            let off = word(data, at).unwrap_or_default() as usize;
            let len = word(data, at + 4).unwrap_or_default() as usize;
            if len == 0 {
                // libbpf ignores the offset of an empty part; so does the rewrite (it writes 0).
                return Ok(Part { off: 0, len: 0 });
            }
            if !off.is_multiple_of(4) {
                return Err(err(format!(
                    "{what} part at {off:#x} after the header is not 4-byte aligned (libbpf \
                     refuses it)"
                )));
            }
            let body = hdr_len
                .checked_add(off)
                .and_then(|s| data.get(s..s.checked_add(len)?))
                .ok_or_else(|| {
                    err(format!(
                        "{what} part ({len} bytes at {off:#x} after the header) runs past the \
                         end of the section ({} bytes)",
                        data.len()
                    ))
                })?;
            check_part(body, what, min)?;
            Ok(Part { off, len })
        };
        let func = part(8, MIN_RECORD[0])?;
        let line = part(16, MIN_RECORD[1])?;
        let core = if hdr_len >= HEADER_LEN as usize {
            Some(part(24, MIN_RECORD[2])?)
        } else {
            None
        };
        Ok(Self {
            data,
            hdr_len,
            func,
            line,
            core,
        })
    }

    fn part_data(&self, part: Part) -> &'a [u8] {
        self.hdr_len
            .checked_add(part.off)
            .and_then(|s| self.data.get(s..s.checked_add(part.len)?))
            .unwrap_or_default()
    }

    /// The records of `part`, grouped by section as stored: `(sec_name_off, records)`, each
    /// record read from its first four words.
    fn records<T>(&self, part: Option<Part>, read: impl Fn([u32; 4]) -> T) -> Vec<(u32, Vec<T>)> {
        let Some(part) = part.filter(|p| p.len > 0) else {
            return Vec::new();
        };
        groups(self.part_data(part))
            .map(|(sec_name_off, rec_size, records)| {
                let records = records
                    .chunks_exact(rec_size)
                    .map(|r| read([0, 4, 8, 12].map(|at| word(r, at).unwrap_or_default())))
                    .collect();
                (sec_name_off, records)
            })
            .collect()
    }

    /// The `core_relo` records, grouped by section as stored.
    pub fn core_relos(&self) -> Vec<CoreReloSec> {
        let read = |[insn_off, type_id, access_str_off, kind]: [u32; 4]| CoreRelo {
            insn_off,
            type_id,
            access_str_off,
            kind,
        };
        self.records(self.core, read)
            .into_iter()
            .map(|(sec_name_off, records)| CoreReloSec {
                sec_name_off,
                records,
            })
            .collect()
    }

    /// The `line_info` records, grouped by section as stored.
    pub fn line_infos(&self) -> Vec<LineInfoSec> {
        let read = |[insn_off, file_name_off, line_off, line_col]: [u32; 4]| LineInfo {
            insn_off,
            file_name_off,
            line_off,
            line_col,
        };
        self.records(Some(self.line), read)
            .into_iter()
            .map(|(sec_name_off, records)| LineInfoSec {
                sec_name_off,
                records,
            })
            .collect()
    }

    /// The size of the existing `core_relo` records, when there are any.
    pub fn core_record_size(&self) -> Option<u32> {
        let part = self.core.filter(|p| p.len > 0)?;
        word(self.part_data(part), 0)
    }

    /// The size of the existing `line_info` records, when there are any.
    pub fn line_record_size(&self) -> Option<u32> {
        let part = Some(self.line).filter(|p| p.len > 0)?;
        word(self.part_data(part), 0)
    }

    /// Length of the header as stored.
    pub fn hdr_len(&self) -> usize {
        self.hdr_len
    }

    /// Every instruction offset the section stores: the `insn_off` field (the first word) of
    /// each `func_info`, `line_info` and `core_relo` record, with where it is in the section, so
    /// that a rewrite that moves instructions can patch them in place.
    pub fn insn_offsets(&self) -> Vec<InsnOffset> {
        let mut out = Vec::new();
        let parts = [
            (InfoPart::FuncInfo, Some(self.func)),
            (InfoPart::LineInfo, Some(self.line)),
            (InfoPart::CoreRelo, self.core),
        ];
        for (part, range) in parts {
            let Some(range) = range.filter(|p| p.len > 0) else {
                continue;
            };
            let start = self.hdr_len + range.off;
            let mut pos = 4;
            for (sec_name_off, rec_size, records) in groups(self.part_data(range)) {
                pos += 8;
                for (i, record) in records.chunks_exact(rec_size).enumerate() {
                    out.push(InsnOffset {
                        part,
                        sec_name_off,
                        at: start + pos + i * rec_size,
                        insn_off: word(record, 0).unwrap_or_default(),
                    });
                }
                pos += records.len();
            }
        }
        out
    }
}

/// The three parts of `.BTF.ext`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InfoPart {
    /// `bpf_func_info` records.
    FuncInfo,
    /// `bpf_line_info` records.
    LineInfo,
    /// `bpf_core_relo` records.
    CoreRelo,
}

/// One stored instruction offset (see [`BtfExt::insn_offsets`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InsnOffset {
    /// The part holding the record.
    pub part: InfoPart,
    /// The record's ELF section name, as an offset in `.BTF`'s string section.
    pub sec_name_off: u32,
    /// Byte position of the `insn_off` field in the `.BTF.ext` section.
    pub at: usize,
    /// Its value: a byte offset in the ELF section.
    pub insn_off: u32,
}

/// Checks one part: empty, or a record size (at least `min`, a multiple of 4) followed by whole
/// groups of whole records.
fn check_part(body: &[u8], what: &str, min: u32) -> Result<()> {
    if body.is_empty() {
        return Ok(());
    }
    let rec_size = word(body, 0).ok_or_else(|| {
        err(format!(
            "{what} part is {} bytes, too short for its record size",
            body.len()
        ))
    })?;
    if rec_size < min || rec_size % 4 != 0 {
        return Err(err(format!(
            "{what} record size {rec_size} (libbpf needs a multiple of 4, at least {min})"
        )));
    }
    let rec_size = rec_size as usize;
    let mut pos = 4;
    while pos < body.len() {
        let num = word(body, pos + 4)
            .ok_or_else(|| err(format!("{what} section header at {pos:#x} is truncated")))?;
        pos += 8;
        let len = (num as usize)
            .checked_mul(rec_size)
            .filter(|&l| pos.checked_add(l).is_some_and(|end| end <= body.len()))
            .ok_or_else(|| {
                err(format!(
                    "{what} group with {num} records of {rec_size} bytes runs past the end of \
                     the part"
                ))
            })?;
        pos += len;
    }
    Ok(())
}

/// The groups of a checked part: `(sec_name_off, record size, record bytes)`.
fn groups(body: &[u8]) -> impl Iterator<Item = (u32, usize, &[u8])> {
    let rec_size = word(body, 0).unwrap_or(CORE_RELO_RECORD_SIZE).max(4) as usize;
    let mut pos = 4;
    std::iter::from_fn(move || {
        let sec = word(body, pos)?;
        let num = word(body, pos + 4)? as usize;
        let start = pos + 8;
        let records = body.get(start..start.checked_add(num.checked_mul(rec_size)?)?)?;
        pos = start + records.len();
        Some((sec, rec_size, records))
    })
}

/// A written `.BTF.ext` section.
#[derive(Debug)]
pub struct Built {
    /// The section's bytes.
    pub bytes: Vec<u8>,
    /// Bytes by which the content after a 24-byte header moved (0 or 8).
    pub shift: u64,
    /// What else moved: see [`Built::relocated`].
    moved: Moved,
}

/// How a rewritten `line_info` part moved the bytes of the original section.
#[derive(Debug, Default)]
struct Moved {
    /// The original header's length: nothing before it moves.
    header: u64,
    /// The original `line_info` part (`start..end` in the original section) and how far what
    /// followed it moved, besides [`Built::shift`].
    line: Option<(u64, u64, i64)>,
    /// The new place of each original `line_info` record, by its original place (sections
    /// offsets of the records' first bytes).
    records: BTreeMap<u64, u64>,
}

impl Built {
    /// Where byte `old` of the original section went (to move the `.rel.BTF.ext` relocations,
    /// which name the `insn_off` fields of `func_info` and `line_info` records). A byte of a
    /// `line_info` record goes with the record of the same section and `insn_off` in the
    /// rewritten part; everything else moves with what surrounds it.
    pub fn relocated(&self, old: u64) -> u64 {
        let Moved {
            header,
            line,
            records,
        } = &self.moved;
        if old < *header {
            return old;
        }
        let shifted = old.saturating_add(self.shift);
        match *line {
            Some((_, end, delta)) if old >= end => shifted.saturating_add_signed(delta),
            Some((start, _, _)) if old >= start => records
                .range(..=old)
                .next_back()
                .filter(|(&at, _)| old - at < u64::from(LINE_INFO_RECORD_SIZE))
                .map_or(shifted, |(&at, &new)| new + (old - at)),
            _ => shifted,
        }
    }

    /// Whether any byte of the original section moved.
    pub fn moves_anything(&self) -> bool {
        self.shift > 0 || self.moved.line.is_some_and(|(_, _, delta)| delta != 0)
    }
}

fn push(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn set(out: &mut [u8], at: usize, v: u32) -> Result<()> {
    out.get_mut(at..at + 4)
        .ok_or_else(|| err("header shorter than 32 bytes"))?
        .copy_from_slice(&v.to_le_bytes());
    Ok(())
}

/// Writes `.BTF.ext` with `original`'s func/line info (if any) and `sections` as `core_relo`.
pub fn build(original: Option<&BtfExt<'_>>, sections: &[CoreReloSec]) -> Result<Built> {
    build_parts(original, sections, None)
}

/// [`build`], with `lines` as the `line_info` part in place of `original`'s (at its offset; what
/// followed it moves, see [`Built::relocated`]). Each section's records must have strictly
/// increasing `insn_off`s, as the kernel requires; `func_info` stays as it was.
pub fn build_with_line_info(
    original: Option<&BtfExt<'_>>,
    sections: &[CoreReloSec],
    lines: &[LineInfoSec],
) -> Result<Built> {
    build_parts(original, sections, Some(lines))
}

/// Where each record of a written part is in it, by `(sec_name_off, insn_off)`.
type RecordPositions = HashMap<(u32, u32), usize>;

/// A `line_info` part holding `lines` (empty when there is no record), with where its records
/// are.
fn encode_lines(lines: &[LineInfoSec]) -> Result<(Vec<u8>, RecordPositions)> {
    let mut out = Vec::new();
    let mut at = HashMap::new();
    for sec in lines.iter().filter(|s| !s.records.is_empty()) {
        if out.is_empty() {
            push(&mut out, LINE_INFO_RECORD_SIZE);
        }
        push(&mut out, sec.sec_name_off);
        push(
            &mut out,
            u32::try_from(sec.records.len()).map_err(|_| err("section too large"))?,
        );
        for r in &sec.records {
            at.entry((sec.sec_name_off, r.insn_off))
                .or_insert(out.len());
            for v in [r.insn_off, r.file_name_off, r.line_off, r.line_col] {
                push(&mut out, v);
            }
        }
    }
    Ok((out, at))
}

fn build_parts(
    original: Option<&BtfExt<'_>>,
    sections: &[CoreReloSec],
    lines: Option<&[LineInfoSec]>,
) -> Result<Built> {
    let too_large = || err("section too large");
    let (mut out, shift) = match original {
        Some(ext) => {
            let end = [ext.func, ext.line]
                .iter()
                .filter(|p| p.len > 0)
                .map(|p| p.off + p.len)
                .max()
                .unwrap_or(0);
            let kept = ext.data.get(..ext.hdr_len + end).ok_or_else(too_large)?;
            if ext.hdr_len >= HEADER_LEN as usize {
                (kept.to_vec(), 0)
            } else if ext.hdr_len == HEADER_LEN_V1 as usize {
                let mut out = Vec::with_capacity(kept.len() + 8 + 64);
                out.extend_from_slice(&kept[..ext.hdr_len]);
                out.extend_from_slice(&[0; 8]);
                out.extend_from_slice(&kept[ext.hdr_len..]);
                set(&mut out, 4, HEADER_LEN)?;
                (out, u64::from(HEADER_LEN - HEADER_LEN_V1))
            } else {
                return Err(err(format!(
                    "header length {} is neither {HEADER_LEN_V1} nor at least {HEADER_LEN}",
                    ext.hdr_len
                )));
            }
        }
        None => {
            let mut out = Vec::with_capacity(64);
            out.extend_from_slice(&MAGIC.to_le_bytes());
            out.extend_from_slice(&[1, 0]);
            push(&mut out, HEADER_LEN);
            // func_info and line_info stay off=0,len=0: libbpf refuses a part that holds only
            // its record size.
            out.extend_from_slice(&[0; 24]);
            (out, 0)
        }
    };
    let hdr_len = word(&out, 4).unwrap_or(HEADER_LEN) as usize;
    if let Some(ext) = original {
        // The kept parts where they were (an empty one as 0, 0, whatever its offset said).
        for (at, part) in [(8, ext.func), (16, ext.line)] {
            set(
                &mut out,
                at,
                u32::try_from(part.off).map_err(|_| too_large())?,
            )?;
            set(
                &mut out,
                at + 4,
                u32::try_from(part.len).map_err(|_| too_large())?,
            )?;
        }
    }
    // libbpf wants each part 4-byte aligned after the header.
    while !(out.len() - hdr_len).is_multiple_of(4) {
        out.push(0);
    }
    let mut moved = Moved {
        header: original.map_or(0, |ext| ext.hdr_len as u64),
        ..Moved::default()
    };
    if let Some(lines) = lines {
        let (old, func) = match original {
            Some(ext) => (ext.line, ext.func),
            None => (Part { off: 0, len: 0 }, Part { off: 0, len: 0 }),
        };
        // An absent part is written after the kept ones.
        let old = if old.len == 0 {
            Part {
                off: out.len() - hdr_len,
                len: 0,
            }
        } else {
            old
        };
        if func.len > 0 && func.off < old.off + old.len && old.off < func.off + func.len {
            return Err(err("the func_info and line_info parts overlap"));
        }
        let (part, at) = encode_lines(lines)?;
        let start = hdr_len + old.off;
        out.splice(start..start + old.len, part.iter().copied());
        let delta = i64::try_from(part.len()).map_err(|_| too_large())?
            - i64::try_from(old.len).map_err(|_| too_large())?;
        let line_off = if part.is_empty() { 0 } else { old.off };
        set(
            &mut out,
            16,
            u32::try_from(line_off).map_err(|_| too_large())?,
        )?;
        set(
            &mut out,
            20,
            u32::try_from(part.len()).map_err(|_| too_large())?,
        )?;
        if func.len > 0 && func.off > old.off {
            let func_off = (func.off as u64).saturating_add_signed(delta);
            set(
                &mut out,
                8,
                u32::try_from(func_off).map_err(|_| too_large())?,
            )?;
        }
        let old_start = (moved.header + old.off as u64) as usize;
        moved.line = Some((old_start as u64, (old_start + old.len) as u64, delta));
        if let Some(ext) = original {
            for field in ext.insn_offsets() {
                let new = at.get(&(field.sec_name_off, field.insn_off));
                if let (InfoPart::LineInfo, Some(&new)) = (field.part, new) {
                    moved.records.insert(field.at as u64, (start + new) as u64);
                }
            }
        }
    }
    let core_start = out.len();
    let mut written = false;
    for sec in sections.iter().filter(|s| !s.records.is_empty()) {
        if !written {
            push(&mut out, CORE_RELO_RECORD_SIZE);
            written = true;
        }
        push(&mut out, sec.sec_name_off);
        push(
            &mut out,
            u32::try_from(sec.records.len()).map_err(|_| too_large())?,
        );
        for r in &sec.records {
            for v in [r.insn_off, r.type_id, r.access_str_off, r.kind] {
                push(&mut out, v);
            }
        }
    }
    let core_len = out.len() - core_start;
    let core_off = if core_len == 0 {
        0
    } else {
        core_start - hdr_len
    };
    set(
        &mut out,
        24,
        u32::try_from(core_off).map_err(|_| too_large())?,
    )?;
    set(
        &mut out,
        28,
        u32::try_from(core_len).map_err(|_| too_large())?,
    )?;
    Ok(Built {
        bytes: out,
        shift,
        moved,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn relo(insn_off: u32) -> CoreRelo {
        CoreRelo {
            insn_off,
            type_id: 1,
            access_str_off: 2,
            kind: 0,
        }
    }

    #[test]
    fn built_sections_parse_back() {
        let groups = vec![
            CoreReloSec {
                sec_name_off: 5,
                records: vec![relo(0), relo(16)],
            },
            CoreReloSec {
                sec_name_off: 9,
                records: vec![relo(8)],
            },
        ];
        let built = build(None, &groups).unwrap();
        assert_eq!(built.shift, 0);
        let ext = BtfExt::parse(&built.bytes).unwrap();
        assert_eq!(ext.core_relos(), groups);
        assert_eq!(ext.core_record_size(), Some(CORE_RELO_RECORD_SIZE));
        // Rewriting with the parsed section as the original keeps everything.
        let again = build(Some(&ext), &groups).unwrap();
        assert_eq!(again.bytes, built.bytes);
    }

    #[test]
    fn insn_offsets_point_at_the_fields() {
        let built = build(
            None,
            &[
                CoreReloSec {
                    sec_name_off: 5,
                    records: vec![relo(0), relo(16)],
                },
                CoreReloSec {
                    sec_name_off: 9,
                    records: vec![relo(8)],
                },
            ],
        )
        .unwrap();
        let ext = BtfExt::parse(&built.bytes).unwrap();
        let found = ext.insn_offsets();
        let seen: Vec<(u32, u32)> = found.iter().map(|f| (f.sec_name_off, f.insn_off)).collect();
        assert_eq!(seen, [(5, 0), (5, 16), (9, 8)]);
        for f in found {
            assert_eq!(f.part, InfoPart::CoreRelo);
            assert_eq!(word(&built.bytes, f.at), Some(f.insn_off));
        }
    }

    #[test]
    fn a_24_byte_header_grows() {
        // func_info: record size 8, one group of one record.
        let mut v1 = Vec::new();
        v1.extend_from_slice(&MAGIC.to_le_bytes());
        v1.extend_from_slice(&[1, 0]);
        for w in [24u32, 0, 20, 0, 0] {
            v1.extend_from_slice(&w.to_le_bytes());
        }
        for w in [8u32, 3, 1, 0, 7] {
            v1.extend_from_slice(&w.to_le_bytes());
        }
        let ext = BtfExt::parse(&v1).unwrap();
        let built = build(
            Some(&ext),
            &[CoreReloSec {
                sec_name_off: 3,
                records: vec![relo(0)],
            }],
        )
        .unwrap();
        assert_eq!(built.shift, 8);
        assert_eq!(built.bytes[32..52], v1[24..44]);
        assert_eq!(BtfExt::parse(&built.bytes).unwrap().core_relos().len(), 1);
    }

    #[test]
    fn malformed_parts_are_refused() {
        let good = build(
            None,
            &[CoreReloSec {
                sec_name_off: 1,
                records: vec![relo(0)],
            }],
        )
        .unwrap()
        .bytes;
        let set = |at: usize, v: u32| {
            let mut bad = good.clone();
            bad[at..at + 4].copy_from_slice(&v.to_le_bytes());
            bad
        };
        // func_info claims bytes the section does not have; core_relo record sizes libbpf
        // rejects; a group count that runs past the part; a part not 4-byte aligned.
        for (bad, why) in [
            (set(24, 2), "not 4-byte aligned"),
            (set(12, 0x1000), "func_info part"),
            (set(32, 0), "record size 0"),
            (set(32, 0xffff_ffff), "record size 4294967295"),
            (set(32, 18), "record size 18"),
            (set(40, 2), "runs past the end of the part"),
        ] {
            match BtfExt::parse(&bad) {
                Ok(_) => panic!("parsed: expected `{why}`"),
                Err(e) => assert!(e.message().contains(why), "`{e}` lacks `{why}`"),
            }
        }
    }

    #[test]
    fn empty_parts_are_written_as_zeros() {
        // Found by the btf_ext fuzz target: an empty func_info part with offset 2. libbpf ignores
        // the offset of an empty part; the rewrite used to keep it, past the end of its output.
        let mut ext = build(None, &[]).unwrap().bytes;
        ext[8..12].copy_from_slice(&2u32.to_le_bytes());
        ext[16..20].copy_from_slice(&0x1000u32.to_le_bytes());
        let parsed = BtfExt::parse(&ext).unwrap();
        for groups in [
            Vec::new(),
            vec![CoreReloSec {
                sec_name_off: 1,
                records: vec![relo(0)],
            }],
        ] {
            let built = build(Some(&parsed), &groups).unwrap();
            assert_eq!(built.bytes[8..24], [0; 16]);
            let again = BtfExt::parse(&built.bytes).unwrap();
            assert_eq!(again.core_relos(), groups);
        }
    }

    fn line(insn_off: u32) -> LineInfo {
        LineInfo {
            insn_off,
            file_name_off: 1,
            line_off: 2,
            line_col: 3 << 10,
        }
    }

    /// A section written word by word: magic, version, then `header` and `body`.
    fn section(header: &[u32], body: &[u32]) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(&MAGIC.to_le_bytes());
        out.extend_from_slice(&[1, 0]);
        for w in header.iter().chain(body) {
            out.extend_from_slice(&w.to_le_bytes());
        }
        out
    }

    #[test]
    fn line_info_is_rewritten_in_its_place() {
        // func_info (one record) then line_info (one record, at insn byte 16).
        let original = section(
            &[32, 0, 20, 20, 28, 48, 0],
            &[8, 5, 1, 0, 7, 16, 5, 1, 16, 1, 2, 3 << 10],
        );
        let ext = BtfExt::parse(&original).expect("parse");
        assert_eq!(ext.line_record_size(), Some(LINE_INFO_RECORD_SIZE));
        let groups = vec![CoreReloSec {
            sec_name_off: 5,
            records: vec![relo(0)],
        }];
        // The same records give the same bytes as `build`.
        let same = build_with_line_info(Some(&ext), &groups, &ext.line_infos()).expect("build");
        assert_eq!(same.bytes, build(Some(&ext), &groups).expect("build").bytes);
        assert!(!same.moves_anything());

        let lines = vec![LineInfoSec {
            sec_name_off: 5,
            records: vec![line(0), line(16), line(24)],
        }];
        let built = build_with_line_info(Some(&ext), &groups, &lines).expect("build");
        let again = BtfExt::parse(&built.bytes).expect("parse back");
        assert_eq!(again.line_infos(), lines);
        assert_eq!(again.core_relos(), groups);
        assert_eq!(built.bytes[..16], original[..16]);
        assert_eq!(built.bytes[32..52], original[32..52], "func_info stays");
        assert!(built.moves_anything());
        // The func_info record's insn_off stays; the line record at 16 is now the second.
        assert_eq!(built.relocated(44), 44);
        assert_eq!(built.relocated(64), 80);
        assert_eq!(built.relocated(4), 4);
    }

    #[test]
    fn what_follows_a_grown_line_info_moves() {
        // A 24-byte header, line_info first and func_info after it.
        let original = section(
            &[24, 28, 20, 0, 28],
            &[16, 5, 1, 16, 1, 2, 3 << 10, 8, 5, 1, 0, 7],
        );
        let ext = BtfExt::parse(&original).expect("parse");
        let lines = vec![LineInfoSec {
            sec_name_off: 5,
            records: vec![line(0), line(16)],
        }];
        let built = build_with_line_info(Some(&ext), &[], &lines).expect("build");
        assert_eq!(built.shift, 8);
        assert_eq!(word(&built.bytes, 8), Some(44), "func_info moved");
        assert_eq!(word(&built.bytes, 12), Some(20));
        assert_eq!(word(&built.bytes, 16), Some(0));
        assert_eq!(word(&built.bytes, 20), Some(44));
        assert_eq!(built.bytes[76..96], original[52..72]);
        let again = BtfExt::parse(&built.bytes).expect("parse back");
        assert_eq!(again.line_infos(), lines);
        // func_info's insn_off (24 + 28 + 12), line_info's (24 + 12, now the second record).
        assert_eq!(built.relocated(64), 32 + 44 + 12);
        assert_eq!(built.relocated(36), 32 + 12 + 16);
    }

    #[test]
    fn overlapping_parts_are_refused() {
        let original = section(&[32, 0, 28, 0, 28, 0, 0], &[16, 5, 1, 16, 1, 2, 3 << 10]);
        let ext = BtfExt::parse(&original).expect("parse");
        let built = build_with_line_info(Some(&ext), &[], &[]);
        assert!(built.is_err_and(|e| e.message().contains("overlap")));
    }
}
