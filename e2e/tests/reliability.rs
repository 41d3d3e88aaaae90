//! When the server changes under the panel: credentials changed mid-session, the server gone.

use std::sync::Arc;
use std::time::{Duration, Instant};

use e2e::{with_panel, Panel, DESKTOP, USER};
use reference_server::faults::{Faults, Latency};
use reference_server::{Config, Credentials, Stats};

/// The operator changes the supervisor's password on the server.
fn change_password(panel: &Panel, password: &str) {
    panel.server.state.set_credentials(Credentials {
        user: USER.into(),
        password: password.into(),
    });
}

/// Sets the `selected` users to an "Available" status named `name`, and returns once the first answers
/// are in: the password may change while the rest are on their way.
async fn bulk_set_under_way(panel: &Panel, selected: u64, name: &str) {
    panel
        .click_role("button", &format!("Set status for {selected} users"))
        .await;
    panel.click_role("option", "Available").await;
    panel.fill("Name", name).await;
    panel.click_button("Save").await;
    panel
        .wait_until(
            "the first users set",
            "!!document.querySelector('.bulk-progress span') && !document.querySelector('.bulk-progress span').textContent.startsWith('0 of')",
        )
        .await;
}

/// Waits for "Sign in again" over the page, signs in with `password` and waits for the dialog to go.
async fn sign_in_again(panel: &Panel, password: &str) {
    panel
        .wait_until(
            "the sign-in dialog",
            "!!document.querySelector('dialog.sign-in-again[open]')",
        )
        .await;
    panel.fill("Username", USER).await;
    panel.fill("Password", password).await;
    panel.click_role("button", "Sign in").await;
    panel
        .wait_until(
            "the dialog to go",
            "!document.querySelector('dialog.sign-in-again')",
        )
        .await;
}

#[tokio::test]
async fn a_401_mid_edit_asks_to_sign_in_again_and_keeps_the_unsaved_edit() {
    with_panel(Config::default(), DESKTOP, |panel: Panel| async move {
        panel.open_board("/").await;
        panel.click_button("Edit status for Henry Thompson").await;
        panel.element("dialog[open]").await;
        panel.fill("Name", "Do not lose this").await;
        panel
            .fill("Note", "typed before the password changed")
            .await;

        change_password(&panel, "n3w-pa55");
        panel.click_button("Save").await;
        panel
            .wait_until(
                "the sign-in dialog",
                "!!document.querySelector('dialog.sign-in-again[open]')",
            )
            .await;

        // Underneath, the editor and what was typed are still there.
        assert_eq!(
            panel.value_of("dialog.editor input[name=name]").await,
            "Do not lose this"
        );
        assert_eq!(
            panel.value_of("dialog.editor textarea[name=note]").await,
            "typed before the password changed"
        );

        sign_in_again(&panel, "n3w-pa55").await;
        assert_eq!(
            panel.value_of("dialog.editor input[name=name]").await,
            "Do not lose this"
        );

        panel.click_button("Save").await;
        panel
            .wait_until(
                "the editor to close",
                "!document.querySelector('dialog.editor')",
            )
            .await;
        let status = panel.status_of_with("4220", USER, "n3w-pa55").await;
        assert_eq!(status["name"], "Do not lose this");
        assert_eq!(status["note"], "typed before the password changed");
        assert!(!panel
            .js("return JSON.stringify({...localStorage, ...sessionStorage})")
            .await
            .as_str()
            .unwrap()
            .contains("n3w-pa55"));
        panel
    })
    .await;
}

