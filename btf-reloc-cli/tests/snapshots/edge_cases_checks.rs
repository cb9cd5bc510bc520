// Checks of `edge_cases.rs`, rendered from its plan by `tests/gen.rs`; `BLESS=1` rewrites them.

pub(crate) fn all(c: &mut Checker) {
    let _sim = c.install(0);
    check_edge(c);
    check_ref_(c);
    check_u8_(c);
    check_inner(c);
    check_a_struct_with_a_name_long_enough_to_push_its_field_past_the_line_width(c);
    c.not_root("edge__u.a", edge__u::a_byte_offset());
    c.not_root("edge__u.b", edge__u::b_byte_offset());
    c.not_root("edge_union.whole", edge_union::whole_byte_offset());
    c.not_root("edge_union.half", edge_union::half_byte_offset());
    c.not_root("kid_t.val", kid_t::val_byte_offset());
}

fn check_edge(c: &mut Checker) {
    let _sim = c.install(200);
    let p = KernelPtr::<edge>::from_addr(BASE);
    c.offset("edge.type", edge::type_byte_offset(), edge::type_byte_size(), 0, 4);
    c.offset("edge.self", edge::self_field_byte_offset(), edge::self_field_byte_size(), 4, 4);
    c.offset("edge.clone", edge::clone_field_byte_offset(), edge::clone_field_byte_size(), 8, 4);
    c.offset("edge.sigPending", edge::sig_pending_byte_offset(), edge::sig_pending_byte_size(), 12, 4);
    c.offset("edge.comm_at", edge::comm_at_byte_offset(), edge::comm_at_byte_size(), 16, 4);
    c.offset("edge.comm", edge::comm_field_byte_offset(), edge::comm_field_byte_size(), 20, 16);
    c.offset("edge.callback", edge::callback_byte_offset(), edge::callback_byte_size(), 80, 8);
    c.offset("edge.ubuf", edge::ubuf_byte_offset(), edge::ubuf_byte_size(), 88, 8);
    c.offset("edge.uedge", edge::uedge_byte_offset(), edge::uedge_byte_size(), 96, 8);
    c.offset("edge.next", edge::next_byte_offset(), edge::next_byte_size(), 104, 8);
    c.offset("edge.other", edge::other_byte_offset(), edge::other_byte_size(), 112, 8);
    c.offset("edge.pp", edge::pp_byte_offset(), edge::pp_byte_size(), 120, 8);
    c.offset("edge.grid", edge::grid_byte_offset(), edge::grid_byte_size(), 128, 24);
    c.offset("edge.x", edge::x_byte_offset(), edge::x_byte_size(), 152, 4);
    c.offset("edge.y", edge::y_byte_offset(), edge::y_byte_size(), 156, 4);
    c.offset("edge.z", edge::z_byte_offset(), edge::z_byte_size(), 156, 4);
    c.offset("edge.u", edge::u_byte_offset(), edge::u_byte_size(), 160, 8);
    c.offset("edge.named_union", edge::named_union_byte_offset(), edge::named_union_byte_size(), 168, 8);
    c.offset("edge.kid", edge::kid_byte_offset(), edge::kid_byte_size(), 176, 4);
    c.offset("edge.inner_arr", edge::inner_arr_byte_offset(), edge::inner_arr_byte_size(), 184, 16);
    c.offset("edge.flex", edge::flex_byte_offset(), edge::flex_byte_size(), 200, 0);
    c.value("edge.type", p.r#type(), 0);
    c.value("edge.self", p.self_field(), 4);
    c.value("edge.clone", p.clone_field(), 8);
    c.value("edge.sigPending", p.sig_pending(), 12);
    c.value("edge.comm_at", p.comm_at(), 16);
    c.value("edge.comm", p.comm_field(), 20);
    c.bitfield("edge.bits_a", 200, 288, 3, false, || p.bits_a());
    c.bitfield("edge.bits_b", 200, 291, 9, true, || p.bits_b());
    c.bitfield("edge.bits_c", 200, 300, 17, false, || p.bits_c());
    c.bitfield("edge.bits_d", 200, 320, 33, false, || p.bits_d());
    c.value("edge.callback", p.callback(), 80);
    c.value("edge.ubuf", p.ubuf(), 88);
    c.value("edge.uedge", p.uedge(), 96);
    c.value("edge.next", p.next(), 104);
    c.value("edge.other", p.other(), 112);
    c.value("edge.pp", p.pp(), 120);
    c.value("edge.grid", p.grid(), 128);
    c.value("edge.x", p.x(), 152);
    c.value("edge.y", p.y(), 156);
    c.value("edge.z", p.z(), 156);
    c.embedded("edge.u", p.u().map(|h| h.map(Ptr::addr)), 160);
    c.value("edge.u.a", p.u().and_get(|h| h.a()), 160);
    c.embedded("edge.u.b", p.u().and_get(|h| h.b()).map(|h| h.map(Ptr::addr)), 160);
    c.embedded("edge.named_union", p.named_union().map(|h| h.map(Ptr::addr)), 168);
    c.value("edge.named_union.whole", p.named_union().and_get(|h| h.whole()), 168);
    c.value("edge.named_union.half", p.named_union().and_get(|h| h.half()), 168);
    c.embedded("edge.kid", p.kid().map(|h| h.map(Ptr::addr)), 176);
    c.value("edge.kid.val", p.kid().and_get(|h| h.val()), 176);
}

fn check_ref_(c: &mut Checker) {
    let _sim = c.install(8);
    let p = KernelPtr::<ref_>::from_addr(BASE);
    c.offset("ref_.x", ref_::x_byte_offset(), ref_::x_byte_size(), 0, 4);
    c.offset("ref_.a_member_with_a_long_name", ref_::a_member_with_a_long_name_byte_offset(), ref_::a_member_with_a_long_name_byte_size(), 4, 4);
    c.value("ref_.x", p.x(), 0);
    c.embedded("ref_.a_member_with_a_long_name", p.a_member_with_a_long_name().map(|h| h.map(Ptr::addr)), 4);
}

fn check_u8_(c: &mut Checker) {
    let _sim = c.install(1);
    let p = KernelPtr::<u8_>::from_addr(BASE);
    c.offset("u8_.byte", u8_::byte_byte_offset(), u8_::byte_byte_size(), 0, 1);
    c.value("u8_.byte", p.byte(), 0);
}

fn check_inner(c: &mut Checker) {
    let _sim = c.install(8);
    let p = KernelPtr::<inner>::from_addr(BASE);
    c.offset("inner.a", inner::a_byte_offset(), inner::a_byte_size(), 0, 4);
    c.offset("inner.b", inner::b_byte_offset(), inner::b_byte_size(), 4, 4);
    c.value("inner.a", p.a(), 0);
    c.value("inner.b", p.b(), 4);
}

fn check_a_struct_with_a_name_long_enough_to_push_its_field_past_the_line_width(c: &mut Checker) {
    let _sim = c.install(4);
    let p = KernelPtr::<a_struct_with_a_name_long_enough_to_push_its_field_past_the_line_width>::from_addr(BASE);
    c.offset("a_struct_with_a_name_long_enough_to_push_its_field_past_the_line_width.x", a_struct_with_a_name_long_enough_to_push_its_field_past_the_line_width::x_byte_offset(), a_struct_with_a_name_long_enough_to_push_its_field_past_the_line_width::x_byte_size(), 0, 4);
    c.value("a_struct_with_a_name_long_enough_to_push_its_field_past_the_line_width.x", p.x(), 0);
}
