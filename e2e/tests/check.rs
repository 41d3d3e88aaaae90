//! The connection check page (`/check`) in real Chromium: every request the panel depends on, with its
//! result, time and — for a failure — the likely cause and fix, against each kind of server an operator meets.

use std::time::Duration;

use e2e::{dist_dir, with_panel, Panel, DESKTOP, PASSWORD, USER};
use reference_server::gate::Gate;
use reference_server::Config;
use serde_json::Value;

/// Opens `/check` at `origin`, types the credentials (if any), runs the check and returns its rows as
/// `[what, result]`.
async fn run_check(
    panel: &Panel,
    origin: &str,
    credentials: Option<(&str, &str)>,
) -> Vec<(String, String)> {
    panel
        .client()
        .goto(&format!("{origin}/check"))
        .await
        .unwrap();
    panel.element("form.check-form").await;
    if let Some((user, password)) = credentials {
        panel
            .type_into(".check-form input[name=username]", user)
            .await;
        panel
            .type_into(".check-form input[name=password]", password)
            .await;
    }
    panel.click_button("Run the check").await;
    panel
        .wait_until("the check to finish", "document.querySelector('.check-form button[type=submit]')?.textContent === 'Run the check' && document.querySelectorAll('.check-row').length > 0")
        .await;
    let rows: Value = panel
        .js("return [...document.querySelectorAll('.check-row')].map(r => [r.dataset.what, r.querySelector('.check-result').textContent, r.querySelector('.check-url').textContent])")
        .await;
    rows.as_array()
        .unwrap()
        .iter()
        .map(|r| {
            assert!(
                r[2].as_str().unwrap().contains("/communication_manager/"),
                "{r}"
            );
            (
                r[0].as_str().unwrap().to_owned(),
                r[1].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[tokio::test]
async fn signed_out_every_request_is_checked_and_the_bare_socket_is_explained() {
    with_panel(Config::default(), DESKTOP, |panel: Panel| async move {
        // The sign-in page links to it.
        panel.client().goto(&panel.url("/")).await.unwrap();
        panel.click_link_containing("connection check").await;
        panel.element("form.check-form").await;
        let rows = run_check(&panel, &panel.server.origin(), Some((USER, PASSWORD))).await;
        let what: Vec<&str> = rows.iter().map(|(w, _)| w.as_str()).collect();
        assert_eq!(
            what,
            [
                "Core servers",
                "Core server (live)",
                "Users (live)",
                "Users (configuration)",
                "One user's status",
                "One user's logins",
                "User groups",
                "Event socket"
            ]
        );
        for (what, result) in &rows[..7] {
            assert!(result.starts_with("OK"), "{what}: {result}");
        }
        let (_, socket) = &rows[7];
        assert!(
            socket.starts_with("Failed") && socket.contains("proxy add"),
            "{socket}"
        );
        panel
    })
    .await;
}

#[tokio::test]
async fn behind_the_gateway_the_socket_is_live_and_an_event_arrives() {
    let config = Config {
        churn: Some(Duration::from_millis(500)),
        ..Config::default()
    };
    with_panel(config, DESKTOP, |panel: Panel| async move {
        let gateway = e2e::gateway::start(&panel.server, Some(dist_dir()), "/", &[]).await;
        // Signed out, the check says it needs a session there.
        panel.client().goto(&format!("{}/check", gateway.origin())).await.unwrap();
        panel
            .wait_until("the gateway's hint", "document.querySelector('.connection-check .notice-line')?.textContent.includes('sign in first')")
            .await;
        // Signed in at the gateway as a supervisor: the check runs with the session (nothing typed).
        e2e::gateway::open_board(&panel, &gateway.origin()).await;
        let rows = run_check(&panel, &gateway.origin(), None).await;
        assert_eq!(rows.len(), 8, "{rows:?}");
        for (what, result) in &rows {
            assert!(result.starts_with("OK"), "{what}: {result}");
        }
        assert!(rows[7].1.contains("an event arrived"), "{:?}", rows[7]);
        panel
    })
    .await;
}

#[tokio::test]
async fn refusals_are_named_with_their_cause_and_fix() {
    for (gate, says) in [
        (
            Gate {
                acl: Some(vec!["10.255.255.1".parse().unwrap()]),
                ..Gate::default()
            },
            "security.xml",
        ),
        (
            Gate {
                redirect_to_tls: true,
                ..Gate::default()
            },
            "55050",
        ),
    ] {
        let config = Config {
            gate,
            ..Config::default()
        };
        with_panel(config, DESKTOP, move |panel: Panel| async move {
            let rows = run_check(&panel, &panel.server.origin(), Some((USER, PASSWORD))).await;
            let (what, result) = &rows[0];
            assert_eq!(what, "Core servers");
            assert!(
                result.starts_with("Failed") && result.contains(says),
                "{result}"
            );
            panel
        })
        .await;
    }
}
