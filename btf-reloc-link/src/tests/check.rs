//! `check` on a post-linked synthetic object against made-up kernels: one table of kernels, each
//! changing what one getter must notice (libbpf's `core_reloc.c` is one table the same way), and
//! for each the outcome of every getter, the loaders' verdicts and why things are missing.

use btf_reloc_btf::{Btf, Kind, NewMember, TypeId};
use btf_reloc_format::{marker::marker, RelocKind};

use super::fixture::{
    all_records, ld_imm64, ldx, mov_exit, path_id, task, Direct, Fixture, PID_TYPE, TASK,
};
use crate::{check, link, Applied, Error, Getter, LinkOutcome, Refusals, Report, Target, Verdict};

use RelocKind::*;

/// The markers a program reading through btf-reloc's getters leaves, one group per getter: the
/// kinds `btf-reloc-runtime/src/read.rs` relocates for it.
fn program() -> Vec<u8> {
    let t = |indices: &[usize]| path_id(&TASK, indices);
    let groups: Vec<(Vec<RelocKind>, u32)> = vec![
        // `pid()`: a value.
        (
            vec![FieldExists, FieldByteSize, FieldByteOffset],
            t(&[task::PID]),
        ),
        // `flags()` declared `#[btf(bitfield)] flags: u32`.
        (
            vec![
                FieldExists,
                FieldByteSize,
                FieldByteOffset,
                FieldLshiftU64,
                FieldRshiftU64,
                FieldSigned,
            ],
            t(&[task::FLAGS]),
        ),
        // `se()`: an embedded struct's handle; `core_read!(task, se, vruntime)`.
        (vec![FieldExists, FieldByteOffset], t(&[task::SE])),
        (
            vec![FieldExists, FieldByteSize, FieldByteOffset],
            t(&[task::SE, 0]),
        ),
        // `comm()` and `comm_at(i)`.
        (
            vec![FieldExists, FieldByteSize, FieldByteOffset],
            t(&[task::COMM]),
        ),
        (
            vec![FieldExists, FieldByteSize, FieldByteOffset],
            t(&[task::COMM, 0]),
        ),
        // `mm_exists()` alone.
        (vec![FieldExists], t(&[task::MM])),
        // `type_exists` / `type_size` of the struct and of the enum; an enumerator's `value()`.
        (vec![TypeExists, TypeSize], TASK.type_id()),
        (vec![TypeExists, TypeSize], PID_TYPE.type_id()),
        (vec![EnumvalExists, EnumvalValue], PID_TYPE.variant_id(1)),
    ];
    let mut prog = Vec::new();
    for (kinds, id) in groups {
        for kind in kinds {
            prog.extend(ld_imm64(1, marker(kind, id)));
        }
    }
    prog.extend(mov_exit());
    prog
}

/// The post-linked object of [`program`].
fn object() -> Vec<u8> {
    let input = Fixture {
        prog: program(),
        descriptors: Some(all_records()),
        ..Fixture::loadable(true)
    }
    .build();
    match link(&input).expect("link") {
        LinkOutcome::Linked { object, .. } => object,
        LinkOutcome::NothingToDo => panic!("nothing to do"),
    }
}

/// How a kernel declares `pid` (or `flags`).
#[derive(Debug, Clone, Copy)]
enum M {
    Absent,
    /// An int of this many bytes at this byte offset.
    Int(u32, u32),
    /// A pointer at this byte offset.
    Ptr(u32),
    /// An unsigned bitfield `(base int bytes, bit offset, bits)`.
    Bits(u32, u32, u32),
    /// An int of this many bytes at this offset inside an anonymous union at this offset.
    InAnonUnion(u32, u32, u32),
}

