//! Runtime configuration: `config.json` beside `index.html` configures one build for any site.

use e2e::{dist_with, with_panel, Panel, DESKTOP, PASSWORD, USER};
use reference_server::Config;

#[tokio::test]
async fn the_file_sets_the_title_default_core_server_and_refresh() {
    let dist = dist_with(
        "good",
        Some(r#"{"title":"Front office board","defaultCoreServer":"branch","refreshSeconds":30}"#),
    );
    with_panel(Config { static_dir: Some(dist), ..Config::default() }, DESKTOP, |panel: Panel| async move {
        panel.client().goto(&panel.url("/")).await.unwrap();
        panel.sign_in(USER, PASSWORD).await;
        panel.wait_for_board().await;
        assert_eq!(panel.client().current_url().await.unwrap().path(), "/servers/branch/status");
        assert_eq!(panel.client().title().await.unwrap(), "Front office board");
        assert_eq!(panel.js("return document.querySelector('.brand').textContent").await, "Front office board");
        let refresh = panel.js("return [...document.querySelectorAll('.toolbar select')].pop().selectedOptions[0].textContent").await;
        assert_eq!(refresh, "30 s");
        assert_eq!(panel.js("return document.querySelectorAll('.config-notice').length").await, 0);
        panel
    })
    .await;
}

#[tokio::test]
async fn a_broken_or_missing_file_gives_the_defaults_and_says_so() {
    for (name, config, needle) in [
        ("broken", Some("{ not json"), "config.json was not used"),
        ("missing", None, "No config.json"),
    ] {
        let dist = dist_with(name, config);
        with_panel(Config { static_dir: Some(dist), ..Config::default() }, DESKTOP, |panel: Panel| async move {
            panel.client().goto(&panel.url("/")).await.unwrap();
            panel
                .wait_until("the notice", &format!("document.querySelector('.config-notice')?.textContent.includes({needle:?})"))
                .await;
            panel.sign_in(USER, PASSWORD).await;
            panel.wait_for_board().await;
            assert_eq!(panel.client().current_url().await.unwrap().path(), "/servers/default/status");
            panel
        })
        .await;
    }
}

/// The site's presets come first in the editor and the bulk editor; each sets its status with the return
/// time it names, worked out in the browser's zone (New York) when clicked; a bad one is named in the
/// notice and left out.
#[tokio::test]
async fn site_presets_set_a_length_or_an_end_for_one_user_or_several() {
    let dist = dist_with(
        "presets",
        Some(
            r#"{"presets":[
                {"name":"Lunch","type":"away","note":"Canteen","for":"30 min"},
                {"name":"Nap","type":"snooze"},
                {"name":"Out of office","type":"xa","until":"next Monday 09:00"}]}"#,
        ),
    );
    with_panel(Config { static_dir: Some(dist), ..Config::default() }, DESKTOP, |panel: Panel| async move {
        panel.client().goto(&panel.url("/")).await.unwrap();
        panel
            .wait_until("the notice", "document.querySelector('.config-notice')?.textContent.includes('preset 2 (\"Nap\"): type \"snooze\"')")
            .await;
        panel.sign_in(USER, PASSWORD).await;
        panel.wait_for_board().await;

        panel.click_button("Edit status for Nora Virtanen").await;
        let first = panel.js("return document.querySelector('dialog[open] .presets button').textContent").await;
        assert_eq!(first, "Lunch · 30 min", "the site's presets come first");
        let clicked = reference_server::now_ms();
        panel.click_button("Lunch · 30 min").await;
        panel.wait_until("the editor to close", "!document.querySelector('dialog[open]')").await;
        let status = panel.status_of("4225").await;
        assert_eq!((status["type"].as_str(), status["name"].as_str(), status["note"].as_str()), (Some("away"), Some("Lunch"), Some("Canteen")));
        let back = status["returnTime"].as_i64().unwrap();
        let expected = clicked + 30 * 60_000;
        assert!((expected - 60_000..=expected + 1_000).contains(&back), "{back} is not {expected} to the minute");

        let five = ["4226", "4227", "4228", "4229", "4230"];
        for u in five {
            panel.element(&format!(".board-row[data-username={u:?}] .col-select input")).await.click().await.unwrap();
        }
        panel.click_button("Set status for 5 users").await;
        panel.click_button("Out of office · next Monday 09:00").await;
        panel.wait_until("the job to finish", "document.querySelector('.bulk-progress span')?.textContent === '5 of 5'").await;
        let monday = panel
            .js("const d = new Date(); d.setDate(d.getDate() + ((8 - d.getDay()) % 7 || 7)); d.setHours(9, 0, 0, 0); return d.getTime()")
            .await;
        for u in five {
            let status = panel.status_of(u).await;
            assert_eq!((status["type"].as_str(), status["name"].as_str()), (Some("xa"), Some("Out of office")), "{u}");
            assert_eq!(status["returnTime"], monday, "{u}: next Monday 09:00 in New York");
        }
        panel
    })
    .await;
}
