-- duplicates: rows of the month identical in every column to another row (the real exports repeat some)
--
-- Rows are hashed and sorted so that equal hashes sit side by side; only rows whose hash repeats are
-- then compared column by column, so the count is exact.
--
-- columns:
--   duplicate_rows  BIGINT  rows beyond the first of each set of identical rows
--   most_copies     BIGINT  the most copies of one row
WITH hashed AS (
  SELECT hash(event_time, event_type, product_id, category_id, category_code, brand, price, user_id, user_session) AS row_hash
  FROM month_events
),
repeated AS (
  SELECT DISTINCT row_hash
  FROM (SELECT row_hash, lag(row_hash) OVER (ORDER BY row_hash) AS previous FROM hashed)
  WHERE previous = row_hash
),
copies AS (
  SELECT count(*) AS copies
  FROM month_events
  WHERE hash(event_time, event_type, product_id, category_id, category_code, brand, price, user_id, user_session)
    IN (SELECT row_hash FROM repeated)
  GROUP BY event_time, event_type, product_id, category_id, category_code, brand, price, user_id, user_session
  HAVING count(*) > 1
)
SELECT coalesce(sum(copies - 1), 0)::BIGINT AS duplicate_rows, coalesce(max(copies), 1)::BIGINT AS most_copies
FROM copies
