//! Writes the seed corpora of the fuzz targets into `DIR/<target>/` (`./run` does it before
//! fuzzing): the real objects of the kernel tests (`$BTF_RELOC_E2E_OBJECTS`, else
//! `target/e2e-objects`, after `cargo xtask e2e`; linked and `.unlinked`), the committed
//! fixtures, their `.BTF` and `.BTF.ext` sections, and subsets of the running kernel's
//! `/sys/kernel/btf/vmlinux` cut out at run time. Nothing of this is committed.

use std::{
    collections::hash_map::DefaultHasher,
    fs,
    hash::{Hash, Hasher},
    path::{Path, PathBuf},
};

use btf_reloc_btf::{subset::subset, Btf};
use btf_reloc_fuzz::{join, section};
use btf_reloc_link::{link, LinkOutcome};

/// Kernel types whose layout closures make the vmlinux seeds (a few kilobytes to ~100 KB each).
const TYPES: &[&str] = &[
    "task_struct",
    "mm_struct",
    "sk_buff",
    "file",
    "dentry",
    "cred",
    "sched_entity",
    "pid_type",
    "sock",
    "bpf_prog",
];

/// What `gen` is asked for, against each BTF seed.
const SPECS: &[&str] = &[
    "task_struct",
    "task_struct:pid,tgid,comm,se.vruntime,mm.arg_start,real_parent.tgid",
    "mm_struct:arg_start,arg_end cred:uid,gid pid_type",
    "dentry:d_name.name,d_parent file:f_path.dentry",
    "sk_buff:len,data sock",
];

/// Objects larger than this are not seeds (libFuzzer mutates big inputs slowly).
const MAX_OBJECT: usize = 400 << 10;

struct Corpus {
    dir: PathBuf,
    count: usize,
}

impl Corpus {
    fn new(root: &Path, target: &str) -> Self {
        let dir = root.join(target);
        fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        Self { dir, count: 0 }
    }

    fn add(&mut self, bytes: &[u8]) {
        let mut hasher = DefaultHasher::new();
        bytes.hash(&mut hasher);
        let path = self.dir.join(format!("seed-{:016x}", hasher.finish()));
        fs::write(&path, bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        self.count += 1;
    }
}

fn objects(repo: &Path) -> Vec<(String, Vec<u8>)> {
    let dir = std::env::var_os("BTF_RELOC_E2E_OBJECTS")
        .map_or_else(|| repo.join("target/e2e-objects"), PathBuf::from);
    let mut paths: Vec<PathBuf> = Vec::new();
    let fixtures = repo.join("btf-reloc-link/tests/fixtures");
    for d in [dir.join("btf"), dir.join("no-btf"), fixtures] {
        if let Ok(entries) = fs::read_dir(&d) {
            paths.extend(entries.flatten().map(|e| e.path()).filter(|p| p.is_file()));
        }
    }
    paths.sort();
    let mut out = Vec::new();
    for path in paths {
        let Ok(bytes) = fs::read(&path) else { continue };
        if bytes.starts_with(b"\x7fELF") && bytes.len() <= MAX_OBJECT {
            out.push((path.display().to_string(), bytes));
        }
    }
    if out.is_empty() {
        eprintln!(
            "seeds: no objects in {} (run `cargo xtask e2e`); only the committed fixtures",
            dir.display()
        );
    }
    out
}

fn vmlinux_subsets() -> Vec<Vec<u8>> {
    let Ok(bytes) = fs::read("/sys/kernel/btf/vmlinux") else {
        eprintln!("seeds: no /sys/kernel/btf/vmlinux; no kernel subsets");
        return Vec::new();
    };
    let Ok(btf) = Btf::parse(&bytes) else {
        eprintln!("seeds: /sys/kernel/btf/vmlinux does not parse; no kernel subsets");
        return Vec::new();
    };
    let mut out = Vec::new();
    for name in TYPES {
        let roots: Vec<_> = btf.types_named(name).map(|(id, _)| id).take(1).collect();
        if let Some(bytes) = subset(&btf, &roots)
            .ok()
            .and_then(|s| s.btf.to_bytes().ok())
        {
            out.push(bytes);
        }
    }
    out
}

fn main() {
    let root = PathBuf::from(
        std::env::args_os()
            .nth(1)
            .unwrap_or_else(|| "corpus".into()),
    );
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut link_corpus = Corpus::new(&root, "link");
    let mut btf_corpus = Corpus::new(&root, "btf");
    let mut ext_corpus = Corpus::new(&root, "btf_ext");
    let mut gen_corpus = Corpus::new(&root, "gen");
    let mut check_corpus = Corpus::new(&root, "check");

    let mut btfs = vmlinux_subsets();
    let fixture = repo.join("btf-reloc-cli/tests/fixtures/vmlinux-subset.btf");
    match fs::read(&fixture) {
        Ok(bytes) => btfs.push(bytes),
        Err(e) => eprintln!("seeds: {}: {e}", fixture.display()),
    }
    let mut linked = Vec::new();
    for (name, object) in objects(&repo) {
        link_corpus.add(&object);
        for (section_name, corpus) in [(".BTF", &mut btf_corpus), (".BTF.ext", &mut ext_corpus)] {
            if let Some(bytes) = section(&object, section_name) {
                corpus.add(bytes);
            }
        }
        match link(&object) {
            Ok(LinkOutcome::Linked { object, .. }) => linked.push(object),
            Ok(LinkOutcome::NothingToDo) => linked.push(object),
            Err(e) => eprintln!("seeds: {name}: {e}"),
        }
    }
    for btf in &btfs {
        btf_corpus.add(btf);
        for specs in SPECS {
            gen_corpus.add(&join(specs.as_bytes(), btf));
        }
    }
    linked.sort();
    linked.dedup();
    for object in &linked {
        for btf in btfs.iter().rev().take(2) {
            check_corpus.add(&join(object, btf));
        }
    }
    for corpus in [
        &link_corpus,
        &btf_corpus,
        &ext_corpus,
        &gen_corpus,
        &check_corpus,
    ] {
        println!("{}: {} seeds", corpus.dir.display(), corpus.count);
    }
}
