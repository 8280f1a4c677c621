-- About Me joins the rest of the record: one table of versions, one way to append a version and
-- refuse a stale edit. Each section's versions become record_versions rows of kind 'about-me',
-- keyed by the section's code, keeping their version numbers, authors, residents and times. The
-- body is the stored JSON of domain::about_me::SectionBody: {"text": …, "supported_by": null or
-- {"name": …, "relationship": …}}.
-- Kept in step with ../sqlite/20261130000004_about_me_in_record.sql (a test compares the two).

ALTER TABLE record_versions DROP CONSTRAINT record_versions_kind_check;
ALTER TABLE record_versions ADD CONSTRAINT record_versions_kind_check CHECK (
    kind IN ('about-me', 'needs', 'goal', 'goal-note', 'statement', 'review')
);
INSERT INTO record_versions
    (resident_id, kind, item_key, version, body, author_id, acting_for_id, created_at)
SELECT resident_id, 'about-me', section, version,
       json_build_object(
           'text', body,
           'supported_by', CASE WHEN supported_by_name IS NOT NULL THEN
               json_build_object('name', supported_by_name,
                                 'relationship', supported_by_relationship) END
       )::text,
       author_id, acting_for_id, created_at
FROM about_me_versions
ORDER BY id;
DROP TABLE about_me_versions;
