//! libbpf's rules, case by case, on small BTFs built here. The expected values are what
//! libbpf's `relo_core.c` computes for the same types (worked out by hand from its code).

use btf_reloc_format::RelocKind::{self, *};

use super::{describe, line_note, local_value, resolve, CoreError, Mismatch, Relocation};
use crate::types::Kind;
use crate::{Btf, NewMember, TypeId};

fn resolve_in(
    local: &Btf,
    type_id: TypeId,
    kind: RelocKind,
    access: &str,
    target: &Btf,
) -> Result<Option<u64>, CoreError> {
    resolve(
        local,
        &Relocation {
            kind,
            type_id,
            access,
        },
        target,
    )
    .map(|r| r.value)
}

/// `struct s { u32 a; u64 b; u8 c[4]; }` (offsets 0, 8, 16).
fn local_s() -> (Btf, TypeId) {
    let mut btf = Btf::new();
    let u32t = btf.add_int("u32", 4, false).unwrap();
    let u64t = btf.add_int("u64", 8, false).unwrap();
    let u8t = btf.add_int("u8", 1, false).unwrap();
    let arr = btf.add_array(u8t, 4).unwrap();
    let s = btf
        .add_composite(
            "s",
            false,
            24,
            &[
                NewMember::new("a", u32t, 0),
                NewMember::new("b", u64t, 8),
                NewMember::new("c", arr, 16),
            ],
        )
        .unwrap();
    (btf, s)
}

#[test]
fn fields_are_found_by_name_at_target_offsets() {
    let (local, s) = local_s();
    let mut target = Btf::new();
    let u32t = target.add_int("unsigned int", 4, false).unwrap();
    let u64t = target.add_int("long unsigned int", 8, false).unwrap();
    let u8t = target.add_int("unsigned char", 1, false).unwrap();
    let arr = target.add_array(u8t, 6).unwrap();
    target
        .add_composite(
            "s",
            false,
            64,
            &[
                NewMember::new("c", arr, 0),
                NewMember::new("b", u64t, 16),
                NewMember::new("a", u32t, 40),
            ],
        )
        .unwrap();
    assert_eq!(
        resolve_in(&local, s, FieldByteOffset, "0:0", &target),
        Ok(Some(40))
    );
    assert_eq!(
        resolve_in(&local, s, FieldByteSize, "0:0", &target),
        Ok(Some(4))
    );
    assert_eq!(
        resolve_in(&local, s, FieldByteOffset, "0:1", &target),
        Ok(Some(16))
    );
    assert_eq!(
        resolve_in(&local, s, FieldExists, "0:2", &target),
        Ok(Some(1))
    );
    // The array keeps its name but has another length: its size is the target's.
    assert_eq!(
        resolve_in(&local, s, FieldByteSize, "0:2", &target),
        Ok(Some(6))
    );
    // Element 3 of `c`: offset of `c` plus 3 elements; an element has no SIGNED relocation.
    assert_eq!(
        resolve_in(&local, s, FieldByteOffset, "0:2:3", &target),
        Ok(Some(3))
    );
    assert_eq!(
        resolve_in(&local, s, FieldByteSize, "0:2:3", &target),
        Ok(Some(1))
    );
    assert!(matches!(
        resolve_in(&local, s, FieldSigned, "0:2:3", &target),
        Err(CoreError::Refused(_))
    ));
    // The local side: what the marker must hold.
    let relo = Relocation {
        kind: FieldByteOffset,
        type_id: s,
        access: "0:1",
    };
    assert_eq!(
        local_value(&local, &relo).map(|(_, v, validate)| (v, validate)),
        Ok((8, true))
    );
    assert_eq!(
        describe(
            &local,
            &Relocation {
                access: "0:2:3",
                ..relo
            }
        )
        .as_deref(),
        Some("s.c[3]")
    );
}

