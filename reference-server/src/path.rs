//! Every REST path of the contract, parsed from the raw (still percent-encoded) URI path in one place.
//!
//! The raw path is split before decoding so that a username holding `/` (sent as `%2F`) stays one segment;
//! axum's own path extractors decode first, which is why the routes are not declared as axum patterns.

use percent_encoding::percent_decode_str;

use crate::model::Ref;

/// Where the REST API lives on the server.
pub const REST_PREFIX: &str = "/communication_manager/rest/";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    CoreServers,
    CoreServer(Ref),
    LiveCoreServers,
    LiveCoreServer(Ref),
    ConfigUsers {
        core: String,
    },
    ConfigUser {
        core: String,
        user: String,
    },
    Groups {
        core: String,
    },
    Group {
        core: String,
        group: String,
    },
    Members {
        core: String,
        group: String,
    },
    Member {
        core: String,
        group: String,
        user: String,
    },
    LiveUsers {
        server: Ref,
    },
    LiveUser {
        server: Ref,
        user: Ref,
    },
    Logins {
        server: Ref,
        user: Ref,
    },
    Status {
        server: Ref,
        user: Ref,
    },
    SetStatus {
        server: Ref,
        user: Ref,
    },
}

/// Parses a raw URI path such as `/communication_manager/rest/live/coreServers/getByName/default/users`.
/// `None` means no such resource (a 404 once credentials have been checked).
pub fn parse(raw_path: &str) -> Option<Route> {
    let rest = raw_path.strip_prefix(REST_PREFIX)?;
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    let segments = rest
        .split('/')
        .map(|s| {
            percent_decode_str(s)
                .decode_utf8()
                .ok()
                .map(|s| s.into_owned())
        })
        .collect::<Option<Vec<String>>>()?;
    if segments.iter().any(String::is_empty) {
        return None;
    }
    let s: Vec<&str> = segments.iter().map(String::as_str).collect();
    match s.as_slice() {
        ["config", "server", "coreServers"] => Some(Route::CoreServers),
        ["config", "server", "coreServers", tail @ ..] => match take_ref(tail)? {
            (server, []) => Some(Route::CoreServer(server)),
            _ => None,
        },
        ["config", "core", core, tail @ ..] => config_route(core, tail),
        ["live", "coreServers"] => Some(Route::LiveCoreServers),
        ["live", "coreServers", tail @ ..] => {
            let (server, tail) = take_ref(tail)?;
            live_route(server, tail)
        }
        _ => None,
    }
}

fn config_route(core: &str, tail: &[&str]) -> Option<Route> {
    let core = core.to_owned();
    Some(match tail {
        ["users"] => Route::ConfigUsers { core },
        ["users", user] => Route::ConfigUser {
            core,
            user: user.to_string(),
        },
        ["userGroups"] => Route::Groups { core },
        ["userGroups", group] => Route::Group {
            core,
            group: group.to_string(),
        },
        ["userGroups", group, "users"] => Route::Members {
            core,
            group: group.to_string(),
        },
        ["userGroups", group, "users", user] => Route::Member {
            core,
            group: group.to_string(),
            user: user.to_string(),
        },
        _ => return None,
    })
}

fn live_route(server: Ref, tail: &[&str]) -> Option<Route> {
    match tail {
        [] => Some(Route::LiveCoreServer(server)),
        ["users"] => Some(Route::LiveUsers { server }),
        ["users", tail @ ..] => {
            let (user, tail) = take_ref(tail)?;
            Some(match tail {
                [] => Route::LiveUser { server, user },
                ["logins"] => Route::Logins { server, user },
                ["status"] => Route::Status { server, user },
                ["status", "set"] => Route::SetStatus { server, user },
                _ => return None,
            })
        }
        _ => None,
    }
}

/// `{id}` or `getByName/{name}` at the head of `tail`, and what follows it.
fn take_ref<'a, 'b>(tail: &'a [&'b str]) -> Option<(Ref, &'a [&'b str])> {
    match tail {
        ["getByName", name, rest @ ..] => Some((Ref::Name(name.to_string()), rest)),
        ["getByName"] => None,
        [id, rest @ ..] => Some((Ref::Id(id.to_string()), rest)),
        [] => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(path: &str) -> Option<Route> {
        parse(&format!("{REST_PREFIX}{path}"))
    }

    #[test]
    fn names_and_ids_mix_in_one_path() {
        assert_eq!(
            p("live/coreServers/getByName/default/users/abc/status"),
            Some(Route::Status {
                server: Ref::Name("default".into()),
                user: Ref::Id("abc".into())
            })
        );
        assert_eq!(
            p("live/coreServers/x-1/users/getByName/4224/status/set"),
            Some(Route::SetStatus {
                server: Ref::Id("x-1".into()),
                user: Ref::Name("4224".into())
            })
        );
    }

    #[test]
    fn encoded_slash_stays_inside_one_segment() {
        assert_eq!(
            p("live/coreServers/getByName/default/users/getByName/ops%2Fnight/logins"),
            Some(Route::Logins {
                server: Ref::Name("default".into()),
                user: Ref::Name("ops/night".into())
            })
        );
        assert_eq!(
            p("live/coreServers/getByName/default/users/getByName/j%C3%B3zef%20w%3F%23%25"),
            Some(Route::LiveUser {
                server: Ref::Name("default".into()),
                user: Ref::Name("józef w?#%".into())
            })
        );
    }

    #[test]
    fn configuration_paths() {
        assert_eq!(p("config/server/coreServers"), Some(Route::CoreServers));
        assert_eq!(
            p("config/server/coreServers/getByName/branch"),
            Some(Route::CoreServer(Ref::Name("branch".into())))
        );
        assert_eq!(
            p("config/core/c1/userGroups/g1/users/u1"),
            Some(Route::Member {
                core: "c1".into(),
                group: "g1".into(),
                user: "u1".into()
            })
        );
        assert_eq!(
            p("config/core/c1/userGroups/g1/users/"),
            Some(Route::Members {
                core: "c1".into(),
                group: "g1".into()
            })
        );
    }

    #[test]
    fn unknown_or_malformed_paths_are_none() {
        assert_eq!(p("live/coreServers/getByName"), None);
        assert_eq!(
            p("live/coreServers/getByName/default"),
            Some(Route::LiveCoreServer(Ref::Name("default".into())))
        );
        assert_eq!(p("live/coreServers"), Some(Route::LiveCoreServers));
        // The seed's curl example: "status" is read as a user id, which then does not exist (404).
        assert_eq!(
            p("live/coreServers/getByName/default/users/status"),
            Some(Route::LiveUser {
                server: Ref::Name("default".into()),
                user: Ref::Id("status".into())
            })
        );
        assert_eq!(p("config/core/c1/nothing"), None);
        assert_eq!(p("config/core/c1//users"), None);
        assert_eq!(p("live/coreServers/x/users/%FF"), None);
        assert_eq!(parse("/elsewhere/config/server/coreServers"), None);
    }
}
