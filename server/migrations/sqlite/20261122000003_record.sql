-- The resident's own record: About Me, needs, goals and person statements.
-- Kept in step with ../postgres/20261122000003_record.sql (a test compares the two).

-- Every save of a section is a new row: versions 1, 2, 3… per resident and section, never
-- updated or deleted by normal use. The author wrote it; acting_for is the resident it is
-- about (the author themself, or later a carer's resident).
CREATE TABLE about_me_versions (
    id INTEGER PRIMARY KEY,
    resident_id BIGINT NOT NULL REFERENCES people (id),
    section TEXT NOT NULL CHECK (
        section IN ('most-important', 'important-people', 'communication', 'wellness',
                    'do-and-dont', 'support', 'also-worth-knowing')
    ),
    version BIGINT NOT NULL CHECK (version > 0),
    body TEXT NOT NULL,
    supported_by_name TEXT,
    supported_by_relationship TEXT,
    author_id BIGINT NOT NULL REFERENCES people (id),
    acting_for_id BIGINT NOT NULL REFERENCES people (id),
    created_at BIGINT NOT NULL,
    UNIQUE (resident_id, section, version)
);
CREATE INDEX about_me_versions_author_idx ON about_me_versions (author_id);
CREATE INDEX about_me_versions_acting_for_idx ON about_me_versions (acting_for_id);

-- The rest of the record, versioned the same way: one row per save, per resident, kind and item
-- (needs: one item; goals: one item per goal, and their progress notes; statements: one item per
-- person statement). The body is the domain type as JSON, checked by Hive before it is stored.
CREATE TABLE record_versions (
    id INTEGER PRIMARY KEY,
    resident_id BIGINT NOT NULL REFERENCES people (id),
    kind TEXT NOT NULL CHECK (kind IN ('needs', 'goal', 'goal-note', 'statement', 'review')),
    item_key TEXT NOT NULL,
    version BIGINT NOT NULL CHECK (version > 0),
    body TEXT NOT NULL,
    author_id BIGINT NOT NULL REFERENCES people (id),
    acting_for_id BIGINT NOT NULL REFERENCES people (id),
    created_at BIGINT NOT NULL,
    UNIQUE (resident_id, kind, item_key, version)
);
CREATE INDEX record_versions_author_idx ON record_versions (author_id);
CREATE INDEX record_versions_acting_for_idx ON record_versions (acting_for_id);

-- The city's 'person' statements, written by residents. Configuration data: reworded or
-- retired (active = false), never deleted once answered. The seed set is the city's own.
CREATE TABLE person_statements (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    text TEXT NOT NULL,
    position BIGINT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    created_at BIGINT NOT NULL
);
INSERT INTO person_statements (code, text, position, active, created_at) VALUES
    ('active-partner', 'I am an active partner in my own care.', 1, TRUE, 1795305600000),
    ('meaningful-communication', 'People communicate with me in a way that is meaningful to me.', 2, TRUE, 1795305600000),
    ('listened-to', 'I am listened to about what matters to me.', 3, TRUE, 1795305600000),
    ('plan-together', 'I can plan my care with people who work together to understand me and my carers.', 4, TRUE, 1795305600000),
    ('independent-at-home', 'I stay as independent as I want to be, in the place I call home.', 5, TRUE, 1795305600000),
    ('carers-supported', 'My carers and family have their own needs recognised and supported.', 6, TRUE, 1795305600000);