#[test]
fn missing_and_incompatible_fields_poison_all_but_exists() {
    let (local, s) = local_s();
    let mut target = Btf::new();
    let u32t = target.add_int("u32", 4, false).unwrap();
    let ptr = target.add_named("", Kind::Ptr(u32t)).unwrap();
    // `a` is a pointer here (incompatible with an int), `b` is missing.
    target
        .add_composite(
            "s",
            false,
            16,
            &[NewMember::new("a", ptr, 0), NewMember::new("x", u32t, 8)],
        )
        .unwrap();
    for access in ["0:0", "0:1"] {
        assert_eq!(
            resolve_in(&local, s, FieldExists, access, &target),
            Ok(Some(0))
        );
        assert_eq!(
            resolve_in(&local, s, FieldByteOffset, access, &target),
            Ok(None)
        );
        assert_eq!(
            resolve_in(&local, s, FieldByteSize, access, &target),
            Ok(None)
        );
    }
    let r = resolve(
        &local,
        &Relocation {
            kind: FieldExists,
            type_id: s,
            access: "0:0",
        },
        &target,
    )
    .unwrap();
    assert_eq!(
        r.mismatches,
        vec![(
            2 + 1,
            Mismatch::Incompatible {
                name: "a".into(),
                local: "int".into(),
                target: "ptr".into()
            }
        )]
    );
    assert_eq!(
        r.mismatches[0].1.to_string(),
        "member `a` is a ptr in the target but an int locally"
    );
    // No type of that name at all: no candidates; the type kinds give 0.
    let empty = Btf::new();
    assert_eq!(
        resolve_in(&local, s, FieldExists, "0:0", &empty),
        Ok(Some(0))
    );
    assert_eq!(resolve_in(&local, s, TypeExists, "0", &empty), Ok(Some(0)));
    assert_eq!(resolve_in(&local, s, TypeSize, "0", &empty), Ok(Some(0)));
}

#[test]
fn flavors_anonymous_members_and_typedefs() {
    let (local, s) = local_s();
    let mut target = Btf::new();
    let u32t = target.add_int("u32", 4, false).unwrap();
    let typedef = target.add_named("u32_t", Kind::Typedef(u32t)).unwrap();
    let volatile = target.add_named("", Kind::Volatile(typedef)).unwrap();
    let u64t = target.add_int("u64", 8, false).unwrap();
    // union { u64 raw; struct { u32 pad; const volatile u32_t a; }; } at byte 8.
    let inner = target
        .add_composite(
            "",
            false,
            8,
            &[
                NewMember::new("pad", u32t, 0),
                NewMember::new("a", volatile, 4),
            ],
        )
        .unwrap();
    let union = target
        .add_composite(
            "",
            true,
            8,
            &[NewMember::new("raw", u64t, 0), NewMember::new("", inner, 0)],
        )
        .unwrap();
    let s_target = target
        .add_composite(
            "s___v2",
            false,
            16,
            &[NewMember::new("b", u64t, 0), NewMember::new("", union, 8)],
        )
        .unwrap();
    assert_eq!(
        resolve_in(&local, s, FieldByteOffset, "0:0", &target),
        Ok(Some(12))
    );
    assert_eq!(
        resolve_in(&local, s, FieldByteSize, "0:0", &target),
        Ok(Some(4))
    );
    let r = resolve(
        &local,
        &Relocation {
            kind: FieldByteOffset,
            type_id: s,
            access: "0:0",
        },
        &target,
    )
    .unwrap();
    // The target access string walks the anonymous members: member 1, then 1, then 1.
    assert_eq!(
        r.target
            .map(|spec| (spec.root_type_id, spec.access_string())),
        Some((s_target, "0:1:1:1".into()))
    );
    assert_eq!(resolve_in(&local, s, TypeSize, "0", &target), Ok(Some(16)));
}

#[test]
fn bitfields_follow_libbpf() {
    // Local: `struct t { u8 flag; }` read with the bitfield relocations.
    let mut local = Btf::new();
    let u8t = local.add_int("u8", 1, false).unwrap();
    let t = local
        .add_composite("t", false, 1, &[NewMember::new("flag", u8t, 0)])
        .unwrap();
    // Target: `struct t { int x:3; unsigned int flag:5; signed char s:4 @ bit 62 of a long }`.
    let mut target = Btf::new();
    let int = target.add_int("int", 4, true).unwrap();
    let uint = target.add_int("unsigned int", 4, false).unwrap();
    let long = target.add_int("long", 8, true).unwrap();
    target
        .add_composite(
            "t",
            false,
            16,
            &[
                NewMember::bitfield("x", int, 0, 3),
                NewMember::bitfield("flag", uint, 3, 5),
                NewMember::bitfield("s", long, 62, 4),
            ],
        )
        .unwrap();
    let get = |kind| resolve_in(&local, t, kind, "0:0", &target);
    assert_eq!(get(FieldByteOffset), Ok(Some(0)));
    assert_eq!(get(FieldByteSize), Ok(Some(4)));
    assert_eq!(get(FieldSigned), Ok(Some(0)));
    assert_eq!(get(FieldLshiftU64), Ok(Some(64 - (3 + 5))));
    assert_eq!(get(FieldRshiftU64), Ok(Some(64 - 5)));
    // Local plain u8: its shifts are those of a full byte; a bitfield's offset is not validated.
    let relo = Relocation {
        kind: FieldLshiftU64,
        type_id: t,
        access: "0:0",
    };
    assert_eq!(local_value(&local, &relo).map(|(_, v, _)| v), Ok(56));
    // A bitfield straddling a 64-bit boundary cannot be loaded.
    let mut local_s = Btf::new();
    let u8s = local_s.add_int("u8", 1, false).unwrap();
    let ts = local_s
        .add_composite("t", false, 1, &[NewMember::new("s", u8s, 0)])
        .unwrap();
    assert!(matches!(
        resolve_in(&local_s, ts, FieldByteOffset, "0:0", &target),
        Err(CoreError::Refused(_))
    ));
}

