-- Signing in through identity providers, and the staff directory.
-- Kept in step with ../sqlite/20261122000002_sign_in.sql (a test compares the two).

-- Who someone is at an identity provider. People are keyed by (issuer, subject), never by
-- email; one person may sign in through more than one provider.
CREATE TABLE identities (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    person_id BIGINT NOT NULL REFERENCES people (id),
    issuer TEXT NOT NULL,
    subject TEXT NOT NULL,
    -- The identity level the provider last vouched for (NHS login's P0, P5 or P9), if any.
    identity_level TEXT CHECK (identity_level IN ('P0', 'P5', 'P9')),
    created_at BIGINT NOT NULL,
    last_sign_in_at BIGINT NOT NULL,
    UNIQUE (issuer, subject)
);
CREATE INDEX identities_person_idx ON identities (person_id);

-- Sign-ins under way: sent to a provider, not yet back. Single use (taken by deleting the row)
-- and only honoured for ten minutes. The state is random; the browser column holds a hash of
-- a cookie only the browser that started the sign-in has.
CREATE TABLE sign_in_attempts (
    state TEXT PRIMARY KEY NOT NULL,
    browser TEXT NOT NULL,
    provider TEXT NOT NULL,
    nonce TEXT NOT NULL,
    pkce_verifier TEXT NOT NULL,
    next_path TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX sign_in_attempts_created_idx ON sign_in_attempts (created_at);

-- The staff directory is people with a staff role and an email (stored lower-case). At most one
-- active person per email; a removed person's email may be added again. An entry is claimed
-- once, by the first sign-in with its email: claimed_at is set in the same statement that checks
-- it was unset, so two sign-ins at once cannot both claim it.
ALTER TABLE people ADD COLUMN claimed_at BIGINT;
CREATE UNIQUE INDEX people_active_email_idx ON people (email) WHERE active AND email IS NOT NULL;
