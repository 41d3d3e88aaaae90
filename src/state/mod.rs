//! App state shared through context: who is signed in ([`session`]), the status board's rows ([`board`]),
//! the groups page ([`groups`]), notifications ([`notifications`]) and the supervisor's recent statuses
//! ([`recent`]), and [`tasks`]: the one way asynchronous work runs, ending with the page that started it.

pub mod alerts;
pub mod announcer;
pub mod audit;
pub mod board;
pub mod bulk;
pub mod changes;
pub mod check;
pub mod day;
pub mod feed;
pub mod group_edits;
pub mod groups;
pub mod live;
pub mod notifications;
pub mod overdue_alerts;
pub mod persisted;
pub mod recent;
pub mod selection;
pub mod session;
pub mod staffing;
pub mod tasks;
pub mod team_activity;
pub mod theme;
pub mod watches;
