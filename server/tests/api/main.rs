//! HTTP-level tests: the real router on a fresh database, once on SQLite and once on PostgreSQL.

mod accounts;
mod adoption;
mod audit;
mod authz;
mod bad_input;
mod cli;
mod comment_list;
mod contributions;
mod dialogue;
mod dispositions;
mod drafts;
mod hardening;
mod helpers;
mod import;
mod load;
mod privacy;
mod processes;
mod reviews;
mod rounds;
mod security;
mod sso;
mod teams;
