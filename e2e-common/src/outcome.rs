//! How a program hands a getter's `Result<Option<T>, RelocatableFieldAccessError>` to
//! userspace, and how userspace reads it back. A map value cannot hold a `Result`, so a program
//! stores the four words of [`encode`] ([`Raw`]), or the seven of [`encode_wide`] ([`WideRaw`])
//! for a value wider than one word (an array). [`decode`] and [`decode_wide`] give back an
//! [`Outcome`], which prints as Rust prints the `Result`.
//!
//! The first word is the status. Status 0 is what an untouched map entry holds, so a slot the
//! program never stored reads as [`Outcome::NotStored`], never as a value.

use core::fmt;

use btf_reloc_runtime::RelocatableFieldAccessError;

/// One getter result as a program stores it: `[status, a, b, c]`.
pub type Raw = [i64; 4];

/// A getter result whose value takes up to four words: `[status, a, b, v0, v1, v2, v3]`.
pub type WideRaw = [i64; 7];

// The status word, the same in both encodings. The other words are named after each status, in
// the order of `Raw` and `WideRaw`. (Where each word goes is not free: LLVM merges the arms of
// the encoders, and some placements make it read a register that an arm never wrote, which the
// verifier rejects, `R4 !read_ok`. These are the placements of the first versions, which load.)
const NOT_STORED: i64 = 0;
/// `[_, value, 0, 0]`; wide `[_, 0, 0, v0, v1, v2, v3]`.
const VALUE: i64 = 1;
const MISSING: i64 = 2;
/// `[_, 0, expected, actual]`; wide `[_, expected, actual, 0, 0, 0, 0]`.
const SIZE_MISMATCH: i64 = 3;
/// `[_, code, 0, 0]`; wide `[_, 0, 0, code, 0, 0, 0]`.
const PROBE_READ: i64 = 4;
const NULL_POINTER: i64 = 5;
/// `[_, index, len, 0]`; wide `[_, len, 0, index, 0, 0, 0]`.
const INDEX_OUT_OF_BOUNDS: i64 = 6;

/// Encodes a getter's result.
#[inline(always)]
pub fn encode<T: Into<i64>>(result: Result<Option<T>, RelocatableFieldAccessError>) -> Raw {
    match result {
        Ok(Some(value)) => [VALUE, value.into(), 0, 0],
        Ok(None) => [MISSING, 0, 0, 0],
        Err(RelocatableFieldAccessError::SizeMismatch { expected, actual }) => {
            [SIZE_MISMATCH, 0, expected as i64, actual as i64]
        }
        Err(RelocatableFieldAccessError::ProbeRead(code)) => [PROBE_READ, code.into(), 0, 0],
        Err(RelocatableFieldAccessError::NullPointer) => [NULL_POINTER, 0, 0, 0],
        Err(RelocatableFieldAccessError::IndexOutOfBounds { index, len }) => {
            [INDEX_OUT_OF_BOUNDS, index as i64, len as i64, 0]
        }
    }
}

/// A value spread over the four value words of a [`WideRaw`]: an integer or a pointer in the
/// first (signed integers sign-extended), an array one element per word.
pub trait Words: Copy {
    /// The value's words.
    fn words(self) -> [u64; 4];
}

macro_rules! int_words {
    ($($ty:ty),*) => {$(
        impl Words for $ty {
            #[inline(always)]
            fn words(self) -> [u64; 4] {
                // `as i64` first sign-extends signed types; unsigned ones zero-extend.
                [self as i64 as u64, 0, 0, 0]
            }
        }
    )*};
}

int_words!(u8, i8, u16, i16, u32, i32, u64, i64);

impl Words for *const u8 {
    #[inline(always)]
    fn words(self) -> [u64; 4] {
        [self as usize as u64, 0, 0, 0]
    }
}

impl Words for [u32; 4] {
    #[inline(always)]
    fn words(self) -> [u64; 4] {
        let [w0, w1, w2, w3] = self;
        [w0.into(), w1.into(), w2.into(), w3.into()]
    }
}

