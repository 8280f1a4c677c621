-- The city's geography, the people who use Hive, and their sessions.
-- Kept in step with ../postgres/20261122000001_foundation.sql (a test compares the two).
-- Times are milliseconds since the Unix epoch (UTC) in both backends.

CREATE TABLE neighbourhoods (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    locality TEXT NOT NULL CHECK (locality IN ('north', 'central', 'south')),
    created_at BIGINT NOT NULL
);

CREATE TABLE wards (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    neighbourhood_id BIGINT NOT NULL REFERENCES neighbourhoods (id),
    created_at BIGINT NOT NULL
);
CREATE INDEX wards_neighbourhood_idx ON wards (neighbourhood_id);

-- One integrated neighbourhood team per neighbourhood.
CREATE TABLE teams (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    neighbourhood_id BIGINT NOT NULL UNIQUE REFERENCES neighbourhoods (id),
    created_at BIGINT NOT NULL
);

-- Everyone who uses Hive. Residents' records, carers' permissions and the access log refer to
-- people(id); staff belong to exactly one team. People are deactivated, never deleted.
CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (
        role IN ('resident', 'carer', 'practitioner', 'team_lead', 'engagement_officer', 'admin')
    ),
    team_id BIGINT REFERENCES teams (id),
    home_ward_id BIGINT REFERENCES wards (id),
    email TEXT,
    demo_key TEXT UNIQUE,
    demo_description TEXT,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    created_at BIGINT NOT NULL,
    CHECK ((role IN ('practitioner', 'team_lead')) = (team_id IS NOT NULL))
);
CREATE INDEX people_team_idx ON people (team_id);
CREATE INDEX people_home_ward_idx ON people (home_ward_id);

-- Sessions, in the shape tower-sessions' SQLite store reads and writes.
CREATE TABLE sessions (
    id TEXT PRIMARY KEY NOT NULL,
    data BLOB NOT NULL,
    expiry_date INTEGER NOT NULL
);
CREATE INDEX sessions_expiry_idx ON sessions (expiry_date);
