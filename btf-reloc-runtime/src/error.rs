//! The error a relocatable field read can end in.

use core::fmt;

/// Why a relocatable field could not be read.
///
/// A field that does not exist in the running kernel is not an error: getters return `Ok(None)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RelocatableFieldAccessError {
    /// The field exists in the target, but its size differs from the declared type's size, so
    /// reading it into the declared type would truncate or over-read.
    SizeMismatch {
        /// Size of the declared Rust type, in bytes.
        expected: usize,
        /// Size of the field in the target (the running kernel), in bytes.
        actual: usize,
    },
    /// `bpf_probe_read_kernel` / `bpf_probe_read_user` (or their `_str` forms) failed with this
    /// (negative errno) code, e.g. `-14` (`EFAULT`) for an unmapped address.
    ProbeRead(i32),
    /// The handle (or the pointer a string field holds) is null: nothing was read. Reported
    /// apart from a fault, so that a null link in a pointer chain (`task->mm` of a kernel
    /// thread) is not mistaken for a bad address or a zero.
    NullPointer,
    /// An array element beyond the target array's length.
    IndexOutOfBounds {
        /// The requested index.
        index: usize,
        /// The array's length in the target.
        len: usize,
    },
}

impl fmt::Display for RelocatableFieldAccessError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::SizeMismatch { expected, actual } => write!(
                f,
                "field size mismatch: declared {expected} bytes, target has {actual} bytes"
            ),
            Self::ProbeRead(code) => write!(f, "probe read failed with error {code}"),
            Self::NullPointer => f.write_str("null pointer"),
            Self::IndexOutOfBounds { index, len } => {
                write!(f, "index {index} out of bounds for a target array of {len}")
            }
        }
    }
}

impl core::error::Error for RelocatableFieldAccessError {}
