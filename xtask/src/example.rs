//! The template project `examples/aya-project/`: a user's Aya project in aya-template's layout
//! that reads `task_struct` through btf-reloc. It is built as a user builds it — its own
//! workspace, lock file and toolchain file, `my-app/build.rs` building the eBPF crate with nightly
//! and post-linking it — and then run: the userspace binary loads the program, fires it, prints
//! what it read next to the ground truth and exits non-zero on a mismatch. Before that, the
//! README's walkthrough of it is checked against it. So neither can rot.

use std::{fs, path::Path, process::Command};

use crate::{cmd, ebpf::path_with, setup, setup::Toolchain, workspace_root, Result};

/// The template, relative to the repository root.
const PROJECT: &str = "examples/aya-project";
/// Its userspace package, and the binary that package builds.
const PACKAGE: &str = "my-app";

/// The README section that walks through the template.
const README_SECTION: &str = "## Using it in your Aya project";
/// The files of the template that section quotes.
const QUOTED: [&str; 3] = [
    "my-app-ebpf/src/main.rs",
    "my-app/build.rs",
    "my-app/src/main.rs",
];
/// The file `btf-reloc gen` wrote; its header names the specs it was run with.
const GENERATED: &str = "my-app-ebpf/src/vmlinux.rs";

/// Checks the README against the template, builds the template (its own target dir under the
/// root `target/`, so that neither build invalidates the other's artifacts) and runs its binary;
/// that binary's output is the result.
pub(crate) fn run(toolchain: &Toolchain) -> Result<()> {
    let project = workspace_root().join(PROJECT);
    check_readme(&project)?;

    let target_dir = workspace_root().join("target/aya-project");
    // Run from the project's directory, so that rustup picks its `rust-toolchain.toml`, as it
    // would for a user.
    let cargo = || {
        let mut cargo = Command::new("cargo");
        cmd::scrub_env(&mut cargo).current_dir(&project);
        cargo
    };
    // Neither the root's `cargo fmt --all` nor its clippy see this workspace. (No `--all` here:
    // that would format the btf-reloc crates it depends on by path too.)
    cmd::run(
        cargo().args(["fmt", "--check"]),
        &format!("checking the formatting of {PROJECT} (`cargo fmt` there)"),
    )?;
    let mut build = cargo();
    build
        // `aya_build` runs nightly rustc, which calls `bpf-linker` by name.
        .env("PATH", path_with(&toolchain.bin_dir)?)
        // `--locked`: the committed Cargo.lock is what users get, so it must be current.
        .args(["build", "--locked", "--package", PACKAGE, "--target-dir"])
        .arg(&target_dir);
    let output = build
        .output()
        .map_err(|error| format!("cannot run cargo build in {PROJECT}: {error}"))?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        return Err(format!(
            "building {PROJECT} failed ({}); if its Cargo.lock is out of date (a btf-reloc \
             crate gained a dependency?), run `cargo update --workspace` there:\n{stderr}",
            output.status
        )
        .into());
    }
    // What users copy must build without warnings. Not `RUSTFLAGS=-Dwarnings`: that would also
    // apply to the host build of the btf-reloc crates it depends on by path, under the stable
    // toolchain of the template, which the root workspace's lints do not pin.
    if let Some(line) = stderr.lines().find(|line| is_warning(line)) {
        return Err(format!("{PROJECT} builds with warnings ({line}):\n{stderr}").into());
    }

    let binary = target_dir.join("debug").join(PACKAGE);
    let status = cmd::scrub_env(&mut Command::new(&binary))
        .status()
        .map_err(|error| format!("cannot run {}: {error}", binary.display()))?;
    if !status.success() {
        return Err(format!("{PROJECT}: {} failed ({status})", binary.display()).into());
    }
    Ok(())
}

/// The README's walkthrough shows the template as it is: every `rust,ignore` block is a part of
/// one of the [`QUOTED`] files (indentation aside), the `btf-reloc gen` command is the one that
/// wrote [`GENERATED`], and the bpf-linker users are told to build is the one `setup` builds.
fn check_readme(project: &Path) -> Result<()> {
    let readme = read(&workspace_root().join("README.md"))?;
    let section = section(&readme, README_SECTION)
        .ok_or_else(|| format!("README.md has no section `{README_SECTION}`"))?;
    let mismatch = |what: String| -> Result<()> {
        Err(format!("README.md, `{README_SECTION}`, no longer matches {PROJECT}: {what}").into())
    };

    let quoted = QUOTED
        .iter()
        .map(|file| read(&project.join(file)))
        .collect::<Result<Vec<_>>>()?;
    for block in rust_blocks(section) {
        if !quoted.iter().any(|file| contains_lines(file, block)) {
            return mismatch(format!("this block is in none of {QUOTED:?}:\n{block}"));
        }
    }

    let generated = read(&project.join(GENERATED))?;
    // The header's third line: `//   SPEC SPEC...`.
    let specs = generated
        .lines()
        .nth(2)
        .and_then(|line| line.strip_prefix("//"))
        .map(str::trim)
        .ok_or_else(|| format!("{GENERATED} has no `btf-reloc gen` header"))?;
    let command = format!("btf-reloc gen {specs} > {GENERATED}");
    if !section.contains(&command) {
        return mismatch(format!("it does not show `{command}`"));
    }

    let linker = format!("bpf-linker@{}", setup::BPF_LINKER_VERSION);
    if !section.contains(&linker) {
        return mismatch(format!(
            "it does not install `{linker}`, which setup builds"
        ));
    }
    Ok(())
}

