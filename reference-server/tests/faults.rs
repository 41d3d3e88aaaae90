//! Fault injection and restarts over real HTTP.

use std::time::{Duration, Instant};

use reference_server::faults::Faults;
use reference_server::{start, Config, RunningServer};

async fn server(faults: Faults, restart_every: Option<Duration>) -> RunningServer {
    start(Config {
        addr: "127.0.0.1:0".parse().unwrap(),
        faults,
        restart_every,
        ..Config::default()
    })
    .await
    .unwrap()
}

async fn get(server: &RunningServer, path: &str) -> reqwest::Result<reqwest::Response> {
    reqwest::Client::new()
        .get(format!("{}rest/{path}", server.base_url()))
        .basic_auth("manager", Some("manag3rpa55word"))
        .send()
        .await
}

#[tokio::test]
async fn each_fault_does_what_it_says() {
    let s = server(
        Faults {
            error_rate: 1.0,
            ..Faults::default()
        },
        None,
    )
    .await;
    let res = get(&s, "config/server/coreServers").await.unwrap();
    assert_eq!(res.status(), 500);
    assert!(res.text().await.unwrap().contains("Injected fault"));

    s.state.faults.set(Faults {
        drop_rate: 1.0,
        ..Faults::default()
    });
    let dropped = match get(&s, "config/server/coreServers").await {
        Err(_) => true,
        Ok(res) => res.text().await.is_err(),
    };
    assert!(dropped, "the connection was cut");

    s.state.faults.set(Faults {
        malformed_rate: 1.0,
        ..Faults::default()
    });
    let res = get(&s, "config/server/coreServers").await.unwrap();
    assert_eq!(res.status(), 200);
    let body = res.text().await.unwrap();
    assert!(
        !body.is_empty() && serde_json::from_str::<serde_json::Value>(&body).is_err(),
        "{body}"
    );

    s.state.faults.set(Faults {
        latency: reference_server::faults::Latency::fixed(Duration::from_millis(200)),
        ..Faults::default()
    });
    let t = Instant::now();
    assert_eq!(
        get(&s, "config/server/coreServers").await.unwrap().status(),
        200
    );
    assert!(t.elapsed() >= Duration::from_millis(200));
}

#[tokio::test]
async fn a_restart_makes_every_live_id_anew() {
    let s = server(Faults::default(), Some(Duration::from_millis(200))).await;
    let ids = |v: serde_json::Value| {
        v.as_array()
            .unwrap()
            .iter()
            .map(|u| u["id"].clone())
            .collect::<Vec<_>>()
    };
    let read = |path: &'static str| {
        let s = &s;
        async move { ids(get(s, path).await.unwrap().json().await.unwrap()) }
    };
    let (before, cores_before) = (
        read("live/coreServers/getByName/default/users").await,
        read("live/coreServers").await,
    );
    tokio::time::sleep(Duration::from_millis(450)).await;
    let (after, cores_after) = (
        read("live/coreServers/getByName/default/users").await,
        read("live/coreServers").await,
    );
    assert_eq!(before.len(), after.len());
    assert!(before.iter().zip(&after).all(|(a, b)| a != b));
    // The core servers' live ids too.
    assert!(cores_before.iter().zip(&cores_after).all(|(a, b)| a != b));
    // Usernames still address the same people.
    assert_eq!(
        get(
            &s,
            "live/coreServers/getByName/default/users/getByName/4224/status"
        )
        .await
        .unwrap()
        .status(),
        200
    );
}
