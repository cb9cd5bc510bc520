//! The 32-bit ids a marker instruction carries: FNV-1a hashes of what the marker is about.
//!
//! - A field: the *access path* from a root struct: [`id_seed`] of the root's `rust_path`,
//!   stepped ([`id_step`]) with each index of the path: member indices (in declaration order,
//!   skipped fields not counted) through structs, embedded structs followed through their own
//!   descriptors, and `0` for "element 0" of an array.
//! - A struct or enum (the type kinds): `id_seed(rust_path)`.
//! - An enumerator: `id_step(id_seed(enum rust_path), variant index)`.
//!
//! The hash cannot be inverted; the post-link step enumerates the paths of every descriptor
//! ([`crate::paths`]) to map ids back.

const FNV_OFFSET: u32 = 0x811c_9dc5;
const FNV_PRIME: u32 = 0x0100_0193;

/// FNV-1a of a Rust type path: the start of every id of that type.
pub const fn id_seed(rust_path: &str) -> u32 {
    let bytes = rust_path.as_bytes();
    let mut hash = FNV_OFFSET;
    let mut i = 0;
    while i < bytes.len() {
        hash = (hash ^ bytes[i] as u32).wrapping_mul(FNV_PRIME);
        i += 1;
    }
    hash
}

/// Continues an id hash with one more index (its four little-endian bytes).
pub const fn id_step(hash: u32, index: usize) -> u32 {
    let bytes = (index as u32).to_le_bytes();
    let mut hash = hash;
    let mut i = 0;
    while i < 4 {
        hash = (hash ^ bytes[i] as u32).wrapping_mul(FNV_PRIME);
        i += 1;
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_reference_values() {
        // FNV-1a 32 of "" and "a" (the published test vectors).
        assert_eq!(id_seed(""), 0x811c_9dc5);
        assert_eq!(id_seed("a"), 0xe40c_292c);
        assert_ne!(id_step(id_seed("a"), 0), id_step(id_seed("a"), 1));
    }
}
