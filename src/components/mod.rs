//! Reusable pieces that render what they are given; none of them calls the API.

pub mod status_badge;
pub mod top_bar;
