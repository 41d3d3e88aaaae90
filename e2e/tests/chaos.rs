//! Navigation chaos: a seeded random walk through everything a supervisor does — pages, a group, the
//! editor, filters, selections, a bulk set, Undo, another core server, signing out and in, reloading, back
//! and forward — at random moments, against a server as slow and unreliable as a PBX across a site link
//! (jittered latency, `--churn`, a few failed, dropped and truncated answers), with the board refreshing
//! every 5 s. It fails on any panic, any error of the panel's own in the console, or the crash panel.
//!
//! The seed is printed; `CHAOS_SEED=N cargo test -p e2e --test chaos` replays a walk, `CHAOS_STEPS=N`
//! makes it longer.

use std::time::{Duration, Instant};

use e2e::{with_panel, Panel, DESKTOP, PASSWORD, USER};
use reference_server::faults::Faults;
use reference_server::Config;

/// splitmix64: small, seedable, and the same walk on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

/// What the page offers right now, read in one script.
const SNAPSHOT: &str = r#"
const q = (s) => document.querySelector(s);
const buttons = [...document.querySelectorAll('button')];
const named = (prefix) => buttons.filter(b => (b.getAttribute('aria-label') ?? b.textContent.trim()).startsWith(prefix)).length;
return {
  crashed: q('.crash')?.innerText ?? null,
  signInForm: !!q('main.sign-in input[name=username]'),
  signInAgain: !!q('dialog.sign-in-again[open]'),
  dialog: !!q('dialog.editor[open]'),
  board: !!q('.board'),
  groups: !!q('.group-nav'),
  groupLinks: document.querySelectorAll('.group-nav a').length,
  edits: named('Edit status for'),
  checkboxes: document.querySelectorAll('.board-row input[type=checkbox]').length,
  bulk: named('Set status for'),
  undo: named('Undo'),
  removes: named('Remove '),
  memberFilter: !!q('input[aria-label="Filter members"]'),
  check: !!q('form.check-form'),
  path: location.pathname,
};"#;

/// Clicks the `index`-th (modulo) button whose accessible name starts with `prefix`, inside `scope`.
fn click_named(scope: &str, prefix: &str, index: u64) -> String {
    format!(
        "const all = [...document.querySelectorAll({scope:?} + ' button')]
           .filter(b => (b.getAttribute('aria-label') ?? b.textContent.trim()).startsWith({prefix:?}) && !b.disabled);
         if (all.length) all[{index} % all.length].click();
         return all.length;"
    )
}

/// Types `text` into the field as a person's last keystroke would leave it (an `input` event); a block,
/// so several go into one script.
fn fill(css: &str, text: &str) -> String {
    format!(
        "{{ const f = document.querySelector({css:?});
           if (f) {{ f.focus(); f.value = {text:?}; f.dispatchEvent(new Event('input', {{ bubbles: true }})); }} }}"
    )
}

fn type_into(css: &str, text: &str) -> String {
    format!("{}\nreturn 1;", fill(css, text))
}

fn sign_in(scope: &str, stay: bool) -> String {
    format!(
        "{}\n{}\n
         const stay = document.querySelector({scope:?} + ' input[type=checkbox]');
         if (stay && stay.checked !== {stay}) stay.click();
         document.querySelector({scope:?} + ' button[type=submit]')?.click();
         return 1;",
        fill(&format!("{scope} input[name=username]"), USER),
        fill(&format!("{scope} input[name=password]"), PASSWORD),
    )
}

