//! `TYPE_MATCHES` (`compat::types_match`), on the types of libbpf's own selftest
//! (`progs/test_core_reloc_type_based.c` and the `type_based*` targets of
//! `progs/core_reloc_types.h`), with the values the kernel's `core_reloc` table expects libbpf
//! to compute; and the edges of `relo_core.c`'s `__bpf_core_types_match` those do not reach.

use btf_reloc_format::RelocKind::{TypeExists, TypeMatches};

use super::{resolve, CoreError, Relocation};
use crate::types::{Kind, Param};
use crate::{Btf, NewMember, TypeId};

/// `TYPE_MATCHES` of local type `id` against `target`: `Some(true)` on a match.
fn matches(local: &Btf, id: TypeId, target: &Btf) -> Result<bool, CoreError> {
    resolve(
        local,
        &Relocation {
            kind: TypeMatches,
            type_id: id,
            access: "0",
        },
        target,
    )
    .map(|r| r.value == Some(1))
}

fn exists(local: &Btf, id: TypeId, target: &Btf) -> bool {
    resolve(
        local,
        &Relocation {
            kind: TypeExists,
            type_id: id,
            access: "0",
        },
        target,
    )
    .is_ok_and(|r| r.value == Some(1))
}

/// A small BTF builder for C declarations.
struct C(Btf);

impl C {
    fn new() -> Self {
        Self(Btf::new())
    }
    fn int(&mut self, name: &str, size: u32, signed: bool) -> TypeId {
        self.0.add_int(name, size, signed).unwrap()
    }
    fn named(&mut self, name: &str, kind: Kind) -> TypeId {
        self.0.add_named(name, kind).unwrap()
    }
    fn ptr(&mut self, to: TypeId) -> TypeId {
        self.named("", Kind::Ptr(to))
    }
    fn typedef(&mut self, name: &str, to: TypeId) -> TypeId {
        self.named(name, Kind::Typedef(to))
    }
    fn composite(&mut self, name: &str, union: bool, members: &[(&str, TypeId)]) -> TypeId {
        let members: Vec<NewMember<'_>> = members
            .iter()
            .enumerate()
            .map(|(i, (name, ty))| NewMember::new(name, *ty, if union { 0 } else { 8 * i as u32 }))
            .collect();
        let size = if union { 8 } else { 8 * members.len() as u32 };
        self.0.add_composite(name, union, size, &members).unwrap()
    }
    fn strukt(&mut self, name: &str, members: &[(&str, TypeId)]) -> TypeId {
        self.composite(name, false, members)
    }
    fn union(&mut self, name: &str, members: &[(&str, TypeId)]) -> TypeId {
        self.composite(name, true, members)
    }
    fn enumeration(&mut self, name: &str, size: u32, values: &[(&str, i64)]) -> TypeId {
        self.0
            .add_enum(name, size, false, size == 8, values)
            .unwrap()
    }
    fn proto(&mut self, ret: TypeId, params: &[TypeId]) -> TypeId {
        let params = params.iter().map(|&ty| Param { name_off: 0, ty }).collect();
        self.named("", Kind::FuncProto { ret, params })
    }
    fn array(&mut self, elem: TypeId, len: u32) -> TypeId {
        self.0.add_array(elem, len).unwrap()
    }
}

/// The local types of `test_core_reloc_type_based.c`, in declaration order.
struct Local {
    btf: Btf,
    roots: [TypeId; 13],
}

const NAMES: [&str; 13] = [
    "struct",
    "complex",
    "union",
    "enum",
    "named",
    "anon",
    "struct_ptr",
    "int",
    "enum_typedef",
    "void_ptr",
    "restrict_ptr",
    "func_proto",
    "arr",
];

