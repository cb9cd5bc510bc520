//! The whole derive, for both forms: shape check, parse, checks, then code generation from the
//! checked model (`structs` for `BtfRelocatable` on a struct or union, `enums` for `BtfEnum`;
//! both pure, no checks).

mod enums;
mod structs;

use proc_macro2::TokenStream;

use crate::ast::{self, Derive, Input};
use crate::ctxt::Errors;
use crate::repr;
use crate::valid::{self, Body, Model};

/// Runs `derive` on `input`. A shape error is returned alone (there is nothing sensible to
/// expand); every later error is emitted next to an expansion (of the checked model, or of a
/// fallback model when the attributes did not parse), so that one bad attribute does not also
/// cost the user every getter.
pub(crate) fn derive(input: &syn::DeriveInput, derive: Derive) -> syn::Result<TokenStream> {
    ast::check_shape(input, derive)?;
    let mut errors = Errors::default();
    let parsed = Input::from_syn(input);
    let model = match &parsed {
        Ok(parsed) => {
            if let Input::Struct(input) = parsed {
                let noun = if input.union { "union" } else { "struct" };
                repr::check(&input.repr, &input.container.ident, noun, &mut errors);
            }
            valid::validate(parsed, &mut errors)
        }
        Err(e) => {
            errors.push(e.clone().into());
            if derive == Derive::Relocatable {
                let noun = match input.data {
                    syn::Data::Union(_) => "union",
                    _ => "struct",
                };
                repr::check(&ast::repr_attrs(input), &input.ident, noun, &mut errors);
            }
            valid::fallback(input)
        }
    };
    Ok(errors.emit_with(expand(&model)))
}

/// The generated items for a model.
pub(crate) fn expand(model: &Model<'_>) -> TokenStream {
    match &model.body {
        Body::Struct(_) | Body::Union(_) => structs::expand(model),
        Body::Enum(variants) => enums::expand(model, variants),
    }
}

/// `descriptor` (a `TypeDescriptor` expression), under the typedef the kernel knows the type by.
fn typedef(p: &TokenStream, typedef: Option<&str>, descriptor: TokenStream) -> TokenStream {
    match typedef {
        Some(name) => quote::quote! {
            #p::TypeDescriptor::Typedef {
                name: #name,
                of: &#descriptor,
            }
        },
        None => descriptor,
    }
}
