//! Tests against synthetic kernels: target BTF made up here and given to aya through
//! `EbpfLoader::btf`, with a uprobe reading a userspace struct laid out like each target.

use super::Test;

pub(super) const TESTS: &[Test] = &[];
