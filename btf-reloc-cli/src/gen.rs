//! Rust declarations of kernel types, generated from BTF: what `btf-reloc gen` prints. Owns the
//! spec syntax ([`Spec`]), the choice of what to declare and how ([`plan`] → [`Plan`]), and its
//! rendering as Rust source that compiles with `#[derive(BtfRelocatable)]` /
//! `#[derive(BtfEnum)]` as it is ([`Plan::render`], [`generate`]).
//!
//! What is declared, and why:
//! - A requested struct gets the members named in its spec, or all of them; members of
//!   anonymous structs and unions are declared as fields of the enclosing struct (the
//!   relocation searches anonymous members by name, as libbpf does). Members keep the kernel's
//!   order; the derive needs neither padding nor the members left out.
//! - A struct embedded by value becomes a derived struct of its own, declared once, with only
//!   the members reached (all of them when the embedding member was asked for as a whole). An
//!   anonymous one is named after its typedef (`kuid_t`) or after the member holding it
//!   (`dentry__d_u`). Neither can be the root of a relocation (libbpf finds roots by name), so
//!   their own `*_byte_offset()` queries answer `None`: they are read through the struct that
//!   embeds them.
//! - A union embedded by value is declared as a struct of its members: the derive has no unions,
//!   but CO-RE matches an embedded struct with a union (composites match composites) and finds
//!   each member by name at the kernel's offset. Only the local layout is not the kernel's, which
//!   the relocations never read. A union cannot be requested as a root (libbpf matches a root's
//!   kind exactly).
//! - A pointer to a struct declared in the same output is a `KernelPtr<T>` (`UserPtr<T>` when
//!   the kernel's BTF tags it `__user`), so reads chain; a pointer to bytes (`char *`) is a
//!   `KernelPtr<u8>` (strings, `read_bytes`); any other pointer is a raw pointer to its integer
//!   pointee or to `c_void`, with the kernel's C type in the doc comment.
//! - Typedefs are resolved to what they name; integers become `u8`..`u64` / `i8`..`i64` (`char`
//!   and `bool` are `u8`); a bitfield is `#[btf(bitfield)]` of the smallest integer that holds
//!   it; arrays keep their dimensions.
//! - What the derive cannot express is left out with a `// Not declared: ...` comment saying why:
//!   enum-typed members (libbpf matches an enum only with an enum, the derive declares
//!   integers), floats, 128-bit integers, incomplete types. A kernel enum asked for by name is a
//!   `#[derive(BtfEnum)]` enum whose variants keep the kernel's enumerator names.
//! - Names: the kernel's, when Rust accepts them as they are. Keywords become raw identifiers
//!   (`r#type`: the derive reads the kernel name through `r#`); a member whose name is not
//!   snake case, is a method every handle has (`clone`, `eq`, …), or would make two generated
//!   methods clash (`comm` next to `comm_at`) gets another Rust name and
//!   `#[btf(rename = "...")]`; so does a type whose name Rust cannot take.
//! - Output is deterministic (the requested types in the order asked, then the embedded ones in
//!   the order first reached) and formatted as rustfmt formats it.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::{self, Write as _};
use std::rc::Rc;
use std::str::FromStr;

use btf_reloc_btf::types::{Int, INT_BOOL, INT_CHAR, INT_SIGNED};
use btf_reloc_btf::{Btf, Kind, Type, TypeId};
use btf_reloc_format::is_c_identifier;

/// How deep anonymous members, typedef chains and C spellings are followed before the BTF is
/// called malformed (libbpf allows 32 typedefs and modifiers, and 64 access steps).
const MAX_DEPTH: usize = 64;
/// Most members one struct may offer through its anonymous members: bounds the work on BTF whose
/// anonymous members share types (a DAG would otherwise be walked once per path).
const MAX_MEMBERS: usize = 1 << 16;

/// One type to declare: `task_struct` (every member) or `task_struct:pid,comm,se.vruntime`
/// (only these; a dotted path goes through embedded structs and through pointers to named
/// structs, which are then declared too).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spec {
    /// The kernel type name (struct, enum, or a typedef of one).
    pub name: String,
    /// The member paths asked for; `None` for all of them. For an enum, enumerator names.
    pub paths: Option<Vec<Vec<String>>>,
}

impl FromStr for Spec {
    type Err = Error;

    fn from_str(spec: &str) -> Result<Self, Error> {
        let bad = |why: String| Error::Spec {
            spec: spec.to_owned(),
            why,
        };
        let (name, list) = match spec.split_once(':') {
            Some((name, list)) => (name, Some(list)),
            None => (spec, None),
        };
        if !is_c_identifier(name) {
            return Err(bad(format!(
                "`{name}` is not a type name (a C identifier: letters, digits and `_`)"
            )));
        }
        let paths = match list {
            None => None,
            Some(list) => {
                let mut paths = Vec::new();
                for path in list.split(',') {
                    let steps: Vec<String> = path.split('.').map(str::to_owned).collect();
                    if let Some(step) = steps.iter().find(|s| !is_c_identifier(s)) {
                        return Err(bad(if path.is_empty() {
                            "an empty member name (write `type:a,b` or just `type` for all \
                             members)"
                                .to_owned()
                        } else {
                            format!("`{step}` in `{path}` is not a member name")
                        }));
                    }
                    paths.push(steps);
                }
                Some(paths)
            }
        };
        Ok(Self {
            name: name.to_owned(),
            paths,
        })
    }
}

impl fmt::Display for Spec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)?;
        if let Some(paths) = &self.paths {
            let paths: Vec<String> = paths.iter().map(|p| p.join(".")).collect();
            write!(f, ":{}", paths.join(","))?;
        }
        Ok(())
    }
}

/// Why nothing could be generated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// A spec that does not parse.
    Spec {
        /// The spec as given.
        spec: String,
        /// What is wrong with it.
        why: String,
    },
    /// No struct, union, enum or typedef of that name.
    UnknownType {
        /// The name asked for.
        name: String,
        /// The nearest type names, closest first.
        nearest: Vec<String>,
    },
    /// The type has no member (or enumerator) of that name.
    UnknownMember {
        /// The type, as C spells it.
        in_type: String,
        /// The member asked for.
        name: String,
        /// The nearest member names, closest first.
        nearest: Vec<String>,
    },
    /// The type exists but cannot be declared as asked.
    Unsupported {
        /// The type or member path.
        what: String,
        /// Why, and what to do instead.
        why: String,
    },
    /// The BTF is malformed where the generator looked.
    Btf(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let nearest = |f: &mut fmt::Formatter<'_>, nearest: &[String]| {
            if nearest.is_empty() {
                return Ok(());
            }
            let names: Vec<String> = nearest.iter().map(|n| format!("`{n}`")).collect();
            write!(f, "; nearest: {}", names.join(", "))
        };
        match self {
            Self::Spec { spec, why } => write!(f, "spec `{spec}`: {why}"),
            Self::UnknownType { name, nearest: n } => {
                write!(
                    f,
                    "no struct, union, enum or typedef named `{name}` in the BTF"
                )?;
                nearest(f, n)
            }
            Self::UnknownMember {
                in_type,
                name,
                nearest: n,
            } => {
                write!(f, "`{in_type}` has no member `{name}`")?;
                nearest(f, n)
            }
            Self::Unsupported { what, why } => write!(f, "`{what}`: {why}"),
            Self::Btf(why) => write!(f, "malformed BTF: {why}"),
        }
    }
}

impl std::error::Error for Error {}

/// Where the BTF came from, for the header of the output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The path as the user gave it.
    pub path: String,
    /// Its length in bytes.
    pub len: usize,
    /// FNV-1a (64-bit) of its bytes: enough to tell two BTFs apart.
    pub fnv1a64: u64,
    /// The kernel release (`uname -r`), when the BTF is the running kernel's.
    pub kernel_release: Option<String>,
}