#[test]
fn signed_fields_and_wide_shifts() {
    let (local, s) = local_s();
    let mut target = Btf::new();
    let i32t = target.add_int("int", 4, true).unwrap();
    let i128t = target.add_int("__int128", 16, true).unwrap();
    target
        .add_composite(
            "s",
            false,
            32,
            &[NewMember::new("a", i32t, 0), NewMember::new("b", i128t, 16)],
        )
        .unwrap();
    assert_eq!(
        resolve_in(&local, s, FieldSigned, "0:0", &target),
        Ok(Some(1))
    );
    assert_eq!(
        resolve_in(&local, s, FieldLshiftU64, "0:0", &target),
        Ok(Some(32))
    );
    // libbpf's u32 arithmetic wraps for a 16-byte field; the value is what it writes.
    assert_eq!(
        resolve_in(&local, s, FieldRshiftU64, "0:1", &target),
        Ok(Some(u64::from(64u32.wrapping_sub(128))))
    );
}

#[test]
fn arrays_bounds_and_flexible_members() {
    // Local: `struct f { u32 n; u32 data[0]; }` — element 2 of a flexible array member.
    let mut local = Btf::new();
    let u32t = local.add_int("u32", 4, false).unwrap();
    let flex = local.add_array(u32t, 0).unwrap();
    let f = local
        .add_composite(
            "f",
            false,
            4,
            &[
                NewMember::new("n", u32t, 0),
                NewMember::new("data", flex, 4),
            ],
        )
        .unwrap();
    let mut target = Btf::new();
    let u32t_t = target.add_int("u32", 4, false).unwrap();
    let flex_t = target.add_array(u32t_t, 0).unwrap();
    target
        .add_composite(
            "f",
            false,
            8,
            &[
                NewMember::new("n", u32t_t, 0),
                NewMember::new("x", u32t_t, 4),
                NewMember::new("data", flex_t, 8),
            ],
        )
        .unwrap();
    assert_eq!(
        resolve_in(&local, f, FieldByteOffset, "0:1:2", &target),
        Ok(Some(16))
    );
    // Not the last member: a zero-length array cannot be indexed.
    let mut bad = Btf::new();
    let u32b = bad.add_int("u32", 4, false).unwrap();
    let zero = bad.add_array(u32b, 0).unwrap();
    let g = bad
        .add_composite(
            "g",
            false,
            4,
            &[
                NewMember::new("data", zero, 0),
                NewMember::new("n", u32b, 0),
            ],
        )
        .unwrap();
    assert!(matches!(
        resolve_in(&bad, g, FieldByteOffset, "0:0:0", &bad),
        Err(CoreError::BadLocal(_))
    ));
    // A shorter target array: element 3 of a 2-element array does not exist.
    let (local_s, s) = local_s();
    let mut short = Btf::new();
    let u8t = short.add_int("u8", 1, false).unwrap();
    let arr = short.add_array(u8t, 2).unwrap();
    short
        .add_composite("s", false, 2, &[NewMember::new("c", arr, 0)])
        .unwrap();
    assert_eq!(
        resolve_in(&local_s, s, FieldExists, "0:2:3", &short),
        Ok(Some(0))
    );
    assert_eq!(
        resolve_in(&local_s, s, FieldExists, "0:2:1", &short),
        Ok(Some(1))
    );
}

