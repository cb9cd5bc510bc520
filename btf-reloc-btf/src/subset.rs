//! A small BTF cut out of a large one: the chosen types and what describing them needs, so that
//! tests can commit a few kilobytes of a kernel's `vmlinux` BTF instead of megabytes.
//!
//! [`subset`] keeps the *layout closure* of its roots in full: every type a root holds by value
//! (members, array elements, typedefs and modifiers of those), to any depth. What is only
//! pointed to is kept as far as its spelling goes: the typedefs, modifiers, integers, enums and
//! function prototypes on the way, while a struct or union outside the closure becomes a
//! `BTF_KIND_FWD` of the same name. A pointer to `struct mm_struct` still names
//! `mm_struct`, a member's offset and size stay what they were, and the subset does not
//! drag in the rest of the kernel through its pointers.
//!
//! Types keep their relative order (new ids are increasing in the old ones); the forward
//! declarations come last. Declaration tags, functions, variables and data sections are left out:
//! nothing a struct holds refers to them.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::error::{Error, Result};
use crate::types::{Array, Kind, Member, Param, Type, TypeId};
use crate::Btf;

/// How far a chain of references is followed before the BTF is called malformed (a loop).
const MAX_CHAIN: usize = 1024;

/// A new BTF holding `roots` and everything their layout needs, with structs and unions that
/// are only pointed to replaced by forward declarations (see the module documentation).
/// `roots` may name any type; `void` (0) is ignored. The ids of the roots in the result are in
/// [`Subset::ids`].
pub fn subset(btf: &Btf, roots: &[TypeId]) -> Result<Subset> {
    let mut cut = Cut {
        btf,
        full: BTreeSet::new(),
        spelled: BTreeSet::new(),
        fwds: BTreeMap::new(),
    };
    for &root in roots {
        cut.hold(root)?;
    }
    // Pointers are followed once the whole closure is known: whether a pointed-to struct stays
    // a struct depends on whether some root holds it by value.
    let held: Vec<TypeId> = cut.full.iter().copied().collect();
    for id in held {
        cut.spell_references_of(id)?;
    }
    cut.write(roots)
}

/// What [`subset`] made.
#[derive(Debug, Clone)]
pub struct Subset {
    /// The new BTF.
    pub btf: Btf,
    /// The new id of each root, in the order given (0 for `void`).
    pub ids: Vec<TypeId>,
}

struct Cut<'a> {
    btf: &'a Btf,
    /// Types kept in full: the layout closure of the roots.
    full: BTreeSet<TypeId>,
    /// Types kept for how a pointer spells them (typedefs, modifiers, ints, enums, prototypes),
    /// beyond `full`.
    spelled: BTreeSet<TypeId>,
    /// Structs and unions only pointed to, by id: their `(name, is_union)`.
    fwds: BTreeMap<TypeId, (String, bool)>,
}

/// The type `id` of `btf`, or an error saying the id is dangling.
fn ty_of(btf: &Btf, id: TypeId) -> Result<&Type> {
    btf.ty(id)
        .ok_or_else(|| Error::new(format!("type id {id} is out of range")))
}

