-- The dashboards' counts, kept as feedback arrives, so a dashboard reads at most a few thousand
-- rows however many answers there are (issue 13: two million answers took seconds to group).
-- One row per UK month, neighbourhood (0: none given), campaign (0: none) and FFT answer; and
-- per month, neighbourhood, campaign and set of statement tags (as stored, space-separated).
-- Every insert into feedback adds one to its rows in the same transaction; feedback is never
-- deleted, and a change of status does not change what is counted.
CREATE TABLE feedback_fft_counts (
    month BIGINT NOT NULL,
    neighbourhood_id BIGINT NOT NULL,
    campaign_id BIGINT NOT NULL,
    fft TEXT NOT NULL,
    count BIGINT NOT NULL,
    PRIMARY KEY (month, neighbourhood_id, campaign_id, fft)
);
INSERT INTO feedback_fft_counts (month, neighbourhood_id, campaign_id, fft, count)
SELECT month, coalesce(neighbourhood_id, 0), coalesce(campaign_id, 0), fft, count(*)
FROM feedback GROUP BY month, coalesce(neighbourhood_id, 0), coalesce(campaign_id, 0), fft;

CREATE TABLE feedback_tag_counts (
    month BIGINT NOT NULL,
    neighbourhood_id BIGINT NOT NULL,
    campaign_id BIGINT NOT NULL,
    statements TEXT NOT NULL,
    count BIGINT NOT NULL,
    PRIMARY KEY (month, neighbourhood_id, campaign_id, statements)
);
INSERT INTO feedback_tag_counts (month, neighbourhood_id, campaign_id, statements, count)
SELECT month, coalesce(neighbourhood_id, 0), coalesce(campaign_id, 0), statements, count(*)
FROM feedback WHERE statements <> ''
GROUP BY month, coalesce(neighbourhood_id, 0), coalesce(campaign_id, 0), statements;

-- The team lead's "read this week" per member of staff: one index walk per person, not a scan
-- of every acknowledgement.
CREATE INDEX acknowledgements_staff_idx ON acknowledgements (staff_id, neighbourhood_id, created_at);

-- The queue's counts (all, with needs, not yet read) from the index alone: at city size a
-- team's 7,000 rows read from the table took 9 ms of the queue page's time; 0.6 ms this way.
CREATE INDEX team_queue_counts_idx ON team_queue (neighbourhood_id, has_needs, unacknowledged);