#[tokio::test]
async fn a_401_in_the_middle_of_a_bulk_set_asks_to_sign_in_again_and_the_rest_can_be_retried() {
    let slow = Config {
        faults: Faults {
            latency: Latency::fixed(Duration::from_millis(300)),
            ..Faults::default()
        },
        ..Config::default()
    };
    with_panel(slow, DESKTOP, |panel: Panel| async move {
        panel.open_board("/").await;
        // Eighteen full users, as the board lists them (a row's data has no accessible name: read by
        // CSS), with their names from the server.
        let usernames: Vec<String> = serde_json::from_value(
            panel
                .js("return [...document.querySelectorAll('.board-row')].filter(r => !r.querySelector('.tag-lite')).map(r => r.dataset.username).slice(0, 18)")
                .await,
        )
        .unwrap();
        let live = panel.api_get("live/coreServers/getByName/default/users").await;
        let users: Vec<(String, String)> = usernames
            .into_iter()
            .map(|u| {
                let record = live.as_array().unwrap().iter().find(|r| r["userName"] == u.as_str()).unwrap();
                let name = record["displayedName"].as_str().unwrap_or(&u).to_owned();
                (u, name)
            })
            .collect();
        for (_, name) in &users {
            panel.click_role("checkbox", &format!("Select {name}")).await;
        }
        bulk_set_under_way(&panel, 18, "Evacuation drill").await;
        change_password(&panel, "n3w-pa55");

        sign_in_again(&panel, "n3w-pa55").await;
        // Nothing was lost: the report names who failed and why, and offers to retry them.
        panel
            .wait_until("the job to end", "!!document.querySelector('.bulk-failed')")
            .await;
        let report = panel
            .js("return document.querySelector('.bulk-report').textContent")
            .await;
        let report = report.as_str().unwrap().to_owned();
        assert!(report.contains("Sign in again"), "the 401 is the reason: {report}");
        assert_eq!(
            panel
                .js("return document.querySelectorAll('.board-row .col-select input:checked').length")
                .await,
            18,
            "the selection is kept"
        );
        panel.click_role("button", "Retry failed").await;
        panel
            .wait_until(
                "every user set",
                "!document.querySelector('.bulk-failed') && document.querySelector('.bulk-line')?.textContent === 'Succeeded: 18'",
            )
            .await;
        for (u, _) in &users {
            let status = panel.status_of_with(u, USER, "n3w-pa55").await;
            assert_eq!(status["name"], "Evacuation drill", "{u}");
        }
        panel
    })
    .await;
}

#[tokio::test]
async fn a_401_on_undo_asks_to_sign_in_again_and_the_undo_can_be_tried_again() {
    with_panel(Config::default(), DESKTOP, |panel: Panel| async move {
        panel.open_board("/").await;
        let before = panel.status_of("4224").await;
        panel
            .click_role("button", "Edit status for Steve Summers")
            .await;
        panel.fill("Name", "Off site").await;
        panel.click_button("Save").await;
        panel
            .wait_until("saved", "!document.querySelector('dialog[open]')")
            .await;

        change_password(&panel, "n3w-pa55");
        panel.click_role("button", "Undo").await;
        sign_in_again(&panel, "n3w-pa55").await;
        panel
            .wait_until(
                "the failed undo's notification",
                "[...document.querySelectorAll('.toast-text')].some(t => t.textContent === 'Undo failed for 1 of 1 users; see Activity.')",
            )
            .await;
        assert_eq!(
            panel.status_of_with("4224", USER, "n3w-pa55").await["name"],
            "Off site"
        );
        panel.click_role("button", "Retry undo").await;
        panel
            .wait_until(
                "the undo's notification",
                "[...document.querySelectorAll('.toast-text')].some(t => t.textContent === 'Undone: 1 restored.')",
            )
            .await;
        let after = panel.status_of_with("4224", USER, "n3w-pa55").await;
        for field in ["name", "type", "note", "returnTime"] {
            assert_eq!(after[field], before[field], "{field}");
        }
        panel
    })
    .await;
}

#[tokio::test]
async fn the_console_is_really_read_by_the_harness() {
    // The harness fails any test whose console shows a panic or a password; make sure it sees the console.
    with_panel(Config::default(), DESKTOP, |panel: Panel| async move {
        panel.client().goto(&panel.url("/")).await.unwrap();
        panel
            .js("console.warn('harness-probe-line'); return 1")
            .await;
        let lines = panel.browser.console().await;
        assert!(
            lines.iter().any(|l| l.contains("harness-probe-line")),
            "{lines:?}"
        );
        panel
    })
    .await;
}

