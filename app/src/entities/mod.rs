//! sea-orm entities: the database rows. Server-only; they never cross the wire (see the DTOs).

pub mod acknowledgement;
pub mod adoption_decision;
pub mod adoption_proposal;
pub mod approving_body;
pub mod body_member;
pub mod cluster;
pub mod comment;
pub mod comment_change;
pub mod comment_edit;
pub mod comment_support;
pub mod contribution;
pub mod contribution_section;
pub mod contribution_tag;
pub mod disposition;
pub mod group_member;
pub mod invitation;
pub mod login_throttle;
pub mod process;
pub mod round;
pub mod step_change;
pub mod user;
pub mod user_role;
pub mod version;
pub mod working_draft;
