//! The recommended deployment in real Chromium: the panel's gateway in front of the reference server. Two
//! supervisors in two browsers, each signed in as themselves: A's change reaches B's board Live through
//! one upstream socket; a reload keeps B signed in (the cookie, never a password, is what the browser
//! keeps); B signs out and B's socket closes.

use std::sync::Arc;
use std::time::{Duration, Instant};

use e2e::fantoccini::{Client, Locator};
use e2e::gateway::{SECOND_SUPERVISOR, SUPERVISOR};
use e2e::{dist_dir, with_panel, Browser, Panel, DESKTOP, STEP};
use reference_server::{Config, Stats};
use serde_json::Value;

const BOARD_READY: &str = "document.querySelector('.board-row') && /^\\d+ users$/.test(document.querySelector('.progress')?.textContent ?? '')";
const LIVE: &str = "document.querySelector('.live-indicator')?.textContent === 'Live'";

async fn js(client: &Client, script: &str) -> Value {
    client.execute(script, vec![]).await.expect("script runs")
}

async fn wait(client: &Client, what: &str, script: &str) {
    let deadline = Instant::now() + STEP;
    while js(client, &format!("return !!({script});")).await != Value::Bool(true) {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn until(what: &str, check: impl Fn() -> bool) {
    let deadline = Instant::now() + STEP;
    while !check() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn sign_in(client: &Client, username: &str, password: &str) {
    let field = client
        .wait()
        .at_most(STEP)
        .for_element(Locator::Css("input[name=username]"))
        .await
        .unwrap();
    field.send_keys(username).await.unwrap();
    client
        .find(Locator::Css("input[name=password]"))
        .await
        .unwrap()
        .send_keys(password)
        .await
        .unwrap();
    wait(
        client,
        "the sign-in button",
        "!document.querySelector('button[type=submit]').disabled",
    )
    .await;
    client
        .find(Locator::Css("button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

/// Nothing a supervisor typed is kept by the page: no password in either storage, and the session cookie
/// is HttpOnly (invisible to scripts).
async fn keeps_no_secret(client: &Client) {
    let kept = js(
        client,
        "return JSON.stringify(localStorage) + JSON.stringify(sessionStorage) + document.cookie",
    )
    .await;
    let kept = kept.as_str().unwrap();
    for secret in [
        SUPERVISOR.password,
        SECOND_SUPERVISOR.password,
        "panel_session",
    ] {
        assert!(!kept.contains(secret), "{secret} kept by the page: {kept}");
    }
}

#[tokio::test]
async fn two_supervisors_each_signed_in_as_themselves_share_one_live_board() {
    let stats = Arc::new(Stats::default());
    let config = Config {
        stats: Some(stats.clone()),
        ..Config::default()
    };
    with_panel(config, DESKTOP, |panel: Panel| async move {
        let gateway = e2e::gateway::start(&panel.server, Some(dist_dir()), "/", &[]).await;
        let origin = gateway.origin();
        let a = panel.client();
        a.goto(&format!("{origin}/")).await.unwrap();
        assert_eq!(js(a, "return document.querySelector('input[name=stay]')").await, Value::Null, "the cookie keeps the session: no 'stay signed in'");
        sign_in(a, "4224", "wrong").await;
        wait(a, "the refusal", "document.querySelector('.form-error')?.textContent.includes('Wrong username or password')").await;
        panel.sign_in(SUPERVISOR.username, SUPERVISOR.password).await;
        wait(a, "A's board", BOARD_READY).await;
        wait(a, "A Live", LIVE).await;
        assert_eq!(js(a, "return document.querySelector('.signed-in strong').textContent").await, SUPERVISOR.name);

        let second = Browser::start(DESKTOP.0, DESKTOP.1).await;
        let b = &second.client;
        b.goto(&format!("{origin}/")).await.unwrap();
        sign_in(b, SECOND_SUPERVISOR.username, SECOND_SUPERVISOR.password).await;
        wait(b, "B's board", BOARD_READY).await;
        wait(b, "B Live", LIVE).await;
        assert_eq!(js(b, "return document.querySelector('.signed-in strong').textContent").await, SECOND_SUPERVISOR.name);
        until("both browsers on one upstream socket", || gateway.gateway.browser_sockets() == 2).await;
        assert_eq!(panel.server.state.sockets_open(), 1, "one upstream socket for two supervisors");

        // A sets a status in the editor; B's board shows it without polling.
        let status_reads = |s: &Stats| s.requests().iter().filter(|r| r.ends_with("/status")).count();
        let reads_before = status_reads(&stats);
        panel.click_button("Edit status for Olivia Bennett").await;
        panel.element("dialog[open]").await;
        panel.fill("Name", "Gateway meeting").await;
        panel.click_button("Save").await;
        wait(b, "A's change on B's board", "document.querySelector('.board-row[data-username=\"4201\"] .col-status-name .status-name')?.textContent === 'Gateway meeting'").await;
        assert!(status_reads(&stats) <= reads_before + 1, "only A's re-read after saving, no polling");
        for client in [a, b] {
            keeps_no_secret(client).await;
        }

        // A reload keeps B signed in: the cookie, not a password, comes back.
        b.refresh().await.unwrap();
        wait(b, "B's board after a reload", BOARD_READY).await;
        assert_eq!(js(b, "return document.querySelector('input[name=password]')").await, Value::Null);
        wait(b, "B Live again", LIVE).await;

        // B signs out: the gateway ends B's session and B's socket closes; A stays Live.
        b.find(Locator::XPath("//button[normalize-space()='Sign out']")).await.unwrap().click().await.unwrap();
        b.wait().at_most(STEP).for_element(Locator::Css("input[name=username]")).await.unwrap();
        until("B's socket closed", || gateway.gateway.browser_sockets() == 1).await;
        until("B's session ended", || gateway.gateway.sessions.count() == 1).await;
        b.refresh().await.unwrap();
        b.wait().at_most(STEP).for_element(Locator::Css("input[name=username]")).await.expect("signed out for good");
        assert_eq!(js(a, &format!("return !!({LIVE})")).await, true);
        second.close().await;
        panel
    })
    .await;
}

/// The gateway's session ends under an open editor (signed out in another tab, idle too long, a restart):
/// the Save answers 401, "Sign in again" comes up over the page, and after signing in at the gateway the
/// edit, still there, saves.
#[tokio::test]
async fn an_ended_session_asks_to_sign_in_again_over_the_page_and_nothing_is_lost() {
    with_panel(Config::default(), DESKTOP, |panel: Panel| async move {
        let gateway = e2e::gateway::start(&panel.server, Some(dist_dir()), "/", &[]).await;
        e2e::gateway::open_board(&panel, &gateway.origin()).await;
        panel.click_button("Edit status for Henry Thompson").await;
        panel.element("dialog[open]").await;
        panel.fill("Name", "Do not lose this").await;

        // Signed out elsewhere: the session ends at the gateway.
        let cookie = panel
            .client()
            .get_named_cookie("panel_session")
            .await
            .expect("the session cookie");
        assert!(cookie.http_only().unwrap_or(false), "HttpOnly");
        let res = panel
            .http
            .delete(format!("{}/gateway/session", gateway.origin()))
            .header("cookie", format!("panel_session={}", cookie.value()))
            .header("origin", gateway.origin())
            .header("x-requested-with", "isymphony-panel")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 204);

        panel.click_button("Save").await;
        panel
            .wait_until(
                "Sign in again",
                "!!document.querySelector('dialog.sign-in-again[open]')",
            )
            .await;
        assert_eq!(
            panel.value_of("dialog.editor input[name=name]").await,
            "Do not lose this"
        );
        panel.fill("Username", SUPERVISOR.username).await;
        panel.fill("Password", SUPERVISOR.password).await;
        panel.click_role("button", "Sign in").await;
        panel
            .wait_until(
                "the dialog to go",
                "!document.querySelector('dialog.sign-in-again')",
            )
            .await;
        panel.click_button("Save").await;
        panel
            .wait_until(
                "the editor to close",
                "!document.querySelector('dialog.editor')",
            )
            .await;
        assert_eq!(panel.status_of("4220").await["name"], "Do not lose this");
        panel
    })
    .await;
}

/// One memory for the team: B's board says since when Olivia is in the status A set (and "since before"
/// for a status nobody changed while the gateway recorded), across a reload, sorts by it, and B's editor
/// shows Olivia's day; what A changed is on B's
/// Activity page with A's name, a change made outside the panel is there too, a reload reads the same
/// trail (the gateway keeps it, not the browser), the Who filter asks the gateway, and the export is the
/// gateway's file of what is shown.
#[tokio::test]
async fn two_supervisors_read_one_activity_kept_by_the_gateway() {
    with_panel(Config::default(), DESKTOP, |panel: Panel| async move {
        let gateway = e2e::gateway::start(&panel.server, Some(dist_dir()), "/", &[]).await;
        let origin = gateway.origin();
        e2e::gateway::open_board(&panel, &origin).await;
        panel.click_button("Edit status for Olivia Bennett").await;
        panel.element("dialog[open]").await;
        panel.fill("Name", "Team trail").await;
        panel.click_button("Save").await;
        panel.wait_until("the editor to close", "!document.querySelector('dialog.editor')").await;
        panel
            .set_status_via_api("4202", serde_json::json!({"name": "From the desk phone", "type": "away"}))
            .await;
        // What the gateway adds to A's page passes axe too: "since" on the board, the day in the editor.
        panel.wait_until("since on A's board", "document.querySelector('.board-row .since')").await;
        panel.assert_accessible("the board with since").await;
        panel.click_button("Edit status for Olivia Bennett").await;
        panel.wait_until("Olivia's day", "document.querySelector('dialog[open] .day-list li')").await;
        panel.assert_accessible("the editor with a user's day").await;
        panel.click_button("Cancel").await;

        let second = Browser::start(DESKTOP.0, DESKTOP.1).await;
        let b = &second.client;
        b.goto(&format!("{origin}/")).await.unwrap();
        sign_in(b, SECOND_SUPERVISOR.username, SECOND_SUPERVISOR.password).await;
        wait(b, "B's board", BOARD_READY).await;
        // Since when: A's change is in the gateway's history; nobody else's status changed since it began.
        let since = |user: &str| format!("document.querySelector('.board-row[data-username=\"{user}\"] .since')?.textContent ?? ''");
        let olivia = format!("(t => t.startsWith('since ') && !t.startsWith('since before') && t.endsWith(' · under a minute'))({})", since("4201"));
        wait(b, "since when Olivia is in A's status", &olivia).await;
        let desk = format!("(t => t.startsWith('since ') && !t.startsWith('since before'))({})", since("4202"));
        wait(b, "the desk phone's change, by its event's time", &desk).await;
        wait(b, "no invented time for the others", &format!("({}).startsWith('since before ')", since("4203"))).await;
        b.refresh().await.unwrap();
        wait(b, "B's board after a reload", BOARD_READY).await;
        wait(b, "the same since after a reload", &olivia).await;
        // The wall screen shows it too.
        b.goto(&format!("{origin}/?view=board&compact=1")).await.unwrap();
        wait(b, "the wall screen", BOARD_READY).await;
        wait(b, "since on the wall screen", &olivia).await;
        // Sorted by time in status: those in theirs since before the history began first, then Olivia
        // (changed first), then the desk phone's user; users without a status (lite) last.
        b.goto(&format!("{origin}/servers/default/status?sort=since")).await.unwrap();
        wait(b, "B's board sorted by time in status", BOARD_READY).await;
        let order = js(b, "return [...document.querySelectorAll('.board-row')].map(r => [r.dataset.username, r.querySelector('.since')?.textContent ?? ''])").await;
        let order: Vec<(String, String)> = serde_json::from_value(order).unwrap();
        let recorded: Vec<&str> = order.iter().filter(|(_, s)| s.starts_with("since ") && !s.starts_with("since before")).map(|(u, _)| u.as_str()).collect();
        assert_eq!(recorded, ["4201", "4202"], "{order:?}");
        let first_recorded = order.iter().position(|(u, _)| u == "4201").unwrap();
        assert!(order[..first_recorded].iter().all(|(_, s)| s.starts_with("since before")), "{order:?}");
        assert!(order[first_recorded + 2..].iter().all(|(_, s)| s.is_empty()), "no since last: {order:?}");
        // Olivia's day, in B's editor, after she changes it at her desk too: A's change, then hers, in
        // order, in the strip and in the list (nothing before A's change was recorded, so nothing is
        // shown for it).
        panel.set_status_via_api("4201", serde_json::json!({"name": "Back at the desk", "type": "available"})).await;
        wait(b, "her own change on B's board", "document.querySelector('.board-row[data-username=\"4201\"] .status-name')?.textContent === 'Back at the desk'").await;
        b.find(Locator::Css("button[aria-label='Edit status for Olivia Bennett']")).await.unwrap().click().await.unwrap();
        wait(b, "Olivia's day", "document.querySelectorAll('dialog[open] .day-list li').length === 2").await;
        let day = js(b, "return [...document.querySelectorAll('.day-list li')].map(li => li.textContent.split(' · ')[1])").await;
        assert_eq!(day, serde_json::json!(["Team trail (Available)", "Back at the desk (Available)"]), "the day's changes in order");
        assert_eq!(js(b, "return document.querySelectorAll('.day-strip .day-part').length").await, 2);
        b.find(Locator::XPath("//dialog[@open]//button[normalize-space()='Cancel']")).await.unwrap().click().await.unwrap();
        b.find(Locator::XPath("//a[normalize-space()='Activity']")).await.unwrap().click().await.unwrap();
        let row = |who: &str, what: &str| {
            format!("[...document.querySelectorAll('.activity-row')].some(r => r.textContent.includes({who:?}) && r.textContent.includes({what:?}))")
        };
        wait(b, "the team's trail", "document.querySelector('.activity .progress')?.textContent.includes(\"team's Activity\")").await;
        wait(b, "A's set with A's name", &row("Steve Summers (4224)", "Team trail")).await;
        wait(b, "the outside change", &row("outside the panel", "From the desk phone (Away)")).await;

        b.refresh().await.unwrap();
        wait(b, "the same trail after a reload", &row("Steve Summers (4224)", "Team trail")).await;
        let who = b.wait().at_most(STEP).for_element(Locator::XPath("//label[span='Who']/input")).await.unwrap();
        who.send_keys("steve").await.unwrap();
        wait(b, "only Steve's changes", &format!("!({}) && ({})", row("outside the panel", ""), row("Steve", "Team trail"))).await;
        let exported = b
            .execute_async(
                "const done = arguments[0];
                 const link = [...document.querySelectorAll('a')].find(a => a.textContent === 'Export CSV');
                 fetch(link.href).then(r => r.text()).then(done, e => done(String(e)));",
                vec![],
            )
            .await
            .unwrap();
        let exported = exported.as_str().unwrap();
        assert!(exported.starts_with("time,by,core server,action,target,before,after,result"), "{exported}");
        assert!(exported.contains("Team trail") && !exported.contains("From the desk phone"), "the filter applies: {exported}");
        second.close().await;
        panel
    })
    .await;
}

/// A bulk set and its Undo, made in the panel behind the gateway, are named so in the team's Activity:
/// one "bulk status set" entry per user, then one "undo" each.
#[tokio::test]
async fn a_bulk_set_and_its_undo_are_named_so_in_the_teams_activity() {
    with_panel(Config::default(), DESKTOP, |panel: Panel| async move {
        let gateway = e2e::gateway::start(&panel.server, Some(dist_dir()), "/", &[]).await;
        e2e::gateway::open_board(&panel, &gateway.origin()).await;
        for user in ["4201", "4202"] {
            panel.element(&format!(".board-row[data-username=\"{user}\"] .col-select input")).await.click().await.unwrap();
        }
        panel.wait_until("2 selected", "document.querySelector('.selection-bar .muted')?.textContent === '2 selected'").await;
        panel.click_button("Set status for 2 users").await;
        panel.element("dialog[open]").await;
        let blue = panel.client().find(Locator::XPath("//dialog[@open]//*[@role='option'][span[normalize-space()='Blue']]")).await.unwrap();
        blue.click().await.unwrap();
        panel.fill("Name", "Fire drill").await;
        panel.click_button("Save").await;
        panel.wait_until("the job to finish", "!!document.querySelector('.bulk-report .bulk-line')").await;
        panel.click_button("Undo").await;
        panel.wait_until("undone", "document.querySelector('.toast')?.textContent.includes('Undone')").await;
        panel.client().find(Locator::LinkText("Activity")).await.unwrap().click().await.unwrap();
        let count = |label: &str| format!("[...document.querySelectorAll('.activity-row td:nth-child(4)')].filter(t => t.textContent === {label:?}).length");
        panel.wait_until("the team's entries", &format!("({}) === 2 && ({}) === 2", count("bulk status set"), count("undo"))).await;
        panel
    })
    .await;
}
