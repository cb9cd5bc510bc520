//! `.BTF.ext`: parse the header and the `core_relo` part, and write a section whose `core_relo`
//! part holds the given records. The `func_info` and `line_info` parts keep their byte offsets
//! (their `.rel.BTF.ext` relocations point into them); the new `core_relo` part goes after them.
//! A 24-byte header (no `core_relo` fields) is grown to 32 bytes, which shifts everything after it
//! by 8 bytes; the caller shifts the relocations accordingly.

use crate::{
    btf::BTF_MAGIC,
    bytes::{pad_to, push_u32, range, set_u32, slice, u16_at, u32_at, u32_of, u8_at, us},
    error::{Error, Result},
};

/// Size of a `bpf_core_relo` record.
pub(crate) const CORE_RELO_RECORD_SIZE: u32 = 16;
/// Length of the header with the `core_relo` fields.
pub(crate) const HEADER_LEN: u32 = 32;
/// Length of the original header, without them.
const HEADER_LEN_V1: u32 = 24;

fn err(msg: impl Into<String>) -> Error {
    Error::BtfExt(msg.into())
}

/// One part (`func_info`, `line_info`, `core_relo`): offset and length after the header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Part {
    off: usize,
    len: usize,
}

/// A `bpf_core_relo` record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CoreRelo {
    pub(crate) insn_off: u32,
    pub(crate) type_id: u32,
    pub(crate) access_str_off: u32,
    pub(crate) kind: u32,
}

/// The `core_relo` records of one ELF section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CoreReloSec {
    /// Offset of the section name in the `.BTF` string section.
    pub(crate) sec_name_off: u32,
    pub(crate) records: Vec<CoreRelo>,
}

/// A parsed `.BTF.ext` section.
#[derive(Debug)]
pub(crate) struct BtfExt<'a> {
    data: &'a [u8],
    hdr_len: usize,
    func: Part,
    line: Part,
    core: Option<Part>,
}

