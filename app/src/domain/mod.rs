//! The domain: Mitsprache's rules as plain Rust, independent of HTTP, database and UI.
//! Compiled for the server and for the browser; every rule has unit tests beside it.

pub mod access;
pub mod account;
pub mod csrf;
pub mod diff;
pub mod group;
pub mod invitation;
pub mod markdown;
pub mod process;
pub mod readability;
pub mod text;
pub mod throttle;
