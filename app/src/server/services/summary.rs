//! The record as a whole: the one-page summary, and reviews ("Nothing has changed").

use super::record::{access, owner, write_own};
use crate::domain::record::{RecordSummary, ReviewStatus};
use crate::domain::sharing::Scope;
use crate::error::AppError;
use crate::server::store::{PartKind, Store};
use crate::server::{Actor, Hive};

use crate::server::now_millis;

/// When the record was last changed or confirmed (no part's content: a carer sees it too).
pub async fn review_status(hive: &Hive, actor: &Actor) -> Result<ReviewStatus, AppError> {
    let resident = access(actor)?.resident;
    let last = hive.store.record_last_touched(resident).await?;
    Ok(ReviewStatus::at(last, now_millis(), hive.review_after_days))
}

/// Needs first, then About Me and current goals: four reads however long the history. A carer
/// sees the parts their grant names; the others are left out (`None`), not shown as empty.
pub async fn summary(hive: &Hive, actor: &Actor) -> Result<RecordSummary, AppError> {
    let store: &dyn Store = hive.store.as_ref();
    let access = access(actor)?;
    let name = access.resident_name.clone();
    let (needs, needs_written_by) = match access.can_see(Scope::Needs) {
        true => {
            let now = super::needs::current(store, actor).await?;
            (Some(now.needs), now.written_by)
        }
        false => (None, None),
    };
    let about_me = super::about_me::sections(store, actor).await?;
    let goals = match access.can_see(Scope::Goals) {
        true => Some(
            super::goals::list(store, actor)
                .await?
                .into_iter()
                .filter(|g| g.goal.lifecycle.is_current())
                .collect(),
        ),
        false => None,
    };
    let review = review_status(hive, actor).await?;
    Ok(RecordSummary {
        name,
        needs,
        needs_written_by,
        about_me,
        goals,
        review,
    })
}

/// "Nothing has changed": recorded as a review, dated now.
pub async fn confirm_review(store: &dyn Store, actor: &Actor) -> Result<(), AppError> {
    let resident = owner(actor)?;
    write_own(store, resident, PartKind::Review, "review", &())
        .await
        .map(|_| ())
}
