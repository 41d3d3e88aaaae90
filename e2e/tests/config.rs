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
