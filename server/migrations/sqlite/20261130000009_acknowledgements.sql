-- Staff acknowledge what they read. Kept in step with ../postgres/20261130000009_acknowledgements.sql
-- (a test compares the two).

-- What a member of staff has read: "I have read this version" of one part of a resident's
-- record (the needs, an About Me section, a goal), with who they were then and the team that
-- serves the resident's neighbourhood. Kept for ever; the newest per part is what counts. The
-- store checks the version exists for that resident and part before adding a row.
CREATE TABLE acknowledgements (
    id INTEGER PRIMARY KEY,
    resident_id BIGINT NOT NULL REFERENCES people (id),
    neighbourhood_id BIGINT NOT NULL REFERENCES neighbourhoods (id),
    staff_id BIGINT NOT NULL REFERENCES people (id),
    staff_name TEXT NOT NULL,
    staff_role TEXT NOT NULL,
    team_name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('needs', 'about-me', 'goal')),
    item_key TEXT NOT NULL,
    version BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX acknowledgements_part_idx
    ON acknowledgements (resident_id, neighbourhood_id, kind, item_key, version);

-- Whether anything shared has changed since the team last acknowledged it.
ALTER TABLE team_queue ADD COLUMN unacknowledged BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE team_queue SET unacknowledged = EXISTS (
    SELECT 1 FROM record_versions v JOIN shares s ON s.resident_id = v.resident_id
       AND (s.scope = 'needs' AND v.kind = 'needs'
            OR s.scope = 'goals' AND v.kind = 'goal'
            OR v.kind = 'about-me' AND s.scope = 'about-me:' || v.item_key)
     WHERE v.resident_id = team_queue.resident_id);
CREATE INDEX team_queue_unacknowledged_idx
    ON team_queue (neighbourhood_id, unacknowledged, last_change_at, resident_id);

-- The access log gains staff actions. SQLite cannot change a CHECK in place: the table is
-- rebuilt with its rows, index and append-only triggers, as in 20261130000007.
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
        'invite-carer', 'accept-carer', 'change-carer', 'revoke-carer', 'acknowledge',
        'respond', 'propose-goal')),
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
