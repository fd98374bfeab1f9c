//! The domain: Mitsprache's rules as plain Rust, independent of HTTP, database and UI.
//! Compiled for the server and for the browser; every rule has unit tests beside it.

pub mod account;
pub mod csrf;
pub mod invitation;
pub mod throttle;
