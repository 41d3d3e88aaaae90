//! The status editor and its type picker, mounted in headless Chromium and driven through the DOM: mouse,
//! keyboard, the return-time input, validation messages, and a failed save that keeps what was typed.

mod common;

use common::{container, find, press, text, type_into, wait_for};
use isymphony_panel::api::types::{SetStatus, UserStatus};
use isymphony_panel::api::vocabulary::StatusType;
use isymphony_panel::api::{status, ApiClient, Credentials};
use isymphony_panel::components::status_editor::{EditorFields, StatusEditor};
use isymphony_panel::components::status_picker::StatusPicker;
use isymphony_panel::domain::return_time::{epoch_ms_to_local, local_to_epoch_ms, LocalDateTime};
use isymphony_panel::domain::status_form::StatusDraft;
use leptos::prelude::*;
use leptos::task::tick;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn selected(root: &web_sys::Element) -> String {
    text(root, "[role=option][aria-selected=true] span:last-child")
}

#[wasm_bindgen_test]
async fn the_picker_selects_with_the_mouse() {
    let root = container();
    let value = RwSignal::new(None::<StatusType>);
    let _m = mount_to(
        root.clone(),
        move || view! { <StatusPicker value error=Signal::derive(|| None)/> },
    );
    assert_eq!(
        root.query_selector_all("[role=option]").unwrap().length(),
        11
    );
    assert_eq!(selected(&root), "");
    find::<web_sys::HtmlElement>(&root, "#status-type-altpurple").click();
    tick().await;
    assert_eq!(value.get_untracked(), Some(StatusType::AltPurple));
    assert_eq!(selected(&root), "Purple");
    let listbox: web_sys::Element = find(&root, "[role=listbox]");
    assert_eq!(
        listbox.get_attribute("aria-activedescendant").as_deref(),
        Some("status-type-altpurple")
    );
    assert_eq!(text(&root, "#status-type-label"), "Status type");
}

#[wasm_bindgen_test]
async fn the_picker_works_from_the_keyboard_alone() {
    let root = container();
    let value = RwSignal::new(Some(StatusType::Away));
    let _m = mount_to(
        root.clone(),
        move || view! { <StatusPicker value error=Signal::derive(|| None)/> },
    );
    let listbox: web_sys::Element = find(&root, "[role=listbox]");
    assert_eq!(listbox.get_attribute("tabindex").as_deref(), Some("0"));
    let steps = [
        ("ArrowDown", "Extended away"),
        ("ArrowRight", "Do not disturb"),
        ("ArrowUp", "Extended away"),
        ("End", "Red"),
        ("ArrowDown", "Red"),
        ("Home", "Available"),
        ("ArrowLeft", "Available"),
        ("p", "Pink"),
        ("p", "Purple"),
        ("c", "Chat"),
        ("u", "Unavailable"),
    ];
    for (key, expected) in steps {
        // Type-ahead letters more than a moment apart start a new search.
        common::sleep(750).await;
        press(&listbox, key);
        tick().await;
        assert_eq!(selected(&root), expected, "after {key}");
        let active = listbox.get_attribute("aria-activedescendant").unwrap();
        assert_eq!(text(&root, &format!("#{active} span:last-child")), expected);
    }
}

fn editor(
    root: &web_sys::HtmlElement,
    fields: EditorFields,
    error: RwSignal<Option<String>>,
    on_save: Callback<SetStatus>,
) -> leptos::mount::UnmountHandle<impl Mountable> {
    mount_to(root.clone(), move || {
        view! {
            <StatusEditor
                title="Edit status for Steve Summers"
                fields
                saving=Signal::derive(|| false)
                error
                notice=Signal::derive(|| None::<String>)
                presets=Signal::derive(Vec::new)
                on_save
                on_preset=Callback::new(|_| {})
                on_cancel=Callback::new(|_| {})
            />
        }
    })
}

fn status(return_time: i64) -> UserStatus {
    UserStatus {
        id: String::new(),
        configuration_id: String::new(),
        name: "Lunch".into(),
        kind: StatusType::Away,
        note: "Back soon".into(),
        return_time,
        user_created: false,
    }
}

fn submit(root: &web_sys::Element) {
    find::<web_sys::HtmlElement>(root, "button[type=submit]").click();
}