#[tokio::test]
async fn under_faults_reads_retry_and_the_board_converges_to_the_full_data() {
    let faults = Faults {
        latency: reference_server::faults::Latency::fixed(Duration::from_millis(30)),
        error_rate: 0.15,
        drop_rate: 0.05,
        malformed_rate: 0.05,
        seed: 11,
    };
    with_panel(Config { faults, ..Config::default() }, DESKTOP, |panel: Panel| async move {
        panel.client().goto(&panel.url("/")).await.unwrap();
        panel.sign_in(USER, e2e::PASSWORD).await;
        panel.wait_for_board().await;
        // Every full user's row ends up showing what the server holds (a row that failed all its
        // retries is read again on the next refresh).
        let expected = {
            panel.server.state.faults.set(Faults::default());
            let mut out = Vec::new();
            for u in panel.api_get("live/coreServers/getByName/default/users").await.as_array().unwrap() {
                let name = u["userName"].as_str().unwrap().to_owned();
                if let Some(s) = panel.status_if_any(&name).await {
                    out.push((name, s["name"].as_str().unwrap().to_owned()));
                }
            }
            panel.server.state.faults.set(faults_again());
            out
        };
        let script = format!(
            "({}).every(([u, n]) => document.querySelector(`.board-row[data-username=\"${{u}}\"] .col-status-name .status-name`)?.textContent === n)",
            serde_json::to_string(&expected).unwrap()
        );
        panel.wait_until("every status", &script).await;
        panel
    })
    .await;
}

fn faults_again() -> Faults {
    Faults {
        error_rate: 0.15,
        drop_rate: 0.05,
        malformed_rate: 0.05,
        seed: 12,
        ..Faults::default()
    }
}

#[tokio::test]
async fn a_failed_write_is_not_retried_behind_the_supervisors_back() {
    let stats = Arc::new(Stats::default());
    with_panel(Config { stats: Some(stats.clone()), ..Config::default() }, DESKTOP, |panel: Panel| async move {
        panel.open_board("/").await;
        panel.click_button("Edit status for Isla MacDonald").await;
        panel.element("dialog[open]").await;
        panel.fill("Name", "Half-day").await;
        panel.server.state.faults.set(Faults { error_rate: 1.0, ..Faults::default() });
        panel.click_button("Save").await;
        panel
            .wait_until("the reason", "document.querySelector('dialog [role=alert]')?.textContent.includes('HTTP 500')")
            .await;
        tokio::time::sleep(Duration::from_secs(2)).await;
        let posts = stats.requests().iter().filter(|r| r.starts_with("POST") && r.ends_with("/status/set")).count();
        assert_eq!(posts, 1, "one attempt, then the supervisor decides");
        assert_eq!(panel.value_of("dialog input[name=name]").await, "Half-day");
        panel
    })
    .await;
}

#[tokio::test]
async fn live_ids_changing_underneath_do_not_matter() {
    let config = Config {
        restart_every: Some(Duration::from_millis(700)),
        ..Config::default()
    };
    with_panel(config, DESKTOP, |panel: Panel| async move {
        panel.open_board("/").await;
        tokio::time::sleep(Duration::from_millis(1500)).await;
        panel.click_button("Edit status for Lucy Evans").await;
        panel.element("dialog[open]").await;
        panel.fill("Name", "After two restarts").await;
        panel.click_button("Save").await;
        panel
            .wait_until("saved", "!document.querySelector('dialog[open]')")
            .await;
        assert_eq!(panel.status_of("4227").await["name"], "After two restarts");
        panel
    })
    .await;
}

#[tokio::test]
async fn credentials_stay_in_memory_unless_the_supervisor_asks_and_sign_out_forgets_them() {
    const STORAGE: &str = "return JSON.stringify({...localStorage}) + '|' + JSON.stringify({...sessionStorage}) + '|' + document.cookie";
    with_panel(Config::default(), DESKTOP, |panel: Panel| async move {
        // Not ticked: after signing in and working, no storage area and no cookie holds the password.
        panel.open_board("/").await;
        panel.click_button("Edit status for Ravi Patel").await;
        panel.element("dialog[open]").await;
        panel.click_button("Available").await;
        panel.wait_until("saved", "!document.querySelector('dialog[open]')").await;
        let stored = panel.js(STORAGE).await;
        assert!(!stored.as_str().unwrap().contains(e2e::PASSWORD), "{stored}");
        let idb = panel
            .client()
            .execute_async("const done = arguments[arguments.length - 1]; indexedDB.databases().then(d => done(d.length))", vec![])
            .await
            .unwrap();
        assert_eq!(idb, 0, "no IndexedDB");

        // Ticked: the tab keeps them (sessionStorage only), so a reload stays signed in.
        panel.click_button("Sign out").await;
        panel.element("input[name=username]").await;
        assert!(!panel.js(STORAGE).await.as_str().unwrap().contains(e2e::PASSWORD));
        panel.element("input[name=stay]").await.click().await.unwrap();
        panel.sign_in(USER, e2e::PASSWORD).await;
        panel.wait_for_board().await;
        let session = panel.js("return JSON.stringify({...sessionStorage})").await;
        assert!(session.as_str().unwrap().contains(e2e::PASSWORD));
        let local = panel.js("return JSON.stringify({...localStorage}) + document.cookie").await;
        assert!(!local.as_str().unwrap().contains(e2e::PASSWORD));
        panel.client().refresh().await.unwrap();
        panel.wait_for_board().await;

        // Sign out forgets them at once.
        panel.click_button("Sign out").await;
        panel.element("input[name=username]").await;
        assert!(!panel.js(STORAGE).await.as_str().unwrap().contains(e2e::PASSWORD));
        panel
    })
    .await;
}

