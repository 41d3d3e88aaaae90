//! A supervisor's morning in Firefox ESR and in WebKit (Safari's engine), over the release `dist/`: sign in,
//! the board completes, filter, edit and save a status with a return time (checked through REST, in New
//! York's zone), a bulk set, a group member added and removed, the keyboard shortcuts, sign out. WebKit
//! runs it twice more: with `LANG=C.UTF-8` (a container's and many kiosk images' default, where it reports
//! the language `C`, which `Intl` refuses) and at its narrowest window. Controls are found by the role and
//! name each engine computes itself (WebDriver's computed role and label).

use e2e::fantoccini::Locator;
use e2e::{with_panel_on, Engine, Launch, Panel, DESKTOP};
use reference_server::demo::DEFAULT_SERVER_ID;
use reference_server::Config;
use serde_json::{json, Value};

#[tokio::test]
async fn firefox_a_supervisors_morning() {
    morning(&Launch::on(Engine::Firefox), DESKTOP).await;
}

#[tokio::test]
async fn webkit_a_supervisors_morning() {
    morning(&Launch::on(Engine::WebKit), DESKTOP).await;
}

/// The board completes and the editor opens when WebKit's language is `C`: before the panel checked each
/// language with `Intl`, this board stopped at "Loaded 4 of 44" and Edit opened nothing.
#[tokio::test]
async fn webkit_in_the_c_locale_a_supervisors_morning() {
    let launch = Launch {
        lang: "C.UTF-8",
        ..Launch::on(Engine::WebKit)
    };
    morning(&launch, DESKTOP).await;
}

async fn morning(launch: &Launch<'_>, size: (u32, u32)) {
    with_panel_on(launch, Config::default(), size, |panel: Panel| async move {
        panel.open_board("/").await;
        let language = panel.js("return navigator.language").await;
        eprintln!(
            "{}: navigator.language {language}",
            panel.browser.engine.name()
        );
        picker_is_readable(&panel).await;
        filter(&panel).await;
        edit(&panel).await;
        bulk(&panel).await;
        keyboard(&panel).await;
        group(&panel).await;
        panel.click_button("Sign out").await;
        panel.element("input[name=username]").await;
        panel
    })
    .await;
}

/// The top bar's core server picker as the engine paints it (a screenshot of the element, read back in a
/// canvas): its field is dark, like the bar, under light text. WebKit painted it white under white text
/// until the panel drew its selects itself.
async fn picker_is_readable(panel: &Panel) {
    // The whole window's picture, cut to the picker's box: WebKit's pictures of one element come back
    // transparent.
    let png = panel
        .client()
        .screenshot()
        .await
        .expect("a picture of the page");
    let luminance = panel
        .client()
        .execute_async(
            "const [bytes, done] = arguments;
             const box = document.querySelector('.top-bar select').getBoundingClientRect();
             createImageBitmap(new Blob([Uint8Array.from(bytes)], {type: 'image/png'})).then(bitmap => {
                 const scale = bitmap.width / innerWidth;
                 const [x, y, w, h] = [box.x + 2, box.y + 2, box.width - 4, box.height - 4].map(v => Math.round(v * scale));
                 const ctx = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d');
                 ctx.drawImage(bitmap, 0, 0);
                 const data = ctx.getImageData(x, y, w, h).data;
                 let sum = 0;
                 for (let i = 0; i < data.length; i += 4) sum += 0.2126 * data[i] + 0.7152 * data[i + 1] + 0.0722 * data[i + 2];
                 done(sum / (data.length / 4) / 255);
             });",
            vec![json!(png)],
        )
        .await
        .expect("the picture reads")
        .as_f64()
        .unwrap();
    assert!(
        luminance < 0.45,
        "the picker is drawn light ({luminance:.2} of white): its white text is unreadable"
    );
}

/// Typing in the filter narrows the board and reaches the URL; clearing it brings every row back.
async fn filter(panel: &Panel) {
    let all = rows(panel).await;
    let search = panel.by_role("searchbox", "Filter users").await;
    panel.replace_text(&search, "nora").await;
    panel
        .wait_until(
            "one row",
            "document.querySelectorAll('.board-row').length === 1 && location.search.includes('q=nora')",
        )
        .await;
    panel.replace_text(&search, "").await;
    panel
        .wait_until(
            "every row again",
            &format!("document.querySelectorAll('.board-row').length === {all}"),
        )
        .await;
}

async fn rows(panel: &Panel) -> u64 {
    panel
        .js("return document.querySelectorAll('.board-row').length")
        .await
        .as_u64()
        .unwrap()
}

/// A type, a name, a note and tomorrow at the working day's start, saved and read back through REST: the
/// return time is 09:00 in the browser's zone, not the machine's UTC.
async fn edit(panel: &Panel) {
    panel.click_button("Edit status for Steve Summers").await;
    panel.element("dialog[open]").await;
    panel.pick_status_type("Purple").await;
    panel.fill("Name", "Board meeting").await;
    panel.fill("Note", "Room 4").await;
    panel.click_button("Tomorrow 09:00").await;
    panel.click_button("Save").await;
    closed(panel).await;
    let status = panel.status_of("4224").await;
    assert_eq!(
        (&status["type"], &status["name"], &status["note"]),
        (
            &json!("altpurple"),
            &json!("Board meeting"),
            &json!("Room 4")
        ),
        "{status}"
    );
    let expected = panel
        .js("const d = new Date(); d.setDate(d.getDate() + 1); d.setHours(9, 0, 0, 0); return d.getTime()")
        .await;
    assert_eq!(status["returnTime"], expected, "tomorrow 09:00 in New York");
    let zone = panel
        .js("return Intl.DateTimeFormat().resolvedOptions().timeZone")
        .await;
    assert_eq!(zone, "America/New_York");
    panel
        .wait_until(
            "the row to show it",
            "document.querySelector('.board-row[data-username=\"4224\"] .col-status-name .status-name')?.textContent === 'Board meeting' && document.querySelector('.board-row[data-username=\"4224\"] .col-return').textContent.startsWith('back')",
        )
        .await;
}

