//! The refusals an operator meets connecting the panel to a real iSymphony, each shown on the sign-in form
//! with its cause and its fix (contract, "Decided here" 13, 16, 17), in real Chromium.

use e2e::{dist_with, with_panel, Panel, DESKTOP, PASSWORD, USER};
use reference_server::gate::Gate;
use reference_server::Config;

/// Signs in and returns what the form says.
async fn refusal(panel: &Panel, password: &str) -> String {
    panel.client().goto(&panel.url("/")).await.unwrap();
    panel.sign_in(USER, password).await;
    panel
        .wait_until(
            "the sign-in error",
            "!!document.querySelector('main.sign-in [role=alert]')",
        )
        .await;
    panel
        .js("return document.querySelector('main.sign-in [role=alert]').textContent")
        .await
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn a_machine_not_on_the_allow_list_is_told_to_add_it_to_security_xml() {
    let config = Config {
        gate: Gate {
            acl: Some(vec!["10.255.255.1".parse().unwrap()]),
            ..Gate::default()
        },
        ..Config::default()
    };
    with_panel(config, DESKTOP, |panel: Panel| async move {
        let said = refusal(&panel, PASSWORD).await;
        assert!(
            said.contains("allowed list") && said.contains("security.xml"),
            "{said}"
        );
        assert!(
            !said.contains("administrator"),
            "not a question of the account: {said}"
        );
        panel
    })
    .await;
}

#[tokio::test]
async fn ssl_turned_on_is_named_instead_of_cannot_reach() {
    let config = Config {
        gate: Gate {
            redirect_to_tls: true,
            ..Gate::default()
        },
        ..Config::default()
    };
    with_panel(config, DESKTOP, |panel: Panel| async move {
        let said = refusal(&panel, PASSWORD).await;
        assert!(said.contains("SSL") && said.contains("55050"), "{said}");
        assert!(!said.contains("Cannot reach"), "{said}");
        panel
    })
    .await;
}

#[tokio::test]
async fn wrong_credentials_mention_the_realm_users_of_security_xml() {
    with_panel(Config::default(), DESKTOP, |panel: Panel| async move {
        let said = refusal(&panel, "not-the-password").await;
        assert!(said.starts_with("Wrong username or password"), "{said}");
        assert!(
            said.contains("realm") && said.contains("security.xml"),
            "{said}"
        );
        panel
    })
    .await;
}

#[tokio::test]
async fn a_server_without_the_rest_api_is_named_by_the_version_needed() {
    // No REST API at the configured address: what a server older than 3.2 (or a proxy path that does
    // not reach it) answers.
    let dist = dist_with(
        "no-rest",
        Some(r#"{"apiBase":"/communication_manager/v2/"}"#),
    );
    let config = Config {
        static_dir: Some(dist),
        ..Config::default()
    };
    with_panel(config, DESKTOP, |panel: Panel| async move {
        let said = refusal(&panel, PASSWORD).await;
        assert!(said.contains("3.2 or newer"), "{said}");
        panel
    })
    .await;
}
