//! Deterministic mutations of valid objects: `link` and `dump` must return, never panic.

use super::fixture::Fixture;
use crate::{dump, elf::Elf, link};

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

fn exercise(object: &[u8]) {
    if let Ok(crate::LinkOutcome::Linked { object, .. }) = link(object) {
        // Whatever we write must parse back.
        let _ = link(&object);
        let _ = dump(&object);
    }
    let _ = dump(object);
}

#[test]
fn mutated_objects_do_not_panic() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for base in [
        Fixture::standard().build(),
        Fixture::with_btf(32).build(),
        Fixture::with_btf(24).build(),
        Fixture::kinds().build(),
    ] {
        let elf = Elf::parse(&base).expect("valid base");
        // Ranges worth hitting more often than the rest: headers and the interesting sections.
        let mut hot: Vec<(usize, usize)> = vec![(0, 64)];
        for s in &elf.sections {
            if s.index != 0 && s.sh_type != object::elf::SHT_NOBITS {
                hot.push((s.offset as usize, s.size as usize));
            }
        }
        let shoff = crate::bytes::u64_at(&base, 0x28).expect("shoff") as usize;
        hot.push((shoff, elf.sections.len() * 64));
        hot.retain(|&(_, len)| len > 0);

        for round in 0..1500 {
            let mut object = base.clone();
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
        }
    }
}
