//! Property tests: whatever bytes a server (or a proxy, or an attacker in the middle) sends, decoding
//! never panics — every API type, the events and error bodies (`domain::fuzz` does the values read from
//! URLs and inputs).
//!
//! `cargo xtask test` runs 10,000 cases each; `cargo xtask fuzz` runs 1,000,000 (`PROPTEST_CASES`).

use proptest::prelude::*;

use super::error::ApiError;
use super::events;
use super::types::*;

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(10_000)
}

/// Strings that look like the JSON the API sends, cut and spliced, so decoding gets past the first byte.
fn jsonish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        "\"",
        "null",
        "true",
        "false",
        "-1",
        "0",
        "1e999",
        "1.5",
        "\"id\"",
        "\"name\"",
        "\"type\"",
        "\"statusType\"",
        "\"returnTime\"",
        "\"note\"",
        "\"userName\"",
        "\"username\"",
        "\"displayName\"",
        "\"displayedName\"",
        "\"configurationId\"",
        "\"full\"",
        "\"coreServerId\"",
        "\"userStatus\"",
        "\"userLogin\"",
        "\"away\"",
        "\"\\u0000\"",
        "\"\\ud800\"",
        "\"é\"",
        "\"<script>\"",
        "99999999999999999999",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|p| p.concat())
}

fn decode_all(bytes: &[u8]) {
    let _ = serde_json::from_slice::<CoreServer>(bytes);
    let _ = serde_json::from_slice::<Vec<CoreServer>>(bytes);
    let _ = serde_json::from_slice::<ConfigUser>(bytes);
    let _ = serde_json::from_slice::<Vec<ConfigUser>>(bytes);
    let _ = serde_json::from_slice::<UserGroup>(bytes);
    let _ = serde_json::from_slice::<Vec<UserGroup>>(bytes);
    let _ = serde_json::from_slice::<LiveUser>(bytes);
    let _ = serde_json::from_slice::<Vec<LiveUser>>(bytes);
    let _ = serde_json::from_slice::<Login>(bytes);
    let _ = serde_json::from_slice::<Vec<Login>>(bytes);
    let _ = serde_json::from_slice::<UserStatus>(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        let _ = events::parse(text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic_a_decoder(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        decode_all(&bytes);
    }

    #[test]
    fn json_shaped_garbage_never_panics_a_decoder(text in jsonish()) {
        decode_all(text.as_bytes());
    }

    #[test]
    fn any_error_answer_becomes_a_sentence(status in any::<u16>(), body in ".{0,400}") {
        let e = ApiError::from_status(status, &body);
        prop_assert!(!e.message().is_empty());
    }

}