/// One step of the walk: picks something the page offers and does it, without waiting for it to finish.
async fn step(panel: &Panel, rng: &mut Rng, snap: &serde_json::Value) -> String {
    let n = |key: &str| snap[key].as_u64().unwrap_or(0);
    let yes = |key: &str| snap[key].as_bool().unwrap_or(false);
    let mut choices: Vec<&str> = vec![
        "status", "groups", "activity", "check", "back", "forward", "wait", "key",
    ];
    if rng.below(12) == 0 {
        choices.push("reload");
    }
    if rng.below(8) == 0 {
        choices.extend(["server", "sign-out"]);
    }
    if yes("signInForm") {
        choices = vec!["sign-in", "sign-in", "sign-in", "back", "wait"];
    } else if yes("signInAgain") {
        choices = vec!["sign-in-again"];
    } else if yes("dialog") {
        choices = vec![
            "save",
            "save",
            "cancel",
            "type-name",
            "status",
            "groups",
            "back",
            "wait",
        ];
    }
    if yes("board") && !yes("dialog") {
        choices.extend(["filter", "edit", "edit", "select", "refresh-5s", "sort"]);
        if n("bulk") > 0 {
            choices.push("bulk");
        }
    }
    if yes("groups") && n("groupLinks") > 0 {
        choices.extend(["group", "group"]);
    }
    if yes("memberFilter") {
        choices.extend(["member-filter", "remove"]);
    }
    if n("undo") > 0 {
        choices.push("undo");
    }
    if yes("check") {
        // The check runs for up to 40 s (its socket waits for an event): leave it at any moment.
        choices = vec!["run-check", "run-check", "back-to-panel", "back", "wait"];
    }
    let action = rng.pick(&choices);
    let i = rng.below(1_000);
    let script = match action {
        "status" | "groups" | "activity" | "check" => {
            let text = match action {
                "status" => "Status",
                "groups" => "Groups",
                "check" => "Check",
                _ => "Activity",
            };
            format!("[...document.querySelectorAll('nav.page-links a')].find(a => a.textContent === {text:?})?.click(); return 1;")
        }
        "back" => "history.back(); return 1;".into(),
        "forward" => "history.forward(); return 1;".into(),
        "key" => {
            let key = rng.pick(&["j", "k", "e", "x", "Escape", "?", "/", "ArrowDown"]);
            format!("document.activeElement?.blur?.(); window.dispatchEvent(new KeyboardEvent('keydown', {{ key: {key:?}, bubbles: true }})); return 1;")
        }
        "server" => "const s = document.querySelector('.server-picker select');
             if (s && s.options.length > 1) { s.selectedIndex = (s.selectedIndex + 1) % s.options.length; s.dispatchEvent(new Event('change', { bubbles: true })); }
             return 1;"
            .into(),
        "sign-out" => click_named(".top-bar", "Sign out", 0),
        "sign-in" => sign_in("main.sign-in", rng.below(3) == 0),
        "sign-in-again" => sign_in("dialog.sign-in-again", false),
        "save" => click_named("dialog.editor[open]", "Save", 0),
        "cancel" => click_named("dialog.editor[open]", "Cancel", 0),
        "type-name" => type_into(
            "dialog.editor[open] input[name=name]",
            &format!("Chaos {}", rng.below(100)),
        ),
        "filter" => type_into(
            "input[aria-label='Filter users']",
            rng.pick(&["", "", "a", "an", "back", "zz", "é", "lunch"]),
        ),
        "member-filter" => type_into(
            "input[aria-label='Filter members']",
            rng.pick(&["", "a", "o", "zz"]),
        ),
        "edit" => click_named(".board", "Edit status for", i),
        "select" => format!(
            "const boxes = [...document.querySelectorAll('.board-row input[type=checkbox]')];
             for (let k = 0; k < 1 + {i} % 4 && boxes.length; k++) boxes[({i} * 7 + k) % boxes.length].click();
             return boxes.length;"
        ),
        "bulk" => click_named(".selection-bar", "Set status for", 0),
        "run-check" => click_named("form.check-form", "Run the check", 0),
        "back-to-panel" => {
            "[...document.querySelectorAll('form.check-form a')].pop()?.click(); return 1;".into()
        }
        "undo" => click_named(".toasts", "Undo", 0),
        "remove" => click_named(".group-detail", "Remove ", i),
        "group" => format!(
            "const l = document.querySelectorAll('.group-nav a'); if (l.length) l[{i} % l.length].click(); return l.length;"
        ),
        "refresh-5s" => "const s = [...document.querySelectorAll('.toolbar select')].pop();
             const o = s && [...s.options].find(o => o.textContent.trim() === '5 s');
             if (o && !o.selected) { s.value = o.value; s.dispatchEvent(new Event('change', { bubbles: true })); }
             return 1;"
            .into(),
        "sort" => format!(
            "const h = [...document.querySelectorAll('.board-table th button')]; if (h.length) h[{i} % h.length].click(); return h.length;"
        ),
        "reload" => {
            panel.client().refresh().await.expect("reload");
            return action.into();
        }
        _ => String::new(),
    };
    if !script.is_empty() {
        // A page in the middle of loading (after back, forward or a reload) may refuse a script, as it
        // would ignore a click; the next snapshot looks again.
        let _ = panel.client().execute(&script, vec![]).await;
    }
    // At random moments: sometimes at once, sometimes while the server is still answering.
    let pause = match rng.below(4) {
        0 => 0,
        1 => rng.below(150),
        2 => rng.below(500),
        _ => 200 + rng.below(900),
    };
    tokio::time::sleep(Duration::from_millis(pause)).await;
    action.into()
}

