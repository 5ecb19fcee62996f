-- data_quality: per month, the figures that say whether the data can be trusted
--
-- Shares are of the month's rows. Sessions are those seen in the month.
--
-- columns:
--   month                     VARCHAR    YYYY-MM
--   rows                      BIGINT     events
--   first_time                TIMESTAMP  first event
--   last_time                 TIMESTAMP  last event
--   empty_brand_rows          BIGINT     rows without a brand
--   empty_brand_share         DOUBLE     empty_brand_rows / rows
--   empty_category_code_rows  BIGINT     rows without a category_code
--   empty_category_code_share DOUBLE     empty_category_code_rows / rows
--   empty_session_rows        BIGINT     rows without a session id
--   empty_session_share       DOUBLE     empty_session_rows / rows
--   price_zero_rows           BIGINT     rows with price 0
--   price_zero_share          DOUBLE     price_zero_rows / rows
--   duplicate_rows            BIGINT     rows identical to another row of the month
--   duplicate_share           DOUBLE     duplicate_rows / rows
--   most_copies               BIGINT     the most copies of one row
--   sessions                  BIGINT     distinct session ids in the month
--   shared_sessions           BIGINT     session ids seen with more than one user id
--   shared_session_share      DOUBLE     shared_sessions / sessions
WITH day_rows AS (
  SELECT month, sum(events)::BIGINT AS rows, min(first_time) AS first_time, max(last_time) AS last_time
  FROM rollup_days GROUP BY month
),
product_rows AS (
  SELECT
    month,
    coalesce(sum(events) FILTER (brand IS NULL), 0)::BIGINT AS empty_brand_rows,
    coalesce(sum(events) FILTER (category_code IS NULL), 0)::BIGINT AS empty_category_code_rows,
    sum(price_zero)::BIGINT AS price_zero_rows
  FROM rollup_products GROUP BY month
)
SELECT
  d.month, d.rows, d.first_time, d.last_time,
  p.empty_brand_rows, p.empty_brand_rows / d.rows AS empty_brand_share,
  p.empty_category_code_rows, p.empty_category_code_rows / d.rows AS empty_category_code_share,
  s.empty_session_rows, s.empty_session_rows / d.rows AS empty_session_share,
  p.price_zero_rows, p.price_zero_rows / d.rows AS price_zero_share,
  u.duplicate_rows, u.duplicate_rows / d.rows AS duplicate_share, u.most_copies,
  s.sessions, s.shared_sessions, CASE WHEN s.sessions > 0 THEN s.shared_sessions / s.sessions ELSE 0 END AS shared_session_share
FROM day_rows d
JOIN product_rows p USING (month)
JOIN rollup_session_stats s USING (month)
JOIN rollup_duplicates u USING (month)
ORDER BY d.month
