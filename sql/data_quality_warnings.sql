-- data_quality_warnings: what in the data looks wrong, by month or ingested file (shown on the data
-- quality page and printed by the build; the limits are in clickstream.config.json, "warnings")
--
-- columns:
--   month    VARCHAR  YYYY-MM, or NULL for a warning about an ingested file
--   warning  VARCHAR  what is wrong, in words
WITH limits AS (
  SELECT
    getvariable('max_empty_brand_share') AS brand, getvariable('max_empty_category_code_share') AS category,
    getvariable('max_empty_session_share') AS session, getvariable('max_price_zero_share') AS price_zero,
    getvariable('max_duplicate_share') AS duplicate, getvariable('max_shared_session_share') AS shared,
    getvariable('max_rejected_share') AS rejected
),
by_month AS (
  SELECT month, format('{:.1f}% of rows have no brand (limit {:.1f}%)', 100 * empty_brand_share, 100 * brand) AS warning
  FROM data_quality, limits WHERE empty_brand_share > brand
  UNION ALL
  SELECT month, format('{:.1f}% of rows have no category_code (limit {:.1f}%)', 100 * empty_category_code_share, 100 * category)
  FROM data_quality, limits WHERE empty_category_code_share > category
  UNION ALL
  SELECT month, format('{:.2f}% of rows have no session id (limit {:.2f}%)', 100 * empty_session_share, 100 * session)
  FROM data_quality, limits WHERE empty_session_share > session
  UNION ALL
  SELECT month, format('{:.2f}% of rows have price 0 (limit {:.2f}%)', 100 * price_zero_share, 100 * price_zero)
  FROM data_quality, limits WHERE price_zero_share > price_zero
  UNION ALL
  SELECT month, format('{:.2f}% of rows are exact duplicates (limit {:.2f}%)', 100 * duplicate_share, 100 * duplicate)
  FROM data_quality, limits WHERE duplicate_share > duplicate
  UNION ALL
  SELECT month, format('{:.3f}% of sessions are shared by several users (limit {:.3f}%)', 100 * shared_session_share, 100 * shared)
  FROM data_quality, limits WHERE shared_session_share > shared
),
by_file AS (
  SELECT NULL AS month, format('{}: {} of {} rows rejected ({:.2f}%, limit {:.2f}%); see {}', name, rows_rejected, rows_read,
    100 * rows_rejected / rows_read, 100 * rejected, rejects_file) AS warning
  FROM ingest_files, limits
  WHERE rows_read > 0 AND rows_rejected / rows_read > rejected
)
SELECT * FROM by_month
UNION ALL
SELECT * FROM by_file
ORDER BY month NULLS LAST, warning
