//! `TYPE_MATCHES` (`type_matches::<T>()`), libbpf's `bpf_core_type_matches`, in the kernel: the
//! `e2e-type-matches` object loaded by libbpf 1.x (the C loader of `loaders::libbpf`), against
//! made-up kernels (libbpf's `btf_custom_path`) and against the running kernel.
//!
//! Each made-up kernel changes one thing `TYPE_MATCHES` looks at and `TYPE_EXISTS` does not (an
//! int's signedness or C name, a pointee's kind, a root's kind, an enum's size or enumerator
//! names) or one it ignores (member order and extra members, enumerator values, a pointee's
//! flavor or forward declaration). For each, what the program stored must equal: the table
//! written here from libbpf's rules (`relo_core.c`, `__bpf_core_types_match`); the host
//! simulation of the same BTF (btf-reloc's implementation of those rules); `btf-reloc check`'s
//! prediction; and, record by record, what libbpf's log says it wrote. Against the running
//! kernel, libbpf's own selftest case (`task_struct___local { int pid; struct mm_struct___wrong
//! *mm; }`) matches `task_struct`.
//!
//! aya 0.14 does not know relocation kind 12: it refuses the object ([`aya_refuses`]), as
//! `btf-reloc check` predicts.

use std::fmt::Write as _;
use std::path::PathBuf;

use aya::{Btf as AyaBtf, Endianness};
use btf_reloc_btf::{Btf, Kind, NewMember, TypeId};
use btf_reloc_e2e_common::{
    objects::{Bin, Variant},
    type_matches::{self, Results, TYPES},
};
use btf_reloc_e2e_tests::{
    btf_layout, error_chain, kernel,
    libbpf_loader::{self, Patch, RawReport},
    objects::Objects,
    Result,
};
use btf_reloc_link::{Applied, Getter, Report, Target};
use btf_reloc_runtime::sim::Simulation;

use crate::harness::run;

/// `[exists, matches]` of each of [`TYPES`] on a made-up kernel.
type Expected = [[i64; 2]; TYPES.len()];

/// One change from [`Case::Same`], and what it does to `[exists, matches]` of `task_struct___local`,
/// `btf_reloc_e2e_shape`, `btf_reloc_e2e_either`, `btf_reloc_e2e_level`, `btf_reloc_e2e_owner`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Case {
    /// Every type as declared, members in another order and with extra members, enumerators
    /// with other values and one more: everything matches.
    Same,
    /// `int id` for the local `unsigned int id`: the shape exists, does not match.
    SignedId,
    /// `long int count` for the local `long long int count` (both 8-byte signed ints): the names
    /// differ, so it does not match.
    LongCount,
    /// `owner` points to a union `btf_reloc_e2e_owner` (the kind behind a pointer counts).
    OwnerIsUnion,
    /// `owner` points to a forward declaration `btf_reloc_e2e_owner___fwd` (a struct matches
    /// its forward declaration behind a pointer, the flavor is stripped).
    OwnerForward,
    /// `btf_reloc_e2e_either` is a struct: a union root has no candidate at all.
    EitherIsStruct,
    /// `btf_reloc_e2e_level` is an 8-byte enum: it exists, does not match.
    LevelWide,
    /// `btf_reloc_e2e_level` lacks `LEVEL_HIGH`.
    LevelMissing,
    /// `task_struct` has an `unsigned int pid`.
    UnsignedPid,
    /// `btf_reloc_e2e_anon_t` is a typedef of a *named* struct: under the typedef the local
    /// anonymous struct matches only an anonymous one.
    TypedefOfNamed,
}

impl Case {
    const ALL: [Self; 10] = [
        Self::Same,
        Self::SignedId,
        Self::LongCount,
        Self::OwnerIsUnion,
        Self::OwnerForward,
        Self::EitherIsStruct,
        Self::LevelWide,
        Self::LevelMissing,
        Self::UnsignedPid,
        Self::TypedefOfNamed,
    ];

    /// libbpf's answers, from its rules.
    fn expected(self) -> Expected {
        let mut e = [[1, 1]; TYPES.len()];
        match self {
            Self::Same | Self::OwnerForward => {}
            Self::SignedId | Self::LongCount => e[1] = [1, 0],
            // The kernel's `btf_reloc_e2e_owner` is a union: the local struct has no candidate.
            Self::OwnerIsUnion => {
                e[1] = [1, 0];
                e[4] = [0, 0];
            }
            Self::EitherIsStruct => e[2] = [0, 0],
            Self::LevelWide | Self::LevelMissing => e[3] = [1, 0],
            Self::UnsignedPid => e[0] = [1, 0],
            Self::TypedefOfNamed => e[5] = [1, 0],
        }
        if self == Self::OwnerForward {
            // Only the forward declaration is there: no struct of that name.
            e[4] = [0, 0];
        }
        e
    }

