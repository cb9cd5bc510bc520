//! The naming rules of BTF and libbpf: which strings can name a type or member, and how a
//! `___flavor` suffix is ignored when types are matched.

/// Longest name accepted: the kernel checks BTF names against `KSYM_NAME_LEN` (terminator
/// included), which is 128 before Linux 6.1 and 512 since; 127 loads on every kernel.
pub const MAX_NAME_LEN: usize = 127;

/// Whether `name` is a C identifier the kernel accepts in BTF: ASCII letters, digits and `_`,
/// not starting with a digit, at most [`MAX_NAME_LEN`] bytes.
pub const fn is_c_identifier(name: &str) -> bool {
    let b = name.as_bytes();
    if b.is_empty() || b.len() > MAX_NAME_LEN || b[0].is_ascii_digit() {
        return false;
    }
    let mut i = 0;
    while i < b.len() {
        if !(b[i].is_ascii_alphanumeric() || b[i] == b'_') {
            return false;
        }
        i += 1;
    }
    true
}

/// Strips a `___flavor` suffix: `task_struct___v58` → `task_struct`.
///
/// libbpf's `bpf_core_essential_name_len`: the last `X___Y` where neither `X` nor `Y` is an
/// underscore separates the name from its flavor.
pub fn essential_name(name: &str) -> &str {
    let b = name.as_bytes();
    let mut i = b.len().saturating_sub(4);
    while i > 0 {
        if b[i - 1] != b'_' && &b[i..i + 3] == b"___" && b[i + 3] != b'_' {
            return &name[..i];
        }
        i -= 1;
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flavor_is_stripped() {
        assert_eq!(essential_name("task_struct___v58"), "task_struct");
        assert_eq!(essential_name("task_struct"), "task_struct");
        assert_eq!(essential_name("a___b___c"), "a___b");
        assert_eq!(essential_name("a____b"), "a____b");
        assert_eq!(essential_name("___b"), "___b");
        assert_eq!(essential_name("x___"), "x___");
        assert_eq!(essential_name(""), "");
    }

    #[test]
    fn c_identifiers() {
        for ok in ["a", "_", "__state", "task_struct", "x1", "A_B"] {
            assert!(is_c_identifier(ok), "{ok}");
        }
        for bad in ["", "1x", "a-b", "a b", "é", "a.b"] {
            assert!(!is_c_identifier(bad), "{bad}");
        }
        let long = [b'a'; MAX_NAME_LEN + 1];
        let long = core::str::from_utf8(&long).unwrap_or_default();
        assert!(!is_c_identifier(long));
        assert!(is_c_identifier(&long[..MAX_NAME_LEN]));
    }
}
