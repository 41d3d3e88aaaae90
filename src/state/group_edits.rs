//! Membership changes made from a group's panel, orchestrated in one place: add or remove → record in the
//! audit trail → say so (with `Undo` for a removal) → undo. Someone else's edit is expected: a 404 on
//! remove or a 409 on add re-reads the group and says what changed. Once sent a change finishes even if
//! the panel goes (session scope, session client); its result shows on the panel while it is there and as
//! a notification otherwise. So a task that outlives the panel holds plain values (the group, the clients)
//! and touches the panel's signals only through its scope (`Scope::apply`). A 401 on the way is the API
//! client's business.

use std::rc::Rc;

use leptos::prelude::*;

use crate::api::types::{ConfigUser, CoreServer};
use crate::api::{ApiClient, ApiError, Purpose};
use crate::domain::audit::AuditAction;
use crate::domain::membership::{add_report, member_change};
use crate::state::audit::{outcome, use_audit, AuditChange, AuditLog};
use crate::state::groups::GroupDetail;
use crate::state::notifications::{
    use_notifications, Lasts, NotificationAction, Notifications, Tone,
};
use crate::state::session::use_session;
use crate::state::tasks::{use_session_scope, Scope};

/// What the panel last said about its group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PanelMessage {
    pub tone: Tone,
    pub text: String,
}

/// Which group, on which core server.
#[derive(Clone)]
struct GroupRef {
    slug: String,
    core_id: String,
    group_id: String,
}

/// One open group's panel: its members (`detail`), what it last said, and the changes made from it.
#[derive(Clone)]
pub struct GroupEdits {
    pub detail: GroupDetail,
    pub message: RwSignal<Option<PanelMessage>>,
    /// A change is under way: the panel's buttons wait.
    pub busy: RwSignal<bool>,
    /// The panel's scope: loads and re-reads end with it.
    page: Scope,
    group: Rc<GroupRef>,
    /// The panel's client (aborted when it goes), for reads.
    read_api: ApiClient,
    /// The session's client, for writes that must finish.
    write_api: Option<ApiClient>,
    session: Scope,
    notifications: Notifications,
    audit: AuditLog,
}

impl GroupEdits {
    /// For the group `group_id` of `server`, read with `api` (the panel's). Call in the panel's owner.
    pub fn new(server: &CoreServer, group_id: &str, api: ApiClient) -> Self {
        let page = Scope::here();
        let write_api = use_session()
            .current
            .get_untracked()
            .map(|s| s.api().clone());
        GroupEdits {
            detail: GroupDetail::new(page),
            message: RwSignal::new(None),
            busy: RwSignal::new(false),
            page,
            group: Rc::new(GroupRef {
                slug: server.slug.clone(),
                core_id: server.id.clone(),
                group_id: group_id.to_owned(),
            }),
            read_api: api,
            write_api,
            session: use_session_scope(),
            notifications: use_notifications(),
            audit: use_audit(),
        }
    }

    /// Reads the members, everyone, and the members' presence.
    pub fn load(&self, server: CoreServer) {
        let this = self.clone();
        self.page.spawn(async move {
            let (api, group_id) = (&this.read_api, &this.group.group_id);
            if let Err(e) = this.detail.load(api, &server, group_id).await {
                this.say(Tone::Error, e.message());
            }
        });
    }

    /// Removes `user` from the group called `group_name`, with `Undo`.
    pub fn remove(&self, user: ConfigUser, group_name: String) {
        let Some(api) = self.start() else { return };
        let this = self.clone();
        self.session.spawn(async move {
            let result = this.remove_member(&api, &user).await;
            this.record(AuditAction::MemberRemoved, &user, &group_name, &result);
            match result {
                Ok(()) => this.offer_undo(user, group_name),
                Err(ApiError::NotFound(_)) => this.reread_saying(format!(
                    "{} was no longer in {group_name}: someone else removed them.",
                    user.name()
                )),
                Err(e) => {
                    let text = format!("Could not remove {}. {}", user.name(), e.message());
                    this.say(Tone::Error, text);
                }
            }
            this.page.apply(|| this.busy.set(false));
        });
    }

