//! Debian packages for the matrix, through apt's own client and never through the machine's apt
//! configuration: each Debian release the matrix takes packages from gets a private source list
//! and private package lists (`apt-get -o Dir::Etc::SourceList=… -o Dir::State::Lists=… -o
//! Dir::Cache=…`) in the cache directory. The list points the machine's own mirror (read from
//! `/etc/apt/sources.list{,.d}`) at that release's suites: `bookworm`, `bookworm-updates` and
//! `bookworm-security` become `bullseye`, `bullseye-updates` and `bullseye-security`. Only
//! installing qemu touches the machine ([`install`]).

use std::{
    fs,
    path::{Path, PathBuf},
    process::Command,
    time::{Duration, SystemTime},
};

use crate::{cmd, Result};

/// How long private package lists are trusted before `apt-get update` runs again.
const LISTS_MAX_AGE: Duration = Duration::from_secs(24 * 60 * 60);

/// One `deb` source of the machine: a mirror, its suites and components.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Source {
    uri: String,
    suites: Vec<String>,
    components: Vec<String>,
    signed_by: Option<String>,
}

/// The machine's Debian release (`VERSION_CODENAME` of `/etc/os-release`).
pub(crate) fn host_codename() -> Result<String> {
    let path = "/etc/os-release";
    let text = fs::read_to_string(path).map_err(|error| format!("cannot read {path}: {error}"))?;
    text.lines()
        .find_map(|line| line.strip_prefix("VERSION_CODENAME="))
        .map(|name| name.trim_matches('"').to_owned())
        .filter(|name| !name.is_empty())
        .ok_or_else(|| {
            format!("{path} names no VERSION_CODENAME: the matrix needs a Debian machine").into()
        })
}

/// Every enabled `deb` source of the machine.
pub(crate) fn host_sources() -> Result<Vec<Source>> {
    let mut sources = Vec::new();
    let main = Path::new("/etc/apt/sources.list");
    if main.is_file() {
        sources.extend(one_line_sources(&read(main)?));
    }
    let dir = Path::new("/etc/apt/sources.list.d");
    if dir.is_dir() {
        let mut paths: Vec<PathBuf> = fs::read_dir(dir)
            .map_err(|error| format!("cannot list {}: {error}", dir.display()))?
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .collect();
        paths.sort();
        for path in paths {
            match path.extension().and_then(|e| e.to_str()) {
                Some("list") => sources.extend(one_line_sources(&read(&path)?)),
                Some("sources") => sources.extend(deb822_sources(&read(&path)?)),
                _ => {}
            }
        }
    }
    Ok(sources)
}

fn read(path: &Path) -> Result<String> {
    fs::read_to_string(path)
        .map_err(|error| format!("cannot read {}: {error}", path.display()).into())
}

/// `deb [options] URI SUITE COMPONENT...` lines (`sources.list(5)`, one-line style).
fn one_line_sources(text: &str) -> Vec<Source> {
    let mut sources = Vec::new();
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or_default().trim();
        let Some(rest) = line.strip_prefix("deb ") else {
            continue;
        };
        let mut rest = rest.trim_start();
        let mut signed_by = None;
        if let Some(options) = rest.strip_prefix('[') {
            let Some((options, after)) = options.split_once(']') else {
                continue;
            };
            signed_by = options
                .split_whitespace()
                .find_map(|option| option.strip_prefix("signed-by="))
                .map(str::to_owned);
            rest = after;
        }
        let mut words = rest.split_whitespace();
        let (Some(uri), Some(suite)) = (words.next(), words.next()) else {
            continue;
        };
        sources.push(Source {
            uri: uri.to_owned(),
            suites: vec![suite.to_owned()],
            components: words.map(str::to_owned).collect(),
            signed_by,
        });
    }
    sources
}

