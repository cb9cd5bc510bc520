//! `e2e-ebpf/src/synthetic.rs` (object [`Main`](crate::objects::Bin::Main)): uprobes that read a
//! userspace struct laid out as a synthetic kernel says, through `UserPtr`.
//!
//! The local declarations and what a program reads ([`read_target`], [`read_target_v2`]) live
//! here, so that the kernel tests run the very same reads on the host against the host
//! simulation of the same kernel: what the program stored must be what the simulation gives.
//! Each program stores, per field of its local declaration and in declaration order, the
//! getter's outcome ([`encode_wide`]) in its fields map and the answers of the field's queries
//! ([`encode_queries`]) in its queries map.
#![allow(non_camel_case_types)] // The declarations carry the kernel's type names.

use core::fmt;

use btf_reloc_runtime::prelude::*;

use crate::outcome::{decode_option, encode_option, encode_wide, WideRaw};

/// The struct the test lays out in user memory, declared with fields of several int widths and
/// signedness, an array and a pointer. Each synthetic kernel moves, resizes, hides or drops some
/// of them; the getters must follow the target BTF, never this declaration. Local offsets 0, 8,
/// 16, 32, 34, 40, 48; size 56.
#[derive(BtfRelocatable, Debug)]
#[repr(C)]
pub struct btf_reloc_e2e_target {
    /// Slot 0.
    pub a: u32,
    /// Slot 1.
    pub b: u64,
    /// Slot 2.
    pub c: [u32; 4],
    /// Slot 3.
    pub d: i16,
    /// Slot 4.
    pub e: u8,
    /// Slot 5.
    pub f: i64,
    /// Slot 6.
    pub p: *const u8,
}

/// The same kernel type declared under a local `___flavor` name, with another field order and
/// only some fields: it must match a target type named plainly `btf_reloc_e2e_target`.
#[derive(BtfRelocatable, Debug)]
#[repr(C)]
#[btf(name = "btf_reloc_e2e_target___v2")]
pub struct btf_reloc_e2e_target_v2 {
    /// Slot 0.
    pub f: i64,
    /// Slot 1.
    pub c: [u32; 4],
    /// Slot 2.
    pub a: u32,
}

/// Where [`read_target`] and [`read_target_v2`] put what they read: the program's maps, or the
/// host test's vectors.
pub trait Sink {
    /// The getter's outcome for field `slot`.
    fn outcome(&mut self, slot: u32, outcome: WideRaw);
    /// The answers of field `slot`'s queries.
    fn queries(&mut self, slot: u32, queries: Queries);
}

/// Hands `sink`, for each `slot: field(exists, byte_size, byte_offset)`, the outcome of the
/// getter `field()` on `ptr`, then the answers of the three queries. (The query names are
/// spelled out: `macro_rules!` cannot build identifiers.) The order matters on eBPF: storing
/// each outcome before computing the next value keeps LLVM from merging the encoders' arms into
/// code that reads a register a helper call clobbered (`R5 !read_ok`).
macro_rules! record {
    ($ptr:ident: $ty:ty => $sink:ident;
     $($slot:literal: $field:ident($exists:ident, $size:ident, $offset:ident)),* $(,)?) => {$(
        $sink.outcome($slot, encode_wide($ptr.$field()));
        $sink.queries(
            $slot,
            encode_queries(<$ty>::$exists(), <$ty>::$size(), <$ty>::$offset()),
        );
    )*};
}

/// Reads every field of [`btf_reloc_e2e_target`] at `data` (and asks its queries), in slot
/// order.
#[inline(always)]
pub fn read_target(data: UserPtr<btf_reloc_e2e_target>, sink: &mut impl Sink) {
    record!(data: btf_reloc_e2e_target => sink;
        0: a(a_exists, a_byte_size, a_byte_offset),
        1: b(b_exists, b_byte_size, b_byte_offset),
        2: c(c_exists, c_byte_size, c_byte_offset),
        3: d(d_exists, d_byte_size, d_byte_offset),
        4: e(e_exists, e_byte_size, e_byte_offset),
        5: f(f_exists, f_byte_size, f_byte_offset),
        6: p(p_exists, p_byte_size, p_byte_offset),
    );
}

/// Reads every field of [`btf_reloc_e2e_target_v2`] at `data`, in slot order.
#[inline(always)]
pub fn read_target_v2(data: UserPtr<btf_reloc_e2e_target_v2>, sink: &mut impl Sink) {
    record!(data: btf_reloc_e2e_target_v2 => sink;
        0: f(f_exists, f_byte_size, f_byte_offset),
        1: c(c_exists, c_byte_size, c_byte_offset),
        2: a(a_exists, a_byte_size, a_byte_offset),
    );
}

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