fn local() -> Local {
    let mut c = C::new();
    let int = c.int("int", 4, true);
    let long = c.int("long", 8, true);
    let char_ = c.int("char", 1, true);
    let a_struct = c.strukt("a_struct", &[("x", int)]);
    let a_struct_ptr = c.ptr(a_struct);
    let void_ptr = c.ptr(0);
    let x = c.union("", &[("a", a_struct_ptr), ("b", void_ptr)]);
    let volatile_long = c.named("", Kind::Volatile(long));
    let complex = c.strukt("a_complex_struct", &[("x", x), ("y", volatile_long)]);
    let a_union = c.union("a_union", &[("y", int), ("z", int)]);
    let named = c.typedef("named_struct_typedef", a_struct);
    let anon_s = c.strukt("", &[("x", int), ("y", int), ("z", int)]);
    let anon = c.typedef("anon_struct_typedef", anon_s);
    let abc = c.strukt("", &[("a", int), ("b", int), ("c", int)]);
    let abc_ptr = c.ptr(abc);
    let struct_ptr = c.typedef("struct_ptr_typedef", abc_ptr);
    let an_enum = c.enumeration(
        "an_enum",
        4,
        &[
            ("AN_ENUM_VAL1", 1),
            ("AN_ENUM_VAL2", 2),
            ("AN_ENUM_VAL3", 3),
        ],
    );
    let int_typedef = c.typedef("int_typedef", int);
    let anon_enum = c.enumeration("", 4, &[("TYPEDEF_ENUM_VAL1", 0), ("TYPEDEF_ENUM_VAL2", 1)]);
    let enum_typedef = c.typedef("enum_typedef", anon_enum);
    let void_ptr_typedef = c.typedef("void_ptr_typedef", void_ptr);
    let int_ptr = c.ptr(int);
    let restrict = c.named("", Kind::Restrict(int_ptr));
    let restrict_ptr = c.typedef("restrict_ptr_typedef", restrict);
    let proto = c.proto(int, &[long]);
    let proto_ptr = c.ptr(proto);
    let func_proto = c.typedef("func_proto_typedef", proto_ptr);
    let char20 = c.array(char_, 20);
    let arr = c.typedef("arr_typedef", char20);
    Local {
        btf: c.0,
        roots: [
            a_struct,
            complex,
            a_union,
            an_enum,
            named,
            anon,
            struct_ptr,
            int_typedef,
            enum_typedef,
            void_ptr_typedef,
            restrict_ptr,
            func_proto,
            arr,
        ],
    }
}

/// `TYPE_MATCHES` of every root against `target`, as 0/1 in [`NAMES`] order.
fn all_matches(local: &Local, target: &Btf) -> [u8; 13] {
    local
        .roots
        .map(|id| u8::from(matches(&local.btf, id, target).unwrap()))
}

fn all_exist(local: &Local, target: &Btf) -> [u8; 13] {
    local
        .roots
        .map(|id| u8::from(exists(&local.btf, id, target)))
}

#[test]
fn the_same_declarations_match() {
    // `type_based`: the target has the header's definitions, identical to the local ones.
    let local = local();
    assert_eq!(all_matches(&local, &local.btf), [1; 13]);
}

/// `core_reloc_types.h`'s `type_based___diff` targets.
fn diff() -> Btf {
    let mut c = C::new();
    let int = c.int("int", 4, true);
    let uint = c.int("unsigned int", 4, false);
    let long = c.int("long", 8, true);
    let char_ = c.int("char", 1, true);
    let a_struct = c.strukt("a_struct___diff", &[("x", int), ("a", int)]);
    let fwd = c.named("a_struct___forward", Kind::Fwd { union: false });
    let fwd_ptr = c.ptr(fwd);
    let void_ptr = c.ptr(0);
    let x = c.union("", &[("a", fwd_ptr), ("b", void_ptr)]);
    let volatile_long = c.named("", Kind::Volatile(long));
    c.strukt("a_complex_struct___diff", &[("x", x), ("y", volatile_long)]);
    c.union("a_union___diff", &[("z", int), ("y", int)]);
    c.enumeration(
        "an_enum___diff",
        4,
        &[
            ("AN_ENUM_VAL2___diff", 0),
            ("AN_ENUM_VAL1___diff", 42),
            ("AN_ENUM_VAL3___diff", 1),
        ],
    );
    c.typedef("named_struct_typedef___diff", a_struct);
    let zxy = c.strukt("", &[("z", int), ("x", int), ("y", int)]);
    c.typedef("anon_struct_typedef___diff", zxy);
    let cba = c.strukt("", &[("c", int), ("b", int), ("a", int)]);
    let cba_ptr = c.ptr(cba);
    c.typedef("struct_ptr_typedef___diff", cba_ptr);
    let int_typedef = c.typedef("int_typedef___diff", uint);
    let anon_enum = c.enumeration(
        "",
        4,
        &[
            ("TYPEDEF_ENUM_VAL2___diff", 0),
            ("TYPEDEF_ENUM_VAL1___diff", 50),
        ],
    );
    c.typedef("enum_typedef___diff", anon_enum);
    let const_void = c.named("", Kind::Const(0));
    let const_void_ptr = c.ptr(const_void);
    c.typedef("void_ptr_typedef___diff", const_void_ptr);
    let proto = c.proto(int_typedef, &[long]);
    let proto_ptr = c.ptr(proto);
    c.typedef("func_proto_typedef___diff", proto_ptr);
    let char3 = c.array(char_, 3);
    c.typedef("arr_typedef___diff", char3);
    c.0
}

