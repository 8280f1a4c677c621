-- Postcode districts (the outward code: M8, M21) and the wards in them, so a resident can find
-- their home ward from their postcode. A district can cover several wards. The demo's table
-- is small and illustrative (the page says so); a real one is loaded the same way.
-- Kept in step with ../postgres/20261130000006_where_i_live.sql (a test compares the two).

CREATE TABLE postcode_districts (
    district TEXT NOT NULL,
    ward_id BIGINT NOT NULL REFERENCES wards (id),
    PRIMARY KEY (district, ward_id)
);
