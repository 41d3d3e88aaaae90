//! Signing in through the gateway, against the reference server: both modes, every refusal answered alike,
//! backoff, the cookie's attributes, idle and absolute expiry, sign-out, and a restart ending sessions.

mod common;

use std::time::{Duration, Instant};

use common::*;
use gateway::Mode;
use reqwest::Method;

#[tokio::test]
async fn a_supervisor_signs_in_with_their_own_password_and_gets_a_strict_cookie() {
    let office = default_office().await;
    let answer = office.sign_in_as("4224", "4224-secret").await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    let set = answer.headers["set-cookie"].to_str().unwrap();
    let id = set
        .split(';')
        .next()
        .unwrap()
        .strip_prefix("panel_session=")
        .unwrap();
    assert_eq!(id.len(), 32, "128 bits, hex");
    for attribute in ["HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(set.contains(attribute), "{set}");
    }
    assert!(!set.contains("Secure"), "plain http on loopback: {set}");
    assert!(!answer.text.contains("secret"), "no password in the answer");
    let who = office
        .get("/gateway/session", &answer.cookie())
        .await
        .json();
    assert_eq!(who["signedIn"], true);
    assert_eq!(who["username"], "4224");
    assert_eq!(who["displayName"], "Steve Summers");
    let again = office.signed_in("4224", "4224-secret").await;
    assert_ne!(again, answer.cookie(), "a new id at every sign-in");
    let nobody = office
        .send(office.req(Method::GET, "/gateway/session"))
        .await
        .json();
    assert_eq!(
        nobody,
        serde_json::json!({"gateway": true, "signedIn": false, "mode": "users"})
    );
}

#[tokio::test]
async fn every_refusal_gets_the_same_answer_in_about_the_same_time() {
    let office = default_office().await;
    let refusals = [
        ("4224", "wrong"),       // wrong password
        ("4202", "4202-secret"), // right password, not a supervisor
        ("ops/night", ""),       // a supervisor without a client password (no hash)
        ("ops/night", "x"),
        ("nobody", "whatever"), // unknown user
    ];
    let mut answers = Vec::new();
    for (user, password) in refusals {
        let started = Instant::now();
        let answer = office.sign_in_as(user, password).await;
        let took = started.elapsed();
        assert_eq!(answer.status, 401, "{user}");
        assert!(answer.headers.get("set-cookie").is_none());
        assert!(
            answer.headers.get("www-authenticate").is_none(),
            "no browser dialog"
        );
        assert!(
            took >= Duration::from_millis(400),
            "{user} answered in {took:?}"
        );
        answers.push(answer.text);
    }
    answers.dedup();
    assert_eq!(
        answers.len(),
        1,
        "one sentence for every refusal: {answers:?}"
    );
    // A member listed by username, not by group, gets in.
    let listed = office_listing("4202").await;
    assert_eq!(listed.sign_in_as("4202", "4202-secret").await.status, 200);
}

async fn office_listing(username: &str) -> Office {
    let mode = Mode::Users {
        groups: vec![],
        usernames: vec![username.into()],
    };
    office(mode, Duration::from_secs(600), Duration::from_secs(3600)).await
}

#[tokio::test]
async fn failures_back_off_without_locking_anyone_out_for_good() {
    let office = default_office().await;
    for _ in 0..3 {
        assert_eq!(office.sign_in_as("4211", "guess").await.status, 401);
    }
    let throttled = office.sign_in_as("4211", "4211-secret").await;
    assert_eq!(throttled.status, 429, "even the right password waits");
    let wait: u64 = throttled.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&wait));
    tokio::time::sleep(Duration::from_secs(wait)).await;
    assert_eq!(
        office.sign_in_as("4211", "4211-secret").await.status,
        200,
        "after the wait the supervisor gets in"
    );
}

#[tokio::test]
async fn sign_in_needs_the_panels_page() {
    let office = default_office().await;
    let mut foreign = office.req(Method::POST, "/gateway/session");
    foreign.origin = Some("https://evil.example".into());
    foreign.body = Some(serde_json::json!({"username": "4224", "password": "4224-secret"}));
    assert_eq!(office.send(foreign).await.status, 403);
    let mut no_header = office.req(Method::POST, "/gateway/session");
    no_header.panel_header = false;
    no_header.body = Some(serde_json::json!({"username": "4224", "password": "4224-secret"}));
    assert_eq!(office.send(no_header).await.status, 403);
    let mut not_json = office.req(Method::POST, "/gateway/session");
    not_json.body = Some(serde_json::json!("4224:4224-secret"));
    assert_eq!(office.send(not_json).await.status, 400);
}

