//! How a program stores one getter's result for userspace to check: `[status, a, b, c]` with
//! status 0 = `Ok(Some(a))`, 1 = `Ok(None)`, 2 = `Err(SizeMismatch { expected: b, actual: c })`,
//! 3 = `Err(ProbeRead(a))`, 4 = `Err(NullPointer)`, 5 = `Err(IndexOutOfBounds { index: a,
//! len: b })`. `xtask/src/outcome.rs` decodes it.

use btf_reloc_runtime::RelocatableFieldAccessError;

/// One encoded getter result.
pub type Outcome = [i64; 4];

/// Encodes a getter's result.
#[inline(always)]
pub fn outcome<T: Into<i64>>(result: Result<Option<T>, RelocatableFieldAccessError>) -> Outcome {
    match result {
        Ok(Some(value)) => [0, value.into(), 0, 0],
        Ok(None) => [1, 0, 0, 0],
        Err(RelocatableFieldAccessError::SizeMismatch { expected, actual }) => {
            [2, 0, expected as i64, actual as i64]
        }
        Err(RelocatableFieldAccessError::ProbeRead(code)) => [3, code.into(), 0, 0],
        Err(RelocatableFieldAccessError::NullPointer) => [4, 0, 0, 0],
        Err(RelocatableFieldAccessError::IndexOutOfBounds { index, len }) => {
            [5, index as i64, len as i64, 0]
        }
    }
}