#[wasm_bindgen_test]
async fn the_return_time_input_round_trips_local_time_and_milliseconds() {
    let root = container();
    let local = LocalDateTime {
        year: 2026,
        month: 11,
        day: 24,
        hour: 9,
        minute: 30,
    };
    let ms = local_to_epoch_ms(local).unwrap();
    let fields = EditorFields::new(StatusDraft::from_status(&status(ms), epoch_ms_to_local));
    let sent = RwSignal::new(None::<SetStatus>);
    let _m = editor(
        &root,
        fields,
        RwSignal::new(None),
        Callback::new(move |b| sent.set(Some(b))),
    );
    let input: web_sys::HtmlInputElement = find(&root, "input[name=returnTime]");
    assert_eq!(input.value(), "2026-11-24T09:30", "shown in local time");

    type_into(&input, "2027-01-15T18:45");
    submit(&root);
    tick().await;
    let expected =
        js_sys::Date::new_with_year_month_day_hr_min(2027, 0, 15, 18, 45).get_time() as i64;
    assert_eq!(sent.get_untracked().map(|b| b.return_time), Some(expected));

    let no_return: web_sys::HtmlInputElement = find(&root, "input[name=noReturnTime]");
    no_return.click();
    tick().await;
    assert!(input.disabled());
    submit(&root);
    tick().await;
    assert_eq!(sent.get_untracked().map(|b| b.return_time), Some(-1));
}

#[wasm_bindgen_test]
async fn validation_messages_sit_beside_their_fields() {
    let root = container();
    let mut draft = StatusDraft::from_status(&status(-1), epoch_ms_to_local);
    draft.kind = None;
    let fields = EditorFields::new(draft);
    let sent = RwSignal::new(0);
    let _m = editor(
        &root,
        fields,
        RwSignal::new(None),
        Callback::new(move |_| sent.update(|n| *n += 1)),
    );
    type_into(&find(&root, "input[name=name]"), "   ");
    find::<web_sys::HtmlInputElement>(&root, "input[name=noReturnTime]").click();
    tick().await;
    submit(&root);
    tick().await;
    assert_eq!(
        sent.get_untracked(),
        0,
        "nothing is sent while a field is wrong"
    );
    assert_eq!(text(&root, "#name-error"), "Enter a status name.");
    assert_eq!(text(&root, "#status-type-error"), "Choose a status type.");
    assert_eq!(
        text(&root, "#return-time-error"),
        "Enter a return time, or tick “No return time”."
    );
    let name: web_sys::Element = find(&root, "input[name=name]");
    assert_eq!(name.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(
        name.get_attribute("aria-describedby").as_deref(),
        Some("name-error")
    );

    // Correcting a field clears its message at once.
    type_into(&find(&root, "input[name=name]"), "Lunch");
    tick().await;
    assert_eq!(text(&root, "#name-error"), "");
    assert_eq!(text(&root, "#status-type-error"), "Choose a status type.");
}

#[wasm_bindgen_test]
async fn a_failed_save_keeps_everything_typed_and_says_why() {
    let root = container();
    let fields = EditorFields::new(StatusDraft::from_status(&status(-1), epoch_ms_to_local));
    let error = RwSignal::new(None::<String>);
    // A real request to a port where nothing listens: the network failure a supervisor would meet.
    let on_save = Callback::new(move |body: SetStatus| {
        leptos::task::spawn_local(async move {
            let api = ApiClient::new(
                "http://127.0.0.1:9/communication_manager/",
                &Credentials::new("m", "p"),
            );
            if let Err(e) = status::set(&api, "default", "4224", &body).await {
                error.set(Some(e.message()));
            }
        });
    });
    let _m = editor(&root, fields, error, on_save);
    find::<web_sys::HtmlElement>(&root, "#status-type-dnd").click();
    type_into(&find(&root, "input[name=name]"), "Dentist");
    let note: web_sys::HtmlTextAreaElement = find(&root, "textarea[name=note]");
    note.set_value("Line one\nLine two");
    note.dispatch_event(
        &web_sys::Event::new_with_event_init_dict("input", &{
            let init = web_sys::EventInit::new();
            init.set_bubbles(true);
            init
        })
        .unwrap(),
    )
    .unwrap();
    submit(&root);
    wait_for("the save error", || {
        text(&root, "[role=alert]").contains("Cannot reach")
    })
    .await;
    assert_eq!(
        find::<web_sys::HtmlInputElement>(&root, "input[name=name]").value(),
        "Dentist"
    );
    assert_eq!(note.value(), "Line one\nLine two");
    assert_eq!(selected(&root), "Do not disturb");
    assert_eq!(fields.draft().name, "Dentist");
}
