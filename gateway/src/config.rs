//! `gateway.toml`: read, checked and turned into a [`Config`]. A bad file is refused at start with the line
//! and the fix (toml's own message names the line and column; the checks below name the key).

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

use crate::secret::Secret;

/// How supervisors sign in.
#[derive(Debug, Clone, PartialEq)]
pub enum Mode {
    /// A supervisor signs in with their own iSymphony client username and password, checked against that
    /// configuration user's SHA-1 hash; only members of `groups` or the listed `usernames` get in. The
    /// gateway talks to iSymphony with its service account.
    Users {
        groups: Vec<String>,
        usernames: Vec<String>,
    },
    /// A supervisor signs in with their own realm (API) user, which is then used upstream.
    Realm,
}

/// The gateway's checked configuration.
#[derive(Debug, Clone)]
pub struct Config {
    pub listen: SocketAddr,
    /// The origin browsers see (`https://pbx.example.com`); its scheme decides the cookie's `Secure`.
    pub public_origin: String,
    /// Origins whose requests may change things and open the socket: the public origin, plus any listed
    /// (e.g. `trunk serve` in front of the gateway in development).
    pub allowed_origins: Vec<String>,
    /// iSymphony's `communication_manager/` base, ending in `/`.
    pub upstream: String,
    /// iSymphony sends return times in seconds (the panel's `"returnTimeUnit": "s"`), not milliseconds.
    pub return_time_in_seconds: bool,
    pub mode: Mode,
    /// The realm user the gateway speaks as in `users` mode; `None` in `realm` mode.
    pub service_account: Option<ServiceAccount>,
    /// The built panel to serve, if any.
    pub dist: Option<PathBuf>,
    /// Where the panel is served, `/` or `/panel/`.
    pub base_path: String,
    pub idle: Duration,
    pub absolute: Duration,
    /// Take the client's address from the last `X-Forwarded-For` entry (only behind a proxy of your own).
    pub behind_proxy: bool,
    /// The team's memory (the Activity trail), if configured.
    pub store: Option<StoreConfig>,
}

/// `[store]`: the SQLite file and how long its records are kept.
#[derive(Debug, Clone, PartialEq)]
pub struct StoreConfig {
    pub path: PathBuf,
    pub keep: Duration,
}

/// The gateway's own realm user. Its password never leaves the gateway.
#[derive(Clone)]
pub struct ServiceAccount {
    pub username: String,
    pub password: Secret,
}

impl std::fmt::Debug for ServiceAccount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ServiceAccount({}, password hidden)", self.username)
    }
}

impl ServiceAccount {
    /// The `Authorization` header value iSymphony expects.
    pub fn authorization(&self) -> Secret {
        crate::secret::basic(&self.username, self.password.expose())
    }
}

