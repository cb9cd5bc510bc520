//! Unit tests for every validation branch of both derives (ast, repr, valid).
//!
//! Each test builds its input with `parse_quote!` and asserts the exact messages. Spans cannot be
//! checked here (outside a proc-macro every `parse_quote!` token has the call-site span); the
//! trybuild suite in `ui-tests/` checks where each error points.

use syn::parse_quote;

use crate::ast::{self, Derive, Input};
use crate::ctxt::Errors;
use crate::methods::Method;
use crate::valid::{Body, Model};
use crate::{expand, repr, valid};

// ---------------------------------------------------------------------------------------------
// Helpers

/// The messages of one (possibly combined) `syn::Error`, in order.
fn messages(error: syn::Error) -> Vec<String> {
    error.into_iter().map(|e| e.to_string()).collect()
}

fn finish(errors: Errors) -> Vec<String> {
    errors.finish().err().map(messages).unwrap_or_default()
}

/// Every error `derive` reports for `input`: the shape error it returns, or the
/// `compile_error!`s it emits next to the expansion.
fn errors_of(input: &syn::DeriveInput, derive: Derive) -> Vec<String> {
    let tokens = match expand::derive(input, derive) {
        Ok(tokens) => tokens,
        Err(e) => return messages(e),
    };
    let file: syn::File = syn::parse2(tokens).expect("the expansion parses as items");
    file.items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Macro(m) if m.mac.path.segments.last()?.ident == "compile_error" => {
                Some(m.mac.parse_body::<syn::LitStr>().expect("a string").value())
            }
            _ => None,
        })
        .collect()
}

fn derive_errors(input: &syn::DeriveInput) -> Vec<String> {
    errors_of(input, Derive::Relocatable)
}

fn enum_errors(input: &syn::DeriveInput) -> Vec<String> {
    errors_of(input, Derive::Enum)
}

/// The expansion of `derive` for `input`, errors included, as one string.
fn expansion(input: &syn::DeriveInput, derive: Derive) -> String {
    expand::derive(input, derive)
        .expect("errors after the shape check are emitted as tokens")
        .to_string()
}

/// The error messages of [`ast::check_shape`] then [`Input::from_syn`], one of which must fail.
fn parse_errors_of(input: &syn::DeriveInput, derive: Derive) -> Vec<String> {
    if let Err(e) = ast::check_shape(input, derive) {
        return messages(e);
    }
    match Input::from_syn(input) {
        Ok(_) => panic!("`{}` parsed, expected an error", input.ident),
        Err(e) => messages(e.into()),
    }
}

fn parse_errors(input: &syn::DeriveInput) -> Vec<String> {
    parse_errors_of(input, Derive::Relocatable)
}

fn parse_ok_as(input: &syn::DeriveInput, derive: Derive) -> Input {
    if let Err(e) = ast::check_shape(input, derive) {
        panic!("`{}` has a bad shape: {e}", input.ident);
    }
    match Input::from_syn(input) {
        Ok(parsed) => parsed,
        Err(e) => panic!("`{}` did not parse: {e}", input.ident),
    }
}

fn parse_struct(input: &syn::DeriveInput) -> ast::Struct {
    match parse_ok_as(input, Derive::Relocatable) {
        Input::Struct(parsed) => parsed,
        Input::Enum(_) => panic!("`{}` parsed as an enum", input.ident),
    }
}

/// The errors [`repr::check`] reports for the attributes of `input`.
fn repr_errors(input: &syn::DeriveInput) -> Vec<String> {
    let mut errors = Errors::default();
    repr::check(&input.attrs, &input.ident, "struct", &mut errors);
    finish(errors)
}

