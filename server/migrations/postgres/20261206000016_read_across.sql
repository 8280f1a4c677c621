-- A read of residents' answers among the neighbourhood's (the team's person statements page)
-- is its own action: it is in each quoted resident's access log, but it is not an opening of
-- their record, so it does not clear "New since you looked" in the queue. Kept in step with
-- ../sqlite/20261206000016_read_across.sql (a test compares the two).
ALTER TABLE access_log DROP CONSTRAINT access_log_action_check;
ALTER TABLE access_log ADD CONSTRAINT access_log_action_check CHECK (action IN ('read', 'write',
    'share', 'stop-sharing', 'move', 'invite-carer', 'accept-carer', 'change-carer',
    'revoke-carer', 'acknowledge', 'respond', 'propose-goal', 'read-across'));
