//! Who someone is once an identity provider has vouched for them. The flow itself (state,
//! nonce, PKCE, token validation) is in `server/src/auth`; this is the rule for what a validated
//! identity may become.

use crate::domain::identity::{Audience, IdentityLevel};
use crate::domain::ids::PersonId;
use crate::domain::person::DisplayName;
use crate::domain::role::Area;
use crate::domain::staff::Email;
use crate::error::AppError;
use crate::server::internal;
use crate::server::store::{Store, VerifiedIdentity};

/// What the ID token said about the person, beyond who they are.
#[derive(Clone, Default)]
pub struct Claimed {
    /// `name`, or `given_name` and `family_name` joined.
    pub name: Option<String>,
    pub email: Option<String>,
    pub email_verified: Option<bool>,
}

/// What Hive knows about the provider that vouched for the person.
#[derive(Clone, Copy, Debug)]
pub struct Vouched {
    pub audience: Audience,
    pub minimum: Option<IdentityLevel>,
    /// The provider vouches for every email it sends, verified claim or not.
    pub trust_email: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    SignedIn {
        person: PersonId,
        restricted: bool,
    },
    /// A staff provider vouched for someone the staff directory does not list (or no longer
    /// lists), or a residents' provider for a member of staff.
    NotRegistered,
}

/// Below the provider's minimum level (or no level at all when one is required).
pub fn is_restricted(level: Option<IdentityLevel>, minimum: Option<IdentityLevel>) -> bool {
    match minimum {
        None => false,
        Some(minimum) => level.is_none_or(|level| level < minimum),
    }
}

/// Finds or creates the person behind a validated identity.
///
/// - Someone seen before is the same person, as long as they are still active and their role
///   fits the provider's audience.
/// - Residents are created on their first sign-in through a residents' provider.
/// - Staff are never created by signing in: a staff sign-in claims the directory entry an admin
///   added for its email, or is turned away. The email must be verified (`email_verified:
///   true`) unless the provider is configured to vouch for every email it sends: otherwise
///   anyone able to set their own email at the provider could claim any entry, an admin's too.
/// - A resident whose identity belongs to someone no longer active is turned away.
pub async fn resolve(
    store: &dyn Store,
    vouched: Vouched,
    identity: &VerifiedIdentity,
    claimed: &Claimed,
) -> Result<Outcome, AppError> {
    let audience = vouched.audience;
    let restricted = is_restricted(identity.level, vouched.minimum);
    let existing = store
        .person_by_identity(&identity.issuer, &identity.subject)
        .await?;
    if audience == Audience::Residents && existing.as_ref().is_some_and(|p| !p.active) {
        return Ok(Outcome::NotRegistered);
    }
    if let Some(person) = existing.filter(|p| p.active) {
        let fits = match audience {
            Audience::Residents => person.role.area() == Area::Personal,
            Audience::Staff => person.role.area() != Area::Personal,
        };
        if !fits {
            return Ok(Outcome::NotRegistered);
        }
        store.record_sign_in(person.id, identity).await?;
        return Ok(Outcome::SignedIn {
            person: person.id,
            restricted,
        });
    }
    match audience {
        Audience::Residents => {
            let name = claimed
                .name
                .as_deref()
                .and_then(|n| DisplayName::parse(n).ok())
                .or_else(|| DisplayName::parse("Hive resident").ok())
                .ok_or_else(|| internal("the fallback resident name does not parse"))?;
            let person = store.add_resident(&name, identity).await?;
            // Two first sign-ins at once: both end up with the one person the identity names.
            match store.person(person).await {
                Ok(record) if record.active && record.role.area() == Area::Personal => {
                    Ok(Outcome::SignedIn { person, restricted })
                }
                Ok(_) | Err(crate::server::StoreError::NotFound) => Ok(Outcome::NotRegistered),
                Err(err) => Err(err.into()),
            }
        }
        Audience::Staff => {
            if claimed.email_verified != Some(true) && !vouched.trust_email {
                return Ok(Outcome::NotRegistered);
            }
            let Some(email) = claimed.email.as_deref().and_then(|e| Email::parse(e).ok()) else {
                return Ok(Outcome::NotRegistered);
            };
            match store.claim_staff(&email, identity).await? {
                Some(person) => Ok(Outcome::SignedIn { person, restricted }),
                None => Ok(Outcome::NotRegistered),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use IdentityLevel::*;

    #[test]
    fn without_a_minimum_nobody_is_restricted() {
        assert!(!is_restricted(None, None));
        assert!(!is_restricted(Some(P0), None));
    }

    #[test]
    fn below_the_minimum_or_unknown_is_restricted() {
        assert!(is_restricted(Some(P5), Some(P9)));
        assert!(is_restricted(None, Some(P5)));
        assert!(!is_restricted(Some(P9), Some(P9)));
        assert!(!is_restricted(Some(P9), Some(P5)));
    }
}
