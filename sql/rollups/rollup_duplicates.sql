-- rollup_duplicates: rows of the month identical in every column to another row (the real exports repeat some)
--
-- Rows are hashed on four fixed-width columns to 32 bits and sorted so that equal hashes sit side by
-- side (sorting beats grouping here, and 4-byte keys sort faster than 8-byte ones); only rows whose hash
-- repeats are then compared on every column, so the count is exact.
--
-- columns:
--   duplicate_rows  BIGINT  rows beyond the first of each set of identical rows
--   most_copies     BIGINT  the most copies of one row
WITH keyed AS (
  SELECT narrow_hash(event_time, event_type, product_id, user_id) AS narrow FROM events
),
repeated AS (
  SELECT DISTINCT narrow
  FROM (SELECT narrow, lag(narrow) OVER (ORDER BY narrow) AS previous FROM keyed)
  WHERE previous = narrow
),
copies AS (
  SELECT count(*) AS copies
  FROM events
  WHERE narrow_hash(event_time, event_type, product_id, user_id) IN (SELECT narrow FROM repeated)
  GROUP BY event_time, event_type, product_id, category_id, category_code, brand, price, user_id, user_session
  HAVING count(*) > 1
)
SELECT coalesce(sum(copies - 1), 0)::BIGINT AS duplicate_rows, coalesce(max(copies), 1)::BIGINT AS most_copies
FROM copies
