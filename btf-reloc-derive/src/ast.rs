//! The typed form of the input of both derives (thiserror's `ast::Input`): a struct for
//! `BtfRelocatable`, an enum for `BtfEnum`, with the container attributes (`name`, `crate`) they
//! share. darling reads the `#[btf(...)]` attributes in one pass; a shape check runs first because
//! darling's "unsupported shape" does not say what to do instead.

use darling::{FromDeriveInput, FromField, FromMeta, FromVariant};
use proc_macro2::Span;
use syn::spanned::Spanned;

use crate::ctxt::Errors;

/// Which derive is running: it decides the shape the input must have, and names itself in the
/// messages.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Derive {
    /// `#[derive(BtfRelocatable)]` on a struct or union.
    Relocatable,
    /// `#[derive(BtfEnum)]` on a fieldless enum.
    Enum,
}

impl Derive {
    fn name(self) -> &'static str {
        match self {
            Self::Relocatable => "BtfRelocatable",
            Self::Enum => "BtfEnum",
        }
    }
}

/// What the input is, as the messages call it.
fn subject(data: &syn::Data) -> &'static str {
    match data {
        syn::Data::Struct(_) => "struct",
        syn::Data::Union(_) => "union",
        syn::Data::Enum(_) => "enum",
    }
}

/// A parsed input that passed [`check_shape`].
pub(crate) enum Input {
    Struct(Struct),
    Enum(Enum),
}

/// What both forms share: the type and the `#[btf(...)]` container attributes.
pub(crate) struct Container {
    pub(crate) ident: syn::Ident,
    pub(crate) vis: syn::Visibility,
    /// `#[btf(name = "...")]`: the kernel type name.
    pub(crate) name: Option<NameValue>,
    /// `#[btf(typedef = "...")]`: the typedef name the kernel knows the type by.
    pub(crate) typedef: Option<NameValue>,
    /// `#[btf(crate = "...")]`: path of `btf_reloc_runtime`.
    pub(crate) krate: Option<syn::Path>,
}

/// The input of `BtfRelocatable`: a struct, or a union (whose fields darling reads as a
/// struct's).
pub(crate) struct Struct {
    pub(crate) container: Container,
    /// A `union` rather than a `struct`.
    pub(crate) union: bool,
    /// Only the `#[repr]` attributes.
    pub(crate) repr: Vec<syn::Attribute>,
    /// In declaration order.
    pub(crate) fields: Vec<Field>,
}

/// The input of `BtfEnum`.
pub(crate) struct Enum {
    pub(crate) container: Container,
    /// In declaration order.
    pub(crate) variants: Vec<Variant>,
}

impl Input {
    /// The type and its container attributes, whichever the form.
    pub(crate) fn container(&self) -> &Container {
        match self {
            Self::Struct(input) => &input.container,
            Self::Enum(input) => &input.container,
        }
    }

    /// Reads the `#[btf]` attributes of an input that passed [`check_shape`]; every attribute
    /// error is in the one `darling::Error`.
    pub(crate) fn from_syn(input: &syn::DeriveInput) -> darling::Result<Self> {
        // darling reads no unions; their fields are a struct's named fields, so it reads them as
        // such.
        let (union, as_struct);
        let input = match &input.data {
            syn::Data::Union(data) => {
                union = true;
                as_struct = syn::DeriveInput {
                    data: syn::Data::Struct(syn::DataStruct {
                        struct_token: syn::Token![struct](data.union_token.span),
                        fields: syn::Fields::Named(data.fields.clone()),
                        semi_token: None,
                    }),
                    ..input.clone()
                };
                &as_struct
            }
            _ => {
                union = false;
                input
            }
        };
        let Parsed {
            ident,
            vis,
            attrs,
            data,
            name,
            typedef,
            krate,
        } = Parsed::from_derive_input(input)?;
        let container = Container {
            ident,
            vis,
            name,
            typedef,
            krate,
        };
        Ok(match data {
            darling::ast::Data::Struct(fields) => Self::Struct(Struct {
                container,
                union,
                repr: attrs,
                fields: fields.fields,
            }),
            darling::ast::Data::Enum(variants) => Self::Enum(Enum {
                container,
                variants,
            }),
        })
    }
}

/// What darling reads; split into [`Input`]'s forms by [`Input::from_syn`].
#[derive(FromDeriveInput)]
#[darling(attributes(btf), forward_attrs(repr))]
struct Parsed {
    ident: syn::Ident,
    vis: syn::Visibility,
    attrs: Vec<syn::Attribute>,
    data: darling::ast::Data<Variant, Field>,
    #[darling(default)]
    name: Option<NameValue>,
    #[darling(default)]
    typedef: Option<NameValue>,
    #[darling(default, rename = "crate")]
    krate: Option<syn::Path>,
}

