-- The published stories and the feedback kept for the service are read newest first by
-- neighbourhood or by service: each walks one of these down from its newest row (only
-- `(status, id)` before, so a team lead's page of their neighbourhood's private feedback
-- read past the other neighbourhoods' rows, most of two million at city size). Kept in step
-- with ../sqlite/20261206000017_feedback_pages.sql (a test compares the two).
CREATE INDEX feedback_status_neighbourhood_idx ON feedback (status, neighbourhood_id, id);
CREATE INDEX feedback_status_service_idx ON feedback (status, service_id, id);
