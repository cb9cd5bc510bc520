//! Checks that look at more than one attribute or field, and the checked model `expand` reads.
//!
//! Every error is collected and reported at once, spanned on the smallest offending tokens.

use std::collections::HashMap;

use syn::ext::IdentExt;
use crate::ast::Input;

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
            if !is_c_identifier(name) {
                errors.push(syn::Error::new(
                    name.span(),
                    format!("`{}` is not a C identifier, so it cannot name a kernel type", **name),
                ));
            }
            (**name).clone()
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
                    rename.span(),
                    "`rename` has no effect on a skipped field; remove one of `rename` and `skip`",
                ));
                None
            }
            (_, true) => None,
            (Some(rename), false) => {
                if !is_c_identifier(rename) {
                    errors.push(syn::Error::new(
                        rename.span(),
                        format!(
                            "`{}` is not a C identifier, so it cannot name a kernel field",
                            **rename
                        ),
                    ));
                }
                Some((**rename).clone())
            }
            (None, false) => Some(ident.unraw().to_string()),
        };
        if let Some(name) = &kernel_name {
            if let Some(first) = seen.get(name) {
                let span = match &field.rename {
                    Some(rename) => rename.span(),
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
        fields.push(ModelField {
            ident,
            ty: &field.ty,
            kernel_name,
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