impl Source {
    /// Describes the BTF `bytes` read from `path`.
    pub fn new(path: impl Into<String>, bytes: &[u8], kernel_release: Option<String>) -> Self {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for &b in bytes {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
        Self {
            path: path.into(),
            len: bytes.len(),
            fnv1a64: hash,
            kernel_release,
        }
    }
}

/// Parses `bytes` and generates the declarations `specs` ask for: the whole of `btf-reloc gen`.
pub fn generate(bytes: &[u8], specs: &[Spec], source: &Source) -> Result<Generated, Error> {
    let btf = Btf::parse(bytes).map_err(|e| Error::Btf(e.to_string()))?;
    let plan = plan(&btf, specs)?;
    Ok(Generated {
        source: plan.render(source, specs),
        warnings: plan.warnings,
    })
}

/// What [`generate`] made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// The Rust source.
    pub source: String,
    /// Members asked for by name that could not be declared (each is also a comment in the
    /// source).
    pub warnings: Vec<String>,
}

/// The declarations to generate, before rendering.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// Structs and enums, in output order.
    pub items: Vec<Item>,
    /// Members asked for by name that are not declared, and why.
    pub warnings: Vec<String>,
}

/// One declaration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// A `#[derive(BtfRelocatable)]` struct.
    Struct(StructItem),
    /// A `#[derive(BtfEnum)]` enum.
    Enum(EnumItem),
}

/// A struct to declare.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StructItem {
    /// The Rust name.
    pub rust_name: String,
    /// The name the derive gives its local BTF type (`#[btf(name)]` when not the Rust name).
    pub kernel_name: String,
    /// What the kernel type is.
    pub origin: Origin,
    /// Whether it is a union in the kernel (declared as a struct all the same).
    pub union: bool,
    /// Its size at generation time.
    pub size: u32,
    /// How many members it offers (through anonymous members).
    pub members: usize,
    /// The fields, in the kernel's order.
    pub fields: Vec<Field>,
    /// Members reached but not declared, and why (each is a comment among the fields).
    pub omitted: Vec<Omitted>,
}

impl StructItem {
    /// Whether relocations can start at this type (a kernel struct of this name exists), so
    /// that its `*_byte_offset()` queries answer and a `KernelPtr` to it reads.
    pub fn is_root(&self) -> bool {
        matches!(self.origin, Origin::Named) && !self.union
    }
}

/// Where a declared type comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A named kernel struct or union.
    Named,
    /// An anonymous struct or union named by this typedef.
    Typedef,
    /// The anonymous struct or union of this member of another declared type (its Rust name,
    /// the member's kernel name).
    Member {
        /// The Rust name of the type holding the member.
        parent: String,
        /// The member's kernel name.
        member: String,
    },
}

/// A member declared as a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// The Rust identifier (`r#type` for a keyword).
    pub rust_name: String,
    /// The kernel member name.
    pub kernel_name: String,
    /// The Rust type.
    pub ty: String,
    /// The member's type as C spells it.
    pub c_type: String,
    /// Offset in bits from the start of the struct (through anonymous members).
    pub bit_offset: u64,
    /// Size in bytes (for a bitfield, of its declared integer type in the kernel).
    pub size: u64,
    /// Bitfield width in bits, `None` for a plain member.
    pub bitfield: Option<u32>,
    /// Whether the kernel's integer is signed (what a bitfield read sign-extends by).
    pub signed: bool,
    /// The innermost anonymous struct (`Some(false)`) or union (`Some(true)`) holding the
    /// member, if any.
    pub anonymous: Option<bool>,
}

impl Field {
    /// The name the derive builds the query methods from (`type` for `r#type`).
    pub fn method_base(&self) -> &str {
        self.rust_name.strip_prefix("r#").unwrap_or(&self.rust_name)
    }
}

/// A member left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Omitted {
    /// The member's kernel name.
    pub name: String,
    /// Its type as C spells it.
    pub c_type: String,
    /// Its bit offset.
    pub bit_offset: u64,
    /// Why it is not declared.
    pub why: String,
    /// How many declared fields precede it.
    pub after: usize,
}

/// An enum to declare.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnumItem {
    /// The Rust name.
    pub rust_name: String,
    /// The kernel name (`#[btf(name)]` when not the Rust name).
    pub kernel_name: String,
    /// Whether it is named by a typedef (libbpf looks enums up by their own name).
    pub typedef: bool,
    /// Size in bytes.
    pub size: u32,
    /// Number of enumerators in the kernel.
    pub count: usize,
    /// The variants: `(Rust name, kernel name, value at generation time as C prints it)`.
    pub variants: Vec<(String, String, String)>,
}

/// The order in which a spec's name picks among types of that name: a struct first, then a
/// union, an enum, a typedef, a forward declaration; `None` for kinds a spec cannot name.
fn rank(kind: &Kind) -> Option<u8> {
    match kind {
        Kind::Struct(_) => Some(0),
        Kind::Union(_) => Some(1),
        Kind::Enum(_) | Kind::Enum64(_) => Some(2),
        Kind::Typedef(_) => Some(3),
        Kind::Fwd { .. } => Some(4),
        _ => None,
    }
}

/// Decides what to declare for `specs` in `btf`.
pub fn plan(btf: &Btf, specs: &[Spec]) -> Result<Plan, Error> {
    // One pass over the types instead of one per spec and per pointer step: a vmlinux has over
    // a hundred thousand.
    let mut by_name: HashMap<&str, Vec<TypeId>> = HashMap::new();
    for (id, ty) in btf.types() {
        if rank(&ty.kind).is_some() {
            by_name.entry(btf.name(ty)).or_default().push(id);
        }
    }
    let mut builder = Builder {
        btf,
        by_name,
        flat: HashMap::new(),
        comps: BTreeMap::new(),
        requested: Vec::new(),
        reached: Vec::new(),
        enums: Vec::new(),
        warnings: Vec::new(),
        asked: BTreeSet::new(),
    };
    for spec in specs {
        builder.request(spec)?;
    }
    builder.finish()
}

/// A member as the relocation sees it: by name, through anonymous members.
#[derive(Debug, Clone)]
struct Flat {
    name: String,
    ty: TypeId,
    bit_offset: u64,
    /// The bitfield size from the struct's `kind_flag` encoding (0 for none).
    bits: u32,
    anonymous: Option<bool>,
}

/// Which members of a type to declare.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Want {
    All,
    Names(BTreeSet<String>),
}

/// How a type reached without a name of its own got one.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Hint {
    Named(String),
    Typedef(String),
    Member { parent: TypeId, member: String },
}

#[derive(Debug)]
struct Comp {
    want: Want,
    hint: Hint,
}

struct Builder<'a> {
    btf: &'a Btf,
    /// The structs, unions, enums, typedefs and forward declarations by name, ids ascending.
    by_name: HashMap<&'a str, Vec<TypeId>>,
    flat: HashMap<TypeId, Rc<Vec<Flat>>>,
    comps: BTreeMap<TypeId, Comp>,
    requested: Vec<TypeId>,
    reached: Vec<TypeId>,
    enums: Vec<(TypeId, String, bool, Want)>,
    warnings: Vec<String>,
    /// `(type, member)` pairs asked for by name, so that leaving one out is warned about.
    asked: BTreeSet<(TypeId, String)>,
}

/// What a spec's name stands for.
enum Found {
    Composite(TypeId, Hint),
    Enum(TypeId, String, bool),
}

