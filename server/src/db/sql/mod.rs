//! The SQL both backends share, written once, one file per aggregate of the storage port
//! (people and sign-in, places and staff, the record, sharing and the access log). `impl_store!` implements every part of
//! the port for a struct with a `pool`, `begin_write()` and `check_reachable()`. The SQL is
//! portable (`$n` placeholders, `ON CONFLICT … DO NOTHING`, times as integer milliseconds), so
//! the two stores cannot differ in behaviour by accident. A new query goes in three places: its
//! aggregate's trait (`app/src/server/store/`), the SQL here, and a contract test.

pub(crate) mod campaigns;
pub(crate) mod carers;
pub(crate) mod feedback;
pub(crate) mod people;
pub(crate) mod places;
pub(crate) mod record;
pub(crate) mod review;
pub(crate) mod sharing;

macro_rules! impl_store {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl app::server::Store for $store {
            #[tracing::instrument(skip_all)]
            async fn ping(&self) -> Result<(), app::server::StoreError> {
                self.check_reachable()?;
                sqlx::query("SELECT count(*) FROM neighbourhoods")
                    .fetch_one(&self.pool)
                    .await
                    .map_err($crate::db::rows::other)?;
                Ok(())
            }
        }

        $crate::db::sql::campaigns::impl_campaign_store!($store, $db);
        $crate::db::sql::carers::impl_carer_store!($store, $db);
        $crate::db::sql::feedback::impl_feedback_store!($store, $db);
        $crate::db::sql::people::impl_people_store!($store, $db);
        $crate::db::sql::places::impl_places_store!($store, $db);
        $crate::db::sql::record::impl_record_store!($store, $db);
        $crate::db::sql::review::impl_review_store!($store, $db);
        $crate::db::sql::sharing::impl_sharing_store!($store, $db);
    };
}

pub(crate) use impl_store;
