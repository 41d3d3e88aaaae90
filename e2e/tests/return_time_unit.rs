//! `returnTime` in milliseconds (the vendor's pages) or seconds (their example): the editor writes and the
//! board reads in the unit `config.json` names, and a board reading seconds as milliseconds says so.

use e2e::{dist_with, with_panel, Panel, DESKTOP};
use reference_server::model::ReturnTimeUnit;
use reference_server::Config;
use serde_json::json;

/// Sets Steve Summers' return time to tomorrow 09:30 in the editor; returns that time in milliseconds as
/// the browser computes it.
async fn set_return_time_tomorrow(panel: &Panel) -> i64 {
    panel.click_button("Edit status for Steve Summers").await;
    panel.element("dialog[open]").await;
    let expected = panel.type_return_time_tomorrow().await;
    panel.click_button("Save").await;
    panel
        .wait_until(
            "the editor to close",
            "!document.querySelector('dialog[open]')",
        )
        .await;
    expected
}

async fn row_return_text(panel: &Panel) -> String {
    panel
        .js("return document.querySelector('.board-row[data-username=\"4224\"] .return')?.textContent ?? ''")
        .await
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn the_editor_writes_and_the_board_reads_milliseconds_by_default() {
    with_panel(Config::default(), DESKTOP, |panel: Panel| async move {
        panel.open_board("/").await;
        let expected = set_return_time_tomorrow(&panel).await;
        assert_eq!(panel.status_of("4224").await["returnTime"], expected);
        let shown = row_return_text(&panel).await;
        assert!(
            shown.contains("back in") && !shown.contains("overdue"),
            "{shown}"
        );
        panel
    })
    .await;
}

#[tokio::test]
async fn with_return_time_unit_s_the_editor_writes_and_the_board_reads_seconds() {
    let config = Config {
        return_time_unit: ReturnTimeUnit::Seconds,
        static_dir: Some(dist_with("seconds", Some(r#"{"returnTimeUnit":"s"}"#))),
        ..Config::default()
    };
    with_panel(config, DESKTOP, |panel: Panel| async move {
        panel.open_board("/").await;
        let expected = set_return_time_tomorrow(&panel).await;
        assert_eq!(panel.status_of("4224").await["returnTime"], expected / 1000);
        // Read back in seconds, shown as tomorrow — not as a date in 1970.
        let shown = row_return_text(&panel).await;
        assert!(
            shown.contains("back in") && !shown.contains("overdue"),
            "{shown}"
        );
        let page = panel.js("return document.body.innerText").await;
        assert!(
            !page.as_str().unwrap().contains("look like seconds"),
            "{page}"
        );
        panel
    })
    .await;
}

#[tokio::test]
async fn a_server_in_seconds_read_as_milliseconds_gets_one_notice_naming_the_setting() {
    let config = Config {
        return_time_unit: ReturnTimeUnit::Seconds,
        ..Config::default()
    };
    with_panel(config, DESKTOP, |panel: Panel| async move {
        // Someone else set the vendor's example through the API, in seconds.
        panel
            .set_status_via_api("4224", json!({"name": "Went back in time", "type": "away", "returnTime": 499132800}))
            .await;
        panel.open_board("/").await;
        let notices = panel
            .js("return [...document.querySelectorAll('.notice-line')].filter(n => n.textContent.includes('look like seconds')).map(n => n.textContent)")
            .await;
        let notices = notices.as_array().unwrap();
        assert_eq!(notices.len(), 1, "{notices:?}");
        assert!(notices[0].as_str().unwrap().contains("returnTimeUnit"), "{notices:?}");
        panel
    })
    .await;
}
