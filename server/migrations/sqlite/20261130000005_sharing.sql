-- Sharing with the neighbourhood team, the consent history, and the access log the resident
-- reads. Kept in step with ../postgres/20261130000005_sharing.sql (a test compares the two).
--
-- A *scope* is what a resident shares or a carer is granted, by code: each About Me section
-- (`about-me:<section>`), `goals`, `needs`, `statements`.

-- What each resident shares with their neighbourhood team now: a row per shared scope. Nothing
-- is shared until the resident shares it; stopping deletes the row (the history keeps it).
CREATE TABLE shares (
    resident_id BIGINT NOT NULL REFERENCES people (id),
    scope TEXT NOT NULL,
    shared_at BIGINT NOT NULL,
    shared_by BIGINT NOT NULL REFERENCES people (id),
    PRIMARY KEY (resident_id, scope)
);

-- Every change to sharing, kept for the resident to read: the consent history.
CREATE TABLE consent_events (
    id INTEGER PRIMARY KEY,
    resident_id BIGINT NOT NULL REFERENCES people (id),
    scope TEXT NOT NULL,
    shared BOOLEAN NOT NULL,
    actor_id BIGINT NOT NULL REFERENCES people (id),
    created_at BIGINT NOT NULL
);
CREATE INDEX consent_events_resident_idx ON consent_events (resident_id, id);

-- Every read or write of a resident's record by anyone else, and every change to who may see
-- it. Who is copied as it was (name, role, team), so the entry reads the same after they move.
CREATE TABLE access_log (
    id INTEGER PRIMARY KEY,
    resident_id BIGINT NOT NULL REFERENCES people (id),
    actor_id BIGINT NOT NULL REFERENCES people (id),
    actor_name TEXT NOT NULL,
    actor_role TEXT NOT NULL,
    actor_team TEXT,
    acting_for_id BIGINT REFERENCES people (id),
    scope TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('read', 'write', 'share', 'stop-sharing', 'move')),
    created_at BIGINT NOT NULL
);
CREATE INDEX access_log_resident_idx ON access_log (resident_id, id);

-- Both histories are append-only: the database refuses to change or remove a row.
CREATE TRIGGER consent_events_no_update BEFORE UPDATE ON consent_events
BEGIN SELECT RAISE(ABORT, 'consent_events is append-only'); END;
CREATE TRIGGER consent_events_no_delete BEFORE DELETE ON consent_events
BEGIN SELECT RAISE(ABORT, 'consent_events is append-only'); END;
CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END;
CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END;
