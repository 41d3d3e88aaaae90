//! The groups' stores: the core server's groups with their members' ids (the Groups page's counts, the
//! board's group filter and staffing), and one open group's members, plus adding and removing members.
//! (Their presence is the Groups page's board store's, which staffing keeps current.)

use std::collections::{HashMap, HashSet};

use futures::StreamExt;
use leptos::prelude::*;

use crate::api::types::{ConfigUser, CoreServer, UserGroup};
use crate::api::{groups, users, ApiClient, ApiError};
use crate::domain::membership::{sorted, Changes};
use crate::state::board::MAX_IN_FLIGHT;
use crate::state::tasks::Scope;

#[derive(Clone, Copy)]
pub struct GroupsStore {
    pub groups: RwSignal<Vec<UserGroup>>,
    /// Each group's members' configuration ids, by group id, filled in as they arrive.
    pub members: RwSignal<HashMap<String, HashSet<String>>>,
    pub loaded: RwSignal<bool>,
    pub error: RwSignal<Option<ApiError>>,
    /// Groups the server listed in a form the panel cannot read.
    pub left_out: RwSignal<usize>,
}

impl GroupsStore {
    pub fn new() -> Self {
        GroupsStore {
            groups: RwSignal::new(Vec::new()),
            members: RwSignal::new(HashMap::new()),
            loaded: RwSignal::new(false),
            error: RwSignal::new(None),
            left_out: RwSignal::new(0),
        }
    }

    /// Lists the groups, then reads each one's members, [`MAX_IN_FLIGHT`] at a time. Run again, it
    /// replaces what it read before (a group another supervisor changed).
    pub async fn load(self, api: &ApiClient, core_id: &str) -> Result<(), ApiError> {
        let listed = groups::list(api, core_id).await?;
        self.left_out.set(listed.left_out);
        let list = listed.items;
        self.groups.set(list.clone());
        self.loaded.set(true);
        futures::stream::iter(list)
            .for_each_concurrent(MAX_IN_FLIGHT, |g| async move {
                if let Ok(members) = groups::members(api, core_id, &g.id).await {
                    self.set_members(&g.id, members.items.iter().map(|m| m.id.clone()).collect());
                }
            })
            .await;
        Ok(())
    }

    /// A group's member count, once its members are read.
    pub fn count(&self, group_id: &str) -> Option<usize> {
        self.members.with(|m| m.get(group_id).map(HashSet::len))
    }

    pub fn set_members(&self, group_id: &str, ids: HashSet<String>) {
        if self
            .members
            .with_untracked(|m| m.get(group_id) != Some(&ids))
        {
            self.members.update(|m| {
                m.insert(group_id.to_owned(), ids);
            });
        }
    }
}

impl Default for GroupsStore {
    fn default() -> Self {
        Self::new()
    }
}

/// One open group.
#[derive(Clone, Copy)]
pub struct GroupDetail {
    pub members: RwSignal<Vec<ConfigUser>>,
    /// Every configuration user of the core server (the candidates to add).
    pub everyone: RwSignal<Vec<ConfigUser>>,
    pub loaded: RwSignal<bool>,
    /// Members the server listed in a form the panel cannot read.
    pub left_out: RwSignal<usize>,
    /// The open group's panel: loads run in it; adds and removes, which outlive it, show through it.
    scope: Scope,
}

impl GroupDetail {
    pub fn new(scope: Scope) -> Self {
        GroupDetail {
            members: RwSignal::new(Vec::new()),
            everyone: RwSignal::new(Vec::new()),
            loaded: RwSignal::new(false),
            left_out: RwSignal::new(0),
            scope,
        }
    }

    /// Reads the members and everyone.
    pub async fn load(
        self,
        api: &ApiClient,
        server: &CoreServer,
        group_id: &str,
    ) -> Result<(), ApiError> {
        let (members, everyone) = futures::join!(
            groups::members(api, &server.id, group_id),
            users::config_users(api, &server.id)
        );
        let members = members?;
        self.left_out.set(members.left_out);
        let members = sorted(members.items);
        self.everyone
            .set(everyone.map(|e| e.items).unwrap_or_default());
        self.members.set(members);
        self.loaded.set(true);
        Ok(())
    }

    /// Re-reads the members; returns what changed since the last reading.
    pub async fn refresh(
        self,
        api: &ApiClient,
        core_id: &str,
        group_id: &str,
    ) -> Result<Changes, ApiError> {
        let fresh = groups::members(api, core_id, group_id).await?;
        self.left_out.set(fresh.left_out);
        let fresh = sorted(fresh.items);
        let changes = Changes::between(&self.members.get_untracked(), &fresh);
        self.members.set(fresh);
        Ok(changes)
    }

    pub async fn remove(
        self,
        api: &ApiClient,
        core_id: &str,
        group_id: &str,
        user: &ConfigUser,
    ) -> Result<(), ApiError> {
        groups::remove_member(api, core_id, group_id, &user.id).await?;
        self.scope
            .apply(|| self.members.update(|m| m.retain(|u| u.id != user.id)));
        Ok(())
    }

    pub async fn add(
        self,
        api: &ApiClient,
        core_id: &str,
        group_id: &str,
        user: &ConfigUser,
    ) -> Result<(), ApiError> {
        groups::add_member(api, core_id, group_id, user).await?;
        self.scope.apply(|| {
            self.members.update(|m| {
                if !m.iter().any(|u| u.id == user.id) {
                    m.push(user.clone());
                    *m = sorted(std::mem::take(m));
                }
            })
        });
        Ok(())
    }
}
