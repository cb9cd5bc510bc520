//! The README's walkthrough shows `src/walkthrough.rs`, which its doctest tests: every Rust
//! block of the walkthrough that is not compiled there must be a verbatim part of that file.

const README: &str = include_str!("../../README.md");
const WALKTHROUGH: &str = include_str!("../src/walkthrough.rs");

#[test]
fn walkthrough_shows_what_is_tested() {
    let start = README
        .find("## From vmlinux to a tested program")
        .expect("the README has the walkthrough");
    let section = &README[start..];
    let section = &section[..section[3..]
        .find("\n## ")
        .map_or(section.len(), |end| end + 3)];
    let blocks: Vec<&str> = section
        .split("```rust,ignore\n")
        .skip(1)
        .map(|rest| &rest[..rest.find("```").expect("a closed block")])
        .collect();
    assert_eq!(blocks.len(), 2, "steps 1 and 2 show the file");
    for block in blocks {
        assert!(
            WALKTHROUGH.contains(block),
            "the README shows code src/walkthrough.rs does not hold:\n{block}"
        );
    }
}