#[tokio::test]
async fn the_page_ships_a_strict_content_security_policy_and_works_under_it() {
    with_panel(Config::default(), DESKTOP, |panel: Panel| async move {
        panel.open_board("/").await;
        let policy = panel
            .js("return document.querySelector('meta[http-equiv=Content-Security-Policy]').content")
            .await;
        let policy = policy.as_str().unwrap();
        assert!(
            policy.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-"),
            "{policy}"
        );
        assert!(policy.contains("connect-src 'self'"), "{policy}");
        assert!(
            !policy.contains("unsafe-inline") && !policy.contains("'unsafe-eval'"),
            "{policy}"
        );
        let console = panel.browser.console().await;
        assert!(
            !console
                .iter()
                .any(|l| l.contains("Content Security Policy")),
            "{console:?}"
        );
        // The static server sends what a meta tag cannot.
        let res = panel.http.get(panel.url("/")).send().await.unwrap();
        assert_eq!(
            res.headers()["content-security-policy"],
            "frame-ancestors 'self'"
        );
        panel
    })
    .await;
}

/// The password changes while a bulk set of every full user is on its way against a slow server (1.2 s an
/// answer, 6 at a time): the first 401s bring up "Sign in again"; the supervisor signs in with the new
/// password while requests sent with the old one are still out. Those answer 401 after the sign-in — and
/// must not bring the dialog back: they say nothing about the new password.
#[tokio::test]
async fn late_401s_to_the_old_password_do_not_bring_sign_in_again_back() {
    with_panel(Config::default(), DESKTOP, |panel: Panel| async move {
        panel.open_board("/").await;
        let shown = panel.js("return document.querySelectorAll('.board-row').length").await;
        panel.click_role("button", &format!("Select all {shown} shown")).await;
        let full = panel
            .js("return [...document.querySelectorAll('.board-row')].filter(r => !r.querySelector('.tag-lite')).length")
            .await;
        panel.server.state.faults.set(Faults {
            latency: Latency::fixed(Duration::from_millis(1_200)),
            ..Faults::default()
        });
        bulk_set_under_way(&panel, shown.as_u64().unwrap(), "Fire drill").await;
        change_password(&panel, "n3w-pa55");
        sign_in_again(&panel, "n3w-pa55").await;
        // Answers to requests sent with the old password keep arriving for a while: the dialog stays shut.
        let signed_in_again = Instant::now();
        while signed_in_again.elapsed() < Duration::from_secs(4) {
            let open = panel.js("return !!document.querySelector('dialog.sign-in-again')").await;
            assert_eq!(open, false, "a late 401 reopened the dialog {:?} after signing in again", signed_in_again.elapsed());
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        // The page works: the job ends, its 401s are reported, and retrying them sets everyone.
        panel.server.state.faults.set(Faults::default());
        panel.wait_until("the job to end", "!!document.querySelector('.bulk-failed')").await;
        panel.click_role("button", "Retry failed").await;
        panel
            .wait_until(
                "every user set",
                &format!("!document.querySelector('.bulk-failed') && document.querySelector('.bulk-line')?.textContent === 'Succeeded: {full}'"),
            )
            .await;
        panel
    })
    .await;
}
