//! App state shared through context: who is signed in ([`session`]), the status board's rows ([`board`]),
//! the groups page ([`groups`]), notifications ([`notifications`]) and the supervisor's recent statuses
//! ([`recent`]).

pub mod announcer;
pub mod audit;
pub mod board;
pub mod bulk;
pub mod groups;
pub mod live;
pub mod notifications;
pub mod recent;
pub mod session;
pub mod theme;