#[tokio::test]
async fn sessions_end_when_idle_and_at_their_absolute_time() {
    let idle = office(
        users_mode(),
        Duration::from_millis(400),
        Duration::from_secs(60),
    )
    .await;
    let cookie = idle.signed_in("4224", "4224-secret").await;
    let path = "/communication_manager/rest/config/server/coreServers";
    assert_eq!(idle.get(path, &cookie).await.status, 200);
    tokio::time::sleep(Duration::from_millis(700)).await;
    assert_eq!(idle.get(path, &cookie).await.status, 401, "idle too long");

    let absolute = office(
        users_mode(),
        Duration::from_secs(60),
        Duration::from_millis(900),
    )
    .await;
    let cookie = absolute.signed_in("4224", "4224-secret").await;
    for _ in 0..3 {
        tokio::time::sleep(Duration::from_millis(250)).await;
        assert_eq!(absolute.get(path, &cookie).await.status, 200, "in use");
    }
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert_eq!(
        absolute.get(path, &cookie).await.status,
        401,
        "past 12 h (here 0.9 s) in use or not"
    );
}

#[tokio::test]
async fn signing_out_ends_the_session_and_a_restart_ends_them_all() {
    let mut office = default_office().await;
    let cookie = office.signed_in("4224", "4224-secret").await;
    let mut out = office.req(Method::DELETE, "/gateway/session");
    out.cookie = Some(&cookie);
    let answer = office.send(out).await;
    assert_eq!(answer.status, 204);
    assert!(answer.headers["set-cookie"]
        .to_str()
        .unwrap()
        .contains("Max-Age=0"));
    let path = "/communication_manager/rest/config/server/coreServers";
    assert_eq!(office.get(path, &cookie).await.status, 401);

    let kept = office.signed_in("4211", "4211-secret").await;
    assert_eq!(office.get(path, &kept).await.status, 200);
    office.restart_gateway().await;
    assert_eq!(
        office.get(path, &kept).await.status,
        401,
        "sessions live in memory only"
    );
}

#[tokio::test]
async fn realm_mode_signs_in_realm_users_and_speaks_as_them() {
    let office = office(
        Mode::Realm,
        Duration::from_secs(600),
        Duration::from_secs(3600),
    )
    .await;
    assert_eq!(office.sign_in_as("alice", "wrong").await.status, 401);
    assert_eq!(
        office.sign_in_as("4224", "4224-secret").await.status,
        401,
        "a client user is no realm user"
    );
    let alice = office.signed_in("alice", "alice-pw").await;
    let manager = office.signed_in("manager", "manag3rpa55word").await;
    let path = "/communication_manager/rest/config/server/coreServers";
    assert_eq!(office.get(path, &alice).await.status, 200);
    assert_eq!(office.get(path, &manager).await.status, 200);
    // Each session has its own upstream socket, made with its own credentials.
    let mut a = office.socket(Some(&alice), &office.origin()).await.unwrap();
    let _m = office
        .socket(Some(&manager), &office.origin())
        .await
        .unwrap();
    office
        .until("two upstream sockets", |o| {
            o.server.state.sockets_open() == 2
        })
        .await;
    assert_eq!(
        office.set_status(&alice, "4201", "Realm test").await.status,
        204
    );
    assert_eq!(a.status_of("4201").await["name"], "Realm test");
}

#[tokio::test]
async fn a_bad_service_account_or_an_unreachable_server_stops_the_start_with_the_fix() {
    let office = default_office().await;
    let wrong = gateway::Config {
        listen: "127.0.0.1:0".parse().unwrap(),
        service_account: Some(gateway::config::ServiceAccount {
            username: "manager".into(),
            password: gateway::secret::Secret::new("nope".into()),
        }),
        ..office.config.clone()
    };
    let e = gateway::start(wrong).await.err().unwrap();
    assert!(
        e.contains("refused [service_account]") && e.contains("security.xml"),
        "{e}"
    );
    let nowhere = gateway::Config {
        listen: "127.0.0.1:0".parse().unwrap(),
        upstream: "http://127.0.0.1:9/communication_manager/".into(),
        ..office.config.clone()
    };
    let e = gateway::start(nowhere).await.err().unwrap();
    assert!(e.contains("cannot be reached"), "{e}");
}
