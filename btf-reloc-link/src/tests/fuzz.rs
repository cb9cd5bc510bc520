//! Deterministic mutations of valid objects (the synthetic fixtures, the real objects in
//! `tests/fixtures/`, and, when `BTF_RELOC_E2E_OBJECTS` names a directory, every object the
//! kernel tests built): `link`, `dump` and `check` never panic, and whatever `link` writes parses
//! back, dumps with no pending marker and relinks as a no-op. The `fuzz/` directory runs the
//! same properties under libFuzzer.

use std::path::{Path, PathBuf};

use btf_reloc_format::is_descriptor_section;

use super::fixture::{reseal, Fixture};
use crate::{check, dump, elf::Elf, link, LinkOutcome};

/// xorshift64*: deterministic and dependency-free.
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

/// What must hold for any input.
fn exercise(object: &[u8]) {
    if let Ok(LinkOutcome::Linked {
        object: out,
        summary,
    }) = link(object)
    {
        let dumped = dump(&out).unwrap_or_else(|e| panic!("the linked object does not dump: {e}"));
        assert!(
            dumped.pending.is_empty(),
            "markers left after linking: {dumped}"
        );
        assert!(
            dumped.relocations.len() >= summary.total(),
            "{} records dumped, {} written",
            dumped.relocations.len(),
            summary.total()
        );
        assert_eq!(
            link(&out).unwrap_or_else(|e| panic!("the linked object does not relink: {e}")),
            LinkOutcome::NothingToDo,
            "relinking is not a no-op"
        );
        check(&out, &[]).unwrap_or_else(|e| panic!("the linked object cannot be checked: {e}"));
    }
    if let Ok(dumped) = dump(object) {
        let _ = (dumped.to_string(), dumped.to_json());
    }
    if let Ok(report) = check(object, &[]) {
        let _ = report.to_json();
    }
}

/// `object` with the checksums of its descriptor records recomputed, when that changes it: a
/// mutated record then reaches the checks behind the checksum.
fn resealed(object: &[u8]) -> Option<Vec<u8>> {
    let elf = Elf::parse(object).ok()?;
    let mut out = object.to_vec();
    for s in elf
        .sections
        .iter()
        .filter(|s| is_descriptor_section(&s.name))
    {
        let data = elf.section_data(s).ok()?;
        let start = usize::try_from(s.offset).ok()?;
        out.get_mut(start..start + data.len())?
            .copy_from_slice(&reseal(data.to_vec()));
    }
    (out != object).then_some(out)
}

/// `rounds` mutations of `base`: truncations, bit flips, and bytes overwritten in the headers and
/// the sections (where the parsers look).
fn mutate(base: &[u8], rounds: usize, rng: &mut Rng) {
    let elf = Elf::parse(base).expect("valid base");
    let mut hot: Vec<(usize, usize)> = vec![(0, 64)];
    for s in &elf.sections {
        if s.index != 0 && s.sh_type != object::elf::SHT_NOBITS {
            hot.push((s.offset as usize, s.size as usize));
        }
    }
    let shoff = crate::bytes::u64_at(base, 0x28).expect("shoff") as usize;
    hot.push((shoff, elf.sections.len() * 64));
    hot.retain(|&(_, len)| len > 0);

    exercise(base);
    for round in 0..rounds {
        let mut object = base.to_vec();
        match round % 4 {
            0 => {
                let len = rng.below(object.len());
                object.truncate(len);
            }
            1 => {
                let at = rng.below(object.len());
                object[at] ^= 1 << rng.below(8);
            }
            _ => {
                let (start, len) = hot[rng.below(hot.len())];
                for _ in 0..1 + rng.below(3) {
                    let at = start + rng.below(len);
                    if let Some(b) = object.get_mut(at) {
                        *b = match rng.below(3) {
                            0 => 0,
                            1 => 0xff,
                            _ => rng.next() as u8,
                        };
                    }
                }
            }
        }
        exercise(&object);
        if let Some(object) = resealed(&object) {
            exercise(&object);
        }
    }
}

/// The real objects committed as fixtures.
fn fixture_objects() -> Vec<(PathBuf, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    ["e2e-libbpf.o", "e2e-libbpf-btf.o"]
        .into_iter()
        .map(|name| {
            let path = dir.join(name);
            let bytes = std::fs::read(&path)
                .unwrap_or_else(|e| panic!("{}: {e} (see its README)", path.display()));
            (path, bytes)
        })
        .collect()
}

#[test]
fn mutated_objects_keep_the_properties() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for base in [
        Fixture::standard().build(),
        Fixture::with_btf(32).build(),
        Fixture::with_btf(24).build(),
        Fixture::kinds().build(),
        super::link::direct_fixture().build(),
    ] {
        mutate(&base, 1500, &mut rng);
    }
    for (path, base) in fixture_objects() {
        // A real object links (the fixture is current), then gets mutated.
        assert!(
            matches!(link(&base), Ok(LinkOutcome::Linked { .. })),
            "{} does not link: regenerate it (see its README)",
            path.display()
        );
        mutate(&base, 1500, &mut rng);
    }
}

#[test]
fn mutated_e2e_objects_keep_the_properties() {
    let Some(dir) = std::env::var_os(btf_reloc_e2e_objects::VAR) else {
        eprintln!(
            "{} is not set: only the committed real objects are mutated (`cargo xtask e2e` \
             builds the others)",
            btf_reloc_e2e_objects::VAR
        );
        return;
    };
    let mut objects = Vec::new();
    for variant in std::fs::read_dir(&dir).expect("the objects' directory") {
        let variant = variant.expect("entry").path();
        if !variant.is_dir() {
            continue;
        }
        for object in std::fs::read_dir(&variant).expect("a variant's directory") {
            objects.push(object.expect("entry").path());
        }
    }
    objects.sort();
    assert!(
        !objects.is_empty(),
        "no objects in {}",
        Path::new(&dir).display()
    );
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    for path in objects {
        let base = std::fs::read(&path).expect("object");
        // Fewer rounds: these objects are up to a megabyte.
        mutate(&base, 200, &mut rng);
    }
}

/// The variable the kernel tests read (`btf_reloc_e2e_common::objects::DIR_VAR`; this crate does
/// not depend on that one).
mod btf_reloc_e2e_objects {
    pub(super) const VAR: &str = "BTF_RELOC_E2E_OBJECTS";
}
