-- The neighbourhood team's queue: one row per resident who shares at least one part, with their
-- neighbourhood and when a shared part last changed (or was first shared). Kept by the store in
-- the same transaction as every save, change of sharing and move, so the queue is one index
-- range, paged by key, however many residents the neighbourhood has (about 45,000).
CREATE TABLE team_queue (
    resident_id BIGINT PRIMARY KEY REFERENCES people (id),
    neighbourhood_id BIGINT NOT NULL REFERENCES neighbourhoods (id),
    last_change_at BIGINT NOT NULL,
    has_needs BOOLEAN NOT NULL
);
CREATE INDEX team_queue_neighbourhood_idx
    ON team_queue (neighbourhood_id, last_change_at, resident_id);

-- Residents who already share something.
INSERT INTO team_queue (resident_id, neighbourhood_id, last_change_at, has_needs)
SELECT p.id, w.neighbourhood_id,
    coalesce((SELECT max(v.created_at) FROM record_versions v JOIN shares s2
                ON s2.resident_id = v.resident_id
               AND (s2.scope = 'needs' AND v.kind = 'needs'
                    OR s2.scope = 'goals' AND v.kind IN ('goal', 'goal-note')
                    OR s2.scope = 'statements' AND v.kind = 'statement'
                    OR v.kind = 'about-me' AND s2.scope = 'about-me:' || v.item_key)
              WHERE v.resident_id = p.id),
             (SELECT min(s3.shared_at) FROM shares s3 WHERE s3.resident_id = p.id)),
    EXISTS (SELECT 1 FROM record_versions n WHERE n.resident_id = p.id AND n.kind = 'needs')
FROM people p JOIN wards w ON w.id = p.home_ward_id
WHERE EXISTS (SELECT 1 FROM shares s WHERE s.resident_id = p.id);