/// `#[btf(...)]` on one struct field.
#[derive(FromField)]
#[darling(attributes(btf))]
pub(crate) struct Field {
    pub(crate) ident: Option<syn::Ident>,
    pub(crate) vis: syn::Visibility,
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
    /// `#[btf(required)]`: the getter needs the field to exist (else the program does not load).
    #[darling(default)]
    pub(crate) required: Word,
}

/// `#[btf(...)]` on one enum variant.
#[derive(FromVariant)]
#[darling(attributes(btf))]
pub(crate) struct Variant {
    pub(crate) ident: syn::Ident,
    /// `#[btf(rename = "...")]`: the kernel enumerator name.
    #[darling(default)]
    pub(crate) rename: Option<NameValue>,
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
        let example = match key.as_str() {
            "name" => "task_struct",
            "typedef" => "kuid_t",
            _ => "__state",
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

/// A key that takes no value (`skip`, `bitfield`, `required`): present or not, and where.
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

/// Rejects every input `derive` cannot take: the wrong kind of type, fields or variants it
/// cannot relocate, generic parameters, a where clause. All of them are reported, each on its
/// token; nothing is expanded after a shape error (there is no sensible expansion to offer).
pub(crate) fn check_shape(input: &syn::DeriveInput, derive: Derive) -> syn::Result<()> {
    let mut errors = Errors::default();
    match (derive, &input.data) {
        (Derive::Relocatable, syn::Data::Struct(data)) => match &data.fields {
            syn::Fields::Named(_) => {}
            syn::Fields::Unnamed(fields) => errors.push(syn::Error::new(
                fields.span(),
                "BtfRelocatable needs named fields: kernel fields are matched by name",
            )),
            syn::Fields::Unit => errors.push(syn::Error::new(
                input.ident.span(),
                "BtfRelocatable needs named fields: a unit struct has nothing to relocate",
            )),
        },
        (Derive::Relocatable, syn::Data::Enum(data)) => errors.push(syn::Error::new(
            data.enum_token.span,
            "BtfRelocatable can only be derived for structs with named fields and unions, not \
             enums (derive BtfEnum for a fieldless enum mirroring a kernel enum)",
        )),
        // A union's fields are named.
        (Derive::Relocatable, syn::Data::Union(_)) => {}
        (Derive::Enum, syn::Data::Enum(data)) => {
            if data.variants.is_empty() {
                errors.push(syn::Error::new(
                    input.ident.span(),
                    "BtfEnum needs at least one variant: an enum without enumerators has \
                     nothing to relocate",
                ));
            }
            for variant in &data.variants {
                if !matches!(variant.fields, syn::Fields::Unit) {
                    errors.push(syn::Error::new(
                        variant.fields.span(),
                        "BtfEnum variants cannot carry data: a kernel enum is a set of named \
                         integers",
                    ));
                }
            }
        }
        (Derive::Enum, syn::Data::Struct(data)) => errors.push(syn::Error::new(
            data.struct_token.span,
            "BtfEnum is for enums; derive BtfRelocatable for a struct",
        )),
        (Derive::Enum, syn::Data::Union(data)) => errors.push(syn::Error::new(
            data.union_token.span,
            "BtfEnum is for enums, not unions",
        )),
    }
    check_generics(&input.generics, derive, subject(&input.data), &mut errors);
    errors.finish()
}

/// One error per generic parameter and one for a where clause: a kernel type is one concrete
/// type, and the generated impls are not generic.
fn check_generics(generics: &syn::Generics, derive: Derive, subject: &str, errors: &mut Errors) {
    let name = derive.name();
    for param in &generics.params {
        let (span, what) = match param {
            syn::GenericParam::Type(t) => (t.ident.span(), "type"),
            syn::GenericParam::Lifetime(l) => (l.lifetime.span(), "lifetime"),
            syn::GenericParam::Const(c) => (c.ident.span(), "const"),
        };
        errors.push(syn::Error::new(
            span,
            format!(
                "{name} cannot be derived for a generic {subject}: a kernel type has one \
                 layout; remove this {what} parameter"
            ),
        ));
    }
    if let Some(where_clause) = &generics.where_clause {
        errors.push(syn::Error::new(
            where_clause.where_token.span,
            format!("{name} does not support a where clause; remove it"),
        ));
    }
}

/// The `#[repr]` attributes of the raw input (for checking them when [`Input::from_syn`]
/// failed).
pub(crate) fn repr_attrs(input: &syn::DeriveInput) -> Vec<syn::Attribute> {
    input
        .attrs
        .iter()
        .filter(|a| a.path().is_ident("repr"))
        .cloned()
        .collect()
}
