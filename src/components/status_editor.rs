//! The status editor dialog: status-type picker, name, note, return time with "No return time", Save and
//! Cancel, and one-click presets. It renders and validates what it is given; the page does the saving.
//! Enter in Name saves (form submission); Esc cancels (the native dialog's `cancel`). The dialog is modal,
//! so focus stays inside it, and it hands focus back when it closes.

use leptos::prelude::*;

use crate::api::types::SetStatus;
use crate::api::vocabulary::StatusType;
use crate::components::modal::modal;
use crate::components::status_picker::StatusPicker;
use crate::config::RuntimeConfig;
use crate::domain::quick_times::{choices, resolve, Quick};
use crate::domain::recent::Preset;
use crate::domain::return_time::{epoch_ms_to_local, local_to_epoch_ms};
use crate::domain::status_form::{FieldErrors, StatusDraft};

/// The editor's fields, one signal each. Owned by the page, so a failed save or a refresh never loses what
/// was typed.
#[derive(Clone, Copy)]
pub struct EditorFields {
    pub name: RwSignal<String>,
    pub kind: RwSignal<Option<StatusType>>,
    pub note: RwSignal<String>,
    pub no_return_time: RwSignal<bool>,
    pub return_time: RwSignal<String>,
}

impl EditorFields {
    pub fn new(draft: StatusDraft) -> Self {
        EditorFields {
            name: RwSignal::new(draft.name),
            kind: RwSignal::new(draft.kind),
            note: RwSignal::new(draft.note),
            no_return_time: RwSignal::new(draft.no_return_time),
            return_time: RwSignal::new(draft.return_time),
        }
    }

    pub fn draft(&self) -> StatusDraft {
        StatusDraft {
            name: self.name.get_untracked(),
            kind: self.kind.get_untracked(),
            note: self.note.get_untracked(),
            no_return_time: self.no_return_time.get_untracked(),
            return_time: self.return_time.get_untracked(),
        }
    }

    /// Fills the fields from a preset's status, so a failed save leaves it on screen.
    pub fn apply(&self, body: &SetStatus) {
        self.name.set(body.name.clone());
        self.kind.set(Some(body.kind.clone()));
        self.note.set(body.note.clone());
        self.no_return_time.set(body.return_time < 0);
        if body.return_time >= 0 {
            self.return_time
                .set(epoch_ms_to_local(body.return_time).to_input());
        }
    }
}

