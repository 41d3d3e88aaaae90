//! The handlers: one small function per route and method, each reading or changing the store and answering
//! JSON, `204`, or an [`ApiError`].

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::Value;
use uuid::Uuid;

use crate::error::*;
use crate::model::*;
use crate::set_rules;
use crate::AppState;

pub type Reply = Result<Response, ApiError>;

fn json<T: serde::Serialize>(value: T) -> Reply {
    Ok(Json(value).into_response())
}

fn no_content() -> Reply {
    Ok(StatusCode::NO_CONTENT.into_response())
}

fn config_server<'a>(store: &'a Store, core: &str) -> Result<&'a CoreServer, ApiError> {
    store
        .server(&Ref::Id(core.to_owned()))
        .ok_or(ApiError::NotFound(NO_CORE_SERVER))
}

fn live_server<'a>(store: &'a Store, server: &Ref) -> Result<&'a CoreServer, ApiError> {
    store
        .live_server(server)
        .ok_or(ApiError::NotFound(NO_CORE_SERVER))
}

fn live_user<'a>(store: &'a Store, server: &Ref, user: &Ref) -> Result<&'a User, ApiError> {
    live_server(store, server)?
        .live_user(user)
        .ok_or(ApiError::NotFound(NO_USER))
}

pub fn core_servers(app: &AppState) -> Reply {
    let store = app.read();
    json(
        store
            .servers
            .iter()
            .map(CoreServerJson::from)
            .collect::<Vec<_>>(),
    )
}

pub fn core_server(app: &AppState, server: &Ref) -> Reply {
    let store = app.read();
    let server = store
        .server(server)
        .ok_or(ApiError::NotFound(NO_CORE_SERVER))?;
    json(CoreServerJson::from(server))
}

pub fn live_core_servers(app: &AppState) -> Reply {
    let store = app.read();
    json(
        store
            .servers
            .iter()
            .map(LiveCoreServerJson::from)
            .collect::<Vec<_>>(),
    )
}

pub fn live_core_server(app: &AppState, server: &Ref) -> Reply {
    let store = app.read();
    json(LiveCoreServerJson::from(live_server(&store, server)?))
}

pub fn config_users(app: &AppState, core: &str) -> Reply {
    let store = app.read();
    let server = config_server(&store, core)?;
    json(
        server
            .users
            .iter()
            .map(ConfigUserJson::from)
            .collect::<Vec<_>>(),
    )
}

pub fn config_user(app: &AppState, core: &str, user: &str) -> Reply {
    let store = app.read();
    let user = config_server(&store, core)?
        .config_user(user)
        .ok_or(ApiError::NotFound(NO_USER))?;
    json(ConfigUserJson::from(user))
}

pub fn groups(app: &AppState, core: &str) -> Reply {
    let store = app.read();
    json(config_server(&store, core)?.groups_json())
}

pub fn group(app: &AppState, core: &str, group: &str) -> Reply {
    let store = app.read();
    let group = config_server(&store, core)?
        .group_json(group)
        .ok_or(ApiError::NotFound(NO_GROUP))?;
    json(group)
}

pub fn members(app: &AppState, core: &str, group: &str) -> Reply {
    let store = app.read();
    let server = config_server(&store, core)?;
    let ids = server
        .group_members(group)
        .ok_or(ApiError::NotFound(NO_GROUP))?;
    let users: Vec<_> = ids
        .iter()
        .filter_map(|id| server.config_user(id))
        .map(ConfigUserJson::from)
        .collect();
    json(users)
}

pub fn member(app: &AppState, core: &str, group: &str, user: &str) -> Reply {
    let store = app.read();
    let server = config_server(&store, core)?;
    let ids = server
        .group_members(group)
        .ok_or(ApiError::NotFound(NO_GROUP))?;
    if !ids.iter().any(|id| id == user) {
        return Err(ApiError::NotFound(NO_USER));
    }
    let user = server
        .config_user(user)
        .ok_or(ApiError::NotFound(NO_USER))?;
    json(ConfigUserJson::from(user))
}

