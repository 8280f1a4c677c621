-- About Me joins the rest of the record: one table of versions, one way to append a version and
-- refuse a stale edit. Each section's versions become record_versions rows of kind 'about-me',
-- keyed by the section's code, keeping their version numbers, authors, residents and times. The
-- body is the stored JSON of domain::about_me::SectionBody: {"text": …, "supported_by": null or
-- {"name": …, "relationship": …}}.
-- Kept in step with ../postgres/20261130000004_about_me_in_record.sql (a test compares the two).

-- SQLite cannot change a CHECK constraint in place: the table is rebuilt with the new kind.
CREATE TABLE record_versions_new (
    id INTEGER PRIMARY KEY,
    resident_id BIGINT NOT NULL REFERENCES people (id),
    kind TEXT NOT NULL CHECK (
        kind IN ('about-me', 'needs', 'goal', 'goal-note', 'statement', 'review')
    ),
    item_key TEXT NOT NULL,
    version BIGINT NOT NULL CHECK (version > 0),
    body TEXT NOT NULL,
    author_id BIGINT NOT NULL REFERENCES people (id),
    acting_for_id BIGINT NOT NULL REFERENCES people (id),
    created_at BIGINT NOT NULL,
    UNIQUE (resident_id, kind, item_key, version)
);
INSERT INTO record_versions_new
    (id, resident_id, kind, item_key, version, body, author_id, acting_for_id, created_at)
SELECT id, resident_id, kind, item_key, version, body, author_id, acting_for_id, created_at
FROM record_versions;
INSERT INTO record_versions_new
    (resident_id, kind, item_key, version, body, author_id, acting_for_id, created_at)
SELECT resident_id, 'about-me', section, version,
       json_object(
           'text', body,
           'supported_by', json(CASE WHEN supported_by_name IS NOT NULL THEN
               json_object('name', supported_by_name,
                           'relationship', supported_by_relationship) END)
       ),
       author_id, acting_for_id, created_at
FROM about_me_versions
ORDER BY id;
DROP TABLE record_versions;
DROP TABLE about_me_versions;
ALTER TABLE record_versions_new RENAME TO record_versions;
CREATE INDEX record_versions_author_idx ON record_versions (author_id);
CREATE INDEX record_versions_acting_for_idx ON record_versions (acting_for_id);
