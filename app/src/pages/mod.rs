//! Pages, one folder per area: `public/` (anyone), `resident/` (`/my`), `team/`,
//! `engagement/` and `admin/`. Each page gets its data from one server function returning its
//! screen's view model (`components::screen`), and renders on the server only.

pub mod admin;
pub mod engagement;
pub mod public;
pub mod resident;
pub mod team;