    /// The made-up kernel's BTF.
    fn btf(self) -> Btf {
        let mut b = Btf::new();
        let int = b.add_int("int", 4, true).expect("int");
        let uint = b.add_int("unsigned int", 4, false).expect("int");
        let long = b.add_int("long int", 8, true).expect("int");
        let llong = b.add_int("long long int", 8, true).expect("int");
        let ullong = b.add_int("long long unsigned int", 8, false).expect("int");
        let owner_name = "btf_reloc_e2e_owner";
        let owner = match self {
            Self::OwnerIsUnion => b
                .add_composite(owner_name, true, 4, &[NewMember::new("x", uint, 0)])
                .expect("owner"),
            Self::OwnerForward => b
                .add_named("btf_reloc_e2e_owner___fwd", Kind::Fwd { union: false })
                .expect("fwd"),
            _ => b
                .add_composite(
                    owner_name,
                    false,
                    8,
                    &[
                        NewMember::new("other", int, 0),
                        NewMember::new("x", uint, 4),
                    ],
                )
                .expect("owner"),
        };
        let owner_ptr = b.add_named("", Kind::Ptr(owner)).expect("ptr");
        let id = if self == Self::SignedId { int } else { uint };
        let count = if self == Self::LongCount { long } else { llong };
        b.add_composite(
            "btf_reloc_e2e_shape",
            false,
            24,
            &[
                NewMember::new("count", count, 0),
                NewMember::new("id", id, 8),
                NewMember::new("extra", int, 12),
                NewMember::new("owner", owner_ptr, 16),
            ],
        )
        .expect("shape");
        b.add_composite(
            "btf_reloc_e2e_either",
            self != Self::EitherIsStruct,
            16,
            &[
                NewMember::new("half", uint, 0),
                NewMember::new(
                    "word",
                    ullong,
                    if self == Self::EitherIsStruct { 8 } else { 0 },
                ),
            ],
        )
        .expect("either");
        let mut levels = vec![("LEVEL_MID", 5), ("LEVEL_LOW", 3)];
        if self != Self::LevelMissing {
            levels.insert(0, ("LEVEL_HIGH", 7));
        }
        let wide = self == Self::LevelWide;
        b.add_enum(
            "btf_reloc_e2e_level",
            if wide { 8 } else { 4 },
            false,
            wide,
            &levels,
        )
        .expect("level");
        let mm = b.add_composite("mm_struct", false, 8, &[]).expect("mm");
        let mm_ptr = b.add_named("", Kind::Ptr(mm)).expect("ptr");
        let pid_t = b
            .add_named(
                "pid_t",
                Kind::Typedef(if self == Self::UnsignedPid { uint } else { int }),
            )
            .expect("pid_t");
        b.add_composite(
            "task_struct",
            false,
            64,
            &[
                NewMember::new("mm", mm_ptr, 0),
                NewMember::new("tgid", pid_t, 8),
                NewMember::new("pid", pid_t, 12),
            ],
        )
        .expect("task_struct");
        // The typedefs: of an anonymous struct (members in another order) and enum.
        let anon_name = if self == Self::TypedefOfNamed {
            "btf_reloc_e2e_named"
        } else {
            ""
        };
        let anon = b
            .add_composite(
                anon_name,
                false,
                16,
                &[
                    NewMember::new("count", llong, 0),
                    NewMember::new("id", uint, 8),
                ],
            )
            .expect("anonymous struct");
        b.add_named("btf_reloc_e2e_anon_t", Kind::Typedef(anon))
            .expect("typedef");
        let mode = b
            .add_enum("", 4, false, false, &[("MODE_B", 1), ("MODE_A", 0)])
            .expect("mode");
        b.add_named("btf_reloc_e2e_mode_t", Kind::Typedef(mode))
            .expect("typedef");
        b
    }
}

fn object(objects: &Objects) -> PathBuf {
    objects.path(Bin::TypeMatches, Variant::Btf)
}

