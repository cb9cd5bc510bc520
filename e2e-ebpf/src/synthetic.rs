//! Programs run against synthetic kernels (target BTF made up by the test): uprobes that read a
//! userspace struct through `UserPtr`.
