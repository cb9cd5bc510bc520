//! Host simulation: unit-test your eBPF logic against several kernel layouts with `cargo test`.
//!
//! On every target but `bpf`, the intrinsics and reads of this crate consult the [`Simulation`]
//! installed on the current thread: a simulated *target layout* (which kernel structs exist, and
//! where their fields sit) and simulated kernel and user *memory*. The layout becomes BTF, and
//! every relocation is resolved as the post-link step and libbpf would resolve it against a
//! kernel with that BTF, by `btf_reloc_btf::core`, the one implementation of libbpf's rules in
//! btf-reloc (which lists its few differences from libbpf): type names match after stripping a
//! `___flavor` suffix, field names match exactly, anonymous struct/union members are searched through, and a field whose type is
//! incompatible (an int where a pointer is declared, …) counts as missing. A relocation libbpf
//! would refuse (two flavors that disagree, a bitfield no 64-bit load holds, …) panics with
//! libbpf's reason. A read that is not entirely inside mapped memory, or that touches an
//! injected fault, fails like `bpf_probe_read_*` does.
//!
//! ```
//! use btf_reloc_runtime::prelude::*;
//! use btf_reloc_runtime::sim::{Memory, Simulation, Struct};
//!
//! #[derive(BtfRelocatable)]
//! #[repr(C)]
//! struct task_struct {
//!     pid: i32,
//!     tgid: i32,
//! }
//!
//! // This "kernel" has `tgid` before `pid`, with padding in front.
//! let kernel = Struct::new("task_struct", 64).int("tgid", 16, 4).int("pid", 20, 4);
//! let mut memory = Memory::new();
//! memory.map(0x1000, vec![0; 64]);
//! memory.write(0x1000 + 16, 100i32.to_ne_bytes());
//! memory.write(0x1000 + 20, 101i32.to_ne_bytes());
//!
//! let _sim = Simulation::new().with_struct(kernel).with_kernel_memory(memory).install();
//! let task = KernelPtr::<task_struct>::from_addr(0x1000);
//! assert_eq!(task.pid(), Ok(Some(101)));
//! assert_eq!(task.tgid(), Ok(Some(100)));
//! assert_eq!(task_struct::pid_byte_offset(), Some(20));
//! ```

use std::borrow::ToOwned;
use std::boxed::Box;
use std::cell::RefCell;
use std::collections::HashMap;
use std::format;
use std::marker::PhantomData;
use std::ops::Range;
use std::rc::Rc;
use std::string::{String, ToString};
use std::vec::Vec;

use btf_reloc_btf::core::{self, Relocation};
use btf_reloc_btf::{local, Kind, NewMember, TypeId};
use btf_reloc_format::descriptor::{TypeDescriptor, TypeShape};
use btf_reloc_format::paths::{self, FieldPath};
use btf_reloc_format::records::{Descriptors, TypeRef};
use btf_reloc_format::RelocKind;

use crate::field::BtfRelocatable;
use crate::ptr::Space;

/// The whole BTF model (types, kinds, the builder's `NewMember`), for building target BTF by
/// hand.
pub use btf_reloc_btf as btf;
/// BTF, as the simulation's target layouts are held: build one with its `add_*` methods or
/// parse a kernel's (`Btf::parse(&std::fs::read("/sys/kernel/btf/vmlinux")?)`), and hand it
/// to [`Simulation::with_btf`] (or give the bytes to [`Simulation::from_btf`]).
pub use btf_reloc_btf::{Btf, Error as BtfError};

/// `-EFAULT`, what the probe-read helpers return for an unreadable address.
pub const EFAULT: i32 = -14;

/// Struct or union, as BTF distinguishes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CompositeKind {
    /// `BTF_KIND_STRUCT`.
    Struct,
    /// `BTF_KIND_UNION`.
    Union,
}