/// Three rows ticked, one status for all of them.
async fn bulk(panel: &Panel) {
    let chosen = ["4225", "4226", "4227"];
    for u in chosen {
        let css = format!(".board-row[data-username={u:?}] .col-select input");
        panel.element(&css).await.click().await.unwrap();
    }
    panel.click_button("Set status for 3 users").await;
    panel.element("dialog[open]").await;
    panel.pick_status_type("Blue").await;
    panel.fill("Name", "All-hands meeting").await;
    panel.click_button("Save").await;
    panel
        .wait_until(
            "the job to finish",
            "document.querySelector('.bulk-progress span')?.textContent === '3 of 3' && !!document.querySelector('.bulk-report .bulk-line')",
        )
        .await;
    for u in chosen {
        let status = panel.status_of(u).await;
        assert_eq!(
            (&status["type"], &status["name"]),
            (&json!("altblue"), &json!("All-hands meeting")),
            "{u}"
        );
    }
    panel.click_button("Close report").await;
    if panel
        .js("return !!document.querySelector('.selection-bar .muted')")
        .await
        == true
    {
        panel.click_button("Clear selection").await;
    }
    panel
        .wait_until(
            "the report and the selection to go",
            "!document.querySelector('.bulk-report') && !document.querySelector('.selection-bar .muted')",
        )
        .await;
}

/// `/` focuses the filter, `j`/`k` move between rows, `x` ticks one, `e` edits it, `?` lists the keys.
async fn keyboard(panel: &Panel) {
    panel.js("document.activeElement.blur(); return 1").await;
    panel.press('/').await;
    assert_eq!(
        panel
            .js("return document.activeElement.getAttribute('aria-label')")
            .await,
        "Filter users"
    );
    panel.js("document.activeElement.blur(); return 1").await;
    let order: Vec<String> = serde_json::from_value(
        panel
            .js("return [...document.querySelectorAll('.board-row')].map(r => r.dataset.username)")
            .await,
    )
    .unwrap();
    for key in ['j', 'j', 'k'] {
        panel.press(key).await;
    }
    let focused = panel
        .js("return document.activeElement?.closest('.board-row')?.dataset.username ?? ''")
        .await;
    assert_eq!(focused, Value::from(order[0].clone()));
    panel.press('x').await;
    panel
        .wait_until(
            "one selected",
            "document.querySelector('.selection-bar .muted')?.textContent === '1 selected'",
        )
        .await;
    panel.press('x').await;
    panel.press('e').await;
    panel
        .wait_until(
            "the editor",
            "document.querySelector('dialog.editor[open] h2')?.textContent.startsWith('Edit status for')",
        )
        .await;
    panel.press('\u{e00c}').await; // Escape
    closed(panel).await;
    panel.press('?').await;
    panel
        .wait_until(
            "the sheet",
            "document.querySelector('dialog.shortcut-sheet[open]')?.textContent.includes('Keyboard shortcuts')",
        )
        .await;
    panel.press('\u{e00c}').await;
    closed(panel).await;
}

/// Ravi Patel added to Managers and removed again, each step read back through REST.
async fn group(panel: &Panel) {
    let managers = panel.group_id("Managers").await;
    panel.click_link_containing("Groups").await;
    panel.click_link_containing("Managers").await;
    panel
        .wait_until(
            "the members",
            "document.querySelectorAll('.member-row').length > 0",
        )
        .await;
    panel.type_into("input[role=combobox]", "ravi").await;
    panel
        .client()
        .find(Locator::XPath(
            "//li[@role='option'][span[normalize-space()='Ravi Patel']]",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    panel.click_button("Add").await;
    panel
        .wait_until(
            "the member's row",
            "[...document.querySelectorAll('.member-row')].some(r => r.textContent.includes('Ravi Patel'))",
        )
        .await;
    assert!(members(panel, &managers)
        .await
        .contains(&"Ravi Patel".into()));
    panel.click_button("Remove Ravi Patel from Managers").await;
    panel
        .wait_until(
            "the row to go",
            "![...document.querySelectorAll('.member-row')].some(r => r.textContent.includes('Ravi Patel'))",
        )
        .await;
    assert!(!members(panel, &managers)
        .await
        .contains(&"Ravi Patel".into()));
}

async fn members(panel: &Panel, group: &str) -> Vec<String> {
    panel
        .api_get(&format!(
            "config/core/{DEFAULT_SERVER_ID}/userGroups/{group}/users"
        ))
        .await
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["displayName"].as_str().unwrap().to_owned())
        .collect()
}

async fn closed(panel: &Panel) {
    panel
        .wait_until(
            "the dialog to close",
            "!document.querySelector('dialog[open]')",
        )
        .await;
}
