//! The JSON form of a [`Report`] (`btf-reloc check --json`; the shape is documented on
//! [`Report::to_json`]), built with [`crate::json`].

use btf_reloc_format::KindClass;

use super::{kind_name, Applied, Getter, Report, Verdict};
use crate::json::Json as J;

fn applied(a: &Applied) -> J {
    let (outcome, rest) = match a {
        Applied::Value(v) => ("value", Some(("value", J::Int(*v)))),
        Applied::Poisoned => ("poisoned", None),
        Applied::Refused(why) => ("refused", Some(("why", J::str(why)))),
        Applied::Unknown(why) => ("unknown", Some(("why", J::str(why)))),
    };
    J::Obj(
        std::iter::once(("outcome", J::str(outcome)))
            .chain(rest)
            .collect(),
    )
}

fn getter(g: &Getter) -> J {
    let (outcome, rest): (&str, Vec<(&'static str, J)>) = match g {
        Getter::Value { offset, size } => (
            "value",
            vec![("offset", J::Int(*offset)), ("size", J::Int(*size))],
        ),
        Getter::Bitfield {
            offset,
            size,
            bit_offset,
            bits,
            signed,
        } => (
            "bitfield",
            vec![
                ("offset", J::Int(*offset)),
                ("size", J::Int(*size)),
                ("bit_offset", J::Int(*bit_offset)),
                ("bits", J::Int(*bits)),
                ("signed", J::Bool(*signed)),
            ],
        ),
        Getter::Present { offset } => ("present", vec![("offset", J::opt(*offset))]),
        Getter::Missing => ("missing", Vec::new()),
        Getter::SizeMismatch { expected, actual } => (
            "size_mismatch",
            vec![("expected", J::Int(*expected)), ("actual", J::Int(*actual))],
        ),
        Getter::Type { size } => ("type", vec![("size", J::opt(*size))]),
        Getter::EnumValue { value } => ("enum_value", vec![("value", J::opt(*value))]),
        Getter::Refused => ("refused", Vec::new()),
        Getter::Unknown => ("unknown", Vec::new()),
    };
    J::Obj(
        std::iter::once(("outcome", J::str(outcome)))
            .chain(rest)
            .collect(),
    )
}

fn verdict(v: &Verdict) -> J {
    let refusals = match v {
        Verdict::Loads => &[][..],
        Verdict::Refuses(why) => why.as_slice(),
    };
    J::Obj(vec![
        ("loads", J::Bool(!v.refuses())),
        ("refusals", J::strs(refusals)),
    ])
}

/// The report as one line of JSON.
pub(super) fn report(report: &Report) -> String {
    let refused = report.refusals();
    let targets = report
        .targets
        .iter()
        .map(|t| {
            J::Obj(vec![
                ("name", J::str(&t.name)),
                ("libbpf", verdict(&t.libbpf)),
                ("aya", verdict(&t.aya)),
            ])
        })
        .collect();
    let records = report
        .records
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let per_target = report
                .targets
                .iter()
                .filter_map(|t| t.records.get(i))
                .map(|res| {
                    J::Obj(vec![
                        ("libbpf", applied(&res.libbpf)),
                        ("aya", res.aya.as_ref().map_or(J::Null, applied)),
                        (
                            "matched",
                            res.matched.as_ref().map_or(J::Null, |m| {
                                J::Obj(vec![
                                    ("type_id", J::Int(m.type_id.into())),
                                    ("type", J::str(&m.type_name)),
                                    ("access", J::str(&m.access)),
                                    ("bit_offset", J::Int(m.bit_offset)),
                                ])
                            }),
                        ),
                        ("why", J::strs(&res.why)),
                        ("resized_to", res.resized_to.map_or(J::Null, J::Int)),
                    ])
                })
                .collect();
            J::Obj(vec![
                ("section", J::str(&r.section)),
                ("relo", J::Int(r.index as u64)),
                ("insn", J::Int(r.insn.into())),
                ("kind", J::Str(kind_name(r.kind))),
                ("type_id", J::Int(r.type_id.into())),
                ("type", J::str(&r.type_name)),
                ("access", J::str(&r.access)),
                ("path", J::str(&r.path)),
                ("local_value", J::opt(r.local_value)),
                ("field", J::Int(r.field as u64)),
                ("targets", J::Arr(per_target)),
            ])
        })
        .collect();
    let fields = report
        .fields
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let per_target = report
                .targets
                .iter()
                .filter_map(|t| t.fields.get(i))
                .map(|res| {
                    J::Obj(vec![
                        ("getter", getter(&res.getter)),
                        ("aya", res.aya.as_ref().map_or(J::Null, getter)),
                        ("exists", J::Bool(res.exists)),
                        ("byte_offset", J::opt(res.byte_offset)),
                        ("byte_size", J::opt(res.byte_size)),
                        ("elements", J::opt(res.elements)),
                        ("local_type_id", J::opt(res.local_type_id)),
                        ("target_type_id", J::opt(res.target_type_id)),
                        ("matches", res.matches.map_or(J::Null, J::Bool)),
                        ("why", J::strs(&res.why)),
                    ])
                })
                .collect();
            J::Obj(vec![
                ("path", J::str(&f.path)),
                (
                    "class",
                    match f.class {
                        Some(KindClass::Field) => J::str("field"),
                        Some(KindClass::Type) => J::str("type"),
                        Some(KindClass::EnumValue) => J::str("enum_value"),
                        None => J::Null,
                    },
                ),
                (
                    "kinds",
                    J::Arr(f.kinds.iter().map(|k| J::str(k.name())).collect()),
                ),
                (
                    "records",
                    J::Arr(f.records.iter().map(|&r| J::Int(r as u64)).collect()),
                ),
                ("targets", J::Arr(per_target)),
            ])
        })
        .collect();
    crate::json::line(&J::Obj(vec![
        ("version", J::Int(1)),
        (
            "refused_by",
            J::Obj(vec![
                ("libbpf", J::Bool(refused.libbpf)),
                ("aya", J::Bool(refused.aya)),
            ]),
        ),
        ("targets", J::Arr(targets)),
        ("records", J::Arr(records)),
        ("fields", J::Arr(fields)),
    ]))
}
