//! Plain types and rules: no I/O, no database, compiled for both the server and the browser.

pub mod about_me;
pub mod form;
pub mod goals;
pub mod identity;
pub mod ids;
pub mod navigation;
pub mod needs;
pub mod person;
pub mod place;
pub mod record;
pub mod role;
pub mod staff;
pub mod statements;
pub mod text;
pub mod time;
