//! URL builders: every REST path the panel uses, relative to the API base. Live paths address the core
//! server by slug and users by username (`getByName`), because live ids change when iSymphony restarts.

/// Percent-encodes one path segment: everything but RFC 3986 unreserved characters, so `/`, `?`, `#`, `%`,
/// spaces and non-ASCII letters in a username stay inside their segment.
pub fn segment(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for byte in raw.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

pub fn core_servers() -> String {
    "rest/config/server/coreServers".into()
}

pub fn config_users(core_id: &str) -> String {
    format!("rest/config/core/{}/users", segment(core_id))
}

pub fn user_groups(core_id: &str) -> String {
    format!("rest/config/core/{}/userGroups", segment(core_id))
}

pub fn group_members(core_id: &str, group_id: &str) -> String {
    format!("{}/{}/users", user_groups(core_id), segment(group_id))
}

pub fn group_member(core_id: &str, group_id: &str, user_id: &str) -> String {
    format!("{}/{}", group_members(core_id, group_id), segment(user_id))
}

pub fn live_core_server(slug: &str) -> String {
    format!("rest/live/coreServers/getByName/{}", segment(slug))
}

pub fn live_users(slug: &str) -> String {
    format!("{}/users", live_core_server(slug))
}

fn live_user(slug: &str, username: &str) -> String {
    format!("{}/getByName/{}", live_users(slug), segment(username))
}

pub fn logins(slug: &str, username: &str) -> String {
    format!("{}/logins", live_user(slug, username))
}

pub fn status(slug: &str, username: &str) -> String {
    format!("{}/status", live_user(slug, username))
}

pub fn set_status(slug: &str, username: &str) -> String {
    format!("{}/status/set", live_user(slug, username))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_keep_odd_usernames_whole() {
        assert_eq!(segment("4224"), "4224");
        assert_eq!(segment("front desk"), "front%20desk");
        assert_eq!(segment("ops/night"), "ops%2Fnight");
        assert_eq!(segment("a?b#c%d"), "a%3Fb%23c%25d");
        assert_eq!(segment("józef"), "j%C3%B3zef");
        assert_eq!(segment("x@y.z_~-"), "x%40y.z_~-");
    }

    #[test]
    fn live_paths_use_get_by_name() {
        assert_eq!(
            status("default", "ops/night"),
            "rest/live/coreServers/getByName/default/users/getByName/ops%2Fnight/status"
        );
        assert_eq!(
            set_status("my branch", "4224"),
            "rest/live/coreServers/getByName/my%20branch/users/getByName/4224/status/set"
        );
        assert_eq!(
            logins("default", "front desk"),
            "rest/live/coreServers/getByName/default/users/getByName/front%20desk/logins"
        );
    }

    #[test]
    fn configuration_paths_use_ids() {
        assert_eq!(core_servers(), "rest/config/server/coreServers");
        assert_eq!(config_users("c1"), "rest/config/core/c1/users");
        assert_eq!(
            group_members("c1", "g1"),
            "rest/config/core/c1/userGroups/g1/users"
        );
        assert_eq!(
            group_member("c1", "g1", "u 1"),
            "rest/config/core/c1/userGroups/g1/users/u%201"
        );
    }
}