#[test]
fn enums_match_by_name_across_enum_and_enum64() {
    let mut local = Btf::new();
    let e = local
        .add_enum(
            "pid_type",
            4,
            false,
            false,
            &[("PIDTYPE_PID", 0), ("PIDTYPE_TGID", 1), ("GONE", 9)],
        )
        .unwrap();
    let mut target = Btf::new();
    target
        .add_enum(
            "pid_type___x",
            8,
            true,
            true,
            &[("PIDTYPE_TGID", 1 << 40), ("PIDTYPE_PID___old", -3)],
        )
        .unwrap();
    assert_eq!(
        resolve_in(&local, e, EnumvalValue, "1", &target),
        Ok(Some(1 << 40))
    );
    assert_eq!(
        resolve_in(&local, e, EnumvalValue, "0", &target),
        Ok(Some(-3i64 as u64))
    );
    assert_eq!(
        resolve_in(&local, e, EnumvalExists, "2", &target),
        Ok(Some(0))
    );
    assert_eq!(resolve_in(&local, e, EnumvalValue, "2", &target), Ok(None));
    assert_eq!(resolve_in(&local, e, TypeSize, "0", &target), Ok(Some(8)));
    // A 32-bit enum's value is sign-extended, as libbpf reads `__s32 val`.
    let mut neg = Btf::new();
    neg.add_enum(
        "pid_type",
        4,
        false,
        false,
        &[("PIDTYPE_TGID", 0xffff_fffe)],
    )
    .unwrap();
    assert_eq!(
        resolve_in(&local, e, EnumvalValue, "1", &neg),
        Ok(Some(-2i64 as u64))
    );
    assert_eq!(
        describe(
            &local,
            &Relocation {
                kind: EnumvalValue,
                type_id: e,
                access: "1"
            }
        )
        .as_deref(),
        Some("pid_type::PIDTYPE_TGID")
    );
}

#[test]
fn ambiguous_candidates_are_refused_and_equal_ones_accepted() {
    let (local, s) = local_s();
    let mut target = Btf::new();
    let u32t = target.add_int("u32", 4, false).unwrap();
    target
        .add_composite("s", false, 8, &[NewMember::new("a", u32t, 0)])
        .unwrap();
    target
        .add_composite("s___v2", false, 8, &[NewMember::new("a", u32t, 0)])
        .unwrap();
    assert_eq!(
        resolve_in(&local, s, FieldByteOffset, "0:0", &target),
        Ok(Some(0))
    );
    target
        .add_composite("s___v3", false, 8, &[NewMember::new("a", u32t, 4)])
        .unwrap();
    assert!(matches!(
        resolve_in(&local, s, FieldByteOffset, "0:0", &target),
        Err(CoreError::Ambiguous(_))
    ));
    // A union of that name is not a candidate for a struct.
    let mut union = Btf::new();
    let u32u = union.add_int("u32", 4, false).unwrap();
    union
        .add_composite("s", true, 4, &[NewMember::new("a", u32u, 0)])
        .unwrap();
    assert_eq!(
        resolve_in(&local, s, FieldExists, "0:0", &union),
        Ok(Some(0))
    );
}

#[test]
fn hostile_target_btf_is_an_error_not_a_hang() {
    let (local, s) = local_s();
    let mut target = Btf::new();
    // A typedef that names itself, as the type of `a`.
    let looped = target.add_named("loop", Kind::Typedef(1)).unwrap();
    target
        .add_composite("s", false, 8, &[NewMember::new("a", looped, 0)])
        .unwrap();
    assert_eq!(
        resolve_in(&local, s, FieldExists, "0:0", &target),
        Ok(Some(0))
    );
    // An anonymous member that contains itself.
    let mut nested = Btf::new();
    nested
        .add_composite("s", false, 8, &[NewMember::new("", 1, 0)])
        .unwrap();
    assert!(matches!(
        resolve_in(&local, s, FieldExists, "0:0", &nested),
        Err(CoreError::BadTarget(_))
    ));
}

#[test]
fn bad_local_records_are_refused() {
    let (local, s) = local_s();
    for access in ["", "0:9", "x", "0:0:0"] {
        let relo = Relocation {
            kind: FieldByteOffset,
            type_id: s,
            access,
        };
        assert!(
            matches!(local_value(&local, &relo), Err(CoreError::BadLocal(_))),
            "{access:?}"
        );
    }
    let relo = Relocation {
        kind: TypeSize,
        type_id: s,
        access: "0:0",
    };
    assert!(matches!(
        local_value(&local, &relo),
        Err(CoreError::BadLocal(_))
    ));
    // A type matches itself (`TYPE_MATCHES`: `match_tests.rs` has the rules).
    assert_eq!(resolve_in(&local, s, TypeMatches, "0", &local), Ok(Some(1)));
}

