//! The benchmark's one table: per access kind, each [`Metric`] of the Rust program next to each
//! C anchor, as `Rust / C = ratio`, in Markdown (what README.md shows).

use std::fmt::Write as _;

use super::measure::Figures;

/// One access kind and the names of its programs.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Access {
    /// What the row says.
    pub(crate) what: &'static str,
    /// The Rust program.
    pub(crate) rust: &'static str,
    /// The C program with btf-reloc's checks ([`Anchor::Checked`]).
    pub(crate) checked: &'static str,
    /// The C program as C programs usually read ([`Anchor::Plain`]).
    pub(crate) plain: &'static str,
}

impl Access {
    pub(crate) const fn new(
        what: &'static str,
        rust: &'static str,
        checked: &'static str,
        plain: &'static str,
    ) -> Self {
        Self {
            what,
            rust,
            checked,
            plain,
        }
    }
}

/// Which C program a Rust program is compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Anchor {
    /// C making the checks a btf-reloc getter makes.
    Checked,
    /// Unchecked C (`BPF_CORE_READ`).
    Plain,
}

impl Anchor {
    pub(crate) const fn name(self) -> &'static str {
        match self {
            Self::Checked => "checked",
            Self::Plain => "plain",
        }
    }
}

/// The figures of one access kind.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Row {
    pub(crate) access: Access,
    pub(crate) rust: Figures,
    pub(crate) checked: Figures,
    pub(crate) plain: Figures,
}

/// A column of the table: one figure of a program.
#[derive(Debug, Clone, Copy)]
struct Metric {
    header: &'static str,
    of: fn(&Figures) -> u32,
}

const METRICS: [Metric; 5] = [
    Metric {
        header: "xlated insns",
        of: |figures| figures.xlated_insns,
    },
    Metric {
        header: "bytes_xlated",
        of: |figures| figures.xlated_bytes,
    },
    Metric {
        header: "JIT bytes",
        of: |figures| figures.jited_bytes,
    },
    Metric {
        header: "verified insns",
        of: |figures| figures.verified_insns,
    },
    Metric {
        header: "static insns",
        of: |figures| figures.static_insns,
    },
];

/// The table: a line per access kind and anchor; one line for both anchors when they are the
/// same C program.
pub(crate) fn markdown(rows: &[Row]) -> String {
    let mut out = String::from("| access | C anchor |");
    for metric in METRICS {
        let _ = write!(out, " {} |", metric.header);
    }
    out.push_str("\n|---|---|");
    out.push_str(&"---|".repeat(METRICS.len()));
    out.push('\n');
    for row in rows {
        let anchors: &[(Anchor, &Figures)] = if row.access.checked == row.access.plain {
            &[(Anchor::Checked, &row.checked)]
        } else {
            &[(Anchor::Checked, &row.checked), (Anchor::Plain, &row.plain)]
        };
        for (index, (anchor, c)) in anchors.iter().enumerate() {
            let what = if index == 0 { row.access.what } else { "" };
            let anchor = if anchors.len() == 1 {
                "checked = plain"
            } else {
                anchor.name()
            };
            let _ = write!(out, "| {what} | {anchor} |");
            for metric in METRICS {
                let _ = write!(out, " {} |", cell((metric.of)(&row.rust), (metric.of)(c)));
            }
            out.push('\n');
        }
    }
    out
}

/// `rust / c = ratio`, two decimals; no ratio against 0.
fn cell(rust: u32, c: u32) -> String {
    if c == 0 {
        return format!("{rust} / {c}");
    }
    format!("{rust} / {c} = {:.2}", f64::from(rust) / f64::from(c))
}

#[cfg(test)]
mod tests {
    use super::{cell, markdown, Access, Row};
    use crate::bench::measure::Figures;

    fn figures(base: u32) -> Figures {
        Figures {
            xlated_insns: base,
            xlated_bytes: base * 8,
            jited_bytes: base * 5,
            verified_insns: base + 1,
            static_insns: base - 1,
        }
    }

    #[test]
    fn cells_are_rust_over_c() {
        assert_eq!(cell(22, 15), "22 / 15 = 1.47");
        assert_eq!(cell(15, 15), "15 / 15 = 1.00");
        assert_eq!(cell(3, 0), "3 / 0");
    }

    #[test]
    fn one_line_per_anchor_and_one_when_both_are_the_same_program() {
        let rows = [
            Row {
                access: Access::new("plain field", "pid", "checked_pid", "pid"),
                rust: figures(22),
                checked: figures(22),
                plain: figures(11),
            },
            Row {
                access: Access::new("type exists", "t", "t", "t"),
                rust: figures(4),
                checked: figures(2),
                plain: figures(2),
            },
        ];
        let expected = "\
| access | C anchor | xlated insns | bytes_xlated | JIT bytes | verified insns | static insns |
|---|---|---|---|---|---|---|
| plain field | checked | 22 / 22 = 1.00 | 176 / 176 = 1.00 | 110 / 110 = 1.00 | 23 / 23 = 1.00 | 21 / 21 = 1.00 |
|  | plain | 22 / 11 = 2.00 | 176 / 88 = 2.00 | 110 / 55 = 2.00 | 23 / 12 = 1.92 | 21 / 10 = 2.10 |
| type exists | checked = plain | 4 / 2 = 2.00 | 32 / 16 = 2.00 | 20 / 10 = 2.00 | 5 / 3 = 1.67 | 3 / 1 = 3.00 |
";
        assert_eq!(markdown(&rows), expected);
    }
}
