//! The typed form of the derive input: darling reads the `#[btf(...)]` attributes into these
//! structs, after a shape check that gives clearer messages than a generic "unsupported shape".

use darling::{FromDeriveInput, FromField, FromMeta};
use proc_macro2::Span;
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
    pub(crate) name: Option<NameValue>,
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
    pub(crate) rename: Option<NameValue>,
    /// `#[btf(skip)]`: no accessor.
    #[darling(default)]
    pub(crate) skip: Word,
    /// `#[btf(bitfield)]`: read with the bitfield relocations.
    #[darling(default)]
    pub(crate) bitfield: Word,
}

/// The string of `key = "value"`, with the span of the whole `key = "value"`.
pub(crate) struct NameValue {
    pub(crate) value: String,
    pub(crate) span: Span,
}

impl FromMeta for NameValue {
    fn from_meta(item: &syn::Meta) -> darling::Result<Self> {
        let key = item
            .path()
            .get_ident()
            .map_or_else(|| "key".to_owned(), ToString::to_string);
        let example = if key == "name" {
            "task_struct"
        } else {
            "__state"
        };
        match item {
            syn::Meta::NameValue(syn::MetaNameValue {
                value:
                    syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(lit),
                        ..
                    }),
                ..
            }) => Ok(Self {
                value: lit.value(),
                span: item.span(),
            }),
            syn::Meta::NameValue(nv) => Err(darling::Error::custom(format!(
                "expected a string literal: `{key} = \"{example}\"`"
            ))
            .with_span(&nv.value)),
            _ => Err(darling::Error::custom(format!(
                "`{key}` needs a value: `{key} = \"{example}\"`"
            ))
            .with_span(item)),
        }
    }
}

/// A key that takes no value (`skip`, `bitfield`): present or not, and where.
#[derive(Default)]
pub(crate) struct Word(Option<Span>);

impl Word {
    pub(crate) fn is_present(&self) -> bool {
        self.0.is_some()
    }

    pub(crate) fn span(&self) -> Option<Span> {
        self.0
    }
}

impl FromMeta for Word {
    fn from_meta(item: &syn::Meta) -> darling::Result<Self> {
        match item {
            syn::Meta::Path(path) => Ok(Self(Some(path.span()))),
            _ => {
                let key = item
                    .path()
                    .get_ident()
                    .map_or_else(|| "key".to_owned(), ToString::to_string);
                Err(darling::Error::custom(format!(
                    "`{key}` takes no value: write `#[btf({key})]`"
                ))
                .with_span(item))
            }
        }
    }
}

/// Rejects everything but a non-generic struct with named fields, one error per offending token.
pub(crate) fn check_shape(input: &syn::DeriveInput) -> syn::Result<()> {
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
    let mut errors = crate::valid::Errors::default();
    for param in &input.generics.params {
        let (span, what) = match param {
            syn::GenericParam::Type(t) => (t.ident.span(), "type"),
            syn::GenericParam::Lifetime(l) => (l.lifetime.span(), "lifetime"),
            syn::GenericParam::Const(c) => (c.ident.span(), "const"),
        };
        errors.push(syn::Error::new(
            span,
            format!(
                "BtfRelocatable cannot be derived for a generic struct: a kernel type has one \
                 layout; remove this {what} parameter"
            ),
        ));
    }
    if let Some(where_clause) = &input.generics.where_clause {
        errors.push(syn::Error::new(
            where_clause.where_token.span,
            "BtfRelocatable does not support a where clause; remove it",
        ));
    }
    errors.finish()
}

/// Parses the `#[btf]` attributes of a struct that passed [`check_shape`].
pub(crate) fn parse(input: &syn::DeriveInput) -> darling::Result<Input> {
    Input::from_derive_input(input)
}

/// The `#[repr]` attributes of the raw input (for checking them when [`parse`] failed).
pub(crate) fn repr_attrs(input: &syn::DeriveInput) -> Vec<syn::Attribute> {
    input
        .attrs
        .iter()
        .filter(|a| a.path().is_ident("repr"))
        .cloned()
        .collect()
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
