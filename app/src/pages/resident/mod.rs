//! The personal area (`/my`): the resident's own record.

pub mod about_me;
pub mod carers;
pub mod feedback;
pub mod goals;
mod home;
pub mod needs;
pub mod responses;
pub mod sharing;
pub mod statements;
pub mod summary;
pub mod where_i_live;

pub use home::{Home, home_view};
