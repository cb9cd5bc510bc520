//! The typed form of the derive input: darling reads the `#[btf(...)]` attributes into these
//! structs, after a shape check that gives clearer messages than a generic "unsupported shape".

use darling::util::{Flag, SpannedValue};
use darling::{FromDeriveInput, FromField};
use syn::spanned::Spanned;

/// `#[btf(...)]` on the struct, plus what darling forwards.
#[derive(FromDeriveInput)]
#[darling(attributes(btf), forward_attrs(repr))]
pub(crate) struct Input {
    pub(crate) ident: syn::Ident,
    pub(crate) vis: syn::Visibility,
    pub(crate) data: darling::ast::Data<darling::util::Ignored, Field>,
    /// Only the `#[repr]` attributes.
    pub(crate) attrs: Vec<syn::Attribute>,
    /// `#[btf(name = "...")]`: the kernel type name.
    #[darling(default)]
    pub(crate) name: Option<SpannedValue<String>>,
    /// `#[btf(crate = "...")]`: path of `btf_reloc_runtime`.
    #[darling(default, rename = "crate")]
    pub(crate) krate: Option<syn::Path>,
}

/// `#[btf(...)]` on one field.
#[derive(FromField)]
#[darling(attributes(btf))]
pub(crate) struct Field {
    pub(crate) ident: Option<syn::Ident>,
    pub(crate) ty: syn::Type,
    /// `#[btf(rename = "...")]`: the kernel field name.
    #[darling(default)]
    pub(crate) rename: Option<SpannedValue<String>>,
    /// `#[btf(skip)]`: no accessor.
    pub(crate) skip: Flag,
}

/// Parses `input`, rejecting everything but a non-generic struct with named fields.
pub(crate) fn parse(input: &syn::DeriveInput) -> syn::Result<Input> {
    match &input.data {
        syn::Data::Enum(data) => {
            return Err(syn::Error::new(
                data.enum_token.span,
                "BtfRelocatable can only be derived for structs with named fields, not enums",
            ))
        }
        syn::Data::Union(data) => {
            return Err(syn::Error::new(
                data.union_token.span,
                "BtfRelocatable can only be derived for structs with named fields, not unions \
                 (declare the union's members you read as fields of the enclosing struct)",
            ))
        }
        syn::Data::Struct(data) => match &data.fields {
            syn::Fields::Named(_) => {}
            syn::Fields::Unnamed(fields) => {
                return Err(syn::Error::new(
                    fields.span(),
                    "BtfRelocatable needs named fields: kernel fields are matched by name",
                ))
            }
            syn::Fields::Unit => {
                return Err(syn::Error::new(
                    input.ident.span(),
                    "BtfRelocatable needs named fields: a unit struct has nothing to relocate",
                ))
            }
        },
    }
    if !input.generics.params.is_empty() || input.generics.where_clause.is_some() {
        return Err(syn::Error::new(
            input.generics.span(),
            "BtfRelocatable cannot be derived for a generic struct: a kernel type has one \
             layout, declare it without type, lifetime or const parameters",
        ));
    }
    Ok(Input::from_derive_input(input)?)
}

impl Input {
    /// The fields, in declaration order.
    pub(crate) fn fields(&self) -> &[Field] {
        match &self.data {
            darling::ast::Data::Struct(fields) => &fields.fields,
            darling::ast::Data::Enum(_) => &[],
        }
    }
}
