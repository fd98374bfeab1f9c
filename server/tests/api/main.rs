//! HTTP-level tests: the real router on a fresh database, once on SQLite and once on PostgreSQL.

mod accounts;
mod adoption;
mod audit;
mod authz;
mod bad_input;
mod cli;
mod codetermination;
mod comment_list;
mod contributions;
mod dialogue;
mod dispositions;
mod documents;
mod drafts;
mod hardening;
mod helpers;
mod import;
mod load;
mod mail;
mod privacy;
mod processes;
mod reviews;
mod round_changes;
mod rounds;
mod security;
#[path = "../support/smtp_sink.rs"]
mod smtp_sink;
mod sso;
mod tasks;
mod teams;