/// The type of a member in a simulated target struct.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Type {
    /// An integer of `size` bytes, named in BTF as the local types name one of that size and
    /// signedness (`int`, `long long unsigned int`, …: see `btf::local::int_name`).
    Int {
        /// Size in bytes.
        size: usize,
        /// Signedness (libbpf ignores it when matching fields; `TYPE_MATCHES` compares it).
        signed: bool,
    },
    /// An anonymous enum of `size` bytes (not compatible with an int field, as in libbpf).
    Enum {
        /// Size in bytes.
        size: usize,
    },
    /// A named enum: the one of that name added with [`Simulation::with_enum`] (or in the BTF
    /// the simulation started from), or else an empty one of `size` bytes.
    NamedEnum {
        /// Type name.
        name: String,
        /// Size in bytes.
        size: usize,
    },
    /// A `void *`.
    Ptr,
    /// A pointer to the type.
    PtrTo(Box<Type>),
    /// A fixed-length array.
    Array {
        /// Element type.
        elem: Box<Type>,
        /// Number of elements.
        len: usize,
    },
    /// A named struct or union, embedded by value: the one of that kind and exact name added
    /// with [`Simulation::with_struct`], or else the one in the BTF the simulation started from
    /// ([`Simulation::with_btf`]), or else an empty one of `size` bytes.
    Composite {
        /// Struct or union.
        kind: CompositeKind,
        /// Type name.
        name: String,
        /// Size in bytes.
        size: usize,
    },
    /// An anonymous struct or union whose members are searched as if they were the parent's.
    Anonymous(Struct),
    /// `typedef <ty> <name>`.
    Typedef(String, Box<Type>),
    /// `const <ty>`.
    Const(Box<Type>),
    /// `volatile <ty>`.
    Volatile(Box<Type>),
}

impl Type {
    /// An integer of `size` bytes.
    pub fn int(size: usize, signed: bool) -> Self {
        Self::Int { size, signed }
    }

    /// An array of `len` `elem`s.
    pub fn array(elem: Type, len: usize) -> Self {
        Self::Array {
            elem: Box::new(elem),
            len,
        }
    }

    /// A named struct of `size` bytes.
    pub fn struct_named(name: &str, size: usize) -> Self {
        Self::Composite {
            kind: CompositeKind::Struct,
            name: name.into(),
            size,
        }
    }

    /// A named enum of `size` bytes (see [`Type::NamedEnum`]).
    pub fn enum_named(name: &str, size: usize) -> Self {
        Self::NamedEnum {
            name: name.into(),
            size,
        }
    }

    /// A named union of `size` bytes.
    pub fn union_named(name: &str, size: usize) -> Self {
        Self::Composite {
            kind: CompositeKind::Union,
            name: name.into(),
            size,
        }
    }
}

/// One member of a simulated target struct.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Member {
    /// Its name; `None` for an anonymous struct/union member.
    name: Option<String>,
    /// Offset in bits from the start of the enclosing struct.
    bit_offset: usize,
    /// For a bitfield, its width in bits.
    bitfield_size: Option<usize>,
    /// Its type (for a bitfield, the integer it is carved from).
    ty: Type,
}

/// A struct (or union) as the simulated target kernel lays it out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Struct {
    name: String,
    kind: CompositeKind,
    size: usize,
    members: Vec<Member>,
}

impl Struct {
    /// A struct called `name` (a `___flavor` suffix is stripped when matching) of `size` bytes.
    pub fn new(name: &str, size: usize) -> Self {
        Self {
            name: name.into(),
            kind: CompositeKind::Struct,
            size,
            members: Vec::new(),
        }
    }

    /// A union called `name` of `size` bytes.
    pub fn union(name: &str, size: usize) -> Self {
        Self {
            kind: CompositeKind::Union,
            ..Self::new(name, size)
        }
    }

    /// The layout exactly as `T` declares it: every relocatable field at its local offset (a
    /// union for a `#[derive(BtfRelocatable)]` union).
    pub fn from_local<T: BtfRelocatable>() -> Self {
        let desc = T::DESCRIPTOR;
        let mut s = match T::TYPE.base() {
            TypeDescriptor::Union(_) => Self::union(desc.name, desc.size),
            _ => Self::new(desc.name, desc.size),
        };
        for field in desc.fields {
            s = s.field(field.name, field.offset, Self::type_of(&field.shape));
        }
        s
    }

