//! The one error type of the crate: every malformed input ends here, with enough context (section,
//! instruction index, byte offset) to find the culprit.

use std::{fmt, io, path::PathBuf};

/// Why an object could not be post-linked or dumped.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// Reading or writing a file failed.
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: io::Error,
    },
    /// Writing the post-linked object failed, or was refused (a symbolic link to nothing, a
    /// file with several hard links in place); the destination is as it was and no temporary
    /// file is left behind.
    Write {
        /// The file that was to be written (symbolic links followed).
        path: PathBuf,
        /// The underlying error.
        source: io::Error,
    },
    /// The input does not start with the ELF magic.
    NotElf,
    /// A well-formed ELF file that is not a 64-bit little-endian relocatable eBPF object.
    Unsupported(String),
    /// The ELF structure is inconsistent (headers pointing past the end of the file, …).
    MalformedElf(String),
    /// A record in the descriptor section cannot be decoded or is invalid.
    Descriptor(btf_reloc_format::decode::DecodeError),
    /// The descriptor records are valid but cannot be written as BTF (a struct too large for
    /// BTF's 32-bit bit offsets, …).
    LocalTypes(String),
    /// Two different access paths, types or enum values share one marker id (a hash
    /// collision).
    IdCollision {
        /// The shared id.
        id: u32,
        /// The first target, e.g. `task_struct.se.vruntime (demo::TaskStruct)`.
        first: String,
        /// The second target.
        second: String,
    },
    /// The descriptor records describe more access paths than the post-link step enumerates.
    TooManyPaths {
        /// The limit.
        limit: usize,
    },
    /// A marker instruction that cannot be post-linked.
    Marker {
        /// The ELF section holding the instruction.
        section: String,
        /// Index of the instruction (byte offset / 8) in its section.
        insn: usize,
        /// What is wrong.
        message: String,
    },
    /// An entry of a direct-load section (`btf_reloc_format::DIRECT_SECTION`) that does not
    /// name a load to relocate (the problems of the load it names are [`Error::Marker`]s).
    Direct {
        /// The direct-load section.
        section: String,
        /// Index of the entry (byte offset / 16) in its section.
        entry: usize,
        /// What is wrong.
        message: String,
    },
    /// Marker instructions exist but the object has no descriptors to resolve them with.
    MarkersWithoutDescriptors {
        /// Number of markers found.
        count: usize,
        /// Section of the first marker.
        section: String,
        /// Instruction index of the first marker.
        insn: usize,
    },
    /// The `.BTF` section is malformed or uses an unsupported layout.
    Btf(String),
    /// The `.BTF.ext` section is malformed or uses an unsupported layout.
    BtfExt(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Self::Write { path, source } => write!(
                f,
                "{}: {source} (not written; the file is as it was)",
                path.display()
            ),
            Self::NotElf => {
                f.write_str("not an ELF file (bad magic or shorter than an ELF header)")
            }
            Self::Unsupported(msg) => write!(f, "unsupported object: {msg}"),
            Self::MalformedElf(msg) => write!(f, "malformed ELF: {msg}"),
            Self::Descriptor(error) => error.fmt(f),
            Self::LocalTypes(msg) => {
                write!(f, "the descriptor records cannot be written as BTF: {msg}")
            }
            Self::IdCollision { id, first, second } => write!(
                f,
                "descriptor id {id:#010x} is shared by `{first}` and `{second}` (hash collision; \
                 rename one of the types)"
            ),
            Self::TooManyPaths { limit } => write!(
                f,
                "the descriptor records describe more than {limit} access paths (deeply nested \
                 embedded structs and arrays?); btf-reloc-link enumerates at most that many"
            ),
            Self::Marker {
                section,
                insn,
                message,
            } => write!(f, "section `{section}`, instruction {insn}: {message}"),
            Self::Direct {
                section,
                entry,
                message,
            } => write!(
                f,
                "section `{section}`, direct-load entry {entry}: {message}"
            ),
            Self::MarkersWithoutDescriptors {
                count,
                section,
                insn,
            } => write!(
                f,
                "{count} marker instruction(s) (first in section `{section}`, instruction {insn}) \
                 but no descriptor records in `{}`; was the object built with btf-reloc-runtime \
                 and the descriptor statics kept by the linker?",
                btf_reloc_format::DESCRIPTOR_SECTION
            ),
            Self::Btf(msg) => write!(f, "bad .BTF section: {msg}"),
            Self::BtfExt(msg) => write!(f, "bad .BTF.ext section: {msg}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Io { source, .. } | Self::Write { source, .. } => Some(source),
            _ => None,
        }
    }
}

impl From<btf_reloc_format::decode::DecodeError> for Error {
    fn from(error: btf_reloc_format::decode::DecodeError) -> Self {
        Self::Descriptor(error)
    }
}

impl From<btf_reloc_btf::Error> for Error {
    fn from(error: btf_reloc_btf::Error) -> Self {
        Self::Btf(error.message().to_owned())
    }
}

/// Result with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