impl Builder<'_> {
    fn ty(&self, id: TypeId) -> Result<&Type, Error> {
        self.btf
            .ty(id)
            .ok_or_else(|| Error::Btf(format!("type id {id} is out of range")))
    }

    /// The types called `name` that a spec or a pointer can name, ids ascending.
    fn named(&self, name: &str) -> impl Iterator<Item = (TypeId, &Type)> + '_ {
        self.by_name
            .get(name)
            .into_iter()
            .flatten()
            .filter_map(|&id| Some((id, self.btf.ty(id)?)))
    }

    /// Finds the type a spec names: a struct first, then a union, an enum, a typedef.
    fn find(&self, name: &str) -> Result<Found, Error> {
        let Some((id, ty)) = self
            .named(name)
            .filter_map(|(id, ty)| Some((rank(&ty.kind)?, id, ty)))
            .min_by_key(|&(rank, id, _)| (rank, id))
            .map(|(_, id, ty)| (id, ty))
        else {
            return Err(Error::UnknownType {
                name: name.to_owned(),
                nearest: nearest(name, self.by_name.keys().copied()),
            });
        };
        let union_root = |what: &str| Error::Unsupported {
            what: name.to_owned(),
            why: format!(
                "{what}: a union cannot be the root of a relocation (libbpf matches a root's \
                 kind exactly, and the derive declares structs); ask for the struct that embeds \
                 it, whose spec then reaches the union's members"
            ),
        };
        match &ty.kind {
            Kind::Struct(_) => Ok(Found::Composite(id, Hint::Named(name.to_owned()))),
            Kind::Union(_) => Err(union_root("a union")),
            Kind::Enum(_) | Kind::Enum64(_) => Ok(Found::Enum(id, name.to_owned(), false)),
            Kind::Fwd { .. } => Err(Error::Unsupported {
                what: name.to_owned(),
                why: "only declared (a forward declaration) in this BTF: it has no members to \
                      declare"
                    .to_owned(),
            }),
            _ => {
                let (target, resolved) =
                    self.btf
                        .skip_mods_and_typedefs(id)
                        .ok_or_else(|| Error::Unsupported {
                            what: name.to_owned(),
                            why: "a typedef of `void` (or of a chain that does not end)".to_owned(),
                        })?;
                let own = self.btf.name(resolved);
                // A name Rust or the derive cannot take is as good as none.
                let own = if is_c_identifier(own) { own } else { "" };
                match &resolved.kind {
                    Kind::Struct(_) if own.is_empty() => {
                        Ok(Found::Composite(target, Hint::Typedef(name.to_owned())))
                    }
                    Kind::Struct(_) => Ok(Found::Composite(target, Hint::Named(own.to_owned()))),
                    Kind::Union(_) => Err(union_root("a typedef of a union")),
                    Kind::Enum(_) | Kind::Enum64(_) if own.is_empty() => {
                        Ok(Found::Enum(target, name.to_owned(), true))
                    }
                    Kind::Enum(_) | Kind::Enum64(_) => {
                        Ok(Found::Enum(target, own.to_owned(), false))
                    }
                    _ => Err(Error::Unsupported {
                        what: name.to_owned(),
                        why: format!(
                            "a typedef of `{}`, which has no members: a member of this type is \
                             declared as {}",
                            c_type(self.btf, target),
                            match value_type(self.btf, target, &BTreeMap::new()) {
                                Ok(ty) => format!("`{}`", ty.render(&BTreeMap::new())),
                                Err(why) => format!("nothing ({why})"),
                            }
                        ),
                    }),
                }
            }
        }
    }

    fn request(&mut self, spec: &Spec) -> Result<(), Error> {
        match self.find(&spec.name)? {
            Found::Composite(id, hint) => {
                self.want_root(id, hint);
                match &spec.paths {
                    None => self.want_all(id, None),
                    Some(paths) => {
                        for path in paths {
                            let what = format!("{}:{}", spec.name, path.join("."));
                            self.select(id, path, &what)?;
                        }
                        Ok(())
                    }
                }
            }
            Found::Enum(id, name, typedef) => {
                let Some(e) = self.ty(id)?.kind.any_enum().cloned() else {
                    return Err(Error::Btf(format!("type {id} is not an enum")));
                };
                let want = match &spec.paths {
                    None => Want::All,
                    Some(paths) => {
                        let mut names = BTreeSet::new();
                        for path in paths {
                            let known = e
                                .values
                                .iter()
                                .map(|v| self.btf.str_at(v.name_off).unwrap_or_default());
                            match path.as_slice() {
                                [one] if known.clone().any(|k| k == one) => {
                                    names.insert(one.clone());
                                }
                                [one] => {
                                    return Err(Error::UnknownMember {
                                        in_type: format!("enum {name}"),
                                        name: one.clone(),
                                        nearest: nearest(one, known),
                                    })
                                }
                                _ => {
                                    return Err(Error::Spec {
                                        spec: spec.to_string(),
                                        why: "an enum's spec lists enumerators, not paths"
                                            .to_owned(),
                                    })
                                }
                            }
                        }
                        Want::Names(names)
                    }
                };
                if e.values.is_empty() {
                    return Err(Error::Unsupported {
                        what: name,
                        why: "an enum without enumerators: `#[derive(BtfEnum)]` needs at least \
                              one"
                        .to_owned(),
                    });
                }
                match self.enums.iter_mut().find(|(other, ..)| *other == id) {
                    Some((_, _, _, old)) => merge(old, want),
                    None => self.enums.push((id, name, typedef, want)),
                }
                Ok(())
            }
        }
    }

    /// The named struct a pointer member of type `ty` points to, with its name.
    fn pointee_struct(&self, ty: TypeId) -> Option<(TypeId, String)> {
        let (_, t) = self.btf.skip_mods_and_typedefs(ty)?;
        let Kind::Ptr(to) = t.kind else { return None };
        let (id, t) = skip_to_value(self.btf, to).0?;
        let name = self.btf.name(t);
        if !is_c_identifier(name) {
            return None;
        }
        match t.kind {
            Kind::Struct(_) => Some((id, name.to_owned())),
            // A forward declaration: the struct of that name, if the BTF has it.
            Kind::Fwd { union: false } => self
                .named(name)
                .find(|(_, t)| matches!(t.kind, Kind::Struct(_)))
                .map(|(id, _)| (id, name.to_owned())),
            _ => None,
        }
    }

    /// Records the composite `id` as declared, and as a requested root.
    fn want_root(&mut self, id: TypeId, hint: Hint) {
        if !self.requested.contains(&id) {
            self.requested.push(id);
        }
        self.reach(id, hint);
    }

    /// Records the composite `id` as declared (with no member yet), the first time.
    fn reach(&mut self, id: TypeId, hint: Hint) {
        if !self.comps.contains_key(&id) {
            self.reached.push(id);
            self.comps.insert(
                id,
                Comp {
                    want: Want::Names(BTreeSet::new()),
                    hint,
                },
            );
        }
    }

    /// The members of composite `id` as the relocation sees them (cached).
    fn flat(&mut self, id: TypeId) -> Result<Rc<Vec<Flat>>, Error> {
        if let Some(flat) = self.flat.get(&id) {
            return Ok(Rc::clone(flat));
        }
        let mut out = Vec::new();
        let mut seen = BTreeSet::new();
        let mut budget = MAX_MEMBERS;
        let mut walk = Walk {
            out: &mut out,
            seen: &mut seen,
            budget: &mut budget,
        };
        flatten(self.btf, id, 0, None, 0, &mut walk)?;
        let flat = Rc::new(out);
        self.flat.insert(id, Rc::clone(&flat));
        Ok(flat)
    }

    /// Declares every member of `id`, and every member of what they embed.
    fn want_all(&mut self, id: TypeId, hint: Option<Hint>) -> Result<(), Error> {
        let mut stack = vec![(id, hint)];
        while let Some((id, hint)) = stack.pop() {
            if let Some(hint) = hint {
                self.reach(id, hint);
            }
            let Some(comp) = self.comps.get_mut(&id) else {
                continue;
            };
            if comp.want == Want::All {
                continue;
            }
            comp.want = Want::All;
            let flat = self.flat(id)?;
            // Reversed, so that the stack reaches them in the kernel's order.
            for f in flat.iter().rev().filter(|f| is_c_identifier(&f.name)) {
                if let Some((child, hint)) = embedded(self.btf, f.ty, id, &f.name) {
                    stack.push((child, Some(hint)));
                }
            }
        }
        Ok(())
    }

    /// Declares the member path `path` of composite `id` (`what` is the whole path as the spec
    /// gave it, for messages).
    fn select(&mut self, id: TypeId, path: &[String], what: &str) -> Result<(), Error> {
        let Some((first, rest)) = path.split_first() else {
            return Ok(());
        };
        let flat = self.flat(id)?;
        let Some(f) = flat.iter().find(|f| &f.name == first) else {
            let in_type = c_type(self.btf, id);
            return Err(Error::UnknownMember {
                in_type,
                name: first.clone(),
                nearest: nearest(first, flat.iter().map(|f| f.name.as_str())),
            });
        };
        self.asked.insert((id, first.clone()));
        if let Some(Comp {
            want: Want::Names(names),
            ..
        }) = self.comps.get_mut(&id)
        {
            names.insert(first.clone());
        }
        let child = embedded(self.btf, f.ty, id, &f.name);
        match (rest.is_empty(), child) {
            (true, Some((child, hint))) => self.want_all(child, Some(hint)),
            (true, None) => Ok(()),
            (false, Some((child, hint))) => {
                self.reach(child, hint);
                self.select(child, rest, what)
            }
            (false, None) => match self.pointee_struct(f.ty) {
                Some((target, name)) => {
                    self.want_root(target, Hint::Named(name));
                    self.select(target, rest, what)
                }
                None => Err(Error::Unsupported {
                    what: what.to_owned(),
                    why: format!(
                        "member `{first}` is `{}`, neither a struct nor a pointer to a named \
                         struct, so `.{}` cannot follow it",
                        c_type(self.btf, f.ty),
                        rest.join(".")
                    ),
                }),
            },
        }
    }

    fn finish(self) -> Result<Plan, Error> {
        let Self {
            btf,
            by_name: _,
            flat,
            comps,
            requested,
            reached,
            enums,
            mut warnings,
            asked,
        } = self;
        let order: Vec<TypeId> = requested
            .iter()
            .chain(reached.iter().filter(|id| !requested.contains(id)))
            .copied()
            .collect();
        // Rust names, in output order: the structs', then the enums'.
        let mut names = TypeNames::default();
        let mut rust_of: BTreeMap<TypeId, String> = BTreeMap::new();
        let mut kernel_of: BTreeMap<TypeId, (String, Origin)> = BTreeMap::new();
        for &id in &order {
            let Some(comp) = comps.get(&id) else { continue };
            let (base, origin) = match &comp.hint {
                Hint::Named(name) => (name.clone(), Origin::Named),
                Hint::Typedef(name) => (name.clone(), Origin::Typedef),
                Hint::Member { parent, member } => {
                    let parent = rust_of.get(parent).cloned().unwrap_or_default();
                    (
                        format!("{}__{}", parent.trim_end_matches('_'), snake(member)),
                        Origin::Member {
                            parent,
                            member: member.clone(),
                        },
                    )
                }
            };
            let rust = names.claim(&base);
            let kernel = match origin {
                Origin::Named | Origin::Typedef => base,
                Origin::Member { .. } => rust.clone(),
            };
            rust_of.insert(id, rust);
            kernel_of.insert(id, (kernel, origin));
        }
        // What a pointer can be a handle to: named kernel structs declared here, by name (libbpf
        // matches a root by name, so any struct of that name will do).
        let mut roots: BTreeMap<String, String> = BTreeMap::new();
        for &id in &order {
            if let (Some(Kind::Struct(_)), Some((kernel, Origin::Named)), Some(rust)) = (
                btf.ty(id).map(|t| &t.kind),
                kernel_of.get(&id),
                rust_of.get(&id),
            ) {
                roots.entry(kernel.clone()).or_insert_with(|| rust.clone());
            }
        }
        let ctx = Ctx {
            btf,
            roots: &roots,
            rust_of: &rust_of,
        };
        let mut items = Vec::new();
        for &id in &order {
            let (Some(comp), Some(rust), Some((kernel, origin)), Some(flat)) = (
                comps.get(&id),
                rust_of.get(&id),
                kernel_of.get(&id),
                flat.get(&id),
            ) else {
                continue;
            };
            let ty = btf
                .ty(id)
                .ok_or_else(|| Error::Btf(format!("type id {id} is out of range")))?;
            let Some(c) = ty.kind.composite() else {
                return Err(Error::Btf(format!("type {id} is not a struct or union")));
            };
            let mut item = StructItem {
                rust_name: rust.clone(),
                kernel_name: kernel.clone(),
                origin: origin.clone(),
                union: matches!(ty.kind, Kind::Union(_)),
                size: c.size,
                members: flat.len(),
                fields: Vec::new(),
                omitted: Vec::new(),
            };
            let mut field_names = FieldNames::default();
            for f in flat.iter() {
                if let Want::Names(names) = &comp.want {
                    if !names.contains(&f.name) {
                        continue;
                    }
                }
                let c_spelling = c_type(btf, f.ty);
                let mapped = if is_c_identifier(&f.name) {
                    ctx.field(f)
                } else {
                    Err("its name is not a C identifier".to_owned())
                };
                match mapped {
                    Ok(Mapped {
                        ty,
                        bitfield,
                        signed,
                        size,
                    }) => {
                        let is_string = ty.is_string();
                        let is_array = matches!(ty, RustTy::Array(..));
                        let rust_name = field_names.claim(
                            &f.name,
                            is_array && bitfield.is_none(),
                            is_string && bitfield.is_none(),
                        );
                        item.fields.push(Field {
                            rust_name,
                            kernel_name: f.name.clone(),
                            ty: ty.render(&rust_of),
                            c_type: c_spelling,
                            bit_offset: f.bit_offset,
                            size,
                            bitfield,
                            signed,
                            anonymous: f.anonymous,
                        });
                    }
                    Err(why) => {
                        if asked.contains(&(id, f.name.clone())) {
                            warnings.push(format!(
                                "{}.{} is not declared: {why}",
                                c_type(btf, id),
                                f.name
                            ));
                        }
                        item.omitted.push(Omitted {
                            name: printable(&f.name),
                            c_type: c_spelling,
                            bit_offset: f.bit_offset,
                            why,
                            after: item.fields.len(),
                        });
                    }
                }
            }
            items.push(Item::Struct(item));
        }
        for (id, kernel, typedef, want) in enums {
            let ty = btf
                .ty(id)
                .ok_or_else(|| Error::Btf(format!("type id {id} is out of range")))?;
            let Some(e) = ty.kind.any_enum() else {
                return Err(Error::Btf(format!("type {id} is not an enum")));
            };
            let rust = names.claim(&kernel);
            let mut variant_names = VariantNames::default();
            let mut variants = Vec::new();
            for v in &e.values {
                let name = btf.str_at(v.name_off).unwrap_or_default();
                if let Want::Names(names) = &want {
                    if !names.contains(name) {
                        continue;
                    }
                }
                if !is_c_identifier(name) {
                    warnings.push(format!(
                        "enum {kernel}: enumerator {name:?} is not a C identifier; left out"
                    ));
                    continue;
                }
                let value = enum_value(v.value, e.size, e.signed);
                variants.push((variant_names.claim(name), name.to_owned(), value));
            }
            items.push(Item::Enum(EnumItem {
                rust_name: rust,
                kernel_name: kernel,
                typedef,
                size: e.size,
                count: e.values.len(),
                variants,
            }));
        }
        Ok(Plan { items, warnings })
    }
}

