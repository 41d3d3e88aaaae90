//! One open group: its members with their presence, a filter, Remove (with Undo for 5 s), and Add.
//! Someone else's edits are expected: a 404 on remove or a 409 on add re-reads the group and says so.

use std::rc::Rc;

use leptos::prelude::*;

use super::add_members::AddMembers;
use crate::api::listed::left_out_notice;
use crate::api::types::{ConfigUser, CoreServer};
use crate::api::vocabulary::ALL_USERS_ID;
use crate::api::{ApiClient, ApiError};
use crate::components::presence_badge::PresenceBadge;
use crate::domain::audit::Action as AuditAction;
use crate::domain::board::Presence;
use crate::domain::membership::search;
use crate::state::audit::{outcome, use_audit, AuditLog, Change};
use crate::state::groups::{GroupDetail, GroupsStore};
use crate::state::notifications::{use_notifications, Action, Tone};
use crate::state::session::use_session;
use crate::state::tasks::{use_session_scope, Scope};

/// How long a removal can be undone.
const UNDO_MS: u64 = 5_000;

/// What the panel last said about this group.
type Message = Option<(Tone, String)>;

#[component]
pub fn GroupPanel(
    server: CoreServer,
    group_id: String,
    store: GroupsStore,
    api: ApiClient,
) -> impl IntoView {
    let session = use_session();
    let notes = use_notifications();
    let audit = use_audit();
    // Loads end with this panel; adds and removes once sent finish in the session's scope and show their
    // result here only while the panel is there (else as a notification).
    let page = Scope::here();
    let writes_scope = use_session_scope();
    let detail = GroupDetail::new(page);
    let slug = StoredValue::new(server.slug.clone());
    let message = RwSignal::new(None::<(Tone, String)>);
    let busy = RwSignal::new(false);
    let filter = RwSignal::new(String::new());
    let read_only = group_id == ALL_USERS_ID;
    let ids = StoredValue::new((server.id.clone(), group_id.clone()));
    let api = StoredValue::new_local(api);
    // Writes must finish even after the supervisor has moved on, so they use the session's unscoped client.
    let write_api =
        StoredValue::new_local(session.current.get_untracked().map(|s| s.api().clone()));
    let group_name = {
        let group_id = group_id.clone();
        Memo::new(move |_| {
            store.groups.with(|gs| {
                gs.iter()
                    .find(|g| g.id == group_id)
                    .map(|g| g.name().to_owned())
            })
        })
    };
    let name = move || group_name.get().unwrap_or_else(|| "this group".into());

    {
        let (server, group_id, api) = (server.clone(), group_id.clone(), api.get_value());
        page.spawn(async move {
            if let Err(e) = detail.load(&api, &server, &group_id).await {
                message.set(Some((Tone::Error, e.message())));
            }
        });
    }
    // Counts in the group list follow every change made here.
    Effect::new(move |_| {
        if detail.loaded.get() {
            let n = detail.members.with(Vec::len);
            store.set_count(&ids.with_value(|(_, g)| g.clone()), n);
        }
    });

    // What the panel says after a change that met someone else's: re-read, then say what changed.
    let refresh_saying = move |lead: String| {
        let Some(api) = page.apply(|| api.get_value()) else {
            notes.show(lead, Tone::Info, None, 8_000);
            return;
        };
        let (core, group) = ids.get_value();
        page.spawn(async move {
            let text = match detail.refresh(&api, &core, &group).await {
                Ok(changes) => match changes.describe() {
                    Some(more) => format!("{lead} {more}"),
                    None => format!("{lead} The list is up to date."),
                },
                Err(e) => format!("{lead} {}", e.message()),
            };
            message.set(Some((Tone::Info, text)));
        });
    };

    // A result for this panel while it is there; a notification wherever the supervisor is otherwise.
    let say = move |tone: Tone, text: String| {
        if page
            .apply(|| message.set(Some((tone, text.clone()))))
            .is_none()
        {
            notes.show(text, tone, None, 10_000);
        }
    };

    let add_back = move |user: ConfigUser,
                         group: String,
                         api: ApiClient,
                         slug: String,
                         ids: (String, String)| {
        writes_scope.spawn(async move {
            let (core, group_id) = ids;
            let result = detail.add(&api, &core, &group_id, &user).await;
            note_member(audit, &slug, AuditAction::Undo, &user, &group, &result);
            match result {
                Ok(()) | Err(ApiError::Conflict(_)) => {
                    notes.show(
                        format!("{} is back in {group}.", user.name()),
                        Tone::Info,
                        None,
                        4_000,
                    );
                }
                Err(e) => {
                    notes.show(
                        format!("Could not undo: {}", e.message()),
                        Tone::Error,
                        None,
                        8_000,
                    );
                }
            }
        });
    };

    let remove = Callback::new(move |user: ConfigUser| {
        let Some(api) = write_api.get_value() else {
            return;
        };
        busy.set(true);
        message.set(None);
        let (ids, slug, group_name) = (ids.get_value(), slug.get_value(), name());
        writes_scope.spawn(async move {
            let (core, group) = ids.clone();
            let result = detail.remove(&api, &core, &group, &user).await;
            note_member(
                audit,
                &slug,
                AuditAction::MemberRemoved,
                &user,
                &group_name,
                &result,
            );
            match result {
                Ok(()) => {
                    let undo = {
                        let (user, group_name) = (user.clone(), group_name.clone());
                        Action {
                            label: "Undo".into(),
                            run: Rc::new(move || {
                                add_back(
                                    user.clone(),
                                    group_name.clone(),
                                    api.clone(),
                                    slug.clone(),
                                    ids.clone(),
                                )
                            }),
                        }
                    };
                    notes.show(
                        format!("Removed {} from {group_name}.", user.name()),
                        Tone::Info,
                        Some(undo),
                        UNDO_MS,
                    );
                }
                Err(ApiError::NotFound(_)) => refresh_saying(format!(
                    "{} was no longer in {group_name}: someone else removed them.",
                    user.name()
                )),
                Err(e) => {
                    let text = format!("Could not remove {}. {}", user.name(), e.message());
                    say(Tone::Error, text);
                }
            }
            page.apply(|| busy.set(false));
        });
    });

    let add = Callback::new(move |picked: Vec<ConfigUser>| {
        let Some(api) = write_api.get_value() else {
            return;
        };
        busy.set(true);
        message.set(None);
        let ((core, group), slug, group_name) = (ids.get_value(), slug.get_value(), name());
        writes_scope.spawn(async move {
            let (mut added, mut already, mut failed) = (Vec::new(), Vec::new(), Vec::new());
            for user in picked {
                let result = detail.add(&api, &core, &group, &user).await;
                note_member(
                    audit,
                    &slug,
                    AuditAction::MemberAdded,
                    &user,
                    &group_name,
                    &result,
                );
                match result {
                    Ok(()) => added.push(user.name().to_owned()),
                    Err(ApiError::Conflict(_)) => already.push(user.name().to_owned()),
                    Err(e) => {
                        failed.push((user, e));
                    }
                }
            }
            let text = add_report(&group_name, &added, &already, &failed);
            if !already.is_empty() || !failed.is_empty() {
                refresh_saying(text);
            } else {
                say(Tone::Info, text);
            }
            page.apply(|| busy.set(false));
        });
    });

    let shown = Memo::new(move |_| {
        detail.members.with(|m| {
            search(m, &filter.get())
                .into_iter()
                .cloned()
                .collect::<Vec<_>>()
        })
    });

    view! {
        <section class="group-detail" aria-labelledby="group-title">
            <div class="group-head">
                <h2 id="group-title">{name}</h2>
                <span class="muted">
                    {move || if detail.loaded.get() { format!("{} members", detail.members.with(Vec::len)) } else { "Loading members…".into() }}
                </span>
            </div>
            {read_only.then(|| view! {
                <p class="notice-line">"All Users always holds every user of the core server; iSymphony does not allow editing it."</p>
            })}
            <Report message/>
            {move || left_out_notice(detail.left_out.get(), "member").map(|t| view! { <p class="notice-line" role="status">{t}</p> })}
            {(!read_only).then(|| view! {
                <AddMembers detail add busy=busy.into()/>
            })}
            <input
                type="search"
                class="filter"
                aria-label="Filter members"
                placeholder="Filter members"
                on:input=move |ev| filter.set(event_target_value(&ev))
            />
            <table class="members-table">
                <thead>
                    <tr>
                        <th scope="col">"Name"</th>
                        <th scope="col">"Username"</th>
                        <th scope="col">"Licence"</th>
                        <th scope="col">"Presence"</th>
                        {(!read_only).then(|| view! { <th scope="col"><span class="sr-only">"Actions"</span></th> })}
                    </tr>
                </thead>
                <tbody>
                    <For
                        each=move || shown.get()
                        key=|u| u.id.clone()
                        children=move |user| {
                            let id = user.id.clone();
                            let presence = move || detail.presence.with(|p| p.get(&id).cloned().unwrap_or(Presence::Loading));
                            let label = format!("Remove {} from {}", user.name(), name());
                            let target = user.clone();
                            view! {
                                <tr class="member-row" data-user-id=user.id.clone()>
                                    <td class="display-name">{user.name().to_owned()}</td>
                                    <td class="username">{user.username.clone()}</td>
                                    <td>{if user.full { "full" } else { "lite" }}</td>
                                    <td>{move || view! { <PresenceBadge presence=presence()/> }}</td>
                                    {(!read_only).then(|| view! {
                                        <td class="col-actions">
                                            <button
                                                type="button"
                                                aria-label=label
                                                disabled=move || busy.get()
                                                on:click=move |_| remove.run(target.clone())
                                            >
                                                "Remove"
                                            </button>
                                        </td>
                                    })}
                                </tr>
                            }
                        }
                    />
                </tbody>
            </table>
        </section>
    }
}