/// The object loaded by libbpf against `target` (a BTF file) or the running kernel.
fn libbpf(objects: &Objects, target: Option<&std::path::Path>) -> Result<(Results, RawReport)> {
    let loader = libbpf_loader::build(objects.dir())?;
    let report = libbpf_loader::run_raw(
        &loader,
        &object(objects),
        target,
        type_matches::PROGRAM,
        type_matches::RESULTS,
    )?;
    let results = Results::from_bytes(&report.bytes).ok_or_else(|| {
        format!(
            "`{}` is {} bytes, expected {}",
            type_matches::RESULTS,
            report.bytes.len(),
            std::mem::size_of::<Results>()
        )
    })?;
    if results.hits == 0 {
        return Err("the program never ran for the loader's process".into());
    }
    Ok((results, report))
}

/// `[exists, matches, target id or -1, size or -1]` of each type as `btf-reloc check` predicts
/// them on its only target.
fn predicted(report: &Report) -> Result<[[i64; 4]; TYPES.len()]> {
    let mut out = [[0; 4]; TYPES.len()];
    for (slot, path) in out.iter_mut().zip(TYPES) {
        let (i, _) = report
            .field(path)
            .ok_or_else(|| format!("`check` has no `{path}`:\n{report}"))?;
        let r = &report.targets[0].fields[i];
        let size = match r.getter {
            Getter::Type { size: Some(size) } => size as i64,
            _ => -1,
        };
        *slot = [
            i64::from(r.exists),
            i64::from(r.matches == Some(true)),
            r.target_type_id.map_or(-1, |id| id as i64),
            size,
        ];
    }
    Ok(out)
}

/// libbpf's log against `check`, record by record: the same value written from the same local
/// value, or both poisoned.
fn log_agrees(logged: &RawReport, report: &Report, failures: &mut String) -> Result<()> {
    let relos = logged.core_relocations()?;
    let target = &report.targets[0];
    if relos.len() != report.records.len() {
        let _ = write!(
            failures,
            "\nlibbpf logged {} CO-RE relocations, the object has {} records",
            relos.len(),
            report.records.len()
        );
    }
    for (record, result) in report.records.iter().zip(&target.records) {
        let Some(libbpf) = relos
            .iter()
            .find(|r| r.program == type_matches::PROGRAM && r.relo == record.index)
        else {
            let _ = write!(
                failures,
                "\nrelo #{} ({}): libbpf logged nothing",
                record.index, record.path
            );
            continue;
        };
        let predicted = match (&result.libbpf, record.local_value) {
            (Applied::Value(to), Some(from)) => Patch::Value { from, to: *to },
            (Applied::Poisoned, _) => Patch::Poisoned,
            (other, _) => {
                let _ = write!(failures, "\nrelo #{}: `check` says {other:?}", record.index);
                continue;
            }
        };
        if (libbpf.insn, libbpf.patch) != (record.insn, predicted) {
            let _ = write!(
                failures,
                "\nrelo #{} ({} {}): libbpf patched insn {} with {:?}; `check` says insn {} with \
                 {predicted:?}",
                record.index,
                btf_reloc_format::RelocKind::from_u32(record.kind).map_or("?", |k| k.name()),
                record.path,
                libbpf.insn,
                libbpf.patch,
                record.insn
            );
        }
    }
    Ok(())
}

#[test]
fn made_up_kernels() {
    run(|objects| {
        let bytes = std::fs::read(object(objects))
            .map_err(|error| format!("cannot read the object: {error}"))?;
        let mut failures = String::new();
        for case in Case::ALL {
            let btf = case.btf();
            let path = std::env::temp_dir().join(format!(
                "btf-reloc-type-matches-{}-{case:?}.btf",
                std::process::id()
            ));
            std::fs::write(&path, btf.to_bytes()?)
                .map_err(|error| format!("cannot write {}: {error}", path.display()))?;
            let loaded = libbpf(objects, Some(&path));
            let _ = std::fs::remove_file(&path);
            let (results, logged) = loaded.map_err(|e| format!("{case:?}: {e}"))?;

            let expected = case.expected();
            let got: Expected = results.types.map(|[e, m, _, _]| [e, m]);
            if got != expected {
                let _ = write!(
                    failures,
                    "\n{case:?}: libbpf stored [exists, matches] {got:?}, libbpf's rules say \
                     {expected:?} (for {TYPES:?})"
                );
            }
            let simulated = {
                let _on = Simulation::new().with_btf(btf.clone()).install();
                type_matches::read()
            };
            if simulated != results.types {
                let _ = write!(
                    failures,
                    "\n{case:?}: libbpf stored {:?}, the simulation gives {simulated:?}",
                    results.types
                );
            }
            let report = btf_reloc_link::check(&bytes, &[Target::new(format!("{case:?}"), btf)])?;
            let checked = predicted(&report)?;
            if checked != results.types {
                let _ = write!(
                    failures,
                    "\n{case:?}: libbpf stored {:?}, `btf-reloc check` predicts {checked:?}",
                    results.types
                );
            }
            if report.refusals().libbpf {
                let _ = write!(
                    failures,
                    "\n{case:?}: `check` says libbpf refuses:\n{report}"
                );
            }
            log_agrees(&logged, &report, &mut failures)?;
        }
        if failures.is_empty() {
            Ok(())
        } else {
            Err(format!("TYPE_MATCHES under libbpf:{failures}").into())
        }
    });
}

