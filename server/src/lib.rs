//! The `hive` binary's library: configuration, start-up, HTTP routes and layers, and the two
//! storage backends. Integration tests drive it in-process through `web::build_app`.

pub mod admin;
pub mod auth;
pub mod cli;
pub mod config;
pub mod db;
pub mod downloads;
pub mod error;
pub mod seed;
pub mod web;
