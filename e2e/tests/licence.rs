//! A core server with no licence installed (contract, "Decided here" 20; `reference-server --no-license`):
//! every status read and set answers 403. The board and the groups page show everyone without presence, say
//! once why and what to do, offer no editor, show no error, and do not keep asking.

use std::sync::Arc;
use std::time::Duration;

use e2e::{with_panel, Panel, DESKTOP};
use reference_server::{Config, Stats};
use serde_json::json;

const NOTICE: &str = "This core server has no licence installed";

fn status_reads(stats: &Stats) -> usize {
    stats
        .requests()
        .iter()
        .filter(|r| r.starts_with("GET") && r.ends_with("/status"))
        .count()
}

/// What the page shows of presence, and what it says: (rows, rows with "No presence", notices naming the
/// licence, edit buttons, error lines and toasts, "lite" tags).
async fn page_says(panel: &Panel, rows: &str) -> serde_json::Value {
    panel
        .js(&format!(
            "const rows = [...document.querySelectorAll('{rows}')];
             return [rows.length,
                     rows.filter(r => r.querySelector('.badge-lite')?.textContent === 'No presence').length,
                     [...document.querySelectorAll('.notice-line')].filter(n => n.textContent.startsWith('{NOTICE}')).length,
                     document.querySelectorAll('button.edit').length,
                     document.querySelectorAll('.form-error:not(:empty), .toast, .badge-failed').length,
                     rows.filter(r => r.querySelector('.tag-lite')).length]"
        ))
        .await
}

#[tokio::test]
async fn without_a_licence_everyone_shows_without_presence_and_the_page_says_why_once() {
    let stats = Arc::new(Stats::default());
    let config = Config {
        no_license: true,
        stats: Some(stats.clone()),
        ..Config::default()
    };
    with_panel(config, DESKTOP, |panel: Panel| async move {
        panel.open_board("/").await;
        let users = panel.api_get("live/coreServers/getByName/default/users").await;
        let total = users.as_array().unwrap().len();
        // The three lite users keep their tag; nobody else is called lite.
        assert_eq!(page_says(&panel, ".board-row").await, json!([total, total, 1, 0, 0, 3]));
        assert_eq!(
            panel.js("return [...document.querySelectorAll('.board-row .col-status-name .status-name')].filter(c => c.textContent === 'no presence').length").await,
            json!(total - 3)
        );
        assert_eq!(
            panel.js("return [...document.querySelectorAll('button')].some(b => b.textContent.startsWith('Set status for'))").await,
            false,
            "no bulk editor"
        );
        // One refusal tells: at most the reads already in flight (6) were asked, and a refresh asks none.
        let after_load = status_reads(&stats);
        assert!(after_load <= 6, "{after_load} status reads for the first load");
        panel.choose_refresh("5 s").await;
        tokio::time::sleep(Duration::from_secs(6)).await;
        assert_eq!(status_reads(&stats), after_load, "a refresh asks no status again");

        // The groups page: the same.
        let before_groups = status_reads(&stats);
        panel.click_link_containing("Groups").await;
        panel.wait_until("the groups", "document.querySelector('.group-nav li a')").await;
        panel.click_link_containing("Managers").await;
        panel.wait_until("the members' presence", "document.querySelectorAll('.member-row .badge-lite').length === 5").await;
        assert_eq!(page_says(&panel, ".member-row").await, json!([5, 5, 1, 0, 0, 0]));
        // The page reads everyone's presence as the board does (for the groups' staffing, the open group's
        // members first): one refusal tells there too, so at most the reads already in flight.
        let group_reads = status_reads(&stats) - before_groups;
        assert!(group_reads <= 6, "{group_reads} status reads on the Groups page");
        panel
    })
    .await;
}
