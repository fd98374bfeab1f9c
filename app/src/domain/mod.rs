//! The domain: Mitsprache's rules as plain Rust, independent of HTTP, database and UI.
//! Compiled for the server and for the browser; every rule has unit tests beside it.

pub mod access;
pub mod account;
pub mod adoption;
pub mod audit;
pub mod codetermination;
pub mod comment;
pub mod comment_filter;
pub mod contribution;
pub mod csrf;
pub mod dialogue;
pub mod diff;
pub mod disposition;
pub mod german;
pub mod group;
pub mod invitation;
pub mod markdown;
pub mod notification;
pub mod privacy;
pub mod process;
pub mod readability;
pub mod review;
pub mod round;
pub mod sso;
pub mod staff_import;
pub mod tasks;
pub mod team;
pub mod template;
pub mod text;
pub mod throttle;
