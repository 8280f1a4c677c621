-- A resident (or their carer) taking their feedback out of publication is its own kind of
-- event, not a moderator's `hide`, so counting moderators' decisions never counts it. Kept in
-- step with ../sqlite/20261206000018_withdrawals.sql (a test compares the two).
ALTER TABLE moderation_events DROP CONSTRAINT moderation_events_action_check;
ALTER TABLE moderation_events ADD CONSTRAINT moderation_events_action_check
    CHECK (action IN ('redact', 'publish', 'hide', 'report', 'withdraw'));
