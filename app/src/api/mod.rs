//! Server functions, one small file per resource. Each is a public HTTP endpoint: it works out
//! who is asking, parses input, calls one service and maps the outcome.

pub mod about_me;
pub mod auth;
pub mod campaigns;
pub mod carers;
pub mod feedback;
pub mod goals;
pub mod home;
pub mod needs;
pub mod places;
pub mod responses;
pub mod review;
pub mod sharing;
pub mod staff;
pub mod statements;
pub mod summary;
pub mod where_i_live;