fn merge(old: &mut Want, new: Want) {
    match (old, new) {
        (Want::All, _) => {}
        (old, Want::All) => *old = Want::All,
        (Want::Names(old), Want::Names(new)) => old.extend(new),
    }
}

/// An enumerator's value as C would print it.
fn enum_value(value: u64, size: u32, signed: bool) -> String {
    match (signed, size) {
        (true, 8) => (value as i64).to_string(),
        (true, _) => (value as i32).to_string(),
        (false, 8) => value.to_string(),
        (false, _) => (value as u32).to_string(),
    }
}

/// Where [`flatten`] collects members, and how many more it may visit.
struct Walk<'a> {
    out: &'a mut Vec<Flat>,
    seen: &'a mut BTreeSet<String>,
    budget: &'a mut usize,
}

/// Collects the members of composite `id` by name, descending into anonymous members in place
/// as libbpf's `bpf_core_match_member` does (the first member of a name wins).
fn flatten(
    btf: &Btf,
    id: TypeId,
    base: u64,
    anonymous: Option<bool>,
    depth: usize,
    walk: &mut Walk<'_>,
) -> Result<(), Error> {
    if depth > MAX_DEPTH {
        return Err(Error::Btf(format!(
            "anonymous members nested more than {MAX_DEPTH} deep in type {id}"
        )));
    }
    let Some((_, ty)) = btf.skip_mods_and_typedefs(id) else {
        return Err(Error::Btf(format!("type {id} is void, dangling or a loop")));
    };
    let Some(c) = ty.kind.composite() else {
        return Err(Error::Btf(format!("type {id} is not a struct or union")));
    };
    for m in &c.members {
        *walk.budget = walk.budget.checked_sub(1).ok_or_else(|| {
            Error::Btf(format!(
                "type {id}: more than {MAX_MEMBERS} members through its anonymous members"
            ))
        })?;
        let bit_offset = base + u64::from(c.bit_offset(m));
        let name = if m.name_off == 0 {
            ""
        } else {
            btf.str_at(m.name_off).ok_or_else(|| {
                Error::Btf(format!(
                    "a member of type {id} has name offset {} (out of range or not UTF-8)",
                    m.name_off
                ))
            })?
        };
        if name.is_empty() {
            // An anonymous struct or union is searched through; anything else anonymous (an
            // unnamed bitfield: padding) has no name to reach it by.
            let inner = btf
                .skip_mods_and_typedefs(m.ty)
                .and_then(|(inner, t)| t.kind.composite().map(|_| inner));
            if let Some(inner) = inner {
                let kind = btf
                    .ty(inner)
                    .is_some_and(|t| matches!(t.kind, Kind::Union(_)));
                flatten(btf, inner, bit_offset, Some(kind), depth + 1, walk)?;
            }
            continue;
        }
        if walk.seen.insert(name.to_owned()) {
            walk.out.push(Flat {
                name: name.to_owned(),
                ty: m.ty,
                bit_offset,
                bits: c.bitfield_size(m),
                anonymous,
            });
        }
    }
    Ok(())
}

