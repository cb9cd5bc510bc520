//! Expansion snapshots: what `cargo expand` shows users. Each case expands a `parse_quote!`
//! input, pretty-prints it and compares it with `tests/expand/<case>.rs`; `BLESS=1` rewrites the
//! expected files.

use std::path::PathBuf;

use crate::ast::Derive;

fn check(case: &str, input: syn::DeriveInput) {
    check_with(case, input, Derive::Relocatable);
}

fn check_with(case: &str, input: syn::DeriveInput, derive: Derive) {
    let tokens = match crate::expand::derive(&input, derive) {
        Ok(tokens) => tokens,
        Err(e) => panic!("{case}: {e}"),
    };
    let file: syn::File = match syn::parse2(tokens) {
        Ok(file) => file,
        Err(e) => panic!("{case}: expansion does not parse: {e}"),
    };
    let actual = format!(
        "// Expansion of a btf-reloc derive, case `{case}`.\n// Regenerate with `BLESS=1 cargo test -p btf-reloc-derive`.\n\n{}",
        prettyplease::unparse(&file)
    );
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/expand")
        .join(format!("{case}.rs"));
    if std::env::var_os("BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; run with BLESS=1 to create it", path.display()));
    assert!(
        expected == actual,
        "expansion of `{case}` changed; run with BLESS=1 to accept:\n{actual}"
    );
}

#[test]
fn plain() {
    check(
        "plain",
        syn::parse_quote! {
            #[repr(C)]
            pub struct task_struct {
                pub pid: i32,
                pub tgid: i32,
            }
        },
    );
}

#[test]
fn rename() {
    check(
        "rename",
        syn::parse_quote! {
            #[repr(C)]
            pub struct task_struct {
                #[btf(rename = "__state")]
                pub state: u32,
            }
        },
    );
}

#[test]
fn skip() {
    check(
        "skip",
        syn::parse_quote! {
            #[repr(C)]
            struct task_struct {
                pid: i32,
                #[btf(skip)]
                _padding: [u8; 4],
            }
        },
    );
}

#[test]
fn flavor() {
    check(
        "flavor",
        syn::parse_quote! {
            #[repr(C)]
            #[btf(name = "task_struct___v58")]
            pub struct TaskStructV58 {
                pub state: i64,
            }
        },
    );
}

#[test]
fn pointer_and_array() {
    check(
        "pointer_and_array",
        syn::parse_quote! {
            #[repr(C)]
            pub struct task_struct {
                pub comm: [u8; 16],
                pub mm: KernelPtr<mm_struct>,
                pub stack: *const u8,
            }
        },
    );
}

#[test]
fn renamed_crate() {
    check(
        "renamed_crate",
        syn::parse_quote! {
            #[repr(C, align(8))]
            #[btf(crate = "my_runtime")]
            pub(crate) struct file {
                pub(crate) f_flags: u32,
            }
        },
    );
}

#[test]
fn embedded_struct() {
    check(
        "embedded_struct",
        syn::parse_quote! {
            #[repr(C)]
            pub struct task_struct {
                pub se: sched_entity,
            }
        },
    );
}

#[test]
fn bitfield() {
    check(
        "bitfield",
        syn::parse_quote! {
            #[repr(C)]
            pub struct task_struct {
                #[btf(bitfield)]
                pub sched_reset_on_fork: u8,
            }
        },
    );
}

#[test]
fn required() {
    check(
        "required",
        syn::parse_quote! {
            #[repr(C)]
            pub struct task_struct {
                #[btf(required)]
                pub pid: i32,
                #[btf(required, bitfield)]
                pub sched_reset_on_fork: u8,
            }
        },
    );
}

#[test]
fn enum_values() {
    check_with(
        "enum_values",
        syn::parse_quote! {
            #[btf(name = "pid_type")]
            pub enum PidType {
                #[btf(rename = "PIDTYPE_PID")]
                Pid,
                #[btf(rename = "PIDTYPE_TGID")]
                Tgid,
            }
        },
        Derive::Enum,
    );
}

#[test]
fn union() {
    check(
        "union",
        syn::parse_quote! {
            #[repr(C)]
            #[derive(Clone, Copy)]
            pub union sigval {
                pub sival_int: i32,
                pub sival_ptr: KernelPtr<u8>,
            }
        },
    );
}

#[test]
fn typedef() {
    check(
        "typedef",
        syn::parse_quote! {
            #[repr(C)]
            #[btf(typedef = "kuid_t")]
            pub struct Kuid {
                pub val: u32,
            }
        },
    );
}

#[test]
fn typedef_enum() {
    check_with(
        "typedef_enum",
        syn::parse_quote! {
            #[btf(typedef = "anon_enum")]
            pub enum AnonEnum {
                #[btf(rename = "ANON_ENUM_VAL1")]
                Val1 = 0x10,
            }
        },
        Derive::Enum,
    );
}
