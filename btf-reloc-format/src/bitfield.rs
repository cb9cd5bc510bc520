//! How a bitfield getter loads its field, from the four values the loader relocates for it
//! (`FIELD_BYTE_OFFSET`, `FIELD_BYTE_SIZE`, `FIELD_LSHIFT_U64`, `FIELD_RSHIFT_U64`): the
//! runtime's read and the offline checker's prediction of it share this one definition.
//!
//! libbpf's `bpf_core_calc_field_relo` picks the load: the bitfield's storage integer, doubled
//! until it holds the field, refused beyond 8 bytes. A field carved from a 16-byte integer
//! (`__int128`) therefore gets a 16-byte load, which no 64-bit register holds, and shifts that
//! libbpf computes in 32-bit arithmetic (wrapped when the field ends past bit 64 of the load).
//! C's `BPF_CORE_READ_BITFIELD_PROBED` would copy those 16 bytes into its 8-byte variable; a
//! getter instead loads the naturally aligned 8 bytes of the storage that hold the field, with
//! the shift adjusted to them, and reads the same value without overrunning anything. A field
//! that no aligned 8-byte load holds (one straddling bit 64 of its storage) cannot be read.

/// A load that extracts a bitfield: `size` bytes at `offset`, shifted left by `lshift`, then
/// right (arithmetically when the field is signed) by `rshift`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BitfieldLoad {
    /// Byte offset of the load from the root type.
    pub offset: u64,
    /// Bytes loaded (1, 2, 4 or 8).
    pub size: u64,
    /// Left shift of the loaded value (as a little-endian `u64`).
    pub lshift: u64,
    /// Right shift after it: `64 - bits`.
    pub rshift: u64,
    /// Width of the field in bits.
    pub bits: u64,
}

/// Why a bitfield cannot be loaded into a `u64`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BitfieldError {
    /// The field is wider than 64 bits; `bytes` is its width in whole bytes.
    TooWide {
        /// `bits.div_ceil(8)`.
        bytes: u64,
    },
    /// No aligned load of at most 8 bytes holds the field; `load` is the size libbpf chose.
    NoLoad {
        /// libbpf's `FIELD_BYTE_SIZE`.
        load: u64,
    },
}

impl BitfieldError {
    /// The size a getter reports in `SizeMismatch { actual, .. }`: the field's width in whole
    /// bytes, or the load that does not fit.
    pub const fn actual(self) -> u64 {
        match self {
            Self::TooWide { bytes } => bytes,
            Self::NoLoad { load } => load,
        }
    }
}

/// The load a getter does for the relocated values `offset`, `size`, `lshift` and `rshift`
/// (libbpf's, as the loader wrote them: 32-bit shifts zero-extended).
#[inline(always)]
pub const fn bitfield_load(
    offset: u64,
    size: u64,
    lshift: u64,
    rshift: u64,
) -> Result<BitfieldLoad, BitfieldError> {
    // libbpf's `rshift = 64 - bit_sz` and `lshift = 64 - end` (the bit after the field, in the
    // load), both in 32-bit arithmetic: undo the wrap.
    let bits = 64u32.wrapping_sub(rshift as u32) as u64;
    if bits > 64 {
        return Err(BitfieldError::TooWide {
            bytes: bits.div_ceil(8),
        });
    }
    if size <= 8 {
        return Ok(BitfieldLoad {
            offset,
            size,
            lshift,
            rshift,
            bits,
        });
    }
    let end = 64u32.wrapping_sub(lshift as u32) as u64;
    if bits == 0 || bits > end {
        return Err(BitfieldError::NoLoad { load: size });
    }
    let word = (end - bits) / 64;
    if (end - 1) / 64 != word {
        return Err(BitfieldError::NoLoad { load: size });
    }
    Ok(BitfieldLoad {
        offset: offset.wrapping_add(word * 8),
        size: 8,
        lshift: 64 - (end - word * 64),
        rshift,
        bits,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// libbpf's values for a `bits`-wide field at bit `bit_off` of a `storage`-byte integer at
    /// byte `base` (`bpf_core_calc_field_relo`, little-endian, without the doubling: the field
    /// lies inside its storage).
    fn libbpf(base: u64, storage: u64, bit_off: u64, bits: u64) -> (u64, u64, u64, u64) {
        let bit_off = base * 8 + bit_off;
        let byte_off = bit_off / 8 / storage * storage;
        let end = bit_off + bits - byte_off * 8;
        let u32_sub = |a: u64, b: u64| u64::from((a as u32).wrapping_sub(b as u32));
        (byte_off, storage, u32_sub(64, end), u32_sub(64, bits))
    }

    fn load(values: (u64, u64, u64, u64)) -> Result<BitfieldLoad, BitfieldError> {
        bitfield_load(values.0, values.1, values.2, values.3)
    }

    #[test]
    fn loads_of_at_most_8_bytes_are_libbpfs() {
        let (offset, size, lshift, rshift) = libbpf(400, 4, 3, 5);
        assert_eq!(
            load((offset, size, lshift, rshift)),
            Ok(BitfieldLoad {
                offset,
                size,
                lshift,
                rshift,
                bits: 5
            })
        );
    }

    #[test]
    fn a_16_byte_storage_is_read_through_its_8_bytes_that_hold_the_field() {
        // Low half: libbpf's own shifts, 8 bytes loaded.
        assert_eq!(
            load(libbpf(16, 16, 3, 4)),
            Ok(BitfieldLoad {
                offset: 16,
                size: 8,
                lshift: 64 - 7,
                rshift: 60,
                bits: 4
            })
        );
        // High half: libbpf's left shift wrapped; the load moves up 8 bytes.
        assert_eq!(
            load(libbpf(16, 16, 70, 9)),
            Ok(BitfieldLoad {
                offset: 24,
                size: 8,
                lshift: 64 - (79 - 64),
                rshift: 55,
                bits: 9
            })
        );
        // The whole high half.
        assert_eq!(
            load(libbpf(0, 16, 64, 64)).map(|l| (l.offset, l.lshift, l.rshift)),
            Ok((8, 0, 0))
        );
    }

    #[test]
    fn fields_no_u64_holds_are_errors() {
        // Straddling bit 64 of the storage.
        assert_eq!(
            load(libbpf(0, 16, 62, 4)),
            Err(BitfieldError::NoLoad { load: 16 })
        );
        // Wider than 64 bits.
        assert_eq!(
            load(libbpf(0, 16, 0, 100)),
            Err(BitfieldError::TooWide { bytes: 13 })
        );
        assert_eq!(BitfieldError::TooWide { bytes: 13 }.actual(), 13);
        // Values no loader writes (a 0-bit field, shifts past 2^32): an answer, never a panic.
        for (lshift, rshift) in [(0, 0), (u64::MAX, 64), (1 << 40, 3), (200, 64), (64, 63)] {
            for size in [0, 16, u64::MAX] {
                let _ = bitfield_load(u64::MAX, size, lshift, rshift);
            }
        }
        assert_eq!(
            bitfield_load(0, 16, 0, 64),
            Err(BitfieldError::NoLoad { load: 16 })
        );
    }
}
