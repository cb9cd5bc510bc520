//! Checks that look at more than one attribute or field, and the checked model `expand` reads.
//!
//! Every error is collected and reported at once, spanned on the smallest offending tokens.

use std::collections::HashMap;

use syn::spanned::Spanned;

use crate::ast::{Input, NameValue};
use crate::shape;
use syn::ext::IdentExt;

/// A derive input that passed every check.
pub(crate) struct Model<'a> {
    pub(crate) ident: &'a syn::Ident,
    pub(crate) vis: &'a syn::Visibility,
    /// The kernel type name (with its `___flavor`, if any).
    pub(crate) kernel_name: String,
    /// Path of the runtime crate.
    pub(crate) krate: syn::Path,
    /// All fields, skipped ones included (they still shape the layout).
    pub(crate) fields: Vec<ModelField<'a>>,
}

/// One field of a [`Model`].
pub(crate) struct ModelField<'a> {
    pub(crate) ident: &'a syn::Ident,
    pub(crate) ty: &'a syn::Type,
    /// The kernel field name; `None` for `#[btf(skip)]`.
    pub(crate) kernel_name: Option<String>,
    /// `#[btf(bitfield)]`.
    pub(crate) bitfield: bool,
}

impl Model<'_> {
    /// The relocatable (non-skipped) fields with their kernel names.
    pub(crate) fn relocatable(&self) -> impl Iterator<Item = (&ModelField<'_>, &str)> {
        self.fields
            .iter()
            .filter_map(|f| f.kernel_name.as_deref().map(|name| (f, name)))
    }
}

/// Whether `s` is a C identifier, the only names BTF can hold.
pub(crate) fn is_c_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c == '_' || c.is_ascii_alphabetic())
        && chars.all(|c| c == '_' || c.is_ascii_alphanumeric())
}

/// Checks `input` and builds the model. The model is built even when there are errors (skipping
/// nothing), so that the caller can expand it next to the errors and spare users follow-on
/// "no method named ..." errors.
pub(crate) fn validate<'a>(input: &'a Input, errors: &mut Errors) -> Model<'a> {
    let kernel_name = match &input.name {
        Some(name) => {
            check_c_identifier(name, "type", errors);
            name.value.clone()
        }
        None => input.ident.unraw().to_string(),
    };

    let mut fields = Vec::new();
    let mut seen: HashMap<String, &syn::Ident> = HashMap::new();
    for field in input.fields() {
        let Some(ident) = &field.ident else { continue };
        let kernel_name = match (&field.rename, field.skip.is_present()) {
            (Some(rename), true) => {
                errors.push(syn::Error::new(
                    rename.span,
                    "`rename` has no effect on a skipped field; remove one of `rename` and `skip`",
                ));
                None
            }
            (_, true) => None,
            (Some(rename), false) => {
                check_c_identifier(rename, "field", errors);
                Some(rename.value.clone())
            }
            (None, false) => Some(ident.unraw().to_string()),
        };
        if let Some(name) = &kernel_name {
            if let Some(first) = seen.get(name) {
                let span = match &field.rename {
                    Some(rename) => rename.span,
                    None => ident.span(),
                };
                errors.push(syn::Error::new(
                    span,
                    format!(
                        "fields `{first}` and `{ident}` both map to kernel field `{name}`; \
                         rename or skip one of them"
                    ),
                ));
            } else {
                seen.insert(name.clone(), ident);
            }
        }
        if let Some(span) = field.bitfield.span() {
            if field.skip.is_present() {
                errors.push(syn::Error::new(
                    span,
                    "`bitfield` has no effect on a skipped field; remove one of `bitfield` and `skip`",
                ));
            } else if !shape::is_int(&field.ty) {
                errors.push(syn::Error::new(
                    field.ty.span(),
                    "a `#[btf(bitfield)]` field must have an integer type (u8..u64, i8..i64, \
                     usize, isize): the bitfield's value is extracted into it",
                ));
            }
        }
        fields.push(ModelField {
            ident,
            ty: &field.ty,
            kernel_name,
            // An invalid `bitfield` (reported above) falls back to a plain getter, so that the
            // user sees our error rather than a trait error it causes.
            bitfield: field.bitfield.is_present()
                && !field.skip.is_present()
                && shape::is_int(&field.ty),
        });
    }

    Model {
        ident: &input.ident,
        vis: &input.vis,
        kernel_name,
        krate: input
            .krate
            .clone()
            .unwrap_or_else(|| syn::parse_quote!(::btf_reloc_runtime)),
        fields,
    }
}

/// Reports `name` unless it is a C identifier; `what` is "type" or "field".
fn check_c_identifier(name: &NameValue, what: &str, errors: &mut Errors) {
    if name.value.is_empty() {
        errors.push(syn::Error::new(
            name.span,
            format!("an empty string cannot name a kernel {what}"),
        ));
    } else if !is_c_identifier(&name.value) {
        errors.push(syn::Error::new(
            name.span,
            format!(
                "`{}` is not a C identifier (ASCII letters, digits and `_`, not starting with a \
                 digit), so it cannot name a kernel {what}",
                name.value
            ),
        ));
    }
}

/// The model of an input whose `#[btf]` attributes could not be parsed: every field under its
/// Rust name (skipped where a `skip` appears in its attributes), so that the expansion next to
/// the attribute error spares users a cascade of "no method named ..." errors.
pub(crate) fn fallback(input: &syn::DeriveInput) -> Model<'_> {
    let fields = match &input.data {
        syn::Data::Struct(data) => data
            .fields
            .iter()
            .filter_map(|field| {
                let ident = field.ident.as_ref()?;
                let skipped = field.attrs.iter().any(mentions_skip);
                Some(ModelField {
                    ident,
                    ty: &field.ty,
                    kernel_name: (!skipped).then(|| ident.unraw().to_string()),
                    bitfield: false,
                })
            })
            .collect(),
        syn::Data::Enum(_) | syn::Data::Union(_) => Vec::new(),
    };
    Model {
        ident: &input.ident,
        vis: &input.vis,
        kernel_name: input.ident.unraw().to_string(),
        krate: syn::parse_quote!(::btf_reloc_runtime),
        fields,
    }
}

/// Whether `attr` is a `#[btf(...)]` whose list has a `skip` item (even if it does not parse).
fn mentions_skip(attr: &syn::Attribute) -> bool {
    type Items = syn::punctuated::Punctuated<syn::Meta, syn::Token![,]>;
    attr.path().is_ident("btf")
        && attr
            .parse_args_with(Items::parse_terminated)
            .is_ok_and(|items| items.iter().any(|item| item.path().is_ident("skip")))
}

/// Collects errors so that all of them are reported in one go.
#[derive(Default)]
pub(crate) struct Errors(Option<syn::Error>);

impl Errors {
    pub(crate) fn push(&mut self, error: syn::Error) {
        match &mut self.0 {
            Some(all) => all.combine(error),
            None => self.0 = Some(error),
        }
    }

    pub(crate) fn finish(self) -> syn::Result<()> {
        self.0.map_or(Ok(()), Err)
    }
}