impl<'a> Cut<'a> {
    fn ty(&self, id: TypeId) -> Result<&'a Type> {
        ty_of(self.btf, id)
    }

    /// Keeps `root` and everything it holds by value.
    fn hold(&mut self, root: TypeId) -> Result<()> {
        let mut stack = vec![(root, 0usize)];
        while let Some((id, depth)) = stack.pop() {
            if id == 0 || !self.full.insert(id) {
                continue;
            }
            if depth > MAX_CHAIN {
                return Err(Error::new(format!(
                    "type {id} is nested more than {MAX_CHAIN} levels deep (a loop?)"
                )));
            }
            match &self.ty(id)?.kind {
                Kind::Struct(c) | Kind::Union(c) => {
                    stack.extend(c.members.iter().map(|m| (m.ty, depth + 1)));
                }
                Kind::Array(a) => stack.extend([(a.elem, depth + 1), (a.index, depth + 1)]),
                Kind::Typedef(t)
                | Kind::Const(t)
                | Kind::Volatile(t)
                | Kind::Restrict(t)
                | Kind::TypeTag { ty: t, .. } => stack.push((*t, depth + 1)),
                // What a pointer or a prototype refers to is only spelled (second pass).
                Kind::Ptr(_) | Kind::FuncProto { .. } => {}
                Kind::Int(_)
                | Kind::Enum(_)
                | Kind::Enum64(_)
                | Kind::Fwd { .. }
                | Kind::Float { .. } => {}
                Kind::Func { .. }
                | Kind::Var { .. }
                | Kind::Datasec { .. }
                | Kind::DeclTag { .. } => {
                    return Err(Error::new(format!(
                        "type {id} is a {}, which no struct can hold; only types can be roots",
                        self.ty(id)?.kind.name()
                    )))
                }
            }
        }
        Ok(())
    }

    /// Spells what the pointers and prototypes among the kept type `id` refer to.
    fn spell_references_of(&mut self, id: TypeId) -> Result<()> {
        match &self.ty(id)?.kind {
            Kind::Ptr(to) => self.spell(*to),
            Kind::FuncProto { ret, params } => {
                let refs: Vec<TypeId> = std::iter::once(*ret)
                    .chain(params.iter().map(|p| p.ty))
                    .collect();
                refs.into_iter().try_for_each(|t| self.spell(t))
            }
            _ => Ok(()),
        }
    }

    /// Keeps what spelling a reference to `start` needs: a struct or union held by value stays
    /// as it is, one outside the closure becomes a forward declaration, and everything else on
    /// the way is kept as it is.
    fn spell(&mut self, start: TypeId) -> Result<()> {
        let mut stack = vec![(start, 0usize)];
        while let Some((id, depth)) = stack.pop() {
            if id == 0 || self.full.contains(&id) || self.fwds.contains_key(&id) {
                continue;
            }
            if depth > MAX_CHAIN {
                return Err(Error::new(format!(
                    "type {id} is referred to through more than {MAX_CHAIN} types (a loop?)"
                )));
            }
            let ty = self.ty(id)?;
            match &ty.kind {
                Kind::Struct(_) | Kind::Union(_) => {
                    let union = matches!(ty.kind, Kind::Union(_));
                    let name = self.btf.name(ty).to_owned();
                    self.fwds.insert(id, (name, union));
                    continue;
                }
                _ => {}
            }
            if !self.spelled.insert(id) {
                continue;
            }
            match &ty.kind {
                Kind::Ptr(t)
                | Kind::Typedef(t)
                | Kind::Const(t)
                | Kind::Volatile(t)
                | Kind::Restrict(t)
                | Kind::TypeTag { ty: t, .. } => stack.push((*t, depth + 1)),
                Kind::Array(a) => stack.extend([(a.elem, depth + 1), (a.index, depth + 1)]),
                Kind::FuncProto { ret, params } => {
                    stack.push((*ret, depth + 1));
                    stack.extend(params.iter().map(|p| (p.ty, depth + 1)));
                }
                Kind::Int(_) | Kind::Enum(_) | Kind::Enum64(_) | Kind::Fwd { .. } => {}
                Kind::Float { .. } => {}
                Kind::Struct(_) | Kind::Union(_) => {}
                Kind::Func { .. }
                | Kind::Var { .. }
                | Kind::Datasec { .. }
                | Kind::DeclTag { .. } => {
                    return Err(Error::new(format!(
                        "type {id} ({}) is referred to as a type",
                        ty.kind.name()
                    )))
                }
            }
        }
        Ok(())
    }

    /// Writes the kept types with new ids, the forward declarations after them (one per name
    /// and kind).
    fn write(self, roots: &[TypeId]) -> Result<Subset> {
        let kept: Vec<TypeId> = self.full.union(&self.spelled).copied().collect();
        let mut new_id: HashMap<TypeId, TypeId> = HashMap::new();
        for (i, &old) in kept.iter().enumerate() {
            new_id.insert(old, i as TypeId + 1);
        }
        // One forward declaration per (name, kind): pointers to two copies of one struct (a
        // vmlinux may hold duplicates) end at the same declaration.
        let fwd_ids: BTreeMap<(String, bool), TypeId> = self
            .fwds
            .values()
            .cloned()
            .collect::<BTreeSet<_>>()
            .into_iter()
            .enumerate()
            .map(|(i, key)| (key, (kept.len() + i + 1) as TypeId))
            .collect();
        for (old, key) in &self.fwds {
            if let Some(&id) = fwd_ids.get(key) {
                new_id.insert(*old, id);
            }
        }
        let map = |old: TypeId| -> Result<TypeId> {
            if old == 0 {
                return Ok(0);
            }
            new_id.get(&old).copied().ok_or_else(|| {
                Error::new(format!("internal: type {old} was referred to but not kept"))
            })
        };
        let mut out = Btf::new();
        for &old in &kept {
            let ty = self.ty(old)?;
            let name_off = self.add_name(&mut out, ty.name_off)?;
            let kind = match &ty.kind {
                Kind::Struct(c) | Kind::Union(c) => {
                    let mut c = c.clone();
                    for m in &mut c.members {
                        *m = Member {
                            name_off: self.add_name(&mut out, m.name_off)?,
                            ty: map(m.ty)?,
                            offset: m.offset,
                        };
                    }
                    if matches!(ty.kind, Kind::Union(_)) {
                        Kind::Union(c)
                    } else {
                        Kind::Struct(c)
                    }
                }
                Kind::Enum(e) | Kind::Enum64(e) => {
                    let mut e = e.clone();
                    for v in &mut e.values {
                        v.name_off = self.add_name(&mut out, v.name_off)?;
                    }
                    if matches!(ty.kind, Kind::Enum(_)) {
                        Kind::Enum(e)
                    } else {
                        Kind::Enum64(e)
                    }
                }
                Kind::Array(a) => Kind::Array(Array {
                    elem: map(a.elem)?,
                    index: map(a.index)?,
                    len: a.len,
                }),
                Kind::Ptr(t) => Kind::Ptr(map(*t)?),
                Kind::Typedef(t) => Kind::Typedef(map(*t)?),
                Kind::Const(t) => Kind::Const(map(*t)?),
                Kind::Volatile(t) => Kind::Volatile(map(*t)?),
                Kind::Restrict(t) => Kind::Restrict(map(*t)?),
                Kind::TypeTag { ty: t, kflag } => Kind::TypeTag {
                    ty: map(*t)?,
                    kflag: *kflag,
                },
                Kind::FuncProto { ret, params } => Kind::FuncProto {
                    ret: map(*ret)?,
                    params: params
                        .iter()
                        .map(|p| {
                            Ok(Param {
                                name_off: self.add_name(&mut out, p.name_off)?,
                                ty: map(p.ty)?,
                            })
                        })
                        .collect::<Result<_>>()?,
                },
                kind @ (Kind::Int(_) | Kind::Fwd { .. } | Kind::Float { .. }) => kind.clone(),
                kind @ (Kind::Func { .. }
                | Kind::Var { .. }
                | Kind::Datasec { .. }
                | Kind::DeclTag { .. }) => {
                    return Err(Error::new(format!("internal: a {} was kept", kind.name())))
                }
            };
            out.add(Type { name_off, kind })?;
        }
        for (name, union) in fwd_ids.keys() {
            out.add_named(name, Kind::Fwd { union: *union })?;
        }
        let ids = roots.iter().map(|&r| map(r)).collect::<Result<_>>()?;
        Ok(Subset { btf: out, ids })
    }

    /// The offset in `out` of the string at `off` in the source (0 stays 0).
    fn add_name(&self, out: &mut Btf, off: u32) -> Result<u32> {
        if off == 0 {
            return Ok(0);
        }
        let name = self.btf.str_at(off).ok_or_else(|| {
            Error::new(format!("string offset {off} is out of range or not UTF-8"))
        })?;
        if name.is_empty() {
            Ok(0)
        } else {
            out.add_str(name)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::NewMember;

    /// `struct outer { struct inner in; struct other *p; const pid_t *q; int (*f)(struct
    /// third *); }`, `struct inner { int x; }`, and the types only pointed to.
    fn sample() -> (Btf, TypeId) {
        let mut btf = Btf::new();
        let int = btf.add_int("int", 4, true).unwrap();
        let pid_t = btf.add_named("pid_t", Kind::Typedef(int)).unwrap();
        let inner = btf
            .add_composite("inner", false, 4, &[NewMember::new("x", int, 0)])
            .unwrap();
        let other = btf
            .add_composite("other", true, 4, &[NewMember::new("y", int, 0)])
            .unwrap();
        let third = btf.add_composite("third", false, 0, &[]).unwrap();
        let unrelated = btf.add_composite("unrelated", false, 0, &[]).unwrap();
        let p_other = btf.add_named("", Kind::Ptr(other)).unwrap();
        let c_pid = btf.add_named("", Kind::Const(pid_t)).unwrap();
        let q = btf.add_named("", Kind::Ptr(c_pid)).unwrap();
        let p_third = btf.add_named("", Kind::Ptr(third)).unwrap();
        let proto = btf
            .add_named(
                "",
                Kind::FuncProto {
                    ret: int,
                    params: vec![Param {
                        name_off: 0,
                        ty: p_third,
                    }],
                },
            )
            .unwrap();
        let f = btf.add_named("", Kind::Ptr(proto)).unwrap();
        let _ = unrelated;
        let outer = btf
            .add_composite(
                "outer",
                false,
                32,
                &[
                    NewMember::new("in", inner, 0),
                    NewMember::new("p", p_other, 8),
                    NewMember::new("q", q, 16),
                    NewMember::bitfield("f", f, 24 * 8, 0),
                ],
            )
            .unwrap();
        (btf, outer)
    }

    fn names(btf: &Btf) -> Vec<String> {
        btf.types()
            .map(|(_, t)| format!("{}:{}", t.kind.name(), btf.name(t)))
            .collect()
    }

    #[test]
    fn keeps_the_layout_closure_and_forward_declares_the_rest() {
        let (btf, outer) = sample();
        let cut = subset(&btf, &[outer]).unwrap();
        let out = &cut.btf;
        assert_eq!(
            names(out),
            [
                "INT:int",
                "TYPEDEF:pid_t",
                "STRUCT:inner",
                "PTR:",
                "CONST:",
                "PTR:",
                "PTR:",
                "FUNC_PROTO:",
                "PTR:",
                "STRUCT:outer",
                "FWD:other",
                "FWD:third",
            ]
        );
        let root = cut.ids[0];
        assert_eq!(out.name_of(root), "outer");
        assert_eq!(out.resolve_size(root), btf.resolve_size(outer));
        // The pointer to the union points at a forward declaration of a union.
        let Some(Kind::Struct(c)) = out.ty(root).map(|t| &t.kind) else {
            panic!("the root is not a struct");
        };
        let Some(Kind::Ptr(to)) = out.ty(c.members[1].ty).map(|t| &t.kind) else {
            panic!("`p` is not a pointer");
        };
        assert_eq!(
            out.ty(*to).map(|t| &t.kind),
            Some(&Kind::Fwd { union: true })
        );
        // Parses back.
        let bytes = out.to_bytes().unwrap();
        assert_eq!(Btf::parse(&bytes).unwrap().len(), out.len());
    }

    #[test]
    fn a_pointed_to_struct_held_elsewhere_stays_whole() {
        let (btf, outer) = sample();
        let other = btf.types_named("other").next().unwrap().0;
        let cut = subset(&btf, &[outer, other]).unwrap();
        assert!(names(&cut.btf).contains(&"UNION:other".to_owned()));
        assert!(!names(&cut.btf).contains(&"FWD:other".to_owned()));
        assert_eq!(cut.btf.name_of(cut.ids[1]), "other");
    }

    #[test]
    fn each_pointer_keeps_the_name_it_pointed_to() {
        // Forward declarations are numbered by name, not by the ids they replace.
        let mut btf = Btf::new();
        let zeta = btf.add_composite("zeta", false, 0, &[]).unwrap();
        let alpha = btf.add_composite("alpha", false, 0, &[]).unwrap();
        let p_zeta = btf.add_named("", Kind::Ptr(zeta)).unwrap();
        let p_alpha = btf.add_named("", Kind::Ptr(alpha)).unwrap();
        let root = btf
            .add_composite(
                "root",
                false,
                16,
                &[
                    NewMember::new("z", p_zeta, 0),
                    NewMember::new("a", p_alpha, 8),
                ],
            )
            .unwrap();
        let cut = subset(&btf, &[root]).unwrap();
        let out = &cut.btf;
        let Some(Kind::Struct(c)) = out.ty(cut.ids[0]).map(|t| &t.kind) else {
            panic!("the root is not a struct");
        };
        for (member, want) in c.members.iter().zip(["zeta", "alpha"]) {
            let Some(Kind::Ptr(to)) = out.ty(member.ty).map(|t| &t.kind) else {
                panic!("not a pointer");
            };
            assert_eq!(out.name_of(*to), want);
        }
    }

    #[test]
    fn malformed_input_is_an_error() {
        let mut btf = Btf::new();
        let looped = btf.add_named("t", Kind::Typedef(2)).unwrap();
        btf.add_named("u", Kind::Typedef(1)).unwrap();
        assert!(
            subset(&btf, &[looped]).is_ok(),
            "a loop of typedefs is kept once"
        );
        let dangling = btf.add_named("d", Kind::Typedef(99)).unwrap();
        let err = subset(&btf, &[dangling]).unwrap_err();
        assert!(err.message().contains("out of range"), "{err}");
    }
}