impl Config {
    /// Whether cookies carry `Secure` and the `__Host-` prefix (every origin but plain http).
    pub fn secure_cookies(&self) -> bool {
        self.public_origin.starts_with("https://")
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    listen: Option<SocketAddr>,
    public_origin: String,
    #[serde(default)]
    allowed_origins: Vec<String>,
    upstream: UpstreamFile,
    #[serde(default)]
    sign_in: SignInFile,
    service_account: Option<ServiceAccountFile>,
    dist: Option<PathBuf>,
    base_path: Option<String>,
    #[serde(default)]
    session: SessionFile,
    #[serde(default)]
    behind_proxy: bool,
    store: Option<StoreFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StoreFile {
    path: PathBuf,
    #[serde(default = "default_keep_days")]
    keep_days: u64,
}

fn default_keep_days() -> u64 {
    365
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UpstreamFile {
    url: String,
    #[serde(default)]
    return_time_unit: Unit,
}

#[derive(Deserialize, Default, PartialEq)]
enum Unit {
    #[default]
    #[serde(rename = "ms")]
    Milliseconds,
    #[serde(rename = "s")]
    Seconds,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct SignInFile {
    #[serde(default)]
    mode: ModeName,
    #[serde(default)]
    groups: Vec<String>,
    #[serde(default)]
    usernames: Vec<String>,
}

#[derive(Deserialize, Default, PartialEq)]
#[serde(rename_all = "lowercase")]
enum ModeName {
    #[default]
    Users,
    Realm,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ServiceAccountFile {
    username: String,
    password: Option<String>,
    password_env: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SessionFile {
    #[serde(default = "default_idle")]
    idle_minutes: u64,
    #[serde(default = "default_absolute")]
    absolute_hours: u64,
}

impl Default for SessionFile {
    fn default() -> Self {
        SessionFile {
            idle_minutes: default_idle(),
            absolute_hours: default_absolute(),
        }
    }
}

fn default_idle() -> u64 {
    30
}

fn default_absolute() -> u64 {
    12
}

/// Reads and checks a config file; the error names the file, the line or key, and the fix.
pub fn load(path: &Path) -> Result<Config, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    parse(&text, |name| std::env::var(name).ok()).map_err(|e| format!("{}: {e}", path.display()))
}

/// Parses a config's text; `env` reads an environment variable (for `password_env`).
pub fn parse(text: &str, env: impl Fn(&str) -> Option<String>) -> Result<Config, String> {
    let file: File = toml::from_str(text).map_err(|e| e.to_string())?;
    let public_origin = origin(&file.public_origin)?;
    let upstream = upstream(&file.upstream.url)?;
    let mode = match file.sign_in.mode {
        ModeName::Users => {
            if file.sign_in.groups.is_empty() && file.sign_in.usernames.is_empty() {
                return Err(
                    "[sign_in] lets nobody in: list the groups whose members may sign in \
                    (groups = [\"Supervisors\"]) or their usernames (usernames = [\"4224\"])"
                        .into(),
                );
            }
            Mode::Users {
                groups: file.sign_in.groups,
                usernames: file.sign_in.usernames,
            }
        }
        ModeName::Realm => Mode::Realm,
    };
    let service_account = match (&mode, file.service_account) {
        (Mode::Users { .. }, None) => {
            return Err(
                "sign_in mode \"users\" needs a [service_account] with the realm user the \
                gateway speaks to iSymphony as (username, and password or password_env)"
                    .into(),
            )
        }
        (Mode::Users { .. }, Some(account)) => Some(service_account(account, env)?),
        (Mode::Realm, _) => None,
    };
    let mut allowed_origins = vec![public_origin.clone()];
    for o in &file.allowed_origins {
        allowed_origins.push(origin(o)?);
    }
    let base_path = base_path(file.base_path.as_deref().unwrap_or("/"))?;
    if file.session.idle_minutes == 0 || file.session.absolute_hours == 0 {
        return Err("[session] idle_minutes and absolute_hours must be at least 1".into());
    }
    if file.store.as_ref().is_some_and(|s| s.keep_days == 0) {
        return Err("[store] keep_days must be at least 1 (365 keeps a year)".into());
    }
    Ok(Config {
        listen: file
            .listen
            .unwrap_or_else(|| SocketAddr::from(([127, 0, 0, 1], 8090))),
        public_origin,
        allowed_origins,
        upstream,
        return_time_in_seconds: file.upstream.return_time_unit == Unit::Seconds,
        mode,
        service_account,
        dist: file.dist,
        base_path,
        idle: Duration::from_secs(file.session.idle_minutes * 60),
        absolute: Duration::from_secs(file.session.absolute_hours * 3600),
        behind_proxy: file.behind_proxy,
        store: file.store.map(|s| StoreConfig {
            path: s.path,
            keep: Duration::from_secs(s.keep_days * 24 * 3600),
        }),
    })
}

fn service_account(
    file: ServiceAccountFile,
    env: impl Fn(&str) -> Option<String>,
) -> Result<ServiceAccount, String> {
    let password = match (file.password, file.password_env) {
        (Some(p), None) => p,
        (None, Some(name)) => env(&name).ok_or_else(|| {
            format!("[service_account] password_env names {name}, which is not set: export it, or put the password in the file (readable by the gateway's user only)")
        })?,
        (Some(_), Some(_)) => {
            return Err("[service_account] has both password and password_env: keep one".into())
        }
        (None, None) => {
            return Err("[service_account] needs password or password_env".into())
        }
    };
    if file.username.is_empty() || password.is_empty() {
        return Err("[service_account] username and password must not be empty".into());
    }
    Ok(ServiceAccount {
        username: file.username,
        password: Secret::new(password),
    })
}

/// `scheme://host[:port]`, no path. Plain http only to a loopback host: a session cookie must not cross a
/// network in the clear.
fn origin(text: &str) -> Result<String, String> {
    let trimmed = text.trim_end_matches('/');
    let rest = trimmed
        .strip_prefix("https://")
        .or_else(|| trimmed.strip_prefix("http://"))
        .ok_or_else(|| {
            format!("origin {text:?} must start with https:// (or http:// on loopback)")
        })?;
    if rest.is_empty() || rest.contains('/') {
        return Err(format!(
            "origin {text:?} must be scheme://host[:port], without a path (put the path in base_path)"
        ));
    }
    if trimmed.starts_with("http://") && !is_loopback(rest) {
        return Err(format!(
            "origin {text:?} is plain http on a host that is not loopback: put TLS in front (nginx or Caddy) and write https://"
        ));
    }
    Ok(trimmed.to_owned())
}

fn is_loopback(host_port: &str) -> bool {
    let host = match host_port.rsplit_once(':') {
        Some((host, port)) if port.chars().all(|c| c.is_ascii_digit()) => host,
        _ => host_port,
    };
    host == "localhost" || host.starts_with("127.") || host == "[::1]"
}

fn upstream(text: &str) -> Result<String, String> {
    let ok = text.starts_with("http://") && text.ends_with("/communication_manager/");
    if !ok {
        return Err(format!(
            "[upstream] url {text:?} must look like http://127.0.0.1:58080/communication_manager/ (the gateway runs beside iSymphony)"
        ));
    }
    Ok(text.to_owned())
}

fn base_path(text: &str) -> Result<String, String> {
    if !text.starts_with('/') || !text.ends_with('/') || text.contains("//") && text != "/" {
        return Err(format!(
            "base_path {text:?} must start and end with / (\"/\" or \"/panel/\")"
        ));
    }
    Ok(text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
public_origin = "https://pbx.example.com"
[upstream]
url = "http://127.0.0.1:58080/communication_manager/"
[sign_in]
groups = ["Supervisors"]
[service_account]
username = "manager"
password_env = "PW"
"#;

    fn env(name: &str) -> Option<String> {
        (name == "PW").then(|| "s3cret".into())
    }

    #[test]
    fn a_good_file_reads_with_defaults() {
        let c = parse(GOOD, env).unwrap();
        assert_eq!(c.listen.to_string(), "127.0.0.1:8090");
        assert!(c.secure_cookies());
        assert_eq!(c.allowed_origins, ["https://pbx.example.com"]);
        assert_eq!(c.idle, Duration::from_secs(1800));
        assert_eq!(c.absolute, Duration::from_secs(12 * 3600));
        assert_eq!(c.service_account.unwrap().password.expose(), "s3cret");
        assert_eq!(c.base_path, "/");
    }

    #[test]
    fn the_service_account_is_never_in_debug_output() {
        let c = parse(GOOD, env).unwrap();
        assert!(!format!("{c:?}").contains("s3cret"));
    }

    #[test]
    fn bad_files_name_the_line_or_the_key_and_the_fix() {
        let typo = GOOD.replace("groups", "gruops");
        let e = parse(&typo, env).unwrap_err();
        assert!(e.contains("line 6") && e.contains("gruops"), "{e}");
        let e = parse(&GOOD.replace("password_env = \"PW\"", ""), env).unwrap_err();
        assert!(e.contains("needs password or password_env"), "{e}");
        let e = parse(GOOD, |_| None).unwrap_err();
        assert!(e.contains("PW, which is not set"), "{e}");
        let e = parse(&GOOD.replace("[service_account]", "[other]"), env).unwrap_err();
        assert!(e.contains("other") || e.contains("service_account"), "{e}");
        let no_account: String = GOOD.lines().take(6).collect::<Vec<_>>().join("\n");
        let e = parse(&no_account, env).unwrap_err();
        assert!(e.contains("needs a [service_account]"), "{e}");
        let e = parse(&GOOD.replace("https://pbx", "http://pbx"), env).unwrap_err();
        assert!(e.contains("put TLS in front"), "{e}");
        let e = parse(&GOOD.replace("groups = [\"Supervisors\"]", ""), env).unwrap_err();
        assert!(e.contains("lets nobody in"), "{e}");
        let store = format!("{GOOD}[store]\npath = \"a.db\"\nkeep_days = 0\n");
        let e = parse(&store, env).unwrap_err();
        assert!(e.contains("keep_days must be at least 1"), "{e}");
        let unit = GOOD.replace(
            "communication_manager/\"",
            "communication_manager/\"\nreturn_time_unit = \"min\"",
        );
        let e = parse(&unit, env).unwrap_err();
        assert!(
            e.contains("line 5") && e.contains("expected `ms` or `s`"),
            "{e}"
        );
    }

    #[test]
    fn the_commented_example_in_deploy_reads() {
        let example = include_str!("../../deploy/gateway.toml");
        let c = parse(example, |name| {
            (name == "ISYMPHONY_GATEWAY_PASSWORD").then(|| "pw".into())
        })
        .unwrap();
        assert!(c.behind_proxy && c.secure_cookies() && !c.return_time_in_seconds);
        assert_eq!(
            c.store,
            Some(StoreConfig {
                path: "/var/lib/isymphony-gateway/activity.db".into(),
                keep: Duration::from_secs(365 * 24 * 3600),
            })
        );
        assert_eq!(
            c.mode,
            Mode::Users {
                groups: vec!["Supervisors".into()],
                usernames: vec![]
            }
        );
    }

    #[test]
    fn loopback_may_be_plain_http_and_realm_mode_needs_no_account() {
        let text = GOOD
            .replace("https://pbx.example.com", "http://127.0.0.1:8090")
            .replace("[sign_in]", "[sign_in]\nmode = \"realm\"");
        let c = parse(&text, env).unwrap();
        assert!(!c.secure_cookies());
        assert_eq!(c.mode, Mode::Realm);
        assert!(c.service_account.is_none());
    }
}
