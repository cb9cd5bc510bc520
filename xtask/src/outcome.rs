//! How the e2e eBPF programs report a getter's result to userspace, and its decoding.
//!
//! A program cannot hand a `Result` to userspace, so each getter call is stored as four `i64`s,
//! `[status, a, b, c]`, as `e2e-ebpf/src/outcome.rs` encodes it.

use std::fmt;

/// One encoded getter result, as a program stores it.
pub(crate) type Raw = [i64; 4];

/// A decoded getter result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// `Ok(Some(value))`.
    Value(i64),
    /// `Ok(None)`: the field does not exist in the running kernel.
    Missing,
    /// `Err(SizeMismatch { expected, actual })`.
    SizeMismatch { expected: i64, actual: i64 },
    /// `Err(ProbeRead(code))`.
    ProbeRead(i64),
    /// `Err(NullPointer)`.
    NullPointer,
    /// `Err(IndexOutOfBounds { index, len })`.
    IndexOutOfBounds { index: i64, len: i64 },
    /// Anything else: the program and this decoder disagree (or the program never ran).
    Unknown(Raw),
}

impl Outcome {
    pub(crate) fn decode(raw: Raw) -> Self {
        match raw {
            [0, value, 0, 0] => Self::Value(value),
            [1, 0, 0, 0] => Self::Missing,
            [2, 0, expected, actual] => Self::SizeMismatch { expected, actual },
            [3, code, 0, 0] => Self::ProbeRead(code),
            [4, 0, 0, 0] => Self::NullPointer,
            [5, index, len, 0] => Self::IndexOutOfBounds { index, len },
            other => Self::Unknown(other),
        }
    }
}

impl fmt::Display for Outcome {
    /// The getter's `Result`, as Rust would print it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Value(value) => write!(f, "Ok(Some({value}))"),
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

/// `Ok(())` if `got` is `want`, else an error naming `what`.
pub(crate) fn expect(what: &str, got: Outcome, want: Outcome) -> crate::Result<()> {
    if got == want {
        Ok(())
    } else {
        Err(format!("{what}: got {got}, expected {want}").into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_every_status() {
        assert_eq!(Outcome::decode([0, 7, 0, 0]), Outcome::Value(7));
        assert_eq!(Outcome::decode([1, 0, 0, 0]), Outcome::Missing);
        assert_eq!(
            Outcome::decode([2, 0, 8, 4]),
            Outcome::SizeMismatch {
                expected: 8,
                actual: 4
            }
        );
        assert_eq!(Outcome::decode([3, -14, 0, 0]), Outcome::ProbeRead(-14));
        assert_eq!(Outcome::decode([4, 0, 0, 0]), Outcome::NullPointer);
        assert_eq!(
            Outcome::decode([5, 16, 16, 0]),
            Outcome::IndexOutOfBounds { index: 16, len: 16 }
        );
        assert_eq!(
            Outcome::decode([9, 0, 0, 0]),
            Outcome::Unknown([9, 0, 0, 0])
        );
        assert_eq!(
            Outcome::decode([2, 0, 8, 4]).to_string(),
            "Err(SizeMismatch { expected: 8, actual: 4 })"
        );
    }
}