    fn type_of(shape: &TypeShape) -> Type {
        match *shape {
            TypeShape::Int { size, signed } => Type::Int { size, signed },
            TypeShape::Ptr | TypeShape::PtrTo(_) => Type::Ptr,
            TypeShape::Array { elem, len } => Type::array(Self::type_of(elem), len),
            TypeShape::Struct(desc) => Type::struct_named(desc.name, desc.size),
            TypeShape::Union(desc) => Type::union_named(desc.name, desc.size),
            TypeShape::Enum(desc) => Type::enum_named(desc.name, desc.size),
        }
    }

    /// Adds a member `name: ty` at byte `offset`.
    pub fn field(mut self, name: &str, offset: usize, ty: Type) -> Self {
        self.members.push(Member {
            name: Some(name.into()),
            bit_offset: offset.saturating_mul(8),
            bitfield_size: None,
            ty,
        });
        self
    }

    /// Adds a bitfield `name` of `bits` bits at `bit_offset` bits from the struct's start, carved
    /// from an integer of `storage` bytes (`unsigned int x:3` → storage 4, signed false).
    pub fn bitfield(
        mut self,
        name: &str,
        bit_offset: usize,
        bits: usize,
        storage: usize,
        signed: bool,
    ) -> Self {
        self.members.push(Member {
            name: Some(name.into()),
            bit_offset,
            bitfield_size: Some(bits),
            ty: Type::int(storage, signed),
        });
        self
    }

    /// Adds an integer member of `size` bytes at byte `offset`.
    pub fn int(self, name: &str, offset: usize, size: usize) -> Self {
        self.field(name, offset, Type::int(size, false))
    }

    /// Adds a pointer member at byte `offset`.
    pub fn ptr(self, name: &str, offset: usize) -> Self {
        self.field(name, offset, Type::Ptr)
    }

    /// Adds an anonymous struct/union member at byte `offset`; its members are found as if they
    /// were this struct's (at `offset` + their own offset). `inner`'s name is ignored.
    pub fn anonymous(mut self, offset: usize, inner: Struct) -> Self {
        self.members.push(Member {
            name: None,
            bit_offset: offset.saturating_mul(8),
            bitfield_size: None,
            ty: Type::Anonymous(inner),
        });
        self
    }
}

/// A simulated target enum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enum {
    name: String,
    size: usize,
    signed: bool,
    variants: Vec<(String, i64)>,
}

impl Enum {
    /// An enum called `name` (a `___flavor` suffix is stripped when matching) of `size` bytes:
    /// a `BTF_KIND_ENUM64` if `size` is 8, else a `BTF_KIND_ENUM`.
    pub fn new(name: &str, size: usize) -> Self {
        Self {
            name: name.into(),
            size,
            signed: false,
            variants: Vec::new(),
        }
    }

    /// Adds the enumerator `name = value`; a negative value makes the enum signed.
    pub fn variant(mut self, name: &str, value: i64) -> Self {
        self.signed |= value < 0;
        self.variants.push((name.into(), value));
        self
    }
}

/// Simulated memory: mapped regions of bytes, and injected faults.
#[derive(Debug, Clone, Default)]
pub struct Memory {
    regions: Vec<(u64, Vec<u8>)>,
    faults: Vec<(Range<u64>, i32)>,
}

impl Memory {
    /// Empty memory: every read fails with [`EFAULT`].
    pub fn new() -> Self {
        Self::default()
    }

    /// Maps `bytes` at address `addr`.
    pub fn map(&mut self, addr: u64, bytes: Vec<u8>) -> &mut Self {
        self.regions.push((addr, bytes));
        self
    }

    /// Overwrites mapped bytes at `addr`; bytes outside every mapped region are ignored.
    pub fn write(&mut self, addr: u64, bytes: impl AsRef<[u8]>) -> &mut Self {
        for (i, byte) in bytes.as_ref().iter().enumerate() {
            // Past the top of the address space: nowhere.
            let Some(at) = addr.checked_add(i as u64) else {
                break;
            };
            for (base, region) in &mut self.regions {
                if let Some(slot) = at
                    .checked_sub(*base)
                    .and_then(|off| region.get_mut(usize::try_from(off).ok()?))
                {
                    *slot = *byte;
                }
            }
        }
        self
    }

