//! Pages, one module per area.

pub mod about;
pub mod about_me;
pub mod admin;
pub mod auth;
pub mod goals;
pub mod home;
pub mod needs;
pub mod statements;
pub mod summary;