/// libbpf's selftest case `kernel`: `task_struct___local` matches the running kernel's
/// `task_struct`, whose id libbpf writes for `type_id_target`; the made-up types are absent.
#[test]
fn running_kernel() {
    run(|objects| {
        let (results, logged) = libbpf(objects, None)?;
        let vmlinux = btf_layout::vmlinux()?;
        let task: Option<TypeId> = vmlinux
            .types_named("task_struct")
            .find(|(_, t)| matches!(t.kind, Kind::Struct(_)))
            .map(|(id, _)| id);
        let size = task
            .and_then(|id| vmlinux.resolve_size(id).ok())
            .map_or(-1, |s| s as i64);
        let mut want = [[0, 0, -1, -1]; TYPES.len()];
        want[0] = [1, 1, task.map_or(-1, i64::from), size];
        let mut failures = String::new();
        if results.types != want {
            let _ = write!(
                failures,
                "\nlibbpf stored {:?}, expected {want:?} (for {TYPES:?})",
                results.types
            );
        }
        let simulated = {
            let _on = Simulation::from_vmlinux()?.install();
            type_matches::read()
        };
        if simulated != results.types {
            let _ = write!(failures, "\nthe simulation of vmlinux gives {simulated:?}");
        }
        let bytes = std::fs::read(object(objects))
            .map_err(|error| format!("cannot read the object: {error}"))?;
        let report = btf_reloc_link::check(&bytes, &[Target::new("vmlinux", vmlinux)])?;
        let checked = predicted(&report)?;
        if checked != results.types {
            let _ = write!(failures, "\n`btf-reloc check` predicts {checked:?}");
        }
        log_agrees(&logged, &report, &mut failures)?;
        if failures.is_empty() {
            Ok(())
        } else {
            Err(format!("TYPE_MATCHES against the running kernel:{failures}").into())
        }
    });
}

/// aya 0.14 does not know relocation kind 12: parsing the object's `.BTF.ext` fails, whatever
/// the target; `btf-reloc check` says so for every `TYPE_MATCHES` record. Pinned, so that this
/// test says when aya learns the kind.
#[test]
fn aya_refuses() {
    run(|objects| {
        let bytes = std::fs::read(object(objects))
            .map_err(|error| format!("cannot read the object: {error}"))?;
        let btf = Case::Same.btf();
        let report = btf_reloc_link::check(&bytes, &[Target::new("same", btf.clone())])?;
        let matches_records = report
            .records
            .iter()
            .filter(|r| r.kind == btf_reloc_format::RelocKind::TypeMatches as u32)
            .count();
        let refused = match &report.targets[0].aya {
            btf_reloc_link::Verdict::Refuses(why) => why
                .iter()
                .filter(|w| w.contains("TYPE_MATCHES") && w.contains("kind `12`"))
                .count(),
            btf_reloc_link::Verdict::Loads => 0,
        };
        if matches_records != TYPES.len() || refused != matches_records || report.refusals().libbpf
        {
            return Err(format!(
                "`btf-reloc check` should say aya 0.14 (only) refuses each of the {} \
                 TYPE_MATCHES records:\n{report}",
                TYPES.len()
            )
            .into());
        }
        let aya_btf = AyaBtf::parse(&btf.to_bytes()?, Endianness::Little)
            .map_err(|error| format!("aya rejects the made-up BTF: {}", error_chain(&error)))?;
        match kernel::load_against(&object(objects), &aya_btf) {
            Err(error)
                if error
                    .to_string()
                    .contains("invalid BTF relocation kind `12`") =>
            {
                Ok(())
            }
            Err(error) => Err(format!(
                "expected aya 0.14's \"invalid BTF relocation kind `12`\", got: {error}"
            )
            .into()),
            Ok(_) => Err(
                "aya loaded an object with TYPE_MATCHES relocations: it now knows the kind; \
                 compare its values with libbpf's here instead, and update `btf-reloc check` \
                 (`aya_0_14`) and the README"
                    .into(),
            ),
        }
    });
}
