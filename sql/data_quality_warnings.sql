-- data_quality_warnings: what in the data looks wrong, by month, ingested file or reference file (shown
-- on the data quality page and printed by the build; the limits are in clickstream.config.json,
-- "warnings" and "reference")
--
-- columns:
--   month    VARCHAR  YYYY-MM, or NULL for a warning about an ingested or reference file
--   warning  VARCHAR  what is wrong, in words
WITH shares AS (
  UNPIVOT (
    SELECT month, empty_brand_share, empty_category_code_share, empty_session_share, price_zero_share,
      duplicate_share, shared_session_share
    FROM data_quality
  ) ON COLUMNS(* EXCLUDE month) INTO NAME measure VALUE share
),
limits AS (
  SELECT * FROM (VALUES
    ('empty_brand_share', getvariable('max_empty_brand_share'), 'of rows have no brand'),
    ('empty_category_code_share', getvariable('max_empty_category_code_share'), 'of rows have no category_code'),
    ('empty_session_share', getvariable('max_empty_session_share'), 'of rows have no session id'),
    ('price_zero_share', getvariable('max_price_zero_share'), 'of rows have price 0'),
    ('duplicate_share', getvariable('max_duplicate_share'), 'of rows are exact duplicates'),
    ('shared_session_share', getvariable('max_shared_session_share'), 'of sessions are shared by several users')
  ) AS l(measure, max_share, what)
)
SELECT month, format('{:.2f}% {} (limit {:.2f}%)', 100 * share, what, 100 * max_share) AS warning
FROM shares JOIN limits USING (measure)
WHERE share > max_share
UNION ALL
SELECT NULL, format('{}: {} of {} rows rejected ({:.2f}%, limit {:.2f}%); see {}', name, rows_rejected, rows_read,
  100 * rows_rejected / rows_read, 100 * getvariable('max_rejected_share'), rejects_file)
FROM ingest_files
WHERE rows_read > 0 AND rows_rejected / rows_read > getvariable('max_rejected_share')
UNION ALL
-- the reference files (reference.action "warn"; "block" stops the build instead, sql/checks/)
SELECT NULL, format('{} names {:.1f}% of the events (limit {:.1f}%)', file, 100 * event_share, 100 * getvariable('reference_min_event_share'))
FROM reference_coverage
WHERE getvariable('reference_action') = 'warn' AND entries > 0 AND event_share < getvariable('reference_min_event_share')
UNION ALL
SELECT NULL, format('{}: {} of its {} entries match nothing in the data', file, unused_entries, entries)
FROM reference_coverage
WHERE getvariable('reference_action') <> 'off' AND unused_entries > 0
ORDER BY month NULLS LAST, warning
