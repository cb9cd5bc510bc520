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
    /// `bpf_probe_read_kernel` / `bpf_probe_read_user` failed with this (negative errno) code,
    /// e.g. `-14` (`EFAULT`) for an unmapped address.
    ProbeRead(i32),
}

impl fmt::Display for RelocatableFieldAccessError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::SizeMismatch { expected, actual } => write!(
                f,
                "field size mismatch: declared {expected} bytes, target has {actual} bytes"
            ),
            Self::ProbeRead(code) => write!(f, "probe read failed with error {code}"),
        }
    }
}

impl core::error::Error for RelocatableFieldAccessError {}
