-- Staff respond and propose goals; residents reply and decide. Kept in step with
-- ../postgres/20261130000010_responses.sql (a test compares the two).

-- A conversation per part of a resident's record (the needs, an About Me section, a goal)
-- between the resident (or a carer acting for them) and the team serving their neighbourhood.
-- Staff never edit the resident's words: a response is its own row, kept for ever. `seen_at`
-- is when the resident (or their carer) first opened the part after a team message arrived.
CREATE TABLE responses (
    id INTEGER PRIMARY KEY,
    resident_id BIGINT NOT NULL REFERENCES people (id),
    neighbourhood_id BIGINT NOT NULL REFERENCES neighbourhoods (id),
    kind TEXT NOT NULL CHECK (kind IN ('needs', 'about-me', 'goal')),
    item_key TEXT NOT NULL,
    author_id BIGINT NOT NULL REFERENCES people (id),
    author_name TEXT NOT NULL,
    author_role TEXT NOT NULL,
    team_name TEXT,
    acting_for_id BIGINT REFERENCES people (id),
    from_team BOOLEAN NOT NULL,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    seen_at BIGINT
);
CREATE INDEX responses_part_idx ON responses (resident_id, kind, item_key, id);
CREATE INDEX responses_unseen_idx ON responses (resident_id, from_team, seen_at);

-- A goal a member of staff proposes (FHIR Goal lifecycle `proposed`). The resident accepts it
-- (`active`: version 1 of a goal of their own, written by them, whose key is `goal_key`) or
-- declines it (`rejected`, with a reason if they like). The proposal keeps the staff member's
-- words as they wrote them.
CREATE TABLE goal_proposals (
    id INTEGER PRIMARY KEY,
    resident_id BIGINT NOT NULL REFERENCES people (id),
    neighbourhood_id BIGINT NOT NULL REFERENCES neighbourhoods (id),
    staff_id BIGINT NOT NULL REFERENCES people (id),
    staff_name TEXT NOT NULL,
    staff_role TEXT NOT NULL,
    team_name TEXT NOT NULL,
    description TEXT NOT NULL,
    why TEXT,
    status TEXT NOT NULL CHECK (status IN ('proposed', 'active', 'rejected')),
    reason TEXT,
    goal_key TEXT,
    decided_by BIGINT REFERENCES people (id),
    decided_by_name TEXT,
    created_at BIGINT NOT NULL,
    decided_at BIGINT
);
CREATE INDEX goal_proposals_resident_idx ON goal_proposals (resident_id, id);

-- The queue's goal filters: an active shared goal; a proposal waiting for the resident.
ALTER TABLE team_queue ADD COLUMN active_goals BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE team_queue ADD COLUMN open_proposals BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE team_queue SET active_goals = EXISTS (
    SELECT 1 FROM record_versions g JOIN shares s ON s.resident_id = g.resident_id
       AND s.scope = 'goals'
     WHERE g.resident_id = team_queue.resident_id AND g.kind = 'goal'
       AND g.body LIKE '%"lifecycle":"active"%'
       AND g.version = (SELECT max(g2.version) FROM record_versions g2
                         WHERE g2.resident_id = g.resident_id AND g2.kind = 'goal'
                           AND g2.item_key = g.item_key));
