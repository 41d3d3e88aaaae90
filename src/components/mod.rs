//! Reusable pieces that render what they are given; none of them calls the API.

pub mod day_view;
pub mod filter_box;
pub mod modal;
pub mod presence_badge;
pub mod staffing_strip;
pub mod status_badge;
pub mod status_editor;
pub mod status_picker;
pub mod table_head;
pub mod theme_toggle;
pub mod toasts;
pub mod top_bar;
