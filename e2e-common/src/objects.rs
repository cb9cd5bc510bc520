//! Which eBPF objects exist and where the tests find them: `cargo xtask e2e` builds `e2e-ebpf`
//! once per [`Variant`], post-links every [`Bin`] of it to `$BTF_RELOC_E2E_OBJECTS/<variant>/<bin>`
//! and runs the kernel tests with [`DIR_VAR`] set to that directory.

use core::fmt;

/// The environment variable that holds the directory of the post-linked objects.
pub const DIR_VAR: &str = "BTF_RELOC_E2E_OBJECTS";

/// The eBPF objects: the `[[bin]]`s of `e2e-ebpf/Cargo.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bin {
    /// Every aya-loaded program but the two below (`src/main.rs`); its maps are legacy
    /// `maps`-section maps, so that the variant without `.BTF` loads too.
    Main,
    /// The program libbpf loads (`src/libbpf.rs`): no legacy maps, which libbpf 1.x refuses.
    Libbpf,
    /// `bpf_core_read.h` on the running kernel (`src/core.rs`): apart, because it relocates
    /// `TYPE_SIZE`, which aya refuses for types absent from a synthetic target BTF.
    Core,
    /// `bpf_core_read.h` against synthetic kernels (`src/synthetic_core_main.rs`): apart, because
    /// it relocates `TYPE_SIZE` of types only the synthetic kernels have.
    SyntheticCore,
    /// `type_size` of a 64-bit enum (`src/enum64.rs`): apart, because aya 0.14 refuses an object
    /// with that relocation on kernels before 6.0.
    Enum64,
    /// Unions and type ids against synthetic kernels (`src/synthetic_types_main.rs`): apart,
    /// because it relocates `TYPE_SIZE` and `TYPE_ID_TARGET` of types only those kernels have.
    SyntheticTypes,
    /// `TYPE_MATCHES` (`src/type_matches.rs`), which libbpf loads and aya 0.14 refuses (it does
    /// not know the kind).
    TypeMatches,
    /// libbpf's selftest table `core_reloc` (`src/core_reloc.rs`): apart, because its programs
    /// are loaded against made-up kernels that lack every other object's types.
    CoreReloc,
    /// Its `type_based` cases (`src/core_reloc_types.rs`): `TYPE_MATCHES`, which aya 0.14
    /// refuses.
    CoreRelocTypes,
    /// Its `type_id` cases (`src/core_reloc_type_id.rs`): `TYPE_ID_TARGET` of types only some
    /// targets have.
    CoreRelocTypeId,
    /// Its `ptr_as_arr` cases (`src/core_reloc_ptr_as_arr.rs`): `TYPE_SIZE` of a type only
    /// those targets have.
    CoreRelocPtrAsArr,
    /// Its direct `bitfields` cases (`src/core_reloc_direct.rs`): direct reads have no existence
    /// check, so they do not load against the other cases' targets.
    CoreRelocDirect,
    /// `#[btf(required)]` reads (`src/required.rs`): apart, because one of its programs loads on
    /// no kernel, and libbpf loads it too (no legacy maps).
    Required,
    /// Direct reads through `BtfPtr` (`src/direct.rs`), in `tp_btf` and fentry programs, under
    /// aya and libbpf.
    Direct,
    /// A direct read aya refuses for the whole object (`src/direct_refused.rs`): apart.
    DirectRefused,
}

impl Bin {
    /// Every object.
    pub const ALL: [Self; 15] = [
        Self::Main,
        Self::Libbpf,
        Self::Core,
        Self::SyntheticCore,
        Self::Enum64,
        Self::SyntheticTypes,
        Self::TypeMatches,
        Self::CoreReloc,
        Self::CoreRelocTypes,
        Self::CoreRelocTypeId,
        Self::CoreRelocPtrAsArr,
        Self::CoreRelocDirect,
        Self::Required,
        Self::Direct,
        Self::DirectRefused,
    ];

    /// The cargo binary name, which is also the object's file name.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Main => "e2e-ebpf",
            Self::Libbpf => "e2e-libbpf",
            Self::Core => "e2e-core",
            Self::SyntheticCore => "e2e-synthetic-core",
            Self::Enum64 => "e2e-enum64",
            Self::SyntheticTypes => "e2e-synthetic-types",
            Self::TypeMatches => "e2e-type-matches",
            Self::CoreReloc => "e2e-core-reloc",
            Self::CoreRelocTypes => "e2e-core-reloc-types",
            Self::CoreRelocTypeId => "e2e-core-reloc-type-id",
            Self::CoreRelocPtrAsArr => "e2e-core-reloc-ptr-as-arr",
            Self::CoreRelocDirect => "e2e-core-reloc-direct",
            Self::Required => "e2e-required",
            Self::Direct => "e2e-direct",
            Self::DirectRefused => "e2e-direct-refused",
        }
    }
}

/// Whether an object carries the linker's `.BTF`/`.BTF.ext` (`-C link-arg=--btf`): btf-reloc
/// must work on objects the linker gave no BTF, so everything is built both ways.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    /// Built with `-C link-arg=--btf`.
    Btf,
    /// Built without it: the post-link step creates `.BTF`/`.BTF.ext` from scratch.
    NoBtf,
}

impl Variant {
    /// Both variants.
    pub const ALL: [Self; 2] = [Self::Btf, Self::NoBtf];

    /// The name of the variant's directory (of objects, and of its cargo target dir).
    pub const fn name(self) -> &'static str {
        match self {
            Self::Btf => "btf",
            Self::NoBtf => "no-btf",
        }
    }
}

impl fmt::Display for Variant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
