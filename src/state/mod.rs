//! App state shared through context: who is signed in ([`session`]) and the status board's rows ([`board`]).

pub mod board;
pub mod session;
