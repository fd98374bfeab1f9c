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
mod helpers;
mod load;
mod processes;
mod reviews;
mod round_changes;
mod rounds;
mod security;
mod tasks;
mod teams;
