-- Carers acting for residents. Being a carer is a relationship between two people who both sign
-- in as residents, not a role: the demo's carer becomes a resident, and the 'carer' role is
-- gone. Kept in step with ../sqlite/20261130000007_carers.sql (a test compares the two).

UPDATE people SET role = 'resident' WHERE role = 'carer';

-- One invitation, and once accepted the grant it became. The code itself is never stored, only
-- its SHA-256 (so a copy of the database cannot be used to accept an invitation). Status is
-- worked out from the times: revoked, else pending until accepted (and unusable once
-- `code_expires_at` passes), else active until `ends_at` (if any).
CREATE TABLE carer_grants (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    resident_id BIGINT NOT NULL REFERENCES people (id),
    carer_id BIGINT REFERENCES people (id),
    carer_name TEXT NOT NULL,
    relationship TEXT NOT NULL,
    code_hash TEXT NOT NULL UNIQUE,
    invited_at BIGINT NOT NULL,
    code_expires_at BIGINT NOT NULL,
    accepted_at BIGINT,
    ends_at BIGINT,
    revoked_at BIGINT,
    CHECK ((carer_id IS NULL) = (accepted_at IS NULL)),
    CHECK (carer_id IS NULL OR carer_id <> resident_id)
);
CREATE INDEX carer_grants_resident_idx ON carer_grants (resident_id, id);
CREATE INDEX carer_grants_carer_idx ON carer_grants (carer_id, resident_id);

-- What a grant allows, part by part: see it, or see and change it.
CREATE TABLE carer_grant_scopes (
    grant_id BIGINT NOT NULL REFERENCES carer_grants (id),
    scope TEXT NOT NULL,
    can_change BOOLEAN NOT NULL,
    PRIMARY KEY (grant_id, scope)
);

-- The access log gains the carer events.
ALTER TABLE access_log DROP CONSTRAINT access_log_action_check;
ALTER TABLE access_log ADD CONSTRAINT access_log_action_check CHECK (action IN ('read', 'write',
    'share', 'stop-sharing', 'move', 'invite-carer', 'accept-carer', 'change-carer',
    'revoke-carer'));