/// Encodes a getter's result whose value may need several words.
#[inline(always)]
pub fn encode_wide<T: Words>(result: Result<Option<T>, RelocatableFieldAccessError>) -> WideRaw {
    match result {
        Ok(Some(value)) => {
            // The words are stored as they are: reinterpret, do not saturate.
            let [v0, v1, v2, v3] = value.words().map(|word| word as i64);
            [VALUE, 0, 0, v0, v1, v2, v3]
        }
        Ok(None) => [MISSING, 0, 0, 0, 0, 0, 0],
        Err(RelocatableFieldAccessError::SizeMismatch { expected, actual }) => {
            [SIZE_MISMATCH, expected as i64, actual as i64, 0, 0, 0, 0]
        }
        Err(RelocatableFieldAccessError::ProbeRead(code)) => {
            [PROBE_READ, 0, 0, code.into(), 0, 0, 0]
        }
        Err(RelocatableFieldAccessError::NullPointer) => [NULL_POINTER, 0, 0, 0, 0, 0, 0],
        Err(RelocatableFieldAccessError::IndexOutOfBounds { index, len }) => {
            [INDEX_OUT_OF_BOUNDS, len as i64, 0, index as i64, 0, 0, 0]
        }
    }
}

/// How a query's `Option<usize>` answer (a byte size or offset) is stored: the value, or -1 for
/// `None`.
#[inline(always)]
pub fn encode_option(value: Option<usize>) -> i64 {
    value.map_or(-1, |value| value as i64)
}

/// The answer [`encode_option`] stored.
pub fn decode_option(word: i64) -> Option<u64> {
    u64::try_from(word).ok()
}

/// A decoded getter result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome<V = i64> {
    /// All zero: the program never stored this slot.
    NotStored,
    /// `Ok(Some(value))`.
    Value(V),
    /// `Ok(None)`: the field does not exist in the target.
    Missing,
    /// `Err(SizeMismatch { expected, actual })`.
    SizeMismatch {
        /// The declared size.
        expected: i64,
        /// The target's size.
        actual: i64,
    },
    /// `Err(ProbeRead(code))`.
    ProbeRead(i64),
    /// `Err(NullPointer)`.
    NullPointer,
    /// `Err(IndexOutOfBounds { index, len })`.
    IndexOutOfBounds {
        /// The index asked for.
        index: i64,
        /// The target array's length.
        len: i64,
    },
    /// Anything else: the encoder and this decoder disagree (the first four words).
    Unknown(Raw),
}

impl<V> Outcome<V> {
    /// The same outcome with `f` applied to its value.
    pub fn map<W>(self, f: impl FnOnce(V) -> W) -> Outcome<W> {
        match self {
            Self::NotStored => Outcome::NotStored,
            Self::Value(value) => Outcome::Value(f(value)),
            Self::Missing => Outcome::Missing,
            Self::SizeMismatch { expected, actual } => Outcome::SizeMismatch { expected, actual },
            Self::ProbeRead(code) => Outcome::ProbeRead(code),
            Self::NullPointer => Outcome::NullPointer,
            Self::IndexOutOfBounds { index, len } => Outcome::IndexOutOfBounds { index, len },
            Self::Unknown(raw) => Outcome::Unknown(raw),
        }
    }
}

/// Decodes what [`encode`] stored.
pub fn decode(raw: Raw) -> Outcome {
    match raw {
        [NOT_STORED, 0, 0, 0] => Outcome::NotStored,
        [VALUE, value, 0, 0] => Outcome::Value(value),
        [MISSING, 0, 0, 0] => Outcome::Missing,
        [SIZE_MISMATCH, 0, expected, actual] => Outcome::SizeMismatch { expected, actual },
        [PROBE_READ, code, 0, 0] => Outcome::ProbeRead(code),
        [NULL_POINTER, 0, 0, 0] => Outcome::NullPointer,
        [INDEX_OUT_OF_BOUNDS, index, len, 0] => Outcome::IndexOutOfBounds { index, len },
        other => Outcome::Unknown(other),
    }
}