/// The struct or union a member of type `ty` embeds by value (through typedefs, modifiers and
/// arrays), and how to name it when it is anonymous.
fn embedded(btf: &Btf, ty: TypeId, parent: TypeId, member: &str) -> Option<(TypeId, Hint)> {
    let mut id = ty;
    let mut typedef = None;
    for _ in 0..MAX_DEPTH {
        let t = btf.ty(id)?;
        match &t.kind {
            Kind::Typedef(next) => {
                typedef = Some(btf.name(t).to_owned());
                id = *next;
            }
            Kind::Const(next)
            | Kind::Volatile(next)
            | Kind::Restrict(next)
            | Kind::TypeTag { ty: next, .. } => id = *next,
            Kind::Array(a) => id = a.elem,
            Kind::Struct(_) | Kind::Union(_) => {
                let name = btf.name(t);
                let hint = if is_c_identifier(name) {
                    Hint::Named(name.to_owned())
                } else if let Some(typedef) = typedef.filter(|n| is_c_identifier(n)) {
                    Hint::Typedef(typedef)
                } else {
                    Hint::Member {
                        parent,
                        member: member.to_owned(),
                    }
                };
                return Some((id, hint));
            }
            _ => return None,
        }
    }
    None
}

/// Follows typedefs, modifiers and type tags from `id`: the type reached (`None` for `void`
/// or a broken chain), and whether a `user` type tag was on the way.
fn skip_to_value(btf: &Btf, mut id: TypeId) -> (Option<(TypeId, &Type)>, bool) {
    let mut user = false;
    for _ in 0..MAX_DEPTH {
        let Some(t) = btf.ty(id) else {
            return (None, user);
        };
        match &t.kind {
            Kind::TypeTag { ty, .. } => {
                user |= btf.name(t) == "user";
                id = *ty;
            }
            Kind::Typedef(next)
            | Kind::Const(next)
            | Kind::Volatile(next)
            | Kind::Restrict(next) => id = *next,
            _ => return (Some((id, t)), user),
        }
    }
    (None, user)
}

/// A Rust field type.
#[derive(Debug, Clone, PartialEq, Eq)]
enum RustTy {
    Int {
        bytes: u32,
        signed: bool,
    },
    /// `KernelPtr<T>` / `UserPtr<T>` to a declared struct (its Rust name), or to `u8`.
    Handle {
        user: bool,
        to: Option<String>,
    },
    /// `*const T`; `None` for `c_void`.
    Raw(Option<Box<RustTy>>),
    /// A declared struct, embedded (its type id).
    Embedded(TypeId),
    Array(Box<RustTy>, u32),
}

impl RustTy {
    /// What the derive gives a string getter: byte arrays and byte pointers.
    fn is_string(&self) -> bool {
        match self {
            Self::Array(elem, _) | Self::Raw(Some(elem)) => {
                matches!(**elem, Self::Int { bytes: 1, .. })
            }
            Self::Handle { to: None, .. } => true,
            _ => false,
        }
    }

    /// Rust source; `rust_of` names the declared structs.
    fn render(&self, rust_of: &BTreeMap<TypeId, String>) -> String {
        match self {
            Self::Int { bytes, signed } => {
                format!("{}{}", if *signed { "i" } else { "u" }, bytes * 8)
            }
            Self::Handle { user, to } => format!(
                "{}<{}>",
                if *user { "UserPtr" } else { "KernelPtr" },
                to.as_deref().unwrap_or("u8")
            ),
            Self::Raw(None) => "*const ::core::ffi::c_void".to_owned(),
            Self::Raw(Some(inner)) => format!("*const {}", inner.render(rust_of)),
            Self::Embedded(id) => rust_of.get(id).cloned().unwrap_or_default(),
            Self::Array(elem, len) => format!("[{}; {len}]", elem.render(rust_of)),
        }
    }
}

/// The integer type of a `BTF_KIND_INT`: `Err(why)` when Rust has none the derive takes.
fn int_type(btf: &Btf, t: &Type, int: &Int) -> Result<RustTy, String> {
    if int.offset != 0 {
        return Err("an integer with a bit offset (a deprecated BTF encoding)".to_owned());
    }
    // `char` is text, whatever its signedness; `bool` is a byte.
    let text = int.encoding & (INT_CHAR | INT_BOOL) != 0 || btf.name(t) == "char";
    match int.size {
        1 | 2 | 4 | 8 => Ok(RustTy::Int {
            bytes: int.size,
            signed: int.encoding & INT_SIGNED != 0 && !text,
        }),
        16 => Err("a 128-bit integer (the derive has no `u128`/`i128` fields)".to_owned()),
        other => Err(format!("an integer of {other} bytes")),
    }
}

/// How a value of type `id` is declared (not a bitfield): `Err(why)` when it cannot be.
/// `roots` maps kernel struct names to the Rust names a pointer can be a handle to.
fn value_type(btf: &Btf, id: TypeId, roots: &BTreeMap<String, String>) -> Result<RustTy, String> {
    value_type_at(btf, id, roots, 0)
}

fn value_type_at(
    btf: &Btf,
    id: TypeId,
    roots: &BTreeMap<String, String>,
    depth: usize,
) -> Result<RustTy, String> {
    if depth > MAX_DEPTH {
        return Err(format!(
            "arrays nested more than {MAX_DEPTH} deep (a loop?)"
        ));
    }
    let Some((here, t)) = btf.skip_mods_and_typedefs(id) else {
        return Err("`void`, or a type id that leads nowhere".to_owned());
    };
    match &t.kind {
        Kind::Int(int) => int_type(btf, t, int),
        Kind::Ptr(to) => Ok(pointer_type(btf, *to, roots)),
        Kind::Array(a) => {
            let elem = value_type_at(btf, a.elem, roots, depth + 1)?;
            Ok(RustTy::Array(Box::new(elem), a.len))
        }
        Kind::Struct(_) | Kind::Union(_) => Ok(RustTy::Embedded(here)),
        Kind::Enum(_) | Kind::Enum64(_) => Err("an enum (libbpf matches an enum member only \
                                                with an enum, and the derive declares integers)"
            .to_owned()),
        Kind::Float { .. } => {
            Err("a floating-point number (the derive has no float fields)".to_owned())
        }
        Kind::Fwd { .. } => Err("an incomplete type".to_owned()),
        Kind::FuncProto { .. } => Err("a function type".to_owned()),
        other => Err(format!("a {} where a type belongs", other.name())),
    }
}

/// How a pointer to `to` is declared.
fn pointer_type(btf: &Btf, to: TypeId, roots: &BTreeMap<String, String>) -> RustTy {
    let (target, user) = skip_to_value(btf, to);
    let Some((_, t)) = target else {
        return RustTy::Raw(None);
    };
    match &t.kind {
        Kind::Struct(_) | Kind::Fwd { union: false } => match roots.get(btf.name(t)) {
            Some(rust) => RustTy::Handle {
                user,
                to: Some(rust.clone()),
            },
            None => RustTy::Raw(None),
        },
        Kind::Int(int) if int.size == 1 && int.offset == 0 => RustTy::Handle { user, to: None },
        _ => RustTy::Raw(raw_pointee(btf, to, 0).map(Box::new)),
    }
}