#[tokio::test]
async fn a_random_walk_through_everything_never_crashes_the_panel() {
    let seed = std::env::var("CHAOS_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_millis() as u64 % 1_000_000)
                .unwrap_or(1)
        });
    let steps: usize = std::env::var("CHAOS_STEPS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(240);
    println!("chaos seed: {seed} ({steps} steps; replay with CHAOS_SEED={seed})");
    let faults = Faults::parse(&format!(
        "latency=80..400ms,error-rate=0.02,drop-rate=0.01,malformed-rate=0.01,seed={seed}"
    ))
    .expect("faults");
    let config = Config {
        faults,
        churn: Some(Duration::from_secs(3)),
        ..Config::default()
    };
    with_panel(config, DESKTOP, move |panel: Panel| async move {
        let mut rng = Rng(seed);
        let started = Instant::now();
        panel.client().goto(&panel.url("/")).await.expect("open");
        let mut walked: Vec<String> = Vec::new();
        let mut unreadable = 0;
        for n in 0..steps {
            let Ok(snap) = panel.client().execute(SNAPSHOT, vec![]).await else {
                unreadable += 1;
                assert!(
                    unreadable < 20,
                    "seed {seed}, step {n}: the page stopped answering scripts"
                );
                tokio::time::sleep(Duration::from_millis(200)).await;
                continue;
            };
            unreadable = 0;
            let recent = || walked[walked.len().saturating_sub(15)..].join(" → ");
            assert!(
                snap["crashed"].is_null(),
                "seed {seed}, step {n}: the crash panel after {}:\n{}",
                recent(),
                snap["crashed"]
            );
            if n % 10 == 0 {
                let errors = panel.panel_errors().await;
                assert!(
                    errors.is_empty(),
                    "seed {seed}, step {n}: console errors after {}:\n{}",
                    recent(),
                    errors.join("\n")
                );
            }
            let action = step(&panel, &mut rng, &snap).await;
            walked.push(format!("{action}@{}", snap["path"].as_str().unwrap_or("?")));
        }
        // Let what is still in flight land, then look once more.
        tokio::time::sleep(Duration::from_secs(2)).await;
        let snap = panel.js(SNAPSHOT).await;
        assert!(
            snap["crashed"].is_null(),
            "seed {seed}: {}",
            snap["crashed"]
        );
        let errors = panel.panel_errors().await;
        assert!(errors.is_empty(), "seed {seed}: {}", errors.join("\n"));
        let kinds: std::collections::BTreeSet<&str> = walked
            .iter()
            .map(|w| w.split('@').next().unwrap_or_default())
            .collect();
        println!(
            "chaos seed {seed}: {} steps in {:.0} s, {} kinds of step: {kinds:?}",
            walked.len(),
            started.elapsed().as_secs_f64(),
            kinds.len()
        );
        panel
    })
    .await;
}