/// One made-up kernel: `task_struct` (512 bytes; `comm` at 300, `mm` at 320, `se` at 400 with
/// `vruntime` at 16 in it) and `enum pid_type`, changed where a case says.
#[derive(Debug, Clone)]
struct Kernel {
    /// The names of the `task_struct`s (several flavors), each with its `pid` member; empty for
    /// none.
    tasks: Vec<(&'static str, M)>,
    flags: M,
    comm_len: u32,
    /// `enum pid_type`: absent, or `(ENUM64?, has PIDTYPE_TGID)`.
    pid_type: Option<(bool, bool)>,
}

fn base() -> Kernel {
    Kernel {
        tasks: vec![("task_struct", M::Int(4, 100))],
        flags: M::Bits(4, 200 * 8 + 3, 5),
        comm_len: 16,
        pid_type: Some((false, true)),
    }
}

impl Kernel {
    fn btf(&self) -> Btf {
        let mut btf = Btf::new();
        let ints: Vec<TypeId> = [1, 2, 4, 8, 16]
            .into_iter()
            .map(|size| {
                btf.add_int(&format!("u{}", size * 8), size, false)
                    .expect("int")
            })
            .collect();
        let int = |size: u32| ints[size.trailing_zeros() as usize];
        let ptr = btf.add_named("", Kind::Ptr(0)).expect("ptr");
        let se = btf
            .add_composite(
                "sched_entity",
                false,
                32,
                &[
                    NewMember::new("exec_start", int(8), 0),
                    NewMember::new("vruntime", int(8), 16),
                ],
            )
            .expect("se");
        let comm = btf.add_array(int(1), self.comm_len).expect("comm");
        for &(name, pid) in &self.tasks {
            let mut members = vec![
                NewMember::new("comm", comm, 300),
                NewMember::new("mm", ptr, 320),
                NewMember::new("se", se, 400),
            ];
            for (member, how) in [("pid", pid), ("flags", self.flags)] {
                match how {
                    M::Absent => {}
                    M::Int(size, offset) => members.push(NewMember::new(member, int(size), offset)),
                    M::Ptr(offset) => members.push(NewMember::new(member, ptr, offset)),
                    M::Bits(size, bit_offset, bits) => {
                        members.push(NewMember::bitfield(member, int(size), bit_offset, bits))
                    }
                    M::InAnonUnion(size, inner, outer) => {
                        let union = btf
                            .add_composite(
                                "",
                                true,
                                8,
                                &[
                                    NewMember::new("raw", int(8), 0),
                                    NewMember::new(member, int(size), inner),
                                ],
                            )
                            .expect("union");
                        members.push(NewMember::new("", union, outer));
                    }
                }
            }
            btf.add_composite(name, false, 512, &members)
                .expect("task_struct");
        }
        if let Some((enum64, tgid)) = self.pid_type {
            let mut values = vec![("PIDTYPE_PID", 0)];
            if tgid {
                values.push(("PIDTYPE_TGID", 7));
            }
            let size = if enum64 { 8 } else { 4 };
            btf.add_enum("pid_type", size, false, enum64, &values)
                .expect("enum");
        }
        btf
    }
}

fn check_one(kernel: &Kernel) -> Report {
    check(&object(), &[Target::new("k", kernel.btf())]).expect("check")
}

/// The outcome of the getter at `path` on the report's only target.
fn getter(report: &Report, path: &str) -> Getter {
    let (i, _) = report
        .field(path)
        .unwrap_or_else(|| panic!("no field {path} in the report:\n{report}"));
    report.targets[0].fields[i].getter.clone()
}

const PID: &str = "task_struct___v1.pid";
const FLAGS: &str = "task_struct___v1.flags";
const COMM: &str = "task_struct___v1.comm";
const TGID: &str = "pid_type::PIDTYPE_TGID";
const TASK_TYPE: &str = "struct task_struct___v1";
const ENUM_TYPE: &str = "enum pid_type";

/// One case: a kernel, what some getters return there, which loaders refuse, and a phrase the
/// report must give as the reason something is missing or refused.
struct Case {
    name: &'static str,
    kernel: Kernel,
    getters: Vec<(&'static str, Getter)>,
    refused: Refusals,
    why: Option<&'static str>,
}

fn cases() -> Vec<Case> {
    let loads = Refusals::default();
    let value = |offset, size| Getter::Value { offset, size };
    vec![
        Case {
            name: "base",
            kernel: base(),
            getters: vec![
                (PID, value(100, 4)),
                (
                    FLAGS,
                    Getter::Bitfield {
                        offset: 200,
                        size: 4,
                        bit_offset: 200 * 8 + 3,
                        bits: 5,
                        signed: false,
                    },
                ),
                ("task_struct___v1.se", Getter::Present { offset: Some(400) }),
                ("task_struct___v1.se.vruntime", value(416, 8)),
                (COMM, value(300, 16)),
                ("task_struct___v1.comm[0]", value(300, 1)),
                ("task_struct___v1.mm", Getter::Present { offset: None }),
                (TASK_TYPE, Getter::Type { size: Some(512) }),
                (ENUM_TYPE, Getter::Type { size: Some(4) }),
                (TGID, Getter::EnumValue { value: Some(7) }),
            ],
            refused: loads,
            why: None,
        },
        Case {
            name: "a field of the target flavor, in an anonymous union",
            kernel: Kernel {
                tasks: vec![("task_struct___x", M::InAnonUnion(4, 0, 104))],
                ..base()
            },
            getters: vec![(PID, value(104, 4))],
            refused: loads,
            why: None,
        },
        Case {
            name: "a missing field",
            kernel: Kernel {
                tasks: vec![("task_struct", M::Absent)],
                ..base()
            },
            getters: vec![(PID, Getter::Missing), (COMM, value(300, 16))],
            refused: loads,
            why: Some("no member `pid` in `task_struct`"),
        },
        Case {
            name: "a field of another kind",
            kernel: Kernel {
                tasks: vec![("task_struct", M::Ptr(100))],
                ..base()
            },
            getters: vec![(PID, Getter::Missing)],
            refused: loads,
            why: Some("member `pid` is a ptr in the target but an int locally"),
        },
        Case {
            name: "a wider field",
            kernel: Kernel {
                tasks: vec![("task_struct", M::Int(8, 104))],
                ..base()
            },
            getters: vec![(
                PID,
                Getter::SizeMismatch {
                    expected: 4,
                    actual: 8,
                },
            )],
            refused: loads,
            why: None,
        },
        Case {
            name: "a bitfield wider than the declared u32",
            kernel: Kernel {
                flags: M::Bits(8, 200 * 8, 33),
                ..base()
            },
            getters: vec![(
                FLAGS,
                Getter::SizeMismatch {
                    expected: 4,
                    actual: 5,
                },
            )],
            refused: loads,
            why: None,
        },
        Case {
            name: "a plain int read as a bitfield",
            kernel: Kernel {
                flags: M::Int(2, 202),
                ..base()
            },
            getters: vec![(
                FLAGS,
                Getter::Bitfield {
                    offset: 202,
                    size: 2,
                    bit_offset: 202 * 8,
                    bits: 16,
                    signed: false,
                },
            )],
            refused: loads,
            why: None,
        },
        Case {
            // libbpf relocates a 16-byte load; the getter loads the 8 bytes holding the field.
            name: "a bitfield in the high half of an __int128",
            kernel: Kernel {
                flags: M::Bits(16, 192 * 8 + 70, 9),
                ..base()
            },
            getters: vec![(
                FLAGS,
                Getter::Bitfield {
                    offset: 200,
                    size: 8,
                    bit_offset: 192 * 8 + 70,
                    bits: 9,
                    signed: false,
                },
            )],
            refused: loads,
            why: None,
        },
        Case {
            name: "a bitfield straddling the halves of an __int128",
            kernel: Kernel {
                flags: M::Bits(16, 192 * 8 + 60, 9),
                ..base()
            },
            getters: vec![(
                FLAGS,
                Getter::SizeMismatch {
                    expected: 4,
                    actual: 16,
                },
            )],
            refused: loads,
            why: None,
        },
        Case {
            name: "a bitfield no 64-bit load holds",
            kernel: Kernel {
                flags: M::Bits(8, 200 * 8 + 10, 60),
                ..base()
            },
            getters: vec![(FLAGS, Getter::Refused), (PID, value(100, 4))],
            refused: Refusals {
                libbpf: true,
                aya: true,
            },
            why: Some("cannot be read with a 64-bit load"),
        },
        Case {
            name: "a longer array",
            kernel: Kernel {
                comm_len: 32,
                ..base()
            },
            getters: vec![
                (
                    COMM,
                    Getter::SizeMismatch {
                        expected: 16,
                        actual: 32,
                    },
                ),
                ("task_struct___v1.comm[0]", value(300, 1)),
            ],
            refused: loads,
            why: None,
        },
        Case {
            name: "no such struct",
            kernel: Kernel {
                tasks: Vec::new(),
                ..base()
            },
            getters: vec![
                (PID, Getter::Missing),
                ("task_struct___v1.se", Getter::Missing),
                (TASK_TYPE, Getter::Missing),
                (ENUM_TYPE, Getter::Type { size: Some(4) }),
            ],
            // libbpf writes 0 into `type_size`; aya 0.14 refuses the object.
            refused: Refusals {
                libbpf: false,
                aya: true,
            },
            why: Some("no struct or union named `task_struct` in the target"),
        },
        Case {
            name: "two flavors that disagree",
            kernel: Kernel {
                tasks: vec![
                    ("task_struct___a", M::Int(4, 100)),
                    ("task_struct___b", M::Int(4, 108)),
                ],
                ..base()
            },
            getters: vec![(PID, Getter::Refused), (COMM, value(300, 16))],
            refused: Refusals {
                libbpf: true,
                aya: true,
            },
            why: Some("ambiguous relocation"),
        },
        Case {
            name: "two flavors that agree",
            kernel: Kernel {
                tasks: vec![
                    ("task_struct___a", M::Int(4, 100)),
                    ("task_struct___b", M::Int(4, 100)),
                ],
                ..base()
            },
            getters: vec![(PID, value(100, 4))],
            refused: loads,
            why: None,
        },
        Case {
            name: "a missing enumerator",
            kernel: Kernel {
                pid_type: Some((false, false)),
                ..base()
            },
            getters: vec![
                (TGID, Getter::Missing),
                (ENUM_TYPE, Getter::Type { size: Some(4) }),
            ],
            refused: loads,
            why: Some("no enumerator `PIDTYPE_TGID`"),
        },
        Case {
            name: "a target ENUM64 for a local ENUM",
            kernel: Kernel {
                pid_type: Some((true, true)),
                ..base()
            },
            getters: vec![
                (TGID, Getter::EnumValue { value: Some(7) }),
                (ENUM_TYPE, Getter::Type { size: Some(8) }),
            ],
            // libbpf matches ENUM with ENUM64; aya 0.14 does not, so `type_size` has no type.
            refused: Refusals {
                libbpf: false,
                aya: true,
            },
            why: Some("ENUM vs ENUM64"),
        },
    ]
}

#[test]
fn every_getter_outcome_and_verdict() {
    let object = object();
    let mut failures = Vec::new();
    for case in cases() {
        let report = check(&object, &[Target::new(case.name, case.kernel.btf())]).expect("check");
        for (path, want) in &case.getters {
            let got = getter(&report, path);
            if got != *want {
                failures.push(format!("{}: {path}: got {got:?}, want {want:?}", case.name));
            }
        }
        if report.refusals() != case.refused {
            failures.push(format!(
                "{}: refusals {:?}, want {:?}",
                case.name,
                report.refusals(),
                case.refused
            ));
        }
        let text = report.to_string();
        if let Some(why) = case.why {
            if !text.contains(why) {
                failures.push(format!(
                    "{}: the report does not say `{why}`:\n{text}",
                    case.name
                ));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn queries_and_array_bounds() {
    let report = check_one(&Kernel {
        comm_len: 20,
        ..base()
    });
    let target = &report.targets[0];
    let result = |path| &target.fields[report.field(path).expect("field").0];
    let pid = result(PID);
    assert_eq!(
        (pid.exists, pid.byte_size, pid.byte_offset),
        (true, Some(4), Some(100))
    );
    assert_eq!(result(COMM).elements, Some(20));
    let missing = check_one(&Kernel {
        tasks: vec![("task_struct", M::Absent)],
        ..base()
    });
    let pid = &missing.targets[0].fields[missing.field(PID).expect("pid").0];
    assert_eq!(
        (pid.exists, pid.byte_size, pid.byte_offset),
        (false, None, None)
    );
    // The size and offset instructions of the missing field are poisoned, its existence is 0.
    let applied: Vec<(u32, &Applied)> = missing
        .records
        .iter()
        .zip(&missing.targets[0].records)
        .filter(|(r, _)| r.path == PID)
        .map(|(r, res)| (r.kind, &res.libbpf))
        .collect();
    assert_eq!(
        applied,
        [
            (FieldExists as u32, &Applied::Value(0)),
            (FieldByteSize as u32, &Applied::Poisoned),
            (FieldByteOffset as u32, &Applied::Poisoned),
        ]
    );
}

#[test]
fn aya_departures_are_reported_per_field() {
    let report = check_one(&Kernel {
        pid_type: Some((true, true)),
        ..base()
    });
    let target = &report.targets[0];
    let (i, _) = report.field(TGID).expect("enumerator");
    assert_eq!(target.fields[i].aya, Some(Getter::Missing));
    let (i, _) = report.field(ENUM_TYPE).expect("enum");
    assert_eq!(target.fields[i].aya, Some(Getter::Refused));
    assert_eq!(target.libbpf, Verdict::Loads);
    let Verdict::Refuses(why) = &target.aya else {
        panic!("aya loads: {report}");
    };
    assert!(
        why.iter().all(|w| w.contains("TYPE_SIZE")),
        "only TYPE_SIZE is refused: {why:?}"
    );
}

#[test]
fn several_targets_make_a_matrix() {
    let kernels = [
        Target::new("6.1", base().btf()),
        Target::new(
            "5.10",
            Kernel {
                tasks: vec![("task_struct", M::Int(8, 96))],
                ..base()
            }
            .btf(),
        ),
    ];
    let report = check(&object(), &kernels).expect("check");
    assert_eq!(report.targets.len(), 2);
    let (i, _) = report.field(PID).expect("pid");
    assert_eq!(
        report.targets[1].fields[i].getter,
        Getter::SizeMismatch {
            expected: 4,
            actual: 8
        }
    );
    let text = report.to_string();
    let header = text
        .lines()
        .find(|l| l.starts_with("FIELD"))
        .expect("field table");
    assert!(
        header.contains("6.1") && header.contains("5.10"),
        "{header}"
    );
    let row = text
        .lines()
        .find(|l| l.starts_with(PID) && l.contains("SizeMismatch"))
        .expect("pid row");
    assert!(row.contains("read 4 B at 100"), "{row}");
}

#[test]
fn json_has_the_documented_shape() {
    let json = check_one(&Kernel {
        tasks: vec![("task_struct", M::Int(8, 104))],
        ..base()
    })
    .to_json();
    for fragment in [
        r#"{"version":1,"refused_by":{"libbpf":false,"aya":false},"targets":[{"name":"k","#,
        r#""getter":{"outcome":"size_mismatch","expected":4,"actual":8}"#,
        r#""kind":"FIELD_BYTE_OFFSET","type_id":"#,
        r#""libbpf":{"outcome":"value","value":104},"aya":null"#,
        r#""getter":{"outcome":"bitfield","offset":200,"size":4,"bit_offset":1603,"bits":5,"#,
        r#""bit_offset":1603,"bits":5,"signed":false}"#,
    ] {
        assert!(json.contains(fragment), "no `{fragment}` in\n{json}");
    }
    assert!(json.ends_with("}\n"));
    let parsed: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(parsed["targets"][0]["name"], "k");
}

/// libbpf refuses a record whose instruction does not hold the local value; aya 0.14 does not
/// look, and patches it.
#[test]
fn an_instruction_without_its_local_value_is_refused_by_libbpf() {
    let mut object = object();
    let report = check(&object, &[Target::new("k", base().btf())]).expect("check");
    let first = &report.records[0];
    let elf = crate::elf::Elf::parse(&object).expect("elf");
    let section = elf.section_by_name(&first.section).expect("section");
    let at = section.offset as usize + first.insn as usize * 8 + 4;
    object[at] ^= 0x40;
    let report = check(&object, &[Target::new("k", base().btf())]).expect("check");
    assert_eq!(
        report.refusals(),
        Refusals {
            libbpf: true,
            aya: false
        }
    );
    assert!(matches!(
        &report.targets[0].records[0].libbpf,
        Applied::Refused(why) if why.contains("not the local value")
    ));
}

#[test]
fn inputs_that_cannot_be_checked() {
    let target = [Target::new("k", base().btf())];
    assert!(matches!(
        check(b"not an object", &target),
        Err(Error::NotElf)
    ));
    let unlinked = Fixture {
        prog: program(),
        descriptors: Some(all_records()),
        ..Fixture::loadable(true)
    }
    .build();
    match check(&unlinked, &target) {
        Err(e) => assert!(e.to_string().contains("run `btf-reloc link`"), "{e}"),
        Ok(report) => panic!("an object with markers was checked:\n{report}"),
    }
    // Neither markers nor records: nothing to relocate, every loader loads it.
    let plain = Fixture {
        prog: mov_exit().to_vec(),
        descriptors: None,
        ..Fixture::loadable(true)
    }
    .build();
    let report = check(&plain, &target).expect("check");
    assert!(report.records.is_empty());
    assert_eq!(report.refusals(), Refusals::default());
    assert!(report.to_string().contains("no CO-RE relocation records"));
}

/// xorshift64*, as the link fuzz test uses.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Mutated objects and mutated target BTF: `check` returns an error or a report, never panics.
#[test]
fn mutated_inputs_do_not_panic() {
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let object = object();
    let target_bytes = base().btf().to_bytes().expect("btf");
    let target = [Target::new("k", base().btf())];
    for round in 0..3000 {
        let mut bytes = if round % 2 == 0 {
            object.clone()
        } else {
            target_bytes.clone()
        };
        for _ in 0..1 + rng.below(4) {
            let at = rng.below(bytes.len());
            bytes[at] = match rng.below(3) {
                0 => 0,
                1 => 0xff,
                _ => rng.next() as u8,
            };
        }
        if round % 2 == 0 {
            if let Ok(report) = check(&bytes, &target) {
                let _ = (report.to_string(), report.to_json());
            }
        } else if let Ok(btf) = Btf::parse(&bytes) {
            if let Ok(report) = check(&object, &[Target::new("mutated", btf)]) {
                let _ = (report.to_string(), report.to_json());
            }
        }
    }
}

/// The post-linked object of a program whose reads are direct loads, `(access size in bytes,
/// TASK field index)` each, in order (locally `pid` is an `i32` at 4, `flags` a `u32` at 0, `mm`
/// a pointer at 24).
fn direct_object(loads: &[(u8, usize)]) -> Vec<u8> {
    let mut prog = Vec::new();
    let mut entries = Vec::new();
    for (i, &(size, field)) in loads.iter().enumerate() {
        prog.extend(ldx(size, 0, 1, -1));
        let id = path_id(&TASK, &[field]);
        entries.push(((8 * i) as u64, marker(FieldByteOffset, id)));
    }
    prog.extend(mov_exit());
    let input = Fixture {
        prog,
        direct: vec![Direct::entries(&entries)],
        ..Fixture::loadable(true)
    }
    .build();
    match link(&input).expect("link") {
        LinkOutcome::Linked { object, .. } => object,
        LinkOutcome::NothingToDo => panic!("nothing to do"),
    }
}

/// How a made-up kernel declares a member of its `task_struct`.
#[derive(Debug, Clone, Copy)]
enum T {
    /// An int of this many bytes, signed or not.
    Int(u32, bool),
    Ptr,
}

/// A kernel whose `task_struct` has these members, `(name, type, byte offset)`.
fn direct_kernel(members: &[(&str, T, u32)]) -> Btf {
    let mut btf = Btf::new();
    let ptr = btf.add_named("", Kind::Ptr(0)).expect("ptr");
    let mut news = Vec::new();
    for &(name, ty, offset) in members {
        let ty = match ty {
            T::Ptr => ptr,
            T::Int(size, signed) => {
                let name = match (size, signed) {
                    (8, true) => "long".to_owned(),
                    (4, true) => "int".to_owned(),
                    (size, true) => format!("s{}", size * 8),
                    (size, false) => format!("u{}", size * 8),
                };
                btf.add_int(&name, size, signed).expect("int")
            }
        };
        news.push((name, ty, offset));
    }
    let members: Vec<NewMember<'_>> = news
        .iter()
        .map(|&(name, ty, offset)| NewMember::new(name, ty, offset))
        .collect();
    btf.add_composite("task_struct", false, 50_000, &members)
        .expect("task_struct");
    btf
}

/// What a loader does with one direct load, as a case expects it.
#[derive(Debug, Clone, Copy)]
enum E {
    Value(u64),
    Poisoned,
    /// Refused, with a reason containing this.
    Refused(&'static str),
}

impl E {
    fn matches(self, applied: &Applied) -> bool {
        match (self, applied) {
            (Self::Value(v), Applied::Value(w)) => v == *w,
            (Self::Poisoned, Applied::Poisoned) => true,
            (Self::Refused(why), Applied::Refused(reason)) => reason.contains(why),
            _ => false,
        }
    }
}

/// The loaders' rules for the size of a relocated load (libbpf `bpf_core_calc_relo` and
/// `bpf_core_patch_insn`, aya-obj 0.3 `ComputedRelocation::apply`): one table of kernels, each
/// with what libbpf and aya do with each load, and the size it gets.
#[test]
fn direct_loads_are_resized_poisoned_or_refused_as_the_loaders_do() {
    use task::{FLAGS, MM, PID};
    let usual: &[(u8, usize)] = &[(4, PID), (4, FLAGS), (8, MM)];
    let kernel = |pid: Option<(T, u32)>, flags: (T, u32)| {
        let mut members = vec![("flags", flags.0, flags.1), ("mm", T::Ptr, 320)];
        if let Some((ty, offset)) = pid {
            members.push(("pid", ty, offset));
        }
        direct_kernel(&members)
    };
    let pid_int = Some((T::Int(4, true), 100));
    let flags_u32 = (T::Int(4, false), 200);
    struct DirectCase {
        name: &'static str,
        loads: &'static [(u8, usize)],
        kernel: Btf,
        /// Per load: libbpf, aya (when it differs), the size the load gets when resized.
        expected: Vec<(E, Option<E>, Option<u64>)>,
        refused: Refusals,
        why: Option<&'static str>,
    }
    let loads = Refusals::default();
    let same = |offset| (E::Value(offset), None, None);
    let cases = vec![
        DirectCase {
            name: "the local sizes",
            loads: usual,
            kernel: kernel(pid_int, flags_u32),
            expected: vec![same(100), same(200), same(320)],
            refused: loads,
            why: None,
        },
        DirectCase {
            name: "the same size, signed in the target",
            loads: usual,
            kernel: kernel(pid_int, (T::Int(4, true), 200)),
            expected: vec![same(100), same(200), same(320)],
            refused: loads,
            why: None,
        },
        DirectCase {
            name: "a wider unsigned field: the load is widened",
            loads: usual,
            kernel: kernel(pid_int, (T::Int(8, false), 200)),
            expected: vec![same(100), (E::Value(200), None, Some(8)), same(320)],
            refused: loads,
            why: None,
        },
        DirectCase {
            name: "a narrower unsigned field: the load is narrowed",
            loads: usual,
            kernel: kernel(pid_int, (T::Int(2, false), 200)),
            expected: vec![same(100), (E::Value(200), None, Some(2)), same(320)],
            refused: loads,
            why: None,
        },
        DirectCase {
            name: "a wider signed field: libbpf poisons, aya refuses",
            loads: usual,
            kernel: kernel(Some((T::Int(8, true), 104)), flags_u32),
            expected: vec![
                (
                    E::Poisoned,
                    Some(E::Refused("has size 4 but target type long has size 8")),
                    None,
                ),
                same(200),
                same(320),
            ],
            refused: Refusals {
                libbpf: false,
                aya: true,
            },
            why: Some("accesses field incorrectly"),
        },
        DirectCase {
            name: "unsigned locally, a wider signed field in the target",
            loads: usual,
            kernel: kernel(pid_int, (T::Int(8, true), 200)),
            expected: vec![
                same(100),
                (
                    E::Poisoned,
                    Some(E::Refused("but target type long has size 8")),
                    None,
                ),
                same(320),
            ],
            refused: Refusals {
                libbpf: false,
                aya: true,
            },
            why: Some("only a pointer or an unsigned integer is loaded with another size"),
        },
        DirectCase {
            name: "an offset past 16 bits",
            loads: usual,
            kernel: kernel(Some((T::Int(4, true), 40_000)), flags_u32),
            expected: vec![
                (E::Refused("overflows 16 bits offset field"), None, None),
                same(200),
                same(320),
            ],
            refused: Refusals {
                libbpf: true,
                aya: true,
            },
            why: None,
        },
        DirectCase {
            name: "a load of another size than the local field: libbpf refuses, aya resizes",
            loads: &[(1, FLAGS)],
            kernel: kernel(pid_int, (T::Int(8, false), 200)),
            expected: vec![(
                E::Refused("unexpected mem size"),
                Some(E::Value(200)),
                Some(8),
            )],
            refused: Refusals {
                libbpf: true,
                aya: false,
            },
            why: None,
        },
        DirectCase {
            name: "a load of another size, the field's size unchanged",
            loads: &[(1, FLAGS)],
            kernel: kernel(pid_int, flags_u32),
            expected: vec![same(200)],
            refused: loads,
            why: None,
        },
        DirectCase {
            name: "a target field no load can access",
            loads: usual,
            kernel: kernel(pid_int, (T::Int(16, false), 200)),
            expected: vec![
                same(100),
                (E::Refused("invalid new mem size"), None, None),
                same(320),
            ],
            refused: Refusals {
                libbpf: true,
                aya: true,
            },
            why: None,
        },
        DirectCase {
            name: "a field the target lacks: poisoned",
            loads: usual,
            kernel: kernel(None, flags_u32),
            expected: vec![(E::Poisoned, None, None), same(200), same(320)],
            refused: loads,
            why: Some("no member `pid` in `task_struct`"),
        },
    ];
    for case in cases {
        let name = case.name;
        let object = direct_object(case.loads);
        let report = check(&object, &[Target::new("k", case.kernel)]).expect("check");
        let results = &report.targets[0].records;
        assert_eq!(results.len(), case.expected.len(), "{name}:\n{report}");
        for (i, (result, (libbpf, aya, resized))) in results.iter().zip(&case.expected).enumerate()
        {
            assert!(
                libbpf.matches(&result.libbpf),
                "{name}: load {i}: libbpf {:?}, expected {libbpf:?}",
                result.libbpf
            );
            match (aya, &result.aya) {
                (None, None) => {}
                (Some(aya), Some(got)) if aya.matches(got) => {}
                (aya, got) => panic!("{name}: load {i}: aya {got:?}, expected {aya:?}"),
            }
            assert_eq!(result.resized_to, *resized, "{name}: load {i}");
        }
        assert_eq!(report.refusals(), case.refused, "{name}:\n{report}");
        let text = report.to_string();
        if let Some(why) = case.why {
            assert!(text.contains(why), "{name}:\n{text}");
        }
        let json: serde_json::Value = serde_json::from_str(&report.to_json()).expect("json");
        for (j, (_, _, resized)) in case.expected.iter().enumerate() {
            let got = &json["records"][j]["targets"][0]["resized_to"];
            assert_eq!(got.as_u64(), *resized, "{name}: load {j}");
            if let Some(size) = resized {
                assert!(
                    text.contains(&format!("({size} B load)")),
                    "{name}:\n{text}"
                );
            }
        }
    }
}
