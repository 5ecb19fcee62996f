-- profile: what a file being ingested holds, for the source drift checks (data-loaders/ingest/drift.ts);
-- one row, recorded in the ingest manifest next to the file's entry with what the Parquet writer
-- counted as it wrote the rows (rows, first and last event, empty values, smallest and largest ids)
--
-- Reads `ingest_profile_source`: the file's rows as they were written (rejected records left out), and
-- `ingest_profile_sample`: a sample of them, blocks of rows drawn at random, about 200,000 rows (every
-- row of a smaller file); drift.ts defines both. Quantiles and medians are those of the sample (the value
-- at rank floor(q × (n - 1)) of its n sorted values); the rest is exact (DuckDB's approx_count_distinct
-- was 7 to 16% off on a month of the demo data: no use for a profile).
--
-- columns:
--   days           BIGINT                 UTC days with an event
--   event_types    MAP(VARCHAR, HUGEINT)  rows per event type
--   price_zero     HUGEINT                rows with a price of 0
--   price          DOUBLE[]               price quantiles 0.05, 0.25, 0.5, 0.75, 0.95 over prices above 0
--   product_id, category_id, user_id  BIGINT  median id
--   users, products, sessions  BIGINT     distinct user ids, product ids and non-empty sessions
WITH per_day AS (
  SELECT event_time::DATE AS day, event_type, count(*) AS rows, count(*) FILTER (price = 0) AS price_zero
  FROM ingest_profile_source
  GROUP BY ALL
),
sampled AS (
  SELECT
    quantile_disc(price::DOUBLE, [0.05, 0.25, 0.5, 0.75, 0.95]) FILTER (price > 0) AS price,
    quantile_disc(product_id, 0.5) AS product_id,
    quantile_disc(category_id, 0.5) AS category_id,
    quantile_disc(user_id, 0.5) AS user_id
  FROM ingest_profile_sample
)
SELECT
  (SELECT count(DISTINCT day) FROM per_day) AS days,
  (SELECT map_from_entries(list((event_type, rows))) FROM (SELECT event_type, sum(rows) AS rows FROM per_day GROUP BY event_type)) AS event_types,
  (SELECT sum(price_zero) FROM per_day) AS price_zero,
  sampled.*,
  (SELECT count(DISTINCT user_id) FROM ingest_profile_source) AS users,
  (SELECT count(DISTINCT product_id) FROM ingest_profile_source) AS products,
  (SELECT count(DISTINCT user_session) FROM ingest_profile_source) AS sessions
FROM sampled
