//! The same post-linked objects under other CO-RE loaders than aya (libbpf through bpftool).

use super::Test;

pub(super) const TESTS: &[Test] = &[];
