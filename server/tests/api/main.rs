//! HTTP-level tests: the real router on a fresh database, once on SQLite and once on PostgreSQL.

mod accounts;
mod adoption;
mod cli;
mod contributions;
mod dispositions;
mod drafts;
mod helpers;
mod processes;
mod rounds;
mod security;
