//! The command line: `reference-server [--addr A] [--user U] [--password P] [--data FILE.json] [--static DIR]
//! [--allow-origin ORIGIN]`.

use crate::Config;

pub const USAGE: &str = "usage: reference-server [--addr 127.0.0.1:58080] [--user manager] \
[--password manag3rpa55word] [--realm-user USER:PASSWORD]... [--data FILE.json | --users N [--seed S]] [--static DIR] [--allow-origin ORIGIN] \
[--churn SECONDS] [--no-events] [--no-license] [--acl ADDR[,ADDR...]] [--redirect-to-tls] [--return-time-unit ms|s] \
[--faults latency=300ms|80..400ms,error-rate=0.1,drop-rate=0.05,malformed-rate=0.05,seed=N] [--restart-every SECONDS]";

/// Builds a [`Config`] from the arguments after the program name; an error says what was wrong.
pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Config, String> {
    let mut config = Config::default();
    let mut args = args.into_iter();
    while let Some(flag) = args.next() {
        match flag.as_str() {
            "--help" | "-h" => return Err(USAGE.to_owned()),
            "--no-events" => {
                config.events = false;
                continue;
            }
            "--redirect-to-tls" => {
                config.gate.redirect_to_tls = true;
                continue;
            }
            "--no-license" => {
                config.no_license = true;
                continue;
            }
            _ => {}
        }
        let value = args
            .next()
            .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))?;
        match flag.as_str() {
            "--addr" => {
                config.addr = value.parse().map_err(|_| {
                    format!("--addr {value:?} is not an address like 127.0.0.1:58080")
                })?
            }
            "--user" => config.credentials.user = value,
            "--password" => config.credentials.password = value,
            "--realm-user" => {
                let (user, password) = value
                    .split_once(':')
                    .ok_or_else(|| format!("--realm-user {value:?} must be USER:PASSWORD"))?;
                config.realm_users.push(crate::Credentials {
                    user: user.into(),
                    password: password.into(),
                });
            }
            "--data" => config.data = Some(value.into()),
            "--users" => {
                config.users = Some(
                    value
                        .parse()
                        .map_err(|_| format!("--users {value:?} is not a number of users"))?,
                )
            }
            "--seed" => {
                config.seed = value
                    .parse()
                    .map_err(|_| format!("--seed {value:?} is not a number"))?
            }
            "--static" => config.static_dir = Some(value.into()),
            "--allow-origin" => config.allow_origin = Some(value),
            "--churn" => config.churn = Some(seconds(&flag, &value)?),
            "--restart-every" => config.restart_every = Some(seconds(&flag, &value)?),
            "--faults" => config.faults = crate::faults::Faults::parse(&value)?,
            "--acl" => config.gate.acl = Some(crate::gate::Gate::parse_acl(&value)?),
            "--return-time-unit" => {
                config.return_time_unit = crate::model::ReturnTimeUnit::parse(&value)?
            }
            _ => return Err(format!("unknown option {flag}\n{USAGE}")),
        }
    }
    Ok(config)
}

fn seconds(flag: &str, value: &str) -> Result<std::time::Duration, String> {
    value
        .parse::<f64>()
        .ok()
        .filter(|s| *s > 0.0 && s.is_finite())
        .map(std::time::Duration::from_secs_f64)
        .ok_or_else(|| format!("{flag} {value:?} is not a number of seconds"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn defaults_match_the_contract() {
        let c = parse(args(&[])).unwrap();
        assert_eq!(c.addr.to_string(), "127.0.0.1:58080");
        assert_eq!(c.credentials.user, "manager");
        assert_eq!(c.credentials.password, "manag3rpa55word");
        assert!(c.data.is_none() && c.static_dir.is_none() && c.allow_origin.is_none());
        assert!(c.events && c.churn.is_none() && c.restart_every.is_none() && c.faults.is_off());
    }

    #[test]
    fn every_flag_is_read() {
        let c = parse(args(&[
            "--addr",
            "0.0.0.0:1",
            "--user",
            "u",
            "--password",
            "p",
            "--data",
            "d.json",
            "--static",
            "dist",
            "--allow-origin",
            "http://x",
        ]))
        .unwrap();
        assert_eq!(c.addr.to_string(), "0.0.0.0:1");
        assert_eq!(
            (c.credentials.user.as_str(), c.credentials.password.as_str()),
            ("u", "p")
        );
        assert_eq!(c.data.unwrap().to_str(), Some("d.json"));
        assert_eq!(c.static_dir.unwrap().to_str(), Some("dist"));
        assert_eq!(c.allow_origin.as_deref(), Some("http://x"));
    }

    #[test]
    fn mistakes_are_explained() {
        assert!(parse(args(&["--addr", "nowhere"]))
            .unwrap_err()
            .contains("--addr"));
        assert!(parse(args(&["--port", "1"]))
            .unwrap_err()
            .contains("unknown option --port"));
        assert!(parse(args(&["--user"]))
            .unwrap_err()
            .contains("needs a value"));
    }
}