    /// Makes every read that overlaps `range` fail with `code` (a negative errno).
    pub fn inject_fault(&mut self, range: Range<u64>, code: i32) -> &mut Self {
        self.faults.push((range, code));
        self
    }

    /// Copies `dst.len()` bytes from `addr`, like `bpf_probe_read_*`: the whole read must be
    /// inside one mapped region and touch no injected fault. On failure `dst` is zeroed, as the
    /// helpers do.
    pub fn read(&self, addr: u64, dst: &mut [u8]) -> Result<(), i32> {
        let result = self.try_read(addr, dst);
        if result.is_err() {
            dst.fill(0);
        }
        result
    }

    fn try_read(&self, addr: u64, dst: &mut [u8]) -> Result<(), i32> {
        // The last byte read, not the one after it: a read may end at the top of the address
        // space, where `addr + len` would not fit a u64.
        let Some(last) = (dst.len() as u64).checked_sub(1) else {
            return Ok(());
        };
        let last = addr.checked_add(last).ok_or(EFAULT)?;
        if let Some((_, code)) = self
            .faults
            .iter()
            .find(|(range, _)| range.start <= last && addr < range.end)
        {
            return Err(*code);
        }
        let src = self
            .regions
            .iter()
            .find_map(|(base, region)| {
                let start = usize::try_from(addr.checked_sub(*base)?).ok()?;
                region.get(start..start.checked_add(dst.len())?)
            })
            .ok_or(EFAULT)?;
        dst.copy_from_slice(src);
        Ok(())
    }
}

/// A simulated target: kernel layouts plus kernel and user memory. [`install`](Self::install) it
/// on the current thread for the duration of a test.
#[derive(Debug, Clone, Default)]
pub struct Simulation {
    base: Option<Btf>,
    structs: Vec<Struct>,
    enums: Vec<Enum>,
    kernel: Memory,
    user: Memory,
}

impl Simulation {
    /// A target with no types and no memory.
    pub fn new() -> Self {
        Self::default()
    }

    /// A target whose layout is the BTF in `bytes` (a kernel's `/sys/kernel/btf/vmlinux`, or a
    /// copy kept as a test fixture): unit-test eBPF logic against the real layouts of the
    /// kernels it ships to. Structs and enums added with [`with_struct`](Self::with_struct) and
    /// [`with_enum`](Self::with_enum) come after its types.
    pub fn from_btf(bytes: &[u8]) -> Result<Self, BtfError> {
        Ok(Self::new().with_btf(Btf::parse(bytes)?))
    }

    /// [`from_btf`](Self::from_btf) of the running kernel's `/sys/kernel/btf/vmlinux`.
    pub fn from_vmlinux() -> Result<Self, BtfError> {
        const VMLINUX: &str = "/sys/kernel/btf/vmlinux";
        let bytes = std::fs::read(VMLINUX)
            .map_err(|error| BtfError::new(format!("cannot read {VMLINUX}: {error}")))?;
        Self::from_btf(&bytes).map_err(|error| BtfError::new(format!("{VMLINUX}: {error}")))
    }

    /// Starts the target layout from `btf` (a kernel's, or one built with [`Btf`]'s methods);
    /// structs and enums added with [`with_struct`](Self::with_struct) and
    /// [`with_enum`](Self::with_enum) come after its types.
    pub fn with_btf(mut self, btf: Btf) -> Self {
        self.base = Some(btf);
        self
    }

    /// Adds a struct to the target layout.
    pub fn with_struct(mut self, s: Struct) -> Self {
        self.structs.push(s);
        self
    }

    /// Adds an enum to the target.
    pub fn with_enum(mut self, e: Enum) -> Self {
        self.enums.push(e);
        self
    }

    /// Sets the kernel memory.
    pub fn with_kernel_memory(mut self, memory: Memory) -> Self {
        self.kernel = memory;
        self
    }

