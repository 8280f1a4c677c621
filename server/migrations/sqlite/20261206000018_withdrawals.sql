-- A resident (or their carer) taking their feedback out of publication is its own kind of
-- event, not a moderator's `hide`, so counting moderators' decisions never counts it. Kept in
-- step with ../postgres/20261206000018_withdrawals.sql (a test compares the two). SQLite
-- cannot change a CHECK in place: the table is rebuilt with its rows and index.
CREATE TABLE moderation_events_new (
    id INTEGER PRIMARY KEY,
    feedback_id BIGINT NOT NULL REFERENCES feedback (id),
    actor_id BIGINT REFERENCES people (id),
    actor_name TEXT,
    action TEXT NOT NULL CHECK (action IN ('redact', 'publish', 'hide', 'report', 'withdraw')),
    reason TEXT,
    created_at BIGINT NOT NULL
);
INSERT INTO moderation_events_new SELECT id, feedback_id, actor_id, actor_name, action, reason,
    created_at FROM moderation_events;
DROP TABLE moderation_events;
ALTER TABLE moderation_events_new RENAME TO moderation_events;
CREATE INDEX moderation_events_feedback_idx ON moderation_events (feedback_id, id);