/// The group's last message: an error is an alert, anything else a polite status.
#[component]
fn Report(message: RwSignal<Message>) -> impl IntoView {
    move || {
        message.get().map(|(tone, text)| match tone {
            Tone::Error => view! { <p class="form-error" role="alert">{text}</p> }.into_any(),
            Tone::Info => view! { <p class="notice-line" role="status">{text}</p> }.into_any(),
        })
    }
}

/// Records a membership change in the audit trail.
fn note_member(
    audit: AuditLog,
    slug: &str,
    action: AuditAction,
    user: &ConfigUser,
    group: &str,
    result: &Result<(), ApiError>,
) {
    let member = |yes: bool| {
        if yes {
            format!("member of {group}")
        } else {
            format!("not in {group}")
        }
    };
    let adds = action != AuditAction::MemberRemoved;
    let change = Change {
        core_server: slug,
        action,
        target: format!("{} ({}) in {group}", user.username, user.name()),
        before: member(!adds),
        after: member(adds),
    };
    audit.note(change, outcome(result));
}

/// One sentence per outcome of an add.
fn add_report(
    group: &str,
    added: &[String],
    already: &[String],
    failed: &[(ConfigUser, ApiError)],
) -> String {
    let mut parts = Vec::new();
    if !added.is_empty() {
        parts.push(format!("Added {} to {group}.", added.join(", ")));
    }
    if !already.is_empty() {
        parts.push(format!(
            "{} already in {group}: added elsewhere meanwhile.",
            already.join(", ")
        ));
    }
    for (user, e) in failed {
        parts.push(format!(
            "Could not add {}: {} They are still selected; try Add again.",
            user.name(),
            e.message()
        ));
    }
    parts.join(" ")
}
