-- Carers acting for residents. Being a carer is a relationship between two people who both sign
-- in as residents, not a role: the demo's carer becomes a resident, and the 'carer' role is
-- gone. Kept in step with ../postgres/20261130000007_carers.sql (a test compares the two).

UPDATE people SET role = 'resident' WHERE role = 'carer';

-- One invitation, and once accepted the grant it became. The code itself is never stored, only
-- its SHA-256 (so a copy of the database cannot be used to accept an invitation). Status is
-- worked out from the times: revoked, else pending until accepted (and unusable once
-- `code_expires_at` passes), else active until `ends_at` (if any).
CREATE TABLE carer_grants (
    id INTEGER PRIMARY KEY,
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

-- The access log gains the carer events. SQLite cannot change a CHECK in place, so the table is
-- rebuilt with its rows, indexes and append-only triggers (dropping a table fires no triggers).
CREATE TABLE access_log_new (
    id INTEGER PRIMARY KEY,
    resident_id BIGINT NOT NULL REFERENCES people (id),
    actor_id BIGINT NOT NULL REFERENCES people (id),
    actor_name TEXT NOT NULL,
    actor_role TEXT NOT NULL,
    actor_team TEXT,
    acting_for_id BIGINT REFERENCES people (id),
    scope TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('read', 'write', 'share', 'stop-sharing', 'move',
        'invite-carer', 'accept-carer', 'change-carer', 'revoke-carer')),
    created_at BIGINT NOT NULL
);
INSERT INTO access_log_new SELECT id, resident_id, actor_id, actor_name, actor_role, actor_team,
    acting_for_id, scope, action, created_at FROM access_log;
DROP TABLE access_log;
ALTER TABLE access_log_new RENAME TO access_log;
CREATE INDEX access_log_resident_idx ON access_log (resident_id, id);
CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END;
CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END;
