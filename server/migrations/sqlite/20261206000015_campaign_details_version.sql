-- Each save of a campaign's details counts up its version: a save made on details that
-- another officer changed since the page was opened is refused rather than overwriting them.
ALTER TABLE campaigns ADD COLUMN details_version BIGINT NOT NULL DEFAULT 1;
