//! `btf-reloc`: command-line front end of `btf-reloc-link`.

use std::{
    io::{self, Write},
    path::PathBuf,
    process::ExitCode,
};

const USAGE: &str = "\
usage: btf-reloc link <object> [-o <output>]   post-link in place, or into <output>
       btf-reloc dump <object>                 list CO-RE relocation records / pending markers";

enum Command {
    Link {
        input: PathBuf,
        output: Option<PathBuf>,
    },
    Dump {
        input: PathBuf,
    },
    Help,
}

fn parse_args(args: impl IntoIterator<Item = std::ffi::OsString>) -> Result<Command, String> {
    let mut args = args.into_iter();
    let command = args.next().ok_or("missing command")?;
    let rest: Vec<_> = args.collect();
    match command.to_str() {
        Some("-h" | "--help" | "help") => Ok(Command::Help),
        Some("link") => {
            let mut input = None;
            let mut output = None;
            let mut rest = rest.into_iter();
            while let Some(arg) = rest.next() {
                match arg.to_str() {
                    Some("-o" | "--output") => {
                        let path = rest.next().ok_or("-o needs a path")?;
                        if output.replace(PathBuf::from(path)).is_some() {
                            return Err("-o given twice".into());
                        }
                    }
                    Some(flag) if flag.starts_with('-') && flag.len() > 1 => {
                        return Err(format!("unknown option `{flag}`"));
                    }
                    _ => {
                        if input.replace(PathBuf::from(arg)).is_some() {
                            return Err("link takes one object".into());
                        }
                    }
                }
            }
            Ok(Command::Link {
                input: input.ok_or("link needs an object")?,
                output,
            })
        }
        Some("dump") => match <[_; 1]>::try_from(rest) {
            Ok([input]) => Ok(Command::Dump {
                input: PathBuf::from(input),
            }),
            Err(_) => Err("dump takes one object".into()),
        },
        _ => Err(format!("unknown command `{}`", command.to_string_lossy())),
    }
}

/// Why `run` stopped early.
enum Failure {
    Link(btf_reloc_link::Error),
    /// Writing to stdout failed; a closed pipe (`btf-reloc dump x.o | head`) is not an error.
    Stdout(io::Error),
}

impl From<btf_reloc_link::Error> for Failure {
    fn from(error: btf_reloc_link::Error) -> Self {
        Self::Link(error)
    }
}

/// Writes `text` to stdout. `print!` would panic when the reader has gone away; Rust ignores
/// SIGPIPE, so that shows up here as `BrokenPipe`, which `main` turns into a quiet exit.
fn emit(text: &str) -> Result<(), Failure> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(Failure::Stdout)
}

fn run(command: Command) -> Result<(), Failure> {
    match command {
        Command::Help => emit(&format!("{USAGE}\n"))?,
        Command::Link { input, output } => {
            let target = output.as_deref().unwrap_or(&input).display().to_string();
            match btf_reloc_link::link_file(&input, output.as_deref())? {
                Some(summary) => emit(&format!("{target}: {summary}\n"))?,
                None => emit(&format!(
                    "{}: nothing to do (no descriptors and no markers: already post-linked, or \
                     not built with btf-reloc-runtime){}\n",
                    input.display(),
                    if output.is_some() {
                        format!("; copied unchanged to {target}")
                    } else {
                        String::new()
                    }
                ))?,
            }
        }
        Command::Dump { input } => {
            let bytes = std::fs::read(&input).map_err(|source| btf_reloc_link::Error::Io {
                path: input.clone(),
                source,
            })?;
            emit(&btf_reloc_link::dump(&bytes)?.to_string())?;
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    let command = match parse_args(std::env::args_os().skip(1)) {
        Ok(command) => command,
        Err(message) => {
            eprintln!("btf-reloc: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Stdout(error)) if error.kind() == io::ErrorKind::BrokenPipe => {
            ExitCode::SUCCESS
        }
        Err(Failure::Stdout(error)) => {
            eprintln!("btf-reloc: error: writing to stdout: {error}");
            ExitCode::FAILURE
        }
        Err(Failure::Link(error)) => {
            eprintln!("btf-reloc: error: {error}");
            ExitCode::FAILURE
        }
    }
}