/// The pointee of a raw pointer: integers and further pointers keep their type, anything else
/// is `c_void`.
fn raw_pointee(btf: &Btf, to: TypeId, depth: usize) -> Option<RustTy> {
    if depth > MAX_DEPTH {
        return None;
    }
    let (target, _) = skip_to_value(btf, to);
    let (_, t) = target?;
    match &t.kind {
        Kind::Int(int) => int_type(btf, t, int).ok(),
        Kind::Ptr(next) => Some(RustTy::Raw(
            raw_pointee(btf, *next, depth + 1).map(Box::new),
        )),
        _ => None,
    }
}

/// What rendering a field needs besides the member.
struct Ctx<'a> {
    btf: &'a Btf,
    roots: &'a BTreeMap<String, String>,
    rust_of: &'a BTreeMap<TypeId, String>,
}

/// How a member is declared.
struct Mapped {
    ty: RustTy,
    /// Its bitfield width, for a bitfield.
    bitfield: Option<u32>,
    /// Whether the kernel's integer is signed.
    signed: bool,
    /// Its size in bytes.
    size: u64,
}

impl Ctx<'_> {
    /// How member `f` is declared; `Err(why)` when it cannot be.
    fn field(&self, f: &Flat) -> Result<Mapped, String> {
        let btf = self.btf;
        let size = btf
            .resolve_size(f.ty)
            .map_err(|e| format!("its size is unknown ({e})"))?;
        let resolved = btf.skip_mods_and_typedefs(f.ty).map(|(_, t)| t);
        // A bitfield: `kind_flag` gives its width, or (older BTF) an int narrower than itself.
        let narrow_int = match resolved.map(|t| &t.kind) {
            // (In 64 bits: a hostile BTF's int may claim 2^32 - 1 bytes.)
            Some(Kind::Int(int))
                if f.bits == 0 && u64::from(int.bits) < u64::from(int.size) * 8 =>
            {
                u32::from(int.bits)
            }
            _ => 0,
        };
        let bits = if f.bits > 0 { f.bits } else { narrow_int };
        if bits > 0 {
            let Some(t) = resolved else {
                return Err("a bitfield of no type".to_owned());
            };
            let signed = match &t.kind {
                Kind::Int(int) => {
                    int_type(btf, t, int)?;
                    int.encoding & INT_SIGNED != 0
                }
                Kind::Enum(_) | Kind::Enum64(_) => {
                    return Err(
                        "an enum bitfield (libbpf matches an enum member only with an \
                                enum, and the derive declares integers)"
                            .to_owned(),
                    )
                }
                other => return Err(format!("a bitfield of a {}", other.name())),
            };
            let bytes = match bits {
                0..=8 => 1,
                9..=16 => 2,
                17..=32 => 4,
                33..=64 => 8,
                _ => return Err(format!("a bitfield of {bits} bits")),
            };
            return Ok(Mapped {
                ty: RustTy::Int { bytes, signed },
                bitfield: Some(bits),
                signed,
                size,
            });
        }
        let ty = value_type(btf, f.ty, self.roots)?;
        // Embedded structs must be declared: they are, when reached through `want_all` or a
        // path; the check keeps a name-less field from being emitted if not.
        if let RustTy::Embedded(id) = innermost(&ty) {
            if !self.rust_of.contains_key(id) {
                return Err("internal: an embedded struct was not declared".to_owned());
            }
        }
        let signed = matches!(innermost(&ty), RustTy::Int { signed: true, .. });
        Ok(Mapped {
            ty,
            bitfield: None,
            signed,
            size,
        })
    }
}

/// The element type of (nested) arrays, or the type itself.
fn innermost(ty: &RustTy) -> &RustTy {
    match ty {
        RustTy::Array(elem, _) => innermost(elem),
        other => other,
    }
}

/// The type `id` as C spells it (`struct mm_struct *`, `char[16]`, `kuid_t`), for doc comments.
pub fn c_type(btf: &Btf, id: TypeId) -> String {
    printable(&c_type_at(btf, id, 0))
}

/// `text` with control characters (a line break would end a comment early) and backticks (a
/// doc comment's code spans) replaced by `?`: names in a malformed BTF can hold anything.
fn printable(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() || c == '`' { '?' } else { c })
        .collect()
}

fn c_type_at(btf: &Btf, id: TypeId, depth: usize) -> String {
    if id == 0 {
        return "void".to_owned();
    }
    if depth > MAX_DEPTH {
        return "...".to_owned();
    }
    let Some(t) = btf.ty(id) else {
        return format!("<type {id}>");
    };
    let name = btf.name(t);
    let tagged = |keyword: &str| {
        if name.is_empty() {
            format!("{keyword} {{...}}")
        } else {
            format!("{keyword} {name}")
        }
    };
    let next = |inner: TypeId| c_type_at(btf, inner, depth + 1);
    match &t.kind {
        Kind::Int(_) | Kind::Float { .. } | Kind::Typedef(_) => name.to_owned(),
        Kind::Struct(_) | Kind::Fwd { union: false } => tagged("struct"),
        Kind::Union(_) | Kind::Fwd { union: true } => tagged("union"),
        Kind::Enum(_) | Kind::Enum64(_) => tagged("enum"),
        Kind::Const(inner) => format!("const {}", next(*inner)),
        Kind::Volatile(inner) => format!("volatile {}", next(*inner)),
        Kind::Restrict(inner) => format!("{} restrict", next(*inner)),
        Kind::TypeTag { ty, .. } if is_c_identifier(name) => format!("{} __{name}", next(*ty)),
        Kind::TypeTag { ty, .. } => {
            format!("{} __attribute__((btf_type_tag({name:?})))", next(*ty))
        }
        Kind::Ptr(inner) => match btf.ty(*inner).map(|t| &t.kind) {
            Some(Kind::FuncProto { ret, params }) => {
                format!("{} (*)({})", next(*ret), c_params(btf, params, depth))
            }
            _ => {
                let inner = next(*inner);
                // `int **`, `char *`: the stars of a pointer chain stay together.
                if inner.ends_with('*') {
                    format!("{inner}*")
                } else {
                    format!("{inner} *")
                }
            }
        },
        Kind::Array(a) => {
            let mut dims = format!("[{}]", a.len);
            let mut elem = a.elem;
            while let Some(Kind::Array(inner)) = btf.ty(elem).map(|t| &t.kind) {
                if dims.len() > 4 * MAX_DEPTH {
                    break;
                }
                dims.push_str(&format!("[{}]", inner.len));
                elem = inner.elem;
            }
            format!("{}{dims}", next(elem))
        }
        Kind::FuncProto { ret, params } => {
            format!("{} ({})", next(*ret), c_params(btf, params, depth))
        }
        other => format!("<{}>", other.name()),
    }
}

fn c_params(btf: &Btf, params: &[btf_reloc_btf::types::Param], depth: usize) -> String {
    if params.is_empty() {
        return "void".to_owned();
    }
    let params: Vec<String> = params
        .iter()
        .map(|p| match p.ty {
            0 => "...".to_owned(),
            ty => c_type_at(btf, ty, depth + 1),
        })
        .collect();
    params.join(", ")
}

/// Rust's strict and reserved keywords (2015 to 2024), which must be written `r#name`.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];
/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];
/// Methods every handle has through a std prelude trait, which would hide a getter of that name
/// (btf-reloc-derive's `methods::HANDLE_TRAIT_METHODS`).
const HANDLE_METHODS: &[&str] = &[
    "clone",
    "clone_from",
    "clone_into",
    "to_owned",
    "eq",
    "ne",
    "into",
    "try_into",
];
/// Type names the output or the derive's expansion relies on (primitives, the prelude's
/// names, `core` of `::core::ffi::c_void` is absolute and safe).
const RESERVED_TYPES: &[&str] = &[
    "bool",
    "char",
    "str",
    "u8",
    "u16",
    "u32",
    "u64",
    "u128",
    "usize",
    "i8",
    "i16",
    "i32",
    "i64",
    "i128",
    "isize",
    "f32",
    "f64",
    "KernelPtr",
    "UserPtr",
    "BtfRelocatable",
    "BtfEnum",
    "RelocatableFieldAccessError",
    "Option",
    "Result",
    "Some",
    "None",
    "Ok",
    "Err",
];

