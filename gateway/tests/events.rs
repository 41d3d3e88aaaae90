//! The Event socket through the gateway: one upstream socket for every browser in `users` mode, the
//! session and an exact Origin at the handshake, a session's end closing its sockets, and an upstream
//! restart followed by reconnection and events again.

mod common;

use common::*;
use reqwest::StatusCode;

#[tokio::test]
async fn two_supervisors_share_one_upstream_socket_and_both_see_a_change() {
    let office = default_office().await;
    office
        .until("the upstream socket", |o| {
            o.server.state.sockets_open() == 1
        })
        .await;
    let a = office.signed_in("4224", "4224-secret").await;
    let b = office.signed_in("4211", "4211-secret").await;
    let mut sa = office.socket(Some(&a), &office.origin()).await.unwrap();
    let mut sb = office.socket(Some(&b), &office.origin()).await.unwrap();
    sb.send_text(r#"{"type":"filter","filters":[{"property":"type","value":"userStatus"}]}"#)
        .await;
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    assert_eq!(
        office.set_status(&a, "4201", "Seen by both").await.status,
        204
    );
    let event = sb.status_of("4201").await;
    assert_eq!(event["name"], "Seen by both");
    assert!(
        event["coreServerId"].is_string() && event["userId"].is_string(),
        "passed on unchanged"
    );
    assert_eq!(sa.status_of("4201").await["name"], "Seen by both");
    assert_eq!(
        office.server.state.sockets_open(),
        1,
        "one upstream socket for two browsers"
    );
    assert_eq!(office.server.state.sockets_accepted(), 1);
}

#[tokio::test]
async fn the_handshake_needs_a_session_and_the_exact_origin() {
    let office = default_office().await;
    let cookie = office.signed_in("4224", "4224-secret").await;
    let origin = office.origin();
    assert_eq!(
        office.socket(None, &origin).await.err(),
        Some(StatusCode::UNAUTHORIZED)
    );
    let forged = "panel_session=0123456789abcdef0123456789abcdef";
    assert_eq!(
        office.socket(Some(forged), &origin).await.err(),
        Some(StatusCode::UNAUTHORIZED)
    );
    for foreign in [
        "https://evil.example",
        &format!("{origin}.evil.example"),
        "null",
    ] {
        assert_eq!(
            office.socket(Some(&cookie), foreign).await.err(),
            Some(StatusCode::FORBIDDEN),
            "{foreign}"
        );
    }
}

#[tokio::test]
async fn a_sessions_end_closes_its_socket_and_only_its_own() {
    let office = default_office().await;
    let a = office.signed_in("4224", "4224-secret").await;
    let b = office.signed_in("4211", "4211-secret").await;
    let mut sa = office.socket(Some(&a), &office.origin()).await.unwrap();
    let mut sb = office.socket(Some(&b), &office.origin()).await.unwrap();
    let mut out = office.req(reqwest::Method::DELETE, "/gateway/session");
    out.cookie = Some(&b);
    assert_eq!(office.send(out).await.status, 204);
    assert!(sb.closes().await, "signed out: the socket closes");
    assert_eq!(
        office.set_status(&a, "4202", "Still live").await.status,
        204
    );
    assert_eq!(sa.status_of("4202").await["name"], "Still live");
}

#[tokio::test]
async fn an_idle_session_socket_closes_on_time() {
    let office = office(
        users_mode(),
        std::time::Duration::from_millis(500),
        std::time::Duration::from_secs(60),
    )
    .await;
    let a = office.signed_in("4224", "4224-secret").await;
    let mut sa = office.socket(Some(&a), &office.origin()).await.unwrap();
    assert!(
        sa.closes().await,
        "the sweep ends the idle session and its socket"
    );
}

#[tokio::test]
async fn an_upstream_restart_closes_browsers_then_events_flow_again() {
    let office = default_office().await;
    let a = office.signed_in("4224", "4224-secret").await;
    let mut sa = office.socket(Some(&a), &office.origin()).await.unwrap();
    office.server.state.restart();
    assert!(
        sa.closes().await,
        "the browser is told, so it catches up after reconnecting"
    );
    office
        .until("the reconnect", |o| {
            o.server.state.sockets_accepted() == 2 && o.server.state.sockets_open() == 1
        })
        .await;
    let mut again = office.socket(Some(&a), &office.origin()).await.unwrap();
    assert_eq!(
        office.set_status(&a, "4203", "After restart").await.status,
        204
    );
    assert_eq!(again.status_of("4203").await["name"], "After restart");
}
