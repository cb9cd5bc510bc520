//! JSON output of the inspection commands (`check --json`, `dump --json`): a value built, then
//! written once, by hand (a dozen lines of escaping do not justify serde and its derive in the
//! build of a command-line tool).

/// A JSON value, built then written once.
pub(crate) enum Json {
    Null,
    Bool(bool),
    Int(u64),
    Str(String),
    Arr(Vec<Json>),
    Obj(Vec<(&'static str, Json)>),
}

impl Json {
    pub(crate) fn str(s: &str) -> Self {
        Self::Str(s.to_owned())
    }

    pub(crate) fn opt(v: Option<u64>) -> Self {
        v.map_or(Self::Null, Self::Int)
    }

    pub(crate) fn strs(items: &[String]) -> Self {
        Self::Arr(items.iter().map(|s| Self::str(s)).collect())
    }

    fn write(&self, out: &mut String) {
        match self {
            Self::Null => out.push_str("null"),
            Self::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Self::Int(n) => out.push_str(&n.to_string()),
            Self::Str(s) => escape(s, out),
            Self::Arr(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            Self::Obj(members) => {
                out.push('{');
                for (i, (key, value)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    escape(key, out);
                    out.push(':');
                    value.write(out);
                }
                out.push('}');
            }
        }
    }
}

/// `s` as a JSON string: quotes, backslashes and control characters escaped (RFC 8259).
fn escape(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// `value` as one line of JSON and a newline.
pub(crate) fn line(value: &Json) -> String {
    let mut out = String::new();
    value.write(&mut out);
    out.push('\n');
    out
}

#[cfg(test)]
mod unit {
    use super::escape;

    #[test]
    fn strings_are_escaped() {
        let mut out = String::new();
        escape("a\"b\\c\nd\u{1}é", &mut out);
        assert_eq!(out, r#""a\"b\\c\nd\u0001é""#);
    }
}
