//! App state shared through context: who is signed in ([`session`]), the status board's rows ([`board`]),
//! and the supervisor's recent statuses ([`recent`]).

pub mod board;
pub mod recent;
pub mod session;