    /// Sets the user memory.
    pub fn with_user_memory(mut self, memory: Memory) -> Self {
        self.user = memory;
        self
    }

    /// The target layout as BTF: what a kernel with these types would have in
    /// `/sys/kernel/btf/vmlinux` (hand its [`to_bytes`](Btf::to_bytes) to a loader to run a
    /// real program against the same layout).
    pub fn target_btf(&self) -> Result<Btf, BtfError> {
        TargetBuilder::build(self)
    }

    /// Makes this the simulation of the current thread until the guard drops (then the previous
    /// one, if any, is back).
    ///
    /// # Panics
    ///
    /// When the layout cannot be written as BTF (see [`target_btf`](Self::target_btf)), e.g. a
    /// bitfield offset beyond 2^24 bits; [`try_install`](Self::try_install) returns that error
    /// instead.
    pub fn install(self) -> SimulationGuard {
        match self.try_install() {
            Ok(guard) => guard,
            Err(error) => invalid_layout(&error),
        }
    }

    /// [`install`](Self::install), or the reason the layout cannot be written as BTF (then
    /// nothing is installed).
    pub fn try_install(self) -> Result<SimulationGuard, BtfError> {
        let target = self.target_btf()?;
        let installed = Installed {
            target,
            kernel: self.kernel,
            user: self.user,
            cache: RefCell::new(HashMap::new()),
        };
        let previous = CURRENT.with(|c| c.replace(Some(Rc::new(installed))));
        Ok(SimulationGuard {
            previous,
            not_send: PhantomData,
        })
    }
}

#[expect(
    clippy::panic,
    reason = "a test's simulated layout is invalid: nothing to simulate"
)]
fn invalid_layout(error: &BtfError) -> ! {
    panic!("btf-reloc simulation: the target layout cannot be written as BTF: {error}")
}

/// Writes a [`Simulation`]'s structs and enums as BTF types.
struct TargetBuilder {
    btf: Btf,
    /// Named structs and unions by kind and exact name (the first of a name wins).
    named: HashMap<(CompositeKind, String), TypeId>,
    ints: HashMap<(usize, bool), TypeId>,
    void_ptr: Option<TypeId>,
}

impl TargetBuilder {
    fn build(sim: &Simulation) -> Result<Btf, BtfError> {
        let mut b = Self {
            btf: sim.base.clone().unwrap_or_default(),
            named: HashMap::new(),
            ints: HashMap::new(),
            void_ptr: None,
        };
        // Every named struct gets its id first, so that members can refer to any of them.
        let mut ids = Vec::with_capacity(sim.structs.len());
        for s in &sim.structs {
            let placeholder = b.composite_type(s, &[])?;
            let id = b.btf.add(placeholder)?;
            b.named.entry((s.kind, s.name.clone())).or_insert(id);
            ids.push(id);
        }
        for e in &sim.enums {
            let values: Vec<(&str, i64)> =
                e.variants.iter().map(|(n, v)| (n.as_str(), *v)).collect();
            let enum64 = e.size > 4;
            b.btf
                .add_enum(&e.name, u32_of(e.size)?, e.signed, enum64, &values)?;
        }
        for (s, id) in sim.structs.iter().zip(ids) {
            let members = b.members(s)?;
            let ty = b.composite_type(
                s,
                &members
                    .iter()
                    .map(|(name, m)| NewMember { name, ..*m })
                    .collect::<Vec<_>>(),
            )?;
            if let Some(slot) = b.btf.ty_mut(id) {
                *slot = ty;
            }
        }
        Ok(b.btf)
    }

    /// The struct (or union) called `name` in the BTF the simulation started from.
    fn in_base(&self, kind: CompositeKind, name: &str) -> Option<TypeId> {
        self.btf
            .types_named(name)
            .find_map(|(id, ty)| match (&ty.kind, kind) {
                (Kind::Struct(_), CompositeKind::Struct)
                | (Kind::Union(_), CompositeKind::Union) => Some(id),
                _ => None,
            })
    }

