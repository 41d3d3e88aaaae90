//! Pure logic with plain `#[test]`s: status types, return-time conversion, the board's rows. No HTTP, no DOM
//! (the return-time module's two browser calls are the one exception, kept beside the pure parts).

pub mod announce;
pub mod audit;
pub mod board;
pub mod board_view;
pub mod entries;
pub mod freshness;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod fuzz;
pub mod listbox;
pub mod locale;
pub mod membership;
pub mod overdue;
pub mod quick_times;
pub mod read_queue;
pub mod recent;
pub mod relative_time;
pub mod return_time;
pub mod screen;
pub mod selection;
pub mod shortcuts;
pub mod since;
pub mod site_presets;
pub mod sort;
pub mod staffing;
pub mod status_form;
pub mod status_type;
pub mod timeline;
pub mod watch;
pub mod window;
#[cfg(test)]
pub(crate) mod zone_model;
