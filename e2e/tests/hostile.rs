//! Hostile and odd input from the server renders inert and legible, and odd usernames are addressed
//! correctly end to end.

use e2e::{with_panel, Panel, DESKTOP};
use reference_server::Config;
use serde_json::json;

const SCRIPT_NAME: &str = "<script>window.__xss = 'status name'</script>";
const IMG_NAME: &str = "<img src=x onerror=\"window.__xss = 'display name'\">";
const ODD_USERNAME: &str = "a?b#c%d/e f";

fn seed() -> std::path::PathBuf {
    let long = "Long note. ".repeat(1000);
    let note = format!("RTL: مرحبا بالعالم\nEmoji: 🙂🎧\nZero\u{200b}width\n{long}");
    let data = json!({"coreServers": [{"id": "c1", "slug": "default", "name": "Odd Office", "users": [
        {"id": "u1", "username": ODD_USERNAME, "displayName": IMG_NAME,
         "status": {"name": SCRIPT_NAME, "type": "away", "note": note}},
        {"id": "u2", "username": "žluťoučký kůň", "displayName": "Žluťoučký Kůň",
         "status": {"name": "Available", "type": "available"}},
        {"id": "u3", "username": "plain", "displayName": "Plain Person",
         "status": {"name": "Lunch", "type": "away", "note": "<b>bold?</b>"}}
    ], "groups": [{"id": "g1", "displayName": "<i>Group</i>", "members": ["u1"]}]}]});
    let path = std::env::temp_dir().join(format!("hostile-seed-{}.json", std::process::id()));
    std::fs::write(&path, data.to_string()).unwrap();
    path
}

#[tokio::test]
async fn markup_from_the_server_is_shown_as_text_and_never_runs() {
    let config = Config {
        data: Some(seed()),
        ..Config::default()
    };
    with_panel(config, DESKTOP, |panel: Panel| async move {
        panel.open_board("/").await;
        let row = format!(".board-row[data-username={ODD_USERNAME:?}]");
        let shown = panel
            .js(&format!(
                "const r = document.querySelector({row:?}); return [r.querySelector('.display-name').textContent, r.querySelector('.col-status-name .status-name').textContent, r.querySelector('.note').textContent, r.querySelectorAll('img, script, b, i').length, window.__xss ?? null]"
            ))
            .await;
        assert!(shown[0].as_str().unwrap().ends_with(IMG_NAME), "{}", shown[0]);
        assert_eq!(shown[1], SCRIPT_NAME);
        let note = shown[2].as_str().unwrap();
        assert!(note.contains("مرحبا") && note.contains("🙂") && note.contains("Zero\u{200b}width") && note.len() > 10_000);
        assert_eq!(shown[3], 0, "no element was made from server text");
        assert_eq!(shown[4], serde_json::Value::Null, "no script ran");
        let bold = panel.js("return document.querySelectorAll('.board-row b').length").await;
        assert_eq!(bold, 0);

        // The odd username is addressed correctly: edit it through the panel, read it back through the API.
        panel.click_button(&format!("Edit status for {IMG_NAME}")).await;
        panel.element("dialog[open]").await;
        panel.fill("Name", "Renamed <safely>").await;
        panel.click_button("Save").await;
        panel.wait_until("saved", "!document.querySelector('dialog[open]')").await;
        assert_eq!(panel.status_of(ODD_USERNAME).await["name"], "Renamed <safely>");
        assert_eq!(panel.status_of("žluťoučký kůň").await["name"], "Available");
        panel
    })
    .await;
}
