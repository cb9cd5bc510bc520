//! `e2e-ebpf/src/synthetic.rs` (object [`Main`](crate::objects::Bin::Main)): uprobes that read a
//! userspace struct laid out as a synthetic kernel says, through `UserPtr`.
//!
//! Each program stores, per field of its local declaration and in declaration order, the
//! getter's outcome ([`encode_wide`](crate::outcome::encode_wide)) in its fields map and the
//! answers of the field's queries ([`encode_queries`]) in its queries map.

use core::fmt;

use crate::outcome::{decode_option, encode_option};

/// The kernel type both declarations read: `struct btf_reloc_e2e_target`.
pub const TARGET_TYPE: &str = "btf_reloc_e2e_target";

/// `fn synthetic_target`, reading `btf_reloc_e2e_target { a, b, c, d, e, f, p }`.
pub const TARGET_PROGRAM: &str = "synthetic_target";
/// `static SYNTH_FIELDS`: [`TARGET_FIELDS`] outcomes.
pub const TARGET_FIELDS_MAP: &str = "SYNTH_FIELDS";
/// `static SYNTH_QUERIES`: [`TARGET_FIELDS`] [`Queries`].
pub const TARGET_QUERIES_MAP: &str = "SYNTH_QUERIES";
/// The fields (and slots) of `btf_reloc_e2e_target`.
pub const TARGET_FIELDS: u32 = 7;

/// `fn synthetic_target_v2`, reading the local flavor `btf_reloc_e2e_target___v2 { f, c, a }`.
pub const TARGET_V2_PROGRAM: &str = "synthetic_target_v2";
/// `static SYNTH_V2_FIELDS`: [`TARGET_V2_FIELDS`] outcomes.
pub const TARGET_V2_FIELDS_MAP: &str = "SYNTH_V2_FIELDS";
/// `static SYNTH_V2_QUERIES`: [`TARGET_V2_FIELDS`] [`Queries`].
pub const TARGET_V2_QUERIES_MAP: &str = "SYNTH_V2_QUERIES";
/// The fields (and slots) of `btf_reloc_e2e_target___v2`.
pub const TARGET_V2_FIELDS: u32 = 3;

/// One field's query answers as stored: `[exists, byte_size, byte_offset]`.
pub type Queries = [i64; 3];

/// Encodes the answers of `field_exists()`, `field_byte_size()` and `field_byte_offset()`.
#[inline(always)]
pub fn encode_queries(
    exists: bool,
    byte_size: Option<usize>,
    byte_offset: Option<usize>,
) -> Queries {
    [
        i64::from(exists),
        encode_option(byte_size),
        encode_option(byte_offset),
    ]
}

/// One field's decoded query answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldQueries {
    /// `field_exists()`.
    pub exists: bool,
    /// `field_byte_size()`.
    pub byte_size: Option<u64>,
    /// `field_byte_offset()`.
    pub byte_offset: Option<u64>,
}

impl FieldQueries {
    /// Decodes what [`encode_queries`] stored.
    pub fn decode([exists, byte_size, byte_offset]: Queries) -> Self {
        Self {
            exists: exists != 0,
            byte_size: decode_option(byte_size),
            byte_offset: decode_option(byte_offset),
        }
    }
}

impl fmt::Display for FieldQueries {
    /// `exists / byte_size / byte_offset`, as the queries return them.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} / {:?} / {:?}",
            self.exists, self.byte_size, self.byte_offset
        )
    }
}
