//! `e2e-ebpf/src/synthetic_core.rs` (object [`SyntheticCore`](crate::objects::Bin::SyntheticCore)):
//! one uprobe reading what `bpf_core_read.h` reads from a userspace struct laid out as a
//! synthetic kernel says, plus two kernel enums and the types themselves.

/// The root struct the test lays out and the probe reads.
pub const CORE_TYPE: &str = "btf_reloc_e2e_core";
/// The struct embedded in [`CORE_TYPE`] (`inner`) and pointed at by its `next`.
pub const INNER_TYPE: &str = "btf_reloc_e2e_inner";
/// A struct whose existence alone is asked.
pub const EXTRA_TYPE: &str = "btf_reloc_e2e_extra";
/// A 32-bit kernel enum (`Mode` in the program).
pub const MODE_TYPE: &str = "btf_reloc_e2e_mode";
/// A 64-bit kernel enum (`Big` in the program).
pub const BIG_TYPE: &str = "btf_reloc_e2e_big";

/// `Mode`'s enumerators, in declaration (and slot) order.
pub const MODES: [&str; 4] = ["MODE_OFF", "MODE_ON", "MODE_AUTO", "MODE_GONE"];
/// `Big`'s enumerators, in declaration (and slot) order.
pub const BIGS: [&str; 2] = ["BIG_HUGE", "BIG_SMALL"];

/// The length of the local `vals: [u32; VALS_LEN]`.
pub const VALS_LEN: usize = 4;
/// The buffers `name_str` copies the local `name: [u8; 16]` into, in slot order.
pub const NAME_BUFS: [usize; 2] = [16, 4];

/// `fn synthetic_core`.
pub const PROGRAM: &str = "synthetic_core";
/// `static CORE_SLOTS`: one [`Raw`](crate::outcome::Raw) per [`slot`].
pub const SLOTS_MAP: &str = "CORE_SLOTS";
/// `static CORE_STRS`: the buffers of [`NAME_BUFS`], in order, each zero-padded to the first's
/// length.
pub const STRS_MAP: &str = "CORE_STRS";

/// Slots of [`SLOTS_MAP`]; each holds an outcome unless said otherwise.
pub mod slot {
    /// `core_read!(data, inner, x)`.
    pub const INNER_X: u32 = 0;
    /// `core_read!(data, inner, y)`.
    pub const INNER_Y: u32 = 1;
    /// `[exists, byte_size or -1, byte_offset or -1, 0]` of the path `inner.y` from the root.
    pub const INNER_Y_PATH: u32 = 2;
    /// `data.flags()`, a bitfield.
    pub const FLAGS: u32 = 3;
    /// `data.level()`, a bitfield.
    pub const LEVEL: u32 = 4;
    /// `data.count()`, a bitfield.
    pub const COUNT: u32 = 5;
    /// `data.vals()`, the whole array: the first element's value.
    pub const VALS: u32 = 6;
    /// `data.vals_at(i)` for `i` in `0..VALS_AT_COUNT`, at `VALS_AT + i`.
    pub const VALS_AT: u32 = 7;
    /// How many indices `vals_at` is asked (past the local length on purpose).
    pub const VALS_AT_COUNT: u32 = 8;
    /// `data.name_str(buf)` for each of [`NAME_BUFS`](super::NAME_BUFS), at `NAME_STR + i`:
    /// the length written.
    pub const NAME_STR: u32 = 15;
    /// `core_read!(data, next, x)`.
    pub const NEXT_X: u32 = 17;
    /// `core_read!(data, next, y)`.
    pub const NEXT_Y: u32 = 18;
    /// `value()` of each of [`MODES`](super::MODES), at `MODE + i`.
    pub const MODE: u32 = 19;
    /// `[exists()]` of each of [`MODES`](super::MODES).
    pub const MODE_EXISTS: u32 = 23;
    /// `value()` of each of [`BIGS`](super::BIGS), at `BIG + i`.
    pub const BIG: u32 = 24;
    /// `[type_exists, type_size or -1, 0, 0]` of the core, inner, mode and big types, then
    /// `[type_exists, -1, 0, 0]` of the extra type (its size is not asked), at `TYPES + i`.
    pub const TYPES: u32 = 26;
    /// How many slots the map has.
    pub const LEN: u32 = 31;
}
