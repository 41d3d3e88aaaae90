//! Leaving a page while it works, against a server as slow as a real one: nothing crashes, what the page
//! was only reading stops, and a change already sent finishes and is reported wherever the supervisor went.

use std::time::Duration;

use e2e::{with_panel, Panel, DESKTOP, PASSWORD, USER};
use reference_server::faults::{Faults, Latency};
use reference_server::Config;

fn slow(ms: u64) -> Config {
    Config {
        faults: Faults {
            latency: Latency::fixed(Duration::from_millis(ms)),
            ..Faults::default()
        },
        ..Config::default()
    }
}

async fn click_page_link(panel: &Panel, text: &str) {
    panel
        .js(&format!(
            "[...document.querySelectorAll('nav.page-links a')].find(a => a.textContent === {text:?}).click(); return 1"
        ))
        .await;
}

async fn assert_no_panel_errors(panel: &Panel) {
    let errors = panel.panel_errors().await;
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

/// The reproduction: Groups clicked as soon as the board shows its rows, statuses still arriving.
#[tokio::test]
async fn leaving_the_board_while_its_statuses_arrive_never_crashes() {
    with_panel(slow(200), DESKTOP, |panel: Panel| async move {
        panel.client().goto(&panel.url("/")).await.unwrap();
        panel.sign_in(USER, PASSWORD).await;
        for round in 0..4 {
            panel
                .wait_until("rows while statuses still load", "document.querySelector('.board-row') && /^Loaded/.test(document.querySelector('.progress')?.textContent ?? '')")
                .await;
            click_page_link(&panel, "Groups").await;
            panel.wait_until("the groups page", "!!document.querySelector('.group-nav')").await;
            // And back while the groups' member counts are still being read.
            tokio::time::sleep(Duration::from_millis(150 * round)).await;
            click_page_link(&panel, "Status").await;
        }
        panel.wait_for_board().await;
        assert_no_panel_errors(&panel).await;
        panel
    })
    .await;
}

#[tokio::test]
async fn a_save_sent_before_leaving_the_board_finishes_and_is_reported_on_the_next_page() {
    with_panel(Config::default(), DESKTOP, |panel: Panel| async move {
        panel.open_board("/").await;
        panel.click_button("Edit status for Henry Thompson").await;
        panel.element("dialog[open]").await;
        panel.fill("Name", "Saved while leaving").await;
        // From here on every answer takes 1.5 s: the save is still in flight when the board goes.
        panel.server.state.faults.set(Faults {
            latency: Latency::fixed(Duration::from_millis(1_500)),
            ..Faults::default()
        });
        panel.click_button("Save").await;
        click_page_link(&panel, "Groups").await;
        panel.wait_until("the groups page", "!!document.querySelector('.group-nav')").await;
        panel
            .wait_until(
                "the save's notification on the Groups page",
                "[...document.querySelectorAll('.toast-text')].some(t => t.textContent.includes('Saved while leaving'))",
            )
            .await;
        assert_eq!(panel.status_of("4220").await["name"], "Saved while leaving");
        click_page_link(&panel, "Activity").await;
        panel
            .wait_until("the audit entry", "document.body.innerText.includes('Saved while leaving')")
            .await;
        assert_no_panel_errors(&panel).await;
        panel
    })
    .await;
}

#[tokio::test]
async fn a_bulk_set_started_before_leaving_the_board_finishes_for_everyone() {
    with_panel(Config::default(), DESKTOP, |panel: Panel| async move {
        panel.open_board("/").await;
        let usernames: Vec<String> = serde_json::from_value(
            panel
                .js("return [...document.querySelectorAll('.board-row')].filter(r => !r.querySelector('.tag-lite')).map(r => r.dataset.username).slice(0, 12)")
                .await,
        )
        .unwrap();
        for u in &usernames {
            let css = format!(".board-row[data-username={u:?}] .col-select input");
            panel.element(&css).await.click().await.unwrap();
        }
        panel.click_button("Set status for 12 users").await;
        panel.element("dialog[open]").await;
        panel
            .js("document.querySelector('dialog[open] [role=option]').click(); return 1")
            .await;
        panel.fill("Name", "Fire drill").await;
        panel.server.state.faults.set(Faults {
            latency: Latency::fixed(Duration::from_millis(400)),
            ..Faults::default()
        });
        panel.click_button("Save").await;
        click_page_link(&panel, "Groups").await;
        panel
            .wait_until(
                "the bulk set's notification on the Groups page",
                "[...document.querySelectorAll('.toast-text')].some(t => t.textContent === 'Set 12 users to “Fire drill”.')",
            )
            .await;
        for u in &usernames {
            assert_eq!(panel.status_of(u).await["name"], "Fire drill", "{u}");
        }
        // Its Undo works from here too: the board is gone, the previous statuses come back.
        panel.click_role("button", "Undo").await;
        panel
            .wait_until(
                "the undo's notification",
                "[...document.querySelectorAll('.toast-text')].some(t => t.textContent === 'Undone: 12 restored.')",
            )
            .await;
        for u in &usernames {
            assert_ne!(panel.status_of(u).await["name"], "Fire drill", "{u}");
        }
        assert_no_panel_errors(&panel).await;
        panel
    })
    .await;
}