/// Whether rustc's `non_snake_case` lint accepts `name` (its `is_snake_case`: no uppercase, no
/// `__` inside the name).
fn is_snake_case(name: &str) -> bool {
    let inner = name.trim_matches('_');
    !inner.chars().any(char::is_uppercase) && !inner.contains("__")
}

/// `name` made snake case: `sigPending` → `sig_pending`, `EAX` → `eax`, `a__b` → `a_b`; no
/// trailing `_` (a generated method would get `__` inside its name).
fn snake(name: &str) -> String {
    let lead = name.len() - name.trim_start_matches('_').len();
    let mut out = "_".repeat(lead);
    let mut prev_lower = false;
    for c in name[lead..].chars() {
        if c.is_ascii_uppercase() {
            if prev_lower {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
            prev_lower = false;
        } else if c == '_' {
            if !out.ends_with('_') || out.len() == lead {
                out.push('_');
            }
            prev_lower = false;
        } else {
            out.push(c);
            prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        }
    }
    let trimmed = out.trim_end_matches('_');
    if trimmed.trim_start_matches('_').is_empty() {
        format!("{}field", "_".repeat(lead.min(2)))
    } else {
        trimmed.to_owned()
    }
}

/// The Rust names of the declared types, taken in output order.
#[derive(Default)]
struct TypeNames(BTreeSet<String>);

impl TypeNames {
    /// A name for a type called `base` in the kernel: `base` itself when Rust takes it and no
    /// earlier type (or its companion `…Fields` type) has it, else `base_`, `base__`, ….
    fn claim(&mut self, base: &str) -> String {
        let mut name = base.to_owned();
        let taken = |set: &BTreeSet<String>, name: &str| {
            KEYWORDS.contains(&name)
                || NOT_RAW.contains(&name)
                || RESERVED_TYPES.contains(&name)
                || set.contains(name)
                || set.contains(&format!("{name}Fields"))
                || name
                    .strip_suffix("Fields")
                    .is_some_and(|stem| set.contains(stem))
        };
        while taken(&self.0, &name) {
            name.push('_');
        }
        self.0.insert(name.clone());
        name
    }
}

/// The Rust names of one struct's fields, and the methods the derive generates for them.
#[derive(Default)]
struct FieldNames {
    fields: BTreeSet<String>,
    /// Getters on the handle (`f`, `f_at`, `f_str`).
    on_handle: BTreeSet<String>,
    /// Queries on the type (`f_exists`, `f_byte_size`, `f_byte_offset`).
    on_type: BTreeSet<String>,
}

impl FieldNames {
    /// A Rust identifier for kernel member `kernel`: the kernel name when it is snake case and
    /// none of the derive's methods for it clash with another field's or hide behind a handle
    /// method; otherwise a snake-case name with `_field` and then a number appended until they
    /// do not. Keywords become raw identifiers.
    fn claim(&mut self, kernel: &str, array: bool, string: bool) -> String {
        let base = if is_snake_case(kernel) && !kernel.ends_with('_') && kernel != "_" {
            kernel.to_owned()
        } else {
            snake(kernel)
        };
        let mut candidates = std::iter::once(base.clone())
            .chain(std::iter::once(format!("{base}_field")))
            .chain((2..).map(|n| format!("{base}_field_{n}")));
        loop {
            let Some(name) = candidates.next() else {
                // The iterator above never ends.
                return base;
            };
            if NOT_RAW.contains(&name.as_str()) || HANDLE_METHODS.contains(&name.as_str()) {
                continue;
            }
            let handle = [
                Some(name.clone()),
                array.then(|| format!("{name}_at")),
                string.then(|| format!("{name}_str")),
            ];
            let queries = ["exists", "byte_size", "byte_offset"].map(|s| format!("{name}_{s}"));
            let clash = self.fields.contains(&name)
                || handle
                    .iter()
                    .flatten()
                    .any(|m| self.on_handle.contains(m) || HANDLE_METHODS.contains(&m.as_str()))
                || queries.iter().any(|m| self.on_type.contains(m));
            if clash {
                continue;
            }
            self.fields.insert(name.clone());
            self.on_handle.extend(handle.into_iter().flatten());
            self.on_type.extend(queries);
            return if KEYWORDS.contains(&name.as_str()) {
                format!("r#{name}")
            } else {
                name
            };
        }
    }
}

/// The variant names of one enum.
#[derive(Default)]
struct VariantNames(BTreeSet<String>);

impl VariantNames {
    fn claim(&mut self, kernel: &str) -> String {
        let mut name = kernel.to_owned();
        while NOT_RAW.contains(&name.as_str()) || self.0.contains(&name) {
            name.push('_');
        }
        self.0.insert(name.clone());
        if KEYWORDS.contains(&name.as_str()) {
            format!("r#{name}")
        } else {
            name
        }
    }
}

/// The names among `candidates` nearest to `wanted` (edit distance at most a third of its
/// length, and at least 2), closest first, at most five.
fn nearest<'a>(wanted: &str, candidates: impl Iterator<Item = &'a str>) -> Vec<String> {
    let limit = (wanted.len() / 3).max(2);
    let mut found: BTreeSet<(usize, &str)> = BTreeSet::new();
    for candidate in candidates {
        if candidate.is_empty() || candidate.len().abs_diff(wanted.len()) > limit {
            continue;
        }
        let d = edit_distance(wanted, candidate);
        if d <= limit {
            found.insert((d, candidate));
        }
    }
    found
        .into_iter()
        .take(5)
        .map(|(_, n)| n.to_owned())
        .collect()
}

/// Levenshtein distance (bytes; names are ASCII).
fn edit_distance(a: &str, b: &str) -> usize {
    let b = b.as_bytes();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.bytes().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diag + usize::from(ca != cb));
            diag = above;
        }
    }
    row[b.len()]
}

impl Plan {
    /// The Rust source: a header naming `source` and the specs, then the declarations.
    pub fn render(&self, source: &Source, specs: &[Spec]) -> String {
        let mut out = String::new();
        let kernel = source
            .kernel_release
            .as_deref()
            .map(|r| format!(", kernel {}", printable(r)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "// Generated by `btf-reloc gen` from {}",
            printable(&source.path)
        );
        let _ = writeln!(
            out,
            "// ({} bytes, FNV-1a-64 {:#018x}{kernel}), for:",
            source.len, source.fnv1a64
        );
        let mut line = String::from("//  ");
        for spec in specs {
            let spec = spec.to_string();
            if line.len() + 1 + spec.len() > 100 && line.len() > 4 {
                let _ = writeln!(out, "{line}");
                line = String::from("//  ");
            }
            line.push(' ');
            line.push_str(&spec);
        }
        let _ = writeln!(out, "{line}");
        out.push_str(
            "// Doc comments give each field's place in that BTF. Reads are relocated to the \
             running\n// kernel's layout (CO-RE), so the declarations are not tied to it.\n\n",
        );
        out.push_str("use btf_reloc_runtime::prelude::*;\n");
        for item in &self.items {
            out.push('\n');
            match item {
                Item::Struct(s) => render_struct(&mut out, s),
                Item::Enum(e) => render_enum(&mut out, e),
            }
        }
        out
    }
}

/// Width rustfmt formats to, which comments are wrapped at too.
const WIDTH: usize = 100;

/// Writes `text` as comment lines starting with `lead` (`"/// "`, `"    // "`), wrapped at
/// [`WIDTH`] columns between words.
fn comment(out: &mut String, lead: &str, text: &str) {
    let mut line = String::from(lead);
    for word in text.split(' ') {
        if line.len() > lead.len() && line.len() + 1 + word.len() > WIDTH {
            out.push_str(line.trim_end());
            out.push('\n');
            line = String::from(lead);
        }
        line.push(' ');
        line.push_str(word);
    }
    out.push_str(line.trim_end());
    out.push('\n');
}

fn plural(n: impl Into<u64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { one } else { many })
}

