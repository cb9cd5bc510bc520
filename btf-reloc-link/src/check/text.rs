//! The text form of a [`Report`]: what `btf-reloc check` prints. One column per target, so that
//! several kernels read as a matrix: the fields (what each getter returns), then the records
//! (what each instruction gets), then why things are missing, then each loader's verdict.

use std::fmt;

use btf_reloc_format::KindClass;

use super::{kind_name, Applied, Getter, Report, Verdict};

/// What a getter returns, in a table cell.
fn getter(class: Option<KindClass>, g: &Getter) -> String {
    match g {
        Getter::Value { offset, size } => format!("read {size} B at {offset}"),
        Getter::Bitfield {
            offset,
            size,
            bit_offset,
            bits,
            signed,
        } => format!(
            "bits {bit_offset}..{} {} (load {size} B at {offset})",
            bit_offset.saturating_add(*bits),
            if *signed { "signed" } else { "unsigned" }
        ),
        Getter::Present { offset: Some(o) } => format!("exists, at {o}"),
        Getter::Present { offset: None } => "exists".to_owned(),
        Getter::Missing => match class {
            Some(KindClass::Type) => "absent".to_owned(),
            Some(KindClass::EnumValue) => "None".to_owned(),
            _ => "Ok(None)".to_owned(),
        },
        Getter::SizeMismatch { expected, actual } => {
            format!("SizeMismatch {{ expected: {expected}, actual: {actual} }}")
        }
        Getter::Type { size: Some(size) } => format!("exists, {size} B"),
        Getter::Type { size: None } => "exists".to_owned(),
        // `value()` is an `Option<i64>`: the 64 bits the loader wrote, read as signed.
        Getter::EnumValue { value: Some(v) } => format!("Some({})", *v as i64),
        Getter::EnumValue { value: None } => "exists".to_owned(),
        Getter::Refused => "REFUSED".to_owned(),
        Getter::Unknown => "?".to_owned(),
    }
}

/// What an instruction gets, in a table cell.
fn applied(a: &Applied) -> String {
    match a {
        Applied::Value(v) => v.to_string(),
        Applied::Poisoned => "poisoned".to_owned(),
        Applied::Refused(_) => "REFUSED".to_owned(),
        Applied::Unknown(_) => "?".to_owned(),
    }
}

/// Writes `rows` as a left-aligned table under `headers`, two spaces between columns.
fn table(f: &mut fmt::Formatter<'_>, headers: &[String], rows: &[Vec<String>]) -> fmt::Result {
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    for row in std::iter::once(headers).chain(rows.iter().map(Vec::as_slice)) {
        let mut line = String::new();
        for (i, (cell, w)) in row.iter().zip(&widths).enumerate() {
            if i > 0 {
                line.push_str("  ");
            }
            line.push_str(&format!("{cell:<w$}"));
        }
        writeln!(f, "{}", line.trim_end())?;
    }
    Ok(())
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<String> = self.targets.iter().map(|t| t.name.clone()).collect();
        if self.records.is_empty() {
            writeln!(f, "no CO-RE relocation records: nothing to relocate")?;
            return Ok(());
        }
        writeln!(
            f,
            "{} CO-RE relocation record(s) of {} field(s), type(s) and enumerator(s), against {}",
            self.records.len(),
            self.fields.len(),
            names.join(", ")
        )?;

        writeln!(f, "\nWHAT THE GETTERS RETURN")?;
        let mut headers = vec!["FIELD".to_owned()];
        headers.extend(names.iter().cloned());
        let rows: Vec<Vec<String>> = self
            .fields
            .iter()
            .enumerate()
            .map(|(i, field)| {
                let mut row = vec![field.path.clone()];
                for target in &self.targets {
                    let Some(r) = target.fields.get(i) else {
                        row.push(String::new());
                        continue;
                    };
                    let mut cell = getter(field.class, &r.getter);
                    if let Some(len) = r.elements {
                        cell.push_str(&format!("; [i] for i < {len}"));
                    }
                    if let Some(id) = r.local_type_id {
                        cell.push_str(&format!("; local id {id}"));
                    }
                    if let Some(id) = r.target_type_id {
                        cell.push_str(&format!("; id {id}"));
                    }
                    match r.matches {
                        Some(true) => cell.push_str("; matches"),
                        Some(false) => cell.push_str("; does not match"),
                        None => {}
                    }
                    if let Some(aya) = &r.aya {
                        cell.push_str(&format!(" (aya 0.14: {})", getter(field.class, aya)));
                    }
                    row.push(cell);
                }
                row
            })
            .collect();
        table(f, &headers, &rows)?;

        writeln!(f, "\nWHAT EACH INSTRUCTION GETS")?;
        let mut headers: Vec<String> = ["SECTION", "RELO", "INSN", "KIND", "PATH", "LOCAL"]
            .map(str::to_owned)
            .to_vec();
        headers.extend(names.iter().cloned());
        let rows: Vec<Vec<String>> = self
            .records
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let mut row = vec![
                    r.section.clone(),
                    format!("#{}", r.index),
                    r.insn.to_string(),
                    kind_name(r.kind),
                    // The field's path tells two local types of one name apart.
                    self.fields
                        .get(r.field)
                        .map_or_else(|| r.path.clone(), |field| field.path.clone()),
                    r.local_value
                        .map_or_else(|| "-".to_owned(), |v| v.to_string()),
                ];
                for target in &self.targets {
                    let Some(result) = target.records.get(i) else {
                        row.push(String::new());
                        continue;
                    };
                    let mut cell = applied(&result.libbpf);
                    if let Some(size) = result.resized_to {
                        cell.push_str(&format!(" ({size} B load)"));
                    }
                    if let Some(aya) = &result.aya {
                        cell.push_str(&format!(" (aya 0.14: {})", applied(aya)));
                    }
                    row.push(cell);
                }
                row
            })
            .collect();
        table(f, &headers, &rows)?;

        let mut notes = Vec::new();
        for target in &self.targets {
            for (field, result) in self.fields.iter().zip(&target.fields) {
                for why in &result.why {
                    notes.push(format!("{}: {}: {why}", target.name, field.path));
                }
            }
            for (record, result) in self.records.iter().zip(&target.records) {
                if let Applied::Unknown(why) = &result.libbpf {
                    notes.push(format!("{}: {}: {why}", target.name, record.path));
                }
                // A load poisoned although its field matched: why.
                if result.matched.is_some() && result.libbpf == Applied::Poisoned {
                    for why in &result.why {
                        notes.push(format!("{}: {}: {why}", target.name, record.path));
                    }
                }
            }
        }
        if !notes.is_empty() {
            writeln!(f, "\nWHY MISSING")?;
            for note in notes {
                writeln!(f, "{note}")?;
            }
        }

        writeln!(f, "\nLOADERS")?;
        for target in &self.targets {
            for (loader, verdict) in [("libbpf 1.x", &target.libbpf), ("aya 0.14", &target.aya)] {
                match verdict {
                    Verdict::Loads => writeln!(f, "{}: {loader} loads the object", target.name)?,
                    Verdict::Refuses(_) if loader != "libbpf 1.x" && *verdict == target.libbpf => {
                        writeln!(
                            f,
                            "{}: {loader} REFUSES the object, for the same reasons",
                            target.name
                        )?
                    }
                    Verdict::Refuses(why) => {
                        writeln!(f, "{}: {loader} REFUSES the object:", target.name)?;
                        for line in why {
                            writeln!(f, "  {line}")?;
                        }
                    }
                }
            }
        }
        Ok(())
    }
}