/// Decodes what [`encode_wide`] stored.
pub fn decode_wide(raw: WideRaw) -> Outcome<[u64; 4]> {
    match raw {
        [NOT_STORED, 0, 0, 0, 0, 0, 0] => Outcome::NotStored,
        [VALUE, 0, 0, v0, v1, v2, v3] => Outcome::Value([v0, v1, v2, v3].map(|word| word as u64)),
        [MISSING, 0, 0, 0, 0, 0, 0] => Outcome::Missing,
        [SIZE_MISMATCH, expected, actual, 0, 0, 0, 0] => Outcome::SizeMismatch { expected, actual },
        [PROBE_READ, 0, 0, code, 0, 0, 0] => Outcome::ProbeRead(code),
        [NULL_POINTER, 0, 0, 0, 0, 0, 0] => Outcome::NullPointer,
        [INDEX_OUT_OF_BOUNDS, len, 0, index, 0, 0, 0] => Outcome::IndexOutOfBounds { index, len },
        [status, a, b, c, ..] => Outcome::Unknown([status, a, b, c]),
    }
}

impl<V: fmt::Debug> fmt::Display for Outcome<V> {
    /// The getter's `Result`, as Rust prints it (`{:?}`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotStored => f.write_str("nothing (the program did not store this slot)"),
            Self::Value(value) => write!(f, "Ok(Some({value:?}))"),
            Self::Missing => f.write_str("Ok(None)"),
            Self::SizeMismatch { expected, actual } => write!(
                f,
                "Err(SizeMismatch {{ expected: {expected}, actual: {actual} }})"
            ),
            Self::ProbeRead(code) => write!(f, "Err(ProbeRead({code}))"),
            Self::NullPointer => f.write_str("Err(NullPointer)"),
            Self::IndexOutOfBounds { index, len } => {
                write!(f, "Err(IndexOutOfBounds {{ index: {index}, len: {len} }})")
            }
            Self::Unknown(raw) => write!(f, "unknown outcome {raw:?}"),
        }
    }
}

#[cfg(test)]
mod tests {
    extern crate std;

    use std::string::ToString as _;

    use super::*;

    type Result<T> = core::result::Result<Option<T>, RelocatableFieldAccessError>;

    #[test]
    fn every_result_survives_the_round_trip() {
        let cases: [(Result<i32>, Outcome); 7] = [
            (Ok(Some(-7)), Outcome::Value(-7)),
            (Ok(None), Outcome::Missing),
            (
                Err(RelocatableFieldAccessError::SizeMismatch {
                    expected: 8,
                    actual: 4,
                }),
                Outcome::SizeMismatch {
                    expected: 8,
                    actual: 4,
                },
            ),
            (
                Err(RelocatableFieldAccessError::ProbeRead(-14)),
                Outcome::ProbeRead(-14),
            ),
            (
                Err(RelocatableFieldAccessError::NullPointer),
                Outcome::NullPointer,
            ),
            (
                Err(RelocatableFieldAccessError::IndexOutOfBounds { index: 16, len: 16 }),
                Outcome::IndexOutOfBounds { index: 16, len: 16 },
            ),
            (Ok(Some(0)), Outcome::Value(0)),
        ];
        for (result, want) in cases {
            assert_eq!(decode(encode(result)), want, "{result:?}");
            assert_eq!(
                decode_wide(encode_wide(result)),
                want.map(|v| [v as u64, 0, 0, 0])
            );
        }
    }

    #[test]
    fn an_untouched_slot_is_not_a_value() {
        assert_eq!(decode([0; 4]), Outcome::NotStored);
        assert_eq!(decode_wide([0; 7]), Outcome::NotStored);
        assert_eq!(decode([9, 0, 0, 0]), Outcome::Unknown([9, 0, 0, 0]));
    }

    #[test]
    fn wide_values_keep_every_word() {
        let array: Result<[u32; 4]> = Ok(Some([1, 2, 3, u32::MAX]));
        assert_eq!(
            decode_wide(encode_wide(array)),
            Outcome::Value([1, 2, 3, u64::from(u32::MAX)])
        );
        let signed: Result<i16> = Ok(Some(-2));
        assert_eq!(
            decode_wide(encode_wide(signed)),
            Outcome::Value([u64::MAX - 1, 0, 0, 0])
        );
    }

    #[test]
    fn prints_as_rust_prints_the_result() {
        let result: Result<i64> = Err(RelocatableFieldAccessError::SizeMismatch {
            expected: 8,
            actual: 4,
        });
        assert_eq!(
            decode(encode(result)).to_string(),
            std::format!("{result:?}")
        );
        assert_eq!(Outcome::Value(7).to_string(), "Ok(Some(7))");
        assert_eq!(decode_option(encode_option(None)), None);
        assert_eq!(decode_option(encode_option(Some(24))), Some(24));
    }
}
