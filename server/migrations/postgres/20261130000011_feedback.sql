-- Feedback from residents, moderation and "you said, we did". Kept in step with
-- ../sqlite/20261130000011_feedback.sql (a test compares the two).

-- Services residents can give feedback about besides their neighbourhood team: configuration,
-- managed by administrators; retired (active = false), never deleted once used.
CREATE TABLE services (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    created_at BIGINT NOT NULL
);

-- One piece of feedback: the Friends and Family Test answer and its two follow-ups, about the
-- resident's neighbourhood team (service_id NULL) or a service. `good` and `better` are the
-- words as they are shown (after any redaction; the words as written are in
-- feedback_originals). `status`: private (for the service only), pending (may be published
-- after moderation), published, hidden (with a reason).
CREATE TABLE feedback (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    resident_id BIGINT REFERENCES people (id),
    author_id BIGINT REFERENCES people (id),
    author_name TEXT,
    acting_for_id BIGINT REFERENCES people (id),
    neighbourhood_id BIGINT REFERENCES neighbourhoods (id),
    service_id BIGINT REFERENCES services (id),
    fft TEXT NOT NULL CHECK (fft IN ('very-good', 'good', 'neither', 'poor', 'very-poor', 'dont-know')),
    good TEXT,
    better TEXT,
    statements TEXT NOT NULL,
    goal_key TEXT,
    status TEXT NOT NULL CHECK (status IN ('private', 'pending', 'published', 'hidden')),
    hidden_reason TEXT,
    reports BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    published_at BIGINT
);
CREATE INDEX feedback_status_idx ON feedback (status, id);
CREATE INDEX feedback_resident_idx ON feedback (resident_id, id);
CREATE INDEX feedback_neighbourhood_idx ON feedback (neighbourhood_id, created_at);

-- The words as written, kept (for moderators only) when a moderator redacts them.
CREATE TABLE feedback_originals (
    feedback_id BIGINT PRIMARY KEY REFERENCES feedback (id),
    good TEXT,
    better TEXT,
    created_at BIGINT NOT NULL
);

-- Every moderation decision and report, kept for ever.
CREATE TABLE moderation_events (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    feedback_id BIGINT NOT NULL REFERENCES feedback (id),
    actor_id BIGINT REFERENCES people (id),
    actor_name TEXT,
    action TEXT NOT NULL CHECK (action IN ('redact', 'publish', 'hide', 'report')),
    reason TEXT,
    created_at BIGINT NOT NULL
);
CREATE INDEX moderation_events_feedback_idx ON moderation_events (feedback_id, id);

-- The organisation's public response ("you said, we did"): what it says, and whether a
-- change is planned or made, with what and when.
CREATE TABLE feedback_responses (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    feedback_id BIGINT NOT NULL REFERENCES feedback (id),
    author_id BIGINT NOT NULL REFERENCES people (id),
    author_name TEXT NOT NULL,
    author_role TEXT NOT NULL,
    team_name TEXT,
    body TEXT NOT NULL,
    change TEXT NOT NULL CHECK (change IN ('none', 'planned', 'made')),
    change_detail TEXT,
    created_at BIGINT NOT NULL
);
CREATE INDEX feedback_responses_feedback_idx ON feedback_responses (feedback_id, id);

INSERT INTO services (code, name, active, created_at) VALUES
    ('district-nursing', 'District nursing', TRUE, 0),
    ('community-therapy', 'Community therapy (physiotherapy and occupational therapy)', TRUE, 0),
    ('social-care', 'Adult social care', TRUE, 0),
    ('gp-practice', 'My GP practice', TRUE, 0),
    ('intermediate-care', 'Intermediate care and reablement', TRUE, 0);
