//! The same post-linked objects under other CO-RE loaders than aya.

mod libbpf;