/// deb822 stanzas (`sources.list(5)`, `.sources` files): `Types`, `URIs`, `Suites`,
/// `Components`, `Signed-By`, `Enabled`.
fn deb822_sources(text: &str) -> Vec<Source> {
    let mut sources = Vec::new();
    let mut stanza: Vec<(String, String)> = Vec::new();
    let mut flush = |stanza: &mut Vec<(String, String)>| {
        let field = |name: &str| {
            stanza
                .iter()
                .find(|(key, _)| key.eq_ignore_ascii_case(name))
                .map(|(_, value)| value.as_str())
        };
        let words = |name: &str| -> Vec<String> {
            field(name)
                .unwrap_or_default()
                .split_whitespace()
                .map(str::to_owned)
                .collect()
        };
        let is_deb = words("Types").iter().any(|t| t == "deb");
        let enabled = !field("Enabled").is_some_and(|e| e.trim().eq_ignore_ascii_case("no"));
        // A `Signed-By` holding the key itself (several lines) cannot be passed on as a path.
        let signed_by = field("Signed-By")
            .map(str::trim)
            .filter(|value| !value.contains('\n') && value.starts_with('/'))
            .map(str::to_owned);
        if is_deb && enabled {
            for uri in words("URIs") {
                sources.push(Source {
                    uri,
                    suites: words("Suites"),
                    components: words("Components"),
                    signed_by: signed_by.clone(),
                });
            }
        }
        stanza.clear();
    };
    for line in text.lines() {
        if line.trim().is_empty() {
            flush(&mut stanza);
        } else if line.starts_with('#') {
        } else if line.starts_with([' ', '\t']) {
            if let Some((_, value)) = stanza.last_mut() {
                value.push('\n');
                value.push_str(line.trim());
            }
        } else if let Some((key, value)) = line.split_once(':') {
            stanza.push((key.trim().to_owned(), value.trim().to_owned()));
        }
    }
    flush(&mut stanza);
    sources
}

/// The one-line source list of `release` on the machine's mirrors: each suite of the machine's
/// own release (`host`, `host-updates`, `host-security`) renamed. With `main_only`, only the
/// release's main suite.
fn source_list(sources: &[Source], host: &str, release: &str, main_only: bool) -> String {
    let mut lines = Vec::new();
    for source in sources {
        for suite in &source.suites {
            let renamed = if suite == host {
                release.to_owned()
            } else if let Some(rest) = suite.strip_prefix(&format!("{host}-")) {
                format!("{release}-{rest}")
            } else {
                continue;
            };
            if main_only && renamed != release {
                continue;
            }
            let options = source
                .signed_by
                .as_ref()
                .map(|keyring| format!("[signed-by={keyring}] "))
                .unwrap_or_default();
            let line = format!(
                "deb {options}{} {renamed} {}",
                source.uri,
                source.components.join(" ")
            );
            if !lines.contains(&line) {
                lines.push(line);
            }
        }
    }
    lines.join("\n")
}

/// A private apt state for one Debian release.
#[derive(Debug)]
pub(crate) struct Release {
    name: String,
    dir: PathBuf,
}

impl Release {
    /// The state of `name` under `cache`, its package lists updated when missing or a day old.
    pub(crate) fn open(cache: &Path, name: &str) -> Result<Self> {
        let release = Self {
            name: name.to_owned(),
            dir: cache.join("apt").join(name),
        };
        for dir in ["lists/partial", "cache/archives/partial", "sources.list.d"] {
            let dir = release.dir.join(dir);
            fs::create_dir_all(&dir)
                .map_err(|error| format!("cannot create {}: {error}", dir.display()))?;
        }
        if !release.fresh() {
            release.update()?;
        }
        Ok(release)
    }

    fn stamp(&self) -> PathBuf {
        self.dir.join("updated")
    }

    fn fresh(&self) -> bool {
        fs::metadata(self.stamp())
            .and_then(|meta| meta.modified())
            .ok()
            .and_then(|time| SystemTime::now().duration_since(time).ok())
            .is_some_and(|age| age < LISTS_MAX_AGE)
    }

    /// `apt-get update` with every suite of the release; if that fails (a mirror that lacks
    /// `<release>-security`, say), with its main suite alone.
    fn update(&self) -> Result<()> {
        let host = host_codename()?;
        let sources = host_sources()?;
        let mut last_error = None;
        for main_only in [false, true] {
            let list = source_list(&sources, &host, &self.name, main_only);
            if list.is_empty() {
                return Err(format!(
                    "no apt source of the machine's release `{host}` in /etc/apt/sources.list \
                     or /etc/apt/sources.list.d: cannot tell which Debian mirror holds `{}`",
                    self.name
                )
                .into());
            }
            let path = self.dir.join("sources.list");
            fs::write(&path, format!("{list}\n"))
                .map_err(|error| format!("cannot write {}: {error}", path.display()))?;
            match cmd::run(
                self.command("apt-get").args(["update", "-q"]),
                &format!("apt-get update of the private `{}` lists", self.name),
            ) {
                Ok(_) => {
                    fs::write(self.stamp(), b"").map_err(|error| {
                        format!("cannot write {}: {error}", self.stamp().display())
                    })?;
                    return Ok(());
                }
                Err(error) => last_error = Some(error),
            }
        }
        Err(last_error.unwrap_or_else(|| "apt-get update failed".into()))
    }