fn render_struct(out: &mut String, s: &StructItem) {
    let keyword = if s.union { "union" } else { "struct" };
    let size = plural(s.size, "byte", "bytes");
    let declared = if s.fields.len() == s.members && s.omitted.is_empty() {
        String::new()
    } else {
        format!(
            "; {} of {} declared",
            s.fields.len(),
            plural(s.members as u64, "member", "members")
        )
    };
    let what = match &s.origin {
        Origin::Named => format!("`{keyword} {}`", s.kernel_name),
        Origin::Typedef => format!("`{}`, an anonymous {keyword}", s.kernel_name),
        Origin::Member { parent, member } => {
            format!("The anonymous {keyword} of `{parent}.{member}`")
        }
    };
    comment(
        out,
        "///",
        &format!("{what}: {size} at generation time{declared}."),
    );
    if s.union {
        out.push_str("///\n");
        comment(
            out,
            "///",
            "Declared as a struct of its members: CO-RE matches an embedded struct with a union \
             and reads each member at the kernel's offset; only this local layout is not the \
             kernel's.",
        );
    }
    if !s.is_root() {
        out.push_str("///\n");
        comment(
            out,
            "///",
            "Not a relocation root (libbpf finds roots by kind and name): its own \
             `*_byte_offset()` queries answer `None`. Read it through the struct that embeds \
             it.",
        );
    }
    out.push_str("#[derive(BtfRelocatable)]\n#[repr(C)]\n#[allow(non_camel_case_types)]\n");
    if s.kernel_name != s.rust_name {
        let _ = writeln!(out, "#[btf(name = {:?})]", s.kernel_name);
    }
    if s.fields.is_empty() && s.omitted.is_empty() {
        let _ = writeln!(out, "pub struct {} {{}}", s.rust_name);
        return;
    }
    let _ = writeln!(out, "pub struct {} {{", s.rust_name);
    let mut omitted = s.omitted.iter().peekable();
    for (i, f) in s.fields.iter().enumerate() {
        while let Some(o) = omitted.next_if(|o| o.after == i) {
            render_omitted(out, o);
        }
        render_field(out, f);
    }
    for o in omitted {
        render_omitted(out, o);
    }
    out.push_str("}\n");
}

fn render_omitted(out: &mut String, o: &Omitted) {
    comment(
        out,
        "    //",
        &format!(
            "Not declared: `{}` (`{}`, byte {}): {}.",
            o.name,
            o.c_type,
            o.bit_offset / 8,
            o.why
        ),
    );
}

fn render_field(out: &mut String, f: &Field) {
    let place = match f.bitfield {
        Some(bits) => format!(
            "`{}:{bits}`: bit {} (byte {}, bit {}), {}",
            f.c_type,
            f.bit_offset,
            f.bit_offset / 8,
            f.bit_offset % 8,
            plural(bits, "bit", "bits")
        ),
        None => format!(
            "`{}`: offset {}, {}",
            f.c_type,
            f.bit_offset / 8,
            plural(f.size, "byte", "bytes")
        ),
    };
    let anonymous = match f.anonymous {
        Some(true) => " (in an anonymous union)",
        Some(false) => " (in an anonymous struct)",
        None => "",
    };
    comment(out, "    ///", &format!("{place}{anonymous}."));
    let raw = f.rust_name.strip_prefix("r#").unwrap_or(&f.rust_name);
    let renamed = raw != f.kernel_name;
    match (renamed, f.bitfield.is_some()) {
        (false, false) => {}
        (false, true) => out.push_str("    #[btf(bitfield)]\n"),
        (true, false) => {
            let _ = writeln!(out, "    #[btf(rename = {:?})]", f.kernel_name);
        }
        (true, true) => {
            let _ = writeln!(out, "    #[btf(rename = {:?}, bitfield)]", f.kernel_name);
        }
    }
    let line = format!("    pub {}: {},", f.rust_name, f.ty);
    if line.len() > WIDTH {
        // Where rustfmt breaks a field too long for one line.
        let _ = writeln!(out, "    pub {}:\n        {},", f.rust_name, f.ty);
    } else {
        out.push_str(&line);
        out.push('\n');
    }
}

fn render_enum(out: &mut String, e: &EnumItem) {
    let declared = if e.variants.len() == e.count {
        String::new()
    } else {
        format!("; {} declared", e.variants.len())
    };
    comment(
        out,
        "///",
        &format!(
            "`enum {}`: {}, {} at generation time{declared}.",
            e.kernel_name,
            plural(e.size, "byte", "bytes"),
            plural(e.count as u64, "enumerator", "enumerators"),
        ),
    );
    if e.typedef {
        out.push_str("///\n");
        comment(
            out,
            "///",
            "An anonymous enum named by a typedef: libbpf looks enums up by their own name, so \
             its values do not relocate.",
        );
    }
    out.push_str("#[derive(BtfEnum)]\n#[allow(non_camel_case_types)]\n");
    if e.kernel_name != e.rust_name {
        let _ = writeln!(out, "#[btf(name = {:?})]", e.kernel_name);
    }
    let _ = writeln!(out, "pub enum {} {{", e.rust_name);
    for (rust, kernel, value) in &e.variants {
        let _ = writeln!(out, "    /// {value} at generation time.");
        let raw = rust.strip_prefix("r#").unwrap_or(rust);
        if raw != kernel {
            let _ = writeln!(out, "    #[btf(rename = {kernel:?})]");
        }
        let _ = writeln!(out, "    {rust},");
    }
    out.push_str("}\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_parse_or_say_why() {
        let spec: Spec = "task_struct:pid,se.vruntime".parse().unwrap();
        assert_eq!(spec.name, "task_struct");
        assert_eq!(
            spec.paths,
            Some(vec![
                vec!["pid".to_owned()],
                vec!["se".to_owned(), "vruntime".to_owned()]
            ])
        );
        assert_eq!(spec.to_string(), "task_struct:pid,se.vruntime");
        assert_eq!("cred".parse::<Spec>().unwrap().paths, None);
        for (bad, why) in [
            ("", "is not a type name"),
            ("task struct", "is not a type name"),
            ("task_struct:", "an empty member name"),
            ("task_struct:pid,,tgid", "an empty member name"),
            ("task_struct:se.", "is not a member name"),
            ("task_struct:a-b", "`a-b` in `a-b` is not a member name"),
        ] {
            let err = bad.parse::<Spec>().unwrap_err().to_string();
            assert!(err.contains(why), "{bad:?}: {err}");
        }
    }

    #[test]
    fn names_rust_accepts() {
        assert!(is_snake_case("__state"));
        assert!(!is_snake_case("a__b"));
        assert!(!is_snake_case("sigPending"));
        assert_eq!(snake("sigPending"), "sig_pending");
        assert_eq!(snake("EAX"), "eax");
        assert_eq!(snake("a__b"), "a_b");
        assert_eq!(snake("__x_"), "__x");
        assert_eq!(snake("_"), "_field");
        let mut names = FieldNames::default();
        assert_eq!(names.claim("comm_at", false, false), "comm_at");
        assert_eq!(names.claim("comm", true, true), "comm_field");
        assert_eq!(names.claim("type", false, false), "r#type");
        assert_eq!(names.claim("clone", false, false), "clone_field");
        assert_eq!(names.claim("self", false, false), "self_field");
        assert_eq!(names.claim("x_", false, false), "x");
        assert_eq!(names.claim("x", false, false), "x_field");
        let mut types = TypeNames::default();
        assert_eq!(types.claim("foo"), "foo");
        assert_eq!(types.claim("fooFields"), "fooFields_");
        assert_eq!(types.claim("u8"), "u8_");
        assert_eq!(types.claim("ref"), "ref_");
    }

    #[test]
    fn nearest_names_first() {
        let names = ["task_struct", "task_group", "pt_regs", "tasklet_struct"];
        assert_eq!(
            nearest("task_strct", names.iter().copied()),
            ["task_struct"]
        );
        assert_eq!(
            nearest("task_structs", names.iter().copied()),
            ["task_struct", "tasklet_struct"]
        );
        assert!(nearest("zzzzzz", names.iter().copied()).is_empty());
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
