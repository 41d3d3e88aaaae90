//! Property tests: whatever a URL or an input box holds, reading it never panics. Cases as `api::fuzz`.

use proptest::prelude::*;

use crate::domain::board_view::BoardQuery;
use crate::domain::return_time::LocalDateTime;

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(10_000)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn any_url_or_input_value_is_read_without_panicking(a in ".{0,60}", b in ".{0,60}", c in ".{0,60}") {
        let _ = LocalDateTime::parse_input(&a);
        let _ = BoardQuery::from_params(|k| match k { "q" => Some(a.clone()), "types" => Some(b.clone()), _ => Some(c.clone()) });
    }
}