    fn composite_type(
        &mut self,
        s: &Struct,
        members: &[NewMember<'_>],
    ) -> Result<btf_reloc_btf::Type, BtfError> {
        self.btf.make_composite(
            &s.name,
            s.kind == CompositeKind::Union,
            u32_of(s.size)?,
            members,
        )
    }

    /// The members of `s`, their types added; names are owned so the borrow ends here.
    fn members(&mut self, s: &Struct) -> Result<Vec<(String, NewMember<'static>)>, BtfError> {
        s.members
            .iter()
            .map(|m| {
                let ty = self.type_id(&m.ty)?;
                Ok((
                    m.name.clone().unwrap_or_default(),
                    NewMember {
                        name: "",
                        ty,
                        bit_offset: u32_of(m.bit_offset)?,
                        bits: u32_of(m.bitfield_size.unwrap_or(0))?,
                    },
                ))
            })
            .collect()
    }

    fn type_id(&mut self, ty: &Type) -> Result<TypeId, BtfError> {
        Ok(match ty {
            Type::Int { size, signed } => match self.ints.get(&(*size, *signed)) {
                Some(&id) => id,
                None => {
                    // Named as the local BTF names ints of this size (what `TYPE_MATCHES`
                    // compares): the C names most kernel members of that size have.
                    let name = local::int_name(u32_of(*size)?, *signed);
                    let id = self.btf.add_int(&name, u32_of(*size)?, *signed)?;
                    self.ints.insert((*size, *signed), id);
                    id
                }
            },
            Type::Enum { size } => self.btf.add(btf_reloc_btf::Type {
                name_off: 0,
                kind: Kind::Enum(btf_reloc_btf::types::Enum {
                    size: u32_of(*size)?,
                    signed: false,
                    values: Vec::new(),
                }),
            })?,
            Type::NamedEnum { name, size } => {
                let existing = self
                    .btf
                    .types_named(name)
                    .find(|(_, t)| t.kind.any_enum().is_some())
                    .map(|(id, _)| id);
                match existing {
                    Some(id) => id,
                    None => {
                        let enum64 = *size > 4;
                        self.btf
                            .add_enum(name, u32_of(*size)?, false, enum64, &[])?
                    }
                }
            }
            Type::Ptr => match self.void_ptr {
                Some(id) => id,
                None => {
                    let id = self.btf.add_named("", Kind::Ptr(0))?;
                    self.void_ptr = Some(id);
                    id
                }
            },
            Type::PtrTo(inner) => {
                let inner = self.type_id(inner)?;
                self.btf.add_named("", Kind::Ptr(inner))?
            }
            Type::Array { elem, len } => {
                let elem = self.type_id(elem)?;
                self.btf.add_array(elem, u32_of(*len)?)?
            }
            Type::Composite { kind, name, size } => {
                if let Some(&id) = self.named.get(&(*kind, name.clone())) {
                    id
                } else if let Some(id) = self.in_base(*kind, name) {
                    id
                } else {
                    let empty = Struct {
                        name: name.clone(),
                        kind: *kind,
                        size: *size,
                        members: Vec::new(),
                    };
                    let ty = self.composite_type(&empty, &[])?;
                    let id = self.btf.add(ty)?;
                    self.named.insert((*kind, name.clone()), id);
                    id
                }
            }
            Type::Anonymous(inner) => {
                let members = self.members(inner)?;
                let members: Vec<NewMember<'_>> = members
                    .iter()
                    .map(|(name, m)| NewMember { name, ..*m })
                    .collect();
                let anonymous = Struct {
                    name: String::new(),
                    ..inner.clone()
                };
                let ty = self.composite_type(&anonymous, &members)?;
                self.btf.add(ty)?
            }
            Type::Typedef(name, inner) => {
                let inner = self.type_id(inner)?;
                self.btf.add_named(name, Kind::Typedef(inner))?
            }
            Type::Const(inner) => {
                let inner = self.type_id(inner)?;
                self.btf.add_named("", Kind::Const(inner))?
            }
            Type::Volatile(inner) => {
                let inner = self.type_id(inner)?;
                self.btf.add_named("", Kind::Volatile(inner))?
            }
        })
    }
}

fn u32_of(v: usize) -> Result<u32, BtfError> {
    u32::try_from(v).map_err(|_| BtfError::new(format!("{v} does not fit BTF's 32 bits")))
}

/// An installed simulation: the target as BTF, the memory, and the relocations resolved so far.
#[derive(Debug)]
struct Installed {
    target: Btf,
    kernel: Memory,
    user: Memory,
    cache: RefCell<HashMap<(&'static str, RelocKind, String), u64>>,
}

/// Keeps a [`Simulation`] installed on this thread; dropping it restores the previous one.
#[derive(Debug)]
#[must_use = "the simulation is uninstalled when the guard drops"]
pub struct SimulationGuard {
    previous: Option<Rc<Installed>>,
    not_send: PhantomData<*const ()>,
}

impl Drop for SimulationGuard {
    fn drop(&mut self) {
        let previous = self.previous.take();
        CURRENT.with(|c| c.replace(previous));
    }
}

/// The program's own side of the relocations of one local type: its descriptor records and
/// the local BTF the post-link step would write for them.
#[derive(Debug)]
struct LocalTypes {
    records: Descriptors,
    btf: Btf,
    /// The local type's id in `btf`.
    id: TypeId,
}

std::thread_local! {
    static CURRENT: RefCell<Option<Rc<Installed>>> = const { RefCell::new(None) };
    static LOCAL: RefCell<HashMap<&'static str, Rc<LocalTypes>>> = RefCell::new(HashMap::new());
}

/// The local types of `ty` (built once per thread).
fn local_types(ty: TypeDescriptor) -> Rc<LocalTypes> {
    let rust_path = ty.rust_path();
    if let Some(local) = LOCAL.with(|l| l.borrow().get(rust_path).cloned()) {
        return local;
    }
    let built = Descriptors::from_static(&[ty])
        .map_err(|e| e.to_string())
        .and_then(|records| {
            let root = match *ty.base() {
                TypeDescriptor::Struct(desc) | TypeDescriptor::Union(desc) => records
                    .struct_by_path(desc.rust_path)
                    .map(|(i, _)| TypeRef::Struct(i)),
                TypeDescriptor::Enum(desc) => records
                    .enum_by_path(desc.rust_path)
                    .map(|(i, _)| TypeRef::Enum(i)),
                // `base` strips every typedef.
                TypeDescriptor::Typedef { .. } => None,
            }
            .ok_or("the type has no record")?;
            let mut btf = Btf::new();
            let types =
                local::add_local_types(&mut btf, &records, &[root]).map_err(|e| e.to_string())?;
            let id = types.root(root).ok_or("the local type was not added")?;
            Ok(LocalTypes { records, btf, id })
        });
    let local = match built {
        Ok(local) => Rc::new(local),
        Err(why) => refused(rust_path, &why),
    };
    LOCAL.with(|l| l.borrow_mut().insert(rust_path, Rc::clone(&local)));
    local
}

#[expect(
    clippy::panic,
    reason = "an intrinsic has no error channel, and libbpf would refuse to load this program"
)]
fn refused(what: &str, why: &str) -> ! {
    panic!("btf-reloc simulation: libbpf would refuse the relocation of `{what}`: {why}")
}