/// Parses `input` (which must parse), validates it and hands the model and errors to `check`.
fn with_model_as(
    input: &syn::DeriveInput,
    derive: Derive,
    check: impl FnOnce(&Model<'_>, Vec<String>),
) {
    let parsed = parse_ok_as(input, derive);
    let mut errors = Errors::default();
    let model = valid::validate(&parsed, &mut errors);
    check(&model, finish(errors));
}

fn with_model(input: &syn::DeriveInput, check: impl FnOnce(&Model<'_>, Vec<String>)) {
    with_model_as(input, Derive::Relocatable, check);
}

fn validate_errors(input: &syn::DeriveInput) -> Vec<String> {
    let mut out = Vec::new();
    with_model(input, |_, errors| out = errors);
    out
}

fn validate_enum_errors(input: &syn::DeriveInput) -> Vec<String> {
    let mut out = Vec::new();
    with_model_as(input, Derive::Enum, |_, errors| out = errors);
    out
}

/// The kernel names of the model's fields (`None` for skipped ones).
fn kernel_names<'a>(model: &'a Model<'_>) -> Vec<Option<&'a str>> {
    model
        .fields()
        .iter()
        .map(|f| f.kernel_name.as_deref())
        .collect()
}

/// The names of the methods generated for each field, in order.
fn method_names(model: &Model<'_>) -> Vec<Vec<String>> {
    model
        .fields()
        .iter()
        .map(|f| {
            f.methods
                .iter()
                .map(|m| m.ident(f.ident).to_string())
                .collect()
        })
        .collect()
}

/// `(Rust variant, kernel enumerator)` of an enum model.
fn variants(model: &Model<'_>) -> Vec<(String, String)> {
    match &model.body {
        Body::Enum(variants) => variants
            .iter()
            .map(|v| (v.ident.to_string(), v.kernel_name.clone()))
            .collect(),
        Body::Struct(_) | Body::Union(_) => panic!("a struct or union model"),
    }
}

const NO_ERRORS: [&str; 0] = [];
const NOT_NAMED_ENUM: &str =
    "BtfRelocatable can only be derived for structs with named fields and unions, not enums \
     (derive BtfEnum for a fieldless enum mirroring a kernel enum)";
fn generic(what: &str) -> String {
    format!(
        "BtfRelocatable cannot be derived for a generic struct: a kernel type has one layout; \
         remove this {what} parameter"
    )
}
const MISSING_C: &str =
    "BtfRelocatable requires #[repr(C)]: the local offsets must follow the C layout";
const PACKED: &str = "repr(packed) is not supported: relocated fields are read at their natural \
                      alignment; declare the struct as repr(C)";
const TRANSPARENT: &str = "repr(transparent) is not supported: a relocatable struct mirrors a \
                           kernel struct and needs repr(C)";
const RUST: &str = "repr(Rust) is not supported: the Rust layout is unspecified; use repr(C)";
const OTHER_REPR: &str = "unsupported representation for BtfRelocatable: use repr(C)";
const RENAME_AND_SKIP: &str =
    "`rename` has no effect on a skipped field; remove one of `rename` and `skip`";

// ---------------------------------------------------------------------------------------------
// ast.rs: the shape of the input

#[test]
fn enum_is_rejected() {
    let input = parse_quote! {
        #[repr(C)]
        enum task_state { Running, Sleeping }
    };
    assert_eq!(parse_errors(&input), [NOT_NAMED_ENUM]);
}

#[test]
fn union_is_a_relocatable_type() {
    let input = parse_quote! {
        #[repr(C)]
        #[btf(name = "sigval")]
        union Sigval { sival_int: i32, #[btf(rename = "sival_ptr")] ptr: u64, #[btf(skip)] raw: u64 }
    };
    assert!(matches!(
        parse_struct(&input),
        ast::Struct { union: true, .. }
    ));
    with_model(&input, |model, errors| {
        assert_eq!(errors, NO_ERRORS);
        assert!(matches!(model.body, Body::Union(_)));
        assert_eq!(model.kernel_name, "sigval");
        assert_eq!(
            kernel_names(model),
            [Some("sival_int"), Some("sival_ptr"), None]
        );
    });
    assert_eq!(repr_errors(&input), NO_ERRORS);
    let expanded = expansion(&input, Derive::Relocatable);
    for union_item in ["TypeShape :: Union", "TypeDescriptor :: Union"] {
        assert!(expanded.contains(union_item), "{union_item}: {expanded}");
    }
}

#[test]
fn union_is_checked_as_a_struct_is() {
    // No repr(C), a generic parameter, a bad attribute: each reported as for a struct (the
    // generic one naming a union).
    let no_repr: syn::DeriveInput = parse_quote! { union sigval { sival_int: i32 } };
    assert_eq!(derive_errors(&no_repr), [MISSING_C]);
    let generic: syn::DeriveInput = parse_quote! { #[repr(C)] union sigval<T: Copy> { v: T } };
    assert_eq!(
        derive_errors(&generic),
        [
            "BtfRelocatable cannot be derived for a generic union: a kernel type has one \
             layout; remove this type parameter"
        ]
    );
    let skipped_and_renamed: syn::DeriveInput = parse_quote! {
        #[repr(C)] union sigval { #[btf(rename = "x", skip)] sival_int: i32 }
    };
    assert_eq!(validate_errors(&skipped_and_renamed), [RENAME_AND_SKIP]);
}

#[test]
fn tuple_struct_is_rejected() {
    let input = parse_quote! {
        #[repr(C)]
        struct pid_t(i32);
    };
    assert_eq!(
        parse_errors(&input),
        ["BtfRelocatable needs named fields: kernel fields are matched by name"]
    );
}

#[test]
fn unit_struct_is_rejected() {
    let input = parse_quote! {
        #[repr(C)]
        struct task_struct;
    };
    assert_eq!(
        parse_errors(&input),
        ["BtfRelocatable needs named fields: a unit struct has nothing to relocate"]
    );
}

#[test]
fn generic_parameters_are_rejected() {
    let inputs: [syn::DeriveInput; 4] = [
        parse_quote! { #[repr(C)] struct list_head<T> { next: T } },
        parse_quote! { #[repr(C)] struct task_struct<'a> { comm: &'a [u8; 16] } },
        parse_quote! { #[repr(C)] struct task_struct<const N: usize> { comm: [u8; N] } },
        // A where clause alone makes no struct generic, but is rejected by the same check.
        parse_quote! { #[repr(C)] struct task_struct where i32: Copy { pid: i32 } },
    ];
    let expected = [
        generic("type"),
        generic("lifetime"),
        generic("const"),
        "BtfRelocatable does not support a where clause; remove it".to_owned(),
    ];
    for (input, expected) in inputs.iter().zip(expected) {
        assert_eq!(parse_errors(input), [expected], "{}", quote::quote!(#input));
    }
}

#[test]
fn shape_errors_stop_before_repr_and_names() {
    // The shape is checked first and alone: the missing repr(C) is not reported with it.
    let input = parse_quote! {
        enum task_state { Running }
    };
    assert_eq!(derive_errors(&input), [NOT_NAMED_ENUM]);
}

// ---------------------------------------------------------------------------------------------
// ast.rs: the `#[btf(...)]` attributes, read by darling

#[test]
fn unknown_container_key_suggests_the_known_one() {
    let input = parse_quote! {
        #[repr(C)]
        #[btf(nmae = "task_struct")]
        struct task { pid: i32 }
    };
    assert_eq!(
        parse_errors(&input),
        ["Unknown field: `nmae`. Did you mean `name`?"]
    );
}

#[test]
fn unknown_field_key_suggests_the_known_one() {
    let input = parse_quote! {
        #[repr(C)]
        struct task_struct {
            #[btf(renam = "__state")]
            state: u32,
        }
    };
    assert_eq!(
        parse_errors(&input),
        ["Unknown field: `renam`. Did you mean `rename`?"]
    );
}

#[test]
fn duplicate_key_is_rejected() {
    let in_one_attribute = parse_quote! {
        #[repr(C)]
        struct task_struct {
            #[btf(rename = "__state", rename = "state")]
            state: u32,
        }
    };
    let in_two_attributes = parse_quote! {
        #[repr(C)]
        struct task_struct {
            #[btf(rename = "__state")]
            #[btf(rename = "state")]
            state: u32,
        }
    };
    assert_eq!(
        parse_errors(&in_one_attribute),
        ["Duplicate field `rename`"]
    );
    assert_eq!(
        parse_errors(&in_two_attributes),
        ["Duplicate field `rename`"]
    );
}

#[test]
fn values_of_the_wrong_kind_are_rejected() {
    let rename_int = parse_quote! {
        #[repr(C)]
        struct task_struct { #[btf(rename = 5)] state: u32 }
    };
    let name_word = parse_quote! {
        #[repr(C)]
        #[btf(name)]
        struct task_struct { pid: i32 }
    };
    let skip_string = parse_quote! {
        #[repr(C)]
        struct task_struct { #[btf(skip = "yes")] flags: u32 }
    };
    let crate_int = parse_quote! {
        #[repr(C)]
        #[btf(crate = 1)]
        struct task_struct { pid: i32 }
    };
    assert_eq!(
        parse_errors(&rename_int),
        ["expected a string literal: `rename = \"__state\"`"]
    );
    assert_eq!(
        parse_errors(&name_word),
        ["`name` needs a value: `name = \"task_struct\"`"]
    );
    assert_eq!(
        parse_errors(&skip_string),
        ["`skip` takes no value: write `#[btf(skip)]`"]
    );
    assert_eq!(parse_errors(&crate_int), ["Unexpected type `int`"]);
}

#[test]
fn attribute_errors_are_all_reported_together() {
    let input = parse_quote! {
        #[repr(C)]
        #[btf(nmae = "task_struct")]
        struct task {
            #[btf(renam = "__state")]
            state: u32,
            #[btf(rename = 5)]
            pid: i32,
        }
    };
    assert_eq!(
        parse_errors(&input),
        [
            "Unknown field: `nmae`. Did you mean `name`?",
            "Unknown field: `renam`. Did you mean `rename`?",
            "expected a string literal: `rename = \"__state\"`",
        ]
    );
}

#[test]
fn attributes_are_read_into_the_typed_input() {
    let input = parse_quote! {
        #[repr(C)]
        #[derive(Clone)]
        #[btf(name = "task_struct___v58", crate = "my_runtime")]
        pub struct Task {
            #[btf(rename = "__state")]
            state: u32,
            #[btf(skip)]
            flags: u32,
            pid: i32,
        }
    };
    let parsed = parse_struct(&input);
    assert_eq!(parsed.container.ident, "Task");
    assert_eq!(
        parsed.container.name.as_ref().map(|n| n.value.as_str()),
        Some("task_struct___v58")
    );
    assert_eq!(parsed.container.krate, Some(parse_quote!(my_runtime)));
    // Only `#[repr]` is forwarded, not the other attributes.
    assert_eq!(parsed.repr.len(), 1);
    assert!(parsed.repr[0].path().is_ident("repr"));

    let fields = &parsed.fields;
    let idents: Vec<_> = fields
        .iter()
        .map(|f| f.ident.as_ref().expect("named").to_string())
        .collect();
    assert_eq!(idents, ["state", "flags", "pid"]);
    assert_eq!(
        fields[0].rename.as_ref().map(|n| n.value.as_str()),
        Some("__state")
    );
    assert!(!fields[0].skip.is_present());
    assert!(fields[1].skip.is_present());
    assert!(fields[2].rename.is_none());
}

// ---------------------------------------------------------------------------------------------
// repr.rs

#[test]
fn repr_c_is_accepted_alone_and_with_align() {
    let inputs: [syn::DeriveInput; 4] = [
        parse_quote! { #[repr(C)] struct S { a: u32 } },
        parse_quote! { #[repr(C, align(8))] struct S { a: u32 } },
        parse_quote! { #[repr(align(8), C)] struct S { a: u32 } },
        parse_quote! { #[repr(C)] #[repr(align(16))] struct S { a: u32 } },
    ];
    for input in &inputs {
        assert_eq!(repr_errors(input), NO_ERRORS, "{}", quote::quote!(#input));
    }
}

#[test]
fn repr_c_is_required() {
    let no_repr = parse_quote! { struct S { a: u32 } };
    let align_only = parse_quote! { #[repr(align(8))] struct S { a: u32 } };
    // Other attributes do not count.
    let other_attr = parse_quote! { #[derive(Clone)] #[doc = "C"] struct S { a: u32 } };
    assert_eq!(repr_errors(&no_repr), [MISSING_C]);
    assert_eq!(repr_errors(&align_only), [MISSING_C]);
    assert_eq!(repr_errors(&other_attr), [MISSING_C]);
}

#[test]
fn repr_packed_is_rejected_with_or_without_a_value() {
    let inputs: [syn::DeriveInput; 3] = [
        parse_quote! { #[repr(C, packed)] struct S { a: u32 } },
        parse_quote! { #[repr(C, packed(2))] struct S { a: u32 } },
        // Without C: only the packed error, not also "requires repr(C)".
        parse_quote! { #[repr(packed)] struct S { a: u32 } },
    ];
    for input in &inputs {
        assert_eq!(repr_errors(input), [PACKED], "{}", quote::quote!(#input));
    }
}

#[test]
fn repr_transparent_rust_and_others_are_rejected() {
    let transparent = parse_quote! { #[repr(transparent)] struct S { a: u32 } };
    let rust = parse_quote! { #[repr(Rust)] struct S { a: u32 } };
    let int = parse_quote! { #[repr(C, u8)] struct S { a: u32 } };
    let simd = parse_quote! { #[repr(simd)] struct S { a: u32 } };
    assert_eq!(repr_errors(&transparent), [TRANSPARENT]);
    assert_eq!(repr_errors(&rust), [RUST]);
    assert_eq!(repr_errors(&int), [OTHER_REPR]);
    assert_eq!(repr_errors(&simd), [OTHER_REPR]);
}

#[test]
fn malformed_repr_arguments_are_reported() {
    // rustc rejects these too; the derive must report them rather than panic.
    let align_without_value = parse_quote! { #[repr(C, align)] struct S { a: u32 } };
    let align_not_int = parse_quote! { #[repr(C, align("8"))] struct S { a: u32 } };
    let packed_not_int = parse_quote! { #[repr(C, packed(x))] struct S { a: u32 } };
    assert_eq!(
        repr_errors(&align_without_value),
        ["unexpected end of input, expected parentheses"]
    );
    assert_eq!(repr_errors(&align_not_int), ["expected integer literal"]);
    assert_eq!(repr_errors(&packed_not_int), ["expected integer literal"]);
}

#[test]
fn every_rejected_repr_is_reported() {
    let input = parse_quote! {
        #[repr(packed, transparent)]
        #[repr(Rust)]
        struct S { a: u32 }
    };
    assert_eq!(repr_errors(&input), [PACKED, TRANSPARENT, RUST]);
}

// ---------------------------------------------------------------------------------------------
// valid.rs: names

/// The message for a name that is not a C identifier.
fn not_c(name: &str, what: &str) -> String {
    format!(
        "`{name}` is not a C identifier (ASCII letters, digits and `_`, not starting with a \
         digit), so it cannot name a kernel {what}"
    )
}

#[test]
fn names_follow_the_format_crates_rule() {
    // The rule is `btf_reloc_format::is_c_identifier`; these only show that every name goes
    // through it, length limit included.
    let longest = "a".repeat(btf_reloc_format::MAX_NAME_LEN);
    let too_long = "a".repeat(btf_reloc_format::MAX_NAME_LEN + 1);
    for (name, ok) in [
        ("a", true),
        ("_", true),
        ("__state", true),
        ("task_struct___v58", true),
        ("A9_b", true),
        ("type", true),
        (longest.as_str(), true),
        (too_long.as_str(), false),
        ("1abc", false),
        ("foo bar", false),
        ("a.b", false),
        ("r#type", false),
        ("é", false),
        ("a\u{0}", false),
    ] {
        let input = parse_quote! {
            #[repr(C)]
            struct task_struct {
                #[btf(rename = #name)]
                state: u32,
            }
        };
        assert_eq!(validate_errors(&input).is_empty(), ok, "{name:?}");
    }
}

#[test]
fn too_long_names_say_so() {
    let too_long = "a".repeat(btf_reloc_format::MAX_NAME_LEN + 1);
    let input = parse_quote! {
        #[repr(C)]
        #[btf(name = #too_long)]
        struct task_struct { pid: i32 }
    };
    assert_eq!(
        validate_errors(&input),
        ["`aaaaaaaaaaaaaaaaaaaaaaaa...` is 128 bytes long, more than the 127 bytes a BTF name can \
          have, so it cannot name a kernel type"]
    );
}

#[test]
fn rust_names_used_as_kernel_names_must_be_c_identifiers_too() {
    // Rust identifiers may be non-ASCII; a kernel name cannot.
    let input = parse_quote! {
        #[repr(C)]
        struct tâche {
            pïd: i32,
            #[btf(rename = "comm")]
            nom: [u8; 16],
            #[btf(skip)]
            réservé: u32,
        }
    };
    let hint = |what: &str, key: &str| {
        format!("; keep the Rust name and give the kernel {what} its name with `#[btf({key} = \"...\")]`")
    };
    assert_eq!(
        validate_errors(&input),
        [
            not_c("tâche", "type") + &hint("type", "name"),
            not_c("pïd", "field") + &hint("field", "rename"),
        ]
    );
}

#[test]
fn renamed_rust_names_are_not_checked() {
    let input = parse_quote! {
        #[repr(C)]
        #[btf(name = "task_struct")]
        struct tâche {
            #[btf(rename = "pid")]
            pïd: i32,
        }
    };
    assert_eq!(validate_errors(&input), NO_ERRORS);
}

#[test]
fn kernel_type_name_must_be_a_c_identifier() {
    let input = parse_quote! {
        #[repr(C)]
        #[btf(name = "struct task_struct")]
        struct task { pid: i32 }
    };
    assert_eq!(
        validate_errors(&input),
        ["`struct task_struct` is not a C identifier (ASCII letters, digits and `_`, not starting with a digit), so it cannot name a kernel type"]
    );
}

#[test]
fn kernel_type_name_defaults_to_the_unraw_rust_name() {
    let plain = parse_quote! { #[repr(C)] struct task_struct { pid: i32 } };
    let raw = parse_quote! { #[repr(C)] struct r#file { pid: i32 } };
    let named = parse_quote! {
        #[repr(C)]
        #[btf(name = "task_struct___v58")]
        struct Task { pid: i32 }
    };
    with_model(&plain, |m, e| {
        assert_eq!(e, NO_ERRORS);
        assert_eq!(m.kernel_name, "task_struct");
    });
    with_model(&raw, |m, e| {
        assert_eq!(e, NO_ERRORS);
        assert_eq!(m.kernel_name, "file");
    });
    with_model(&named, |m, e| {
        assert_eq!(e, NO_ERRORS);
        assert_eq!(m.kernel_name, "task_struct___v58");
    });
}

#[test]
fn rename_must_be_a_c_identifier() {
    for bad in ["foo-bar", "1abc"] {
        let input = parse_quote! {
            #[repr(C)]
            struct task_struct {
                #[btf(rename = #bad)]
                state: u32,
            }
        };
        assert_eq!(
            validate_errors(&input),
            [format!(
                "`{bad}` is not a C identifier (ASCII letters, digits and `_`, not starting with a digit), so it cannot name a kernel field"
            )]
        );
    }
}

#[test]
fn empty_names_say_so() {
    let input = parse_quote! {
        #[repr(C)]
        #[btf(name = "")]
        struct task_struct {
            #[btf(rename = "")]
            state: u32,
        }
    };
    assert_eq!(
        validate_errors(&input),
        [
            "an empty string cannot name a kernel type",
            "an empty string cannot name a kernel field"
        ]
    );
}

#[test]
fn rename_with_skip_is_rejected() {
    let input = parse_quote! {
        #[repr(C)]
        struct task_struct {
            #[btf(skip, rename = "__state")]
            state: u32,
        }
    };
    with_model(&input, |model, errors| {
        assert_eq!(errors, [RENAME_AND_SKIP]);
        // The field is treated as skipped.
        assert_eq!(kernel_names(model), [None]);
    });
}

#[test]
fn rename_with_skip_does_not_also_check_the_name() {
    let input = parse_quote! {
        #[repr(C)]
        struct task_struct {
            #[btf(skip, rename = "foo-bar")]
            state: u32,
        }
    };
    assert_eq!(validate_errors(&input), [RENAME_AND_SKIP]);
}

#[test]
fn field_kernel_names() {
    let input = parse_quote! {
        #[repr(C)]
        struct file {
            pos: i64,
            #[btf(rename = "f_flags")]
            flags: u32,
            #[btf(skip)]
            private: u64,
            r#type: u32,
        }
    };
    with_model(&input, |model, errors| {
        assert_eq!(errors, NO_ERRORS);
        assert_eq!(
            kernel_names(model),
            [Some("pos"), Some("f_flags"), None, Some("type")]
        );
        let relocatable: Vec<_> = model
            .relocatable()
            .map(|(f, name)| (f.ident.to_string(), name))
            .collect();
        assert_eq!(
            relocatable,
            [
                ("pos".to_owned(), "pos"),
                ("flags".to_owned(), "f_flags"),
                ("r#type".to_owned(), "type"),
            ]
        );
    });
}

#[test]
fn two_fields_cannot_map_to_one_kernel_field() {
    let rename_onto_other = parse_quote! {
        #[repr(C)]
        struct task_struct {
            pid: i32,
            #[btf(rename = "pid")]
            tgid: i32,
        }
    };
    // The later field is blamed, whichever of the two was renamed.
    let other_renamed_first = parse_quote! {
        #[repr(C)]
        struct task_struct {
            #[btf(rename = "pid")]
            tgid: i32,
            pid: i32,
        }
    };
    let both_renamed = parse_quote! {
        #[repr(C)]
        struct task_struct {
            #[btf(rename = "__state")]
            a: u32,
            #[btf(rename = "__state")]
            b: u32,
        }
    };
    let raw_identifier = parse_quote! {
        #[repr(C)]
        struct file {
            r#type: u32,
            #[btf(rename = "type")]
            kind: u32,
        }
    };
    assert_eq!(
        validate_errors(&rename_onto_other),
        ["fields `pid` and `tgid` both map to kernel field `pid`; rename or skip one of them"]
    );
    assert_eq!(
        validate_errors(&other_renamed_first),
        ["fields `tgid` and `pid` both map to kernel field `pid`; rename or skip one of them"]
    );
    assert_eq!(
        validate_errors(&both_renamed),
        ["fields `a` and `b` both map to kernel field `__state`; rename or skip one of them"]
    );
    assert_eq!(
        validate_errors(&raw_identifier),
        ["fields `r#type` and `kind` both map to kernel field `type`; rename or skip one of them"]
    );
}

#[test]
fn a_skipped_field_frees_its_name() {
    let input = parse_quote! {
        #[repr(C)]
        struct task_struct {
            #[btf(skip)]
            state: u32,
            #[btf(rename = "state")]
            new_state: u32,
        }
    };
    assert_eq!(validate_errors(&input), NO_ERRORS);
}

#[test]
fn three_fields_on_one_name_give_two_errors() {
    let input = parse_quote! {
        #[repr(C)]
        struct task_struct {
            pid: i32,
            #[btf(rename = "pid")]
            a: i32,
            #[btf(rename = "pid")]
            b: i32,
        }
    };
    assert_eq!(
        validate_errors(&input),
        [
            "fields `pid` and `a` both map to kernel field `pid`; rename or skip one of them",
            "fields `pid` and `b` both map to kernel field `pid`; rename or skip one of them",
        ]
    );
}

#[test]
fn runtime_path_defaults_to_the_facade() {
    let default = parse_quote! { #[repr(C)] struct S { a: u32 } };
    let renamed = parse_quote! {
        #[repr(C)]
        #[btf(crate = "::deps::btf")]
        struct S { a: u32 }
    };
    let expected_default: syn::Path = parse_quote!(::btf_reloc_runtime);
    let expected_renamed: syn::Path = parse_quote!(::deps::btf);
    with_model(&default, |m, _| assert_eq!(m.krate, expected_default));
    with_model(&renamed, |m, _| assert_eq!(m.krate, expected_renamed));
}

#[test]
fn the_model_is_complete_despite_errors() {
    // `expand` runs next to the errors, so every field must still be in the model.
    let input = parse_quote! {
        #[repr(C)]
        #[btf(name = "task-struct")]
        struct task {
            #[btf(rename = "foo-bar")]
            state: u32,
            pid: i32,
            #[btf(rename = "pid")]
            tgid: i32,
        }
    };
    with_model(&input, |model, errors| {
        assert_eq!(errors.len(), 3);
        assert_eq!(model.kernel_name, "task-struct");
        assert_eq!(
            kernel_names(model),
            [Some("foo-bar"), Some("pid"), Some("pid")]
        );
    });
}

// ---------------------------------------------------------------------------------------------
// The whole derive

#[test]
fn valid_input_has_no_error() {
    let input = parse_quote! {
        #[repr(C, align(8))]
        #[btf(name = "task_struct___v58")]
        pub struct Task {
            pid: i32,
            #[btf(rename = "__state")]
            state: u32,
            #[btf(skip)]
            on_cpu: bool,
            r#type: u32,
        }
    };
    assert_eq!(derive_errors(&input), NO_ERRORS);
}

#[test]
fn repr_and_name_errors_are_reported_together_next_to_the_expansion() {
    let input = parse_quote! {
        #[repr(packed)]
        #[btf(name = "task-struct")]
        struct task {
            #[btf(skip, rename = "x")]
            state: u32,
            pid: i32,
            #[btf(rename = "pid")]
            tgid: i32,
        }
    };
    assert_eq!(
        derive_errors(&input),
        [
            PACKED,
            "`task-struct` is not a C identifier (ASCII letters, digits and `_`, not starting with a digit), so it cannot name a kernel type",
            RENAME_AND_SKIP,
            "fields `pid` and `tgid` both map to kernel field `pid`; rename or skip one of them",
        ]
    );
    // The getters are still generated, sparing users follow-on "no method" errors.
    let tokens = expansion(&input, Derive::Relocatable);
    assert!(tokens.contains("struct taskFields"), "{tokens}");
    assert!(tokens.contains("pub fn pid"), "{tokens}");
}

#[test]
fn attribute_errors_come_with_the_repr_check_and_a_fallback_expansion() {
    let input = parse_quote! {
        #[btf(nmae = "task_struct")]
        struct task { pid: i32, #[btf(skip, renam = "x")] flags: bool }
    };
    assert_eq!(
        derive_errors(&input),
        [
            "Unknown field: `nmae`. Did you mean `name`?",
            "Unknown field: `renam`. Did you mean `rename`?",
            MISSING_C,
        ]
    );
    // The fallback keeps the getters, and honours a `skip` it can see.
    let tokens = expansion(&input, Derive::Relocatable);
    assert!(tokens.contains("pub fn pid"), "{tokens}");
    assert!(!tokens.contains("pub fn flags"), "{tokens}");
}

// ---------------------------------------------------------------------------------------------
// Generic parameters and where clauses, for both derives

#[test]
fn every_generic_parameter_and_the_where_clause_are_reported() {
    let strukt = parse_quote! {
        #[repr(C)]
        struct list_head<'a, T, const N: usize> where T: Copy { next: &'a [T; N] }
    };
    let enm = parse_quote! {
        enum pid_type<'a, T, const N: usize> where T: Copy { PIDTYPE_PID }
    };
    let enum_generic = |what: &str| {
        format!(
            "BtfEnum cannot be derived for a generic enum: a kernel type has one layout; remove \
             this {what} parameter"
        )
    };
    assert_eq!(
        derive_errors(&strukt),
        [
            generic("lifetime"),
            generic("type"),
            generic("const"),
            "BtfRelocatable does not support a where clause; remove it".to_owned(),
        ]
    );
    assert_eq!(
        enum_errors(&enm),
        [
            enum_generic("lifetime"),
            enum_generic("type"),
            enum_generic("const"),
            "BtfEnum does not support a where clause; remove it".to_owned(),
        ]
    );
}

#[test]
fn shape_and_generics_errors_are_reported_together() {
    let input = parse_quote! {
        #[repr(C)]
        struct pid_t<T>(T);
    };
    assert_eq!(
        derive_errors(&input),
        [
            "BtfRelocatable needs named fields: kernel fields are matched by name".to_owned(),
            generic("type"),
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// BtfEnum: shape, attributes, names

#[test]
fn btf_enum_is_for_enums() {
    let strukt = parse_quote! { struct pid_type { x: u32 } };
    let union = parse_quote! { union pid_type { x: u32 } };
    assert_eq!(
        enum_errors(&strukt),
        ["BtfEnum is for enums; derive BtfRelocatable for a struct"]
    );
    assert_eq!(enum_errors(&union), ["BtfEnum is for enums, not unions"]);
}

#[test]
fn btf_enum_variants_cannot_carry_data() {
    let input = parse_quote! {
        enum pid_type { PIDTYPE_PID, PIDTYPE_TGID(u32), PIDTYPE_PGID { id: u32 } }
    };
    let data = "BtfEnum variants cannot carry data: a kernel enum is a set of named integers";
    assert_eq!(enum_errors(&input), [data, data]);
}

#[test]
fn btf_enum_needs_a_variant() {
    // Without one, the generated `match self {}` on `&Self` would not compile.
    let input = parse_quote! { enum pid_type {} };
    assert_eq!(
        enum_errors(&input),
        ["BtfEnum needs at least one variant: an enum without enumerators has nothing to relocate"]
    );
}

#[test]
fn btf_enum_attributes_are_checked_by_darling() {
    let unknown_container_key = parse_quote! {
        #[btf(nmae = "pid_type")]
        enum PidType { Pid }
    };
    // `skip` and `bitfield` are field keys, not variant keys.
    let field_key_on_variant = parse_quote! {
        enum pid_type { #[btf(skip)] PIDTYPE_PID }
    };
    assert_eq!(
        parse_errors_of(&unknown_container_key, Derive::Enum),
        ["Unknown field: `nmae`. Did you mean `name`?"]
    );
    assert_eq!(
        parse_errors_of(&field_key_on_variant, Derive::Enum),
        ["Unknown field: `skip`. Available values: `rename`"]
    );
}

#[test]
fn btf_enum_model() {
    let input = parse_quote! {
        #[btf(name = "pid_type", crate = "my_runtime")]
        pub enum PidType {
            #[btf(rename = "PIDTYPE_PID")]
            Pid,
            PIDTYPE_TGID,
            r#type,
        }
    };
    with_model_as(&input, Derive::Enum, |model, errors| {
        assert_eq!(errors, NO_ERRORS);
        assert_eq!(model.kernel_name, "pid_type");
        assert_eq!(model.krate, parse_quote!(my_runtime));
        assert!(model.fields().is_empty());
        assert_eq!(
            variants(model),
            [
                ("Pid".to_owned(), "PIDTYPE_PID".to_owned()),
                ("PIDTYPE_TGID".to_owned(), "PIDTYPE_TGID".to_owned()),
                ("r#type".to_owned(), "type".to_owned()),
            ]
        );
    });
}

#[test]
fn btf_enum_names_follow_the_same_rule() {
    let input = parse_quote! {
        #[btf(name = "pid-type")]
        enum PidType {
            #[btf(rename = "PIDTYPE-PID")]
            Pid,
            #[btf(rename = "")]
            Tgid,
            Pgïd,
        }
    };
    assert_eq!(
        validate_enum_errors(&input),
        [
            not_c("pid-type", "type"),
            not_c("PIDTYPE-PID", "enumerator"),
            "an empty string cannot name a kernel enumerator".to_owned(),
            not_c("Pgïd", "enumerator")
                + "; keep the Rust name and give the kernel enumerator its name with \
                   `#[btf(rename = \"...\")]`",
        ]
    );
}

#[test]
fn two_variants_cannot_map_to_one_enumerator() {
    let input = parse_quote! {
        enum pid_type {
            PIDTYPE_PID,
            #[btf(rename = "PIDTYPE_PID")]
            Pid,
        }
    };
    assert_eq!(
        validate_enum_errors(&input),
        [
            "variants `PIDTYPE_PID` and `Pid` both map to kernel enumerator `PIDTYPE_PID`; rename \
          one of them"
        ]
    );
}

#[test]
fn btf_enum_attribute_errors_come_with_a_fallback_expansion() {
    let input = parse_quote! {
        #[btf(nmae = "pid_type")]
        enum PidType { Pid, #[btf(renam = "PIDTYPE_TGID")] Tgid }
    };
    assert_eq!(
        enum_errors(&input),
        [
            "Unknown field: `nmae`. Did you mean `name`?",
            "Unknown field: `renam`. Did you mean `rename`?",
        ]
    );
    // `value()` and `exists()` are still generated, for every variant.
    let tokens = expansion(&input, Derive::Enum);
    assert!(tokens.contains("pub fn value"), "{tokens}");
    assert!(tokens.contains("Self :: Tgid =>"), "{tokens}");
}

// ---------------------------------------------------------------------------------------------
// valid.rs and methods.rs: the generated methods

#[test]
fn methods_follow_the_field_type() {
    let input = parse_quote! {
        #[repr(C)]
        struct task_struct {
            pid: i32,
            cpus: [u32; 4],
            comm: [u8; 16],
            name: *const u8,
            mm: KernelPtr<mm_struct>,
            filename: UserPtr<u8>,
            se: sched_entity,
            #[btf(bitfield)]
            in_execve: u8,
            #[btf(skip)]
            padding: [u8; 4],
            r#type: u32,
        }
    };
    let queries = |f: &str| {
        vec![
            format!("{f}_exists"),
            format!("{f}_byte_size"),
            format!("{f}_byte_offset"),
        ]
    };
    let with = |getters: &[&str], f: &str| {
        getters
            .iter()
            .map(ToString::to_string)
            .chain(queries(f))
            .collect::<Vec<_>>()
    };
    with_model(&input, |model, errors| {
        assert_eq!(errors, NO_ERRORS);
        assert_eq!(
            method_names(model),
            [
                with(&["pid"], "pid"),
                with(&["cpus", "cpus_at"], "cpus"),
                with(&["comm", "comm_at", "comm_str"], "comm"),
                with(&["name", "name_str"], "name"),
                with(&["mm"], "mm"),
                with(&["filename", "filename_str"], "filename"),
                with(&["se"], "se"),
                with(&["in_execve"], "in_execve"),
                Vec::new(),
                with(&["r#type"], "type"),
            ]
        );
        // The element getter knows its element type.
        assert_eq!(
            model.fields()[1].methods[1],
            Method::GetElement(&parse_quote!(u32))
        );
    });
}

fn hidden(field: &str, trait_name: &str, fix: &str) -> String {
    format!(
        "the getter of field `{field}` would be hidden: `.{field}()` on a `KernelPtr`/`UserPtr` \
         handle calls the handle's `{trait_name}::{field}`, not the getter (which is reached \
         through `Deref`); {fix}"
    )
}

#[test]
fn getters_hidden_by_a_trait_method_of_the_handle_are_rejected() {
    for (name, trait_name) in [
        ("clone", "Clone"),
        ("clone_from", "Clone"),
        ("clone_into", "ToOwned"),
        ("to_owned", "ToOwned"),
        ("eq", "PartialEq"),
        ("ne", "PartialEq"),
        ("into", "Into"),
        ("try_into", "TryInto"),
    ] {
        let ident = syn::Ident::new(name, proc_macro2::Span::call_site());
        let input = parse_quote! {
            #[repr(C)]
            struct kprobe { #ident: u64 }
        };
        assert_eq!(
            validate_errors(&input),
            [hidden(
                name,
                trait_name,
                &format!(
                    "give the Rust field another name and keep the kernel name with \
                     `#[btf(rename = \"{name}\")]`"
                )
            )],
        );
    }
}

#[test]
fn a_hidden_getter_with_a_rename_keeps_it() {
    let input = parse_quote! {
        #[repr(C)]
        struct kprobe {
            #[btf(rename = "symbol_name")]
            into: u64,
        }
    };
    assert_eq!(
        validate_errors(&input),
        [hidden(
            "into",
            "Into",
            "give the Rust field another name (its `rename` keeps the kernel name `symbol_name`)"
        )]
    );
}

#[test]
fn fields_named_like_handle_methods_are_fine_skipped_or_renamed() {
    let input = parse_quote! {
        #[repr(C)]
        struct kprobe {
            #[btf(skip)]
            clone: u64,
            #[btf(rename = "eq")]
            eq_: u64,
            // Inherent functions of the handle are associated functions, not methods.
            addr: u64,
            is_null: u64,
        }
    };
    assert_eq!(validate_errors(&input), NO_ERRORS);
}

fn twice(name: &str, first: &str, first_field: &str, then: &str, field: &str) -> String {
    format!(
        "`{name}` would be generated twice: as {first} of field `{first_field}` and as {then} of \
         field `{field}`; give one of these Rust fields another name (`#[btf(rename = \"...\")]` \
         keeps its kernel name)"
    )
}

#[test]
fn a_generated_name_cannot_be_generated_twice() {
    let element_then_field = parse_quote! {
        #[repr(C)]
        struct task_struct { comm: [u8; 16], comm_at: u32 }
    };
    let field_then_element = parse_quote! {
        #[repr(C)]
        struct task_struct { comm_at: u32, comm: [u8; 16] }
    };
    let string = parse_quote! {
        #[repr(C)]
        struct linux_binprm {
            filename: *const u8,
            #[btf(rename = "fdpath")]
            filename_str: u64,
        }
    };
    assert_eq!(
        validate_errors(&element_then_field),
        [twice(
            "comm_at",
            "the element getter (`_at`)",
            "comm",
            "the getter",
            "comm_at"
        )]
    );
    assert_eq!(
        validate_errors(&field_then_element),
        [twice(
            "comm_at",
            "the getter",
            "comm_at",
            "the element getter (`_at`)",
            "comm"
        )]
    );
    assert_eq!(
        validate_errors(&string),
        [twice(
            "filename_str",
            "the string getter (`_str`)",
            "filename",
            "the getter",
            "filename_str"
        )]
    );
}

#[test]
fn getters_and_queries_do_not_clash() {
    // `comm_exists()` the getter lives on the handle's `SFields`, `S::comm_exists()` the query
    // on `S`: two types, no clash.
    let input = parse_quote! {
        #[repr(C)]
        struct task_struct { comm: [u8; 16], comm_exists: u32, comm_byte_size: u32 }
    };
    assert_eq!(validate_errors(&input), NO_ERRORS);
}

#[test]
fn a_clashing_method_is_left_out_of_the_model() {
    // Only the later one goes, so that rustc adds no "duplicate definitions" to the error.
    let input = parse_quote! {
        #[repr(C)]
        struct task_struct { comm: [u8; 16], comm_at: u32 }
    };
    with_model(&input, |model, errors| {
        assert_eq!(errors.len(), 1);
        assert_eq!(
            method_names(model),
            [
                [
                    "comm",
                    "comm_at",
                    "comm_str",
                    "comm_exists",
                    "comm_byte_size",
                    "comm_byte_offset"
                ]
                .map(str::to_owned)
                .to_vec(),
                ["comm_at_exists", "comm_at_byte_size", "comm_at_byte_offset"]
                    .map(str::to_owned)
                    .to_vec(),
            ]
        );
        // The field itself stays relocatable.
        assert_eq!(kernel_names(model), [Some("comm"), Some("comm_at")]);
    });
    let tokens = expansion(&input, Derive::Relocatable);
    assert_eq!(tokens.matches("pub fn comm_at (").count(), 1, "{tokens}");
}

#[test]
fn the_fallback_leaves_clashing_methods_out_without_an_error() {
    let input = parse_quote! {
        #[repr(C)]
        #[btf(nmae = "task_struct")]
        struct task_struct { comm: [u8; 16], comm_at: u32 }
    };
    assert_eq!(
        derive_errors(&input),
        ["Unknown field: `nmae`. Did you mean `name`?"]
    );
    let tokens = expansion(&input, Derive::Relocatable);
    assert_eq!(tokens.matches("pub fn comm_at (").count(), 1, "{tokens}");
}

// ---------------------------------------------------------------------------------------------
// typedef roots

#[test]
fn a_typedef_without_a_name_makes_the_type_anonymous() {
    let anonymous: syn::DeriveInput = parse_quote! {
        #[repr(C)] #[btf(typedef = "kuid_t")] struct Kuid { val: u32 }
    };
    with_model(&anonymous, |model, errors| {
        assert_eq!(errors, NO_ERRORS);
        assert_eq!(model.kernel_name, "");
        assert_eq!(model.typedef.as_deref(), Some("kuid_t"));
    });
    let named: syn::DeriveInput = parse_quote! {
        #[repr(C)] #[btf(name = "a_struct", typedef = "named_struct_typedef")] struct Named { x: i32 }
    };
    with_model(&named, |model, errors| {
        assert_eq!(errors, NO_ERRORS);
        assert_eq!(model.kernel_name, "a_struct");
        assert_eq!(model.typedef.as_deref(), Some("named_struct_typedef"));
    });
    let expanded = expansion(&anonymous, Derive::Relocatable);
    assert!(expanded.contains("TypeDescriptor :: Typedef"), "{expanded}");
    let enumeration: syn::DeriveInput = parse_quote! {
        #[btf(typedef = "anon_enum")] enum AnonEnum { #[btf(rename = "ANON_ENUM_VAL1")] V1 }
    };
    with_model_as(&enumeration, Derive::Enum, |model, errors| {
        assert_eq!(errors, NO_ERRORS);
        assert_eq!(
            (model.kernel_name.as_str(), model.typedef.as_deref()),
            ("", Some("anon_enum"))
        );
    });
}

#[test]
fn a_typedef_name_must_be_a_c_identifier() {
    let input: syn::DeriveInput = parse_quote! {
        #[repr(C)] #[btf(typedef = "kuid-t")] struct Kuid { val: u32 }
    };
    assert_eq!(
        validate_errors(&input),
        [
            "`kuid-t` is not a C identifier (ASCII letters, digits and `_`, not starting with a \
          digit), so it cannot name a kernel typedef"
        ]
    );
    let no_value: syn::DeriveInput = parse_quote! {
        #[repr(C)] #[btf(typedef)] struct Kuid { val: u32 }
    };
    assert_eq!(
        parse_errors(&no_value),
        ["`typedef` needs a value: `typedef = \"kuid_t\"`"]
    );
}
