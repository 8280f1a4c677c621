//! Reusable pieces of page.

pub mod card;
pub mod character_count;
pub mod chart;
pub mod conversation;
pub mod diff;
pub mod enhanced_forms;
pub mod error_page;
pub mod form;
pub mod layout;
pub mod neighbourhood_table;
pub mod not_found;
pub mod pagination;
pub mod screen;
pub mod session_timeout;
pub mod urgent;