#[test]
fn huge_indices_and_sizes_are_errors_not_overflows() {
    // A struct of u32::MAX bytes indexed at u32::MAX: the root offset overflows.
    let mut btf = Btf::new();
    let int = btf.add_int("int", 4, true).unwrap();
    let big = btf
        .add_composite("big", false, u32::MAX, &[NewMember::new("a", int, 0)])
        .unwrap();
    let relo = Relocation {
        kind: FieldByteOffset,
        type_id: big,
        access: "4294967295",
    };
    assert!(matches!(
        local_value(&btf, &relo),
        Err(CoreError::BadLocal(_))
    ));
    // An element of a flexible array of u32::MAX-byte elements.
    let huge = btf.add_composite("huge", false, u32::MAX, &[]).unwrap();
    let flex = btf.add_array(huge, 0).unwrap();
    let f = btf
        .add_composite(
            "f",
            false,
            8,
            &[NewMember::new("n", int, 0), NewMember::new("data", flex, 8)],
        )
        .unwrap();
    let relo = Relocation {
        kind: FieldByteOffset,
        type_id: f,
        access: "0:1:4294967295",
    };
    assert!(matches!(
        local_value(&btf, &relo),
        Err(CoreError::BadLocal(_))
    ));
    assert_eq!(describe(&btf, &relo), None);
}

#[test]
fn anonymous_member_search_is_bounded() {
    // 40 levels of anonymous structs with two anonymous members each: 2^40 paths to search for a
    // name that is not there.
    let (local, s) = local_s();
    let mut target = Btf::new();
    let int = target.add_int("int", 4, true).unwrap();
    let mut inner = target
        .add_composite("", false, 4, &[NewMember::new("other", int, 0)])
        .unwrap();
    for _ in 0..40 {
        inner = target
            .add_composite(
                "",
                false,
                8,
                &[NewMember::new("", inner, 0), NewMember::new("", inner, 32)],
            )
            .unwrap();
    }
    target
        .add_composite("s", false, 8, &[NewMember::new("", inner, 0)])
        .unwrap();
    assert!(matches!(
        resolve_in(&local, s, FieldExists, "0:0", &target),
        Err(CoreError::BadTarget(_))
    ));
}

#[test]
fn line_notes_name_the_relocation_as_libbpf_does() {
    let (mut btf, s) = local_s();
    let e = btf
        .add_enum("pid_type", 4, false, false, &[("PIDTYPE_PID", 0)])
        .expect("enum");
    let note = |kind, type_id, access| {
        line_note(
            &btf,
            &Relocation {
                kind,
                type_id,
                access,
            },
        )
    };
    let poisons = |what: &str, missing: &str| {
        Some(format!(
            "btf-reloc: CO-RE {what}; a verifier error here (unknown#195896080) means the \
             running kernel has no such {missing}"
        ))
    };
    let cases = [
        (FieldByteOffset, s, "0:1", poisons("<byte_off> of struct s.b", "field")),
        (FieldByteSize, s, "0:2:3", poisons("<byte_sz> of struct s.c[3]", "field")),
        (FieldSigned, s, "0:0", poisons("<signed> of struct s.a", "field")),
        (FieldLshiftU64, s, "0:0", poisons("<lshift_u64> of struct s.a", "field")),
        (FieldRshiftU64, s, "0:0", poisons("<rshift_u64> of struct s.a", "field")),
        (EnumvalValue, e, "0", poisons("<enumval_value> of enum pid_type::PIDTYPE_PID", "enumerator")),
        (
            TypeSize,
            s,
            "0",
            Some("btf-reloc: CO-RE <type_size> of struct s; 0 when the running kernel has no such type".to_owned()),
        ),
        (
            TypeIdTarget,
            s,
            "0",
            Some("btf-reloc: CO-RE <target_type_id> of struct s; 0 when the running kernel has no such type".to_owned()),
        ),
        (
            TypeMatches,
            e,
            "0",
            Some("btf-reloc: CO-RE <type_matches> of enum pid_type; 0 when the running kernel has no such type".to_owned()),
        ),
        (
            TypeIdLocal,
            s,
            "0",
            Some("btf-reloc: CO-RE <local_type_id> of struct s".to_owned()),
        ),
        // The existence checks never poison: no note.
        (FieldExists, s, "0:1", None),
        (TypeExists, s, "0", None),
        (EnumvalExists, e, "0", None),
        // A record that does not parse.
        (FieldByteOffset, s, "0:9", None),
    ];
    for (kind, type_id, access, expected) in cases {
        assert_eq!(note(kind, type_id, access), expected, "{kind} {access}");
    }
}
