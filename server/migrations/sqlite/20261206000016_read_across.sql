-- A read of residents' answers among the neighbourhood's (the team's person statements page)
-- is its own action: it is in each quoted resident's access log, but it is not an opening of
-- their record, so it does not clear "New since you looked" in the queue. Kept in step with
-- ../postgres/20261206000016_read_across.sql (a test compares the two). SQLite cannot change a
-- CHECK in place: the table is rebuilt with its rows, index and append-only triggers, as in
-- 20261130000009.
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
        'respond', 'propose-goal', 'read-across')),
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