    /// Adds every user of `picked` to the group called `group_name`, one after the other.
    pub fn add(&self, picked: Vec<ConfigUser>, group_name: String) {
        let Some(api) = self.start() else { return };
        let this = self.clone();
        self.session.spawn(async move {
            let (mut added, mut already, mut failed) = (Vec::new(), Vec::new(), Vec::new());
            for user in picked {
                let result = this.add_member(&api, &user).await;
                this.record(AuditAction::MemberAdded, &user, &group_name, &result);
                let name = user.name().to_owned();
                match result {
                    Ok(()) => added.push(name),
                    Err(ApiError::Conflict(_)) => already.push(name),
                    Err(e) => failed.push((name, e.message())),
                }
            }
            let text = add_report(&group_name, &added, &already, &failed);
            if already.is_empty() && failed.is_empty() {
                this.say(Tone::Info, text);
            } else {
                this.reread_saying(text);
            }
            this.page.apply(|| this.busy.set(false));
        });
    }

    async fn add_member(&self, api: &ApiClient, user: &ConfigUser) -> Result<(), ApiError> {
        let GroupRef {
            core_id, group_id, ..
        } = &*self.group;
        self.detail.add(api, core_id, group_id, user).await
    }

    async fn remove_member(&self, api: &ApiClient, user: &ConfigUser) -> Result<(), ApiError> {
        let GroupRef {
            core_id, group_id, ..
        } = &*self.group;
        self.detail.remove(api, core_id, group_id, user).await
    }

    /// Marks a change under way; the session's client to send it with.
    fn start(&self) -> Option<ApiClient> {
        let api = self.write_api.clone()?;
        self.busy.set(true);
        self.message.set(None);
        Some(api)
    }

    fn offer_undo(&self, user: ConfigUser, group_name: String) {
        let text = format!("Removed {} from {group_name}.", user.name());
        let this = self.clone();
        let undo = NotificationAction::new("Undo", move || {
            this.add_back(user.clone(), group_name.clone())
        });
        self.notifications
            .show(text, Tone::Info, Some(undo), Lasts::RemovalUndo);
    }

    /// A removal's Undo: adds the user back (already back counts as done).
    fn add_back(&self, user: ConfigUser, group_name: String) {
        let Some(api) = self.write_api.clone() else {
            return;
        };
        let this = self.clone();
        self.session.spawn(async move {
            let result = this
                .add_member(&api.for_purpose(Purpose::Undo), &user)
                .await;
            this.record(AuditAction::Undo, &user, &group_name, &result);
            let (text, tone, lasts) = match result {
                Ok(()) | Err(ApiError::Conflict(_)) => (
                    format!("{} is back in {group_name}.", user.name()),
                    Tone::Info,
                    Lasts::Done,
                ),
                Err(e) => (
                    format!("Could not undo: {}", e.message()),
                    Tone::Error,
                    Lasts::Elsewhere,
                ),
            };
            this.notifications.show(text, tone, None, lasts);
        });
    }

    /// After a change that met someone else's: re-reads the members, then says `lead` and what changed.
    fn reread_saying(&self, lead: String) {
        if !self.page.is_live() {
            self.notifications
                .show(lead, Tone::Info, None, Lasts::Found);
            return;
        }
        let this = self.clone();
        self.page.spawn(async move {
            let text = match this
                .detail
                .refresh(&this.read_api, &this.group.core_id, &this.group.group_id)
                .await
            {
                Ok(changes) => match changes.describe() {
                    Some(more) => format!("{lead} {more}"),
                    None => format!("{lead} The list is up to date."),
                },
                Err(e) => format!("{lead} {}", e.message()),
            };
            this.message.set(Some(PanelMessage {
                tone: Tone::Info,
                text,
            }));
        });
    }

    /// A result on the panel while it is there; a notification wherever the supervisor is otherwise.
    fn say(&self, tone: Tone, text: String) {
        let message = PanelMessage { tone, text };
        let shown = message.clone();
        if self.page.apply(|| self.message.set(Some(shown))).is_none() {
            self.notifications
                .show(message.text, tone, None, Lasts::Elsewhere);
        }
    }

    fn record(
        &self,
        action: AuditAction,
        user: &ConfigUser,
        group: &str,
        result: &Result<(), ApiError>,
    ) {
        let text = member_change(action, user, group);
        let change = AuditChange {
            core_server: &self.group.slug,
            action,
            target: text.target,
            before: text.before,
            after: text.after,
        };
        self.audit.record(change, outcome(result));
    }
}
