//! One integration-test binary. Every test starts from a fresh database: a new SQLite file, and
#![allow(clippy::unwrap_used)] // a panic in a test is a failed test, with its cause
//! (when TEST_DATABASE_URL is set) a new schema in that PostgreSQL database.

mod about_me;
mod campaigns;
mod carers;
mod contract;
mod counting;
mod directory;
mod feedback;
mod goals;
mod health;
mod idp;
mod logs;
mod matrix;
mod needs;
mod pages;
mod places;
mod record;
mod responses;
mod review;
mod scale;
mod schema;
mod security;
mod serving;
mod sessions;
mod sharing;
mod sign_in;
mod startup;
mod statements;
mod summary;
mod support;
mod upgrade;
