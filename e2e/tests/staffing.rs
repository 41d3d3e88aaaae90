//! Group staffing: the board's strip counts each group's members by state, a group below the minimum
//! `config.json` gives it is marked in words and announced once, and the mark goes when someone returns
//! through an outside change; a group filters the board (in the URL); the Groups page shows the same
//! counts; the wall screen shows the strip only with `groups=1`. Against a server with latency.

use std::time::Duration;

use e2e::{dist_with, with_panel, Panel, DESKTOP};
use reference_server::demo::DEFAULT_SERVER_ID;
use reference_server::faults::{Faults, Latency};
use reference_server::Config;
use serde_json::{json, Value};

/// How many members Sales has, and those who are full users and logged in, by username, through REST.
async fn online_sales(panel: &Panel, sales: &str) -> (usize, Vec<String>) {
    let members = panel
        .api_get(&format!(
            "config/core/{}/userGroups/{sales}/users",
            DEFAULT_SERVER_ID
        ))
        .await;
    let mut online = Vec::new();
    for m in members.as_array().unwrap() {
        let username = m["username"].as_str().unwrap();
        let logins = panel
            .api_get(&format!(
                "live/coreServers/getByName/default/users/getByName/{username}/logins"
            ))
            .await;
        if m["full"] == true && !logins.as_array().unwrap().is_empty() {
            online.push(username.to_owned());
        }
    }
    (members.as_array().unwrap().len(), online)
}

fn status(kind: &str) -> Value {
    json!({"name": if kind == "available" { "Available" } else { "Away" }, "type": kind, "note": "", "returnTime": -1})
}

fn sales_strip() -> &'static str {
    "[...document.querySelectorAll('.staffing-group')].find(g => g.querySelector('.staffing-name').textContent === 'Sales')"
}

#[tokio::test]
async fn a_group_below_its_minimum_is_marked_until_someone_returns() {
    let dist = dist_with(
        "staffing",
        Some(
            r#"{"refreshSeconds":5,"staffing":[{"group":"Sales","minimumAvailable":3},{"group":"Nobody"}]}"#,
        ),
    );
    let faults = Faults {
        latency: Latency::fixed(Duration::from_millis(60)),
        ..Faults::default()
    };
    let config = Config {
        static_dir: Some(dist),
        faults,
        ..Config::default()
    };
    with_panel(config, DESKTOP, |panel: Panel| async move {
        let sales = panel.group_id("Sales").await;
        let (n, online) = online_sales(&panel, &sales).await;
        assert!(online.len() >= 4, "the demo's Sales has people logged in: {online:?}");
        // Two available, everyone else in Sales away: below the minimum of 3.
        for (i, u) in online.iter().enumerate() {
            panel.set_status_via_api(u, status(if i < 2 { "available" } else { "away" })).await;
        }
        panel.open_board("/").await;
        let notice = panel.js("return document.querySelector('.config-notice')?.textContent ?? ''").await;
        assert!(notice.as_str().unwrap().contains("staffing 2 (\"Nobody\"): missing field `minimumAvailable`"), "{notice}");

        let strip = sales_strip();
        panel
            .wait_until("Sales marked", &format!("{strip}?.querySelector('.staffing-mark')?.textContent.includes('Below minimum: 2 of 3 available')"))
            .await;
        let counts = panel.js(&format!("return {strip}.querySelector('.staffing-counts').textContent")).await;
        assert!(counts.as_str().unwrap().starts_with("2 available · "), "{counts}");
        assert!(counts.as_str().unwrap().contains(&format!("{} away", online.len() - 2)), "{counts}");
        assert_eq!(panel.js(&format!("return {strip}.classList.contains('short')")).await, true, "and coloured");
        let said = panel.js("return document.querySelector('.board [aria-live=polite]').textContent").await;
        assert!(said.as_str().unwrap().contains("Sales: below minimum: 2 of 3 available."), "announced: {said}");

        // A group's name filters the board by it, in the URL; again shows everyone.
        let everyone = panel.js("return document.querySelectorAll('.board-row').length").await;
        panel.js(&format!("{strip}.querySelector('button').click()")).await;
        panel.wait_until("the filter in the URL", &format!("location.search.includes('group={sales}')")).await;
        panel
            .wait_until("only Sales", &format!("document.querySelectorAll('.board-row').length === {n}"))
            .await;
        let picker = panel.js("return [...document.querySelectorAll('.toolbar select')][1].selectedOptions[0].textContent").await;
        assert_eq!(picker, "Sales", "the group picker follows");
        panel.js(&format!("{strip}.querySelector('button').click()")).await;
        panel
            .wait_until("everyone again", &format!("!location.search.includes('group=') && document.querySelectorAll('.board-row').length === {everyone}"))
            .await;

        // Someone returns, through another client: the mark goes at the next refresh.
        panel.set_status_via_api(&online[2], status("available")).await;
        panel
            .wait_until("the mark to go", &format!("{strip} && !{strip}.querySelector('.staffing-mark') && {strip}.querySelector('.staffing-counts').textContent.startsWith('3 available')"))
            .await;
        // Once more below: announced again (once per dip).
        panel.set_status_via_api(&online[0], status("away")).await;
        panel
            .wait_until("announced again", "document.querySelector('.board [aria-live=polite]').textContent.includes('Sales: below minimum: 2 of 3 available.')")
            .await;

        // The Groups page counts the same way.
        panel.click_link_containing("Groups").await;
        panel
            .wait_until("the Groups page's counts", "[...document.querySelectorAll('.group-nav a')].some(a => a.textContent.includes('Sales') && a.textContent.includes('2 available') && a.textContent.includes('Below minimum: 2 of 3 available'))")
            .await;

        // The wall screen shows the strip only when asked.
        panel.open_board("/servers/default/status?view=board&compact=1").await;
        assert_eq!(panel.js("return document.querySelectorAll('.staffing').length").await, 0);
        panel.open_board("/servers/default/status?view=board&compact=1&groups=1").await;
        panel.wait_until("the wall screen's strip", &format!("{strip}?.querySelector('.staffing-mark')")).await;
        assert_eq!(panel.js(&format!("return {strip}.querySelectorAll('button').length")).await, 0, "read-only");
        panel
    })
    .await;
}