#[test]
fn type_based_diff() {
    // `.exists`: all but restrict_ptr; `.matches`: struct (behind a pointer, `a_struct` matches
    // the forward declaration `a_struct___forward`), complex, union, enum (names, not values),
    // named, anon (member order does not matter), struct_ptr, enum_typedef, void_ptr (`const`
    // skipped); not int (`unsigned int`), func_proto (returns `unsigned int`), arr (3 ≠ 20).
    let local = local();
    let target = diff();
    assert_eq!(
        all_exist(&local, &target),
        [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1]
    );
    assert_eq!(
        all_matches(&local, &target),
        [1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 0, 0, 0],
        "{NAMES:?}"
    );
}

#[test]
fn type_based_diff_sz() {
    // `type_based___diff_sz`: only struct_ptr (anonymous pointees, compared by kind) and
    // void_ptr match; `long x` is no `int x`, the enum has 8 bytes, the union has no `y`, the
    // anonymous local enum does not match the named `an_enum___diff_sz`.
    let mut c = C::new();
    let int = c.int("int", 4, true);
    let uint = c.int("unsigned int", 4, false);
    let long = c.int("long", 8, true);
    let char_ = c.int("char", 1, true);
    let a_struct = c.strukt(
        "a_struct___diff_sz",
        &[("x", long), ("y", int), ("z", char_)],
    );
    c.union("a_union___diff_sz", &[("yy", char_), ("zz", char_)]);
    let an_enum = c.enumeration(
        "an_enum___diff_sz",
        8,
        &[
            ("AN_ENUM_VAL1___diff_sz", 0x1234_1234_1234),
            ("AN_ENUM_VAL2___diff_sz", 2),
        ],
    );
    c.typedef("named_struct_typedef___diff_sz", a_struct);
    let xyz = c.strukt("", &[("xx", long), ("yy", long), ("zz", long)]);
    c.typedef("anon_struct_typedef___diff_sz", xyz);
    let a1 = c.array(char_, 1);
    let a2 = c.array(char_, 2);
    let a3 = c.array(char_, 3);
    let abc = c.strukt("", &[("aa", a1), ("bb", a2), ("cc", a3)]);
    let abc_ptr = c.ptr(abc);
    c.typedef("struct_ptr_typedef___diff_sz", abc_ptr);
    let int_typedef = c.typedef("int_typedef___diff_sz", uint);
    c.typedef("enum_typedef___diff_sz", an_enum);
    let const_void = c.named("", Kind::Const(0));
    let ptr = c.ptr(const_void);
    let const_ptr = c.named("", Kind::Const(ptr));
    c.typedef("void_ptr_typedef___diff_sz", const_ptr);
    let proto = c.proto(int_typedef, &[char_]);
    let proto_ptr = c.ptr(proto);
    c.typedef("func_proto_typedef___diff_sz", proto_ptr);
    let int2 = c.array(int, 2);
    c.typedef("arr_typedef___diff_sz", int2);
    let local = local();
    assert_eq!(
        all_exist(&local, &c.0),
        [1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1]
    );
    assert_eq!(
        all_matches(&local, &c.0),
        [0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0],
        "{NAMES:?}"
    );
}

