//! Business rules and the access policy. Each function takes the store, the actor and parsed
//! input, checks who may do what, and calls the store.

pub mod about_me;
pub mod auth;
pub mod campaigns;
pub mod carers;
pub mod dashboard;
pub mod feedback;
pub mod goals;
pub mod health;
pub mod home;
pub mod needs;
pub mod places;
pub mod record;
pub mod responses;
pub mod review;
pub mod sharing;
pub mod sign_in;
pub mod staff;
pub mod statements;
pub mod summary;
pub mod where_i_live;