    /// `apt-get` or `apt-cache` on this release's private state.
    fn command(&self, program: &str) -> Command {
        let option = |name: &str, path: PathBuf| format!("{name}={}", path.display());
        let mut command = Command::new(program);
        command
            .env("DEBIAN_FRONTEND", "noninteractive")
            .arg("-o")
            .arg(option(
                "Dir::Etc::SourceList",
                self.dir.join("sources.list"),
            ))
            .arg("-o")
            .arg(option(
                "Dir::Etc::SourceParts",
                self.dir.join("sources.list.d"),
            ))
            .arg("-o")
            .arg(option("Dir::State::Lists", self.dir.join("lists")))
            .arg("-o")
            .arg(option("Dir::Cache", self.dir.join("cache")))
            // Downloads go to the cache, which apt's unprivileged `_apt` user cannot write.
            .args(["-o", "APT::Sandbox::User=root"]);
        command
    }

    /// Every package name that starts with `prefix`.
    pub(crate) fn names(&self, prefix: &str) -> Result<Vec<String>> {
        let out = cmd::run(
            self.command("apt-cache").args(["pkgnames", prefix]),
            &format!("apt-cache pkgnames {prefix} ({})", self.name),
        )?;
        Ok(out.lines().map(str::to_owned).collect())
    }

    /// Downloads `package` into `dir` and returns the `.deb`'s path.
    pub(crate) fn download(&self, package: &str, dir: &Path) -> Result<PathBuf> {
        fs::create_dir_all(dir)
            .map_err(|error| format!("cannot create {}: {error}", dir.display()))?;
        cmd::run(
            self.command("apt-get")
                .current_dir(dir)
                .args(["download", "-q", package]),
            &format!("apt-get download {package} ({})", self.name),
        )?;
        let prefix = format!("{package}_");
        fs::read_dir(dir)
            .map_err(|error| format!("cannot list {}: {error}", dir.display()))?
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .find(|path| {
                path.file_name()
                    .and_then(|name| name.to_str())
                    .is_some_and(|name| name.starts_with(&prefix) && name.ends_with(".deb"))
            })
            .ok_or_else(|| {
                format!(
                    "apt-get download {package} left no {prefix}*.deb in {}",
                    dir.display()
                )
                .into()
            })
    }
}

/// `apt-get install` of `packages` on the machine (after `apt-get update`: a fresh machine may
/// have no package lists yet).
pub(crate) fn install(packages: &[&str]) -> Result<()> {
    let apt_get = || {
        let mut command = Command::new("apt-get");
        command.env("DEBIAN_FRONTEND", "noninteractive");
        command
    };
    cmd::run(apt_get().args(["update", "-q"]), "apt-get update")?;
    cmd::run(
        apt_get()
            .args(["install", "-y", "-q", "--no-install-recommends"])
            .args(packages),
        &format!("apt-get install {}", packages.join(" ")),
    )
    .map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEB822: &str = "\
Types: deb
# http://snapshot.debian.org/archive/debian/20250520T000000Z
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main

Types: deb
URIs: http://example.org/off
Suites: bookworm
Components: main
Enabled: no
";

    #[test]
    fn renames_the_machines_suites() {
        let sources = deb822_sources(DEB822);
        assert_eq!(sources.len(), 2);
        let key = "[signed-by=/usr/share/keyrings/debian-archive-keyring.gpg]";
        assert_eq!(
            source_list(&sources, "bookworm", "bullseye", false),
            format!(
                "deb {key} http://deb.debian.org/debian bullseye main\n\
                 deb {key} http://deb.debian.org/debian bullseye-updates main\n\
                 deb {key} http://deb.debian.org/debian-security bullseye-security main"
            )
        );
        assert_eq!(
            source_list(&sources, "bookworm", "bullseye", true),
            format!("deb {key} http://deb.debian.org/debian bullseye main")
        );
        assert_eq!(source_list(&sources, "trixie", "bullseye", false), "");
    }

    #[test]
    fn reads_one_line_sources() {
        let text = "# comment\ndeb [arch=amd64 signed-by=/k.gpg] http://m/debian bookworm main contrib\n\
                    deb-src http://m/debian bookworm main\ndeb http://m/security bookworm-security main # x\n\
                    deb [broken http://m/x bookworm main\n";
        let sources = one_line_sources(text);
        assert_eq!(
            sources,
            [
                Source {
                    uri: "http://m/debian".into(),
                    suites: vec!["bookworm".into()],
                    components: vec!["main".into(), "contrib".into()],
                    signed_by: Some("/k.gpg".into()),
                },
                Source {
                    uri: "http://m/security".into(),
                    suites: vec!["bookworm-security".into()],
                    components: vec!["main".into()],
                    signed_by: None,
                },
            ]
        );
    }
}
