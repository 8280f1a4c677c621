-- Signing out ends every session of the person, including one that an in-flight request saves
-- again after the sign-out deleted it: each session carries the generation it was started
-- under, and signing out moves the person's generation on.
ALTER TABLE people ADD COLUMN session_generation BIGINT NOT NULL DEFAULT 0;
