//! Marker instructions: the `ld_imm64` the `bpf` backend emits for each use of an intrinsic.
//!
//! The 64-bit immediate is `MAGIC << 48 | kind << 32 | id`: a fixed magic in the top 16 bits (so
//! the post-link step tells markers from other 64-bit constants), the [`RelocKind`] in the next
//! 16, and the [id](crate::id) of the field path, type or enumerator in the low 32.

use crate::RelocKind;

/// Top 16 bits of every marker immediate.
pub const MAGIC: u16 = 0xC07E;

/// The helper id the runtime's existence checks call when their marker was never replaced (the
/// object was not post-linked). No helper has this id, so the verifier refuses such a program
/// with `invalid func unknown#201842688`.
pub const NOT_POST_LINKED_HELPER: u32 = 0x0C07_E000;

/// The helper id a `#[btf(required)]` read calls when the running kernel's field has another
/// size than the declared type: the check compares the field's relocated size with the
/// declared one, a constant the verifier knows, so the call is dead code it removes when the
/// sizes agree and the reason it refuses the program (`invalid func unknown#201842689`) when they
/// do not.
pub const REQUIRED_SIZE_MISMATCH_HELPER: u32 = 0x0C07_E001;

/// The immediate of the marker for `kind` of `id`.
pub const fn marker(kind: RelocKind, id: u32) -> u64 {
    ((MAGIC as u64) << 48) | ((kind as u64) << 32) | id as u64
}

/// A decoded marker immediate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Marker {
    /// Bits 32..48: the relocation kind's uapi value (not necessarily a known kind).
    pub kind: u32,
    /// Bits 0..32: the id.
    pub id: u32,
}

impl Marker {
    /// The marker an immediate holds, if its top 16 bits are [`MAGIC`].
    pub const fn decode(imm: u64) -> Option<Self> {
        if (imm >> 48) as u16 != MAGIC {
            return None;
        }
        Some(Self {
            kind: ((imm >> 32) & 0xffff) as u32,
            id: imm as u32,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout() {
        assert_eq!(
            marker(RelocKind::FieldExists, 0x1234_5678),
            0xC07E_0002_1234_5678
        );
        assert_eq!(
            Marker::decode(0xC07E_0009_0000_0001),
            Some(Marker { kind: 9, id: 1 })
        );
        assert_eq!(Marker::decode(0xC07F_0009_0000_0001), None);
    }
}
