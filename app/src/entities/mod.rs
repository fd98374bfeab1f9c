//! sea-orm entities: the database rows. Server-only; they never cross the wire (see the DTOs).

pub mod invitation;
pub mod login_throttle;
pub mod user;
pub mod user_role;
