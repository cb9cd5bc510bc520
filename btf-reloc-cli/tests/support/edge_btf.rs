//! A made-up BTF holding what the generator must get right beyond what a vmlinux subset shows
//! reliably: names Rust refuses, bitfields of every width, what cannot be declared, `__user`
//! pointers, anonymous and named unions, multi-dimensional and flexible arrays. Shared by the
//! snapshot tests (`gen.rs`) and the compile and simulation tests (`generated.rs`).

use btf_reloc_btf::types::Param;
use btf_reloc_btf::{Btf, Kind, NewMember, Result, TypeId};

/// The specs the edge-case snapshot is generated for.
pub(crate) const SPECS: &[&str] = &["edge", "ref", "u8", "edge_state", "edge_flags:EF_ONE"];

/// The BTF, built with the BTF crate's own writer.
pub(crate) fn build() -> Result<Btf> {
    let mut btf = Btf::new();
    let int = btf.add_int("int", 4, true)?;
    let uint = btf.add_int("unsigned int", 4, false)?;
    let char_ = btf.add_int("char", 1, true)?;
    let u64_ = btf.add_int("long long unsigned int", 8, false)?;
    let i128_ = btf.add_int("__int128", 16, true)?;
    let double = btf.add_named("double", Kind::Float { size: 8 })?;
    let state = btf.add_enum(
        "edge_state",
        4,
        true,
        false,
        &[("ES_A", 0), ("Self", -1), ("type", 7)],
    )?;
    btf.add_enum(
        "edge_flags",
        8,
        false,
        true,
        &[("EF_ONE", 1), ("EF_ALL", -1)],
    )?;
    let inner = btf.add_composite(
        "inner",
        false,
        8,
        &[NewMember::new("a", int, 0), NewMember::new("b", int, 4)],
    )?;
    let not_declared = btf.add_named("not_declared", Kind::Fwd { union: false })?;
    // `struct edge *` and `struct edge __user *` need the id of `edge`, added last: filled in
    // below through a forward declaration of the same name, which the generator resolves by
    // name as libbpf does.
    let edge_fwd = btf.add_named("edge", Kind::Fwd { union: false })?;
    let user_tag =
        |btf: &mut Btf, ty: TypeId| btf.add_named("user", Kind::TypeTag { ty, kflag: false });
    let user_char = user_tag(&mut btf, char_)?;
    let ubuf = btf.add_named("", Kind::Ptr(user_char))?;
    let user_edge = user_tag(&mut btf, edge_fwd)?;
    let uedge = btf.add_named("", Kind::Ptr(user_edge))?;
    let next = btf.add_named("", Kind::Ptr(edge_fwd))?;
    let other = btf.add_named("", Kind::Ptr(not_declared))?;
    let p_int = btf.add_named("", Kind::Ptr(int))?;
    let pp = btf.add_named("", Kind::Ptr(p_int))?;
    let p_inner = btf.add_named("", Kind::Ptr(inner))?;
    let proto = btf.add_named(
        "",
        Kind::FuncProto {
            ret: int,
            params: vec![Param {
                name_off: 0,
                ty: p_inner,
            }],
        },
    )?;
    let callback = btf.add_named("", Kind::Ptr(proto))?;
    let row = btf.add_array(int, 3)?;
    let grid = btf.add_array(row, 2)?;
    let comm = btf.add_array(char_, 16)?;
    let inner2 = btf.add_array(inner, 2)?;
    let flex = btf.add_array(inner, 0)?;
    // struct { int x; union { int y; int z; }; }, embedded anonymously.
    let yz = btf.add_composite(
        "",
        true,
        4,
        &[NewMember::new("y", int, 0), NewMember::new("z", int, 0)],
    )?;
    let anon = btf.add_composite(
        "",
        false,
        8,
        &[NewMember::new("x", int, 0), NewMember::new("", yz, 4)],
    )?;
    // union { unsigned int a; struct inner b; } u;
    let u = btf.add_composite(
        "",
        true,
        8,
        &[NewMember::new("a", uint, 0), NewMember::new("b", inner, 0)],
    )?;
    let named_union = btf.add_composite(
        "edge_union",
        true,
        8,
        &[
            NewMember::new("whole", u64_, 0),
            NewMember::new("half", uint, 0),
        ],
    )?;
    let kid_struct = btf.add_composite("", false, 4, &[NewMember::new("val", uint, 0)])?;
    let kid = btf.add_named("kid_t", Kind::Typedef(kid_struct))?;
    let edge_members = [
        NewMember::new("type", int, 0),
        NewMember::new("self", int, 4),
        NewMember::new("clone", int, 8),
        NewMember::new("sigPending", uint, 12),
        NewMember::new("comm_at", int, 16),
        NewMember::new("comm", comm, 20),
        NewMember::bitfield("bits_a", uint, 36 * 8, 3),
        NewMember::bitfield("bits_b", int, 36 * 8 + 3, 9),
        NewMember::bitfield("bits_c", uint, 36 * 8 + 12, 17),
        NewMember::bitfield("bits_d", u64_, 40 * 8, 33),
        NewMember::new("wide", i128_, 48),
        NewMember::new("ratio", double, 64),
        NewMember::new("state", state, 72),
        NewMember::new("callback", callback, 80),
        NewMember::new("ubuf", ubuf, 88),
        NewMember::new("uedge", uedge, 96),
        NewMember::new("next", next, 104),
        NewMember::new("other", other, 112),
        NewMember::new("pp", pp, 120),
        NewMember::new("grid", grid, 128),
        NewMember::new("", anon, 152),
        NewMember::new("u", u, 160),
        NewMember::new("named_union", named_union, 168),
        NewMember::new("kid", kid, 176),
        NewMember::new("inner_arr", inner2, 184),
        NewMember::new("flex", flex, 200),
    ];
    btf.add_composite("edge", false, 200, &edge_members)?;
    // A field line too long for one line: rustfmt breaks it after the colon.
    let long = btf.add_composite(
        "a_struct_with_a_name_long_enough_to_push_its_field_past_the_line_width",
        false,
        4,
        &[NewMember::new("x", int, 0)],
    )?;
    btf.add_composite(
        "ref",
        false,
        8,
        &[
            NewMember::new("x", int, 0),
            NewMember::new("a_member_with_a_long_name", long, 4),
        ],
    )?;
    btf.add_composite("u8", false, 1, &[NewMember::new("byte", char_, 0)])?;
    Ok(btf)
}
