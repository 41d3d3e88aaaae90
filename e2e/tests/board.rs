//! Sign in and see the board: real Chromium, the release dist/, the reference server's demo office.

use std::sync::Arc;

use e2e::{with_panel, Panel, DESKTOP, PASSWORD, USER};
use reference_server::{Config, Stats};

#[tokio::test]
async fn signing_in_shows_every_user_with_their_status() {
    with_panel(Config::default(), DESKTOP, |panel: Panel| async move {
        panel.client().goto(&panel.url("/")).await.unwrap();
        panel.sign_in(USER, PASSWORD).await;
        panel.wait_for_board().await;

        // The core server is in the URL.
        let url = panel.client().current_url().await.unwrap();
        assert_eq!(url.path(), "/servers/default/status");

        // One row per live user, in the order of the API's users sorted by name.
        let live = panel.api_get("live/coreServers/getByName/default/users").await;
        let rows = panel.js("return [...document.querySelectorAll('.board-row')].map(r => r.dataset.username)").await;
        let mut expected: Vec<&str> = live.as_array().unwrap().iter().map(|u| u["userName"].as_str().unwrap()).collect();
        let mut shown: Vec<&str> = rows.as_array().unwrap().iter().map(|u| u.as_str().unwrap()).collect();
        assert_eq!(shown.len(), expected.len());
        expected.sort();
        shown.sort();
        assert_eq!(shown, expected);

        // Each full user's row shows the status the API reports.
        for username in ["4224", "ops/night", "józef.wójcik", "front desk"] {
            let encoded = username.replace('/', "%2F").replace(' ', "%20").replace('ó', "%C3%B3");
            let status = panel
                .api_get(&format!("live/coreServers/getByName/default/users/getByName/{encoded}/status"))
                .await;
            let row = panel
                .js(&format!(
                    "const r = [...document.querySelectorAll('.board-row')].find(r => r.dataset.username === {username:?});
                     return {{ name: r.querySelector('.col-status-name .status-name').textContent,
                               badge: r.querySelector('.badge').className,
                               note: r.querySelector('.col-note').textContent }};"
                ))
                .await;
            assert_eq!(row["name"], status["name"], "{username}");
            assert!(
                row["badge"].as_str().unwrap().contains(&format!("badge-{}", status["type"].as_str().unwrap())),
                "{username}: {row}"
            );
            assert_eq!(row["note"], status["note"], "{username}");
        }
        panel
    })
    .await;
}

#[tokio::test]
async fn lite_users_are_marked_and_have_no_presence() {
    with_panel(Config::default(), DESKTOP, |panel: Panel| async move {
        panel.client().goto(&panel.url("/")).await.unwrap();
        panel.sign_in(USER, PASSWORD).await;
        panel.wait_for_board().await;
        let lite = panel
            .js("return [...document.querySelectorAll('.board-row')].filter(r => r.querySelector('.tag-lite')).map(r => [r.dataset.username, r.querySelector('.col-status-name .status-name').textContent])")
            .await;
        let mut lite: Vec<(String, String)> = serde_json::from_value(lite).unwrap();
        lite.sort();
        assert_eq!(
            lite,
            [
                ("4243".to_owned(), "lite — no presence".to_owned()),
                ("lobby-phone".to_owned(), "lite — no presence".to_owned()),
                ("warehouse".to_owned(), "lite — no presence".to_owned()),
            ]
        );
        // Editing is offered to every full user and to no lite user.
        let edit = panel
            .js("return [...document.querySelectorAll('.board-row')].map(r => [r.dataset.username, !!r.querySelector('.tag-lite'), !!r.querySelector('button.edit')])")
            .await;
        for row in edit.as_array().unwrap() {
            assert_ne!(row[1], row[2], "{row}");
        }
        panel
    })
    .await;
}

#[tokio::test]
async fn a_wrong_password_gets_the_panels_own_message() {
    with_panel(Config::default(), DESKTOP, |panel: Panel| async move {
        panel.client().goto(&panel.url("/servers/branch/status")).await.unwrap();
        panel.sign_in(USER, "not-the-password").await;
        panel
            .wait_until("the sign-in error", "document.querySelector('[role=alert]')?.textContent.startsWith('Wrong username or password')")
            .await;
        // Still on the sign-in form, with no native dialog in the way: the page still answers scripts.
        assert_eq!(panel.js("return document.querySelectorAll('input[name=password]').length").await, 1);

        // The deep link survives: signing in correctly lands on the branch board.
        panel.sign_in(USER, PASSWORD).await;
        panel.wait_for_board().await;
        assert_eq!(panel.client().current_url().await.unwrap().path(), "/servers/branch/status");
        let names = panel.js("return document.querySelectorAll('.board-row').length").await;
        assert_eq!(names, 7);
        panel
    })
    .await;
}

#[tokio::test]
async fn statuses_load_with_at_most_six_requests_in_flight() {
    let stats = Arc::new(Stats::default());
    // A little latency, as a real PBX has, so requests overlap and the limit is what holds them back.
    let config = Config {
        stats: Some(stats.clone()),
        faults: reference_server::faults::Faults {
            latency: reference_server::faults::Latency::fixed(std::time::Duration::from_millis(40)),
            ..Default::default()
        },
        ..Config::default()
    };
    with_panel(config, DESKTOP, |panel: Panel| async move {
        panel.open_board("/").await;
        let requests = stats.requests();
        let status_reads = requests
            .iter()
            .filter(|r| r.starts_with("GET") && r.ends_with("/status"))
            .count();
        assert_eq!(status_reads, 41, "one status read per full user");
        // The per-user reads (status, then logins) of the board: never more than six at once, and six used.
        let max = stats.max_in_flight(|line| line.contains("/users/getByName/"));
        assert_eq!(max, 6, "per-user requests in flight at once");
        panel
    })
    .await;
}