impl<'a> BtfExt<'a> {
    pub(crate) fn parse(data: &'a [u8]) -> Result<Self> {
        let magic = u16_at(data, 0).ok_or_else(|| err("shorter than its header"))?;
        if magic != BTF_MAGIC {
            return Err(err(format!(
                "bad magic {magic:#06x} (expected {BTF_MAGIC:#06x}, little-endian)"
            )));
        }
        let version = u8_at(data, 2).unwrap_or_default();
        if version != 1 {
            return Err(err(format!("unsupported version {version}")));
        }
        let hdr_len = u32_at(data, 4).ok_or_else(|| err("shorter than its header"))?;
        if hdr_len < HEADER_LEN_V1 {
            return Err(err(format!(
                "header length {hdr_len} is below {HEADER_LEN_V1}"
            )));
        }
        let hdr_len = us(hdr_len)
            .filter(|&h| h <= data.len())
            .ok_or_else(|| err(format!("header length {hdr_len} exceeds the section")))?;
        let part = |at: usize, what: &str| -> Result<Part> {
            let off = u32_at(data, at).and_then(us).unwrap_or_default();
            let len = u32_at(data, at + 4).and_then(us).unwrap_or_default();
            let fits = hdr_len
                .checked_add(off)
                .and_then(|s| range(s, len))
                .is_some_and(|r| r.end <= data.len());
            if !fits {
                return Err(err(format!(
                    "{what} part ({len} bytes at {off:#x} after the header) runs past the end \
                     of the section ({} bytes)",
                    data.len()
                )));
            }
            if len > 0 && len < 4 {
                return Err(err(format!(
                    "{what} part is {len} bytes, too short for its record size"
                )));
            }
            Ok(Part { off, len })
        };
        let func = part(8, "func_info")?;
        let line = part(16, "line_info")?;
        let core = if hdr_len >= HEADER_LEN as usize {
            Some(part(24, "core_relo")?)
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
        slice(self.data, self.hdr_len + part.off, part.len).unwrap_or_default()
    }

    /// The `core_relo` records, grouped by section as stored.
    pub(crate) fn core_relos(&self) -> Result<Vec<CoreReloSec>> {
        let Some(part) = self.core.filter(|p| p.len > 0) else {
            return Ok(Vec::new());
        };
        let data = self.part_data(part);
        let rec_size = u32_at(data, 0).unwrap_or_default();
        if rec_size < CORE_RELO_RECORD_SIZE || !rec_size.is_multiple_of(4) {
            return Err(err(format!(
                "core_relo record size {rec_size} is not supported"
            )));
        }
        let rec_size = us(rec_size).ok_or_else(|| err("core_relo record size too large"))?;
        let mut out = Vec::new();
        let mut pos = 4;
        while pos < data.len() {
            let (Some(sec_name_off), Some(num)) = (u32_at(data, pos), u32_at(data, pos + 4)) else {
                return Err(err(format!(
                    "core_relo section header at {pos:#x} is truncated"
                )));
            };
            pos += 8;
            let records_len = us(num)
                .and_then(|n| n.checked_mul(rec_size))
                .filter(|&l| pos + l <= data.len())
                .ok_or_else(|| err(format!("core_relo section with {num} records is truncated")))?;
            let records = slice(data, pos, records_len).unwrap_or_default();
            out.push(CoreReloSec {
                sec_name_off,
                records: records
                    .chunks_exact(rec_size)
                    .map(|r| CoreRelo {
                        insn_off: u32_at(r, 0).unwrap_or_default(),
                        type_id: u32_at(r, 4).unwrap_or_default(),
                        access_str_off: u32_at(r, 8).unwrap_or_default(),
                        kind: u32_at(r, 12).unwrap_or_default(),
                    })
                    .collect(),
            });
            pos += records_len;
        }
        Ok(out)
    }

    /// The size of the existing `core_relo` records, when there are any.
    pub(crate) fn core_record_size(&self) -> Option<u32> {
        let part = self.core.filter(|p| p.len > 0)?;
        u32_at(self.part_data(part), 0)
    }

    /// Length of the header as stored.
    pub(crate) fn hdr_len(&self) -> usize {
        self.hdr_len
    }
}

/// A written `.BTF.ext` section.
#[derive(Debug)]
pub(crate) struct Built {
    pub(crate) bytes: Vec<u8>,
    /// Bytes by which the content after a 24-byte header moved (0 or 8).
    pub(crate) shift: u64,
}

/// Writes `.BTF.ext` with `original`'s func/line info (if any) and `sections` as `core_relo`.
pub(crate) fn build(original: Option<&BtfExt<'_>>, sections: &[CoreReloSec]) -> Result<Built> {
    let too_large = || err("section too large");
    let (mut out, shift) = match original {
        Some(ext) => {
            let end = [ext.func, ext.line]
                .iter()
                .filter(|p| p.len > 0)
                .map(|p| p.off + p.len)
                .max()
                .unwrap_or(0);
            let keep_end = ext.hdr_len + end;
            let kept = ext.data.get(..keep_end).ok_or_else(too_large)?;
            if ext.hdr_len >= HEADER_LEN as usize {
                (kept.to_vec(), 0)
            } else if ext.hdr_len == HEADER_LEN_V1 as usize {
                let mut out = Vec::with_capacity(kept.len() + 8 + 64);
                out.extend_from_slice(kept.get(..ext.hdr_len).ok_or_else(too_large)?);
                out.extend_from_slice(&[0; 8]);
                out.extend_from_slice(kept.get(ext.hdr_len..).ok_or_else(too_large)?);
                set_u32(&mut out, 4, HEADER_LEN).ok_or_else(too_large)?;
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
            out.extend_from_slice(&BTF_MAGIC.to_le_bytes());
            out.extend_from_slice(&[1, 0]);
            push_u32(&mut out, HEADER_LEN);
            // func_info and line_info stay off=0,len=0: libbpf refuses a part that holds only
            // its record size.
            out.extend_from_slice(&[0; 24]);
            (out, 0)
        }
    };
    let hdr_len = us(u32_at(&out, 4).unwrap_or(HEADER_LEN)).ok_or_else(too_large)?;
    pad_to(&mut out, 4);
    let core_start = out.len();
    let mut written = false;
    for sec in sections.iter().filter(|s| !s.records.is_empty()) {
        if !written {
            push_u32(&mut out, CORE_RELO_RECORD_SIZE);
            written = true;
        }
        push_u32(&mut out, sec.sec_name_off);
        push_u32(&mut out, u32_of(sec.records.len()).ok_or_else(too_large)?);
        for r in &sec.records {
            for v in [r.insn_off, r.type_id, r.access_str_off, r.kind] {
                push_u32(&mut out, v);
            }
        }
    }
    let core_len = out.len() - core_start;
    let core_off = if core_len == 0 {
        0
    } else {
        core_start - hdr_len
    };
    let core_off = u32_of(core_off).ok_or_else(too_large)?;
    let core_len = u32_of(core_len).ok_or_else(too_large)?;
    set_u32(&mut out, 24, core_off).ok_or_else(too_large)?;
    set_u32(&mut out, 28, core_len).ok_or_else(too_large)?;
    Ok(Built { bytes: out, shift })
}