/// `POST .../userGroups/{group}/users`: 404 → 403 (All Users) → 412 (body) → 404 (unknown user) → 409.
pub fn add_member(app: &AppState, core: &str, group: &str, body: &[u8]) -> Reply {
    let mut store = app.write();
    let server = store
        .server_mut(&Ref::Id(core.to_owned()))
        .ok_or(ApiError::NotFound(NO_CORE_SERVER))?;
    if group == ALL_USERS_ID {
        return Err(ApiError::Forbidden(ALL_USERS_READ_ONLY));
    }
    let group_index = server
        .groups
        .iter()
        .position(|g| g.id == group)
        .ok_or(ApiError::NotFound(NO_GROUP))?;
    let value: Value =
        serde_json::from_slice(body).map_err(|_| ApiError::Precondition(INVALID_JSON))?;
    let id = value
        .get("id")
        .and_then(Value::as_str)
        .ok_or(ApiError::Precondition(NO_ID))?
        .to_owned();
    if server.config_user(&id).is_none() {
        return Err(ApiError::NotFound(NO_USER));
    }
    let members = &mut server.groups[group_index].members;
    if members.contains(&id) {
        return Err(ApiError::Conflict(ALREADY_MEMBER));
    }
    members.push(id);
    no_content()
}

/// `DELETE .../userGroups/{group}/users/{user}`: 404 (group, membership) → 403 (All Users).
pub fn remove_member(app: &AppState, core: &str, group: &str, user: &str) -> Reply {
    let mut store = app.write();
    let server = store
        .server_mut(&Ref::Id(core.to_owned()))
        .ok_or(ApiError::NotFound(NO_CORE_SERVER))?;
    let ids = server
        .group_members(group)
        .ok_or(ApiError::NotFound(NO_GROUP))?;
    if !ids.iter().any(|id| id == user) {
        return Err(ApiError::NotFound(NO_USER));
    }
    if group == ALL_USERS_ID {
        return Err(ApiError::Forbidden(ALL_USERS_READ_ONLY));
    }
    if let Some(g) = server.groups.iter_mut().find(|g| g.id == group) {
        g.members.retain(|id| id != user);
    }
    no_content()
}

pub fn live_users(app: &AppState, server: &Ref) -> Reply {
    let store = app.read();
    let server = live_server(&store, server)?;
    json(
        server
            .users
            .iter()
            .map(LiveUserJson::from)
            .collect::<Vec<_>>(),
    )
}

pub fn live_user_one(app: &AppState, server: &Ref, user: &Ref) -> Reply {
    let store = app.read();
    json(LiveUserJson::from(live_user(&store, server, user)?))
}

pub fn logins(app: &AppState, server: &Ref, user: &Ref) -> Reply {
    let store = app.read();
    json(&live_user(&store, server, user)?.logins)
}

/// The status resource's 403s (contract, "Decided here" 6 and 20): none without a licence, none for a
/// lite user.
fn licensed(no_license: bool, full: bool) -> Result<(), ApiError> {
    if no_license {
        Err(ApiError::Forbidden(NO_LICENSE))
    } else if !full {
        Err(ApiError::Forbidden(LITE_USER))
    } else {
        Ok(())
    }
}

pub fn status(app: &AppState, server: &Ref, user: &Ref) -> Reply {
    let store = app.read();
    let user = live_user(&store, server, user)?;
    licensed(store.no_license, user.full)?;
    json(StatusJson::new(&user.status, store.unit))
}

/// `POST .../status/set`: 404 → 403 (lite) → 422 (body rules) → 204. A set always makes a custom status.
pub fn set_status(app: &AppState, server: &Ref, user: &Ref, body: &[u8]) -> Reply {
    let mut store = app.write();
    let (unit, no_license) = (store.unit, store.no_license);
    let server = store
        .live_server_mut(server)
        .ok_or(ApiError::NotFound(NO_CORE_SERVER))?;
    let index = server
        .users
        .iter()
        .position(|u| u.matches_live(user))
        .ok_or(ApiError::NotFound(NO_USER))?;
    let user = &mut server.users[index];
    licensed(no_license, user.full)?;
    let set = set_rules::parse(body, unit)?;
    user.status = Status {
        id: Uuid::new_v4().to_string(),
        configuration_id: Uuid::new_v4().to_string(),
        name: set.name,
        kind: set.kind,
        note: set.note,
        return_time: set.return_time,
        user_created: true,
    };
    app.publish(crate::events::user_status(
        server,
        &server.users[index],
        unit,
    ));
    no_content()
}
