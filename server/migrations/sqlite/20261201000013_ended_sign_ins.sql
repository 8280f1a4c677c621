-- Sign-ins that were signed out. Signing out deletes the session, but a request of the same
-- session still in flight may save it again afterwards; each session carries a random sign-in
-- token, and a session whose token is here is refused. Rows older than a session can live
-- (12 hours) are forgotten.
CREATE TABLE ended_sign_ins (
    token TEXT PRIMARY KEY,
    ended_at BIGINT NOT NULL
);
CREATE INDEX ended_sign_ins_ended_at_idx ON ended_sign_ins (ended_at);