/// The value of relocation `kind` of what `access` names in the local type `ty`, against the
/// installed simulation (or, with none, against the local type itself); a poisoned relocation
/// (a missing field or enumerator) is 0.
fn relocate(
    ty: TypeDescriptor,
    kind: RelocKind,
    access: impl FnOnce(&Descriptors) -> Option<String>,
) -> u64 {
    let local = local_types(ty);
    let rust_path = ty.rust_path();
    let Some(access) = access(&local.records) else {
        refused(
            rust_path,
            "the access path does not follow the type's descriptor",
        )
    };
    let current = CURRENT.with(|c| c.borrow().clone());
    let key = (rust_path, kind, access);
    if let Some(value) = current
        .as_ref()
        .and_then(|sim| sim.cache.borrow().get(&key).copied())
    {
        return value;
    }
    let relo = Relocation {
        kind,
        type_id: local.id,
        access: &key.2,
    };
    let target = current.as_ref().map_or(&local.btf, |sim| &sim.target);
    let value = match core::resolve(&local.btf, &relo, target) {
        Ok(resolution) => resolution.value.unwrap_or(0),
        Err(error) => refused(
            &core::describe(&local.btf, &relo).unwrap_or_else(|| rust_path.to_owned()),
            &error.to_string(),
        ),
    };
    if let Some(sim) = &current {
        sim.cache.borrow_mut().insert(key, value);
    }
    value
}

