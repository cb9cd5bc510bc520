//! `#[repr(...)]` on the input: the derive needs `C` (with `align(N)` allowed), because the
//! local offsets it records come from a C layout; every other representation is a spanned error.

use syn::spanned::Spanned;

use crate::ctxt::Errors;

/// Checks the `#[repr]` attributes of a struct or union (`noun`, for the messages); one error per
/// offending token, all collected.
pub(crate) fn check(attrs: &[syn::Attribute], ident: &syn::Ident, noun: &str, errors: &mut Errors) {
    let mut has_c = false;
    let mut rejected = false;
    let mut push = |e: syn::Error| {
        rejected = true;
        errors.push(e);
    };
    for attr in attrs.iter().filter(|a| a.path().is_ident("repr")) {
        let result = attr.parse_nested_meta(|meta| {
            let path = &meta.path;
            if path.is_ident("C") {
                has_c = true;
            } else if path.is_ident("align") {
                // `align(N)` only raises the alignment; the C layout (and so the offsets) stay.
                let content;
                syn::parenthesized!(content in meta.input);
                let _: syn::LitInt = content.parse()?;
            } else if path.is_ident("packed") {
                if meta.input.peek(syn::token::Paren) {
                    let content;
                    syn::parenthesized!(content in meta.input);
                    let _: syn::LitInt = content.parse()?;
                }
                push(syn::Error::new(
                    path.span(),
                    format!(
                        "repr(packed) is not supported: relocated fields are read at their \
                         natural alignment; declare the {noun} as repr(C)"
                    ),
                ));
            } else if path.is_ident("transparent") {
                push(syn::Error::new(
                    path.span(),
                    format!(
                        "repr(transparent) is not supported: a relocatable {noun} mirrors a \
                         kernel {noun} and needs repr(C)"
                    ),
                ));
            } else if path.is_ident("Rust") {
                push(syn::Error::new(
                    path.span(),
                    "repr(Rust) is not supported: the Rust layout is unspecified; use repr(C)",
                ));
            } else {
                push(syn::Error::new(
                    path.span(),
                    "unsupported representation for BtfRelocatable: use repr(C)",
                ));
            }
            Ok(())
        });
        if let Err(e) = result {
            push(e);
        }
    }
    if !has_c && !rejected {
        errors.push(syn::Error::new(
            ident.span(),
            "BtfRelocatable requires #[repr(C)]: the local offsets must follow the C layout",
        ));
    }
}
