-- The resident's own record: About Me, needs, goals and person statements.
-- Kept in step with ../sqlite/20261122000003_record.sql (a test compares the two).

-- Every save of a section is a new row: versions 1, 2, 3… per resident and section, never
-- updated or deleted by normal use. The author wrote it; acting_for is the resident it is
-- about (the author themself, or later a carer's resident).
CREATE TABLE about_me_versions (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
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
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    resident_id BIGINT NOT NULL REFERENCES people (id),
    kind TEXT NOT NULL CHECK (kind IN ('needs', 'goal', 'goal-note', 'statement')),
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