/// Whether `line` of the build's output reports a warning in the template: cargo's summary
/// ("warning: `my-app-common` (lib) generated 1 warning", replayed when the crate is cached), or a
/// warning of the eBPF build, which aya-build forwards as a `cargo:warning` of `my-app`'s build
/// script ("warning: my-app@0.1.0: warning: unused variable …"; that build reports no summary).
fn is_warning(line: &str) -> bool {
    let Some(message) = line.strip_prefix("warning: ") else {
        return false;
    };
    let summary = message.starts_with(&format!("`{PACKAGE}")) && message.contains(") generated ");
    let forwarded = message
        .strip_prefix(&format!("{PACKAGE}@"))
        .and_then(|rest| rest.split_once(": "))
        .is_some_and(|(_version, forwarded)| forwarded.starts_with("warning: "));
    summary || forwarded
}

fn read(path: &Path) -> Result<String> {
    fs::read_to_string(path)
        .map_err(|error| format!("cannot read {}: {error}", path.display()).into())
}

/// The text of the `## ` section headed `heading`, up to the next `## ` heading.
fn section<'a>(markdown: &'a str, heading: &str) -> Option<&'a str> {
    let start = markdown.find(&format!("\n{heading}\n"))? + 1;
    let rest = &markdown[start..];
    let end = rest[heading.len()..]
        .find("\n## ")
        .map_or(rest.len(), |end| heading.len() + end + 1);
    Some(&rest[..end])
}

/// The contents of the ```` ```rust,ignore ```` blocks of `markdown`.
fn rust_blocks(markdown: &str) -> impl Iterator<Item = &str> {
    markdown
        .split("```rust,ignore\n")
        .skip(1)
        .map(|rest| rest.find("```").map_or(rest, |end| &rest[..end]))
}

/// Whether the lines of `block` are consecutive lines of `file`, each compared without its
/// leading and trailing whitespace.
fn contains_lines(file: &str, block: &str) -> bool {
    let file: Vec<&str> = file.lines().map(str::trim).collect();
    let block: Vec<&str> = block.lines().map(str::trim).collect();
    !block.is_empty()
        && file
            .windows(block.len())
            .any(|lines| lines == block.as_slice())
}

#[cfg(test)]
mod tests {
    use super::{contains_lines, is_warning, rust_blocks, section};

    const MARKDOWN: &str = "\
# Title

## One

```rust,ignore
let a = 1;
    let b = 2;
```

## Two

```rust,ignore
c
```
";

    #[test]
    fn a_section_ends_at_the_next_heading() {
        let one = section(MARKDOWN, "## One").expect("the section");
        assert!(one.starts_with("## One\n") && one.ends_with("```\n\n"));
        assert!(section(MARKDOWN, "## Two").is_some_and(|two| two.ends_with("c\n```\n")));
        assert_eq!(section(MARKDOWN, "## Three"), None);
    }

    #[test]
    fn blocks_are_found_in_files_whatever_their_indentation() {
        let one = section(MARKDOWN, "## One").expect("the section");
        let blocks: Vec<&str> = rust_blocks(one).collect();
        assert_eq!(blocks, ["let a = 1;\n    let b = 2;\n"]);
        let file = "fn f() {\n    let a = 1;\n    let b = 2;\n}\n";
        assert!(contains_lines(file, blocks[0]));
        assert!(!contains_lines(file, "let b = 2;\nlet a = 1;\n"));
        assert!(!contains_lines(file, ""));
    }

    #[test]
    fn warnings_of_the_template_crates_are_found() {
        for line in [
            "warning: `my-app-common` (lib) generated 1 warning",
            "warning: `my-app` (bin \"my-app\") generated 2 warnings",
            "warning: my-app@0.1.0: warning: unused variable: `x`",
            "warning: my-app@0.1.0: warning: my-app-ebpf@0.1.0: bpf-linker is not on PATH",
        ] {
            assert!(is_warning(line), "{line}");
        }
        for line in [
            "warning: `btf-reloc-runtime` (lib) generated 1 warning",
            "warning: my-app@0.1.0:    Compiling my-app-ebpf v0.1.0 (/x/my-app-ebpf)",
            "warning: my-app@0.1.0:     Finished `release` profile [optimized] target(s) in 1.07s",
            "   Compiling my-app v0.1.0 (/x/my-app)",
        ] {
            assert!(!is_warning(line), "{line}");
        }
    }
}
