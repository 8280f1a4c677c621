-- Feedback campaigns and the dashboards' month key. Kept in step with
-- ../postgres/20261201000012_campaigns.sql (a test compares the two).

-- A campaign: its questions are answered at /c/{slug} from opens_on to closes_on (UK dates,
-- yyyymmdd, both days included). About a service, or (service_id NULL) the neighbourhood teams.
CREATE TABLE campaigns (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    service_id BIGINT REFERENCES services (id),
    opens_on BIGINT NOT NULL,
    closes_on BIGINT NOT NULL,
    owner_id BIGINT NOT NULL REFERENCES people (id),
    owner_name TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE campaign_neighbourhoods (
    campaign_id BIGINT NOT NULL REFERENCES campaigns (id),
    neighbourhood_id BIGINT NOT NULL REFERENCES neighbourhoods (id),
    PRIMARY KEY (campaign_id, neighbourhood_id)
);

-- A question, in `position` order. `choices`: one per line (one and several choices).
CREATE TABLE campaign_questions (
    id INTEGER PRIMARY KEY,
    campaign_id BIGINT NOT NULL REFERENCES campaigns (id),
    position BIGINT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('fft', 'rating', 'one', 'several', 'text', 'statement')),
    prompt TEXT NOT NULL,
    required BOOLEAN NOT NULL,
    choices TEXT NOT NULL,
    other BOOLEAN NOT NULL,
    statement_code TEXT
);
CREATE INDEX campaign_questions_campaign_idx ON campaign_questions (campaign_id, position);

-- One set of answers. person_id: the signed-in resident who answered (one each); NULL when
-- anonymous or entered by staff (assisted_by_*). `month`: the UK month it was given, yyyymm.
CREATE TABLE campaign_responses (
    id INTEGER PRIMARY KEY,
    campaign_id BIGINT NOT NULL REFERENCES campaigns (id),
    neighbourhood_id BIGINT REFERENCES neighbourhoods (id),
    person_id BIGINT REFERENCES people (id),
    assisted_by_id BIGINT REFERENCES people (id),
    assisted_by_name TEXT,
    month BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX campaign_responses_person_idx ON campaign_responses (campaign_id, person_id);
CREATE INDEX campaign_responses_month_idx ON campaign_responses (campaign_id, month);

-- An answer: a rating, a choice as offered, a statement's truth code, an FFT code, 'other'
-- or 'text' (with the words in `words`). Several choices are several rows.
CREATE TABLE campaign_answers (
    id INTEGER PRIMARY KEY,
    response_id BIGINT NOT NULL REFERENCES campaign_responses (id),
    question_id BIGINT NOT NULL REFERENCES campaign_questions (id),
    value TEXT NOT NULL,
    words TEXT
);
CREATE INDEX campaign_answers_response_idx ON campaign_answers (response_id);
CREATE INDEX campaign_answers_question_idx ON campaign_answers (question_id, value);

-- An FFT answered in a campaign is feedback like any other (moderated, on the dashboards).
-- `month`: the UK month it was given, yyyymm, so the dashboards group without time zones.
ALTER TABLE feedback ADD COLUMN campaign_id BIGINT REFERENCES campaigns (id);
ALTER TABLE feedback ADD COLUMN response_id BIGINT REFERENCES campaign_responses (id);
ALTER TABLE feedback ADD COLUMN month BIGINT NOT NULL DEFAULT 0;
-- The UK month differs from the UTC month only in the last hour of a month while British
-- Summer Time is in force, which is every month from March to September.
UPDATE feedback SET month = CAST(strftime('%Y%m', (created_at / 1000)
        + CASE WHEN CAST(strftime('%m', created_at / 1000, 'unixepoch') AS INTEGER) BETWEEN 3 AND 9
               THEN 3600 ELSE 0 END, 'unixepoch') AS INTEGER);
CREATE INDEX feedback_month_idx ON feedback (month, neighbourhood_id);
