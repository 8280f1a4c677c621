//! Where a resident lives: their home ward, found from a postcode district or chosen from the
//! list. Moving changes the team that sees what they share, from the next request, and is
//! recorded in their access log.

use super::record::owner;
use super::sharing::accessor;
use crate::domain::where_i_live::{WhereILive, WhereILiveForm, postcode_district};
use crate::error::AppError;
use crate::server::Actor;
use crate::server::store::{Store, StoreError};

/// The page: the home ward now, every ward to choose from, and (with `postcode`) the wards in
/// its district.
pub async fn where_i_live(
    store: &dyn Store,
    actor: &Actor,
    postcode: Option<&str>,
) -> Result<WhereILive, AppError> {
    owner(actor)?;
    let person = actor.person().ok_or(AppError::NotSignedIn)?;
    let neighbourhoods = store.neighbourhoods().await?;
    let (mut district, mut found, mut postcode_problem) = (None, Vec::new(), None);
    match postcode.map(str::trim).filter(|p| !p.is_empty()) {
        None => {}
        Some(typed) => match postcode_district(typed) {
            None => postcode_problem = Some("Enter a postcode, like M8 5DE".to_string()),
            Some(d) => {
                found = store.wards_in_district(&d).await?;
                if found.is_empty() {
                    postcode_problem = Some(format!(
                        "We do not know the wards in {d} yet: choose yours from the list"
                    ));
                }
                district = Some(d);
            }
        },
    }
    Ok(WhereILive {
        ward: person.home_ward.clone(),
        neighbourhood: person.home_neighbourhood.clone(),
        neighbourhoods,
        district,
        found,
        postcode_problem,
    })
}

/// Moves the resident's home to the ward chosen.
pub async fn move_home(
    store: &dyn Store,
    actor: &Actor,
    form: &WhereILiveForm,
) -> Result<(), AppError> {
    let resident = owner(actor)?;
    let choose = || AppError::field("ward", "Choose the ward you live in");
    // A ward is chosen by its code: anything that is not one (a NUL byte, which PostgreSQL
    // cannot even compare, among them) is simply not a ward.
    if crate::domain::place::Code::parse(form.ward.trim()).is_err() {
        return Err(choose());
    }
    let ward = match store.ward_id(form.ward.trim()).await {
        Ok(ward) => ward,
        Err(StoreError::NotFound) => return Err(choose()),
        Err(other) => return Err(other.into()),
    };
    Ok(store.move_home(resident, ward, &accessor(actor)?).await?)
}