#[component]
pub fn StatusEditor(
    /// E.g. "Edit status for Steve Summers".
    #[prop(into)]
    title: String,
    fields: EditorFields,
    #[prop(into)] saving: Signal<bool>,
    /// Why the last save failed, in a sentence.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// Set when the status changed on the server while this editor was open.
    #[prop(into)]
    notice: Signal<Option<String>>,
    #[prop(into)] presets: Signal<Vec<Preset>>,
    on_save: Callback<SetStatus>,
    /// A one-click status (the site's presets, Available, the recent ones), ready to set.
    on_preset: Callback<SetStatus>,
    on_cancel: Callback<()>,
    /// Shown under the form: the user's day, where the site keeps one.
    #[prop(optional)]
    day: Option<ViewFn>,
) -> impl IntoView {
    let dialog = modal();
    let errors = RwSignal::new(FieldErrors::default());
    let tried = RwSignal::new(false);
    // Once a save was tried, messages follow the fields as they are corrected.
    Effect::new(move |_| {
        let draft = StatusDraft {
            name: fields.name.get(),
            kind: fields.kind.get(),
            note: String::new(),
            no_return_time: fields.no_return_time.get(),
            return_time: fields.return_time.get(),
        };
        if tried.get_untracked() {
            errors.set(draft.validate(local_to_epoch_ms).err().unwrap_or_default());
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() {
            return;
        }
        tried.set(true);
        match fields.draft().validate(local_to_epoch_ms) {
            Ok(body) => {
                errors.set(FieldErrors::default());
                on_save.run(body);
            }
            Err(e) => errors.set(e),
        }
    };
    let preset = move |body: SetStatus| {
        if !saving.get_untracked() {
            fields.apply(&body);
            on_preset.run(body);
        }
    };

    view! {
        <dialog
            node_ref=dialog
            class="editor"
            aria-labelledby="editor-title"
            on:cancel=move |ev: leptos::ev::Event| {
                ev.prevent_default();
                on_cancel.run(());
            }
        >
            <form class="editor-form" on:submit=submit novalidate>
                <h2 id="editor-title">{title}</h2>
                {move || notice.get().map(|n| view! { <p class="notice-line" role="status">{n}</p> })}
                {preset_buttons(presets, Callback::new(preset))}
                <StatusPicker value=fields.kind error=Signal::derive(move || errors.get().kind)/>
                {text_fields(fields, errors)}
                {return_time_field(fields, errors)}
                <p class="form-error" role="alert">{move || error.get()}</p>
                <div class="editor-actions">
                    <button type="button" on:click=move |_| on_cancel.run(())>"Cancel"</button>
                    <button type="submit" class="primary" disabled=move || saving.get()>
                        {move || if saving.get() { "Saving…" } else { "Save" }}
                    </button>
                </div>
            </form>
            {day.map(|d| d.run())}
        </dialog>
    }
}

/// One-click statuses: the site's presets (`config.json`), then Available and the supervisor's recent
/// ones. A site preset's return time is worked out when it is clicked.
fn preset_buttons(presets: Signal<Vec<Preset>>, on_pick: Callback<SetStatus>) -> impl IntoView {
    let config = use_context::<RuntimeConfig>().unwrap_or_default();
    let workday = config.workday;
    let site = config.presets.into_iter().map(move |p| {
        let class = format!("swatch swatch-{}", p.status.kind.css_class());
        let label = p.label.clone();
        let pick = move |_| {
            let now = js_sys::Date::now() as i64;
            on_pick.run(p.to_set(now, workday, epoch_ms_to_local, local_to_epoch_ms));
        };
        view! {
            <button type="button" class="preset preset-site" on:click=pick>
                <span class=class aria-hidden="true"></span>
                {label}
            </button>
        }
    });
    view! {
        <div class="presets" role="group" aria-label="Quick statuses">
            {site.collect_view()}
            {move || {
                std::iter::once(Preset::available())
                    .chain(presets.get())
                    .map(|p| {
                        let label = p.name.clone();
                        let class = format!("swatch swatch-{}", p.kind.css_class());
                        view! {
                            <button type="button" class="preset" on:click=move |_| on_pick.run(p.to_set())>
                                <span class=class aria-hidden="true"></span>
                                {label}
                            </button>
                        }
                    })
                    .collect_view()
            }}
        </div>
    }
}

/// The status's name (required) and note. Each is named by its label's text alone (`aria-labelledby`):
/// WebKit names a control wrapped in its label by all the label holds, the value typed included, so
/// VoiceOver would read "Name Lunch".
fn text_fields(fields: EditorFields, errors: RwSignal<FieldErrors>) -> impl IntoView {
    view! {
        <label class="field">
            <span class="field-label" id="name-label">"Name"</span>
            <input
                name="name"
                aria-labelledby="name-label"
                autocomplete="off"
                aria-invalid=move || errors.get().name.is_some().to_string()
                aria-describedby="name-error"
                prop:value=move || fields.name.get()
                on:input=move |ev| fields.name.set(event_target_value(&ev))
            />
            <span class="field-error" id="name-error">{move || errors.get().name}</span>
        </label>
        <label class="field">
            <span class="field-label" id="note-label">"Note"</span>
            <textarea
                name="note"
                aria-labelledby="note-label"
                rows="3"
                prop:value=move || fields.note.get()
                on:input=move |ev| fields.note.set(event_target_value(&ev))
            ></textarea>
        </label>
    }
}

/// The return time (local, `datetime-local`) or "No return time".
fn return_time_field(fields: EditorFields, errors: RwSignal<FieldErrors>) -> impl IntoView {
    let input = NodeRef::<leptos::html::Input>::new();
    let workday = use_context::<RuntimeConfig>().unwrap_or_default().workday;
    // A quick choice writes the input itself: its value is not bound (see below).
    let quick = move |choice: Quick| {
        let now = js_sys::Date::now() as i64;
        if let Some(at) = resolve(choice, now, workday, epoch_ms_to_local, local_to_epoch_ms) {
            let value = at.to_input();
            if let Some(element) = input.get_untracked() {
                element.set_value(&value);
            }
            fields.no_return_time.set(false);
            fields.return_time.set(value);
        }
    };
    view! {
        <div class="field return-time">
            <label class="field">
                <span class="field-label" id="return-time-label">"Return time"</span>
                <input
                    node_ref=input
                    type="datetime-local"
                    name="returnTime"
                    aria-labelledby="return-time-label"
                    aria-invalid=move || errors.get().return_time.is_some().to_string()
                    aria-describedby="return-time-error"
                    disabled=move || fields.no_return_time.get()
                    // The initial value only, not bound: while a date is half typed the input's
                    // value is "", and writing that back would wipe the segments already typed.
                    value=fields.return_time.get_untracked()
                    on:input=move |ev| fields.return_time.set(event_target_value(&ev))
                    on:change=move |ev| fields.return_time.set(event_target_value(&ev))
                />
            </label>
            <label class="check">
                <input
                    type="checkbox"
                    name="noReturnTime"
                    prop:checked=move || fields.no_return_time.get()
                    on:change=move |ev| fields.no_return_time.set(event_target_checked(&ev))
                />
                "No return time"
            </label>
            <div class="quick-times" role="group" aria-label="Quick return times">
                {choices(workday)
                    .into_iter()
                    .map(|(choice, label)| view! {
                        <button type="button" class="quick" on:click=move |_| quick(choice)>{label}</button>
                    })
                    .collect_view()}
            </div>
            <span class="field-error" id="return-time-error">{move || errors.get().return_time}</span>
        </div>
    }
}