/// A field relocation of the path `indices` from the struct or union `root`.
pub(crate) fn field_value(root: TypeDescriptor, indices: &[usize], kind: RelocKind) -> u64 {
    relocate(root, kind, |records| {
        let (TypeDescriptor::Struct(desc) | TypeDescriptor::Union(desc)) = *root.base() else {
            return None;
        };
        let (index, _) = records.struct_by_path(desc.rust_path)?;
        let path = FieldPath::from_indices(records, index, indices)?;
        local::access_string(records, &path).ok()
    })
}

/// The check of a read the kernel refuses at load time when its field is missing (a
/// `#[btf(required)]` getter, a direct read; `what` says which): on eBPF the loader poisons the
/// read's relocations and the kernel refuses the program; the simulation panics instead.
pub(crate) fn require_field(root: TypeDescriptor, indices: &[usize], what: &str) {
    if field_value(root, indices, RelocKind::FieldExists) == 0 {
        would_not_load(format!(
            "its {what} `{}` does not exist in the target",
            field_name(root, indices)
        ));
    }
}

/// A read the kernel refuses at load time because its field is `actual` bytes where it reads
/// `expected` (`what` and `why` say which read, and why no loader adjusts it).
pub(crate) fn refuse_size(
    root: TypeDescriptor,
    indices: &[usize],
    what: &str,
    actual: usize,
    expected: usize,
) -> ! {
    would_not_load(format!(
        "its {what} `{}` is {actual} bytes in the target, declared {expected}",
        field_name(root, indices)
    ))
}

#[expect(
    clippy::panic,
    reason = "a read has no error for this: on eBPF the program would not load"
)]
fn would_not_load(why: String) -> ! {
    panic!("btf-reloc simulation: the program would not load: {why}")
}

/// `struct.field.field` of the path `indices` from `root`, by kernel names, as `link` and
/// `check` name it (`paths::render_path`).
fn field_name(root: TypeDescriptor, indices: &[usize]) -> String {
    let local = local_types(root);
    let (TypeDescriptor::Struct(desc) | TypeDescriptor::Union(desc)) = *root.base() else {
        return root.rust_path().to_owned();
    };
    local
        .records
        .struct_by_path(desc.rust_path)
        .and_then(|(index, _)| FieldPath::from_indices(&local.records, index, indices))
        .map_or_else(
            || root.rust_path().to_owned(),
            |path| paths::render_path(&local.records, &path),
        )
}

/// A type relocation of `ty`.
pub(crate) fn type_value(ty: TypeDescriptor, kind: RelocKind) -> u64 {
    relocate(ty, kind, |_| Some("0".to_owned()))
}

/// An enumerator relocation of variant `index` of the enum `ty`.
pub(crate) fn enum_value(ty: TypeDescriptor, index: usize, kind: RelocKind) -> u64 {
    relocate(ty, kind, |_| Some(index.to_string()))
}

/// Reads `dst.len()` bytes at `addr` from the current simulation's memory for `space`.
pub(crate) fn read(space: Space, addr: u64, dst: &mut [u8]) -> Result<(), i32> {
    let current = CURRENT.with(|c| c.borrow().clone());
    match current {
        Some(sim) => match space {
            Space::Kernel => sim.kernel.read(addr, dst),
            Space::User => sim.user.read(addr, dst),
        },
        None => {
            dst.fill(0);
            Err(EFAULT)
        }
    }
}