#[test]
fn type_based_incompat() {
    // `type_based___incompat`: a union where a struct is declared (and the reverse) is not a
    // candidate at all; only `enum an_enum` is the same, and matches.
    let mut c = C::new();
    let int = c.int("int", 4, true);
    let long = c.int("long", 8, true);
    let char_ = c.int("char", 1, true);
    let u = c.union("a_struct___incompat", &[("x", int)]);
    c.strukt("a_union___incompat", &[("y", int), ("z", int)]);
    c.enumeration(
        "an_enum",
        4,
        &[
            ("AN_ENUM_VAL1", 1),
            ("AN_ENUM_VAL2", 2),
            ("AN_ENUM_VAL3", 3),
        ],
    );
    c.typedef("named_struct_typedef___incompat", u);
    let void_ptr = c.ptr(0);
    c.typedef("anon_struct_typedef___incompat", void_ptr);
    let pp = c.ptr(void_ptr);
    c.typedef("struct_ptr_typedef___incompat", pp);
    let xs = c.strukt("", &[("x", int)]);
    c.typedef("int_typedef___incompat", xs);
    let proto = c.proto(int, &[]);
    let proto_ptr = c.ptr(proto);
    c.typedef("enum_typedef___incompat", proto_ptr);
    let char_ptr = c.ptr(char_);
    c.typedef("void_ptr_typedef___incompat", char_ptr);
    let vproto = c.proto(0, &[long]);
    let vproto_ptr = c.ptr(vproto);
    c.typedef("func_proto_typedef___incompat", vproto_ptr);
    let int2 = c.array(int, 2);
    let int20x2 = c.array(int2, 20);
    c.typedef("arr_typedef___incompat", int20x2);
    let local = local();
    let enum_only = [0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    assert_eq!(all_exist(&local, &c.0), enum_only);
    assert_eq!(all_matches(&local, &c.0), enum_only);
}

#[test]
fn type_based_fn_wrong_args() {
    // `type_based___fn_wrong_args`: six candidates for `func_proto_typedef`, none matching (nor
    // compatible): another return type or parameter, another number of parameters.
    let mut c = C::new();
    let int = c.int("int", 4, true);
    let long = c.int("long", 8, true);
    c.strukt("a_struct", &[("x", int)]);
    let int_ptr = c.ptr(int);
    let ret_struct = c.strukt("", &[("x", int)]);
    let void_ptr = c.ptr(0);
    for (flavor, ret, params) in [
        ("ret1", 0, vec![long]),
        ("ret2", int_ptr, vec![long]),
        ("ret3", ret_struct, vec![long]),
        ("arg", int, vec![void_ptr]),
        ("arg_cnt1", int, vec![long, long]),
        ("arg_cnt2", int, vec![]),
    ] {
        let proto = c.proto(ret, &params);
        let ptr = c.ptr(proto);
        c.typedef(&format!("func_proto_typedef___fn_wrong_{flavor}"), ptr);
    }
    let local = local();
    let struct_only = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    assert_eq!(all_exist(&local, &c.0), struct_only);
    assert_eq!(all_matches(&local, &c.0), struct_only);
}

#[test]
fn kernel_task_struct_local() {
    // The `kernel` case: `struct task_struct___local { int pid; struct mm_struct___wrong *mm; }`
    // matches vmlinux's `task_struct`: `pid_t` is a typedef of `int`, and behind the pointer
    // only the names (`mm_struct___wrong` ~ `mm_struct`) and kinds are compared, not members.
    let mut l = C::new();
    let int = l.int("int", 4, true);
    let wrong = l.strukt(
        "mm_struct___wrong",
        &[("abc_whatever_should_not_exist", int)],
    );
    let wrong_ptr = l.ptr(wrong);
    let local_task = l.strukt("task_struct___local", &[("pid", int), ("mm", wrong_ptr)]);
    // A forward declaration behind the pointer (what btf-reloc's local BTF holds) matches too.
    let fwd = l.named("mm_struct", Kind::Fwd { union: false });
    let fwd_ptr = l.ptr(fwd);
    let with_fwd = l.strukt("task_struct___fwd", &[("pid", int), ("mm", fwd_ptr)]);
    // … but not a union of that name, nor an `unsigned int` pid.
    let fwd_union = l.named("mm_struct", Kind::Fwd { union: true });
    let union_ptr = l.ptr(fwd_union);
    let with_union = l.strukt("task_struct___union", &[("pid", int), ("mm", union_ptr)]);
    let uint = l.int("unsigned int", 4, false);
    let unsigned = l.strukt("task_struct___unsigned", &[("pid", uint)]);

    let mut k = C::new();
    let kint = k.int("int", 4, true);
    let pid_t = k.typedef("pid_t", kint);
    let mm = k.strukt("mm_struct", &[("mmap_base", kint)]);
    let mm_ptr = k.ptr(mm);
    let comm = k.int("char", 1, true);
    let comm16 = k.array(comm, 16);
    k.strukt(
        "task_struct",
        &[
            ("comm", comm16),
            ("mm", mm_ptr),
            ("pid", pid_t),
            ("tgid", pid_t),
        ],
    );
    assert_eq!(matches(&l.0, local_task, &k.0), Ok(true));
    assert_eq!(matches(&l.0, with_fwd, &k.0), Ok(true));
    assert_eq!(matches(&l.0, with_union, &k.0), Ok(false));
    assert_eq!(matches(&l.0, unsigned, &k.0), Ok(false));
    // TYPE_EXISTS, by contrast, compares kinds only.
    assert!(exists(&l.0, unsigned, &k.0));
}

#[test]
fn int_names_and_member_names_count_at_every_level() {
    // `i32` is no `int` for TYPE_MATCHES (names after typedefs), though both are 4-byte signed
    // ints; an anonymous local member only matches an anonymous target member.
    let mut l = C::new();
    let i32_ = l.int("i32", 4, true);
    let by_rust_name = l.strukt("s", &[("a", i32_)]);
    let int = l.int("int", 4, true);
    let inner = l.strukt("", &[("a", int)]);
    let anonymous = l.strukt("s___anon", &[("", inner)]);
    let mut t = C::new();
    let tint = t.int("int", 4, true);
    let tinner = t.strukt("", &[("a", tint)]);
    t.strukt("s", &[("a", tint), ("", tinner)]);
    assert_eq!(matches(&l.0, by_rust_name, &t.0), Ok(false));
    assert_eq!(matches(&l.0, anonymous, &t.0), Ok(true));
    let mut named = C::new();
    let nint = named.int("int", 4, true);
    let ninner = named.strukt("", &[("a", nint)]);
    named.strukt("s", &[("a", nint), ("b", ninner)]);
    assert_eq!(matches(&l.0, anonymous, &named.0), Ok(false));
}

#[test]
fn floats_match_nothing_and_depth_is_bounded() {
    // A FLOAT is "unexpected" in `__bpf_core_types_match`: it matches no other float.
    let mut l = C::new();
    let float = l.named("float", Kind::Float { size: 4 });
    let with_float = l.strukt("f", &[("x", float)]);
    assert_eq!(matches(&l.0, with_float, &l.0.clone()), Ok(false));
    // 32 levels of structs embedded by value, the int member of the innermost at level 0: past
    // libbpf's `level` of 32, an error (the relocation fails, -EINVAL).
    let mut deep = C::new();
    let mut ty = deep.int("int", 4, true);
    for _ in 0..31 {
        ty = deep.strukt("", &[("m", ty)]);
    }
    let root = deep.strukt("deep", &[("m", ty)]);
    assert!(matches!(
        matches(&deep.0, root, &deep.0.clone()),
        Err(CoreError::BadTarget(_))
    ));
    // 31 levels are fine.
    let mut ok = C::new();
    let mut ty = ok.int("int", 4, true);
    for _ in 0..30 {
        ty = ok.strukt("", &[("m", ty)]);
    }
    let root = ok.strukt("ok", &[("m", ty)]);
    assert_eq!(matches(&ok.0, root, &ok.0.clone()), Ok(true));
}
